//! Reading a workspace from TOML text, reporting every problem with its position.
//!
//! The text is parsed once into a spanned TOML tree, then walked by hand so that every unknown
//! key, wrong type and semantic mistake is reported (not just the first), each with its span.

use std::fmt;
use std::ops::Range;

use rustc_hash::FxHashMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::model::{
    FORMAT_VERSION, RoleModel, RuleSettings, Workspace, WorkspaceInfo, is_valid_id,
};
use super::source::Diagnostic;

mod claims;
mod conflicts;
mod fast;
mod fast_fields;
mod items;
mod lists;
mod model;
mod refs;
mod scalars;
mod stream;
mod values;
mod waivers;

pub(crate) use fast::compare;

use refs::Ids;
pub use refs::id_from_name;
pub use values::is_valid_date;
use values::{describe, did_you_mean, integer, kind};

/// Where the items of a loaded workspace stand in its file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceMap {
    /// Span of each `[[department]]` table, in workspace order.
    pub departments: Vec<Range<usize>>,
    /// Span of each `[[responsibility]]` table, in workspace order.
    pub responsibilities: Vec<Range<usize>>,
}

/// A successfully read workspace and where its items stand in the text.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub workspace: Workspace,
    pub source_map: SourceMap,
}

const TOP_KEYS: &[&str] = &[
    "whoowns",
    "workspace",
    "rules",
    "department",
    "responsibility",
    "decision",
    "conflict",
    "waiver",
    "role",
];
const WAIVER_KEYS: &[&str] = &["rule", "responsibility", "department", "reason", "date"];
const INFO_KEYS: &[&str] = &[
    "name",
    "organization",
    "facilitator",
    "purpose",
    "currency",
    "date",
    "model",
    "review_by",
];
const RULES_KEYS: &[&str] = &["max_accountable", "disable", "severity"];
const DEPARTMENT_KEYS: &[&str] = &["id", "name", "lead", "signed"];
const SIGNED_KEYS: &[&str] = &["by", "date", "part", "open"];
const CLAIM_KEYS: &[&str] = &["role", "reason", "status", "answer", "date", "raised_by"];
/// A responsibility's keys besides its role lists (which come from the model).
const RESPONSIBILITY_KEYS: &[&str] = crate::workspace::model::FIXED_KEYS;
/// The keys of a `[[role]]` table of a custom model.
const ROLE_KEYS: &[&str] = &["key", "name", "letter", "means", "meaning"];
const DECISION_KEYS: &[&str] = &["id", "date", "responsibility", "department", "text"];

/// Parses and validates workspace text, returning every problem found when it is unusable.
///
/// A file of the usual shape without problems is read the fast way ([`fast`]); anything else
/// goes the general way, through a spanned TOML tree, which reports every problem.
pub fn parse(text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    match fast::parse(text) {
        Some((parsed, _)) => Ok(parsed),
        None => parse_general(text),
    }
}

/// [`parse`] the general way only: any TOML, every problem reported with its position.
pub(crate) fn parse_general(text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let (root, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        let mut diagnostics: Vec<Diagnostic> = syntax_errors
            .iter()
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                Diagnostic::new(span, format!("invalid TOML: {}", e.message().trim()))
            })
            .collect();
        diagnostics.sort_by_key(|d| d.span.start);
        return Err(diagnostics);
    }
    let mut reader = Reader::default();
    let (workspace, source_map) = reader.workspace(root.get_ref(), text.len());
    if reader.diagnostics.is_empty() {
        Ok(Parsed {
            workspace,
            source_map,
        })
    } else {
        let mut diagnostics = reader.diagnostics;
        diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
        diagnostics.dedup();
        Err(diagnostics)
    }
}

#[derive(Default)]
struct Reader {
    diagnostics: Vec<Diagnostic>,
}

/// The fields of one table, after unknown keys were reported.
struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Range<usize>,
    what: What<'t, 'i>,
    /// The keys this kind of table may have...
    allowed: &'static [&'static str],
    /// ...and the value of each, found in one pass over the table (the first [`SLOTS`]).
    found: [Option<&'t Spanned<DeValue<'i>>>; SLOTS],
}

/// How many allowed keys [`Fields`] keeps at hand; any further ones are looked up.
const SLOTS: usize = 24;

/// Where `key` stands in `allowed`: compared byte by byte, as keys are short.
fn slot(allowed: &[&str], key: &str) -> Option<usize> {
    allowed
        .iter()
        .position(|a| a.len() == key.len() && a.bytes().zip(key.bytes()).all(|(x, y)| x == y))
}

/// The keys a message lists for a table: `allowed`, with a responsibility's role keys (of
/// `model`) after its first four keys, where RACI's have always stood.
fn listed_keys<'a>(allowed: &'a [&'a str], model: Option<&'a RoleModel>) -> Vec<&'a str> {
    let Some(model) = model else {
        return allowed.to_vec();
    };
    let at = allowed.len().min(4);
    let mut out = allowed[..at].to_vec();
    out.extend(model.keys());
    out.extend_from_slice(&allowed[at..]);
    out
}

/// What a table is, for messages (it shows with `{}`). An item's description is only written
/// out when a message needs it, so a file without problems formats none.
enum What<'t, 'i> {
    Text(String),
    Fixed(&'static str),
    /// `department "marketing"` when the table has a string id, else `a department`.
    Item(&'static str, &'t DeTable<'i>),
}

impl fmt::Display for What<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            What::Text(text) => f.write_str(text),
            What::Fixed(text) => f.write_str(text),
            What::Item(what, table) => match table.get("id").map(Spanned::get_ref) {
                Some(DeValue::String(id)) if !id.is_empty() => write!(f, "{what} \"{id}\""),
                _ => write!(f, "a {what}"),
            },
        }
    }
}

impl From<String> for What<'_, '_> {
    fn from(text: String) -> Self {
        What::Text(text)
    }
}

impl From<&'static str> for What<'_, '_> {
    fn from(text: &'static str) -> Self {
        What::Fixed(text)
    }
}

impl<'t, 'i> Fields<'t, 'i> {
    fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        match slot(self.allowed, key) {
            Some(i) if i < SLOTS => self.found[i],
            _ => self.table.get(key),
        }
    }
}

impl Reader {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::new(span, message));
    }

    /// Reports unknown keys of `table` and returns its fields.
    fn fields<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        span: Range<usize>,
        allowed: &'static [&'static str],
        what: impl Into<What<'t, 'i>>,
    ) -> Fields<'t, 'i> {
        self.fields_with_roles(table, span, allowed, None, what)
    }

    /// [`Reader::fields`] of a table that also holds the role lists of `model` (a
    /// responsibility), whose keys are then allowed too.
    fn fields_with_roles<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        span: Range<usize>,
        allowed: &'static [&'static str],
        model: Option<&RoleModel>,
        what: impl Into<What<'t, 'i>>,
    ) -> Fields<'t, 'i> {
        let what = what.into();
        let mut found = [None; SLOTS];
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            match slot(allowed, name) {
                Some(i) => {
                    if let Some(place) = found.get_mut(i) {
                        *place = Some(value);
                    }
                }
                None if model.is_some_and(|m| m.by_key(name).is_some()) => {}
                None => {
                    let listed = listed_keys(allowed, model);
                    let hint = did_you_mean(name, &listed);
                    let roles = model::roles_hint(model, name);
                    self.error(
                        key.span(),
                        format!(
                            "unknown key `{name}` in {what}; {hint}{roles}expected one of: {}",
                            listed.join(", ")
                        ),
                    );
                }
            }
        }
        Fields {
            table,
            span,
            what,
            allowed,
            found,
        }
    }

    fn workspace(&mut self, root: &DeTable<'_>, text_len: usize) -> (Workspace, SourceMap) {
        let top = self.fields(root, 0..0, TOP_KEYS, "the top level");
        let start = 0..text_len.min(1);
        match top.get("whoowns") {
            None => self.error(
                start.clone(),
                format!("missing format version: add `whoowns = {FORMAT_VERSION}` at the top"),
            ),
            Some(v) => match v.get_ref() {
                DeValue::Integer(i) if integer(i) == Some(FORMAT_VERSION) => {}
                DeValue::Integer(i) => self.error(
                    v.span(),
                    format!(
                        "unsupported format version {}; this whoowns reads version {FORMAT_VERSION}",
                        i.as_str()
                    ),
                ),
                other => self.error(
                    v.span(),
                    format!(
                        "`whoowns` is the format version: expected the integer {FORMAT_VERSION}, found {}",
                        kind(other)
                    ),
                ),
            },
        }
        let (info, model_name) = match top.get("workspace") {
            Some(v) => match v.get_ref() {
                DeValue::Table(t) => self.info(t, v.span()),
                other => {
                    self.error(
                        v.span(),
                        format!("`workspace` must be a table, found {}", kind(other)),
                    );
                    (WorkspaceInfo::default(), None)
                }
            },
            None => {
                self.error(
                    start,
                    "missing `[workspace]` table with at least `name = \"...\"`",
                );
                (WorkspaceInfo::default(), None)
            }
        };
        let role_tables = self.array_of_tables(&top, "role");
        let model = self.role_model(model_name, role_tables);
        let rules = match top.get("rules") {
            Some(v) => match v.get_ref() {
                DeValue::Table(t) => self.rules(t, v.span()),
                other => {
                    self.error(
                        v.span(),
                        format!("`rules` must be a table, found {}", kind(other)),
                    );
                    RuleSettings::default()
                }
            },
            None => RuleSettings::default(),
        };
        let (departments, department_spans) = self.items(&top, "department", Self::department);
        let known = Ids::new(departments.iter().map(|d| (d.id.as_str(), d.name.as_str())));
        let mut responsibilities = Vec::new();
        let mut responsibility_spans = Vec::new();
        if let Some(tables) = self.array_of_tables(&top, "responsibility") {
            responsibilities.reserve_exact(tables.len());
            responsibility_spans.reserve_exact(tables.len());
            for (table, span) in tables {
                responsibilities.push(self.responsibility(table, span.clone(), &known, &model));
                responsibility_spans.push(span);
            }
        }
        self.unique_ids(
            "department",
            departments.iter().map(|d| d.id.as_str()),
            &department_spans,
        );
        self.unique_ids(
            "responsibility",
            responsibilities.iter().map(|r| r.id.as_str()),
            &responsibility_spans,
        );
        let known_responsibilities = Ids::new(
            responsibilities
                .iter()
                .map(|r| (r.id.as_str(), r.name.as_str())),
        );
        let mut decisions = Vec::new();
        let mut decision_spans = Vec::new();
        if let Some(tables) = self.array_of_tables(&top, "decision") {
            let mut implicit = super::decision_id::ImplicitIds::default();
            for (n, (table, span)) in tables.into_iter().enumerate() {
                let mut decision =
                    self.decision(table, span.clone(), n + 1, &known_responsibilities, &known);
                if decision.id.is_empty() {
                    decision.id = implicit.next(&decision.date, &decision.text);
                }
                decisions.push(decision);
                decision_spans.push(span);
            }
        }
        self.unique_ids(
            "decision",
            decisions.iter().map(|d| d.id.as_str()),
            &decision_spans,
        );
        let waivers = match self.array_of_tables(&top, "waiver") {
            Some(tables) => tables
                .into_iter()
                .enumerate()
                .map(|(n, (table, span))| {
                    self.waiver(table, span, n + 1, &known, &known_responsibilities)
                })
                .collect(),
            None => Vec::new(),
        };
        let mut workspace = Workspace {
            info,
            rules,
            departments,
            responsibilities,
            decisions,
            conflicts: Vec::new(),
            waivers,
            model,
        };
        if let Some(tables) = self.array_of_tables(&top, "conflict") {
            workspace.conflicts = self.conflicts(tables, &workspace);
        }

        let source_map = SourceMap {
            departments: department_spans,
            responsibilities: responsibility_spans,
        };
        (workspace, source_map)
    }

    fn items<T>(
        &mut self,
        top: &Fields<'_, '_>,
        key: &str,
        read: fn(&mut Self, &DeTable<'_>, Range<usize>) -> T,
    ) -> (Vec<T>, Vec<Range<usize>>) {
        let mut items = Vec::new();
        let mut spans = Vec::new();
        if let Some(tables) = self.array_of_tables(top, key) {
            for (table, span) in tables {
                items.push(read(self, table, span.clone()));
                spans.push(span);
            }
        }
        (items, spans)
    }

    fn array_of_tables<'t, 'i>(
        &mut self,
        top: &Fields<'t, 'i>,
        key: &str,
    ) -> Option<Vec<(&'t DeTable<'i>, Range<usize>)>> {
        let value = top.get(key)?;
        let DeValue::Array(array) = value.get_ref() else {
            self.error(
                value.span(),
                format!(
                    "`{key}` must be an array of tables, written `[[{key}]]`, found {}",
                    kind(value.get_ref())
                ),
            );
            return None;
        };
        let mut tables = Vec::with_capacity(array.len());
        for item in array.iter() {
            match item.get_ref() {
                DeValue::Table(t) => tables.push((t, item.span())),
                other => self.error(
                    item.span(),
                    format!(
                        "each `{key}` must be a table, written `[[{key}]]`, found {}",
                        kind(other)
                    ),
                ),
            }
        }
        Some(tables)
    }

    fn id(&mut self, f: &Fields<'_, '_>) -> String {
        let id = self.required_string(f, "id");
        if !id.is_empty() && !is_valid_id(&id) {
            let span = f.get("id").map_or(f.span.clone(), Spanned::span);
            self.error(
                span,
                format!(
                    "malformed id \"{id}\" in {}: ids are lowercase letters, digits, `-` and `_`, starting with a letter or digit{}",
                    f.what,
                    Some(id_from_name(&id))
                        .filter(|intended| !intended.is_empty())
                        .map_or_else(String::new, |intended| format!(" (such as `{intended}`)"))
                ),
            );
        }
        id
    }

    fn unique_ids<'a>(
        &mut self,
        what: &str,
        ids: impl Iterator<Item = &'a str>,
        spans: &[Range<usize>],
    ) {
        let mut first: FxHashMap<&str, usize> = FxHashMap::default();
        for (n, id) in ids.enumerate() {
            if id.is_empty() {
                continue;
            }
            if let Some(&earlier) = first.get(id) {
                let span = spans.get(n).cloned().unwrap_or(0..0);
                self.error(
                    span,
                    format!(
                        "duplicate {what} id `{id}`: {what} #{} already uses it",
                        earlier + 1
                    ),
                );
            } else {
                first.insert(id, n);
            }
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod fast_tests;

#[cfg(test)]
mod model_tests;

#[cfg(test)]
mod claims_tests;
