//! Reading a RACI spreadsheet (CSV) into a workspace.

use std::collections::HashSet;
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
pub fn read_csv(bytes: &[u8], fallback_name: &str) -> Result<Imported, Vec<CellProblem>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![CellProblem {
            row: 1,
            column: None,
            message: "the file is not UTF-8 text; save the spreadsheet as \"CSV UTF-8\"".into(),
        }]);
    };
    let mut best: Option<(usize, char, Vec<Vec<String>>)> = None;
    for delimiter in [',', ';', '\t'] {
        let rows = match records(text, delimiter) {
            Ok(rows) => rows,
            Err(problem) => return Err(vec![problem]),
        };
        if let Some(header) = header_row(&rows) {
            let width = filled(&rows[header]);
            if best.as_ref().is_none_or(|(w, ..)| width > *w) {
                best = Some((width, delimiter, rows));
            }
        }
    }
    let Some((_, delimiter, rows)) = best else {
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
    let header = header_row(&rows).unwrap_or(0);
    let title = rows[..header]
        .iter()
        .find_map(|row| {
            let cells: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
            (cells.len() == 1 && !is_legend(row)).then(|| unescape(cells[0].trim()).to_owned())
        })
        .unwrap_or_else(|| fallback_name.to_owned());
    let model = match legend_model(&rows[..header]) {
        Ok(model) => model,
        Err(problem) => return Err(vec![problem]),
    };
    let mut table = Table::new(&rows[header], header + 1, title, model);
    for (n, row) in rows.iter().enumerate().skip(header + 1) {
        table.row(row, n + 1);
    }
    table.finish(header + 1, delimiter)
}

/// The model a legend row above the table names (`Legend: model rapid; ...`, as
/// [`super::write::model_legend`] writes it); RACI without one.
fn legend_model(rows: &[Vec<String>]) -> Result<RoleModel, CellProblem> {
    for (n, row) in rows.iter().enumerate() {
        if !is_legend(row) {
            continue;
        }
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
fn custom_model(rows: &[Vec<String>]) -> Result<RoleModel, String> {
    let mut roles = Vec::new();
    for row in rows {
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

/// Parses every record (rows may have different lengths), trimming nothing.
fn records(text: &str, delimiter: char) -> Result<Vec<Vec<String>>, CellProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(u8::try_from(delimiter).unwrap_or(b','))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| CellProblem {
            row: n + 1,
            column: None,
            message: format!("cannot read the row: {e}"),
        })?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(rows)
}

fn filled(row: &[String]) -> usize {
    row.iter().filter(|c| !c.trim().is_empty()).count()
}

fn heading_is(cell: &str, names: &[&str]) -> bool {
    let cell = cell.trim().trim_end_matches(':').to_lowercase();
    names
        .iter()
        .any(|n| *n == cell || cell.strip_suffix('s') == Some(n))
}

/// A legend such as "Legend: R = Responsible, A = Accountable".
fn is_legend(row: &[String]) -> bool {
    row.iter()
        .find(|c| !c.trim().is_empty())
        .is_some_and(|c| c.trim().to_lowercase().starts_with("legend"))
}

/// The heading row: the first with a task heading and at least one other heading.
fn header_row(rows: &[Vec<String>]) -> Option<usize> {
    rows.iter().position(|row| {
        !is_legend(row) && filled(row) >= 2 && row.iter().any(|c| heading_is(c, TASK_HEADINGS))
    })
}

/// The table being read.
struct Table {
    columns: Vec<Column>,
    headings: Vec<String>,
    workspace: Workspace,
    ids: HashSet<String>,
    problems: Vec<CellProblem>,
    ended: bool,
}

impl Table {
    fn new(heading_row: &[String], row_number: usize, title: String, model: RoleModel) -> Self {
        let mut table = Table {
            columns: Vec::new(),
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
            ids: HashSet::new(),
            problems: Vec::new(),
            ended: false,
        };
        let mut task_seen = false;
        let mut department_ids = HashSet::new();
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
                let id = unique(slug(heading), &mut department_ids);
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
        if table.workspace.departments.is_empty() {
            table.problems.push(CellProblem {
                row: row_number,
                column: None,
                message: "no department columns: after the task column, each column should be headed with a department".into(),
            });
        }
        table
    }

    fn row(&mut self, row: &[String], number: usize) {
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
                column: self.columns.iter().position(|c| *c == Column::Task),
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
                    column: self.columns.iter().position(|c| *c == Column::Id),
                    message: format!(
                        "malformed id \"{id}\": ids are lowercase letters, digits, `-` and `_`"
                    ),
                });
                return;
            }
            None => slug(&r.name),
        };
        r.id = unique(
            if wanted.is_empty() {
                "task".into()
            } else {
                wanted
            },
            &mut self.ids,
        );
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

/// `id`, or `id-2`, `id-3`, ... when taken; recorded as taken.
fn unique(id: String, taken: &mut HashSet<String>) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// A cell written with a leading `'` to keep a spreadsheet from reading it as a formula.
fn unescape(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}
