//! Unit tests of the diff: departments, workspace facts, decisions, given analyses, Markdown.

use super::tests::{dept_mut, item_mut, sample};
use super::*;
use crate::analysis::analyze;
use crate::workspace::{Decision, Department, Signature};

#[test]
fn departments_added_renamed_removed_leads_and_signatures() {
    let mut before = sample();
    let part = crate::signoff::fingerprint(&before, "legal");
    dept_mut(&mut before, "legal").signed = Some(Signature {
        by: "Carla Jensen".into(),
        date: "2026-11-20".into(),
        part: Some(part),
        open: None,
    });
    dept_mut(&mut before, "hr").signed = Some(Signature {
        by: "Elena Rossi".into(),
        date: "2026-11-20".into(),
        part: None,
        open: None,
    });
    let mut after = before.clone();
    dept_mut(&mut after, "pr").name = "Communications".into();
    dept_mut(&mut after, "it").lead = None;
    dept_mut(&mut after, "hr").signed = None;
    // Legal's part changes after it signed.
    item_mut(&mut after, "crisis-response").tie_breaker = Some("The CEO decides.".into());
    let part = crate::signoff::fingerprint(&after, "marketing");
    dept_mut(&mut after, "marketing").signed = Some(Signature {
        by: "Ana Ruiz".into(),
        date: "2026-11-24".into(),
        part: Some(part),
        open: Some("2 warnings and 1 parked item".into()),
    });
    after.departments.push(Department {
        id: "finance".into(),
        name: "Finance".into(),
        ..Department::default()
    });
    // Sales leaves: remove it everywhere so AFTER stays consistent.
    after.departments.retain(|d| d.id != "sales");
    let diff = diff(&before, &after);
    let by_id = |id: &str| {
        diff.departments
            .iter()
            .find(|d| d.department.id == id)
            .unwrap_or_else(|| panic!("{id}: {diff:#?}"))
    };
    assert_eq!(by_id("finance").presence, Presence::Added);
    assert_eq!(by_id("sales").presence, Presence::Removed);
    assert_eq!(
        diff.departments.last().map(|d| d.department.id.as_str()),
        Some("sales")
    );
    assert_eq!(
        by_id("pr").changes,
        [DepartmentField::Renamed {
            before: "PR / Communications".into(),
            after: "Communications".into()
        }]
    );
    assert_eq!(
        by_id("it").changes,
        [DepartmentField::Lead {
            before: Some("Ben Okafor".into()),
            after: None
        }]
    );
    assert!(
        matches!(&by_id("hr").changes[..], [DepartmentField::Unsigned { by, .. }] if by == "Elena Rossi")
    );
    assert!(matches!(
        &by_id("marketing").changes[..],
        [DepartmentField::Signed { stale: false, open: Some(open), .. }] if open == "2 warnings and 1 parked item"
    ));
    assert!(
        matches!(&by_id("legal").changes[..], [DepartmentField::NowStale { by, date }] if by == "Carla Jensen" && date == "2026-11-20")
    );
    // Finance holds no role: a department-wide finding, outside any responsibility.
    assert!(
        diff.findings_introduced
            .iter()
            .any(|f| f.rule == RuleId::Absent
                && f.department.as_ref().map(|d| d.name.as_str()) == Some("Finance"))
    );
    let text = render_text(&diff, &before, &after);
    for expected in [
        "Departments\n",
        "  ~ PR / Communications renamed to Communications\n",
        "  ~ IT: lead Ben Okafor → (none)\n",
        "  ! Legal & Compliance: signature by Carla Jensen (2026-11-20) is now stale",
        "  ✓ Marketing signed by Ana Ruiz on 2026-11-24 with 2 warnings and 1 parked item open\n",
        "  + Finance (added)\n",
        "  - Sales (removed)\n",
        "Other findings\n  introduced absent: ",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
}

#[test]
fn workspace_info_and_decisions() {
    let before = sample();
    let mut after = before.clone();
    after.info.name = "New name".into();
    after.info.organization = None;
    after.info.facilitator = Some("Sam".into());
    after.info.purpose = Some("Agree.".into());
    after.info.date = Some("2026-11-24".into());
    after.info.currency = Some("USD".into());
    let removed = after.decisions.remove(0);
    let added = Decision {
        department: None,
        id: "added".into(),
        date: "2026-11-24".into(),
        responsibility: Some("analytics".into()),
        text: "IT runs the report.".into(),
    };
    after.decisions.push(added.clone());
    // A repeated entry counts once more: the log is compared as a multiset.
    after.decisions.push(added);
    let diff = diff(&before, &after);
    let fields: Vec<&str> = diff.info.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            "name",
            "organization",
            "facilitator",
            "purpose",
            "date",
            "currency"
        ]
    );
    assert_eq!(diff.decisions_added.len(), 2);
    assert_eq!(
        diff.decisions_added[0].responsibility,
        Some(ItemRef {
            id: "analytics".into(),
            name: "Analytics and reporting".into()
        })
    );
    assert_eq!(diff.decisions_removed.len(), 1);
    assert_eq!(diff.decisions_removed[0].text, removed.text);
    let text = render_text(&diff, &before, &after);
    assert!(
        text.contains("Workspace\n  ~ name: Acme social media charter → New name\n"),
        "{text}"
    );
    assert!(
        text.contains("  ~ organization: Acme Corp → (none)\n"),
        "{text}"
    );
    assert!(
        text.contains("Decisions\n  + 2026-11-24 (Analytics and reporting): IT runs the report.\n"),
        "{text}"
    );
}

#[test]
fn given_analyses_give_the_same_diff() {
    let before = sample();
    let mut after = before.clone();
    item_mut(&mut after, "executive-presence").accountable = vec!["exec".into()];
    let computed = diff(&before, &after);
    let given = diff_with_analyses(&before, &analyze(&before), &after, &analyze(&after));
    assert_eq!(computed, given);
    assert!(!computed.is_empty());
}

#[test]
fn markdown_escapes_workspace_text_and_uses_no_top_headings() {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
    let before = sample();
    let mut after = before.clone();
    let r = item_mut(&mut after, "analytics");
    r.name = "# <script>alert(1)</script> *bold* [x](http://e.vil)".into();
    r.notes = Some("- <b>list</b>\n## heading".into());
    dept_mut(&mut after, "it").name = "<img src=x onerror=alert(1)>".into();
    let diff = diff(&before, &after);
    let markdown = render_markdown(&diff, &before, &after);
    let mut headings = Vec::new();
    for event in Parser::new_ext(&markdown, pulldown_cmark::Options::all()) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in\n{markdown}"),
            Event::Start(Tag::Heading { level, .. }) => headings.push(level),
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::Emphasis | Tag::Strong) => {
                panic!("markup from workspace text in\n{markdown}")
            }
            _ => {}
        }
    }
    assert!(!headings.is_empty());
    assert!(
        headings.iter().all(|&l| l == HeadingLevel::H3),
        "{headings:?}"
    );
    assert!(markdown.contains("### \\# \\<script\\>"), "{markdown}");
    assert!(
        markdown.contains("\n- \\~ name: Analytics and reporting → "),
        "{markdown}"
    );
}

#[test]
fn a_finding_introduced_and_waived_says_it_was_accepted_on_purpose() {
    let before = sample();
    let mut after = before.clone();
    item_mut(&mut after, "analytics").accountable.clear();
    after.waivers.push(crate::workspace::Waiver {
        rule: "hot-potato".into(),
        responsibility: Some("analytics".into()),
        department: None,
        reason: "Nobody wants it this year".into(),
        date: "2026-12-07".into(),
    });
    let diff = diff(&before, &after);
    let introduced: Vec<&FindingChange> = diff.all_findings_introduced().collect();
    let potato = introduced
        .iter()
        .find(|f| f.rule == crate::analysis::RuleId::HotPotato)
        .expect("introduced");
    assert_eq!(potato.waived.as_deref(), Some("Nobody wants it this year"));
    let text = render_text(&diff, &before, &after);
    assert!(
        text.contains("(accepted on purpose: Nobody wants it this year)"),
        "{text}"
    );
    let markdown = render_markdown(&diff, &before, &after);
    assert!(
        markdown.contains("(accepted on purpose: Nobody wants it this year)"),
        "{markdown}"
    );
}
