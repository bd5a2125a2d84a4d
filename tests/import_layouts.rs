//! `whoowns import` on CSV and TSV tables laid out as common templates lay them out, through the
//! real binary: titles, `sep=` lines, numbering and grouping rows, sections, repeated
//! department columns, marks, other role models, tables stacked in one sheet, standard input,
//! and the flags that settle what is ambiguous. Nothing ambiguous is read silently.

#[path = "common/import.rs"]
mod import_common;

use import_common::*;
use whoowns::workspace::{Role, parse};

#[test]
fn an_excel_csv_with_bom_sep_line_crlf_title_numbering_sections_and_key() {
    let (ws, said) = import(&fixture("vertex42-style.csv"), &[]);
    assert_eq!(ws.info.name, "RACI Chart", "not the sep= line");
    assert_eq!(
        ws.info.purpose.as_deref(),
        Some("Project: Website relaunch\nPrepared by the PMO, May 2024")
    );
    assert_eq!(
        departments(&ws),
        [
            "Project Sponsor",
            "Project Manager",
            "Designer",
            "Developer"
        ],
        "the # column is no department"
    );
    assert_eq!(
        tasks(&ws),
        ["Project charter", "Kick-off meeting", "Wireframes", "Build"]
    );
    assert_eq!(
        areas(&ws),
        [
            Some("Initiation"),
            Some("Initiation"),
            Some("Execution"),
            Some("Execution")
        ]
    );
    assert_eq!(
        holders(&ws, "Kick-off meeting", Role::Accountable),
        ["Project Manager"]
    );
    assert_eq!(
        holders(&ws, "Kick-off meeting", Role::Consulted),
        ["Designer", "Developer"]
    );
    assert!(holders(&ws, "Build", Role::Informed).is_empty(), "\"-\"");
    assert_says(
        &said,
        &[
            "row 6, column A: \"#\" holds no roles (and is not a task, area, description, notes or id column): not imported",
            "row 7: \"Initiation\" has no roles: read as a section",
            "row 14: a legend: the table ends above it",
            "read the table under the heading row 6 (`;` between cells): 4 responsibilities, 4 departments",
        ],
    );
}

#[test]
fn an_area_column_filled_once_per_group_and_every_cell_spelling() {
    let (ws, said) = import(&fixture("smartsheet-style.csv"), &[]);
    assert_eq!(ws.info.name, "Social media RACI matrix");
    assert_eq!(
        ws.info.purpose.as_deref(),
        Some("Who does what on our channels")
    );
    assert_eq!(
        departments(&ws),
        ["Marketing", "IT", "Legal", "Customer Care"]
    );
    assert_eq!(
        areas(&ws),
        [
            Some("Plan"),
            Some("Plan"),
            Some("Plan"),
            Some("Run"),
            Some("Run"),
            Some("Review")
        ],
        "the area carries down"
    );
    assert_eq!(
        ws.responsibilities[0].description.as_deref(),
        Some("What goes out when")
    );
    for (task, spelled) in [
        ("Content calendar", "\"R, A\""),
        ("Brand guidelines", "\"a/r\""),
        ("Campaign briefs", "words"),
        ("Monthly report", "\"RA\""),
    ] {
        assert_eq!(
            holders(&ws, task, Role::Accountable),
            ["Marketing"],
            "{spelled}"
        );
        assert_eq!(
            holders(&ws, task, Role::Responsible),
            ["Marketing"],
            "{spelled}"
        );
    }
    assert_eq!(
        holders(&ws, "Content calendar", Role::Informed),
        ["Customer Care"]
    );
    assert!(
        holders(&ws, "Content calendar", Role::Consulted).is_empty(),
        "— and n/a are nobody"
    );
    assert_eq!(holders(&ws, "Account security", Role::Accountable), ["IT"]);
    assert_eq!(holders(&ws, "Account security", Role::Responsible), ["IT"]);
    assert_eq!(holders(&ws, "Monthly report", Role::Consulted), ["IT"]);
    assert_eq!(
        holders(&ws, "Monthly report", Role::Informed),
        ["Customer Care"]
    );
    assert_says(
        &said,
        &["heading row 4 (`,` between cells): 6 responsibilities, 4 departments"],
    );
}

#[test]
fn a_repeated_department_column_is_one_department_and_said_so() {
    let (ws, said) = import(&fixture("repeated-column.csv"), &[]);
    assert_eq!(departments(&ws), ["Marketing", "IT", "Legal"]);
    assert_eq!(
        holders(&ws, "Brand voice", Role::Accountable),
        ["Marketing"]
    );
    assert_eq!(
        holders(&ws, "Tool selection", Role::Consulted),
        ["Marketing"],
        "the second column's letter"
    );
    assert_eq!(
        holders(&ws, "Crisis response", Role::Responsible),
        ["Marketing"]
    );
    assert_says(
        &said,
        &[
            "row 1: column B and column D are all headed \"Marketing\": read as one department, their letters merged (--repeated apart keeps them apart)",
        ],
    );
}

#[test]
fn a_department_headed_twice_with_different_letters_is_asked_about() {
    refuses(
        &fixture("repeated-conflict.csv"),
        &[],
        &[
            "row 2, column D: department \"Marketing\" is headed twice (column B and column D) with different roles here, \"A\" and \"R\": use --repeated merge to take both, or --repeated apart to keep two departments",
            "1 problem in the table; nothing was imported",
        ],
    );
    let (merged, _) = import(&fixture("repeated-conflict.csv"), &["--repeated", "merge"]);
    assert_eq!(departments(&merged), ["Marketing", "IT"]);
    assert_eq!(
        holders(&merged, "Brand voice", Role::Accountable),
        ["Marketing"]
    );
    assert_eq!(
        holders(&merged, "Brand voice", Role::Responsible),
        ["IT", "Marketing"]
    );
    let (apart, _) = import(&fixture("repeated-conflict.csv"), &["--repeated", "apart"]);
    assert_eq!(departments(&apart), ["Marketing", "IT", "Marketing (2)"]);
    assert_eq!(
        holders(&apart, "Brand voice", Role::Responsible),
        ["IT", "Marketing (2)"]
    );
    assert_eq!(
        holders(&apart, "Tool selection", Role::Consulted),
        ["Marketing", "Marketing (2)"]
    );
}

#[test]
fn an_x_is_never_guessed() {
    refuses(
        &fixture("x-marks.csv"),
        &[],
        &[
            "row 2, column B: \"X\" marks department \"Marketing\" without saying its role: say which role it stands for with --x-means (R, A, C or I; for example --x-means R)",
            "row 2, column D: \"x\" marks department \"Legal\"",
            "row 3, column C: \"X\" marks department \"IT\"",
            "3 problems in the table; nothing was imported",
        ],
    );
    let (ws, _) = import(&fixture("x-marks.csv"), &["--x-means", "R"]);
    assert_eq!(
        holders(&ws, "Brand voice", Role::Responsible),
        ["Legal", "Marketing"]
    );
    assert_eq!(holders(&ws, "Tool selection", Role::Responsible), ["IT"]);
    assert_eq!(
        holders(&ws, "Crisis response", Role::Accountable),
        ["Marketing"]
    );
    refuses(
        &fixture("x-marks.csv"),
        &["--x-means", "Q"],
        &["--x-means Q: not a role of the raci model; use one of R, A, C or I"],
    );
}

#[test]
fn the_task_column_is_found_by_its_content_and_any_delimiter_or_encoding_reads() {
    let dir = Scratch::new();
    let write = |name: &str, bytes: &[u8]| dir.file(name, bytes);
    // A blank corner cell over the tasks, and a heading no task word names.
    for (name, csv) in [
        (
            "corner.csv",
            ",Marketing,IT\nBrand voice,A/R,C\nTool selection,I,A/R\n",
        ),
        (
            "channel.csv",
            "Social channel,Marketing,IT\nBrand voice,A/R,C\nTool selection,I,A/R\n",
        ),
        (
            "pipes.txt",
            "Social channel|Marketing|IT\nBrand voice|A/R|C\nTool selection|I|A/R\n",
        ),
    ] {
        let (ws, said) = import(&write(name, csv.as_bytes()), &[]);
        assert_eq!(tasks(&ws), ["Brand voice", "Tool selection"], "{name}");
        assert_eq!(departments(&ws), ["Marketing", "IT"], "{name}");
        assert_eq!(holders(&ws, "Tool selection", Role::Accountable), ["IT"]);
        assert_says(&said, &["2 responsibilities, 2 departments"]);
    }
    // Excel's "Unicode text": UTF-16 with a byte order mark, tabs, CR LF.
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "Task\tMarketing\tIT\r\nBrand voice\tA/R\tC\r\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let (ws, said) = import(&write("unicode.txt", &utf16), &[]);
    assert_eq!(holders(&ws, "Brand voice", Role::Consulted), ["IT"]);
    assert_says(
        &said,
        &["(tab between cells): 1 responsibility, 2 departments"],
    );
}

#[test]
fn sheet_and_table_flags_only_where_they_mean_something() {
    refuses(
        &fixture("smartsheet-style.csv"),
        &["--sheet", "RACI"],
        &["this file is CSV text (use --table N for one of the tables stacked in it)"],
    );
    refuses(
        &fixture("smartsheet-style.csv"),
        &["--table", "2"],
        &["no table 2: the file holds one table"],
    );
    // A workbook's --table counts the tables of its sheet (--sheet, else the first with one).
    let (first, _) = import(&fixture("customer-care.ods"), &["--table", "1"]);
    assert_eq!(first, import(&fixture("customer-care.ods"), &[]).0);
    refuses(
        &fixture("customer-care.ods"),
        &["--table", "2"],
        &["no table 2: sheet \"RACI\" holds 1"],
    );
    refuses(
        &fixture("phases-template.md"),
        &["--sheet", "RACI"],
        &["this file is a Markdown document (use --table N)"],
    );
}

#[test]
fn a_title_row_with_a_second_cell_is_no_heading() {
    let dir = Scratch::new();
    let file = dir.file("versioned.csv", "RACI Matrix,,,Version 2\nTask,Marketing,IT,Legal\nBrand voice,A/R,C,I\nTool selection,C,A/R,\n");
    let (ws, said) = import(&file, &[]);
    assert_eq!(ws.info.name, "RACI Matrix Version 2");
    assert_eq!(departments(&ws), ["Marketing", "IT", "Legal"]);
    assert_eq!(holders(&ws, "Tool selection", Role::Accountable), ["IT"]);
    assert_says(&said, &["read the table under the heading row 2"]);
}

#[test]
fn a_row_that_names_a_section_is_one_even_above_a_task_nobody_holds_yet() {
    let dir = Scratch::new();
    let file = dir.file("phases.csv", "Task,Marketing,IT\nPhase 1: Plan,,\nKick-off,,\nBrief,A/R,C\nStage 2,,\nBuild,C,A/R\nPhase-out of old accounts,,\nArchive,I,A/R\n");
    let (ws, said) = import(&file, &[]);
    assert_eq!(
        tasks(&ws),
        ["Kick-off", "Brief", "Build", "Archive"],
        "{said}"
    );
    assert_eq!(
        areas(&ws),
        [
            Some("Phase 1: Plan"),
            Some("Phase 1: Plan"),
            Some("Stage 2"),
            Some("Phase-out of old accounts")
        ]
    );
    assert!(
        Role::ALL
            .iter()
            .all(|r| holders(&ws, "Kick-off", *r).is_empty())
    );
    assert_says(
        &said,
        &[
            "row 2: \"Phase 1: Plan\" has no roles: read as a section",
            "row 3: \"Kick-off\" has no roles: imported as a responsibility nobody holds",
            "row 7: \"Phase-out of old accounts\" has no roles: read as a section",
        ],
    );
}

#[test]
fn a_numbering_column_never_names_the_tasks() {
    let dir = Scratch::new();
    let file = dir.file(
        "wbs.csv",
        "WBS,Deliverables,Sponsor,PMO\n1.1,Business case,A,R\n1.2,Charter,A,R\n2,Launch,I,A/R\n",
    );
    let (ws, said) = import(&file, &[]);
    assert_eq!(tasks(&ws), ["Business case", "Charter", "Launch"]);
    assert_eq!(departments(&ws), ["Sponsor", "PMO"]);
    assert_says(&said, &["row 1, column A: \"WBS\" holds no roles"]);
    // Unheaded numbers beside unheaded names: the names are the tasks.
    let file = dir.file(
        "wbs.csv",
        ",,Sponsor,PMO\n1,Business case,A,R\n2,Charter,A,R\n",
    );
    let (ws, _) = import(&file, &[]);
    assert_eq!(tasks(&ws), ["Business case", "Charter"]);
}

#[test]
fn another_models_letters_are_named_not_guessed() {
    let dir = Scratch::new();
    let file = dir.file(
        "rasci.csv",
        "Task,Marketing,IT,Legal\nBrand voice,A/R,S,C\n",
    );
    refuses(
        &file,
        &[],
        &[
            "row 2, column C: cannot read \"S\" (department \"IT\") as roles: expected R, A, C or I, or combinations such as \"A/R\" (--model rasci reads it: the table may use another role model)",
        ],
    );
    let (ws, said) = import(&file, &["--model", "rasci"]);
    assert_eq!(ws.model.name(), "rasci");
    let supportive = ws.model.by_key("supportive").expect("RASCI has S");
    assert_eq!(holders(&ws, "Brand voice", supportive), ["IT"]);
    assert_says(&said, &["(rasci model)"]);
}

#[test]
fn a_row_grouping_the_departments_is_no_title() {
    let dir = Scratch::new();
    let file = dir.file(
        "grouped.csv",
        "Social RACI,,,,\nTask,Business,,Technology,\n,Marketing,Sales,IT,Security\n\
         Brand voice,A/R,C,,I\nTool selection,C,,A/R,C\n",
    );
    let (ws, said) = import(&file, &[]);
    assert_eq!(ws.info.name, "Social RACI");
    assert_eq!(ws.info.purpose, None, "the group row is no description");
    assert_eq!(departments(&ws), ["Marketing", "Sales", "IT", "Security"]);
    assert_eq!(tasks(&ws), ["Brand voice", "Tool selection"]);
    assert_eq!(
        holders(&ws, "Tool selection", Role::Consulted),
        ["Marketing", "Security"]
    );
    assert_says(
        &said,
        &[
            "row 2: groups the department columns above the heading: not imported",
            "read the table under the heading row 3",
        ],
    );
}

#[test]
fn standard_input_is_read_by_what_it_holds() {
    for (name, flags) in [
        ("phases-template.md", &[][..]),
        ("customer-care.ods", &[][..]),
        ("vertex42-style.csv", &[][..]),
    ] {
        let bytes = std::fs::read(std::path::Path::new(ROOT).join(fixture(name))).expect("read");
        let from_file = import(&fixture(name), flags).0;
        let out = whoowns()
            .args(["import", "-"])
            .args(flags)
            .write_stdin(bytes)
            .output()
            .expect("runs");
        let said = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name}: {said}");
        assert!(said.starts_with("<stdin>: "), "{said}");
        let mut from_stdin = parse(&text(&out.stdout)).expect("loads").workspace;
        // Named after the file when no title says otherwise: standard input has no name.
        from_stdin.info.name.clone_from(&from_file.info.name);
        assert_eq!(from_stdin, from_file, "{name}");
    }
    let out = whoowns()
        .args([
            "import",
            "tests/fixtures/import/x-marks.csv",
            "--x-means",
            "R",
            "--into",
            "-",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--into needs a workspace file to update, not `-`"));
}

/// A RACI table, blank rows, and a second table under its own title and heading, as teams keep
/// several in one sheet.
const STACKED: &str = "Launch RACI,,\nTask,Marketing,IT\nBrand voice,A/R,C\nTool selection,C,A/R\n\
                       ,,\n,,\nSupport RACI,,\nTask,Support,Legal\nRefunds,A/R,I\n";

#[test]
fn tables_stacked_in_one_csv_are_listed_and_picked_with_table() {
    let dir = Scratch::new();
    let file = dir.file("stacked.csv", STACKED);
    let (first, said) = import(&file, &[]);
    assert_eq!(first.info.name, "Launch RACI");
    assert_eq!(departments(&first), ["Marketing", "IT"]);
    assert_eq!(tasks(&first), ["Brand voice", "Tool selection"]);
    assert_says(
        &said,
        &[
            "tables (--table N): 1 (row 1, \"Launch RACI\"): 2 departments, 2 responsibilities; 2 (row 7, \"Support RACI\"): 2 departments, 1 responsibility",
            "read the table under the heading row 2 of table 1 (`,` between cells)",
        ],
    );
    let (second, said) = import(&file, &["--table", "2"]);
    assert_eq!(second.info.name, "Support RACI");
    assert_eq!(departments(&second), ["Support", "Legal"]);
    assert_eq!(holders(&second, "Refunds", Role::Informed), ["Legal"]);
    assert_says(
        &said,
        &["read the table under the heading row 8 of table 2"],
    );
    refuses(
        &file,
        &["--table", "3"],
        &["no table 3: the file has 2; the file holds: 1 (row 1, \"Launch RACI\")"],
    );
    // A problem in the second table names its row in the file.
    let file = dir.file("bad.csv", format!("{STACKED}Chargebacks,C,Q\n"));
    refuses(
        &file,
        &["--table", "2"],
        &["row 10, column C: cannot read \"Q\" (department \"Legal\") as roles"],
    );
}

#[test]
fn a_contact_list_above_the_raci_table_is_passed_over_and_listed() {
    let dir = Scratch::new();
    let file = dir.file(
        "contacts.csv",
        "Name,Email\nAna,ana@example.com\n\nActivity,Marketing,IT\nBrand voice,A/R,C\n",
    );
    let (ws, said) = import(&file, &[]);
    assert_eq!(departments(&ws), ["Marketing", "IT"]);
    assert_eq!(tasks(&ws), ["Brand voice"]);
    assert_says(&said, &["read the table under the heading row 4"]);
}

#[test]
fn an_empty_line_is_a_row_so_problems_keep_their_row_numbers() {
    let dir = Scratch::new();
    for (name, csv) in [
        (
            "lf.csv",
            "Task,Marketing,IT\nBrand voice,A/R,C\n\nTool,xx,R\n",
        ),
        (
            "crlf.csv",
            "Task,Marketing,IT\r\nBrand voice,A/R,C\r\n\r\nTool,xx,R\r\n",
        ),
    ] {
        refuses(
            &dir.file(name, csv),
            &[],
            &["row 4, column B: cannot read \"xx\""],
        );
    }
}
