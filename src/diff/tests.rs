//! Unit tests of the diff: identity by id and each kind of change of a responsibility.

use super::*;
use crate::workspace::{Claim, Department, Responsibility, Workspace, parse};

pub(super) fn sample() -> Workspace {
    parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace
}

pub(super) fn item_mut<'a>(ws: &'a mut Workspace, id: &str) -> &'a mut Responsibility {
    let i = ws.responsibility_index(id).expect("responsibility");
    &mut ws.responsibilities[i]
}

pub(super) fn dept_mut<'a>(ws: &'a mut Workspace, id: &str) -> &'a mut Department {
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
    assert!(text.contains("  ~ budget 25,000 → 30,000 EUR\n"), "{text}");
    assert!(
        text.contains("  + tie-breaker: The COO decides.\n"),
        "{text}"
    );
    assert!(
        text.contains("  - funding by Marketing: 5,000 EUR\n"),
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
            role: None,
            reason: "Every public reply is brand voice.".into(),
            status: ClaimStatus::Declined,
            answer: Some("Care answers.".into()),
            date: Some("2026-11-20".into()),
            raised_by: None,
        },
    );
    let mut after = before.clone();
    let listening = item_mut(&mut after, "social-listening");
    let it = listening.claims.get_mut("it", None).expect("it claim");
    it.status = ClaimStatus::Declined;
    it.answer = Some("Legal carries the liability".into());
    listening
        .claims
        .get_mut("legal", None)
        .expect("legal")
        .status = ClaimStatus::Accepted;
    let investors = item_mut(&mut after, "investor-relations");
    investors.claims.remove("legal", None);
    investors.claims.get_mut("pr", None).expect("pr").reason = "We talk to journalists.".into();
    item_mut(&mut after, "recruiting")
        .claims
        .insert("marketing".into(), Claim::open("Employer brand is brand."));
    let service = item_mut(&mut after, "customer-service");
    *service.claims.get_mut("marketing", None).expect("claim") = Claim::open("Brand voice.");

    let diff = diff(&before, &after);
    let listening = only_changes(&diff, "social-listening");
    assert_eq!(
        listening[0],
        Change::ClaimSettled {
            role: None,
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
        matches!(&investors[0], Change::ClaimWithdrawn { department, reason, .. } if department.id == "legal" && reason == "Disclosure rules make this ours.")
    );
    assert!(
        matches!(&investors[1], Change::ClaimEdited { department, reason, status: ClaimStatus::Open, .. } if department.id == "pr" && reason == "We talk to journalists.")
    );
    assert!(
        matches!(&only_changes(&diff, "recruiting")[0], Change::ClaimAdded { department, status: ClaimStatus::Open, .. } if department.name == "Marketing")
    );
    assert!(
        matches!(&only_changes(&diff, "customer-service")[0], Change::ClaimReopened { department, reason, .. } if department.id == "marketing" && reason == "Brand voice.")
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
