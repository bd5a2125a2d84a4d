//! RACI spreadsheets: reading the common layout (a row per task, a column per department,
//! cells such as `R`, `A/R`, `R, A`) into a workspace, and writing a workspace back in it.
//!
//! Reading never guesses silently: every cell that cannot be read is reported with its row and
//! column, and nothing is returned unless all of them could be.

mod read;
mod write;

pub use read::{CellProblem, Imported, read_csv};
pub use write::to_csv;

use crate::workspace::Role;
pub use crate::workspace::id_from_name as slug;

/// The spreadsheet column name of 0-based `index`: `A`, `B`, ..., `Z`, `AA`, ...
pub fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.push(b'A' + u8::try_from(rem).unwrap_or(0));
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The cell text for a department's roles, such as `A/R` (in A, R, C, I order).
pub fn cell_text(roles: &[Role]) -> String {
    Role::ALL
        .iter()
        .filter(|r| roles.contains(r))
        .map(|r| r.letter().to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads one RACI cell: letters R, A, C, I (any case) or the words, alone or combined with
/// `/`, `,`, `;`, `+`, `&`, spaces or nothing between letters (`AR`). `None` when some part
/// is not a role.
pub fn parse_cell(text: &str) -> Option<Vec<Role>> {
    let mut roles = Vec::new();
    let mut add = |role: Role| {
        if !roles.contains(&role) {
            roles.push(role);
        }
    };
    for token in text
        .split(|c: char| matches!(c, '/' | ',' | ';' | '+' | '&' | '|') || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let word = token.to_ascii_lowercase();
        if let Some(role) = Role::ALL.into_iter().find(|r| r.key() == word) {
            add(role);
            continue;
        }
        for c in word.chars() {
            let role = Role::ALL
                .into_iter()
                .find(|r| r.letter().eq_ignore_ascii_case(&c))?;
            add(role);
        }
    }
    roles.sort();
    Some(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_in_every_common_spelling() {
        let ar = Some(vec![Role::Accountable, Role::Responsible]);
        for text in [
            "A/R",
            "R, A",
            "A / R",
            "ar",
            "R+A",
            "Responsible; accountable",
            "RA",
        ] {
            assert_eq!(parse_cell(text), ar, "{text}");
        }
        assert_eq!(parse_cell(""), Some(vec![]));
        assert_eq!(parse_cell("i"), Some(vec![Role::Informed]));
        assert_eq!(parse_cell("S"), None);
        assert_eq!(parse_cell("R/X"), None);
        assert_eq!(parse_cell("yes"), None);
    }

    #[test]
    fn columns_and_ids_are_named_like_a_spreadsheet() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(slug("Legal & Compliance"), "legal-compliance");
        assert_eq!(slug("  PR / Comms  "), "pr-comms");
        assert_eq!(cell_text(&[Role::Responsible, Role::Accountable]), "A/R");
    }
}
