//! The compact role matrix: responsibilities by departments, one letter per role held.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::workspace::{Department, Role, Workspace};

use super::{Ctx, Doc, department_label, label_cow, responsibility};

/// Most department columns per matrix table, so wide organizations stay readable.
pub(super) const COLUMNS_PER_TABLE: usize = 8;

/// The `## Role matrix` section: one table per group of at most [`COLUMNS_PER_TABLE`] departments.
pub(super) fn section(ctx: &Ctx, doc: &mut Doc) {
    let ws = ctx.ws;
    doc.heading(2, "Role matrix");
    if ws.departments.is_empty() || ws.responsibilities.is_empty() {
        doc.block("Nothing to show yet: the matrix needs departments and responsibilities.");
        return;
    }
    doc.block(
        "One letter per role held: A = Accountable, R = Responsible, C = Consulted, I = Informed.",
    );
    let order = responsibility::order(ws);
    // Each label is escaped once, not once per table (and not copied when it needs nothing).
    let labels: Vec<Cow<str>> = ws
        .responsibilities
        .iter()
        .map(|r| label_cow(&r.name, &r.id))
        .collect();
    let masks = role_masks(ws);
    let rows = Rows {
        order: &order,
        labels: &labels,
        masks: &masks,
    };
    let total = ws.departments.len();
    for (n, chunk) in ws.departments.chunks(COLUMNS_PER_TABLE).enumerate() {
        if total > COLUMNS_PER_TABLE {
            let first = n * COLUMNS_PER_TABLE + 1;
            let last = first + chunk.len() - 1;
            doc.block(format!("_Departments {first}–{last} of {total}:_"));
        }
        table(&rows, n * COLUMNS_PER_TABLE, chunk, doc);
    }
}

/// For each responsibility, the departments (by position) holding any role and which ones,
/// as a bit mask (A = 1, R = 2, C = 4, I = 8): built once, read by every table.
fn role_masks(ws: &Workspace) -> Vec<Vec<(usize, usize)>> {
    let position = ws.department_positions();
    ws.responsibilities
        .iter()
        .map(|r| {
            let mut masks: Vec<(usize, usize)> = Vec::new();
            for (bit, role) in Role::ALL.into_iter().enumerate() {
                for id in r.role(role) {
                    let Some(&d) = position.get(id.as_str()) else {
                        continue;
                    };
                    match masks.iter_mut().find(|(p, _)| *p == d) {
                        Some((_, mask)) => *mask |= 1 << bit,
                        None => masks.push((d, 1 << bit)),
                    }
                }
            }
            masks
        })
        .collect()
}

/// One matrix table for the departments at positions `first..first + departments.len()`.
fn table(rows: &Rows, first: usize, departments: &[Department], doc: &mut Doc) {
    const LETTERS: [&str; 16] = [
        "", "A", "R", "AR", "C", "AC", "RC", "ARC", "I", "AI", "RI", "ARI", "CI", "ACI", "RCI",
        "ARCI",
    ];
    let header: Vec<String> = std::iter::once("Responsibility".to_owned())
        .chain(departments.iter().map(department_label))
        .collect();
    let text = doc.open();
    let _ = write!(text, "| {} |\n|", header.join(" | "));
    for i in 0..header.len() {
        text.push_str(if i == 0 { " --- |" } else { " :-: |" });
    }
    let columns = first..first + departments.len();
    for &index in rows.order {
        let mut cells = [0usize; COLUMNS_PER_TABLE];
        for &(d, mask) in &rows.masks[index] {
            if columns.contains(&d) {
                cells[d - first] |= mask;
            }
        }
        text.push_str("\n| ");
        text.push_str(&rows.labels[index]);
        text.push_str(" |");
        for cell in &cells[..departments.len()] {
            text.push(' ');
            text.push_str(LETTERS[*cell]);
            text.push_str(" |");
        }
    }
}

/// What every table of the matrix reads: row order, escaped labels and role masks.
struct Rows<'a> {
    order: &'a [usize],
    labels: &'a [Cow<'a, str>],
    masks: &'a [Vec<(usize, usize)>],
}
