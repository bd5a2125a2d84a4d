//! RACI spreadsheets: reading the common layout (a row per task, a column per department,
//! cells such as `R`, `A/R`, `R, A`) into a workspace, and writing a workspace back in it.
//!
//! Reading never guesses silently: every cell that cannot be read is reported with its row and
//! column, and nothing is returned unless all of them could be.

mod read;
mod write;

pub use read::{CellProblem, Imported, read_csv};
pub use write::to_csv;

pub use crate::workspace::id_from_name as slug;
use crate::workspace::{Role, RoleModel};

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
    cell_text_in(&RoleModel::default(), roles)
}

/// The cell text for a department's roles in `model`: its letters in model order, `/` between.
pub fn cell_text_in(model: &RoleModel, roles: &[Role]) -> String {
    model
        .roles()
        .filter(|r| roles.contains(r))
        .map(|r| model.letter(r).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads one RACI cell: letters R, A, C, I (any case) or the words, alone or combined with
/// `/`, `,`, `;`, `+`, `&`, spaces or nothing between letters (`AR`). `None` when some part
/// is not a role.
pub fn parse_cell(text: &str) -> Option<Vec<Role>> {
    parse_cell_in(&RoleModel::default(), text)
}

/// Reads one cell of `model`: its letters (any case, where that is unambiguous) or its role
/// keys, combined as [`parse_cell`] takes them.
pub fn parse_cell_in(model: &RoleModel, text: &str) -> Option<Vec<Role>> {
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
        if let Some(role) = model.by_key(&word) {
            add(role);
            continue;
        }
        for c in token.chars() {
            add(model.by_letter(c)?);
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

        /// Any bytes: never a panic, and whatever is read loads as a workspace.
        #[test]
        fn any_bytes_read_without_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            if let Ok(imported) = read_csv(&bytes, "x") {
                let text = crate::workspace::to_toml(&imported.workspace);
                proptest::prop_assert!(crate::workspace::parse(&text).is_ok(), "{}", text);
            }
        }

        /// Tables of readable cells (names that look like formulas or hold quotes and the
        /// delimiter included): read, written back and read again, nothing changes.
        #[test]
        fn tables_round_trip(
            rows in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["Brand voice", "=1+1", "say \"hi\"", "a,b;c", "@x", "Task"]),
                    proptest::collection::vec(
                        proptest::sample::select(vec!["", "R", "A/R", "r, a", "C", "I", "Informed", "AR"]),
                        3,
                    ),
                ),
                0..8,
            ),
            delimiter in proptest::sample::select(vec![',', ';', '\t']),
        ) {
            let quote = |c: &str| format!("\"{}\"", c.replace('"', "\"\""));
            let d = delimiter.to_string();
            let mut text = ["Task", "Marketing", "IT", "Legal & Compliance"].join(&d);
            text.push('\n');
            for (name, cells) in &rows {
                let mut row = vec![quote(name)];
                row.extend(cells.iter().map(|c| quote(c)));
                text.push_str(&row.join(&d));
                text.push('\n');
            }
            let first = read_csv(text.as_bytes(), "t");
            proptest::prop_assert!(first.is_ok(), "{:?}\n{}", first.err(), text);
            let first = first.expect("read");
            proptest::prop_assert_eq!(first.workspace.responsibilities.len(), rows.len());
            let again = read_csv(to_csv(&first.workspace).as_bytes(), "t").expect("reads back");
            proptest::prop_assert_eq!(again.workspace, first.workspace);
        }
    }
}
