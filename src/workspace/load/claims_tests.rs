//! Claims that name their role: one per role and department, read the same the fast and the
//! general way, and every problem reported where it is, in words.
use super::{fast, parse, parse_general};
use crate::workspace::{LineIndex, render_diagnostics};

const HEAD: &str = "whoowns = 1\n[workspace]\nname = \"X\"\n\n[[department]]\nid = \"it\"\nname = \"IT\"\n\n[[department]]\nid = \"legal\"\nname = \"Legal\"\n\n";

fn with_claims(claims: &str) -> String {
    format!(
        "{HEAD}[[responsibility]]\nid = \"monitoring\"\nname = \"Monitoring\"\naccountable = [\"legal\"]\nclaims = {claims}\n"
    )
}

/// Each problem as `line:column: message`.
fn problems(text: &str) -> Vec<String> {
    let index = LineIndex::new(text);
    parse(text)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|d| {
            let at = index.locate(text, d.span.start);
            format!("{}:{}: {}", at.line, at.column, d.message)
        })
        .collect()
}

#[test]
fn a_department_holds_a_claim_per_role_and_old_claims_keep_meaning_some_role() {
    let text = with_claims(
        "{ it = [{ role = \"accountable\", reason = \"We run the tools.\" }, { role = \"responsible\", reason = \"We do it daily.\", status = \"declined\", answer = \"Legal does\", date = \"2026-11-24\" }], legal = \"Ours.\" }",
    );
    let ws = parse(&text).expect("loads").workspace;
    let r = &ws.responsibilities[0];
    assert_eq!(r.claims.len(), 3);
    let it = r.claims.of("it");
    assert_eq!(it[0].role.as_deref(), Some("accountable"));
    assert!(it[0].is_open());
    assert_eq!(it[1].role.as_deref(), Some("responsible"));
    assert_eq!(it[1].answer.as_deref(), Some("Legal does"));
    // A claim without a role, as every file before roles has them.
    let legal = r.claims.get("legal", None).expect("legal's claim");
    assert_eq!(legal.reason, "Ours.");
    assert!(legal.role.is_none());
}

#[test]
fn claims_on_roles_go_the_fast_way_and_agree_with_the_general_way() {
    for claims in [
        "{ it = { role = \"accountable\", reason = \"We run the tools.\" } }",
        "{ it = [{ role = \"accountable\", reason = \"A\" }, \"any role\", { role = \"informed\", reason = \"C\", raised_by = \"Ana\" }] }",
        "{ it = \"We run the tools.\", legal = [{ role = \"consulted\", reason = \"\" }] }",
    ] {
        let text = with_claims(claims);
        let (fast, _) = fast::parse(&text).unwrap_or_else(|| panic!("not fast: {claims}"));
        let general = parse_general(&text).expect("loads");
        assert_eq!(fast.workspace, general.workspace, "{claims}");
    }
    // What the general way reports, the fast way leaves to it.
    for claims in [
        "{ it = { role = \"acountable\", reason = \"A\" } }",
        "{ it = [{ role = \"accountable\", reason = \"A\" }, { role = \"accountable\", reason = \"B\" }] }",
        "{ it = [\"A\", \"B\"] }",
        "{ it = [] }",
    ] {
        let text = with_claims(claims);
        assert!(fast::parse(&text).is_none(), "{claims}");
        assert!(parse_general(&text).is_err(), "{claims}");
    }
}

#[test]
fn an_unknown_role_is_reported_at_its_place_with_the_role_meant() {
    let text = with_claims("{ it = { role = \"acountable\", reason = \"We run the tools.\" } }");
    let found = problems(&text);
    assert_eq!(
        found,
        [
            "17:26: unknown role `acountable` in `claims.it` in responsibility \"monitoring\"; did you mean `accountable`? the workspace's roles are: accountable, responsible, consulted, informed"
        ],
        "{found:?}"
    );
    let rendered = render_diagnostics(
        std::path::Path::new("ws.toml"),
        &text,
        &parse(&text).err().unwrap_or_default(),
    );
    assert!(rendered.contains("ws.toml:17:26"), "{rendered}");
}

#[test]
fn two_claims_of_one_department_on_one_role_are_reported_naming_the_item() {
    let text = with_claims(
        "{ it = [{ role = \"accountable\", reason = \"A\" }, { role = \"accountable\", reason = \"B\" }, \"C\", \"D\"] }",
    );
    let found = problems(&text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with(
            "17:58: `claims.it` in responsibility \"monitoring\" holds two claims on `accountable`"
        ),
        "{found:?}"
    );
    assert!(
        found[1].contains("holds two claims on no particular role"),
        "{found:?}"
    );
}
