//! Saves keep what did not change, byte for byte.
use super::*;
use crate::workspace::parse;

const HAND_KEPT: &str = r#"# Our charter, kept in git.
whoowns = 1

[workspace]
name = "Acme"   # the title

# Departments
[[department]]
id = "pr"      # press
name = "PR"

[[department]]
id = "it"
name = "IT"

[[responsibility]]
id = "crisis"
name = "Crisis response"
accountable = ["pr"]   # decided in May
responsible = ["pr"]
funding = { pr = 100 }

[[decision]]
date = "2026-11-20"
text = "PR owns crisis response."
"#;

#[test]
fn unchanged_workspace_saves_byte_identical() {
    let ws = parse(HAND_KEPT).expect("valid").workspace;
    assert_eq!(update_document(HAND_KEPT, &ws).expect("toml"), HAND_KEPT);
}

#[test]
fn a_change_touches_only_its_line() {
    let mut ws = parse(HAND_KEPT).expect("valid").workspace;
    ws.responsibilities[0].accountable = vec!["pr".into(), "it".into()];
    let saved = update_document(HAND_KEPT, &ws).expect("toml");
    let expected = HAND_KEPT.replace(
        "accountable = [\"pr\"]   # decided in May",
        "accountable = [\"pr\", \"it\"]   # decided in May",
    );
    assert_eq!(saved, expected);
    assert_eq!(parse(&saved).expect("valid").workspace, ws);
}

#[test]
fn added_items_land_after_their_kind_and_removed_ones_vanish() {
    let mut ws = parse(HAND_KEPT).expect("valid").workspace;
    ws.departments.remove(1);
    ws.responsibilities.push(Responsibility {
        id: "policy".into(),
        name: "Social media policy".into(),
        ..Responsibility::default()
    });
    let saved = update_document(HAND_KEPT, &ws).expect("toml");
    assert!(!saved.contains("id = \"it\""));
    let policy = saved.find("id = \"policy\"").expect("added");
    assert!(policy > saved.find("id = \"crisis\"").expect("kept"));
    assert!(
        policy < saved.find("[[decision]]").expect("kept"),
        "{saved}"
    );
    assert!(saved.contains("# Our charter, kept in git."));
    assert_eq!(parse(&saved).expect("valid").workspace, ws);
}

#[test]
fn windows_line_endings_are_kept() {
    let crlf = HAND_KEPT.replace('\n', "\r\n");
    let mut ws = parse(&crlf).expect("valid").workspace;
    assert_eq!(update_document(&crlf, &ws).expect("toml"), crlf);
    ws.departments.push(Department {
        id: "hr".into(),
        name: "HR".into(),
        lead: None,
        signed: None,
    });
    let saved = update_document(&crlf, &ws).expect("toml");
    assert_eq!(
        saved.matches('\n').count(),
        saved.matches("\r\n").count(),
        "{saved:?}"
    );
    assert_eq!(parse(&saved).expect("valid").workspace, ws);
}

#[test]
fn fresh_text_round_trips() {
    let ws = parse(HAND_KEPT).expect("valid").workspace;
    assert_eq!(parse(&to_toml(&ws)).expect("valid").workspace, ws);
}

#[test]
fn a_fresh_text_written_in_batches_is_the_one_document_of_everything() {
    let mut workspaces = vec![
        Workspace::default(),
        parse(HAND_KEPT).expect("valid").workspace,
        parse(crate::SAMPLE_WORKSPACE).expect("valid").workspace,
        // Batches of 256: none, one partial, several full and one partial of each kind.
        crate::generate::workspace(3, 0, 1),
        crate::generate::workspace(600, 1_000, 2),
    ];
    let mut with_all = parse(crate::SAMPLE_WORKSPACE).expect("valid").workspace;
    with_all.rules.max_accountable = Some(4);
    with_all.rules.disable.push("silo".into());
    with_all
        .rules
        .severity
        .insert("absent".into(), crate::rules::Severity::Error);
    with_all.departments[0].signed = Some(Signature {
        by: "Dana".into(),
        date: "2026-11-20".into(),
        part: None,
        open: None,
    });
    with_all.conflicts.push(crate::workspace::Conflict {
        target: crate::workspace::ConflictTarget::Workspace,
        field: "facilitator".into(),
        ours: Some(crate::workspace::FieldValue::Text("Dana".into())),
        theirs: None,
    });
    workspaces.push(with_all);
    let mut no_departments = parse(crate::SAMPLE_WORKSPACE).expect("valid").workspace;
    no_departments.departments.clear();
    no_departments.decisions.clear();
    workspaces.push(no_departments);
    for ws in &workspaces {
        assert_eq!(to_toml(ws), to_toml_whole(ws));
    }
}

#[test]
fn an_unchanged_workspace_in_a_file_of_both_line_endings_saves_byte_identical() {
    let text = HAND_KEPT.replacen("responsible = [\"pr\"]\n", "responsible = [\"pr\"]\r\n", 1);
    let ws = parse(&text).expect("valid").workspace;
    assert_eq!(update_document(&text, &ws).expect("toml"), text);
    // A change is saved (the lines then all end with `\n`).
    let mut changed = ws.clone();
    changed.info.name = "Acme Group".into();
    let saved = update_document(&text, &changed).expect("toml");
    assert_eq!(parse(&saved).expect("valid").workspace, changed);
}

#[test]
fn a_file_without_a_final_line_break_is_saved_without_one() {
    let text = HAND_KEPT.trim_end();
    let ws = parse(text).expect("valid").workspace;
    assert_eq!(update_document(text, &ws).expect("toml"), text);
    let mut changed = ws.clone();
    changed.responsibilities[0].name = "Crisis".into();
    let saved = update_document(text, &changed).expect("toml");
    assert!(!saved.ends_with('\n'), "{saved:?}");
    assert_eq!(parse(&saved).expect("valid").workspace, changed);
}

const CLAIMED: &str = r#"whoowns = 1

[workspace]
name = "Acme"

[[department]]
id = "it"
name = "IT"

[[department]]
id = "legal"
name = "Legal"

[[responsibility]]
id = "monitoring"
name = "Monitoring"
accountable = ["legal"]
claims = { it = [{ role = "accountable", reason = "We run the tools." }, { role = "responsible", reason = "Daily work" }], legal = "Ours."   }

[[responsibility]]
id = "policy"
name = "Policy"

[responsibility.claims]
# IT asks twice
it = [
  { role = "accountable", reason = "A" },  # the first
  "any role",
]
legal = "We write it"   # of course
"#;

#[test]
fn claims_on_several_roles_save_byte_identical_and_change_entry_by_entry() {
    let ws = parse(CLAIMED).expect("valid").workspace;
    assert_eq!(update_document(CLAIMED, &ws).expect("toml"), CLAIMED);

    // A second claim of Legal turns its reason into a list; IT's claims stay as written.
    let mut changed = ws.clone();
    changed.responsibilities[0].claims.insert(
        "legal".into(),
        crate::workspace::Claim::for_role(Some("informed"), "Tell us"),
    );
    let saved = update_document(CLAIMED, &changed).expect("toml");
    assert!(
        saved.contains(r#"claims = { it = [{ role = "accountable", reason = "We run the tools." }, { role = "responsible", reason = "Daily work" }], legal = ["Ours.", { role = "informed", reason = "Tell us" }]   }"#),
        "{saved}"
    );
    assert_eq!(parse(&saved).expect("valid").workspace, changed);

    // In a table of its own, the comments of the entries not changed stay.
    let mut settled = ws.clone();
    let claim = settled.responsibilities[1]
        .claims
        .get_mut("legal", None)
        .expect("legal");
    claim.status = crate::workspace::ClaimStatus::Declined;
    claim.answer = Some("IT writes".into());
    let saved = update_document(CLAIMED, &settled).expect("toml");
    assert!(saved.contains("# IT asks twice\nit = [\n  { role = \"accountable\", reason = \"A\" },  # the first\n  \"any role\",\n]\n"), "{saved}");
    assert!(
        saved.contains(r#"legal = { reason = "We write it", status = "declined", answer = "IT writes" }   # of course"#),
        "{saved}"
    );
    assert_eq!(parse(&saved).expect("valid").workspace, settled);
}
