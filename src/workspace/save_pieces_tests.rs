//! A save piece by piece must write exactly what a rewrite of the whole document writes.
use proptest::prelude::*;

use super::update;
use crate::workspace::model::{
    Claim, ClaimStatus, Decision, Department, Role, Signature, Workspace,
};
use crate::workspace::save::update_whole;
use crate::workspace::{parse, update_document};

const SAMPLE: &str = include_str!("../../assets/sample.toml");
const MINIMAL: &str = include_str!("../../assets/minimal.toml");

/// The files the edits run on: the bundled ones, generated ones, and generated ones with
/// comments between and inside the tables, with Windows line endings and a byte-order mark.
fn files() -> Vec<String> {
    let generated = crate::workspace::to_toml(&crate::generate::workspace(12, 60, 5));
    let mut commented = String::new();
    for (n, line) in generated.lines().enumerate() {
        if line == "[[responsibility]]" && n % 3 == 0 {
            commented.push_str("\n# Reviewed in spring.\n");
        }
        commented.push_str(line);
        if line.starts_with("accountable = ") {
            commented.push_str("   # agreed");
        }
        commented.push('\n');
    }
    commented.push_str("\n# The end.\n");
    let bare = "whoowns = 1\n\n[workspace]\nname = \"X\"\n\n[[responsibility]]\nid = \"r1\"\n\
        name = \"R1\"\n\n[[responsibility]]\nid = \"r2\"\nname = \"R2\"\n\n# Decisions\n\
        [[decision]]\ndate = \"2026-01-01\"\ntext = \"T\"\n\n# Another\n[[decision]]\n\
        id = \"d2\"\ndate = \"2026-01-02\"\ntext = \"U\"\n";
    vec![
        bare.to_owned(),
        SAMPLE.to_owned(),
        MINIMAL.to_owned(),
        generated,
        commented.replace('\n', "\r\n"),
        format!("\u{feff}{commented}"),
    ]
}

/// One change a session makes; `n` picks the item and the variant.
fn edit(ws: &mut Workspace, kind: u8, n: usize) {
    let count = ws.responsibilities.len().max(1);
    let departments: Vec<String> = ws.departments.iter().map(|d| d.id.clone()).collect();
    let department = departments.get(n % departments.len().max(1)).cloned();
    let Some(r) = ws.responsibilities.get_mut(n % count) else {
        return;
    };
    match kind % 16 {
        0 => {
            let moved = std::mem::take(&mut r.accountable);
            r.accountable = std::mem::replace(&mut r.responsible, moved);
        }
        1 => r.name.push_str(" (renamed)"),
        2 => {
            r.budget = if n.is_multiple_of(2) {
                Some(1234.5)
            } else {
                None
            }
        }
        3 => {
            if let Some(d) = department {
                r.funding.insert(d, (n % 7) as f64 * 1000.0);
            }
        }
        4 => {
            if let Some(d) = department {
                let mut claim = Claim::open("We should run it");
                if n.is_multiple_of(2) {
                    claim.status = ClaimStatus::Declined;
                    claim.answer = Some("No".into());
                    claim.date = Some("2026-11-29".into());
                }
                r.claims.insert(d, claim);
            }
        }
        5 => {
            r.parked = if r.parked.is_some() {
                None
            } else {
                Some("later".into())
            }
        }
        6 => r.notes = Some("Say \"hi\" | *twice*\nand more".into()),
        7 => {
            r.informed.clear();
            r.description = None;
        }
        8 => ws.decisions.push(Decision {
            department: None,
            id: format!("decided-{}", ws.decisions.len()),
            date: "2026-11-29".into(),
            responsibility: Some(r.id.clone()),
            text: format!("Decided {n}"),
        }),
        9 => {
            if let Some(d) = ws.departments.get_mut(n % departments.len().max(1)) {
                d.name.push_str(" & Co");
                d.signed = Some(Signature {
                    by: "Ana".into(),
                    date: "2026-11-29".into(),
                    part: None,
                    open: Some("1 warning and 1 parked item".into()),
                });
            }
        }
        10 => ws.departments.push(Department {
            id: format!("new-{n}"),
            name: "New".into(),
            lead: None,
            signed: None,
        }),
        12 => {
            if !ws.decisions.is_empty() {
                ws.decisions.remove(n % ws.decisions.len());
            }
        }
        13 => ws.decisions.insert(
            0,
            Decision {
                department: None,
                id: format!("first-{}", ws.decisions.len()),
                date: "2026-11-29".into(),
                responsibility: None,
                text: "Decided first".into(),
            },
        ),
        14 => {
            if ws.decisions.len() >= 2 {
                ws.decisions.swap(0, 1);
            }
        }
        _ => {
            ws.info.name.push_str(" (revised)");
            ws.rules.max_accountable = Some(3);
            if let Some(first) = ws.decisions.first_mut() {
                first.text.push_str(" Confirmed.");
            }
        }
    }
    if let Some(d) = departments.first() {
        // Keep a role list touched in every other edit, as moves do.
        if kind % 2 == 1
            && let Some(r) = ws.responsibilities.get_mut((n + 1) % count)
            && !r.consulted.contains(d)
        {
            r.role_mut(Role::Consulted).push(d.clone());
        }
    }
}

/// Saves `ws` over `text` both ways and checks they write the same bytes; returns whether the
/// piecewise way took it.
fn both_ways(text: &str, ws: &Workspace) -> bool {
    let whole = update_whole(text, ws).expect("valid TOML");
    match update(text, ws) {
        Some(pieces) => {
            let pieces = pieces.expect("valid TOML");
            assert_eq!(pieces, whole, "piecewise save differs");
            let saved = update_document(text, ws).expect("valid TOML");
            assert_eq!(parse(&saved).expect("valid").workspace, *ws);
            true
        }
        None => false,
    }
}

#[test]
fn an_unchanged_workspace_and_a_move_go_piece_by_piece_and_agree() {
    for text in files() {
        let mut ws = parse(&text).expect("valid").workspace;
        // Windows line endings are kept over the whole text: those files are rewritten whole.
        let piecewise = !text.contains('\r');
        assert_eq!(both_ways(&text, &ws), piecewise, "unchanged save");
        if !text.starts_with('\u{feff}') {
            assert_eq!(update_document(&text, &ws).expect("toml"), text);
        }
        if let Some(change) = crate::generate::typical_move(&ws) {
            change.edit.apply(&mut ws).expect("applies");
            assert_eq!(both_ways(&text, &ws), piecewise, "a move");
        }
    }
}

#[test]
fn added_removed_or_reordered_responsibilities_go_the_whole_way() {
    let mut ws = parse(SAMPLE).expect("valid").workspace;
    ws.responsibilities.swap(0, 1);
    assert!(update(SAMPLE, &ws).is_none());
    ws.responsibilities.swap(0, 1);
    ws.responsibilities.pop();
    assert!(update(SAMPLE, &ws).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        if std::env::var_os("CI").is_some() { 400 } else { 120 }
    ))]

    /// Any few edits of a session, saved piece by piece, write what the whole rewrite writes.
    #[test]
    fn piecewise_saves_write_what_the_whole_rewrite_writes(
        file in 0usize..6,
        edits in proptest::collection::vec((any::<u8>(), any::<usize>()), 1..5),
    ) {
        let text = &files()[file];
        let mut ws = parse(text).expect("valid").workspace;
        for (kind, n) in edits {
            edit(&mut ws, kind, n);
        }
        both_ways(text, &ws);
    }
}

/// Found in review: comments before a decision belong to it, and a first department goes at the
/// end of the whole document; such edits must go the whole way or agree.
#[test]
fn decision_log_reshuffles_and_first_departments_agree_or_go_the_whole_way() {
    let base = "whoowns = 1\n\n[workspace]\nname = \"X\"\n\n[[responsibility]]\nid = \"r1\"\n\
        name = \"R1\"\n\n[[responsibility]]\nid = \"r2\"\nname = \"R2\"\n";
    let log = format!(
        "{base}\n# Log\n[[decision]]\ndate = \"2026-01-01\"\ntext = \"T\"\n\n\
        [[decision]]\ndate = \"2026-01-02\"\ntext = \"U\"\n"
    );
    let department = || Department {
        id: "pr".into(),
        name: "PR".into(),
        lead: None,
        signed: None,
    };
    let decision = || Decision {
        department: None,
        id: "d0".into(),
        date: "2026-01-03".into(),
        responsibility: None,
        text: "N".into(),
    };
    type EditFn = fn(&mut Workspace, &dyn Fn() -> Department, &dyn Fn() -> Decision);
    let edits: [(&str, EditFn); 7] = [
        ("first department", |ws, d, _| ws.departments.push(d())),
        ("clear the log", |ws, _, _| ws.decisions.clear()),
        ("remove the first decision", |ws, _, _| {
            ws.decisions.remove(0);
        }),
        ("swap decisions", |ws, _, _| ws.decisions.swap(0, 1)),
        ("insert a decision first", |ws, _, d| {
            ws.decisions.insert(0, d())
        }),
        ("append a decision", |ws, _, d| ws.decisions.push(d())),
        ("edit a decision", |ws, _, _| ws.decisions[0].text.push('!')),
    ];
    for (what, edit) in edits {
        for text in [base.to_owned(), log.clone()] {
            let mut ws = parse(&text).expect("valid").workspace;
            if ws.decisions.len() < 2 && what != "first department" && what != "append a decision" {
                continue;
            }
            edit(&mut ws, &department, &decision);
            both_ways(&text, &ws);
        }
    }
    // In-place edits of the log keep the piecewise way.
    let mut ws = parse(&log).expect("valid").workspace;
    ws.decisions[1].text.push('!');
    ws.decisions.push(decision());
    assert!(both_ways(&log, &ws), "appending to the log");
}
