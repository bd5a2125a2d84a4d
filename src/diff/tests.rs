//! Unit tests of the diff: one per kind of change, identity by id, and the three renderings.

use super::*;
use crate::analysis::analyze;
use crate::workspace::{Claim, Decision, Department, Responsibility, Signature, Workspace, parse};

fn sample() -> Workspace {
    parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace
}

fn item_mut<'a>(ws: &'a mut Workspace, id: &str) -> &'a mut Responsibility {
    let i = ws.responsibility_index(id).expect("responsibility");
    &mut ws.responsibilities[i]
}

fn dept_mut<'a>(ws: &'a mut Workspace, id: &str) -> &'a mut Department {
    let i = ws.department_index(id).expect("department");
    &mut ws.departments[i]
}

/// The changes of the one responsibility that changed.
fn only_changes(diff: &Diff, id: &str) -> Vec<Change> {
    let r = diff
        .responsibilities
        .iter()
        .find(|r| r.responsibility.id == id)
        .unwrap_or_else(|| panic!("{id} not in {diff:#?}"));
    r.changes.clone()
}

fn dept(id: &str, name: &str) -> ItemRef {
    ItemRef {
        id: id.into(),
        name: name.into(),
    }
}

#[test]
fn the_same_workspace_has_no_differences() {
    let ws = sample();
    let diff = diff(&ws, &ws);
    assert!(diff.is_empty(), "{diff:#?}");
    assert_eq!(render_text(&diff, &ws, &ws), "No changes.\n");
    assert_eq!(render_markdown(&diff, &ws, &ws), "No changes.\n");
    let json: serde_json::Value = serde_json::from_str(&render_json(&diff)).expect("json");
    assert_eq!(json["changed"], false);
    assert_eq!(json["responsibilities"], serde_json::json!([]));
}

#[test]
fn a_reordered_workspace_has_no_differences() {
    let ws = sample();
    let mut reordered = ws.clone();
    reordered.departments.reverse();
    reordered.responsibilities.reverse();
    reordered.decisions.reverse();
    assert!(diff(&ws, &reordered).is_empty());
    // Within a role list, order means nothing either.
    item_mut(&mut reordered, "brand-voice").informed.reverse();
    assert!(diff(&ws, &reordered).responsibilities.is_empty());
}

#[test]
fn roles_gained_and_lost_name_the_departments() {
    let before = sample();
    let mut after = before.clone();
    let r = item_mut(&mut after, "social-listening");
    r.accountable = vec!["legal".into(), "marketing".into()];
    let diff = diff(&before, &after);
    assert_eq!(
        only_changes(&diff, "social-listening"),
        vec![
            Change::RoleGained {
                department: dept("legal", "Legal & Compliance"),
                role: Role::Accountable
            },
            Change::RoleLost {
                department: dept("it", "IT"),
                role: Role::Accountable
            },
        ]
    );
    let text = render_text(&diff, &before, &after);
    assert!(
        text.contains("Social listening and monitoring\n  + Legal & Compliance: Accountable\n  - IT: Accountable\n"),
        "{text}"
    );
}

#[test]
fn tie_breaker_budget_and_funding() {
    let before = sample();
    let mut after = before.clone();
    let r = item_mut(&mut after, "social-listening");
    r.tie_breaker = Some("The COO decides.".into());
    r.budget = Some(30000.0);
    r.funding.insert("legal".into(), 5000.0);
    r.funding.remove("marketing");
    r.funding.insert("it".into(), 12000.0);
    let diff = diff(&before, &after);
    let changes = only_changes(&diff, "social-listening");
    assert!(changes.contains(&Change::Text {
        field: "tie_breaker",
        before: None,
        after: Some("The COO decides.".into())
    }));
    assert!(changes.contains(&Change::Budget {
        before: Some(25000.0),
        after: Some(30000.0)
    }));
    for (id, b, a) in [
        ("it", Some(10000.0), Some(12000.0)),
        ("legal", None, Some(5000.0)),
        ("marketing", Some(5000.0), None),
    ] {
        assert!(
            changes.iter().any(
                |c| matches!(c, Change::Funding { department, before, after }
                if department.id == id && *before == b && *after == a)
            ),
            "{id}: {changes:#?}"
        );
    }
    let text = render_text(&diff, &before, &after);
    assert!(text.contains("  ~ budget 25000 → 30000 EUR\n"), "{text}");
    assert!(
        text.contains("  + tie-breaker: The COO decides.\n"),
        "{text}"
    );
    assert!(
        text.contains("  - funding by Marketing: 5000 EUR\n"),
        "{text}"
    );
    // The listening item was contested (IT and Marketing, no tie-breaker): now settled.
    assert!(
        diff.all_findings_resolved()
            .any(|f| f.rule == RuleId::Contested),
        "{diff:#?}"
    );
}

#[test]
fn claims_settled_added_withdrawn_reopened_and_edited() {
    let mut before = sample();
    item_mut(&mut before, "investor-relations")
        .claims
        .insert("pr".into(), Claim::open("We talk to the press."));
    item_mut(&mut before, "customer-service").claims.insert(
        "marketing".into(),
        Claim {
            reason: "Every public reply is brand voice.".into(),
            status: ClaimStatus::Declined,
            answer: Some("Care answers.".into()),
            date: Some("2026-11-20".into()),
        },
    );
    let mut after = before.clone();
    let listening = item_mut(&mut after, "social-listening");
    let it = listening.claims.get_mut("it").expect("it claim");
    it.status = ClaimStatus::Declined;
    it.answer = Some("Legal carries the liability".into());
    listening.claims.get_mut("legal").expect("legal").status = ClaimStatus::Accepted;
    let investors = item_mut(&mut after, "investor-relations");
    investors.claims.remove("legal");
    investors.claims.get_mut("pr").expect("pr").reason = "We talk to journalists.".into();
    item_mut(&mut after, "recruiting")
        .claims
        .insert("marketing".into(), Claim::open("Employer brand is brand."));
    let service = item_mut(&mut after, "customer-service");
    *service.claims.get_mut("marketing").expect("claim") = Claim::open("Brand voice.");

    let diff = diff(&before, &after);
    let listening = only_changes(&diff, "social-listening");
    assert_eq!(
        listening[0],
        Change::ClaimSettled {
            department: dept("it", "IT"),
            reason: "We run the monitoring tools.".into(),
            status: ClaimStatus::Declined,
            answer: Some("Legal carries the liability".into()),
        }
    );
    assert!(
        matches!(&listening[1], Change::ClaimSettled { department, status: ClaimStatus::Accepted, answer: None, .. } if department.id == "legal")
    );
    let investors = only_changes(&diff, "investor-relations");
    assert!(
        matches!(&investors[0], Change::ClaimWithdrawn { department, reason } if department.id == "legal" && reason == "Disclosure rules make this ours.")
    );
    assert!(
        matches!(&investors[1], Change::ClaimEdited { department, reason, status: ClaimStatus::Open, .. } if department.id == "pr" && reason == "We talk to journalists.")
    );
    assert!(
        matches!(&only_changes(&diff, "recruiting")[0], Change::ClaimAdded { department, status: ClaimStatus::Open, .. } if department.name == "Marketing")
    );
    assert!(
        matches!(&only_changes(&diff, "customer-service")[0], Change::ClaimReopened { department, reason } if department.id == "marketing" && reason == "Brand voice.")
    );

    let text = render_text(&diff, &before, &after);
    for expected in [
        "  ✓ claim by IT declined: Legal carries the liability\n",
        "  ✓ claim by Legal & Compliance accepted\n",
        "  - claim by Legal & Compliance withdrawn: Disclosure rules make this ours.\n",
        "  + claim by Marketing: Employer brand is brand.\n",
        "  ~ claim by Marketing reopened: Brand voice.\n",
        "  resolved unresolved-claim: ",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
}

#[test]
fn parking_and_text_fields() {
    let mut before = sample();
    item_mut(&mut before, "recruiting").parked = Some(String::new());
    item_mut(&mut before, "analytics").parked = Some("Later.".into());
    let mut after = before.clone();
    item_mut(&mut after, "investor-relations").parked = Some("After the results.".into());
    item_mut(&mut after, "recruiting").parked = Some("Needs HR.".into());
    item_mut(&mut after, "analytics").parked = None;
    let r = item_mut(&mut after, "paid-social");
    r.name = "Paid social".into();
    r.description = None;
    r.area = Some("Growth".into());
    r.notes = Some("Check the spend.".into());
    let diff = diff(&before, &after);
    assert_eq!(
        only_changes(&diff, "investor-relations"),
        vec![Change::Parked {
            note: "After the results.".into()
        }]
    );
    assert_eq!(
        only_changes(&diff, "recruiting"),
        vec![Change::ParkNote {
            before: String::new(),
            after: "Needs HR.".into()
        }]
    );
    assert_eq!(
        only_changes(&diff, "analytics"),
        vec![Change::Unparked {
            note: "Later.".into()
        }]
    );
    let fields: Vec<&str> = only_changes(&diff, "paid-social")
        .iter()
        .filter_map(|c| match c {
            Change::Text { field, .. } => Some(*field),
            _ => None,
        })
        .collect();
    assert_eq!(fields, ["name", "description", "area", "notes"]);
    let text = render_text(&diff, &before, &after);
    assert!(
        text.contains("Paid social\n  ~ name: Paid social campaigns → Paid social\n"),
        "{text}"
    );
    assert!(text.contains("  + parked: After the results.\n"), "{text}");
    assert!(
        text.contains("  ~ parking note: (none) → Needs HR.\n"),
        "{text}"
    );
    assert!(text.contains("  - no longer parked: Later.\n"), "{text}");
}

#[test]
fn responsibilities_added_and_removed_in_after_order_removed_last() {
    let before = sample();
    let mut after = before.clone();
    let removed = after.responsibilities.remove(0);
    after.responsibilities.insert(
        1,
        Responsibility {
            id: "podcasts".into(),
            name: "Podcasts".into(),
            accountable: vec!["pr".into()],
            ..Responsibility::default()
        },
    );
    let diff = diff(&before, &after);
    let order: Vec<(&str, Presence)> = diff
        .responsibilities
        .iter()
        .map(|r| (r.responsibility.id.as_str(), r.presence))
        .collect();
    assert_eq!(
        order,
        [
            ("podcasts", Presence::Added),
            (removed.id.as_str(), Presence::Removed)
        ]
    );
    assert!(
        only_changes(&diff, "podcasts").contains(&Change::RoleGained {
            department: dept("pr", "PR / Communications"),
            role: Role::Accountable
        })
    );
    // The new item has nobody responsible.
    assert!(
        diff.responsibilities[0]
            .findings_introduced
            .iter()
            .any(|f| f.rule == RuleId::NoDoer)
    );
    let text = render_text(&diff, &before, &after);
    assert!(text.contains("Podcasts (added)\n"), "{text}");
    assert!(text.contains("Brand voice and tone (removed)\n"), "{text}");
}

#[test]
fn departments_added_renamed_removed_leads_and_signatures() {
    let mut before = sample();
    let part = crate::signoff::fingerprint(&before, "legal");
    dept_mut(&mut before, "legal").signed = Some(Signature {
        by: "Carla Jensen".into(),
        date: "2026-11-20".into(),
        part: Some(part),
    });
    dept_mut(&mut before, "hr").signed = Some(Signature {
        by: "Elena Rossi".into(),
        date: "2026-11-20".into(),
        part: None,
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
        [DepartmentField::Signed { stale: false, .. }]
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
