//! Unit tests of the three-way merge on small workspaces.

use super::*;
use crate::analysis::{RuleId, analyze};
use crate::edit::{History, resolve_conflict};
use crate::workspace::{
    ConflictTarget, FieldValue, ITEM_KEPT, ITEM_REMOVED, Side, parse, update_document,
};

const BASE: &str = r#"# Our charter
whoowns = 1

[workspace]
name = "Acme"

[[department]]
id = "pr"
name = "PR"

[[department]]
id = "it"
name = "IT"

[[department]]
id = "legal"
name = "Legal"

[[responsibility]]
id = "crisis"
name = "Crisis response"
accountable = ["pr", "it"]
responsible = ["pr"]
tie_breaker = "The COO decides."
budget = 100
funding = { pr = 50 }

[[responsibility]]
id = "policy"
name = "Social media policy"
accountable = ["legal"]

[[decision]]
date = "2026-11-20"
text = "PR owns crisis response."
"#;

fn ws(text: &str) -> Workspace {
    parse(text).expect("valid").workspace
}

fn base() -> Workspace {
    ws(BASE)
}

fn crisis(ws: &mut Workspace) -> &mut crate::workspace::Responsibility {
    &mut ws.responsibilities[0]
}

#[test]
fn merging_identical_versions_changes_nothing() {
    let b = base();
    let m = merge(&b, &b, &b);
    assert!(m.is_clean());
    assert_eq!(m.workspace, b);
}

#[test]
fn changes_to_different_responsibilities_both_land() {
    let b = base();
    let mut ours = b.clone();
    crisis(&mut ours).notes = Some("ours".into());
    let mut theirs = b.clone();
    theirs.responsibilities[1].responsible = vec!["legal".into()];
    let m = merge(&b, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.workspace.responsibilities[0].notes.as_deref(),
        Some("ours")
    );
    assert_eq!(m.workspace.responsibilities[1].responsible, ["legal"]);
}

#[test]
fn one_adds_to_a_role_list_the_other_removes_from_it() {
    let b = base();
    let mut ours = b.clone();
    crisis(&mut ours).accountable.push("legal".into());
    let mut theirs = b.clone();
    crisis(&mut theirs).accountable.retain(|d| d != "pr");
    let m = merge(&b, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(m.workspace.responsibilities[0].accountable, ["it", "legal"]);
}

#[test]
fn different_roles_of_one_responsibility_merge() {
    let b = base();
    let mut ours = b.clone();
    crisis(&mut ours).consulted.push("legal".into());
    let mut theirs = b.clone();
    crisis(&mut theirs).informed.push("it".into());
    let m = merge(&b, &ours, &theirs);
    assert!(m.is_clean());
    let r = &m.workspace.responsibilities[0];
    assert_eq!(
        (r.consulted.as_slice(), r.informed.as_slice()),
        (&["legal".to_owned()][..], &["it".to_owned()][..])
    );
}

#[test]
fn a_field_changed_two_ways_keeps_ours_and_records_both() {
    let b = base();
    let mut ours = b.clone();
    crisis(&mut ours).tie_breaker = Some("The CEO decides.".into());
    let mut theirs = b.clone();
    crisis(&mut theirs).tie_breaker = Some("The board decides.".into());
    let m = merge(&b, &ours, &theirs);
    assert_eq!(m.new_conflicts.len(), 1);
    let r = &m.workspace.responsibilities[0];
    assert_eq!(r.tie_breaker.as_deref(), Some("The CEO decides."));
    let c = &m.workspace.conflicts[0];
    assert_eq!(c.target, ConflictTarget::Responsibility("crisis".into()));
    assert_eq!(c.field, "tie_breaker");
    assert_eq!(
        c.theirs,
        Some(FieldValue::Text("The board decides.".into()))
    );
    let findings = analyze(&m.workspace).findings;
    let f = findings
        .iter()
        .find(|f| f.rule == RuleId::MergeConflict)
        .expect("reported");
    assert!(f.message.contains("The CEO decides.") && f.message.contains("The board decides."));
    assert_eq!(f.responsibility.as_deref(), Some("crisis"));

    // The conflict survives a save and a load, and resolving it is one undoable step.
    let text = update_document(BASE, &m.workspace).expect("toml");
    let mut loaded = parse(&text).expect("valid").workspace;
    assert_eq!(loaded, m.workspace);
    let change = resolve_conflict(&loaded, 0, Side::Theirs).expect("resolves");
    let mut history = History::default();
    history
        .apply(&mut loaded, change.edit, change.label)
        .expect("applies");
    assert!(loaded.conflicts.is_empty());
    assert_eq!(
        loaded.responsibilities[0].tie_breaker.as_deref(),
        Some("The board decides.")
    );
    history.undo(&mut loaded).expect("undoes");
    assert_eq!(loaded, m.workspace);
}

#[test]
fn funding_and_claims_merge_per_department() {
    let b = base();
    let mut ours = b.clone();
    crisis(&mut ours).funding.insert("it".into(), 25.0);
    crisis(&mut ours).funding.insert("pr".into(), 40.0);
    let mut theirs = b.clone();
    crisis(&mut theirs).funding.insert("legal".into(), 25.0);
    crisis(&mut theirs)
        .claims
        .insert("legal".into(), "Ours.".into());
    let m = merge(&b, &ours, &theirs);
    assert!(m.is_clean());
    let r = &m.workspace.responsibilities[0];
    let funding: Vec<(&str, f64)> = r.funding.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(funding, [("it", 25.0), ("legal", 25.0), ("pr", 40.0)]);
    assert!(r.claims.contains_department("legal"));
    // The same department's share changed two ways is a conflict on that share alone.
    let mut theirs2 = b.clone();
    crisis(&mut theirs2).funding.insert("pr".into(), 60.0);
    let m = merge(&b, &ours, &theirs2);
    assert_eq!(m.new_conflicts.len(), 1);
    assert_eq!(m.new_conflicts[0].field, "funding.pr");
}

#[test]
fn decisions_from_both_sides_are_kept_oldest_first_once() {
    let b = base();
    let add = |ws: &mut Workspace, date: &str, text: &str| {
        let id = ws.new_decision_id(date, text);
        ws.decisions.push(crate::workspace::Decision {
            department: None,
            id,
            date: date.into(),
            responsibility: None,
            text: text.into(),
        });
    };
    let mut ours = b.clone();
    add(&mut ours, "2026-11-24", "Ours on the 24th.");
    add(&mut ours, "2026-11-26", "Both on the 26th.");
    let mut theirs = b.clone();
    add(&mut theirs, "2026-11-22", "Theirs on the 22nd.");
    add(&mut theirs, "2026-11-25", "Theirs on the 25th.");
    add(&mut theirs, "2026-11-26", "Both on the 26th.");
    let m = merge(&b, &ours, &theirs);
    assert!(m.is_clean());
    let dates: Vec<&str> = m
        .workspace
        .decisions
        .iter()
        .map(|d| d.date.as_str())
        .collect();
    assert_eq!(
        dates,
        [
            "2026-11-20",
            "2026-11-22",
            "2026-11-24",
            "2026-11-25",
            "2026-11-26"
        ]
    );
}

#[test]
fn a_department_renamed_on_one_side_and_used_on_the_other() {
    let b = base();
    let mut ours = b.clone();
    ours.departments[2].name = "Legal & Compliance".into();
    let mut theirs = b.clone();
    crisis(&mut theirs).consulted.push("legal".into());
    let m = merge(&b, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(m.workspace.departments[2].name, "Legal & Compliance");
    assert_eq!(m.workspace.responsibilities[0].consulted, ["legal"]);
}

#[test]
fn a_department_removed_on_one_side_but_newly_used_on_the_other_stays_with_a_conflict() {
    let b = base();
    let mut ours = b.clone();
    let it = ours.department_index("it").expect("it");
    let change = crate::edit::delete_department(&ours, it).expect("deletes");
    change.edit.apply(&mut ours).expect("applies");
    let mut theirs = b.clone();
    theirs.responsibilities[1].informed.push("it".into());
    let m = merge(&b, &ours, &theirs);
    assert_eq!(m.new_conflicts.len(), 1);
    let c = &m.new_conflicts[0];
    assert_eq!(
        (c.target.clone(), c.field.as_str()),
        (ConflictTarget::Department("it".into()), "item")
    );
    assert_eq!(c.ours, Some(FieldValue::Text(ITEM_REMOVED.into())));
    assert_eq!(c.theirs, Some(FieldValue::Text(ITEM_KEPT.into())));
    assert!(m.workspace.department("it").is_some());
    // Ours removed it from the crisis roles; theirs' new use stays.
    assert_eq!(m.workspace.responsibilities[0].accountable, ["pr"]);
    assert_eq!(m.workspace.responsibilities[1].informed, ["it"]);
    // Choosing ours removes the department and its uses.
    let mut merged = m.workspace.clone();
    let at = merged.conflicts.iter().position(|x| x == c).expect("there");
    resolve_conflict(&merged, at, Side::Ours)
        .expect("resolves")
        .edit
        .apply(&mut merged)
        .expect("applies");
    assert!(merged.department("it").is_none());
    assert!(merged.conflicts.is_empty());
    assert!(merged.responsibilities[1].informed.is_empty());
}

#[test]
fn an_unchanged_item_removed_on_one_side_goes() {
    let b = base();
    let mut theirs = b.clone();
    theirs.responsibilities.remove(1);
    let m = merge(&b, &b, &theirs);
    assert!(m.is_clean());
    assert_eq!(m.workspace.responsibilities.len(), 1);
}

#[test]
fn items_added_on_their_side_follow_the_item_they_followed() {
    let b = base();
    let mut theirs = b.clone();
    let mut added = theirs.responsibilities[1].clone();
    added.id = "recruiting".into();
    added.name = "Recruiting".into();
    theirs.responsibilities.insert(1, added);
    let mut ours = b.clone();
    ours.responsibilities[1].area = Some("Risk".into());
    let m = merge(&b, &ours, &theirs);
    let ids: Vec<&str> = m
        .workspace
        .responsibilities
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, ["crisis", "recruiting", "policy"]);
}

#[test]
fn merged_text_keeps_ours_comments_and_writes_theirs_in_the_standard_layout() {
    let ours_text = BASE.replace(
        "tie_breaker = \"The COO decides.\"",
        "tie_breaker = \"The COO decides.\"   # agreed in May",
    );
    let mut theirs = base();
    theirs.responsibilities[1].responsible = vec!["legal".into()];
    let theirs_text = crate::workspace::to_toml(&theirs);
    let (b, o, t) = (
        parse(BASE).expect("valid"),
        parse(&ours_text).expect("valid"),
        parse(&theirs_text).expect("valid"),
    );
    let (text, merged) =
        merge_texts(&b.workspace, &o.workspace, &ours_text, &t.workspace).expect("merges");
    assert!(merged.is_clean());
    assert!(text.starts_with("# Our charter\n"), "{text}");
    assert!(text.contains("# agreed in May"), "{text}");
    assert!(text.contains("responsible = [\"legal\"]"), "{text}");
    // A legacy decision keeps having no id written.
    assert!(!text.contains("\nid = \"2026-11-20-"), "{text}");
}

#[test]
fn a_conflict_resolved_on_one_branch_stays_resolved() {
    let b = base();
    let mut ours = b.clone();
    crisis(&mut ours).tie_breaker = Some("The CEO decides.".into());
    let mut theirs = b.clone();
    crisis(&mut theirs).tie_breaker = Some("The board decides.".into());
    let conflicted = merge(&b, &ours, &theirs).workspace;
    // Main resolves it (theirs' value); a branch made from the conflicted state still has it.
    let mut resolved = conflicted.clone();
    resolve_conflict(&resolved, 0, Side::Theirs)
        .expect("resolves")
        .edit
        .apply(&mut resolved)
        .expect("applies");
    let mut branch = conflicted.clone();
    branch.responsibilities[1].notes = Some("Later work".into());
    let m = merge(&conflicted, &resolved, &branch);
    assert!(m.is_clean());
    assert!(m.workspace.conflicts.is_empty());
    assert_eq!(
        m.workspace.responsibilities[0].tie_breaker.as_deref(),
        Some("The board decides.")
    );
    assert_eq!(
        m.workspace.responsibilities[1].notes.as_deref(),
        Some("Later work")
    );
    // A branch carrying an unresolved conflict brings it along.
    let m = merge(&b, &b, &conflicted);
    assert_eq!(m.workspace.conflicts, conflicted.conflicts);
}

/// Merges three texts with their comments.
fn merge_all(base: &str, ours: &str, theirs: &str) -> (String, Merge) {
    let (b, o, t) = (ws(base), ws(ours), ws(theirs));
    let version = |workspace, text| Version { workspace, text };
    merge_versions(version(&b, base), version(&o, ours), version(&t, theirs)).expect("merges")
}

#[test]
fn a_decision_theirs_added_keeps_the_comment_before_it() {
    let theirs = format!(
        "{BASE}\n# Agreed by phone.\n[[decision]]\ndate = \"2026-11-21\"\ntext = \"IT keeps the tools.\"\n"
    );
    let ours = BASE.replace("name = \"Acme\"", "name = \"Acme Corp\"");
    let (text, merged) = merge_all(BASE, &ours, &theirs);
    assert!(merged.is_clean(), "{:?}", merged.comment_conflicts);
    let at = text
        .find("# Agreed by phone.\n[[decision]]\n")
        .expect("comment kept");
    assert!(
        text[at..].find("text = ") == text[at..].find("text = \"IT keeps the tools.\""),
        "the comment stands before theirs' decision: {text}"
    );
    assert!(text.contains("name = \"Acme Corp\""), "{text}");
}

#[test]
fn comments_merge_in_a_file_with_windows_line_endings() {
    let base = BASE.replace('\n', "\r\n");
    let theirs = base.replace(
        "[[department]]\r\nid = \"it\"",
        "# Runs the tools.\r\n[[department]]\r\nid = \"it\"",
    );
    let ours = base.replace("name = \"Acme\"", "name = \"Acme Corp\"");
    let (text, merged) = merge_all(&base, &ours, &theirs);
    assert!(merged.is_clean());
    assert!(
        text.contains("\r\n# Runs the tools.\r\n[[department]]\r\nid = \"it\"\r\n"),
        "{text:?}"
    );
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "{text:?}"
    );
}

#[test]
fn a_comment_both_sides_changed_the_same_way_is_no_conflict() {
    let ours = BASE.replace("# Our charter", "# Our charter, 2026");
    let (text, merged) = merge_all(BASE, &ours, &ours);
    assert!(merged.is_clean());
    assert_eq!(text, ours);
}

#[test]
fn a_comment_on_an_item_the_merge_removes_goes_with_it() {
    // Theirs comments on a department ours removed (nobody used it): the department goes, and
    // so does the comment; nothing is left dangling.
    let base = BASE.replace(
        "[[department]]\nid = \"legal\"\nname = \"Legal\"\n",
        "[[department]]\nid = \"legal\"\nname = \"Legal\"\n\n[[department]]\nid = \"hr\"\nname = \"HR\"\n",
    );
    let ours = base.replace("\n[[department]]\nid = \"hr\"\nname = \"HR\"\n", "");
    let theirs = base.replace("name = \"HR\"", "name = \"HR\"  # people");
    let (text, merged) = merge_all(&base, &ours, &theirs);
    assert!(merged.is_clean(), "{:?}", merged.new_conflicts);
    assert!(
        !text.contains("# people") && !text.contains("\"hr\""),
        "{text}"
    );
}
