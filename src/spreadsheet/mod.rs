//! RACI tables: reading the tables people already have (CSV or TSV text, Excel and OpenDocument
//! workbooks, Markdown documents; a row per task with a column per department and cells such as
//! `R`, `A/R`, `R, A`, or a column per role with department names in the cells) into a
//! workspace, bringing an edited sheet back into one, and writing a workspace as CSV.
//!
//! Reading never guesses silently: every cell that cannot be read is reported with its row and
//! column, and nothing is returned unless all of them could be; how the table was read
//! (sections, columns left out, repeated columns merged) comes back as notes.

mod layout;
mod markdown;
mod read;
mod rows;
mod sheet;
mod stack;
mod surround;
mod update;
mod workbook;
mod write;

pub use layout::Layout;
pub use markdown::{looks_like_markdown, read_markdown};
pub use read::{
    Carries, CellProblem, Format, Imported, ReadOptions, Repeated, read_csv, read_file, read_sheet,
};
pub use sheet::Sheet;
pub use update::{UpdateReport, update_roles};
pub use workbook::{looks_like_workbook, read_workbook};
pub use write::to_csv;

pub use crate::workspace::id_from_name as slug;
use crate::workspace::{Role, RoleModel};

/// A cell written with a leading `'` to keep a spreadsheet from reading it as a formula.
fn unescape(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

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

/// Cells that say "nobody" in so many words: `-`, `—`, `n/a`, `none`...
pub fn is_empty_cell(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '(' || c == ')');
    t.is_empty()
        || t.chars().all(|c| {
            matches!(
                c,
                '-' | '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2212}' | '.' | ' '
            )
        })
        || t == "\u{2205}"
        || [
            "n/a",
            "na",
            "n.a.",
            "none",
            "not involved",
            "nobody",
            "no one",
        ]
        .iter()
        .any(|w| same_word(t, w))
}

/// Whether `text` is `word` (lower case) in any case, without allocating for ASCII text.
fn same_word(text: &str, word: &str) -> bool {
    if text.is_ascii() {
        text.eq_ignore_ascii_case(word)
    } else {
        text.to_lowercase() == word
    }
}

/// A mark that says a department takes part without saying how: `X`, `✓`, `✔`, `yes`.
pub fn is_mark(text: &str) -> bool {
    let t = text.trim();
    [
        "x", "\u{2713}", "\u{2714}", "\u{2717}", "\u{2718}", "yes", "y",
    ]
    .iter()
    .any(|w| same_word(t, w))
}

/// Reads one cell of `model`: its letters (any case, where that is unambiguous) or its role
/// keys or names, combined as [`parse_cell`] takes them; `-`, `—`, `n/a` and the like are
/// empty.
pub fn parse_cell_in(model: &RoleModel, text: &str) -> Option<Vec<Role>> {
    if is_empty_cell(text) {
        return Some(Vec::new());
    }
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
        // A key or a name (any case) first; a letter or letters run together else.
        let word: std::borrow::Cow<str> = if token.chars().any(char::is_uppercase) {
            token.to_lowercase().into()
        } else {
            token.into()
        };
        if let Some(role) = model
            .by_key(&word)
            .or_else(|| model.roles().find(|r| same_word(model.label(*r), &word)))
        {
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
        for nobody in ["-", "\u{2014}", "n/a", "N/A", "none", "\u{2013}"] {
            assert_eq!(parse_cell(nobody), Some(vec![]), "{nobody}");
        }
        assert!(is_mark("X") && is_mark("x") && !is_mark("R"));
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

        /// Tables of every layout's pieces in any order (headings, sections, marks, legends,
        /// transposed names, bad ids), as CSV and as a Markdown table, read with and without
        /// the flags: never a panic, and whatever is read loads as a workspace.
        #[test]
        fn tables_of_any_layout_read_without_panic(
            rows in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "", "Task", "Task / Deliverable", "Responsible", "Accountable", "R",
                        "A/R", "r, a", "X", "-", "n/a", "Legend", "R = Responsible", "Key:",
                        "Marketing", "IT", "Marketing, IT / Legal\nHR", "Phase 1", "**Launch**",
                        "Area", "Id", "bad id!", "ok-id", "#", "S", "Notes", "(x)", "sep=;",
                    ]),
                    0..7,
                ),
                0..14,
            ),
            flags in proptest::prelude::any::<(bool, bool)>(),
        ) {
            let csv: String = rows
                .iter()
                .map(|r| {
                    let cells: Vec<String> =
                        r.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
                    format!("{}\n", cells.join(","))
                })
                .collect();
            let mut markdown = String::from("# Title\n\n");
            for (i, r) in rows.iter().enumerate() {
                let cells: Vec<String> = r.iter().map(|c| c.replace('\n', "<br>")).collect();
                markdown.push_str(&format!("| {} |\n", cells.join(" | ")));
                if i == 0 {
                    markdown.push_str(&format!("|{}\n", "---|".repeat(r.len().max(1))));
                }
            }
            let options = ReadOptions {
                x_means: flags.0.then(|| "R".to_owned()),
                repeated: flags.1.then_some(Repeated::Merge),
                ..ReadOptions::default()
            };
            for (format, text) in [(Format::Csv, &csv), (Format::Markdown, &markdown)] {
                if let Ok(imported) = read_file(format, text.as_bytes(), "x", &options) {
                    let toml = crate::workspace::to_toml(&imported.workspace);
                    proptest::prop_assert!(crate::workspace::parse(&toml).is_ok(), "{}\n{}", text, toml);
                }
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
                // A row with every role cell blank is a section; "-" says nobody holds it.
                if cells.iter().all(|c| c.is_empty()) {
                    row[1] = quote("-");
                }
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
