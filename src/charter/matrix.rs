//! The compact role matrix: responsibilities by departments, one letter per role held.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::analysis::Tally;
use crate::workspace::{Department, Role};

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
    let masks = role_masks(ctx);
    // Per responsibility, how many of its masks earlier tables took (they come in order).
    let mut taken = vec![0usize; masks.len()];
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
        table(&rows, &mut taken, n * COLUMNS_PER_TABLE, chunk, doc);
    }
}

/// For each responsibility, the departments (by position, in order) holding any role and which
/// ones, as a bit mask (A = 1, R = 2, C = 4, I = 8): built once, read by every table. Read from
/// the analysis' tally when it is the workspace's.
fn role_masks(ctx: &Ctx) -> Vec<Vec<(usize, usize)>> {
    let ws = ctx.ws;
    let given = ctx.analysis.tally();
    let fresh;
    let tally = if given.responsibilities() == ws.responsibilities.len()
        && given.departments() == ws.departments.len()
    {
        given
    } else {
        fresh = Tally::new(ws, &ws.department_positions());
        &fresh
    };
    (0..ws.responsibilities.len())
        .map(|index| {
            let mut masks: Vec<(usize, usize)> = Vec::new();
            for (d, role) in tally.held(index) {
                let bit = 1 << Role::ALL.iter().position(|&r| r == role).unwrap_or(0);
                match masks.iter_mut().find(|(p, _)| *p == d) {
                    Some((_, mask)) => *mask |= bit,
                    None => masks.push((d, bit)),
                }
            }
            masks.sort_unstable_by_key(|&(d, _)| d);
            masks
        })
        .collect()
}

/// One matrix table for the departments at positions `first..first + departments.len()`.
fn table(
    rows: &Rows,
    taken: &mut [usize],
    first: usize,
    departments: &[Department],
    doc: &mut Doc,
) {
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
    // Most rows hold no role in a given table's departments: their cells are written at once.
    let empty = "  |".repeat(departments.len());
    for &index in rows.order {
        let mut cells = [0usize; COLUMNS_PER_TABLE];
        let mut any = false;
        let masks = &rows.masks[index];
        while let Some(&(d, mask)) = masks.get(taken[index]) {
            if d >= columns.end {
                break;
            }
            cells[d - first] |= mask;
            any = true;
            taken[index] += 1;
        }
        text.push_str("\n| ");
        text.push_str(&rows.labels[index]);
        text.push_str(" |");
        if !any {
            text.push_str(&empty);
            continue;
        }
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
