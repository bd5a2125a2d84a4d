//! The charter's lookups without hashing: amounts, and responsibilities named by id when two
//! share one (which a loaded workspace never has): as a lookup by id, the last one.

use super::{CharterOptions, push_integer, render};
use crate::analysis::analyze;
use crate::workspace::{Decision, Department, Responsibility, Workspace};

#[test]
fn integers_are_written_as_format_writes_them() {
    for n in [
        0,
        7,
        -7,
        10,
        12_000,
        -999_999,
        999_999_999_999_999,
        i64::MAX,
        i64::MIN,
    ] {
        let mut out = String::from("x");
        push_integer(&mut out, n);
        assert_eq!(out, format!("x{n}"));
    }
}

#[test]
fn a_repeated_responsibility_id_names_the_last_one() {
    let responsibility = |name: &str, area: &str| Responsibility {
        id: "shared".into(),
        name: name.into(),
        area: Some(area.into()),
        ..Responsibility::default()
    };
    let ws = Workspace {
        departments: vec![Department {
            id: "pr".into(),
            name: "PR".into(),
            ..Department::default()
        }],
        responsibilities: vec![
            responsibility("First one", "B"),
            responsibility("Second one", "A"),
        ],
        decisions: vec![Decision {
            department: None,
            id: "d1".into(),
            date: "2026-11-20".into(),
            responsibility: Some("shared".into()),
            text: "Settled.".into(),
        }],
        ..Workspace::default()
    };
    let charter = render(&ws, &analyze(&ws), &CharterOptions::default());
    let (sections, tables) = charter
        .split_once("## Open findings")
        .expect("a findings section");
    let at = |text: &str| sections.find(text).expect(text);
    assert!(at("## Area: B") < at("### First one") && at("### First one") < at("## Area: A"));
    assert!(at("## Area: A") < at("### Second one"));
    // Told once, in the log; each responsibility with the id refers to it.
    assert_eq!(
        sections
            .matches(
                "**Decision:** taken on 2026-11-20, told in the [decision log](#decision-log)."
            )
            .count(),
        2
    );
    assert!(!sections.contains("Settled."));
    assert!(tables.contains("| Second one |") && !tables.contains("| First one |"));
    assert!(tables.contains("| 2026-11-20 | Second one | Settled. |"));
}
