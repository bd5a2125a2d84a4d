//! `whoowns import` on public RACI tables kept in Markdown documents, through the real binary
//! (`tests/fixtures/import/`, each with its source in `SOURCE.md`): HTML headings, legend
//! tables around the matrix, task columns headed in other words, sections, templates not
//! filled in yet and the transposed layout. Every test asserts the departments,
//! responsibilities, roles, areas and what the import said about how it read them; nothing
//! ambiguous is read silently. CSV layouts are in `import_layouts.rs`, workbooks in
//! `import_workbooks.rs`.

#[path = "common/import.rs"]
mod import_common;

use import_common::*;
use whoowns::workspace::Role;

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
    refuses(
        &fixture("sportshield-team5.md"),
        &["--table", "1"],
        &[": table 1 holds no RACI table; the file holds: 1 (line 7): no RACI table; 2 (line 16)"],
    );
    refuses(
        &fixture("sportshield-team5.md"),
        &["--table", "3"],
        &["no table 3: the file has 2"],
    );
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
fn transposed_headings_by_letter_or_a_letter_in_parentheses() {
    let dir = Scratch::new();
    let file = dir.file("roles.md", "# Ownership\n\n| Tasks | R | A | C | I |\n| --- | --- | --- | --- | --- |\n\
         | Release notes | Docs | PM | Dev, QA | Support |\n\n\
         | Artifact / Activity | Primary (R) | Accountable (A) | Consulted (C) | Informed (I) |\n\
         | --- | --- | --- | --- | --- |\n| Sprint planning | Devs | PM / Scrum Master | PdM, QA | Stakeholders |\n");
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
