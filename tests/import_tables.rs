//! `whoowns import` on the tables people already have, through the real binary: public RACI
//! tables from repositories and the layouts of common templates (`tests/fixtures/import/`, each
//! with its source in `SOURCE.md`), in CSV, Markdown, OpenDocument and Excel (written here
//! with rust_xlsxwriter). Every test asserts the departments, responsibilities, roles, areas
//! and what the import said about how it read them; nothing ambiguous is read silently.

use assert_cmd::cargo::cargo_bin_cmd;
use whoowns::workspace::{Role, Workspace, parse};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn whoowns() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("whoowns");
    cmd.current_dir(ROOT).env("NO_COLOR", "1");
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Imports `file` (relative to the crate root, or absolute) with `extra` flags: the workspace
/// printed and what was said on standard error.
fn import(file: &str, extra: &[&str]) -> (Workspace, String) {
    let out = whoowns()
        .arg("import")
        .arg(file)
        .args(extra)
        .output()
        .expect("runs");
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{file}: {said}");
    let ws = parse(&text(&out.stdout))
        .unwrap_or_else(|e| panic!("the import of {file} does not load: {e:?}"))
        .workspace;
    (ws, said)
}

/// Imports `file`, expecting a refusal: what was said.
fn refused(file: &str, extra: &[&str]) -> String {
    let out = whoowns()
        .arg("import")
        .arg(file)
        .args(extra)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{file}: {}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "nothing printed on a refusal");
    text(&out.stderr)
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/import/{name}")
}

fn departments(ws: &Workspace) -> Vec<&str> {
    ws.departments.iter().map(|d| d.name.as_str()).collect()
}

fn tasks(ws: &Workspace) -> Vec<&str> {
    ws.responsibilities
        .iter()
        .map(|r| r.name.as_str())
        .collect()
}

fn areas(ws: &Workspace) -> Vec<Option<&str>> {
    ws.responsibilities
        .iter()
        .map(|r| r.area.as_deref())
        .collect()
}

/// The names of the departments holding `role` for `task`, sorted.
fn holders(ws: &Workspace, task: &str, role: Role) -> Vec<String> {
    let r = ws
        .responsibilities
        .iter()
        .find(|r| r.name == task)
        .unwrap_or_else(|| panic!("no task {task}: {:?}", tasks(ws)));
    let mut names: Vec<String> = r
        .role(role)
        .iter()
        .map(|id| {
            ws.departments
                .iter()
                .find(|d| &d.id == id)
                .map(|d| d.name.clone())
                .unwrap_or_else(|| panic!("unknown department {id}"))
        })
        .collect();
    names.sort();
    names
}

fn assert_says(said: &str, expected: &[&str]) {
    for e in expected {
        assert!(said.contains(e), "expected {e:?} in:\n{said}");
    }
}

/// The rules `check --format json` finds in `ws`, with how often.
fn findings(ws: &Workspace) -> Vec<(String, usize)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ws.toml");
    std::fs::write(&path, whoowns::workspace::to_toml(ws)).expect("write");
    let out = whoowns()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut counts: Vec<(String, usize)> = Vec::new();
    let list = json
        .pointer("/findings")
        .or_else(|| json.pointer("/files/0/findings"))
        .and_then(|f| f.as_array())
        .cloned()
        .unwrap_or_default();
    for f in list {
        let rule = f["rule"].as_str().unwrap_or_default().to_owned();
        match counts.iter_mut().find(|(r, _)| *r == rule) {
            Some((_, n)) => *n += 1,
            None => counts.push((rule, 1)),
        }
    }
    counts.sort();
    counts
}

#[test]
fn a_markdown_matrix_under_html_headings_with_spaced_pairs() {
    let (ws, said) = import(&fixture("algosup-team7.md"), &[]);
    assert_eq!(ws.info.name, "RACI Matrix", "the HTML heading is the title");
    assert_eq!(
        departments(&ws),
        [
            "Project Manager",
            "Program Manager",
            "Technical Leader",
            "Software Engineer",
            "Quality Assurance",
            "Client",
            "Stakeholders"
        ]
    );
    assert_eq!(ws.responsibilities.len(), 6);
    assert_eq!(
        holders(&ws, "Project brief", Role::Accountable),
        ["Client"],
        "\"A / R\""
    );
    assert_eq!(holders(&ws, "Project brief", Role::Responsible), ["Client"]);
    let charter_consulted = holders(&ws, "Project charter", Role::Consulted);
    assert_eq!(
        charter_consulted,
        [
            "Client",
            "Program Manager",
            "Quality Assurance",
            "Software Engineer",
            "Stakeholders",
            "Technical Leader"
        ],
        "\"C / I\" and \"C\""
    );
    assert_eq!(
        holders(&ws, "Code", Role::Responsible),
        ["Software Engineer", "Technical Leader"]
    );
    assert!(holders(&ws, "Code", Role::Informed).is_empty());
    assert!(areas(&ws).iter().all(Option::is_none));
    assert_says(
        &said,
        &["read the table under the heading line 11: 6 responsibilities, 7 departments"],
    );
}

#[test]
fn a_legend_table_above_the_matrix_is_passed_over_and_listed() {
    let (ws, said) = import(&fixture("sportshield-team5.md"), &[]);
    assert_eq!(ws.info.name, "RACI");
    assert_eq!(ws.departments.len(), 8);
    assert_eq!(departments(&ws)[5], "Technical writer");
    assert_eq!(
        tasks(&ws),
        [
            "Project description",
            "Project charter",
            "Functional specifications",
            "Code implementation"
        ]
    );
    assert_eq!(
        holders(&ws, "Functional specifications", Role::Consulted),
        ["Client", "Project Manager", "Technical Leader"],
        "\"I/C\""
    );
    assert_eq!(
        holders(&ws, "Functional specifications", Role::Informed),
        [
            "Project Manager",
            "Quality Assurance",
            "Software Engineer",
            "Stakeholders",
            "Technical writer"
        ]
    );
    assert_says(
        &said,
        &[
            "tables (--table N): 1 (line 7): no RACI table; 2 (line 16): 8 departments, 4 responsibilities",
            "read the table under the heading line 16 of table 2",
        ],
    );
    // --table picks one; a table that holds none is refused with the listing.
    let (again, _) = import(&fixture("sportshield-team5.md"), &["--table", "2"]);
    assert_eq!(again, ws);
    let said = refused(&fixture("sportshield-team5.md"), &["--table", "1"]);
    assert_says(
        &said,
        &[": table 1 holds no RACI table; the file holds: 1 (line 7): no RACI table; 2 (line 16)"],
    );
    let said = refused(&fixture("sportshield-team5.md"), &["--table", "3"]);
    assert_says(&said, &["no table 3: the file has 2"]);
}

#[test]
fn a_work_item_column_and_a_task_listed_twice() {
    let (ws, said) = import(&fixture("cspi-qe-work-items.md"), &[]);
    assert_eq!(ws.info.name, "RACI Chart");
    assert_eq!(
        departments(&ws),
        ["CSPI QE", "Product QE", "Project Management"]
    );
    let ids: Vec<&str> = ws.responsibilities.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "prerequisites",
            "kick-off",
            "triggering",
            "execute",
            "maintenance",
            "triggering-2"
        ]
    );
    assert_eq!(holders(&ws, "Kick-off", Role::Accountable), ["Product QE"]);
    assert_eq!(
        holders(&ws, "Kick-off", Role::Informed),
        ["Project Management"]
    );
    assert_says(
        &said,
        &[
            "line 17: \"Triggering\" is also the task of line 14: imported as a second responsibility, id `triggering-2`",
        ],
    );
    // Nobody is accountable for four rows: check says so, the import does not hide it.
    assert!(
        findings(&ws).contains(&("hot-potato".into(), 4)),
        "{:?}",
        findings(&ws)
    );
}

#[test]
fn a_deliverable_activity_heading_and_a_legend_paragraph() {
    let (ws, said) = import(&fixture("towerops-phase0.md"), &[]);
    assert_eq!(ws.info.name, "Phase 0 — RACI Matrix");
    assert_eq!(
        departments(&ws),
        [
            "Sponsor",
            "Product Owner",
            "Area Manager",
            "Eng Lead",
            "Security",
            "QA"
        ]
    );
    assert_eq!(ws.responsibilities.len(), 5);
    assert_eq!(
        holders(&ws, "SLA Classes (P1..P4)", Role::Accountable),
        ["Area Manager", "QA"]
    );
    assert_eq!(ws.responsibilities[2].id, "sla-classes-p1-p4");
    assert_says(&said, &["5 responsibilities, 6 departments"]);
    // Two accountables stay two: check finds the contest.
    let found = findings(&ws);
    assert!(found.contains(&("contested".into(), 1)), "{found:?}");
}

#[test]
fn phase_rows_become_areas_and_notes_are_kept() {
    let (ws, said) = import(&fixture("phases-template.md"), &[]);
    assert_eq!(ws.info.name, "RACI Chart: Website relaunch - Build");
    assert_eq!(
        departments(&ws),
        ["Design", "Engineering", "Marketing", "Legal", "Support"],
        "the Notes column is no department"
    );
    assert_eq!(
        tasks(&ws),
        [
            "1.1 Stakeholder interviews",
            "1.2 Requirements",
            "2.1 Build",
            "2.2 Launch review"
        ],
        "the phase rows are no responsibilities"
    );
    assert_eq!(
        areas(&ws),
        [
            Some("Phase 1: Discovery"),
            Some("Phase 1: Discovery"),
            Some("Phase 2: Delivery"),
            Some("Phase 2: Delivery")
        ]
    );
    assert_eq!(ws.responsibilities[0].notes.as_deref(), Some("Two rounds"));
    assert_eq!(
        holders(&ws, "2.2 Launch review", Role::Responsible),
        ["Engineering", "Marketing"]
    );
    assert_eq!(
        holders(&ws, "2.2 Launch review", Role::Accountable),
        ["Engineering"]
    );
    assert_says(
        &said,
        &[
            "line 25: \"Phase 1: Discovery\" has no roles: read as a section, the area of the rows below it",
            "line 28: \"Phase 2: Delivery\" has no roles: read as a section",
        ],
    );
    let found = findings(&ws);
    assert!(
        !found.iter().any(|(rule, _)| rule == "hot-potato"),
        "no section became a false hot potato: {found:?}"
    );
}

#[test]
fn a_template_not_filled_in_yet_among_legend_and_sign_off_tables() {
    let (ws, said) = import(&fixture("unfilled-template.md"), &[]);
    assert_eq!(ws.info.name, "RACI Matrix");
    assert_eq!(
        departments(&ws),
        [
            "Sponsor",
            "PM",
            "Tech Lead",
            "Developer",
            "QA",
            "Business",
            "Legal"
        ]
    );
    assert_eq!(
        tasks(&ws),
        [
            "Requirements",
            "Architecture",
            "Frontend",
            "Backend",
            "Deployment"
        ]
    );
    assert_eq!(
        areas(&ws),
        [
            Some("Planning"),
            Some("Planning"),
            Some("Development"),
            Some("Development"),
            Some("Launch")
        ],
        "bold rows are sections even with no roles anywhere"
    );
    assert!(
        Role::ALL
            .iter()
            .all(|r| holders(&ws, "Backend", *r).is_empty())
    );
    assert_says(
        &said,
        &[
            "1 (line 10, under \"How to Use\"): no RACI table",
            "2 (line 23, under \"Project Tasks\"): 7 departments, 5 responsibilities",
            "3 (line 38, under \"Legend\"): no RACI table",
            "4 (line 48, under \"Sign-Off\"): no RACI table",
            "line 26: \"Requirements\" has no roles: imported as a responsibility nobody holds",
        ],
    );
    let found = findings(&ws);
    assert!(found.contains(&("hot-potato".into(), 5)), "{found:?}");
}

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
fn transposed_tables_split_departments_on_commas_semicolons_slashes_and_lines() {
    let (ws, said) = import(&fixture("transposed-launch.md"), &[]);
    assert_eq!(
        departments(&ws),
        [
            "PMM",
            "GM",
            "Head of Product",
            "Product",
            "Sales",
            "Success",
            "Execs",
            "Design",
            "Head of Sales",
            "Legal",
            "Finance",
            "CFO"
        ]
    );
    assert_eq!(
        holders(&ws, "Strategy & narrative", Role::Responsible),
        ["GM", "PMM"]
    );
    assert_eq!(
        holders(&ws, "Strategy & narrative", Role::Consulted),
        ["Product", "Sales", "Success"]
    );
    assert_eq!(
        holders(&ws, "Sales enablement", Role::Consulted),
        ["PMM", "Product"]
    );
    assert_eq!(
        holders(&ws, "Policies & pricing approvals", Role::Responsible),
        ["Finance", "Legal"]
    );
    assert_says(
        &said,
        &[
            "(a column per role, departments named in the cells): 4 responsibilities, 12 departments",
        ],
    );

    let (ws, said) = import(&fixture("transposed-cells.csv"), &[]);
    assert_eq!(ws.info.name, "Marketing launch RACI");
    assert_eq!(
        holders(&ws, "Launch plan", Role::Responsible),
        ["Marketing", "Product"],
        "a line break in the cell"
    );
    assert_eq!(
        holders(&ws, "Launch plan", Role::Consulted),
        ["Legal", "Sales"]
    );
    assert_eq!(
        holders(&ws, "Pricing page", Role::Responsible),
        ["Design", "Web"]
    );
    assert_eq!(
        holders(&ws, "Press release", Role::Responsible),
        ["Communications"]
    );
    assert_says(
        &said,
        &["row 6, column B: \"Communications (agency)\" read as department \"Communications\""],
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
    let said = refused(&fixture("repeated-conflict.csv"), &[]);
    assert_says(
        &said,
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
    let said = refused(&fixture("x-marks.csv"), &[]);
    assert_says(
        &said,
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
    let said = refused(&fixture("x-marks.csv"), &["--x-means", "Q"]);
    assert_says(
        &said,
        &["--x-means Q: not a role of the raci model; use one of R, A, C or I"],
    );
}

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
    let said = refused(&fixture("customer-care.ods"), &["--sheet", "Read me"]);
    assert_says(
        &said,
        &["sheet \"Read me\" holds no RACI table; the file holds:"],
    );
    let said = refused(&fixture("customer-care.ods"), &["--sheet", "Budget"]);
    assert_says(&said, &["no sheet named \"Budget\"; the file holds:"]);
}

/// An Excel workbook as a consultant hands it over: an instructions sheet first, then a sheet
/// with a title, a subtitle, the heading on row 4, area cells merged down, and a key below.
fn consultant_workbook(path: &std::path::Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let intro = book.add_worksheet();
    intro.set_name("Instructions").expect("name");
    intro
        .write_string(0, 0, "How to fill in the RACI sheet")
        .expect("write");
    intro
        .write_string(1, 0, "One letter per cell: R, A, C or I.")
        .expect("write");
    let sheet = book.add_worksheet();
    sheet.set_name("RACI").expect("name");
    sheet
        .write_string(0, 0, "Social media responsibilities")
        .expect("write");
    sheet
        .write_string(1, 0, "Agreed at the May workshop")
        .expect("write");
    let heading = [
        "Workstream",
        "Task / Deliverable",
        "Marketing",
        "IT",
        "Legal",
        "Status",
    ];
    for (c, h) in heading.iter().enumerate() {
        sheet
            .write_string(3, u16::try_from(c).expect("col"), *h)
            .expect("write");
    }
    let rows: [[&str; 5]; 4] = [
        ["Publishing", "Content calendar", "A/R", "", "C"],
        ["", "Scheduling tool", "C", "A/R", ""],
        ["Security", "Account access", "I", "A/R", "C"],
        ["", "Incident response", "R", "R", "A"],
    ];
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).expect("row") + 4;
        for (c, cell) in row.iter().enumerate().skip(1) {
            if !cell.is_empty() {
                sheet
                    .write_string(r, u16::try_from(c).expect("col"), *cell)
                    .expect("write");
            }
        }
        sheet.write_string(r, 5, "Agreed").expect("write");
    }
    sheet
        .merge_range(4, 0, 5, 0, "Publishing", &Format::new())
        .expect("merge");
    sheet
        .merge_range(6, 0, 7, 0, "Security", &Format::new())
        .expect("merge");
    sheet
        .write_string(
            9,
            0,
            "Key: R = Responsible, A = Accountable, C = Consulted, I = Informed",
        )
        .expect("write");
    book.save(path).expect("save");
}

#[test]
fn an_excel_workbook_with_merged_areas_title_and_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("raci.xlsx");
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
    let csv = dir.path().join("raci.csv");
    std::fs::write(
        &csv,
        "Social media responsibilities,,,,,\r\nAgreed at the May workshop,,,,,\r\n,,,,,\r\n\
         Workstream,Task / Deliverable,Marketing,IT,Legal,Status\r\n\
         Publishing,Content calendar,A/R,,C,Agreed\r\n,Scheduling tool,C,A/R,,Agreed\r\n\
         Security,Account access,I,A/R,C,Agreed\r\n,Incident response,R,R,A,Agreed\r\n,,,,,\r\n\
         \"Key: R = Responsible, A = Accountable, C = Consulted, I = Informed\",,,,,\r\n",
    )
    .expect("write");
    let (from_csv, _) = import(&csv.to_string_lossy(), &[]);
    assert_eq!(from_csv, ws);
}

#[test]
fn a_file_that_is_no_workbook_is_reported_not_guessed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.xlsx");
    std::fs::write(&path, b"PK\x03\x04 not really a zip").expect("write");
    let said = refused(&path.to_string_lossy(), &[]);
    assert_says(&said, &["cannot read the workbook"]);
}

#[test]
fn the_task_column_is_found_by_its_content_and_any_delimiter_or_encoding_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path.to_string_lossy().into_owned()
    };
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
    let said = refused(&fixture("smartsheet-style.csv"), &["--sheet", "RACI"]);
    assert_says(&said, &["this file is CSV text, a single table"]);
    let said = refused(&fixture("customer-care.ods"), &["--table", "1"]);
    assert_says(&said, &["this file is a workbook (use --sheet NAME)"]);
    let said = refused(&fixture("phases-template.md"), &["--sheet", "RACI"]);
    assert_says(&said, &["this file is a Markdown document (use --table N)"]);
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
fn transposed_headings_by_letter_or_a_letter_in_parentheses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("roles.md");
    std::fs::write(
        &path,
        "# Ownership\n\n| Tasks | R | A | C | I |\n| --- | --- | --- | --- | --- |\n\
         | Release notes | Docs | PM | Dev, QA | Support |\n\n\
         | Artifact / Activity | Primary (R) | Accountable (A) | Consulted (C) | Informed (I) |\n\
         | --- | --- | --- | --- | --- |\n| Sprint planning | Devs | PM / Scrum Master | PdM, QA | Stakeholders |\n",
    )
    .expect("write");
    let file = path.to_string_lossy().into_owned();
    let (ws, said) = import(&file, &[]);
    assert_eq!(ws.info.name, "Ownership");
    assert_eq!(
        holders(&ws, "Release notes", Role::Consulted),
        ["Dev", "QA"]
    );
    assert_eq!(holders(&ws, "Release notes", Role::Accountable), ["PM"]);
    assert_says(
        &said,
        &["(a column per role, departments named in the cells)"],
    );
    let (ws, _) = import(&file, &["--table", "2"]);
    assert_eq!(holders(&ws, "Sprint planning", Role::Responsible), ["Devs"]);
    assert_eq!(
        holders(&ws, "Sprint planning", Role::Accountable),
        ["PM", "Scrum Master"]
    );
    assert_eq!(
        holders(&ws, "Sprint planning", Role::Informed),
        ["Stakeholders"]
    );
}

#[test]
fn a_title_row_with_a_second_cell_is_no_heading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("versioned.csv");
    std::fs::write(
        &path,
        "RACI Matrix,,,Version 2\nTask,Marketing,IT,Legal\nBrand voice,A/R,C,I\nTool selection,C,A/R,\n",
    )
    .expect("write");
    let (ws, said) = import(&path.to_string_lossy(), &[]);
    assert_eq!(ws.info.name, "RACI Matrix Version 2");
    assert_eq!(departments(&ws), ["Marketing", "IT", "Legal"]);
    assert_eq!(holders(&ws, "Tool selection", Role::Accountable), ["IT"]);
    assert_says(&said, &["read the table under the heading row 2"]);
}

#[test]
fn a_row_that_names_a_section_is_one_even_above_a_task_nobody_holds_yet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("phases.csv");
    std::fs::write(
        &path,
        "Task,Marketing,IT\nPhase 1: Plan,,\nKick-off,,\nBrief,A/R,C\nStage 2,,\nBuild,C,A/R\nPhase-out of old accounts,,\nArchive,I,A/R\n",
    )
    .expect("write");
    let (ws, said) = import(&path.to_string_lossy(), &[]);
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
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("wbs.csv");
    std::fs::write(
        &path,
        "WBS,Deliverables,Sponsor,PMO\n1.1,Business case,A,R\n1.2,Charter,A,R\n2,Launch,I,A/R\n",
    )
    .expect("write");
    let (ws, said) = import(&path.to_string_lossy(), &[]);
    assert_eq!(tasks(&ws), ["Business case", "Charter", "Launch"]);
    assert_eq!(departments(&ws), ["Sponsor", "PMO"]);
    assert_says(&said, &["row 1, column A: \"WBS\" holds no roles"]);
    // Unheaded numbers beside unheaded names: the names are the tasks.
    std::fs::write(&path, ",,Sponsor,PMO\n1,Business case,A,R\n2,Charter,A,R\n").expect("write");
    let (ws, _) = import(&path.to_string_lossy(), &[]);
    assert_eq!(tasks(&ws), ["Business case", "Charter"]);
}

#[test]
fn another_models_letters_are_named_not_guessed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rasci.csv");
    std::fs::write(&path, "Task,Marketing,IT,Legal\nBrand voice,A/R,S,C\n").expect("write");
    let file = path.to_string_lossy().into_owned();
    let said = refused(&file, &[]);
    assert_says(
        &said,
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
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("grouped.csv");
    std::fs::write(
        &path,
        "Social RACI,,,,\nTask,Business,,Technology,\n,Marketing,Sales,IT,Security\n\
         Brand voice,A/R,C,,I\nTool selection,C,,A/R,C\n",
    )
    .expect("write");
    let (ws, said) = import(&path.to_string_lossy(), &[]);
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
