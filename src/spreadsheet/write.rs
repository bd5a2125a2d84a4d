//! Writing a workspace as a RACI spreadsheet (CSV) in the layout [`super::read_csv`] reads.

use super::cell_text;
use crate::workspace::{Role, Workspace};

/// The RACI matrix as CSV: a title row, then a heading row (`Id`, `Area`, `Responsibility`,
/// `Description`, one column per department by name, `Notes`) and a row per responsibility with cells
/// such as `A/R`. Cells that a spreadsheet would take for a formula are written with a leading
/// `'`, which reading takes off again.
pub fn to_csv(workspace: &Workspace) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![vec![workspace.info.name.clone()]];
    let mut heading: Vec<String> = ["Id", "Area", "Responsibility", "Description"]
        .map(String::from)
        .to_vec();
    heading.extend(workspace.departments.iter().map(|d| d.name.clone()));
    heading.push("Notes".into());
    rows.push(heading);
    for r in &workspace.responsibilities {
        let mut row = vec![
            r.id.clone(),
            r.area.clone().unwrap_or_default(),
            r.name.clone(),
            r.description.clone().unwrap_or_default(),
        ];
        for d in &workspace.departments {
            let roles: Vec<Role> = Role::ALL
                .into_iter()
                .filter(|role| r.role(*role).contains(&d.id))
                .collect();
            row.push(cell_text(&roles));
        }
        row.push(r.notes.clone().unwrap_or_default());
        rows.push(row);
    }
    for row in rows {
        let _ = writer.write_record(row.iter().map(|c| escape(c)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Keeps a spreadsheet from running a cell as a formula.
fn escape(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}
