//! What surrounds a table and the names a reader gives: the workspace's title and purpose from
//! the rows above the heading, the model a legend names, departments headed twice kept apart,
//! roles named by flags, the letters a message suggests, and unique ids.

use std::collections::{HashMap, HashSet};

use super::layout::{Col, Found, is_legend_row};
use super::read::CellProblem;
use super::sheet::{Row, Sheet};
use super::unescape;
use crate::workspace::{Meaning, Meanings, ModelKind, Role, RoleDef, RoleModel, is_valid_id};

/// The model a legend row names (`Legend: model rapid; ...`, as export writes it); RACI
/// without one.
pub(super) fn legend_model(sheet: &Sheet) -> Result<RoleModel, CellProblem> {
    for (n, row) in sheet.rows.iter().enumerate() {
        let Some(cell) = row.iter().find(|c| !c.trim().is_empty()) else {
            continue;
        };
        let lower = cell.trim().to_lowercase();
        if !lower.starts_with("legend") {
            continue;
        }
        let Some(rest) = lower.split_once("model ").map(|(_, rest)| rest) else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let problem = |message: String| CellProblem {
            lines: sheet.lines,
            ..CellProblem::new(sheet.number(n), None, message)
        };
        return match ModelKind::parse(&name) {
            Some(ModelKind::Custom) => custom_model(&sheet.rows).map_err(problem),
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
fn custom_model(rows: &[Row]) -> Result<RoleModel, String> {
    let mut roles = Vec::new();
    for row in rows {
        let Some(first) = row.get(0) else { continue };
        if !first.trim().eq_ignore_ascii_case(super::write::ROLE_LEGEND) {
            continue;
        }
        let cell = |i: usize| row.get(i).map_or("", |c| unescape(c.trim()));
        if !is_valid_id(cell(1)) || cell(2).is_empty() || cell(4).is_empty() {
            return Err(format!(
                "a `Legend: role` row needs a key (lowercase letters, digits, `-` and `_`), a name, a letter and meanings, found \"{}\"",
                row.to_vec().join(",")
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

/// `--repeated apart`: each further column headed like an earlier one is a department of its
/// own, "Name (2)".
pub(super) fn split_repeated(found: &mut Found) {
    let mut extra = Vec::new();
    for (id, name, columns) in &mut found.departments {
        for (k, c) in columns.drain(1..).enumerate() {
            extra.push((format!("{id}-{}", k + 2), format!("{name} ({})", k + 2), c));
        }
    }
    for (id, name, c) in extra {
        found.departments.push((id, name, vec![c]));
        found.columns[c] = Col::Department(found.departments.len() - 1);
    }
}

/// The workspace's name and purpose: the document's title or the first line above the
/// heading row, and the lines after it (legends left out).
pub(super) fn title(
    sheet: &Sheet,
    found: &Found,
    model: &RoleModel,
    fallback: &str,
) -> (String, Option<String>) {
    let mut lines: Vec<String> = sheet.rows[..found.header]
        .iter()
        .filter(|row| !is_legend_row(model, row) && !groups_departments(found, row))
        .map(|row| {
            row.iter()
                .map(|c| unescape(c.trim()))
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|line| !line.is_empty())
        .collect();
    let name = match &sheet.title {
        Some(title) => title.clone(),
        None if !lines.is_empty() => lines.remove(0),
        None => fallback.to_owned(),
    };
    let purpose = (!lines.is_empty()).then(|| lines.join("\n"));
    (name, purpose)
}

/// Whether a row above the heading groups the department columns ("Business" over Marketing
/// and Sales, "Technology" over IT): cells over two or more of them.
pub(super) fn groups_departments(found: &Found, row: &Row) -> bool {
    found
        .columns
        .iter()
        .enumerate()
        .filter(|(c, col)| {
            matches!(col, Col::Department(_)) && row.get(*c).is_some_and(|t| !t.trim().is_empty())
        })
        .count()
        >= 2
}

/// The role a flag names: its letter (any case) or its key or name.
pub(super) fn role_named(model: &RoleModel, text: &str) -> Option<Role> {
    let lower = text.trim().to_lowercase();
    let mut chars = lower.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return model.by_letter(c.to_ascii_uppercase());
    }
    model.by_key(&lower).or_else(|| {
        model
            .roles()
            .find(|r| model.label(*r).to_lowercase() == lower)
    })
}

/// "R, A, C or I": the model's letters in words (RACI's in the order people say them).
pub(super) fn letters_expected(model: &RoleModel) -> String {
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
pub(super) fn example_cell(model: &RoleModel) -> String {
    let mut roles = model.roles();
    match (roles.next(), roles.next()) {
        _ if model.is_raci() => "A/R".into(),
        (Some(a), Some(b)) => format!("{}/{}", model.letter(a), model.letter(b)),
        (Some(a), None) => model.letter(a).to_string(),
        _ => String::new(),
    }
}

/// `id`, or `id-2`, `id-3`, ... when taken; recorded as taken. `next` remembers, per id asked
/// for, where the search for a free suffix goes on, so that many rows named alike cost linear
/// time rather than a search from `-2` each.
pub(super) fn unique(
    id: String,
    taken: &mut HashSet<String>,
    next: &mut HashMap<String, usize>,
) -> String {
    if !taken.contains(&id) {
        taken.insert(id.clone());
        return id;
    }
    let n = next.entry(id.clone()).or_insert(2);
    loop {
        let candidate = format!("{id}-{n}");
        *n += 1;
        if !taken.contains(&candidate) {
            taken.insert(candidate.clone());
            return candidate;
        }
    }
}
