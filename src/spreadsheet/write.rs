//! Writing a workspace as a RACI spreadsheet (CSV) in the layout [`super::read_csv`] reads.

use super::cell_text_in;
use crate::workspace::{Meaning, ModelKind, Role, Workspace};

/// The legend row that names a workspace's model (not RACI, which needs none), such as
/// `Legend: model does-decides-answers; W = Does, D = Decides, ...`; reading takes the model
/// from it.
pub fn model_legend(workspace: &Workspace) -> Option<String> {
    let model = &workspace.model;
    if model.is_raci() {
        return None;
    }
    let letters: Vec<String> = model
        .roles()
        .map(|role| format!("{} = {}", model.letter(role), model.label(role)))
        .collect();
    Some(format!(
        "Legend: model {}; {}",
        model.name(),
        letters.join(", ")
    ))
}

/// The heading of a legend row that defines one role of a custom model.
pub(super) const ROLE_LEGEND: &str = "Legend: role";

/// A custom model's roles, one legend row each under the model's legend, so that reading the
/// spreadsheet builds the same model: `Legend: role`, key, name, letter, meanings (their keys,
/// space-separated) and the plain words of the charter's legend.
fn custom_role_rows(workspace: &Workspace) -> Vec<Vec<String>> {
    let model = &workspace.model;
    if model.kind() != ModelKind::Custom {
        return Vec::new();
    }
    model
        .defs()
        .iter()
        .map(|def| {
            let means: Vec<&str> = def.means.iter().map(Meaning::key).collect();
            vec![
                ROLE_LEGEND.to_owned(),
                def.key.clone(),
                def.name.clone(),
                def.letter.to_string(),
                means.join(" "),
                def.meaning.clone(),
            ]
        })
        .collect()
}

/// The RACI matrix as CSV: a title row, then a heading row (`Id`, `Area`, `Responsibility`,
/// `Description`, one column per department by name, `Notes`) and a row per responsibility with cells
/// such as `A/R` (the model's letters; a model other than RACI is named in a legend row under
/// the title, and a custom model's roles in a row each under it). Cells that a spreadsheet would take for a formula are written with a leading
/// `'`, which reading takes off again.
pub fn to_csv(workspace: &Workspace) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![vec![workspace.info.name.clone()]];
    rows.extend(model_legend(workspace).map(|legend| vec![legend]));
    rows.extend(custom_role_rows(workspace));
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
            let roles: Vec<Role> = (workspace.model.roles())
                .filter(|role| r.role(*role).contains(&d.id))
                .collect();
            row.push(cell_text_in(&workspace.model, &roles));
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
