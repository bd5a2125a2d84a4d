//! The compact role matrix: responsibilities by departments, one letter per role held.

use crate::workspace::Department;

use super::{Ctx, Doc, push_label};

#[cfg(doc)]
use crate::analysis::Tally;

/// Most department columns per matrix table, so wide organizations stay readable.
pub(super) const COLUMNS_PER_TABLE: usize = 8;

/// The `## Role matrix` section: one table per group of at most [`COLUMNS_PER_TABLE`] departments;
/// `parts` are the rows of each group of responsibilities, in the charter's order.
pub(super) fn section(ctx: &Ctx, doc: &mut Doc, mut parts: Vec<Rows>) {
    let ws = ctx.ws;
    doc.heading(2, "Role matrix");
    if ws.departments.is_empty() || ws.responsibilities.is_empty() {
        doc.block("Nothing to show yet: the matrix needs departments and responsibilities.");
        return;
    }
    doc.block(legend(ctx));
    tables(ctx, doc, &mut parts);
}

/// How many tables the matrix of `departments` departments takes.
pub(super) fn table_count(departments: usize) -> usize {
    departments.div_ceil(COLUMNS_PER_TABLE)
}

/// The line that says what the letters mean.
pub(super) fn legend(ctx: &Ctx) -> String {
    let model = &ctx.ws.model;
    let legend: Vec<String> = model
        .roles()
        .map(|role| format!("{} = {}", model.letter(role), model.label(role)))
        .collect();
    format!("One letter per role held: {}.", legend.join(", "))
}

/// The matrix tables of the rows of `parts`: one per group of at most [`COLUMNS_PER_TABLE`]
/// departments, each told which departments it has when there are more.
pub(super) fn tables(ctx: &Ctx, doc: &mut Doc, parts: &mut [Rows]) {
    let ws = ctx.ws;
    let cells = Cells::new(&ws.model);
    let total = ws.departments.len();
    for (n, chunk) in ws.departments.chunks(COLUMNS_PER_TABLE).enumerate() {
        if total > COLUMNS_PER_TABLE {
            let first = n * COLUMNS_PER_TABLE + 1;
            let last = first + chunk.len() - 1;
            doc.block(format!("_Departments {first}–{last} of {total}:_"));
        }
        table(parts, n * COLUMNS_PER_TABLE, chunk, &cells, doc);
    }
}

/// What every table of the matrix reads of the rows of one group, laid out row after row so
/// that each table is one sequential pass: the start of each row and its role masks.
#[derive(Default)]
pub(super) struct Rows {
    /// Per row, `\n| ` and the escaped responsibility label and ` |`, one after the other.
    text: String,
    /// Where each row's text ends in `text`.
    ends: Vec<usize>,
    /// Per row, the departments (by position, ascending) holding a role in it, each with a bit
    /// mask of those roles, as [`cell`] packs them.
    cells: Vec<u64>,
    /// Per row, where its cells end in `cells`.
    stops: Vec<usize>,
    /// Per row, its first cell that no earlier table took (tables come in order).
    next: Vec<usize>,
}

impl Rows {
    /// How many rows there are.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Adds a row: the escaped responsibility label and its role entries as the tally gives
    /// them ([`Tally::entries`]).
    pub(super) fn push(&mut self, label: &str, entries: &[(u32, u8)]) {
        self.text.push_str("\n| ");
        self.text.push_str(label);
        self.text.push_str(" |");
        self.ends.push(self.text.len());
        let start = self.cells.len();
        self.next.push(start);
        self.cells
            .extend(entries.iter().map(|&(d, role)| cell(d as usize, 1 << role)));
        self.cells[start..].sort_unstable();
        // One cell per department: the roles it holds twice or more are merged.
        let mut end = start;
        for read in start..self.cells.len() {
            let c = self.cells[read];
            if end > start && self.cells[end - 1] >> ROLE_BITS == c >> ROLE_BITS {
                self.cells[end - 1] |= c;
            } else {
                self.cells[end] = c;
                end += 1;
            }
        }
        self.cells.truncate(end);
        self.stops.push(end);
    }
}

/// How many low bits of a cell hold its role mask.
const ROLE_BITS: u32 = 16;

/// A department position and the roles it holds (one bit per role, by position in the model;
/// in RACI A = 1, R = 2, C = 4, I = 8) packed in one number, so that cells sort by department.
fn cell(department: usize, roles: u64) -> u64 {
    (department as u64) << ROLE_BITS | roles
}

/// The matrix cells by role mask: the letters of the roles held, in model order. Kept for
/// every mask of a model of up to 8 roles, else written when met.
struct Cells {
    letters: Vec<char>,
    known: Vec<String>,
}

impl Cells {
    fn new(model: &crate::workspace::RoleModel) -> Self {
        let letters: Vec<char> = model.roles().map(|role| model.letter(role)).collect();
        let mut cells = Cells {
            letters,
            known: Vec::new(),
        };
        if cells.letters.len() <= 8 {
            cells.known = (0..1usize << cells.letters.len())
                .map(|mask| cells.write(mask))
                .collect();
        }
        cells
    }

    fn write(&self, mask: usize) -> String {
        let held: String = (self.letters.iter().enumerate())
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, c)| *c)
            .collect();
        if held.is_empty() {
            "  |".to_owned()
        } else {
            format!(" {held} |")
        }
    }

    fn push(&self, text: &mut String, mask: usize) {
        match self.known.get(mask) {
            Some(cell) => text.push_str(cell),
            None => text.push_str(&self.write(mask)),
        }
    }
}

/// One matrix table for the departments at positions `first..first + departments.len()`;
/// moves each row's next cell past this table's.
fn table(
    parts: &mut [Rows],
    first: usize,
    departments: &[Department],
    cells: &Cells,
    doc: &mut Doc,
) {
    let text = doc.open();
    text.push_str("| Responsibility");
    for d in departments {
        text.push_str(" | ");
        push_label(text, &d.name, &d.id);
    }
    text.push_str(" |\n| --- |");
    for _ in departments {
        text.push_str(" :-: |");
    }
    let end = (first + departments.len()) as u64;
    // Most rows hold no role in a given table's departments: their cells are written at once.
    let empty = "  |".repeat(departments.len());
    for rows in parts {
        let mut row_start = 0;
        for ((&row_end, &stop), at) in rows.ends.iter().zip(&rows.stops).zip(&mut rows.next) {
            text.push_str(&rows.text[row_start..row_end]);
            row_start = row_end;
            let mut masks = [0u16; COLUMNS_PER_TABLE];
            let mut any = false;
            while *at < stop {
                let c = rows.cells[*at];
                if c >> ROLE_BITS >= end {
                    break;
                }
                masks[(c >> ROLE_BITS) as usize - first] |= (c & 0xFFFF) as u16;
                any = true;
                *at += 1;
            }
            if !any {
                text.push_str(&empty);
                continue;
            }
            for &mask in &masks[..departments.len()] {
                cells.push(text, usize::from(mask));
            }
        }
    }
}
