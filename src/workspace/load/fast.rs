//! The fast way in, for a file of the usual shape without any problem: the workspace is built
//! straight from the TOML events ([`super::stream`]), with no syntax tree in between.
//!
//! The usual shape is what whoowns writes and what people write by hand: `whoowns = 1`, then
//! `[workspace]`, `[rules]`, `[[department]]` tables, `[[responsibility]]` tables (after the
//! departments) and `[[decision]]` tables, with plain keys and inline tables. Whatever else
//! (a dotted key, a `[responsibility.funding]` header, `[[conflict]]` tables, a syntax error, a
//! duplicate key, an unknown key or id, any value the format does not take) gives `None`, and
//! [`super::parse`] goes the general way, which reads any TOML and reports every problem with
//! its position. So this path never has to describe a problem: it only has to be sure there is
//! none, and to build exactly what the general way builds.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::fast_fields::{
    Marks, date, department_field, has, id, optional, required, responsibility_field, role_field,
    rules_field,
};
use super::stream::{Cursor, Scalar, for_each_piece};
use super::{
    DECISION_KEYS, DEPARTMENT_KEYS, INFO_KEYS, Parsed, RESPONSIBILITY_KEYS, RULES_KEYS, SourceMap,
    TOP_KEYS, slot, values::integer_text,
};
use crate::workspace::decision_id::ImplicitIds;
use crate::workspace::model::{
    Decision, Department, FORMAT_VERSION, ModelKind, Responsibility, RoleModel, RuleSettings,
    Workspace, WorkspaceInfo,
};
use toml_parser::parser::EventKind;

/// Where the pieces of a file read the fast way stand: each `[[responsibility]]` table from its
/// header up to the next header (or the end), comments and blank lines before that header
/// included.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub responsibilities: Vec<Range<usize>>,
    /// Whether the file is in the usual order: every other table before the first
    /// responsibility, and only decisions after the last one.
    pub in_order: bool,
    /// Whether the file has a `[rules]` table.
    pub has_rules: bool,
}

/// The workspace of `text` and where its pieces stand, when the text has the usual shape and
/// no problem at all; `None` sends the caller the general way.
pub(crate) fn parse(text: &str) -> Option<(Parsed, Layout)> {
    let mut builder = Builder::default();
    for_each_piece(text, |cursor| builder.piece(cursor))?;
    let (workspace, source_map, layout, _) = builder.finish(text.len())?;
    let parsed = Parsed {
        workspace,
        source_map,
    };
    Some((parsed, layout))
}

/// What a save needs to know of the file it rewrites (see [`compare`]).
pub(crate) struct Comparison {
    /// The file's workspace without its responsibilities (they are compared, not kept).
    pub workspace: Workspace,
    pub layout: Layout,
    /// Per responsibility: whether the file's equals the one of the workspace to save.
    pub same: Vec<bool>,
}

/// Reads `text` the fast way and compares each of its responsibilities, as soon as it is read,
/// with the one at the same position in `responsibilities`, keeping none of them: what a save
/// piece by piece needs, at the cost of one read and with no second copy of the workspace.
/// `None` when the text goes the general way or its responsibilities are not the same ones
/// (by id, in order).
pub(crate) fn compare(text: &str, responsibilities: &[Responsibility]) -> Option<Comparison> {
    let mut builder = Builder {
        against: Some(responsibilities),
        ..Builder::default()
    };
    for_each_piece(text, |cursor| builder.piece(cursor))?;
    let (workspace, _, layout, same) = builder.finish(text.len())?;
    (same.len() == responsibilities.len()).then_some(Comparison {
        workspace,
        layout,
        same,
    })
}

/// The kind of table the keys being read belong to.
#[derive(Clone, Copy, PartialEq)]
enum Table {
    Root,
    Info,
    Rules,
    Department,
    Responsibility,
    Decision,
}

impl Table {
    fn keys(self) -> &'static [&'static str] {
        match self {
            Table::Root => TOP_KEYS,
            Table::Info => INFO_KEYS,
            Table::Rules => RULES_KEYS,
            Table::Department => DEPARTMENT_KEYS,
            Table::Responsibility => RESPONSIBILITY_KEYS,
            Table::Decision => DECISION_KEYS,
        }
    }
}

struct Builder<'a> {
    /// When comparing (see [`compare`]): the responsibilities each one read is compared with,
    /// by position; the ones read are then not kept.
    against: Option<&'a [Responsibility]>,
    /// Per responsibility read, when comparing: whether it equals its counterpart.
    same: Vec<bool>,
    /// How many responsibilities were read.
    count: usize,
    table: Table,
    /// The keys of the current table already read, one bit per position in its key list.
    seen: u32,
    /// The role lists of the current responsibility already read, one bit per role.
    roles_seen: u32,
    /// The role model (`[workspace] model`, a built-in one: a custom model goes the general
    /// way).
    model: RoleModel,
    version: bool,
    info: Option<WorkspaceInfo>,
    rules: Option<RuleSettings>,
    departments: Vec<Department>,
    /// The department ids and positions, gathered at the first responsibility (departments
    /// come before).
    known: FxHashMap<String, usize>,
    /// Per department, the role list that last named it: how repeats are found.
    marks: Marks,
    responsibilities: Vec<Responsibility>,
    decisions: Vec<Decision>,
    source_map: SourceMap,
    layout: Layout,
    /// The responsibility whose piece runs until the next header.
    open_piece: Option<usize>,
}

impl Default for Builder<'_> {
    fn default() -> Self {
        Builder {
            against: None,
            same: Vec::new(),
            count: 0,
            table: Table::Root,
            seen: 0,
            roles_seen: 0,
            model: RoleModel::default(),
            version: false,
            info: None,
            rules: None,
            departments: Vec::new(),
            known: FxHashMap::default(),
            marks: Marks::default(),
            responsibilities: Vec::new(),
            decisions: Vec::new(),
            source_map: SourceMap::default(),
            layout: Layout {
                in_order: true,
                ..Layout::default()
            },
            open_piece: None,
        }
    }
}

impl Builder<'_> {
    /// Reads one piece of the file: a table header and its keys (or the keys before the first
    /// header).
    fn piece(&mut self, cursor: &mut Cursor<'_, '_>) -> Option<()> {
        while let Some(event) = cursor.next() {
            match event.kind() {
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                    let is_array = event.kind() == EventKind::ArrayTableOpen;
                    let key_event = cursor.next()?;
                    if key_event.kind() != EventKind::SimpleKey {
                        return None;
                    }
                    let key = cursor.key(key_event)?;
                    let close = cursor.next()?;
                    // A dotted header (`[responsibility.funding]`) goes the general way.
                    if !matches!(
                        close.kind(),
                        EventKind::StdTableClose | EventKind::ArrayTableClose
                    ) {
                        return None;
                    }
                    let span = Cursor::span(event).start..Cursor::span(close).end;
                    self.header(is_array, &key, span)?;
                }
                EventKind::SimpleKey => {
                    let key = cursor.key(event)?;
                    if cursor.next()?.kind() != EventKind::KeyValSep {
                        return None;
                    }
                    self.field(cursor, &key)?;
                }
                _ => return None,
            }
        }
        Some(())
    }

    fn header(&mut self, is_array: bool, key: &str, span: Range<usize>) -> Option<()> {
        self.finish_table()?;
        self.compare_last()?;
        if let Some(open) = self.open_piece.take() {
            self.layout.responsibilities[open].end = span.start;
        }
        self.seen = 0;
        self.roles_seen = 0;
        let usual_place = match (is_array, key) {
            (true, "responsibility") => self.decisions.is_empty(),
            (true, "decision") => self.count > 0,
            _ => self.count == 0,
        };
        self.layout.in_order &= usual_place;
        self.table = match (is_array, key) {
            (false, "workspace") if self.info.is_none() => {
                self.info = Some(WorkspaceInfo::default());
                Table::Info
            }
            (false, "rules") if self.rules.is_none() => {
                self.rules = Some(RuleSettings::default());
                self.layout.has_rules = true;
                Table::Rules
            }
            (true, "department") if self.count == 0 => {
                self.departments.push(Department::default());
                self.source_map.departments.push(span);
                Table::Department
            }
            (true, "responsibility") => {
                if self.count == 0 {
                    self.known = (self.departments.iter().enumerate())
                        .map(|(i, d)| (d.id.clone(), i))
                        .collect();
                    self.marks.last = vec![0; self.departments.len()];
                }
                self.count += 1;
                self.responsibilities.push(Responsibility::default());
                self.open_piece = Some(self.layout.responsibilities.len());
                self.layout.responsibilities.push(span.start..span.start);
                self.source_map.responsibilities.push(span);
                Table::Responsibility
            }
            (true, "decision") => {
                self.decisions.push(Decision::default());
                Table::Decision
            }
            _ => return None,
        };
        Some(())
    }

    /// When comparing, compares the responsibility just read with its counterpart and lets it
    /// go; `None` when their ids differ.
    fn compare_last(&mut self) -> Option<()> {
        let Some(against) = self.against else {
            return Some(());
        };
        if self.table != Table::Responsibility {
            return Some(());
        }
        let read = self.responsibilities.pop()?;
        let counterpart = against.get(self.same.len())?;
        if read.id != counterpart.id {
            return None;
        }
        self.same.push(read == *counterpart);
        Some(())
    }

    /// Checks that the table just read has every key it must have.
    fn finish_table(&self) -> Option<()> {
        let keys = self.table.keys();
        let must: &[&str] = match self.table {
            Table::Root | Table::Rules => &[],
            Table::Info => &["name"],
            Table::Department | Table::Responsibility => &["id", "name"],
            Table::Decision => &["date", "text"],
        };
        must.iter()
            .all(|key| has(keys, self.seen, key))
            .then_some(())
    }

    /// Reads the value of `key` in the current table.
    fn field(&mut self, cursor: &mut Cursor<'_, '_>, key: &str) -> Option<()> {
        let Some(position) = slot(self.table.keys(), key) else {
            if self.table != Table::Responsibility {
                return None;
            }
            let role = self.model.by_key(key)?;
            let bit = 1u32 << role.index();
            if self.roles_seen & bit != 0 {
                return None;
            }
            self.roles_seen |= bit;
            let r = self.responsibilities.last_mut()?;
            return role_field(r, role, &self.known, &mut self.marks, cursor);
        };
        let bit = 1u32.checked_shl(u32::try_from(position).ok()?)?;
        if self.seen & bit != 0 {
            return None;
        }
        self.seen |= bit;
        match self.table {
            Table::Root => {
                let Scalar::Integer(digits, radix) = cursor.scalar()? else {
                    return None;
                };
                let version = key == "whoowns" && integer_text(&digits, radix)? == FORMAT_VERSION;
                self.version = version;
                version.then_some(())
            }
            Table::Info => {
                let info = self.info.as_mut()?;
                match key {
                    "name" => info.name = required(cursor.string()?)?,
                    "organization" => info.organization = optional(cursor)?,
                    "facilitator" => info.facilitator = optional(cursor)?,
                    "purpose" => info.purpose = optional(cursor)?,
                    "currency" => info.currency = optional(cursor)?,
                    "date" => info.date = Some(date(cursor)?),
                    "review_by" => info.review_by = Some(date(cursor)?),
                    // The model must be known before the first responsibility is read.
                    "model" if self.count == 0 => {
                        let kind = ModelKind::parse(&cursor.string()?)?;
                        self.model = RoleModel::builtin(kind)?;
                    }
                    _ => return None,
                }
                Some(())
            }
            Table::Rules => rules_field(self.rules.as_mut()?, cursor, key),
            Table::Department => department_field(self.departments.last_mut()?, cursor, key),
            Table::Responsibility => {
                let r = self.responsibilities.last_mut()?;
                responsibility_field(r, &self.known, &self.model, cursor, key)
            }
            Table::Decision => {
                let d = self.decisions.last_mut()?;
                match key {
                    "id" => d.id = id(cursor)?,
                    "date" => d.date = date(cursor)?,
                    "responsibility" => d.responsibility = optional(cursor)?,
                    "text" => d.text = required(cursor.string()?)?,
                    _ => return None,
                }
                Some(())
            }
        }
    }

    /// The workspace read (without its responsibilities when comparing), where its items stand,
    /// and per responsibility whether it equals its counterpart (when comparing).
    fn finish(mut self, text_len: usize) -> Option<(Workspace, SourceMap, Layout, Vec<bool>)> {
        self.finish_table()?;
        self.compare_last()?;
        if let Some(open) = self.open_piece.take() {
            self.layout.responsibilities[open].end = text_len;
        }
        if !self.version {
            return None;
        }
        let info = self.info?;
        unique(self.departments.iter().map(|d| d.id.as_str()))?;
        // When comparing, the ids read are those of the counterparts (checked one by one).
        let read: &[Responsibility] = self.against.unwrap_or(&self.responsibilities);
        let read = &read[..self.count.min(read.len())];
        unique(read.iter().map(|r| r.id.as_str()))?;
        if self.decisions.iter().any(|d| d.responsibility.is_some()) {
            let known: FxHashSet<&str> = read.iter().map(|r| r.id.as_str()).collect();
            let all_known = self
                .decisions
                .iter()
                .filter_map(|d| d.responsibility.as_deref())
                .all(|id| known.contains(id));
            if !all_known {
                return None;
            }
        }
        let mut implicit = ImplicitIds::default();
        for decision in &mut self.decisions {
            if decision.id.is_empty() {
                decision.id = implicit.next(&decision.date, &decision.text);
            }
        }
        unique(self.decisions.iter().map(|d| d.id.as_str()))?;
        let workspace = Workspace {
            info,
            rules: self.rules.unwrap_or_default(),
            departments: self.departments,
            responsibilities: self.responsibilities,
            decisions: self.decisions,
            conflicts: Vec::new(),
            waivers: Vec::new(),
            model: self.model,
        };
        Some((workspace, self.source_map, self.layout, self.same))
    }
}

/// `Some` when no id is used twice.
fn unique<'a>(ids: impl Iterator<Item = &'a str>) -> Option<()> {
    let mut seen = FxHashSet::default();
    ids.into_iter().all(|id| seen.insert(id)).then_some(())
}
