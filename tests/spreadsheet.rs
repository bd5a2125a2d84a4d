//! RACI spreadsheets through the real binary: `whoowns import` on the layouts teams bring
//! (`tests/fixtures/csv/`), every unreadable cell reported with its row and column, and the
//! round trip import -> `export --format csv` -> import.
//!
//! The fixtures: `semicolon-bom.csv` (a European Excel's "CSV UTF-8": byte order mark, `;`, a
//! title and a legend above the table, a blank row inside it, an Area column, cells `A/R`,
//! `"R, A"`, `A / R`); `excel-comma.csv` (title and empty row above the heading, a Description
//! with a quoted `,`, `AR`); `tabs.csv` (tab-separated, heading on row 1); `words.csv` (roles
//! spelled out, Id and Notes columns, a legend below the table); `bad-cells.csv`.

#[path = "common/import.rs"]
mod import_common;

use import_common::*;
use whoowns::workspace::{Role, Workspace, parse};

/// Imports `csv` (a path relative to the crate root) and loads what was printed.
fn imported(csv: &str) -> Workspace {
    import(csv, &[]).0
}

#[test]
fn a_european_excel_export_with_title_legend_and_bom() {
    let ws = imported("tests/fixtures/csv/semicolon-bom.csv");
    assert_eq!(ws.info.name, "Social media RACI");
    let names: Vec<&str> = ws.departments.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["Marketing", "IT", "Legal & Compliance"]);
    assert_eq!(ws.responsibilities.len(), 3, "the blank row is skipped");
    let crisis = &ws.responsibilities[1];
    assert_eq!(crisis.id, "crisis-response");
    assert_eq!(crisis.area.as_deref(), Some("Risk"));
    assert_eq!(
        holders(&ws, "Crisis response", Role::Accountable),
        ["Legal & Compliance", "Marketing"]
    );
    assert_eq!(
        holders(&ws, "Crisis response", Role::Responsible),
        ["Legal & Compliance", "Marketing"]
    );
    assert_eq!(holders(&ws, "Crisis response", Role::Informed), ["IT"]);
    assert_eq!(
        holders(&ws, "Brand voice", Role::Consulted),
        ["Legal & Compliance"]
    );
}

#[test]
fn comma_tab_and_spelled_out_layouts() {
    let ws = imported("tests/fixtures/csv/excel-comma.csv");
    assert_eq!(ws.info.name, "RACI matrix for social media");
    assert_eq!(ws.departments.len(), 4);
    let community = &ws.responsibilities[1];
    assert_eq!(
        community.description.as_deref(),
        Some("Replies, moderation")
    );
    assert_eq!(
        holders(&ws, "Content calendar", Role::Accountable),
        ["Marketing"]
    );
    assert_eq!(
        holders(&ws, "Content calendar", Role::Responsible),
        ["Marketing"]
    );
    assert_eq!(holders(&ws, "Employee advocacy", Role::Responsible), ["HR"]);

    let ws = imported("tests/fixtures/csv/tabs.csv");
    assert_eq!(ws.info.name, "tabs", "no title row: named after the file");
    assert_eq!(holders(&ws, "Account security", Role::Responsible), ["IT"]);

    let ws = imported("tests/fixtures/csv/words.csv");
    assert_eq!(
        ws.responsibilities.len(),
        2,
        "the legend below ends the table"
    );
    assert_eq!(
        ws.responsibilities[0].id, "exec-presence",
        "the Id column is kept"
    );
    assert_eq!(
        ws.responsibilities[0].notes.as_deref(),
        Some("Ask the CEO first")
    );
    assert_eq!(
        holders(&ws, "Recruiting on social", Role::Consulted),
        ["Marketing"]
    );
    assert_eq!(
        holders(&ws, "Recruiting on social", Role::Informed),
        ["Executive office"]
    );
}

#[test]
fn every_unreadable_cell_is_reported_with_its_row_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("ws.toml");
    let out = whoowns()
        .args(["import", "tests/fixtures/csv/bad-cells.csv", "-o"])
        .arg(&out_path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(!out_path.exists(), "nothing is written");
    let said = text(&out.stderr);
    for expected in [
        "bad-cells.csv: row 2, column C: cannot read \"S\" (department \"IT\") as roles",
        "bad-cells.csv: row 2, column C: cannot read \"S\" (department \"IT\") as roles: expected R, A, C or I, or combinations such as \"A/R\" (--model rasci reads it",
        "bad-cells.csv: row 3, column B: \"yes\" marks department \"Marketing\" without saying its role: say which role it stands for with --x-means (R, A, C or I; for example --x-means R)",
        "bad-cells.csv: row 3, column D: \"x\" stands in a column without a heading",
        "bad-cells.csv: row 4, column A: roles but no task name",
        "bad-cells.csv: 4 problems in the table; nothing was imported",
    ] {
        assert!(said.contains(expected), "{expected}\n{said}");
    }
    // No heading row at all: said so, not guessed.
    let plain = dir.path().join("plain.csv");
    std::fs::write(&plain, "a,b\nR,A\n").expect("write");
    let out = whoowns().arg("import").arg(&plain).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no RACI table found"));
}

#[test]
fn import_export_import_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    for csv in [
        "tests/fixtures/csv/semicolon-bom.csv",
        "tests/fixtures/csv/excel-comma.csv",
        "tests/fixtures/csv/words.csv",
    ] {
        let first = dir.path().join("first.toml");
        let out = whoowns()
            .args(["import", csv, "--force", "-o"])
            .arg(&first)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let exported = dir.path().join("exported.csv");
        let out = whoowns()
            .args(["export", "--format", "csv", "-o"])
            .arg(&exported)
            .arg(&first)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let out = whoowns()
            .arg("import")
            .arg(&exported)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let again = parse(&text(&out.stdout)).expect("loads").workspace;
        let before = parse(&std::fs::read_to_string(&first).expect("read"))
            .expect("loads")
            .workspace;
        assert_eq!(again, before, "{csv}");
    }
}

#[test]
fn the_sample_exports_to_a_spreadsheet_that_imports_with_the_same_roles() {
    let out = whoowns()
        .args(["export", "--format", "csv", "assets/sample.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let csv = text(&out.stdout);
    assert!(csv.starts_with(
        "Acme social media charter\r\nId,Area,Responsibility,Description,Marketing,IT,"
    ));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.csv");
    std::fs::write(&path, &csv).expect("write");
    let imported = {
        let out = whoowns().arg("import").arg(&path).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        parse(&text(&out.stdout)).expect("loads").workspace
    };
    let sample = parse(whoowns::SAMPLE_WORKSPACE).expect("sample").workspace;
    assert_eq!(roles_by_name(&imported), roles_by_name(&sample));
    let ids = |ws: &Workspace| {
        ws.responsibilities
            .iter()
            .map(|r| r.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&imported), ids(&sample));
}

#[test]
fn formula_like_cells_are_defused_and_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("ws.toml");
    std::fs::write(
        &ws,
        "whoowns = 1\n[workspace]\nname = \"x\"\n[[department]]\nid = \"pr\"\nname = \"=cmd|' /C calc'!A0\"\n\
         [[responsibility]]\nid = \"r\"\nname = \"@SUM(1+1)\"\naccountable = [\"pr\"]\n",
    )
    .expect("write");
    let out = whoowns()
        .args(["export", "--format", "csv"])
        .arg(&ws)
        .output()
        .expect("runs");
    let csv = text(&out.stdout);
    assert!(csv.contains("'@SUM(1+1)") && csv.contains("'=cmd"), "{csv}");
    let path = dir.path().join("x.csv");
    std::fs::write(&path, &csv).expect("write");
    let out = whoowns().arg("import").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let back = parse(&text(&out.stdout)).expect("loads").workspace;
    assert_eq!(back.responsibilities[0].name, "@SUM(1+1)");
    assert_eq!(back.departments[0].name, "=cmd|' /C calc'!A0");
}
