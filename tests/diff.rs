//! `whoowns diff` through the real binary, on the fixture pairs in `tests/fixtures/diff`:
//! `before.toml` → `after.toml` holds every kind of change, `reordered.toml` is `before.toml`
//! shuffled, `hostile.toml` renames an item with an escape sequence and
//! `invalid/unknown-department.toml` cannot load.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BEFORE: &str = "tests/fixtures/diff/before.toml";
const AFTER: &str = "tests/fixtures/diff/after.toml";

/// The binary in the crate root, with no colour settings inherited from the caller.
fn whoowns() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("whoowns");
    cmd.current_dir(ROOT)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// Runs `whoowns diff ARGS...` and returns (exit code, stdout, stderr).
fn diff(args: &[&str]) -> (i32, String, String) {
    let output = whoowns()
        .arg("diff")
        .args(args)
        .output()
        .expect("whoowns runs");
    (
        output.status.code().expect("an exit code, not a signal"),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

/// The indented lines under the title line `title`, up to the next title.
fn group<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    let mut lines = text.lines().skip_while(|l| *l != title);
    assert_eq!(lines.next(), Some(title), "no group {title:?} in\n{text}");
    lines.take_while(|l| l.starts_with("  ")).collect()
}

#[test]
fn the_same_file_and_a_reordered_file_have_no_differences() {
    for other in [BEFORE, "tests/fixtures/diff/reordered.toml"] {
        let (code, out, err) = diff(&[BEFORE, other]);
        assert_eq!(code, 0, "{other}: {out}{err}");
        assert_eq!(out, "No changes.\n");
        assert_eq!(err, "");
    }
    let (code, out, _) = diff(&[
        BEFORE,
        "tests/fixtures/diff/reordered.toml",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["changed"], false);
}

#[test]
fn text_lists_every_kind_of_change_by_name() {
    let (code, out, err) = diff(&[BEFORE, AFTER]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err, "");
    assert!(!out.contains('\u{1b}'), "no colour through a pipe:\n{out}");
    assert_eq!(
        group(&out, "Social listening and monitoring"),
        [
            "  + Legal & Compliance: Accountable",
            "  - IT: Accountable",
            "  - Legal & Compliance: Consulted",
            "  - Sales: Informed",
            "  ~ budget 25,000 → 30,000 USD",
            "  ~ funding by IT: 10,000 → 15,000 USD",
            "  + funding by Legal & Compliance: 5,000 USD",
            "  - funding by Marketing: 5,000 USD",
            "  ✓ claim by IT declined: Legal carries the liability.",
            "  ✓ claim by Legal & Compliance accepted: Legal is accountable.",
            "  resolved unresolved-claim: Legal & Compliance claims \"Social listening and monitoring\" but is neither accountable nor responsible for it: accept or decline the claim.",
        ]
    );
    assert_eq!(
        group(&out, "Crisis response"),
        [
            "  + tie-breaker: The COO decides within 2 hours.",
            "  resolved contested: Legal & Compliance and PR are both accountable for \"Crisis response\" with no tie-breaker: agree how they settle a disagreement.",
        ]
    );
    let influencers = group(&out, "Influencer relations");
    assert_eq!(
        influencers[..2],
        [
            "  + Marketing: Accountable",
            "  - no longer parked: Wait for the legal review."
        ]
    );
    assert!(influencers[2].starts_with("  resolved hot-potato: "));
    assert_eq!(
        group(&out, "Investor relations")[..2],
        [
            "  ~ claim by Legal & Compliance reopened: Disclosure rules make this ours.",
            "  + parked: After the results.",
        ]
    );
    assert_eq!(
        group(&out, "Regulatory record keeping"),
        [
            "  ~ name: Record keeping → Regulatory record keeping",
            "  ~ description: Archiving posts. → Archiving posts and messages as regulators require.",
            "  ~ area: Risk → Compliance",
            "  ~ parking note: (none) → Needs IT in the room.",
            "  + notes: IT says archiving is Legal's job.",
        ]
    );
    let policy = group(&out, "Social media policy");
    for line in [
        "  - tie-breaker: Legal decides.",
        "  - budget 5,000 USD",
        "  - claim by HR withdrawn: Policy is about conduct.",
        "  ~ claim by Marketing edited (open): We write well, and fast.",
        "  + claim by PR / Communications: We speak for the company.",
    ] {
        assert!(policy.contains(&line), "{line:?} not in {policy:#?}");
    }
    assert!(
        policy
            .iter()
            .any(|l| l.starts_with("  introduced unresolved-claim: PR / Communications"))
    );
    assert!(group(&out, "Paid social campaigns (added)").contains(&"  + Marketing: Accountable"));
    assert!(group(&out, "Fax campaigns (removed)")[0].starts_with("  resolved silo: "));
    assert_eq!(
        group(&out, "Departments"),
        [
            "  ! Marketing: signature by Ana Ruiz (2026-11-20) is now stale: signed before the last change",
            "  ~ IT: lead Ben Okafor → Bea Okafor",
            "  ✓ Legal & Compliance signed by Carla Jensen on 2026-11-24",
            "  ~ PR renamed to PR / Communications",
            "  - HR: signature by Elena Rossi (2026-11-20) removed",
            "  + Customer Care (added)",
            "  ✓ Customer Care signed by Farid Haddad on 2026-11-24",
            "  - Sales (removed)",
        ]
    );
    assert_eq!(group(&out, "Workspace").len(), 6);
    assert!(group(&out, "Workspace").contains(&"  ~ date: (none) → 2026-11-24"));
    assert_eq!(
        group(&out, "Decisions"),
        [
            "  + 2026-11-24 (Social listening and monitoring): Declined IT's claim on monitoring: Legal carries the liability.",
            "  - 2026-11-20: Meet again in spring.",
        ]
    );
    assert!(group(&out, "Other findings")[0].starts_with("  introduced absent: Customer Care"));
}

#[test]
fn colour_only_when_forced_and_never_with_no_color() {
    let coloured = whoowns()
        .args(["diff", BEFORE, AFTER])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("runs");
    let out = String::from_utf8(coloured.stdout).expect("utf-8");
    assert!(
        out.contains("\u{1b}[92m  + Legal & Compliance: Accountable"),
        "{out:?}"
    );
    assert!(out.contains("\u{1b}[91m  - IT: Accountable"), "{out:?}");
    let plain = whoowns()
        .args(["diff", BEFORE, AFTER])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!plain.stdout.contains(&0x1b));
}

#[test]
fn a_hostile_name_is_sanitized_in_text() {
    let (code, out, _) = diff(&[BEFORE, "tests/fixtures/diff/hostile.toml"]);
    assert_eq!(code, 1);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(
        out.contains(
            "  ~ name: Social listening and monitoring → Social ␛[31mlistening␛[0m and monitoring\n"
        ),
        "{out}"
    );
}

#[test]
fn markdown_is_safe_and_fits_under_a_level_two_heading() {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    for after in [AFTER, "tests/fixtures/diff/hostile.toml"] {
        let (code, out, err) = diff(&[BEFORE, after, "--format", "markdown"]);
        assert_eq!(code, 1, "{err}");
        assert!(!out.contains('\u{1b}'));
        let mut headings = Vec::new();
        let mut in_heading = None;
        let mut items = Vec::new();
        let mut item = None::<String>;
        for event in Parser::new_ext(&out, Options::all()) {
            match event {
                Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?}"),
                Event::Start(Tag::Heading { level, .. }) => {
                    in_heading = Some((level, String::new()))
                }
                Event::End(TagEnd::Heading(_)) => headings.extend(in_heading.take()),
                Event::Start(Tag::Item) => item = Some(String::new()),
                Event::End(TagEnd::Item) => items.extend(item.take()),
                Event::Text(t) => {
                    if let Some((_, h)) = &mut in_heading {
                        h.push_str(&t);
                    } else if let Some(i) = &mut item {
                        i.push_str(&t);
                    }
                }
                _ => {}
            }
        }
        assert!(
            headings.iter().all(|(l, _)| *l == HeadingLevel::H3),
            "{headings:?}"
        );
        if after == AFTER {
            let titles: Vec<&str> = headings.iter().map(|(_, t)| t.as_str()).collect();
            assert_eq!(
                titles[..3],
                [
                    "Workspace",
                    "Departments",
                    "Social listening and monitoring"
                ]
            );
            assert!(titles.contains(&"Paid social campaigns (added)"));
            // Escaped text renders as the same words.
            assert!(
                items
                    .iter()
                    .any(|i| i == "+ Legal & Compliance: Accountable"),
                "{items:#?}"
            );
            assert!(
                items
                    .iter()
                    .any(|i| i == "✓ claim by IT declined: Legal carries the liability.")
            );
            assert!(items.iter().any(|i| i == "~ budget 25,000 → 30,000 USD"));
        }
    }
}

#[test]
fn json_is_one_object_with_ids_and_names() {
    let (code, out, err) = diff(&[BEFORE, AFTER, "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let json: Value = serde_json::from_str(&out).expect("one JSON value");
    assert_eq!(json["changed"], true);
    // The printed order (a parsed `Value` sorts its keys): top-level keys are indented by two.
    let keys: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("  \"")?.split('"').next())
        .collect();
    assert_eq!(
        keys,
        [
            "changed",
            "info",
            "departments",
            "responsibilities",
            "decisions_added",
            "decisions_removed",
            "findings_resolved",
            "findings_introduced"
        ]
    );
    let listening = &json["responsibilities"][0];
    assert_eq!(listening["responsibility"]["id"], "listening");
    assert_eq!(
        listening["responsibility"]["name"],
        "Social listening and monitoring"
    );
    assert_eq!(listening["presence"], "changed");
    let first = &listening["changes"][0];
    assert_eq!(first["kind"], "role-gained");
    assert_eq!(first["department"]["id"], "legal");
    assert_eq!(first["department"]["name"], "Legal & Compliance");
    assert_eq!(first["role"], "accountable");
    assert_eq!(
        listening["findings_resolved"][0]["rule"],
        "unresolved-claim"
    );
    let removed = json["responsibilities"]
        .as_array()
        .expect("array")
        .last()
        .expect("one");
    assert_eq!(removed["presence"], "removed");
    assert_eq!(removed["responsibility"]["id"], "old-item");
    assert_eq!(json["departments"][0]["changes"][0]["kind"], "now-stale");
    assert_eq!(json["info"][4]["field"], "date");
    assert_eq!(json["info"][4]["after"], "2026-11-24");
    assert_eq!(json["findings_introduced"][0]["rule"], "absent");
    assert_eq!(json["findings_introduced"][0]["department"]["id"], "care");
}

#[test]
fn unusable_input_exits_2_with_the_checks_diagnostics() {
    let (code, out, err) = diff(&[
        BEFORE,
        "tests/fixtures/diff/invalid/unknown-department.toml",
    ]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    let check = whoowns()
        .args([
            "check",
            "tests/fixtures/diff/invalid/unknown-department.toml",
        ])
        .output()
        .expect("runs");
    assert_eq!(err, String::from_utf8(check.stderr).expect("utf-8"));
    assert!(err.contains("unknown department `nobody`"), "{err}");

    let (code, out, err) = diff(&[
        "tests/fixtures/diff/missing.toml",
        AFTER,
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.contains("missing.toml") && err.contains("cannot read"),
        "{err}"
    );
}
