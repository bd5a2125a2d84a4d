//! Finding the RACI table in a sheet: its heading row (anywhere in the first rows), the task
//! column (by what its cells hold, whatever its heading), the department columns, and whether
//! the table is transposed (a column per role, department names in the cells).

use super::sheet::{Row, Sheet};
use super::{is_empty_cell, is_mark, parse_cell_in, slug};
use crate::workspace::{ModelKind, Role, RoleModel};

/// How a table lays out its roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A row per task, a column per department, role letters in the cells.
    Matrix,
    /// A row per task, a column per role, department names in the cells.
    Transposed,
}

/// What a column of the table holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Col {
    Task,
    Area,
    Description,
    Notes,
    Id,
    /// A department of the matrix layout, by index into [`Found::departments`].
    Department(usize),
    /// A role of the transposed layout.
    Role(Role),
    /// A column not yet placed (while finding the table).
    Ignored,
    /// A column with a heading that holds no roles (numbering, status...): not read, reported.
    Skipped,
    /// No heading.
    Unnamed,
}

/// A table found in a sheet.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// Index of the heading row.
    pub header: usize,
    pub layout: Layout,
    pub columns: Vec<Col>,
    /// Departments of the matrix layout: id, name (as headed) and every column headed so.
    pub departments: Vec<(String, String, Vec<usize>)>,
}

/// How many rows from the top the heading row may be.
const HEADING_SEARCH_ROWS: usize = 40;
/// How many rows under a candidate heading row are looked at to judge its columns.
const SAMPLE_ROWS: usize = 200;

const TASK_WORDS: &[&str] = &[
    "task",
    "tasks",
    "activity",
    "activities",
    "deliverable",
    "deliverables",
    "responsibility",
    "responsibilities",
    "process",
    "item",
    "items",
    "work",
    "step",
    "steps",
    "milestone",
    "decision",
    "decisions",
    "duty",
    "duties",
    "element",
];
const AREA_HEADINGS: &[&str] = &[
    "area",
    "category",
    "group",
    "section",
    "phase",
    "stage",
    "workstream",
    "stream",
    "domain",
];
const DESCRIPTION_HEADINGS: &[&str] = &["description", "details", "detail"];
const NOTES_HEADINGS: &[&str] = &["notes", "note", "comments", "comment", "remarks"];
/// Headings of columns that are never departments (numbering, progress, dates).
const IGNORED_HEADINGS: &[&str] = &[
    "#",
    "no",
    "no.",
    "nr",
    "number",
    "ref",
    "wbs",
    "status",
    "progress",
    "priority",
    "due",
    "due date",
    "date",
    "start",
    "end",
    "owner",
    "comments/notes",
];

/// A heading as compared: trimmed, lower case, without a trailing `:` and bold markers.
pub(super) fn norm(cell: &str) -> String {
    cell.trim()
        .trim_matches('*')
        .trim()
        .trim_end_matches(':')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn words(cell: &str) -> Vec<String> {
    norm(cell)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn heading_in(cell: &str, names: &[&str]) -> bool {
    let cell = norm(cell);
    names.iter().any(|n| *n == cell)
}

pub(super) fn is_task_heading(cell: &str) -> bool {
    words(cell).iter().any(|w| TASK_WORDS.contains(&w.as_str())) || heading_in(cell, &["name"])
}

/// The role a transposed table's column heading names ("Responsible", "Accountable (A)",
/// "Consulted agents", or the letter alone).
pub(super) fn heading_role(model: &RoleModel, cell: &str) -> Option<Role> {
    let n = norm(cell);
    let mut letters = n.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        return model.by_letter(c.to_ascii_uppercase());
    }
    // "Primary (R)", "Sign-off (A)": the letter in the trailing parentheses.
    if let Some(inner) = n
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
        .map(|(_, inner)| inner.trim())
        && let mut letters = inner.chars()
        && let (Some(c), None) = (letters.next(), letters.next())
        && let Some(role) = model.by_letter(c.to_ascii_uppercase())
    {
        return Some(role);
    }
    let first = words(cell).into_iter().next()?;
    model.by_key(&first).or_else(|| {
        model
            .roles()
            .find(|r| model.label(*r).to_lowercase() == first)
    })
}

/// What a body cell holds, for judging a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Empty,
    Roles,
    /// `X`: takes part, role unsaid.
    Mark,
    /// Letters of another built-in model (`S` in a RACI table).
    OtherModel,
    Text,
}

pub(super) fn kind(model: &RoleModel, text: &str) -> Kind {
    if is_empty_cell(text) {
        Kind::Empty
    } else if is_mark(text) {
        Kind::Mark
    } else if parse_cell_in(model, text).is_some() {
        Kind::Roles
    } else if other_models(text).next().is_some() {
        Kind::OtherModel
    } else {
        Kind::Text
    }
}

/// The built-in models other than RACI whose letters read `text`.
pub(super) fn other_models(text: &str) -> impl Iterator<Item = ModelKind> + '_ {
    ModelKind::ALL
        .into_iter()
        .filter(|k| !matches!(k, ModelKind::Raci | ModelKind::Custom))
        .filter(move |k| RoleModel::builtin(*k).is_some_and(|m| parse_cell_in(&m, text).is_some()))
}

/// A legend row: "Legend: ...", "Key", "R = Responsible", or a letter alone with its word.
pub(super) fn is_legend_row(model: &RoleModel, row: &Row) -> bool {
    // Read for every row of a table: its first two filled cells, nothing allocated for ASCII.
    let mut filled = row.iter().map(str::trim).filter(|c| !c.is_empty());
    let Some(first) = filled.next() else {
        return false;
    };
    let second = filled.next();
    // What follows `word` (any case) at the start of the first cell.
    let after = |word: &str| {
        first
            .as_bytes()
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word.as_bytes()))
            .then(|| &first[word.len()..])
    };
    if after("legend").is_some()
        || ["key", "raci key", "raci legend", "raci guide"]
            .iter()
            .any(|w| after(w).is_some_and(|rest| rest.is_empty() || rest.starts_with(':')))
    {
        return true;
    }
    // "R = Responsible", "A: Accountable", "R - does the work"
    let mut chars = first.chars();
    if let (Some(letter), Some(sep)) = (chars.next(), chars.find(|c| !c.is_whitespace()))
        && letter.is_alphabetic()
        && first
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_whitespace() || "=:".contains(c))
        && "=:-\u{2013}\u{2014}".contains(sep)
        && model.by_letter(letter).is_some()
    {
        return true;
    }
    // A legend table's row: "R | Responsible | does the work".
    if let Some(word) = second
        && let mut chars = first.trim_matches('*').trim().chars()
        && let (Some(c), None) = (chars.next(), chars.next())
        && let Some(role) = model.by_letter(c.to_ascii_uppercase())
    {
        let word = norm(word);
        let first = word.split_whitespace().next().unwrap_or_default();
        return first == model.label(role).to_lowercase() || model.by_key(first) == Some(role);
    }
    false
}

/// Finds the table: the first row of the first [`HEADING_SEARCH_ROWS`] that heads a task
/// column and at least one department (or role) column, and is not a legend.
pub(super) fn find(sheet: &Sheet, model: &RoleModel) -> Option<Found> {
    find_from(sheet, model, 0)
}

/// [`find`] from row `from` on: the first of the [`HEADING_SEARCH_ROWS`] rows there that
/// heads a table.
pub(super) fn find_from(sheet: &Sheet, model: &RoleModel, from: usize) -> Option<Found> {
    let end = sheet
        .rows
        .len()
        .min(from.saturating_add(HEADING_SEARCH_ROWS));
    (from..end).find_map(|h| heading_at(sheet, model, h))
}

/// The table whose heading is row `h`, if that row heads one.
pub(super) fn heading_at(sheet: &Sheet, model: &RoleModel, h: usize) -> Option<Found> {
    let heading = &sheet.rows[h];
    let filled = heading.iter().filter(|c| !c.trim().is_empty()).count();
    if filled < 2 || is_legend_row(model, heading) {
        return None;
    }
    // The head of a legend table ("Letter | Role | Description" over "R | Responsible | ...").
    if sheet.rows[h + 1..]
        .iter()
        .find(|r| r.iter().any(|c| !c.trim().is_empty()))
        .is_some_and(|r| is_legend_row(model, r))
    {
        return None;
    }
    let body: Vec<&Row> = sheet.rows[h + 1..]
        .iter()
        .take_while(|r| !is_legend_row(model, r))
        .take(SAMPLE_ROWS)
        .collect();
    let width = heading.len();
    let kinds = |c: usize| {
        body.iter()
            .map(move |r| kind(model, r.get(c).unwrap_or_default()))
    };
    let counts: Vec<Counts> = (0..width).map(|c| Counts::of(kinds(c))).collect();
    // Transposed: two or more columns headed by roles, holding names rather than letters.
    let role_columns: Vec<(usize, Role)> = heading
        .iter()
        .enumerate()
        .filter_map(|(c, cell)| heading_role(model, cell).map(|r| (c, r)))
        .collect();
    let transposed = role_columns.len() >= 2
        && role_columns
            .iter()
            .all(|(c, _)| counts[*c].text * 2 >= counts[*c].filled());
    let mut columns = vec![Col::Unnamed; width];
    for (c, cell) in heading.iter().enumerate() {
        if cell.trim().is_empty() {
            continue;
        }
        columns[c] = if heading_in(cell, &["id"]) {
            Col::Id
        } else if heading_in(cell, AREA_HEADINGS) {
            Col::Area
        } else if heading_in(cell, DESCRIPTION_HEADINGS) {
            Col::Description
        } else if heading_in(cell, NOTES_HEADINGS) {
            Col::Notes
        } else if heading_in(cell, IGNORED_HEADINGS) {
            Col::Skipped
        } else {
            Col::Ignored
        };
    }
    if transposed {
        for (c, role) in &role_columns {
            columns[*c] = Col::Role(*role);
        }
    }
    // The task column: headed as one and not holding roles, else the first holding text.
    // A column of numbers ("1", "1.2", "2.3.1") numbers the tasks; it does not name them.
    let numbering = |c: usize| {
        let mut cells = body
            .iter()
            .filter_map(|r| r.get(c))
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .peekable();
        cells.peek().is_some()
            && cells.all(|t| t.chars().all(|ch| ch.is_ascii_digit() || ch == '.'))
    };
    let free = |c: usize, columns: &[Col]| {
        columns[c] == Col::Ignored && !counts[c].mostly_roles() && !numbering(c)
    };
    let by_heading = (0..width).find(|&c| {
        (free(c, &columns) || (columns[c] == Col::Ignored && counts[c].filled() == 0))
            && is_task_heading(&heading[c])
    });
    // Else the first column of text, headed or not (a matrix often leaves its corner blank).
    let task = by_heading.or_else(|| {
        (0..width).find(|&c| {
            let open = free(c, &columns)
                || (columns[c] == Col::Unnamed && !counts[c].mostly_roles() && !numbering(c));
            open && counts[c].text > 0
        })
    })?;
    columns[task] = Col::Task;
    for (c, col) in columns.iter_mut().enumerate() {
        if *col == Col::Unnamed && numbering(c) {
            *col = Col::Skipped;
        }
    }
    let mut departments: Vec<(String, String, Vec<usize>)> = Vec::new();
    if !transposed {
        for c in 0..width {
            // A column that holds role letters is a department's even where most of its cells
            // are text: those cells are then reported at their row and column, never dropped
            // with the column.
            if columns[c] != Col::Ignored || !(counts[c].mostly_roles() || counts[c].roles > 0) {
                continue;
            }
            let name = clean_heading(&heading[c]);
            let id = slug(&name);
            if id.is_empty() {
                continue;
            }
            match departments.iter().position(|(i, ..)| *i == id) {
                Some(d) => {
                    departments[d].2.push(c);
                    columns[c] = Col::Department(d);
                }
                None => {
                    departments.push((id, name, vec![c]));
                    columns[c] = Col::Department(departments.len() - 1);
                }
            }
        }
        if departments.is_empty() {
            return None;
        }
        // A title row ("RACI matrix, , , Version 2") over the real heading: the row under it
        // names things in every column taken for a department.
        if let Some(next) = body.iter().find(|r| r.iter().any(|c| !c.trim().is_empty())) {
            let cells: Vec<Kind> = departments
                .iter()
                .flat_map(|(.., cols)| cols.iter())
                .filter_map(|&c| next.get(c))
                .map(|cell| kind(model, cell))
                .filter(|k| *k != Kind::Empty)
                .collect();
            if !cells.is_empty() && cells.iter().all(|k| *k == Kind::Text) {
                return None;
            }
        }
    }
    for col in &mut columns {
        if *col == Col::Ignored {
            *col = Col::Skipped;
        }
    }
    let has_roles = (0..width).any(|c| match columns[c] {
        Col::Department(_) => counts[c].roles + counts[c].marks + counts[c].other > 0,
        Col::Role(_) => counts[c].text > 0,
        _ => false,
    });
    let task_by_heading = by_heading.is_some();
    // A table not filled in yet is one when it heads a task column and departments; a table
    // with a single column beside its names (a sign-off list) is not.
    if !has_roles && (!task_by_heading || (!transposed && departments.len() < 2)) {
        return None;
    }
    let found = Found {
        header: h,
        layout: if transposed {
            Layout::Transposed
        } else {
            Layout::Matrix
        },
        columns,
        departments,
    };
    (!is_legend_table(&found, &body, model)).then_some(found)
}

/// A heading as a department's name: one line, spaces collapsed, bold markers off.
pub(super) fn clean_heading(cell: &str) -> String {
    super::unescape(cell.trim())
        .trim_matches('*')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A table that explains the letters ("R | Responsible | does the work"): each row names one
/// role, and no role twice.
fn is_legend_table(found: &Found, body: &[&Row], model: &RoleModel) -> bool {
    if found.layout != Layout::Matrix {
        return false;
    }
    let mut seen: Vec<Role> = Vec::new();
    let mut rows = 0;
    for row in body {
        let mut roles: Vec<Role> = Vec::new();
        for (c, col) in found.columns.iter().enumerate() {
            if let Col::Department(_) = col
                && let Some(cell) = row.get(c)
                && let Some(parsed) = parse_cell_in(model, cell)
            {
                for r in parsed {
                    if !roles.contains(&r) {
                        roles.push(r);
                    }
                }
            }
        }
        match roles.as_slice() {
            [] => {}
            [one] if !seen.contains(one) => {
                seen.push(*one);
                rows += 1;
            }
            _ => return false,
        }
    }
    rows >= 3.min(model.len())
}

/// Counts of a column's body cells by kind.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    roles: usize,
    marks: usize,
    other: usize,
    text: usize,
}

impl Counts {
    fn of(kinds: impl Iterator<Item = Kind>) -> Counts {
        let mut c = Counts::default();
        for k in kinds {
            match k {
                Kind::Empty => {}
                Kind::Roles => c.roles += 1,
                Kind::Mark => c.marks += 1,
                Kind::OtherModel => c.other += 1,
                Kind::Text => c.text += 1,
            }
        }
        c
    }

    fn filled(self) -> usize {
        self.roles + self.marks + self.other + self.text
    }

    /// Role cells (or marks, or another model's letters) are most of what it holds; an empty
    /// column counts (a template not filled in yet).
    fn mostly_roles(self) -> bool {
        self.text * 2 <= self.filled()
    }
}
