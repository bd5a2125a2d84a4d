//! The charter carries what the workshop settled: claim outcomes, parked items, signatures
//! (current or stale), the session's date and the changes agreed.

use super::outline_tests::{outline, section};
use super::tests::{render_plain, sample};
use super::*;
use crate::analysis::analyze;
use crate::signoff::fingerprint;
use crate::workspace::{Claim, ClaimStatus, Signature};

#[test]
fn claims_say_whether_they_were_accepted_or_declined_and_why() {
    let mut ws = sample();
    let voice = &mut ws.responsibilities[0];
    voice.claims.insert(
        "it".into(),
        Claim {
            role: None,
            reason: "We run the tools.".into(),
            status: ClaimStatus::Declined,
            answer: Some("Marketing carries the voice".into()),
            date: Some("2026-11-24".into()),
            raised_by: None,
        },
    );
    voice.claims.insert(
        "marketing".into(),
        Claim {
            role: None,
            reason: "It is our brand.".into(),
            status: ClaimStatus::Accepted,
            answer: None,
            date: Some("2026-11-24".into()),
            raised_by: None,
        },
    );
    let markdown = render_plain(&ws);
    let voice = section(&markdown, "### Brand voice");
    assert!(
        voice.contains(
            "- IT: We run the tools. — **declined** on 2026-11-24: Marketing carries the voice"
        ),
        "{voice}"
    );
    assert!(
        voice.contains("- Marketing: It is our brand. — **accepted** on 2026-11-24"),
        "{voice}"
    );
    assert!(voice.contains("— open"), "the sample's open claim: {voice}");
}

#[test]
fn parked_items_are_listed_for_later_and_marked_in_their_section() {
    let mut ws = sample();
    assert!(!render_plain(&ws).contains("## Parked for later"));
    ws.responsibilities[0].parked = Some("Needs the CFO | and [a link](x)".into());
    ws.responsibilities[1].parked = Some(String::new());
    let markdown = render_plain(&ws);
    let parked = section(&markdown, "## Parked for later");
    assert!(
        parked.contains("- Brand voice: Needs the CFO \\| and \\[a link\\](x)"),
        "{parked}"
    );
    let second = &ws.responsibilities[1].name;
    assert!(parked.contains(&format!("- {second}\n")) || parked.ends_with(&format!("- {second}")));
    assert!(
        section(&markdown, "### Brand voice").contains("- **Parked for later:** Needs the CFO")
    );
}

#[test]
fn signatures_show_who_signed_and_go_stale_after_a_change() {
    let mut ws = sample();
    ws.departments[0].signed = Some(Signature {
        by: "Ann".into(),
        date: "2026-11-24".into(),
        part: Some(fingerprint(&ws, "marketing")),
        open: None,
    });
    let markdown = render_plain(&ws);
    assert!(
        markdown.contains("| Marketing | Ann | signed | Ann | 2026-11-24 |"),
        "{markdown}"
    );
    ws.responsibilities[0].tie_breaker = Some("The CMO decides.".into());
    let markdown = render_plain(&ws);
    assert!(
        markdown
            .contains("| Marketing | Ann | **signed before the last change** | Ann | 2026-11-24 |"),
        "{markdown}"
    );
}

#[test]
fn a_signature_made_with_items_open_says_so() {
    let mut ws = sample();
    ws.departments[0].signed = Some(Signature {
        by: "Ann".into(),
        date: "2026-11-24".into(),
        part: Some(fingerprint(&ws, "marketing")),
        open: Some("2 warnings and 1 parked item".into()),
    });
    let markdown = render_plain(&ws);
    assert!(
        markdown.contains(
            "| Marketing | Ann | signed with 2 warnings and 1 parked item open | Ann | 2026-11-24 |"
        ),
        "{markdown}"
    );
    // The note is what the signature recorded, whatever is open today.
    ws.responsibilities[0].tie_breaker = Some("The CMO decides.".into());
    let markdown = render_plain(&ws);
    assert!(
        markdown.contains(
            "| **signed before the last change**, with 2 warnings and 1 parked item open | Ann |"
        ),
        "{markdown}"
    );
    // Words written by hand are escaped like any other.
    ws.departments[0].signed.as_mut().expect("signed").open = Some("a | b".into());
    assert!(render_plain(&ws).contains(r"with a \| b open |"));
}

#[test]
fn the_session_date_and_the_changes_agreed_appear_when_known() {
    let mut ws = sample();
    ws.info.date = Some("2026-11-24".into());
    let options = CharterOptions {
        date: None,
        changes: Some("- Marketing gained Accountable for Brand voice.\n".into()),
        ..CharterOptions::default()
    };
    let markdown = render(&ws, &analyze(&ws), &options);
    assert!(markdown.contains("- **Workshop held:** 2026-11-24"));
    let changes = section(&markdown, "## Changes agreed in this session");
    assert!(changes.contains("- Marketing gained Accountable for Brand voice."));
    let sign_off = markdown.find("## Sign-off").expect("sign-off");
    assert!(markdown.find("## Changes agreed").expect("changes") < sign_off);
    assert!(!render_plain(&ws).contains("## Changes agreed"));
}

#[test]
fn the_appendix_tells_what_changed_since_an_earlier_version_last() {
    let before = sample();
    let mut ws = sample();
    ws.responsibilities[0].budget = Some(15000.0);
    let changes = crate::diff::diff(&before, &ws);
    let options = CharterOptions {
        since: Some((
            "revision v1".into(),
            crate::diff::render_markdown_lines(&changes, &before, &ws),
        )),
        ..CharterOptions::default()
    };
    let markdown = render(&ws, &analyze(&ws), &options);
    let appendix = section(&markdown, "## Changed since");
    assert!(
        appendix.contains("Compared with revision v1:"),
        "{appendix}"
    );
    assert!(appendix.contains("- **Brand voice:** "), "{appendix}");
    assert!(markdown.find("## Sign-off") < markdown.find("## Changed since"));
    assert!(
        markdown.contains("- [Changed since](#changed-since)"),
        "in the contents"
    );
    super::departments_tests::assert_links_resolve(&markdown);
    assert!(!render_plain(&ws).contains("## Changed since"));
}

#[test]
fn the_sign_off_table_reads_for_a_signer() {
    let ws = sample();
    let markdown = render_plain(&ws);
    let outline = outline(&markdown);
    let (_, header, rows) = outline
        .tables
        .iter()
        .find(|t| t.0 == "Sign-off")
        .expect("a sign-off table");
    assert_eq!(
        header,
        &[
            "Department",
            "Lead",
            "Status",
            "Signed by",
            "Date",
            "Version",
            "Signature"
        ]
    );
    assert_eq!(rows.len(), ws.departments.len());
    let version = super::version::version(&ws);
    // A signer reads where each department stands; a missing lead reads as in "Departments",
    // and the version stands above the table and beside each signature.
    // The signature is written by hand on the printed charter.
    assert_eq!(rows[1], ["IT", "Ivo", "not signed", "", "", &version, ""]);
    assert_eq!(rows[2], ["Legal", "—", "not signed", "", "", &version, ""]);
    assert!(markdown.contains(&format!(
        "agrees to the roles in this charter (version {version}).\n"
    )));
    assert!(markdown.contains(&format!("- **Version:** {version}\n")));
}
