//! The compact role matrix: responsibilities by departments, one letter per role held.

use crate::workspace::{Department, Role, Workspace};

use super::{Ctx, Doc, department_label, label, responsibility};

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
    let total = ws.departments.len();
    for (n, chunk) in ws.departments.chunks(COLUMNS_PER_TABLE).enumerate() {
        if total > COLUMNS_PER_TABLE {
            let first = n * COLUMNS_PER_TABLE + 1;
            let last = first + chunk.len() - 1;
            doc.block(format!("_Departments {first}–{last} of {total}:_"));
        }
        table(ws, &order, chunk, doc);
    }
}

fn table(ws: &Workspace, order: &[usize], departments: &[Department], doc: &mut Doc) {
    let header: Vec<String> = std::iter::once("Responsibility".to_owned())
        .chain(departments.iter().map(department_label))
        .collect();
    let rows: Vec<Vec<String>> = order
        .iter()
        .map(|&index| {
            let r = &ws.responsibilities[index];
            std::iter::once(label(&r.name, &r.id))
                .chain(
                    departments
                        .iter()
                        .map(|d| r.roles_of(&d.id).map(Role::letter).collect()),
                )
                .collect()
        })
        .collect();
    doc.table(&header, &rows, true);
}
