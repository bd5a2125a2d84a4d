//! Claims merge per department and role: two sides' claims of one department on different
//! roles both land; the same claim changed two ways is a conflict named by its role, saved,
//! read back and resolved.

use super::{merge, merge_texts};
use crate::edit::{History, resolve_conflict};
use crate::workspace::{Claim, ClaimStatus, FieldValue, Side, Workspace, parse};

const BASE: &str = r#"whoowns = 1

[workspace]
name = "Acme"

[[department]]
id = "it"
name = "IT"

[[department]]
id = "legal"
name = "Legal"

[[responsibility]]
id = "policy"
name = "Social media policy"
accountable = ["legal"]
claims = { legal = "We write it." }
"#;

fn base() -> Workspace {
    parse(BASE).expect("valid").workspace
}

#[test]
fn claims_of_one_department_on_different_roles_from_both_sides_all_land() {
    let base = base();
    let mut ours = base.clone();
    ours.responsibilities[0].claims.insert(
        "it".into(),
        Claim::for_role(Some("accountable"), "We own the tools."),
    );
    let mut theirs = base.clone();
    let policy = &mut theirs.responsibilities[0];
    policy.claims.insert(
        "it".into(),
        Claim::for_role(Some("responsible"), "We do it daily."),
    );
    let legal = policy.claims.get_mut("legal", None).expect("legal");
    legal.status = ClaimStatus::Declined;
    legal.answer = Some("IT writes".into());
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.is_clean(), "{:?}", merged.new_conflicts);
    let claims = &merged.workspace.responsibilities[0].claims;
    assert_eq!(claims.len(), 3);
    assert!(claims.get("it", Some("accountable")).is_some());
    assert!(claims.get("it", Some("responsible")).is_some());
    assert_eq!(
        claims.get("legal", None).map(|c| c.status),
        Some(ClaimStatus::Declined)
    );
}

#[test]
fn the_same_claim_changed_two_ways_is_a_conflict_named_by_its_role() {
    let base = base();
    let side = |reason: &str| {
        let mut ws = base.clone();
        ws.responsibilities[0]
            .claims
            .insert("it".into(), Claim::for_role(Some("accountable"), reason));
        ws
    };
    let (ours, theirs) = (side("Ours."), side("Theirs."));
    let (text, merged) = merge_texts(&base, &ours, BASE, &theirs).expect("merges");
    assert_eq!(merged.new_conflicts.len(), 1, "{text}");
    assert_eq!(merged.new_conflicts[0].field, "claims.it.accountable");
    let mut loaded = parse(&text).expect("the merged file loads").workspace;
    assert!(matches!(
        &loaded.conflicts[0].theirs,
        Some(FieldValue::Claim(c)) if c.role.as_deref() == Some("accountable") && c.reason == "Theirs."
    ));
    let change = resolve_conflict(&loaded, 0, Side::Theirs).expect("resolves");
    History::default()
        .apply(&mut loaded, change.edit, change.label)
        .expect("applies");
    let claim = loaded.responsibilities[0]
        .claims
        .get("it", Some("accountable"))
        .expect("IT's claim");
    assert_eq!(claim.reason, "Theirs.");
    assert!(loaded.conflicts.is_empty());
}
