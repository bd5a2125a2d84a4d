//! The loader's own checks: every problem reported, workshop fields read and checked.
use super::*;

fn problems(text: &str) -> Vec<String> {
    parse(text)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|d| d.message)
        .collect()
}

const MINIMAL: &str = "whoowns = 1\n[workspace]\nname = \"X\"\n";

#[test]
fn minimal_workspace_loads() {
    let parsed = parse(MINIMAL).expect("valid");
    assert_eq!(parsed.workspace.info.name, "X");
    assert!(parsed.workspace.departments.is_empty());
}

#[test]
fn reports_every_problem_not_just_the_first() {
    let text = "whoowns = 1\n[workspace]\nname = \"X\"\nnmae = 1\n\
        [[department]]\nid = \"Bad Id\"\nname = \"\"\n\
        [[responsibility]]\nid = \"r\"\nname = \"R\"\naccountable = [\"ghost\", \"ghost\"]\nbudget = -5\nacountable = []\n";
    let found = problems(text);
    assert!(
        found
            .iter()
            .any(|m| m.contains("unknown key `nmae`") && m.contains("did you mean `name`")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|m| m.contains("malformed id \"Bad Id\"")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.contains("`name` in department") && m.contains("empty")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.contains("unknown department `ghost`")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|m| m.contains("must not be negative")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.contains("did you mean `accountable`")),
        "{found:?}"
    );
}

#[test]
fn duplicate_ids_name_the_item() {
    let text = format!(
        "{MINIMAL}[[department]]\nid = \"pr\"\nname = \"PR\"\n[[department]]\nid = \"pr\"\nname = \"PR again\"\n"
    );
    let found = problems(&text);
    assert_eq!(
        found,
        vec!["duplicate department id `pr`: department #1 already uses it"]
    );
}

#[test]
fn version_is_required_and_checked() {
    assert!(problems("[workspace]\nname = \"X\"\n")[0].contains("missing format version"));
    assert!(
        problems("whoowns = 2\n[workspace]\nname = \"X\"\n")[0]
            .contains("unsupported format version 2")
    );
}

#[test]
fn dates_are_real_calendar_dates() {
    assert!(is_valid_date("2024-02-29"));
    assert!(!is_valid_date("2023-02-29"));
    assert!(!is_valid_date("2023-13-01"));
    assert!(!is_valid_date("2023-1-01"));
    assert!(!is_valid_date("20a3-01-01"));
}

const WORKSHOP: &str = r#"whoowns = 1
[workspace]
name = "X"
date = "2026-11-24"
[[department]]
id = "it"
name = "IT"
signed = { by = "Ben", date = "2026-11-24", part = "00000000000000ff", open = "1 parked item" }
[[department]]
id = "legal"
name = "Legal"
[[responsibility]]
id = "listening"
name = "Listening"
parked = "needs the CFO"
claims = { it = "We run the tools.", legal = { reason = "Liability.", status = "declined", answer = "IT keeps it", date = "2026-11-24" } }
[[responsibility]]
id = "policy"
name = "Policy"
parked = true
"#;

#[test]
fn workshop_fields_load() {
    let ws = parse(WORKSHOP).expect("valid").workspace;
    assert_eq!(ws.info.date.as_deref(), Some("2026-11-24"));
    let signed = ws.departments[0].signed.as_ref().expect("signed");
    assert_eq!(signed.by, "Ben");
    assert_eq!(signed.part.as_deref(), Some("00000000000000ff"));
    assert_eq!(signed.open.as_deref(), Some("1 parked item"));
    let listening = &ws.responsibilities[0];
    assert_eq!(listening.parked.as_deref(), Some("needs the CFO"));
    assert!(listening.claims.of("it")[0].is_open());
    let legal = &listening.claims.of("legal")[0];
    assert_eq!(legal.status, crate::workspace::ClaimStatus::Declined);
    assert_eq!(legal.answer.as_deref(), Some("IT keeps it"));
    assert_eq!(ws.responsibilities[1].parked.as_deref(), Some(""));
}

#[test]
fn workshop_fields_are_checked() {
    let text = WORKSHOP
        .replace("status = \"declined\"", "status = \"maybe\"")
        .replace("parked = true", "parked = 3")
        .replace(
            "date = \"2026-11-24\"\n[[department]]",
            "date = \"2026-11-31\"\n[[department]]",
        )
        .replace("signed = { by = \"Ben\", ", "signed = { who = \"Ben\", ");
    let problems = problems(&text);
    for expected in [
        "`date` in `[workspace]` must be a calendar date written YYYY-MM-DD, found \"2026-11-31\"",
        "unknown key `who` in the signature of department \"it\"; expected one of: by, date, part, open",
        "missing `by` in the signature of department \"it\"",
        "`status` of `claims.legal` in responsibility \"listening\" must be \"open\", \"accepted\" or \"declined\", found \"maybe\"",
        "`parked` in responsibility \"policy\" must be true or a note such as \"needs the CFO\", found an integer",
    ] {
        assert!(
            problems.iter().any(|p| p == expected),
            "{expected}\n{problems:#?}"
        );
    }
    assert_eq!(problems.len(), 5, "{problems:#?}");
}

#[test]
fn repeats_are_found_in_short_and_long_role_lists() {
    for n in [3, 40] {
        let mut text = MINIMAL.to_owned();
        for d in 0..n {
            text.push_str(&format!("[[department]]\nid = \"d{d}\"\nname = \"D{d}\"\n"));
        }
        let mut list: Vec<String> = (0..n).map(|d| format!("\"d{d}\"")).collect();
        list.push("\"d1\"".into());
        list.push("\"ghost\"".into());
        list.push("\"ghost\"".into());
        text.push_str(&format!(
            "[[responsibility]]\nid = \"r\"\nname = \"R\"\ninformed = [{}]\n",
            list.join(", ")
        ));
        let found = problems(&text);
        assert_eq!(
            found,
            vec![
                "department `d1` is listed twice in `informed` of responsibility \"r\"".to_owned(),
                "unknown department `ghost` in `informed` of responsibility \"r\"".to_owned(),
                "unknown department `ghost` in `informed` of responsibility \"r\"".to_owned(),
            ],
            "{n} departments"
        );
    }
}
