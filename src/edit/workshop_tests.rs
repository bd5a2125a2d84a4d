//! Each workshop edit does what it says, and its inverse restores the exact state.

use super::*;
use crate::analysis::{RuleId, analyze};
use crate::signoff::{Parts, SignState};
use crate::workspace::{ClaimStatus, Role, Workspace, parse};

fn sample() -> Workspace {
    parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace
}

/// Applies `change`, checks the inverse restores `ws` exactly, then re-applies it.
fn apply_and_check_undo(ws: &mut Workspace, make: impl FnOnce(&Workspace) -> Change) {
    let change = make(ws);
    let before = ws.clone();
    let inverse = change.edit.clone().apply(ws).expect("applies");
    let after = ws.clone();
    inverse.apply(ws).expect("undoes");
    assert_eq!(*ws, before, "undo restores the exact state");
    change.edit.apply(ws).expect("re-applies");
    assert_eq!(*ws, after, "redo gives the same result");
}

fn index(ws: &Workspace, id: &str) -> usize {
    ws.responsibility_index(id).expect(id)
}

#[test]
fn declining_a_claim_closes_it_with_the_reason_and_logs_a_dated_decision() {
    let mut ws = sample();
    let listening = index(&ws, "social-listening");
    let decisions = ws.decisions.len();
    let change = answer_claim(
        &ws,
        listening,
        "it",
        None,
        &Answer::Decline("Legal carries the liability".into()),
        "2026-11-24",
    )
    .expect("declines");
    assert_eq!(change.edit.touched_responsibility(), Some(listening));
    apply_and_check_undo(&mut ws, |_| change);
    let claim = &ws.responsibilities[listening].claims.of("it")[0];
    assert_eq!(claim.status, ClaimStatus::Declined);
    assert_eq!(claim.answer.as_deref(), Some("Legal carries the liability"));
    assert_eq!(claim.date.as_deref(), Some("2026-11-24"));
    let logged = &ws.decisions[decisions];
    assert_eq!(logged.date, "2026-11-24");
    assert_eq!(logged.responsibility.as_deref(), Some("social-listening"));
    assert_eq!(
        logged.text,
        "Declined IT's claim on Social listening and monitoring: Legal carries the liability"
    );
    // A declined claim raises no unresolved-claim finding.
    assert!(!analyze(&ws).findings.iter().any(|f| {
        f.rule == RuleId::UnresolvedClaim
            && f.responsibility.as_deref() == Some("social-listening")
            && f.department.as_deref() == Some("it")
    }));
    assert!(
        answer_claim(
            &ws,
            listening,
            "it",
            None,
            &Answer::Decline("x".into()),
            "2026-11-24"
        )
        .is_err(),
        "a settled claim cannot be settled again"
    );
    assert!(
        answer_claim(
            &ws,
            listening,
            "legal",
            None,
            &Answer::Decline("  ".into()),
            "2026-11-24"
        )
        .is_err(),
        "a decline needs a reason"
    );
}

#[test]
fn accepting_a_claim_gives_the_chosen_roles() {
    let mut ws = sample();
    let investor = index(&ws, "investor-relations");
    let change = answer_claim(
        &ws,
        investor,
        "legal",
        None,
        &Answer::Accept(vec![Role::Accountable, Role::Responsible]),
        "2026-11-24",
    )
    .expect("accepts");
    apply_and_check_undo(&mut ws, |_| change);
    let r = &ws.responsibilities[investor];
    assert!(r.has(Role::Accountable, "legal") && r.has(Role::Responsible, "legal"));
    assert_eq!(r.claims.of("legal")[0].status, ClaimStatus::Accepted);
    assert!(ws.decisions.last().expect("logged").text.starts_with(
        "Accepted Legal & Compliance's claim on Investor relations on social: Legal & Compliance decides and answers and does the work"
    ));
    assert!(
        answer_claim(
            &ws,
            investor,
            "legal",
            None,
            &Answer::Accept(vec![]),
            "2026-11-24"
        )
        .is_err()
    );
}

#[test]
fn parking_and_unparking_are_undoable() {
    let mut ws = sample();
    let potato = index(&ws, "executive-presence");
    apply_and_check_undo(&mut ws, |ws| {
        park(ws, potato, " needs the CEO ").expect("parks")
    });
    assert_eq!(
        ws.responsibilities[potato].parked.as_deref(),
        Some("needs the CEO")
    );
    assert!(park(&ws, potato, "needs the CEO").is_none(), "no change");
    apply_and_check_undo(&mut ws, |ws| unpark(ws, potato).expect("un-parks"));
    assert_eq!(ws.responsibilities[potato].parked, None);
    assert!(unpark(&ws, potato).is_none());
}

#[test]
fn signing_records_the_lead_and_the_date_and_a_later_change_makes_it_stale() {
    let mut ws = sample();
    let legal = ws.department_index("legal").expect("legal");
    apply_and_check_undo(&mut ws, |ws| {
        sign(ws, legal, "2026-11-24", Some("2 warnings")).expect("signs")
    });
    let signed = ws.departments[legal].signed.clone().expect("signed");
    assert_eq!(signed.by, "Carla Jensen");
    assert_eq!(signed.date, "2026-11-24");
    assert_eq!(signed.open.as_deref(), Some("2 warnings"));
    assert_eq!(Parts::new(&ws).state(&ws, legal), SignState::Current);
    let crisis = index(&ws, "crisis-response");
    let moved = move_role(
        &ws,
        crisis,
        Role::Accountable,
        Some("pr"),
        Some("exec"),
        DropMode::Move,
    )
    .expect("moves");
    moved.edit.apply(&mut ws).expect("applies");
    assert_eq!(Parts::new(&ws).state(&ws, legal), SignState::Stale);
    apply_and_check_undo(&mut ws, |ws| unsign(ws, legal).expect("withdraws"));
    assert_eq!(Parts::new(&ws).state(&ws, legal), SignState::Unsigned);
}

#[test]
fn decisions_can_be_edited_and_deleted() {
    let mut ws = sample();
    apply_and_check_undo(&mut ws, |ws| {
        edit_decision(ws, 0, "Legal and PR co-own it.")
            .expect("valid")
            .expect("a change")
    });
    assert_eq!(ws.decisions[0].text, "Legal and PR co-own it.");
    assert_eq!(ws.decisions[0].date, "2026-11-20");
    assert!(edit_decision(&ws, 0, " ").is_err());
    assert_eq!(edit_decision(&ws, 0, "Legal and PR co-own it."), Ok(None));
    let count = ws.decisions.len();
    apply_and_check_undo(&mut ws, |ws| delete_decision(ws, 0).expect("deletes"));
    assert_eq!(ws.decisions.len(), count - 1);
    let added = add_decision(&ws, "2026-11-24", None, "Meet again in May.").expect("adds");
    assert_eq!(added.label, "record a decision about the whole charter");
    let first = ws.responsibilities[0].clone();
    let about_item = add_decision(&ws, "2026-11-24", Some(&first.id), "Ours.").expect("adds");
    assert_eq!(
        about_item.label,
        format!("record a decision about \"{}\"", first.name)
    );
    let department = ws.departments[0].clone();
    let about_department = super::about_department(&ws, about_item, Some(&department.id));
    assert_eq!(
        about_department.label,
        format!("record a decision about {}", department.name)
    );
    apply_and_check_undo(&mut ws, |_| added);
    assert_eq!(
        ws.decisions.last().expect("added").text,
        "Meet again in May."
    );
}

#[test]
fn workspace_facts_are_editable_and_checked() {
    let mut ws = sample();
    apply_and_check_undo(&mut ws, |ws| {
        set_info(ws, InfoField::Date, "2026-11-24")
            .expect("valid")
            .expect("a change")
    });
    assert_eq!(ws.info.date.as_deref(), Some("2026-11-24"));
    assert!(set_info(&ws, InfoField::Date, "2026-02-30").is_err());
    assert!(set_info(&ws, InfoField::Name, " ").is_err());
    apply_and_check_undo(&mut ws, |ws| {
        set_info(ws, InfoField::Facilitator, "")
            .expect("valid")
            .expect("clears")
    });
    assert_eq!(ws.info.facilitator, None);
    assert_eq!(InfoField::Name.text(&ws.info), "Acme social media charter");
    assert_eq!(
        set_info(&ws, InfoField::Organization, "Acme Corp"),
        Ok(None)
    );
}
