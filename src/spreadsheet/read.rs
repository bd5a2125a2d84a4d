//! Reading a RACI spreadsheet (CSV) into a workspace.

use std::collections::{HashMap, HashSet};

use csv::StringRecord;
use std::fmt;

use super::{column_name, parse_cell_in, slug};
use crate::workspace::{
    Department, Meaning, Meanings, ModelKind, Responsibility, RoleDef, RoleModel, Workspace,
    WorkspaceInfo, is_valid_id,
};

/// Headings of the column that names the tasks.
const TASK_HEADINGS: &[&str] = &[
    "task",
    "tasks",
    "responsibility",
    "responsibilities",
    "activity",
    "activities",
    "deliverable",
    "deliverables",
    "process",
    "item",
    "work",
];
const AREA_HEADINGS: &[&str] = &[
    "area",
    "category",
    "group",
    "section",
    "phase",
    "workstream",
];
const DESCRIPTION_HEADINGS: &[&str] = &["description", "details", "detail"];
const NOTES_HEADINGS: &[&str] = &["notes", "note", "comments", "comment", "remarks"];
const ID_HEADINGS: &[&str] = &["id", "key"];

/// A cell (or row) that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// 1-based row, as a spreadsheet numbers it.
    pub row: usize,
    /// 0-based column, when the problem is in one cell.
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(
                f,
                "row {}, column {}: {}",
                self.row,
                column_name(c),
                self.message
            ),
            None => write!(f, "row {}: {}", self.row, self.message),
        }
    }
}

/// A workspace read from a spreadsheet, and where its table was found.
#[derive(Debug, Clone)]
pub struct Imported {
    pub workspace: Workspace,
    /// 1-based row of the heading row.
    pub header_row: usize,
    /// The delimiter the file uses.
    pub delimiter: char,
}

/// What each column of the table holds.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    Task,
    Area,
    Description,
    Notes,
    Id,
    /// A department, by index into the workspace's departments.
    Department(usize),
    /// No heading.
    Unnamed,
}

/// Reads a RACI spreadsheet. `fallback_name` names the workspace when no title row stands
/// above the table.
///
/// The text is read once per delimiter only up to its heading row, then once more with the
/// delimiter chosen, row by row: no row is kept but the heading and the title, so the memory
/// needed is the workspace's, whatever the number of cells.
pub fn read_csv(bytes: &[u8], fallback_name: &str) -> Result<Imported, Vec<CellProblem>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![CellProblem {
            row: 1,
            column: None,
            message: "the file is not UTF-8 text; save the spreadsheet as \"CSV UTF-8\"".into(),
        }]);
    };
    let mut best: Option<(usize, char, Head)> = None;
    for delimiter in [',', ';', '\t'] {
        if let Some(head) = head(text, delimiter).map_err(|problem| vec![problem])? {
            let width = filled(&head.heading);
            if best.as_ref().is_none_or(|(w, ..)| width > *w) {
                best = Some((width, delimiter, head));
            }
        }
    }
    let Some((_, delimiter, head)) = best else {
        return Err(vec![CellProblem {
            row: 1,
            column: None,
            message: format!(
                "no heading row found: the table needs a row with a task column (headed {}) \
                 and a column per department",
                TASK_HEADINGS[..3].join(", ")
            ),
        }]);
    };
    let title = head.title.unwrap_or_else(|| fallback_name.to_owned());
    let model = legend_model(&head.legends).map_err(|problem| vec![problem])?;
    let mut table = Table::new(&head.heading, head.row + 1, title, model);
    each_record(text, delimiter, |n, record| {
        if n > head.row {
            table.row(record, n + 1);
        }
        true
    })
    .map_err(|problem| vec![problem])?;
    table.finish(head.row + 1, delimiter)
}

/// The model a legend row above the table names (`Legend: model rapid; ...`, as
/// [`super::write::model_legend`] writes it); RACI without one.
fn legend_model(rows: &[(usize, Vec<String>)]) -> Result<RoleModel, CellProblem> {
    for (n, row) in rows {
        let Some(cell) = row.iter().find(|c| !c.trim().is_empty()) else {
            continue;
        };
        let lower = cell.trim().to_lowercase();
        let Some(rest) = lower.split_once("model ").map(|(_, rest)| rest) else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let problem = |message: String| CellProblem {
            row: n + 1,
            column: None,
            message,
        };
        return match ModelKind::parse(&name) {
            Some(ModelKind::Custom) => custom_model(rows).map_err(|message| CellProblem {
                message,
                ..problem(String::new())
            }),
            Some(kind) => Ok(RoleModel::builtin(kind).unwrap_or_default()),
            None => Err(problem(format!(
                "unknown role model `{name}` in the legend; known models: {}",
                ModelKind::ALL.map(|k| k.key()).join(", ")
            ))),
        };
    }
    Ok(RoleModel::default())
}

/// A custom model from the legend rows of its roles (as [`super::write`] writes them):
/// `Legend: role`, key, name, letter, meanings (space-separated), plain words.
fn custom_model(rows: &[(usize, Vec<String>)]) -> Result<RoleModel, String> {
    let mut roles = Vec::new();
    for (_, row) in rows {
        let Some(first) = row.first() else { continue };
        if !first.trim().eq_ignore_ascii_case(super::write::ROLE_LEGEND) {
            continue;
        }
        let cell = |i: usize| row.get(i).map_or("", |c| unescape(c.trim()));
        if !is_valid_id(cell(1)) || cell(2).is_empty() || cell(4).is_empty() {
            return Err(format!(
                "a `Legend: role` row needs a key (lowercase letters, digits, `-` and `_`), a name, a letter and meanings, found \"{}\"",
                row.join(",")
            ));
        }
        let mut letters = cell(3).chars();
        let (Some(letter), None) = (letters.next(), letters.next()) else {
            return Err(format!(
                "the role `{}` in the legend needs a letter of one character, found \"{}\"",
                cell(1),
                cell(3)
            ));
        };
        let mut means = Vec::new();
        for word in cell(4).split_whitespace() {
            means.push(Meaning::parse(word).ok_or_else(|| {
                format!(
                    "unknown meaning `{word}` of the role `{}` in the legend; known meanings: {}",
                    cell(1),
                    Meaning::ALL.map(Meaning::key).join(", ")
                )
            })?);
        }
        let means = Meanings::of(&means);
        let implied: Vec<&str> = means.iter().map(Meaning::words).collect();
        roles.push(RoleDef {
            key: cell(1).to_owned(),
            name: cell(2).to_owned(),
            letter,
            means,
            meaning: match cell(5) {
                "" => implied.join(" and "),
                words => words.to_owned(),
            },
        });
    }
    if roles.is_empty() {
        return Err("a custom model's roles are missing: the legend needs a `Legend: role` row per role (key, name, letter, meanings, plain words), as `whoowns export --format csv` writes them".into());
    }
    RoleModel::custom(roles).map_err(|problems| {
        let messages: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        format!(
            "the custom model in the legend is unusable: {}",
            messages.join("; ")
        )
    })
}

/// What stands above the table: its heading row and the title, if any.
struct Head {
    /// 0-based record number of the heading row.
    row: usize,
    heading: StringRecord,
    /// The first row above the heading with one cell only (and no legend).
    title: Option<String>,
    /// The legend rows above the heading, each with its 0-based record number.
    legends: Vec<(usize, Vec<String>)>,
}

/// The heading row and title of `text` read with `delimiter`, if it has a heading row.
fn head(text: &str, delimiter: char) -> Result<Option<Head>, CellProblem> {
    let mut found = None;
    let mut title = None;
    let mut legends = Vec::new();
    each_record(text, delimiter, |n, record| {
        if is_heading(record) {
            found = Some((n, record.clone()));
            return false;
        }
        if is_legend(record) {
            legends.push((n, record.iter().map(str::to_owned).collect()));
        }
        if title.is_none() && !is_legend(record) {
            let mut cells = record.iter().filter(|c| !c.trim().is_empty());
            if let (Some(only), None) = (cells.next(), cells.next()) {
                title = Some(unescape(only.trim()).to_owned());
            }
        }
        true
    })?;
    Ok(found.map(|(row, heading)| Head {
        row,
        heading,
        title,
        legends,
    }))
}

/// Calls `each` with every record (rows may have different lengths; nothing trimmed) and its
/// 0-based number, one reused record at a time, until it returns false.
fn each_record(
    text: &str,
    delimiter: char,
    mut each: impl FnMut(usize, &StringRecord) -> bool,
) -> Result<(), CellProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(u8::try_from(delimiter).unwrap_or(b','))
        .from_reader(text.as_bytes());
    let mut record = StringRecord::new();
    for n in 0.. {
        match reader.read_record(&mut record) {
            Ok(true) => {
                if !each(n, &record) {
                    break;
                }
            }
            Ok(false) => break,
            Err(e) => {
                return Err(CellProblem {
                    row: n + 1,
                    column: None,
                    message: format!("cannot read the row: {e}"),
                });
            }
        }
    }
    Ok(())
}

fn filled(row: &StringRecord) -> usize {
    row.iter().filter(|c| !c.trim().is_empty()).count()
}

fn heading_is(cell: &str, names: &[&str]) -> bool {
    let cell = cell.trim().trim_end_matches(':').to_lowercase();
    names
        .iter()
        .any(|n| *n == cell || cell.strip_suffix('s') == Some(n))
}

/// A legend such as "Legend: R = Responsible, A = Accountable".
fn is_legend(row: &StringRecord) -> bool {
    row.iter()
        .find(|c| !c.trim().is_empty())
        .is_some_and(|c| c.trim().to_lowercase().starts_with("legend"))
}

/// Whether `row` is the heading row: a task heading and at least one other heading.
fn is_heading(row: &StringRecord) -> bool {
    !is_legend(row) && filled(row) >= 2 && row.iter().any(|c| heading_is(c, TASK_HEADINGS))
}

/// The table being read.
struct Table {
    columns: Vec<Column>,
    /// The positions of the task and id columns (for problems that name them).
    task_column: Option<usize>,
    id_column: Option<usize>,
    headings: Vec<String>,
    workspace: Workspace,
    ids: UniqueIds,
    problems: Vec<CellProblem>,
    ended: bool,
}

impl Table {
    fn new(heading_row: &StringRecord, row_number: usize, title: String, model: RoleModel) -> Self {
        let mut table = Table {
            columns: Vec::new(),
            task_column: None,
            id_column: None,
            headings: heading_row
                .iter()
                .map(|h| unescape(h.trim()).to_owned())
                .collect(),
            workspace: Workspace {
                info: WorkspaceInfo {
                    name: title,
                    ..WorkspaceInfo::default()
                },
                model,
                ..Workspace::default()
            },
            ids: UniqueIds::default(),
            problems: Vec::new(),
            ended: false,
        };
        let mut task_seen = false;
        let mut department_ids = UniqueIds::default();
        for (c, heading) in table.headings.clone().iter().enumerate() {
            let column = if heading.is_empty() {
                Column::Unnamed
            } else if !task_seen && heading_is(heading, TASK_HEADINGS) {
                task_seen = true;
                Column::Task
            } else if heading_is(heading, AREA_HEADINGS) {
                Column::Area
            } else if heading_is(heading, DESCRIPTION_HEADINGS) {
                Column::Description
            } else if heading_is(heading, NOTES_HEADINGS) {
                Column::Notes
            } else if heading_is(heading, ID_HEADINGS) {
                Column::Id
            } else {
                let id = department_ids.claim(slug(heading));
                if id.is_empty() {
                    table.problems.push(CellProblem {
                        row: row_number,
                        column: Some(c),
                        message: format!(
                            "heading \"{heading}\" cannot name a department: it needs letters or digits"
                        ),
                    });
                    Column::Unnamed
                } else {
                    table.workspace.departments.push(Department {
                        id,
                        name: heading.clone(),
                        ..Department::default()
                    });
                    Column::Department(table.workspace.departments.len() - 1)
                }
            };
            table.columns.push(column);
        }
        table.task_column = table.columns.iter().position(|c| *c == Column::Task);
        table.id_column = table.columns.iter().position(|c| *c == Column::Id);
        if table.workspace.departments.is_empty() {
            table.problems.push(CellProblem {
                row: row_number,
                column: None,
                message: "no department columns: after the task column, each column should be headed with a department".into(),
            });
        }
        table
    }

    fn row(&mut self, row: &StringRecord, number: usize) {
        if self.ended || filled(row) == 0 {
            return;
        }
        if is_legend(row) {
            // A legend below the table ends it.
            self.ended = true;
            return;
        }
        let mut r = Responsibility::default();
        let mut roles_given = false;
        let mut id = None;
        for (c, cell) in row.iter().enumerate() {
            let text = unescape(cell.trim());
            if text.is_empty() {
                continue;
            }
            match self.columns.get(c).unwrap_or(&Column::Unnamed) {
                Column::Task => r.name = text.to_owned(),
                Column::Area => r.area = Some(text.to_owned()),
                Column::Description => r.description = Some(text.to_owned()),
                Column::Notes => r.notes = Some(text.to_owned()),
                Column::Id => id = Some(text.to_owned()),
                Column::Department(d) => match parse_cell_in(&self.workspace.model, text) {
                    Some(roles) => {
                        roles_given |= !roles.is_empty();
                        let department = self.workspace.departments[*d].id.clone();
                        for role in roles {
                            r.role_mut(role).push(department.clone());
                        }
                    }
                    None => self.problems.push(CellProblem {
                        row: number,
                        column: Some(c),
                        message: format!(
                            "cannot read \"{text}\" (department \"{}\") as roles: expected {}, or combinations such as \"{}\"",
                            self.headings[c],
                            letters_expected(&self.workspace.model),
                            example_cell(&self.workspace.model),
                        ),
                    }),
                },
                Column::Unnamed => self.problems.push(CellProblem {
                    row: number,
                    column: Some(c),
                    message: format!(
                        "\"{text}\" stands in a column without a heading, so it belongs to no department"
                    ),
                }),
            }
        }
        if r.name.is_empty() {
            self.problems.push(CellProblem {
                row: number,
                column: self.task_column,
                message: if roles_given {
                    "roles but no task name".into()
                } else {
                    "no task name".into()
                },
            });
            return;
        }
        let wanted = match id {
            Some(id) if is_valid_id(&id) => id,
            Some(id) => {
                self.problems.push(CellProblem {
                    row: number,
                    column: self.id_column,
                    message: format!(
                        "malformed id \"{id}\": ids are lowercase letters, digits, `-` and `_`"
                    ),
                });
                return;
            }
            None => slug(&r.name),
        };
        r.id = self.ids.claim(if wanted.is_empty() {
            "task".into()
        } else {
            wanted
        });
        self.workspace.responsibilities.push(r);
    }

    fn finish(self, header_row: usize, delimiter: char) -> Result<Imported, Vec<CellProblem>> {
        if self.problems.is_empty() {
            Ok(Imported {
                workspace: self.workspace,
                header_row,
                delimiter,
            })
        } else {
            Err(self.problems)
        }
    }
}

/// "R, A, C or I": the model's letters in words, as a message lists them (RACI's in the
/// order people say them).
fn letters_expected(model: &RoleModel) -> String {
    let letters: Vec<String> = if model.is_raci() {
        ["R", "A", "C", "I"].map(String::from).to_vec()
    } else {
        model.roles().map(|r| model.letter(r).to_string()).collect()
    };
    match letters.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A combined cell such as "A/R" in the model's letters.
fn example_cell(model: &RoleModel) -> String {
    let mut roles = model.roles();
    match (roles.next(), roles.next()) {
        _ if model.is_raci() => "A/R".into(),
        (Some(a), Some(b)) => format!("{}/{}", model.letter(a), model.letter(b)),
        (Some(a), None) => model.letter(a).to_string(),
        _ => String::new(),
    }
}

/// The ids given so far, and per id asked for twice the next number to try: `claim` is
/// constant time however often one id is asked for (a sheet of 200,000 rows all named
/// "Task" included).
#[derive(Default)]
struct UniqueIds {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl UniqueIds {
    /// `id`, or `id-2`, `id-3`, ... (the first not taken) when taken; recorded as taken.
    fn claim(&mut self, id: String) -> String {
        if !self.taken.contains(&id) {
            self.taken.insert(id.clone());
            return id;
        }
        // Numbers below `next` were taken when tried, and ids are never given back.
        let n = self.next.entry(id.clone()).or_insert(2);
        loop {
            let candidate = format!("{id}-{n}");
            *n += 1;
            if !self.taken.contains(&candidate) {
                self.taken.insert(candidate.clone());
                return candidate;
            }
        }
    }
}

/// A cell written with a leading `'` to keep a spreadsheet from reading it as a formula.
fn unescape(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}
