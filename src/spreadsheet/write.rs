//! Writing a workspace as a RACI spreadsheet (CSV) in the layout [`super::read_csv`] reads.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

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
/// the title, and a custom model's roles in a row each under it; a responsibility nobody holds
/// has `-` in every department's cell). Cells that a spreadsheet would take for a formula are
/// written with a leading `'`, which reading takes off again.
///
/// Linear in the cells: each row's cells come from its role entries through a map of the
/// department ids, and rows are written as they are made.
pub fn to_csv(workspace: &Workspace) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    record(&mut writer, [escape(&workspace.info.name)]);
    if let Some(legend) = model_legend(workspace) {
        record(&mut writer, [escape(&legend)]);
    }
    for row in custom_role_rows(workspace) {
        record(&mut writer, row.iter().map(|c| escape(c)));
    }
    let heading = ["Id", "Area", "Responsibility", "Description"]
        .into_iter()
        .map(Cow::Borrowed)
        .chain(workspace.departments.iter().map(|d| escape(&d.name)))
        .chain([Cow::Borrowed("Notes")]);
    record(&mut writer, heading);
    // Each department column reads the roles of its id (a repeated id: each of its columns).
    let mut slots: HashMap<&str, usize> = HashMap::default();
    slots.reserve(workspace.departments.len());
    let columns: Vec<usize> = workspace
        .departments
        .iter()
        .map(|d| {
            let next = slots.len();
            *slots.entry(d.id.as_str()).or_insert(next)
        })
        .collect();
    // The roles each id holds in the row at hand, one bit per role of the model (at most 16),
    // and the text of each combination met so far.
    let mut masks = vec![0u32; slots.len()];
    let mut touched = Vec::new();
    let mut texts: HashMap<u32, String> = HashMap::default();
    for r in &workspace.responsibilities {
        for role in workspace.model.roles() {
            for id in r.role(role) {
                if let Some(&slot) = slots.get(id.as_str()) {
                    if masks[slot] == 0 {
                        touched.push(slot);
                    }
                    masks[slot] |= 1 << role.index();
                }
            }
        }
        for &slot in &touched {
            texts
                .entry(masks[slot])
                .or_insert_with(|| cell_text_of(workspace, masks[slot]));
        }
        let fixed = [
            escape(&r.id),
            escape(r.area.as_deref().unwrap_or_default()),
            escape(&r.name),
            escape(r.description.as_deref().unwrap_or_default()),
        ];
        // A responsibility nobody holds says so (`-`), else it would read back as a section.
        let empty = if touched.is_empty() { "-" } else { "" };
        let cells = columns.iter().map(|&slot| match masks[slot] {
            0 => Cow::Borrowed(empty),
            mask => Cow::Borrowed(texts.get(&mask).map_or("", String::as_str)),
        });
        let notes = escape(r.notes.as_deref().unwrap_or_default());
        record(&mut writer, fixed.into_iter().chain(cells).chain([notes]));
        for slot in touched.drain(..) {
            masks[slot] = 0;
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes one record of `fields` (writing into memory cannot fail).
fn record<'a>(writer: &mut csv::Writer<Vec<u8>>, fields: impl IntoIterator<Item = Cow<'a, str>>) {
    for field in fields {
        let _ = writer.write_field(field.as_bytes());
    }
    let _ = writer.write_record(std::iter::empty::<&[u8]>());
}

/// The cell text of the roles in `mask` (bit `i` for the model's role `i`), as
/// [`cell_text_in`] writes it, kept from running as a formula.
fn cell_text_of(workspace: &Workspace, mask: u32) -> String {
    let roles: Vec<Role> = (workspace.model.roles())
        .filter(|role| mask & (1 << role.index()) != 0)
        .collect();
    escape(&cell_text_in(&workspace.model, &roles)).into_owned()
}

/// Keeps a spreadsheet from running a cell as a formula.
fn escape(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@']) && cell != "-" {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::parse;

    /// The cells as the direct reading gives them: for each row and department, the roles
    /// whose list holds the department's id.
    fn direct(ws: &Workspace) -> Vec<Vec<String>> {
        ws.responsibilities
            .iter()
            .map(|r| {
                ws.departments
                    .iter()
                    .map(|d| {
                        let roles: Vec<Role> = (ws.model.roles())
                            .filter(|role| r.role(*role).contains(&d.id))
                            .collect();
                        cell_text_in(&ws.model, &roles)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn cells_are_the_roles_each_department_holds_in_each_row() {
        let mut ws = parse(crate::SAMPLE_WORKSPACE).expect("valid").workspace;
        // A repeated id and a role held twice: each column of the id shows it, once.
        let mut again = ws.departments[0].clone();
        again.name = "Again".into();
        ws.departments.push(again);
        let first = ws.departments[0].id.clone();
        ws.responsibilities[0].informed.push(first.clone());
        ws.responsibilities[0].informed.push(first);
        let text = to_csv(&ws);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("CSV")).collect();
        let d = ws.departments.len();
        let cells: Vec<Vec<String>> = records[2..]
            .iter()
            .map(|r| (4..4 + d).map(|c| r[c].to_owned()).collect())
            .collect();
        assert_eq!(cells, direct(&ws));
        assert_eq!(records[1].len(), 4 + d + 1);
        assert_eq!(&records[1][4 + d - 1], "Again");
    }
}
