use super::outline_tests::{assert_raw_tables_are_rectangular, outline, section};
use super::*;
use crate::analysis::{RuleId, analyze};
use crate::workspace::{Decision, Department, Responsibility, Severity};

fn department(id: &str, name: &str, lead: Option<&str>) -> Department {
    Department {
        id: id.into(),
        name: name.into(),
        lead: lead.map(Into::into),
        signed: None,
    }
}

fn resp(id: &str, name: &str, area: Option<&str>, a: &[&str], r: &[&str]) -> Responsibility {
    Responsibility {
        id: id.into(),
        name: name.into(),
        area: area.map(Into::into),
        accountable: a.iter().map(|s| s.to_string()).collect(),
        responsible: r.iter().map(|s| s.to_string()).collect(),
        ..Responsibility::default()
    }
}

fn decision(date: &str, about: Option<&str>, text: &str) -> Decision {
    Decision {
        department: None,
        id: String::new(),
        date: date.into(),
        responsibility: about.map(Into::into),
        text: text.into(),
    }
}

/// A small, well-behaved workspace with areas, claims, budgets, decisions and findings.
pub(super) fn sample() -> Workspace {
    let mut ws = Workspace::default();
    ws.info.name = "Social media charter".into();
    ws.info.organization = Some("Acme".into());
    ws.info.facilitator = Some("Dana".into());
    ws.info.purpose = Some("Share social media.\n\nNo single owner.".into());
    ws.info.currency = Some("EUR".into());
    ws.departments = vec![
        department("marketing", "Marketing", Some("Ann")),
        department("it", "IT", Some("Ivo")),
        department("legal", "Legal", None),
    ];
    let mut voice = resp(
        "voice",
        "Brand voice",
        Some("Brand"),
        &["marketing"],
        &["marketing"],
    );
    voice.consulted = vec!["legal".into()];
    voice.informed = vec!["it".into()];
    voice.description = Some("How we sound.".into());
    voice.budget = Some(12000.0);
    voice.funding.insert("marketing".into(), 8000.0);
    voice.funding.insert("it".into(), 1000.5);
    voice
        .claims
        .insert("legal".into(), "We carry the liability".into());
    voice.notes = Some("Reviewed yearly.".into());
    let mut crisis = resp(
        "crisis",
        "Crisis response",
        Some("Risk"),
        &["legal", "marketing"],
        &["marketing"],
    );
    crisis.tie_breaker = Some("The COO decides.".into());
    let tools = resp(
        "tools",
        "Tool selection",
        None,
        &["it", "marketing"],
        &["it"],
    );
    let listening = resp("listening", "Listening", Some("Brand"), &[], &[]);
    ws.responsibilities = vec![voice, crisis, tools, listening];
    ws.decisions = vec![
        decision("2024-05-01", Some("voice"), "Marketing keeps the voice."),
        decision("2024-05-02", None, "Meet every quarter."),
    ];
    ws
}

/// A workspace whose every text field tries to break out of the Markdown.
pub(super) fn hostile_workspace() -> Workspace {
    hostile()
}

/// A workspace whose every text field tries to break out of the Markdown.
fn hostile() -> Workspace {
    let mut ws = Workspace::default();
    ws.info.name = "Charter | <script>alert(1)</script> \u{1b}[2J".into();
    ws.info.organization = Some("Acme `rm -rf` [x](http://e)".into());
    ws.info.facilitator = Some("# not a heading\r\n- nor a list".into());
    ws.info.purpose = Some(
        "line *one*\n# heading?\n\n- list?\n1. list?\n    code?\n```\nfence\n```\n<div>html</div>\n===\n[r]: http://e".into(),
    );
    ws.info.currency = Some("E|UR<b>".into());
    ws.departments = vec![
        department(
            "a",
            "Mark|eting\n<b>bold</b>",
            Some("Ann *star* \u{1b}]0;pwned\u{7}"),
        ),
        department("b", "I`T`", Some("[x](http://e)")),
        department("c", "Legal\r\nX ![img](http://e/i.png)", None),
        department(
            "d",
            "&lt;Ops&#62; @everyone www.e.com $x$",
            Some("~~gone~~"),
        ),
    ];
    let mut r = resp("x", "a|b", Some("Risk | <i>it</i>"), &["a", "b"], &["c"]);
    r.description = Some("multi\n\n1. list\n```code```\n> quote".into());
    r.claims
        .insert("c".into(), "we carry | liability\n<script>".into());
    r.claims.insert("d".into(), "| - | --- |".into());
    r.notes = Some("| col | col |\n| --- | --- |\n| a | b |".into());
    r.budget = Some(100.0);
    r.funding.insert("a".into(), 40.0);
    r.informed = vec!["d".into()];
    let mut other = resp("y", "[y](javascript:alert(1))", None, &[], &["d"]);
    other.tie_breaker = Some("<img src=x onerror=alert(1)>".into());
    ws.responsibilities = vec![r, other];
    ws.decisions = vec![decision(
        "2024-05-01",
        Some("x"),
        "Agreed | `code` <img src=x>\nnext line",
    )];
    ws
}

pub(super) fn render_plain(ws: &Workspace) -> String {
    render(ws, &analyze(ws), &CharterOptions::default())
}

#[test]
fn rendering_is_deterministic_and_ends_in_one_newline() {
    for ws in [sample(), hostile(), Workspace::default()] {
        let analysis = analyze(&ws);
        let options = CharterOptions {
            date: Some("2024-06-01".into()),
            ..CharterOptions::default()
        };
        let first = render(&ws, &analysis, &options);
        assert_eq!(first, render(&ws, &analysis, &options));
        assert_eq!(first, render(&ws.clone(), &analyze(&ws), &options.clone()));
        assert!(
            first.ends_with('\n') && !first.ends_with("\n\n"),
            "{first:?}"
        );
        assert!(!first.contains("\n\n\n"), "no double blank lines");
    }
}

#[test]
fn hostile_text_never_breaks_out() {
    let ws = hostile();
    let markdown = render_plain(&ws);
    assert!(
        !markdown
            .chars()
            .any(|c| c != '\n' && crate::text::is_unsafe_char(c)),
        "{markdown:?}"
    );
    assert_raw_tables_are_rectangular(&markdown);

    let outline = outline(&markdown);
    assert!(outline.forbidden.is_empty(), "{:?}", outline.forbidden);
    assert!(outline.tables.len() >= 5, "{:?}", outline.tables);
    for (under, header, rows) in &outline.tables {
        for row in rows {
            assert_eq!(row.len(), header.len(), "table under {under}: {row:?}");
        }
    }
    let headings: Vec<&str> = outline.headings.iter().map(|h| h.1.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Charter | <script>alert(1)</script> [2J",
            "Summary",
            "Contents",
            "Departments",
            "Department: Mark|eting <b>bold</b>",
            "Department: I`T`",
            "Department: Legal X ![img](http://e/i.png)",
            "Department: &lt;Ops&#62; @everyone www.e.com $x$",
            "Area: Risk | <i>it</i>",
            "a|b",
            "Other responsibilities",
            "[y](javascript:alert(1))",
            "Role matrix",
            "Open findings",
            "Decision log",
            "Sign-off",
        ]
    );
    for words in [
        "a|b",
        "Mark|eting <b>bold</b>",
        "Acme `rm -rf` [x](http://e)",
        "Ann *star* ]0;pwned",
        "I`T`",
        "Legal X ![img](http://e/i.png)",
        "&lt;Ops&#62; @everyone www.e.com $x$",
        "~~gone~~",
        "we carry | liability <script>",
        "| col | col |",
        "<img src=x onerror=alert(1)>",
        "Agreed | `code` <img src=x> next line",
        "# heading?",
        "- list?",
        "1. list?",
        "```code```",
        "> quote",
        "[r]: http://e",
        "100 E|UR<b>",
    ] {
        assert!(
            outline.text.contains(words),
            "lost {words:?} in {:?}",
            outline.text
        );
    }
}

#[test]
fn matrix_splits_into_tables_of_eight_departments() {
    let mut ws = sample();
    ws.departments = (0..20)
        .map(|i| department(&format!("d{i}"), &format!("Dept {i}"), None))
        .collect();
    ws.responsibilities[0].accountable = vec!["d0".into()];
    ws.responsibilities[0].responsible = vec!["d0".into(), "d19".into()];
    ws.responsibilities[0].informed = vec!["d9".into()];
    let markdown = render_plain(&ws);
    let outline = outline(&markdown);
    let matrix: Vec<_> = outline
        .tables
        .iter()
        .filter(|(under, _, _)| under == "Role matrix")
        .collect();
    assert_eq!(matrix.len(), 3);
    let widths: Vec<usize> = matrix.iter().map(|(_, header, _)| header.len()).collect();
    assert_eq!(widths, [9, 9, 5]);
    for (_, header, rows) in &matrix {
        assert_eq!(header[0], "Responsibility");
        assert_eq!(rows.len(), ws.responsibilities.len());
    }
    assert_eq!(matrix[0].1[1], "Dept 0");
    assert_eq!(matrix[2].1[4], "Dept 19");
    // Rows follow the charter order: Brand (voice, listening), Risk (crisis), other (tools).
    let first_rows: Vec<&str> = matrix[0].2.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(
        first_rows,
        [
            "Brand voice",
            "Listening",
            "Crisis response",
            "Tool selection"
        ]
    );
    assert_eq!(matrix[0].2[0][1], "AR");
    assert_eq!(matrix[1].2[0][2], "I", "d9 is the second column of table 2");
    assert_eq!(matrix[2].2[0][4], "R");
    assert_eq!(matrix[0].2[1][1], "");
}

#[test]
fn every_section_appears_in_order() {
    let ws = sample();
    let options = CharterOptions {
        date: Some("2024-06-01".into()),
        ..CharterOptions::default()
    };
    let markdown = render(&ws, &analyze(&ws), &options);
    let outline = outline(&markdown);
    assert!(outline.forbidden.is_empty(), "{:?}", outline.forbidden);
    let headings: Vec<(usize, &str)> = outline
        .headings
        .iter()
        .map(|(level, text)| (*level, text.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "Social media charter"),
            (2, "Summary"),
            (2, "Contents"),
            (2, "Departments"),
            (2, "Department: Marketing"),
            (2, "Department: IT"),
            (2, "Department: Legal"),
            (2, "Area: Brand"),
            (3, "Brand voice"),
            (3, "Listening"),
            (2, "Area: Risk"),
            (3, "Crisis response"),
            (2, "Other responsibilities"),
            (3, "Tool selection"),
            (2, "Role matrix"),
            (2, "Open findings"),
            (2, "Decision log"),
            (2, "Sign-off"),
        ]
    );
    let facts = [
        "**Organization:** Acme",
        "**Effective date:** 2024-06-01",
        "**Facilitator:** Dana",
    ];
    let positions: Vec<usize> = facts
        .iter()
        .map(|f| markdown.find(f).unwrap_or_else(|| panic!("no {f}")))
        .collect();
    assert!(positions.is_sorted(), "{positions:?}");
    let purpose = markdown
        .find("**Purpose:** Share social media.")
        .expect("purpose");
    let how = markdown
        .find("**How to read this charter:**")
        .expect("how to read");
    assert!(positions[2] < purpose && purpose < how);
    for meaning in [
        "**Accountable** decides and answers",
        "**Responsible** does the work",
        "**Consulted** is asked before",
        "**Informed** is told after",
    ] {
        assert!(markdown.contains(meaning), "{meaning}");
    }
    assert!(
        !render_plain(&ws).contains("**Effective date:**"),
        "no date unless given or signed by all"
    );
    // Signed by every department: in effect from the last signature.
    let mut signed = ws.clone();
    let count = signed.departments.len();
    for (n, d) in signed.departments.iter_mut().enumerate() {
        d.signed = Some(crate::workspace::Signature {
            by: format!("Lead {n}"),
            date: format!("2026-12-{:02}", 1 + n % 9),
            part: None,
            open: None,
        });
    }
    let last = format!("2026-12-{:02}", 1 + (count - 1).min(8));
    assert!(
        render_plain(&signed).contains(&format!("**Effective date:** {last}")),
        "{}",
        render_plain(&signed)
    );
    signed.departments[0].signed = None;
    assert!(!render_plain(&signed).contains("**Effective date:**"));
}

#[test]
fn tables_list_departments_findings_decisions_and_signatures() {
    let ws = sample();
    let analysis = analyze(&ws);
    let markdown = render_plain(&ws);
    let outline = outline(&markdown);
    let table = |under: &str| {
        let found = outline.tables.iter().find(|t| t.0 == under);
        found.unwrap_or_else(|| panic!("no table under {under}"))
    };

    let (_, header, rows) = table("Departments");
    assert_eq!(header, &["Department", "Id", "Lead"]);
    assert_eq!(rows[0], ["Marketing", "marketing", "Ann"]);
    assert_eq!(rows[2], ["Legal", "legal", "—"]);

    let (_, header, rows) = table("Open findings");
    assert_eq!(header, &["Severity", "Rule", "Concerns", "Finding"]);
    assert_eq!(rows.len(), analysis.findings.len());
    for (row, finding) in rows.iter().zip(&analysis.findings) {
        assert_eq!(row[0], finding.severity.as_str());
        assert_eq!(row[1], finding.rule.as_str());
        assert_eq!(row[3], finding.message);
    }
    let hot_potato = analysis
        .findings
        .iter()
        .find(|f| f.rule == RuleId::HotPotato);
    assert!(rows.contains(&vec![
        "error".to_owned(),
        "hot-potato".to_owned(),
        "Listening".to_owned(),
        hot_potato.expect("listening has no owner").message.clone(),
    ]));
    assert!(
        analysis
            .findings
            .iter()
            .any(|f| f.rule == RuleId::Contested && f.severity == Severity::Error)
    );
    assert!(
        rows.iter()
            .any(|r| r[1] == "unresolved-claim" && r[2] == "Brand voice (Legal)")
    );

    let (_, header, rows) = table("Decision log");
    assert_eq!(header, &["Date", "About", "Decision"]);
    assert_eq!(
        rows,
        &[
            ["2024-05-01", "Brand voice", "Marketing keeps the voice."],
            ["2024-05-02", "The whole charter", "Meet every quarter."],
        ]
    );
}

#[test]
fn responsibility_subsections_say_who_does_decides_and_funds() {
    let ws = sample();
    let markdown = render_plain(&ws);
    let voice = section(&markdown, "### Brand voice");
    for line in [
        "How we sound.",
        "- **Accountable** (decides and answers): Marketing",
        "- **Responsible** (does the work): Marketing",
        "- **Consulted** (is asked before): Legal",
        "- **Informed** (is told after): IT",
        "- **Disagreements settled by:** Marketing decides (the only accountable department)",
        "- **Budget:** 12,000 EUR, funded 9,000.5 EUR of 12,000 EUR by IT (1,000.5 EUR), Marketing (8,000 EUR)",
        "- Legal: We carry the liability",
        "**Notes:**\n\nReviewed yearly.",
        "**Decision:** taken on 2024-05-01, told in the [decision log](#decision-log).",
        "- warning (underfunded): ",
        "- warning (unresolved-claim): Legal claims",
    ] {
        assert!(voice.contains(line), "no {line:?} in\n{voice}");
    }
    let crisis = section(&markdown, "### Crisis response");
    assert!(crisis.contains("**Disagreements settled by:** The COO decides."));
    assert!(crisis.contains("**Budget:** none set"));
    assert!(crisis.contains("**Open findings:** none."), "{crisis}");
    let tools = section(&markdown, "### Tool selection");
    assert!(tools.contains("**Disagreements settled by:** _Not agreed yet_"));
    assert!(
        tools.contains("- error (contested): IT and Marketing"),
        "{tools}"
    );
    let listening = section(&markdown, "### Listening");
    assert!(listening.contains("**Accountable** (decides and answers): _Nobody_"));
    assert!(listening.contains("**Disagreements settled by:** _Not agreed yet_"));
}

#[test]
fn empty_workspace_still_has_every_section() {
    let markdown = render_plain(&Workspace::default());
    let headings: Vec<String> = outline(&markdown)
        .headings
        .into_iter()
        .map(|h| h.1)
        .collect();
    assert_eq!(
        headings,
        [
            "Social media charter",
            "Summary",
            "Contents",
            "Departments",
            "Responsibilities",
            "Role matrix",
            "Open findings",
            "Decision log",
            "Sign-off",
        ]
    );
    assert!(markdown.contains("No open conflicts"));
    assert!(markdown.contains("No decisions recorded yet."));
}
