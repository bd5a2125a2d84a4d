//! Reading the rows of a table found by [`super::layout`]: tasks and their roles, section
//! rows as areas, areas carried down, repeated department columns, and every cell that
//! cannot be read reported with its row and column.

use std::collections::{HashMap, HashSet};

use super::layout::{self, Col, Found, Layout, clean_heading, is_legend_row, other_models};
use super::read::{Carries, CellProblem, Imported, ReadOptions, Repeated};
use super::sheet::Sheet;
use super::surround::{
    example_cell, groups_departments, legend_model, letters_expected, role_named, split_repeated,
    title, unique,
};
use super::{column_name, is_empty_cell, is_mark, parse_cell_in, slug, unescape};
use crate::workspace::{
    Department, Responsibility, Role, RoleModel, Workspace, WorkspaceInfo, is_valid_id,
};

/// What reading a sheet came to.
pub(super) enum Outcome {
    /// The sheet holds no RACI table.
    NoTable,
    /// A table, read or with the problems that stop it.
    Read(Box<Result<Imported, Vec<CellProblem>>>),
}

/// Reads the RACI table of `sheet`, if it holds one.
pub(super) fn interpret(sheet: &Sheet, fallback_name: &str, options: &ReadOptions) -> Outcome {
    let model = match model_of(sheet, options) {
        Ok(model) => model,
        Err(problem) => return Outcome::Read(Box::new(Err(vec![problem]))),
    };
    let Some(mut found) = layout::find(sheet, &model) else {
        return Outcome::NoTable;
    };
    if options.repeated == Some(Repeated::Apart) {
        split_repeated(&mut found);
    }
    let mut reader = Reader::new(sheet, &found, model, fallback_name, options);
    reader.read_rows();
    Outcome::Read(Box::new(reader.finish()))
}

/// The role model the cells of `sheet` use: the one asked for, else its legend's, else RACI.
pub(super) fn model_of(sheet: &Sheet, options: &ReadOptions) -> Result<RoleModel, CellProblem> {
    match &options.model {
        Some(model) => Ok(model.clone()),
        None => legend_model(sheet),
    }
}

/// A row whose role cells are all empty, waiting to be seen as a section or a task.
struct Pending {
    index: usize,
    label: String,
    strong: bool,
    fields: Fields,
}

/// The cells of a row other than roles.
#[derive(Default, Clone)]
struct Fields {
    description: Option<String>,
    notes: Option<String>,
    id: Option<String>,
}

struct Reader<'a> {
    sheet: &'a Sheet,
    found: &'a Found,
    options: &'a ReadOptions,
    x_means: Option<Role>,
    workspace: Workspace,
    /// Department index by id (transposed tables meet departments row by row).
    department_ids: HashMap<String, usize>,
    ids: HashSet<String>,
    /// Per id asked for, the next suffix to try (so that many rows named alike stay linear).
    next_suffix: HashMap<String, usize>,
    names: HashMap<String, usize>,
    explicit_ids: Vec<bool>,
    problems: Vec<CellProblem>,
    notes: Vec<CellProblem>,
    section: Option<String>,
    area_value: Option<String>,
    any_roles: bool,
    pending: Vec<Pending>,
    sections: usize,
}

impl<'a> Reader<'a> {
    fn new(
        sheet: &'a Sheet,
        found: &'a Found,
        model: RoleModel,
        fallback_name: &str,
        options: &'a ReadOptions,
    ) -> Self {
        let (name, purpose) = title(sheet, found, &model, fallback_name);
        let mut reader = Reader {
            sheet,
            found,
            options,
            x_means: None,
            workspace: Workspace {
                info: WorkspaceInfo {
                    name,
                    purpose,
                    ..WorkspaceInfo::default()
                },
                model,
                ..Workspace::default()
            },
            department_ids: HashMap::default(),
            ids: HashSet::default(),
            next_suffix: HashMap::default(),
            names: HashMap::default(),
            explicit_ids: Vec::new(),
            problems: Vec::new(),
            notes: Vec::new(),
            section: None,
            area_value: None,
            any_roles: false,
            pending: Vec::new(),
            sections: 0,
        };
        if let Some(x) = &options.x_means {
            reader.x_means = role_named(&reader.workspace.model, x);
            if reader.x_means.is_none() {
                let header = reader.at(found.header, None);
                reader.problems.push(CellProblem {
                    row: 0,
                    message: format!(
                        "--x-means {x}: not a role of the {} model; use one of {}",
                        reader.workspace.model.name(),
                        letters_expected(&reader.workspace.model)
                    ),
                    ..header
                });
            }
        }
        for (id, name, _) in &found.departments {
            reader.department(id, name);
        }
        reader.note_columns();
        for index in 0..found.header {
            if groups_departments(found, &sheet.rows[index]) {
                let message = "groups the department columns above the heading: not imported (the departments are the heading's)".to_owned();
                reader.note(index, None, message);
            }
        }
        reader
    }

    /// An empty problem at row `index` (and `column`) of the sheet.
    fn at(&self, index: usize, column: Option<usize>) -> CellProblem {
        CellProblem {
            lines: self.sheet.lines,
            ..CellProblem::new(self.sheet.number(index), column, String::new())
        }
    }

    fn problem(&mut self, index: usize, column: Option<usize>, message: String) {
        let p = self.at(index, column);
        self.problems.push(CellProblem { message, ..p });
    }

    fn note(&mut self, index: usize, column: Option<usize>, message: String) {
        let p = self.at(index, column);
        self.notes.push(CellProblem { message, ..p });
    }

    fn heading(&self, c: usize) -> String {
        self.sheet.rows[self.found.header]
            .get(c)
            .map(clean_heading)
            .unwrap_or_default()
    }

    fn column_label(&self, c: usize) -> String {
        if self.sheet.lines {
            format!("cell {}", c + 1)
        } else {
            format!("column {}", column_name(c))
        }
    }

    /// Notes on columns read as one department, and on columns not read.
    fn note_columns(&mut self) {
        let header = self.found.header;
        for (_, name, columns) in &self.found.departments {
            if columns.len() > 1 {
                let labels: Vec<String> = columns.iter().map(|c| self.column_label(*c)).collect();
                let message = format!(
                    "{} are all headed \"{name}\": read as one department, their letters merged (--repeated apart keeps them apart)",
                    labels.join(" and ")
                );
                self.note(header, None, message);
            }
        }
        for (c, col) in self.found.columns.iter().enumerate() {
            if *col == Col::Skipped {
                let heading = self.heading(c);
                let message = if heading.is_empty() {
                    "a column without a heading that numbers the rows: not imported".to_owned()
                } else {
                    format!(
                        "\"{heading}\" holds no roles (and is not a task, area, description, notes or id column): not imported"
                    )
                };
                self.note(header, Some(c), message);
            }
        }
    }

    /// The index of the department `id`, added as `name` if new.
    fn department(&mut self, id: &str, name: &str) -> usize {
        if let Some(&d) = self.department_ids.get(id) {
            return d;
        }
        self.workspace.departments.push(Department {
            id: id.to_owned(),
            name: name.to_owned(),
            ..Department::default()
        });
        let d = self.workspace.departments.len() - 1;
        self.department_ids.insert(id.to_owned(), d);
        d
    }

    fn read_rows(&mut self) {
        let start = self.found.header + 1;
        for index in start..self.sheet.rows.len() {
            let row = &self.sheet.rows[index];
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if is_legend_row(&self.workspace.model, row) {
                self.note(index, None, "a legend: the table ends above it".into());
                break;
            }
            self.row(index);
        }
        self.flush(false);
    }

    fn row(&mut self, index: usize) {
        let sheet = self.sheet;
        let row = &sheet.rows[index];
        let mut label: Option<(usize, String)> = None;
        let mut first_text: Option<String> = None;
        let mut fields = Fields::default();
        // Per department, the roles of each of its columns in this row.
        let mut cells: Vec<(usize, usize, Vec<Role>)> = Vec::new();
        let mut role_cells = 0;
        // Role cells that say "nobody" in so many words (`-`, `n/a`): a task nobody holds,
        // never a section.
        let mut said_nobody = 0;
        for (c, raw) in row.iter().enumerate() {
            let text = unescape(raw.trim());
            if text.is_empty() {
                continue;
            }
            let col = self.found.columns.get(c).cloned().unwrap_or(Col::Unnamed);
            if first_text.is_none() && !matches!(col, Col::Department(_) | Col::Role(_)) {
                first_text = Some(text.to_owned());
            }
            match col {
                Col::Task => label = Some((c, text.to_owned())),
                Col::Area => self.area_value = Some(text.to_owned()),
                Col::Description => fields.description = Some(text.to_owned()),
                Col::Notes => fields.notes = Some(text.to_owned()),
                Col::Id => fields.id = Some(text.to_owned()),
                Col::Skipped | Col::Ignored => {}
                Col::Department(d) => {
                    if is_empty_cell(text) {
                        said_nobody += 1;
                        continue;
                    }
                    role_cells += 1;
                    if let Some(roles) = self.cell_roles(index, c, d, text) {
                        cells.push((d, c, roles));
                    }
                }
                Col::Role(role) => {
                    if is_empty_cell(text) {
                        said_nobody += 1;
                        continue;
                    }
                    role_cells += 1;
                    for (d, name) in self.names_in(index, c, text) {
                        let d = self.department(&d, &name);
                        cells.push((d, c, vec![role]));
                    }
                }
                Col::Unnamed => {
                    let message = format!(
                        "\"{text}\" stands in a column without a heading, so it belongs to no department"
                    );
                    self.problem(index, Some(c), message);
                }
            }
        }
        if role_cells == 0 && said_nobody == 0 {
            if let Some(text) = label.map(|(_, t)| t).or(first_text) {
                self.pending.push(Pending {
                    index,
                    label: text,
                    strong: sheet.is_strong(index),
                    fields,
                });
            }
            return;
        }
        self.flush(true);
        self.any_roles = true;
        let Some((_, name)) = label else {
            let column = self.found.columns.iter().position(|c| *c == Col::Task);
            self.problem(index, column, "roles but no task name".into());
            return;
        };
        let roles = self.merge_columns(index, &cells);
        self.push(index, name, fields, roles);
    }

    /// The roles of a matrix cell, or `None` (reported) when it cannot be read.
    fn cell_roles(&mut self, index: usize, c: usize, d: usize, text: &str) -> Option<Vec<Role>> {
        if is_mark(text) {
            if let Some(role) = self.x_means {
                return Some(vec![role]);
            }
            let model = &self.workspace.model;
            let message = format!(
                "\"{text}\" marks department \"{}\" without saying its role: say which role it stands for with --x-means ({}; for example --x-means {})",
                self.workspace.departments[d].name,
                letters_expected(model),
                model.letter(model.doing().unwrap_or(model.answering())),
            );
            self.problem(index, Some(c), message);
            return None;
        }
        if let Some(roles) = parse_cell_in(&self.workspace.model, text) {
            return Some(roles);
        }
        let readers: Vec<String> = other_models(text)
            .map(|k| format!("--model {}", k.key()))
            .collect();
        let model = &self.workspace.model;
        let mut message = format!(
            "cannot read \"{text}\" (department \"{}\") as roles: expected {}, or combinations such as \"{}\"",
            self.workspace.departments[d].name,
            letters_expected(model),
            example_cell(model),
        );
        if !readers.is_empty() {
            message.push_str(&format!(
                " ({} reads it: the table may use another role model)",
                readers.join(" or ")
            ));
        }
        self.problem(index, Some(c), message);
        None
    }

    /// The departments a transposed cell names: split on `,` `;` `/` `+` and line breaks,
    /// a trailing "(...)" left out (and noted).
    fn names_in(&mut self, index: usize, c: usize, text: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for part in text.split([',', ';', '/', '+', '\n', '\r']) {
            let mut name = part.trim().to_owned();
            if let Some(open) = name.rfind('(')
                && name.ends_with(')')
                && open > 0
            {
                let qualifier = name[open..].to_owned();
                name = name[..open].trim().to_owned();
                self.note(
                    index,
                    Some(c),
                    format!("\"{name} {qualifier}\" read as department \"{name}\""),
                );
            }
            let name = name.trim_matches('*').trim().to_owned();
            if is_empty_cell(&name) {
                continue;
            }
            let id = slug(&name);
            if id.is_empty() {
                self.problem(
                    index,
                    Some(c),
                    format!("\"{name}\" cannot name a department: it needs letters or digits"),
                );
                continue;
            }
            if !out.iter().any(|(i, _)| *i == id) {
                out.push((id, name));
            }
        }
        out
    }

    /// The roles of each department in a row; the columns of a department headed twice are
    /// merged when they agree (or one is empty), else reported unless `--repeated merge`.
    fn merge_columns(
        &mut self,
        index: usize,
        cells: &[(usize, usize, Vec<Role>)],
    ) -> Vec<(usize, Vec<Role>)> {
        let mut out: Vec<(usize, Vec<Role>, usize)> = Vec::new();
        for (d, c, roles) in cells {
            match out.iter_mut().find(|(od, ..)| od == d) {
                None => out.push((*d, roles.clone(), *c)),
                Some((_, before, first)) => {
                    let differ = self.found.layout == Layout::Matrix
                        && !before.is_empty()
                        && !roles.is_empty()
                        && before != roles;
                    if differ && self.options.repeated != Some(Repeated::Merge) {
                        let model = &self.workspace.model;
                        let message = format!(
                            "department \"{}\" is headed twice ({} and {}) with different roles here, \"{}\" and \"{}\": use --repeated merge to take both, or --repeated apart to keep two departments",
                            self.workspace.departments[*d].name,
                            self.column_label(*first),
                            self.column_label(*c),
                            super::cell_text_in(model, before),
                            super::cell_text_in(model, roles),
                        );
                        self.problem(index, Some(*c), message);
                    }
                    for r in roles {
                        if !before.contains(r) {
                            before.push(*r);
                        }
                    }
                    before.sort();
                }
            }
        }
        out.into_iter().map(|(d, r, _)| (d, r)).collect()
    }

    /// Rows without roles waiting: before a row with roles, the last is a section (its label the
    /// area of the rows below); at the end of a table with roles, they are notes, not tasks.
    fn flush(&mut self, before_roles: bool) {
        let pending = std::mem::take(&mut self.pending);
        let count = pending.len();
        // Rows that say they are sections (bold, "Phase 2: ...", a trailing ":") are; without
        // one, the last row before rows with roles is.
        let marked = |p: &Pending| p.strong || names_a_section(&p.label);
        let any_marked = pending.iter().any(marked);
        for (k, p) in pending.into_iter().enumerate() {
            let label = p.label.trim_end_matches(':').trim().to_owned();
            let is_marked = marked(&p);
            let section_below = (is_marked && (before_roles || !self.any_roles))
                || (!any_marked && before_roles && k + 1 == count);
            if section_below {
                self.note(
                    p.index,
                    None,
                    format!(
                        "\"{label}\" has no roles: read as a section, the area of the rows below it"
                    ),
                );
                self.section = Some(label);
                self.sections += 1;
            } else if is_marked {
                self.note(
                    p.index,
                    None,
                    format!("\"{label}\" has no roles and no rows with roles under it: read as a section with no tasks"),
                );
                self.section = Some(label);
                self.sections += 1;
            } else if before_roles || !self.any_roles {
                self.note(
                    p.index,
                    None,
                    format!(
                        "\"{}\" has no roles: imported as a responsibility nobody holds",
                        p.label
                    ),
                );
                self.push(p.index, p.label, p.fields, Vec::new());
            } else {
                self.note(
                    p.index,
                    None,
                    format!(
                        "\"{}\" has no roles and no task with roles follows it: skipped, as a note under the table",
                        p.label
                    ),
                );
            }
        }
    }

    fn push(&mut self, index: usize, name: String, fields: Fields, roles: Vec<(usize, Vec<Role>)>) {
        let mut r = Responsibility {
            name: name.clone(),
            area: self.area_value.clone().or_else(|| self.section.clone()),
            description: fields.description,
            notes: fields.notes,
            ..Responsibility::default()
        };
        for (d, list) in roles {
            let id = self.workspace.departments[d].id.clone();
            for role in list {
                r.role_mut(role).push(id.clone());
            }
        }
        let explicit = fields.id.is_some();
        let wanted = match fields.id {
            Some(id) if is_valid_id(&id) => id,
            Some(id) => {
                let column = self.found.columns.iter().position(|c| *c == Col::Id);
                self.problem(
                    index,
                    column,
                    format!(
                        "malformed id \"{id}\": ids are lowercase letters, digits, `-` and `_`"
                    ),
                );
                return;
            }
            None => slug(&name),
        };
        r.id = unique(
            if wanted.is_empty() {
                "task".into()
            } else {
                wanted
            },
            &mut self.ids,
            &mut self.next_suffix,
        );
        let key = name.trim().to_lowercase();
        if let Some(&before) = self.names.get(&key) {
            let place = if self.sheet.lines { "line" } else { "row" };
            let message = format!(
                "\"{name}\" is also the task of {place} {before}: imported as a second responsibility, id `{}`",
                r.id
            );
            self.note(index, None, message);
        } else {
            self.names.insert(key, self.sheet.number(index));
        }
        self.workspace.responsibilities.push(r);
        self.explicit_ids.push(explicit);
    }

    fn finish(self) -> Result<Imported, Vec<CellProblem>> {
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        let carries = Carries {
            areas: self.sections > 0 || self.found.columns.contains(&Col::Area),
            descriptions: self.found.columns.contains(&Col::Description),
            notes: self.found.columns.contains(&Col::Notes),
        };
        Ok(Imported {
            header_row: self.sheet.number(self.found.header),
            lines: self.sheet.lines,
            delimiter: self.sheet.delimiter,
            sheet: self.sheet.name.clone(),
            layout: self.found.layout,
            notes: self.notes,
            tables: Vec::new(),
            table: self.sheet.table,
            explicit_ids: self.explicit_ids,
            carries,
            workspace: self.workspace,
        })
    }
}

/// Whether a row's label says it heads a section: "Phase 1: Discovery", "Stage 2", "Section A",
/// "Workstream: data", or any label ending in `:`.
fn names_a_section(label: &str) -> bool {
    let label = label.trim().trim_matches('*').trim();
    if label.ends_with(':') {
        return true;
    }
    let lower = label.to_lowercase();
    ["phase", "stage", "section", "part", "workstream", "epic"]
        .iter()
        .any(|word| {
            lower.strip_prefix(word).is_some_and(|rest| {
                rest.is_empty()
                    || rest.starts_with([' ', ':'])
                    || rest.starts_with(|c: char| c.is_ascii_digit())
            })
        })
}
