//! `whoowns import` on workbooks through the real binary: an OpenDocument and an Excel 97 fixture
//! (`tests/fixtures/import/`) and Excel workbooks written here with rust_xlsxwriter: sheets
//! picked by `--sheet`, tables stacked in a sheet by `--table`, merged area cells, titles and
//! keys.

#[path = "common/import.rs"]
mod import_common;

use import_common::*;
use whoowns::workspace::Role;

#[test]
fn an_opendocument_workbook_with_a_read_me_sheet_and_a_merged_area() {
    let (ws, said) = import(&fixture("customer-care.ods"), &[]);
    assert_eq!(ws.info.name, "Customer care RACI");
    assert_eq!(
        departments(&ws),
        ["Support", "Marketing", "Legal & Compliance"]
    );
    assert_eq!(
        tasks(&ws),
        ["Replies on social", "Escalations", "Takedown requests"]
    );
    assert_eq!(
        areas(&ws),
        [Some("Channels"), Some("Channels"), Some("Risk")],
        "the merged area cell covers both rows"
    );
    assert_eq!(
        holders(&ws, "Escalations", Role::Accountable),
        ["Legal & Compliance"]
    );
    assert_says(
        &said,
        &[
            "sheets (--sheet NAME): \"Read me\": no RACI table; \"RACI\": 3 departments, 3 responsibilities",
            "read the table under the heading row 3 of sheet \"RACI\"",
            "row 8: a legend: the table ends above it",
        ],
    );
    let (named, _) = import(&fixture("customer-care.ods"), &["--sheet", "raci"]);
    assert_eq!(named, ws);
    refuses(
        &fixture("customer-care.ods"),
        &["--sheet", "Read me"],
        &["sheet \"Read me\" holds no RACI table; the file holds:"],
    );
    refuses(
        &fixture("customer-care.ods"),
        &["--sheet", "Budget"],
        &["no sheet named \"Budget\"; the file holds:"],
    );
}

/// An Excel workbook as a consultant hands it over: an instructions sheet first, then a sheet
/// with a title, a subtitle, the heading on row 4, area cells merged down, and a key below.
fn consultant_workbook(path: &std::path::Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let intro = book.add_worksheet();
    intro.set_name("Instructions").expect("name");
    write_cells(
        intro,
        0,
        &[
            &["How to fill in the RACI sheet"],
            &["One letter per cell: R, A, C or I."],
        ],
    );
    let sheet = book.add_worksheet();
    sheet.set_name("RACI").expect("name");
    // The areas are left out of the rows: they are merged down below.
    write_cells(
        sheet,
        0,
        &[
            &["Social media responsibilities"],
            &["Agreed at the May workshop"],
            &[],
            &[
                "Workstream",
                "Task / Deliverable",
                "Marketing",
                "IT",
                "Legal",
                "Status",
            ],
            &["", "Content calendar", "A/R", "", "C", "Agreed"],
            &["", "Scheduling tool", "C", "A/R", "", "Agreed"],
            &["", "Account access", "I", "A/R", "C", "Agreed"],
            &["", "Incident response", "R", "R", "A", "Agreed"],
            &[],
            &["Key: R = Responsible, A = Accountable, C = Consulted, I = Informed"],
        ],
    );
    sheet
        .merge_range(4, 0, 5, 0, "Publishing", &Format::new())
        .expect("merge");
    sheet
        .merge_range(6, 0, 7, 0, "Security", &Format::new())
        .expect("merge");
    book.save(path).expect("save");
}

#[test]
fn an_excel_workbook_with_merged_areas_title_and_key() {
    let dir = Scratch::new();
    let path = dir.path("raci.xlsx");
    consultant_workbook(&path);
    let file = path.to_string_lossy().into_owned();
    let (ws, said) = import(&file, &[]);
    assert_eq!(ws.info.name, "Social media responsibilities");
    assert_eq!(
        ws.info.purpose.as_deref(),
        Some("Agreed at the May workshop")
    );
    assert_eq!(departments(&ws), ["Marketing", "IT", "Legal"]);
    assert_eq!(
        tasks(&ws),
        [
            "Content calendar",
            "Scheduling tool",
            "Account access",
            "Incident response"
        ]
    );
    assert_eq!(
        areas(&ws),
        [
            Some("Publishing"),
            Some("Publishing"),
            Some("Security"),
            Some("Security")
        ]
    );
    assert_eq!(
        holders(&ws, "Incident response", Role::Responsible),
        ["IT", "Marketing"]
    );
    assert_eq!(
        holders(&ws, "Incident response", Role::Accountable),
        ["Legal"]
    );
    assert_says(
        &said,
        &[
            "sheets (--sheet NAME): \"Instructions\": no RACI table; \"RACI\": 3 departments, 4 responsibilities",
            "row 4, column F: \"Status\" holds no roles",
            "row 10: a legend: the table ends above it",
            "read the table under the heading row 4 of sheet \"RACI\"",
        ],
    );
    // A CSV saved from the same sheet reads the same (the merged area only in its first row).
    let csv = dir.file(
        "raci.csv",
        "Social media responsibilities,,,,,\r\nAgreed at the May workshop,,,,,\r\n,,,,,\r\n\
         Workstream,Task / Deliverable,Marketing,IT,Legal,Status\r\n\
         Publishing,Content calendar,A/R,,C,Agreed\r\n,Scheduling tool,C,A/R,,Agreed\r\n\
         Security,Account access,I,A/R,C,Agreed\r\n,Incident response,R,R,A,Agreed\r\n,,,,,\r\n\
         \"Key: R = Responsible, A = Accountable, C = Consulted, I = Informed\",,,,,\r\n",
    );
    let (from_csv, _) = import(&csv, &[]);
    assert_eq!(from_csv, ws);
}

#[test]
fn a_file_that_is_no_workbook_is_reported_not_guessed() {
    let dir = Scratch::new();
    let file = dir.file("broken.xlsx", b"PK\x03\x04 not really a zip");
    refuses(&file, &[], &["cannot read the workbook"]);
}

#[test]
fn an_excel_97_workbook_with_merged_areas() {
    let (ws, said) = import(&fixture("governance.xls"), &[]);
    assert_eq!(ws.info.name, "Social media governance");
    assert_eq!(
        ws.info.purpose.as_deref(),
        Some("Draft for the steering group")
    );
    assert_eq!(
        departments(&ws),
        ["Marketing", "Corporate Communications", "IT Security"]
    );
    assert_eq!(
        areas(&ws),
        [
            Some("Publishing"),
            Some("Publishing"),
            Some("Security"),
            Some("Security")
        ]
    );
    assert_eq!(ws.responsibilities[1].notes.as_deref(), Some("Two-step"));
    assert_eq!(
        holders(&ws, "Approvals", Role::Accountable),
        ["Corporate Communications"]
    );
    assert_eq!(
        holders(&ws, "Phishing drills", Role::Informed),
        ["Corporate Communications"]
    );
    assert_says(
        &said,
        &[
            "sheets (--sheet NAME): \"Notes\": no RACI table; \"Matrix\": 3 departments, 4 responsibilities",
            "row 10: a legend: the table ends above it",
        ],
    );
}

#[test]
fn tables_stacked_in_a_workbook_sheet_are_picked_with_sheet_and_table() {
    use rust_xlsxwriter::Workbook;
    let dir = Scratch::new();
    let path = dir.path("stacked.xlsx");
    let mut book = Workbook::new();
    let intro = book.add_worksheet().set_name("Read me").expect("name");
    write_cells(intro, 0, &[&["Two tables on the next sheet"]]);
    let sheet = book.add_worksheet();
    sheet.set_name("RACI").expect("name");
    let rows: [&[&str]; 7] = [
        &["Task", "Marketing", "IT"],
        &["Brand voice", "A/R", "C"],
        &[],
        &["Support RACI"],
        &["Task", "Support", "Legal"],
        &["Refunds", "A/R", "I"],
        &["Chargebacks", "C", "A/R"],
    ];
    write_cells(sheet, 0, &rows);
    book.save(&path).expect("save");
    let file = path.to_string_lossy().into_owned();
    let (first, said) = import(&file, &[]);
    assert_eq!(departments(&first), ["Marketing", "IT"]);
    assert_says(
        &said,
        &[
            "sheets (--sheet NAME, --table N): \"Read me\": no RACI table; \"RACI\" table 1 (row 1): 2 departments, 1 responsibility; \"RACI\" table 2 (row 4, \"Support RACI\"): 2 departments, 2 responsibilities",
            "read the table under the heading row 1 of sheet \"RACI\", table 1",
        ],
    );
    let (second, said) = import(&file, &["--sheet", "RACI", "--table", "2"]);
    assert_eq!(second.info.name, "Support RACI");
    assert_eq!(tasks(&second), ["Refunds", "Chargebacks"]);
    assert_says(&said, &["heading row 5 of sheet \"RACI\", table 2"]);
    // Without --sheet, --table counts the tables of the first sheet that holds one.
    let (again, _) = import(&file, &["--table", "2"]);
    assert_eq!(again, second);
    refuses(
        &file,
        &["--sheet", "RACI", "--table", "3"],
        &["no table 3: sheet \"RACI\" holds 2"],
    );
}

#[test]
fn a_damaged_excel_97_workbook_is_an_error_not_a_crash() {
    // Found by the fuzz suite: these bytes of the fixture zeroed made calamine index a sector
    // chain out of range (a panic inside it).
    let mut bytes =
        std::fs::read(std::path::Path::new(ROOT).join(fixture("governance.xls"))).expect("fixture");
    let at = 50_322 % bytes.len();
    bytes.splice(at..(at + 6).min(bytes.len()), [0]);
    let dir = Scratch::new();
    let out = run_import(&dir.file("damaged.xls", &bytes), &[]);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert_says(&said, &["cannot read the workbook: it is damaged"]);
    assert!(!said.contains("panicked"), "{said}");
}
