//! The summary's numbers against the workspace they tell about.

use super::outline_tests::section;
use super::summary::{Figures, MOST_NAMED, percent};
use super::tests::{render_plain, sample};
use super::*;
use crate::analysis::analyze;
use crate::signoff::fingerprint;
use crate::workspace::Signature;

fn figures(ws: &Workspace) -> Figures {
    let analysis = analyze(ws);
    Figures::new(&Ctx::new(ws, &analysis))
}

#[test]
fn the_sample_is_counted_as_its_findings_say() {
    let ws = sample();
    let f = figures(&ws);
    // Crisis response is settled (a tie-breaker); Brand voice has warnings (an open claim,
    // underfunded); Tool selection is contested and Listening a hot potato (errors).
    assert_eq!(f.responsibilities, 4);
    assert_eq!((f.settled, f.with_warnings, f.with_errors), (1, 1, 2));
    assert_eq!(f.hot_potatoes, [3]);
    assert_eq!(
        f.co_owned, 2,
        "crisis and tools have two owning departments"
    );
    assert_eq!((f.signed, f.stale, f.departments), (0, 0, 3));
    let markdown = render_plain(&ws);
    let summary = section(&markdown, "## Summary");
    for line in [
        "- **Responsibilities:** 4 in all: 1 settled, 3 open (2 with errors, 1 with warnings only).",
        "- **Hot potatoes still open:** [Listening](#listening).",
        "- **Co-owned:** 2 of 4 responsibilities (50%) have two or more departments among Accountable and Responsible.",
        "- **Signed:** 0 of 3 departments.",
    ] {
        assert!(summary.contains(line), "no {line:?} in {summary}");
    }
    let summary_counts = analyze(&ws).summary();
    assert!(summary.contains(&format!(
        "**Open findings:** {} errors, {} warnings",
        summary_counts.errors, summary_counts.warnings
    )));
    assert!(
        markdown.find("## Summary") < markdown.find("## Area:"),
        "the summary comes before the first area"
    );
}

#[test]
fn signatures_parked_items_and_the_workshop_date_are_counted() {
    let mut ws = sample();
    ws.info.date = Some("2024-05-01".into());
    ws.responsibilities[3].parked = Some("after the audit".into());
    let part = fingerprint(&ws, "marketing");
    ws.departments[0].signed = Some(Signature {
        by: "Ann".into(),
        date: "2024-05-01".into(),
        part: Some(part),
        open: None,
    });
    ws.departments[1].signed = Some(Signature {
        by: "Ivo".into(),
        date: "2024-05-01".into(),
        part: Some("0000000000000000".into()),
        open: None,
    });
    ws.departments[2].signed = Some(Signature {
        by: "Lee".into(),
        date: "2024-05-01".into(),
        part: None,
        open: None,
    });
    let f = figures(&ws);
    assert_eq!((f.signed, f.stale, f.parked), (2, 1, 1));
    let markdown = render_plain(&ws);
    let summary = section(&markdown, "## Summary");
    assert!(summary.contains("- **Signed:** 2 of 3 departments; 1 signed before the last change."));
    assert!(summary.contains("; 1 parked for later."));
    assert!(summary.contains("- **Workshop held:** 2024-05-01."));
}

#[test]
fn a_long_list_of_hot_potatoes_is_cut_short() {
    let mut ws = sample();
    let listening = ws.responsibilities[3].clone();
    for i in 0..25 {
        let mut r = listening.clone();
        r.id = format!("hot-{i}");
        r.name = format!("Hot {i}");
        ws.responsibilities.push(r);
    }
    let f = figures(&ws);
    assert_eq!(f.hot_potatoes.len(), 26);
    let markdown = render_plain(&ws);
    let summary = section(&markdown, "## Summary");
    let line = summary
        .lines()
        .find(|l| l.starts_with("- **Hot potatoes"))
        .expect("hot potatoes line");
    assert_eq!(line.matches(", ").count(), MOST_NAMED - 1, "{line}");
    assert!(line.ends_with(&format!(
        " and {} more (see [Open findings](#open-findings)).",
        26 - MOST_NAMED
    )));
    // One printed page: a few short lines whatever the size.
    assert!(summary.lines().count() < 12, "{summary}");
}

#[test]
fn an_empty_workspace_says_so() {
    let ws = Workspace::default();
    let markdown = render_plain(&ws);
    let summary = section(&markdown, "## Summary");
    assert!(summary.contains("- **Responsibilities:** none mapped yet."));
    assert!(summary.contains("- **Open findings:** none."));
    assert!(summary.contains("- **Signed:** no departments to sign yet."));
    assert!(summary.contains("0 of 0 responsibilities (0%)"));
}

#[test]
fn shares_round_down_but_never_to_nothing() {
    assert_eq!(percent(0, 0), 0);
    assert_eq!(percent(1, 1000), 1);
    assert_eq!(percent(2, 3), 66);
    assert_eq!(percent(3, 3), 100);
}

#[test]
fn the_review_date_is_told_and_says_when_the_charter_is_due() {
    let mut ws = sample();
    ws.info.review_by = Some("2026-12-01".into());
    let on = |today: &str| {
        let analysis = crate::analysis::analyze_on(&ws, Some(today));
        render(&ws, &analysis, &CharterOptions::default())
    };
    let in_time = on("2026-12-01");
    assert!(in_time.contains("- **Review by:** 2026-12-01\n"), "facts");
    assert!(section(&in_time, "## Summary").contains("- **Review by:** 2026-12-01.\n"));
    let late = on("2026-12-02");
    assert!(
        section(&late, "## Summary")
            .contains("- **Review by:** 2026-12-01: **the charter is due for review**.")
    );
    assert!(section(&late, "## Open findings").contains("| warning | review-due | — |"));
}
