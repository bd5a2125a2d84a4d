//! Reading the settings text, reporting every problem at its line and column.

use std::ops::Range;
use std::path::PathBuf;

use toml::de::{DeTable, DeValue};

use super::super::action::Action;
use super::super::keymap::{Chord, Context, NAMES, Override};
use super::super::theme::ThemeName;
use super::{KEEP_DAYS_MAX, Panels, Settings};
use crate::workspace::{LineIndex, RoleModel};

const TOP_KEYS: &[&str] = &[
    "theme",
    "lens",
    "panels",
    "cursor",
    "keys",
    "recent",
    "keep_days",
];
const PANEL_KEYS: &[&str] = &["findings", "detail"];

struct Reader<'a> {
    text: &'a str,
    file: &'a str,
    lines: LineIndex,
    problems: Vec<String>,
}

impl Reader<'_> {
    fn at(&self, span: &Range<usize>) -> String {
        format!("{}:{}", self.file, self.lines.locate(self.text, span.start))
    }

    fn problem(&mut self, span: &Range<usize>, message: impl AsRef<str>) {
        let at = self.at(span);
        self.problems.push(format!("{at}: {}", message.as_ref()));
    }

    fn unknown_key(&mut self, span: &Range<usize>, name: &str, allowed: &[&str], what: &str) {
        let hint = suggestion(name, allowed.iter().copied())
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        self.problem(
            span,
            format!(
                "unknown setting `{name}` in {what}; {hint}expected one of: {}; it is ignored",
                allowed.join(", ")
            ),
        );
    }
}

/// Reads settings from `text`; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Settings {
    let mut reader = Reader {
        text,
        file,
        lines: LineIndex::new(text),
        problems: Vec::new(),
    };
    let (root, syntax_errors) = DeTable::parse_recoverable(text);
    for error in &syntax_errors {
        let span = error.span().unwrap_or(0..0);
        reader.problem(
            &span,
            format!(
                "invalid TOML: {}; what could not be read keeps its default",
                error.message().trim()
            ),
        );
    }
    let mut settings = Settings::default();
    let root = root.get_ref();
    // In file order, so the first problem reported is the first in the file.
    let mut entries: Vec<_> = root.iter().collect();
    entries.sort_by_key(|(_, value)| value.span().start);
    for (key, value) in entries {
        let name = key.get_ref().as_ref();
        let span = value.span();
        match (name, value.get_ref()) {
            ("theme", DeValue::String(s)) => match ThemeName::parse(s) {
                Some(theme) => settings.theme = Some(theme),
                None => {
                    let names: Vec<&str> = ThemeName::ALL.iter().map(|t| t.as_str()).collect();
                    let hint = suggestion(s, names.iter().copied())
                        .map(|s| format!("did you mean `{s}`? "))
                        .unwrap_or_default();
                    reader.problem(
                        &span,
                        format!(
                            "unknown theme `{s}`; {hint}expected one of: {}; the default theme is used",
                            names.join(", ")
                        ),
                    );
                }
            },
            ("lens", DeValue::String(s)) => match RoleModel::default().by_key(&s.to_lowercase()) {
                Some(role) => settings.lens = Some(role),
                None => reader.problem(
                    &span,
                    format!(
                        "unknown lens `{s}`; expected one of: accountable, responsible, \
                             consulted, informed; the Accountable lens is used"
                    ),
                ),
            },
            ("panels", DeValue::Table(table)) => settings.panels = panels(&mut reader, table),
            ("cursor", DeValue::Boolean(shown)) => settings.cursor = Some(*shown),
            ("keys", DeValue::Table(table)) => settings.keys = keys(&mut reader, table),
            ("recent", DeValue::Array(array)) => {
                for item in array.iter() {
                    match item.get_ref() {
                        DeValue::String(s) if !s.is_empty() => {
                            settings.recent.push(PathBuf::from(s.as_ref()));
                        }
                        other => reader.problem(
                            &item.span(),
                            format!(
                                "a recent workspace is a file path in quotes, found {}; it is left out",
                                kind(other)
                            ),
                        ),
                    }
                }
            }
            ("keep_days", DeValue::Integer(n)) => {
                match n.as_str().replace('_', "").parse::<u64>().ok().filter(|d| (1..=KEEP_DAYS_MAX).contains(d)) {
                    Some(days) => settings.keep_days = Some(days),
                    None => reader.problem(
                        &span,
                        format!(
                            "`keep_days` must be a number of days from 1 to {KEEP_DAYS_MAX}, found {}; \
                             {} days are kept",
                            n.as_str(),
                            super::KEEP_DAYS
                        ),
                    ),
                }
            }
            ("theme" | "lens" | "panels" | "cursor" | "keys" | "recent" | "keep_days", other) => {
                let expected = match name {
                    "theme" => "a theme name in quotes, such as \"high-contrast\"",
                    "lens" => "a lens name in quotes, such as \"responsible\"",
                    "panels" => "a table, such as `panels = { findings = true, detail = false }`",
                    "keys" => "a table, `[keys]`, of `action = \"key\"` lines",
                    "keep_days" => "a number of days, such as 30",
                    "cursor" => "true (the cursor stands on the selection) or false (hidden)",
                    _ => "a list of file paths, such as [\"/home/me/charter.toml\"]",
                };
                reader.problem(
                    &span,
                    format!(
                        "`{name}` must be {expected}, found {}; the default is used",
                        kind(other)
                    ),
                );
            }
            _ => reader.unknown_key(&key.span(), name, TOP_KEYS, "the settings"),
        }
    }
    settings.problems = reader.problems;
    settings.file = file.to_owned();
    settings
}

fn panels(reader: &mut Reader<'_>, table: &DeTable<'_>) -> Panels {
    let mut panels = Panels::default();
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        let slot = match name {
            "findings" => &mut panels.findings,
            "detail" => &mut panels.detail,
            _ => {
                reader.unknown_key(&key.span(), name, PANEL_KEYS, "[panels]");
                continue;
            }
        };
        match value.get_ref() {
            DeValue::Boolean(shown) => *slot = Some(*shown),
            other => reader.problem(
                &value.span(),
                format!(
                    "`panels.{name}` must be true or false, found {}; the panel is shown",
                    kind(other)
                ),
            ),
        }
    }
    panels
}

/// `[keys]`: `action = "key"` or `action = ["key", ...]` for every context that binds the
/// action, and `[keys.context]` tables of the same for one context.
fn keys(reader: &mut Reader<'_>, table: &DeTable<'_>) -> Vec<Override> {
    let mut overrides = Vec::new();
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        if let DeValue::Table(inner) = value.get_ref() {
            let Some(context) = Context::from_name(name) else {
                let names = Context::ALL.map(Context::name);
                let hint = suggestion(name, names.iter().copied())
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                reader.problem(
                    &key.span(),
                    format!(
                        "unknown context `[keys.{name}]`; {hint}expected one of: {}; its keys are ignored",
                        names.join(", ")
                    ),
                );
                continue;
            };
            for (key, value) in inner.iter() {
                let action = key.get_ref().as_ref();
                if let Some(o) = one_override(reader, Some(context), action, &key.span(), value) {
                    overrides.push(o);
                }
            }
        } else if let Some(o) = one_override(reader, None, name, &key.span(), value) {
            overrides.push(o);
        }
    }
    overrides.sort_by_key(|o| (o.at_offset, o.context.is_some()));
    overrides.into_iter().map(|o| o.value).collect()
}

/// An override and where it starts, for keeping file order (the TOML tree is sorted by name).
struct Placed {
    at_offset: usize,
    context: Option<Context>,
    value: Override,
}

fn one_override(
    reader: &mut Reader<'_>,
    context: Option<Context>,
    name: &str,
    key_span: &Range<usize>,
    value: &toml::Spanned<DeValue<'_>>,
) -> Option<Placed> {
    let Some(action) = Action::from_name(name) else {
        let hint = suggestion(name, NAMES.iter().map(|(_, n)| *n))
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        reader.problem(
            key_span,
            format!(
                "unknown action `{name}`; {hint}the README's \"Settings and keys\" lists the \
                 actions of each context; no keys are changed for it"
            ),
        );
        return None;
    };
    let written: Vec<(String, Range<usize>)> = match value.get_ref() {
        DeValue::String(s) => vec![(s.to_string(), value.span())],
        DeValue::Array(array) => {
            let mut keys = Vec::new();
            for item in array.iter() {
                match item.get_ref() {
                    DeValue::String(s) => keys.push((s.to_string(), item.span())),
                    other => reader.problem(
                        &item.span(),
                        format!("a key is written in quotes, such as \"ctrl+s\", found {}; it is left out", kind(other)),
                    ),
                }
            }
            keys
        }
        other => {
            reader.problem(
                &value.span(),
                format!(
                    "`{name}` takes a key or a list of keys, such as \"ctrl+s\" or [\"u\", \"ctrl+z\"], \
                     found {}; its default keys are kept",
                    kind(other)
                ),
            );
            return None;
        }
    };
    let mut keys = Vec::new();
    let mut bad = false;
    for (text, span) in written {
        match Chord::parse(&text) {
            Ok(chord) => keys.push(chord),
            Err(e) => {
                bad = true;
                reader.problem(&span, format!("{e}; `{name}` keeps its default keys"));
            }
        }
    }
    if bad {
        return None;
    }
    Some(Placed {
        at_offset: key_span.start,
        context,
        value: Override {
            context,
            action,
            keys,
            at: reader.at(key_span),
        },
    })
}

/// How a TOML value is called in messages.
fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn suggestion<'a>(name: &str, allowed: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    allowed
        .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}
