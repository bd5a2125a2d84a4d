//! Reading the role model the general way: `[workspace] model = "..."` and, for a custom
//! model, its `[[role]]` tables, every problem reported with its position.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::values::{did_you_mean, kind};
use super::{Fields, ROLE_KEYS, Reader};
use crate::workspace::model::{Meaning, Meanings, ModelKind, RoleDef, RoleModel, is_valid_id};

/// The `model = ...` of `[workspace]`, as written, with its span.
pub(super) type ModelName = Option<(String, Range<usize>)>;

impl Reader {
    /// The `model` key of `[workspace]`, if it is there and a string (anything else is reported).
    pub(super) fn model_name(&mut self, f: &Fields<'_, '_>) -> ModelName {
        let v = f.get("model")?;
        match v.get_ref() {
            DeValue::String(s) => Some((s.to_string(), v.span())),
            other => {
                self.error(
                    v.span(),
                    format!(
                        "`model` in `[workspace]` must be the name of a role model such as \"raci\", found {}",
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    /// The workspace's role model from its `model` name and `[[role]]` tables; RACI when
    /// neither is there. When the model is unusable (reported), the roles that could be read
    /// still check the responsibilities' keys, so nothing is reported twice.
    pub(super) fn role_model(
        &mut self,
        name: ModelName,
        roles: Option<Vec<(&DeTable<'_>, Range<usize>)>>,
    ) -> RoleModel {
        let known = || {
            ModelKind::ALL
                .iter()
                .map(|k| k.key())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let kind = match &name {
            None => ModelKind::Raci,
            Some((text, span)) => match ModelKind::parse(text) {
                Some(kind) => kind,
                None => {
                    let names: Vec<&str> = ModelKind::ALL.iter().map(|k| k.key()).collect();
                    let hint = did_you_mean(text, &names);
                    self.error(
                        span.clone(),
                        format!(
                            "unknown role model `{text}` in `[workspace]`; {hint}known models: {}",
                            known()
                        ),
                    );
                    return RoleModel::default();
                }
            },
        };
        if kind != ModelKind::Custom {
            for (_, span) in roles.iter().flatten() {
                self.error(
                    span.clone(),
                    format!(
                        "`[[role]]` tables define a custom model, but this workspace's model is `{}`: set `model = \"custom\"` in `[workspace]` or remove the table",
                        kind.key()
                    ),
                );
            }
            return RoleModel::builtin(kind).unwrap_or_default();
        }
        let tables = roles.unwrap_or_default();
        let mut defs = Vec::with_capacity(tables.len());
        let mut spans = Vec::with_capacity(tables.len());
        for (n, (table, span)) in tables.into_iter().enumerate() {
            let (def, fields) = self.role_def(table, span.clone(), n + 1);
            defs.push(def);
            spans.push((span, fields));
        }
        match RoleModel::custom(defs.clone()) {
            Ok(model) => model,
            Err(problems) => {
                let model_span = name.map_or(0..0, |(_, span)| span);
                for problem in problems {
                    let span = problem.role.and_then(|i| spans.get(i)).map_or(
                        model_span.clone(),
                        |(table, fields)| {
                            problem
                                .field
                                .and_then(|f| fields.iter().find(|(k, _)| *k == f))
                                .map_or(table.clone(), |(_, s)| s.clone())
                        },
                    );
                    self.error(span, problem.message);
                }
                let usable: Vec<RoleDef> = defs.into_iter().filter(|d| !d.key.is_empty()).collect();
                RoleModel::unchecked(usable)
            }
        }
    }

    /// One `[[role]]` table, with the spans of its fields for later messages.
    fn role_def(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        number: usize,
    ) -> (RoleDef, Vec<(&'static str, Range<usize>)>) {
        let f = self.fields(table, span, ROLE_KEYS, format!("role #{number}"));
        let spans = ROLE_KEYS
            .iter()
            .filter_map(|k| f.get(k).map(|v| (*k, v.span())))
            .collect();
        let key = self.required_string(&f, "key");
        if !key.is_empty() && !is_valid_id(&key) {
            let at = f.get("key").map_or(f.span.clone(), Spanned::span);
            self.error(
                at,
                format!(
                    "malformed role key \"{key}\" in {}: keys are lowercase letters, digits, `-` and `_`",
                    f.what
                ),
            );
        }
        let name = self.required_string(&f, "name");
        let letter_text = self.required_string(&f, "letter");
        let mut letters = letter_text.chars();
        let letter = match (letters.next(), letters.next()) {
            (Some(c), None) if !c.is_control() && !c.is_whitespace() => c,
            _ => {
                if !letter_text.is_empty() {
                    let at = f.get("letter").map_or(f.span.clone(), Spanned::span);
                    self.error(
                        at,
                        format!(
                            "`letter` in {} must be one character, such as \"O\", found \"{letter_text}\"",
                            f.what
                        ),
                    );
                }
                // A stand-in no real letter equals, so no duplicate is reported for it.
                char::from_u32(0xE000 + number as u32).unwrap_or('\u{E000}')
            }
        };
        let means = self.means(&f);
        let meaning = self.optional_string(&f, "meaning").unwrap_or_else(|| {
            means
                .iter()
                .map(Meaning::words)
                .collect::<Vec<_>>()
                .join(" and ")
        });
        let def = RoleDef {
            key,
            name,
            letter,
            means,
            meaning,
        };
        (def, spans)
    }

    /// `means = "does"` or `means = ["answers", "decides"]`.
    fn means(&mut self, f: &Fields<'_, '_>) -> Meanings {
        let known = || {
            Meaning::ALL
                .iter()
                .map(|m| m.key())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some(v) = f.get("means") else {
            self.error(
                f.span.clone(),
                format!(
                    "missing `means` in {}: one meaning or a list of them, from: {}",
                    f.what,
                    known()
                ),
            );
            return Meanings::default();
        };
        let items: Vec<&Spanned<DeValue<'_>>> = match v.get_ref() {
            DeValue::String(_) => vec![v],
            DeValue::Array(items) => items.iter().collect(),
            other => {
                self.error(
                    v.span(),
                    format!(
                        "`means` in {} must be a meaning or a list of them, found {}",
                        f.what,
                        kind(other)
                    ),
                );
                return Meanings::default();
            }
        };
        let mut means = Meanings::default();
        for item in items {
            let DeValue::String(word) = item.get_ref() else {
                self.error(
                    item.span(),
                    format!(
                        "`means` in {} must hold meanings as strings, found {}",
                        f.what,
                        kind(item.get_ref())
                    ),
                );
                continue;
            };
            match Meaning::parse(word) {
                Some(m) => means = means.with(m),
                None => {
                    let words: Vec<&str> = Meaning::ALL.iter().map(|m| m.key()).collect();
                    let hint = did_you_mean(word, &words);
                    self.error(
                        item.span(),
                        format!(
                            "unknown meaning `{word}` in {}; {hint}known meanings: {}",
                            f.what,
                            known()
                        ),
                    );
                }
            }
        }
        means
    }
}

/// What an unknown key in a responsibility of a model other than RACI is told: the model's
/// roles, and the models that have the key, if any (a RACI `accountable` in a
/// does-decides-answers file), with `whoowns convert`, which moves a file between them.
pub(super) fn roles_hint(model: Option<&RoleModel>, key: &str) -> String {
    let Some(model) = model.filter(|m| !m.is_raci()) else {
        return String::new();
    };
    let roles = format!(
        "the `{}` model's roles are {}; ",
        model.name(),
        model.keys().collect::<Vec<_>>().join(", ")
    );
    let models: Vec<&str> = ModelKind::ALL
        .iter()
        .filter_map(|&kind| RoleModel::builtin(kind))
        .filter(|m| m.by_key(key).is_some())
        .map(|m| m.name())
        .collect();
    if models.is_empty() {
        return roles;
    }
    format!(
        "{roles}`{key}` is a role of {} (`whoowns convert` rewrites a file from one model to another); ",
        models.join(" and ")
    )
}
