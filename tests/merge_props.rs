//! Property tests of the three-way merge: merging a workspace with itself, or a side with an
//! unchanged base, is the identity; merge(base, a, base) == a; merge(base, base, b) is b (up to
//! the order of items); and any two edited branches merge into a file that loads.
//!
//! Bases come from the deterministic generator the benchmarks use; branches are random scripts
//! of the edits the board makes (roles, fields, funding, claims, items, decisions).

use proptest::prelude::*;
use whoowns::edit::{self, Change};
use whoowns::merge::{merge, merge_texts};
use whoowns::workspace::{Claim, Department, Responsibility, Role, Workspace, parse, to_toml};

/// One edit a branch makes; positions wrap around the current lists.
#[derive(Debug, Clone)]
enum Op {
    ToggleRole(usize, usize, usize),
    Text(usize, usize, usize),
    Budget(usize, Option<u32>),
    Funding(usize, usize, Option<u32>),
    Claim(usize, usize, Option<usize>),
    AddResponsibility(usize, usize),
    RemoveResponsibility(usize),
    AddDepartment(usize),
    RemoveDepartment(usize),
    RenameDepartment(usize, usize),
    AddDecision(u8, usize),
    EditDecision(usize, usize),
    RemoveDecision(usize),
    Facilitator(usize),
}

const WORDS: [&str; 6] = [
    "The COO decides.",
    "Marketing leads",
    "Reviewed in May",
    "Ask Legal first",
    "Weekly sync",
    "PR speaks",
];

fn op() -> impl Strategy<Value = Op> {
    let n = || 0usize..64;
    prop_oneof![
        4 => (n(), 0usize..4, n()).prop_map(|(r, role, d)| Op::ToggleRole(r, role, d)),
        2 => (n(), 0usize..5, 0usize..6).prop_map(|(r, f, w)| Op::Text(r, f, w)),
        1 => (n(), proptest::option::of(0u32..100)).prop_map(|(r, b)| Op::Budget(r, b)),
        2 => (n(), n(), proptest::option::of(0u32..100)).prop_map(|(r, d, a)| Op::Funding(r, d, a)),
        1 => (n(), n(), proptest::option::of(0usize..6)).prop_map(|(r, d, w)| Op::Claim(r, d, w)),
        1 => (n(), 0usize..1000).prop_map(|(at, k)| Op::AddResponsibility(at, k)),
        1 => n().prop_map(Op::RemoveResponsibility),
        1 => (0usize..1000).prop_map(Op::AddDepartment),
        1 => n().prop_map(Op::RemoveDepartment),
        1 => (n(), 0usize..6).prop_map(|(d, w)| Op::RenameDepartment(d, w)),
        2 => (1u8..=28, 0usize..6).prop_map(|(day, w)| Op::AddDecision(day, w)),
        1 => (n(), 0usize..6).prop_map(|(i, w)| Op::EditDecision(i, w)),
        1 => n().prop_map(Op::RemoveDecision),
        1 => (0usize..6).prop_map(Op::Facilitator),
    ]
}

fn apply_change(ws: &mut Workspace, change: Option<Change>) {
    if let Some(change) = change {
        change.edit.apply(ws).expect("a board edit fits");
    }
}

/// Applies one edit as the board (or a hand edit of one field) would.
fn apply(ws: &mut Workspace, op: &Op) {
    let (rs, ds) = (ws.responsibilities.len(), ws.departments.len());
    let dept = |ws: &Workspace, d: usize| ws.departments[d % ds].id.clone();
    match *op {
        Op::ToggleRole(r, role, d) if rs > 0 && ds > 0 => {
            let id = dept(ws, d);
            let list = ws.responsibilities[r % rs].role_mut(Role::ALL[role]);
            match list.iter().position(|x| *x == id) {
                Some(at) => {
                    list.remove(at);
                }
                None => list.push(id),
            }
        }
        Op::Text(r, field, w) if rs > 0 => {
            let r = &mut ws.responsibilities[r % rs];
            let text = WORDS[w].to_owned();
            match field {
                0 => r.name = text,
                1 => r.description = Some(text),
                2 => r.tie_breaker = (w % 3 != 0).then_some(text),
                3 => r.notes = Some(text),
                _ => r.parked = (w % 2 == 0).then_some(text),
            }
        }
        Op::Budget(r, b) if rs > 0 => ws.responsibilities[r % rs].budget = b.map(f64::from),
        Op::Funding(r, d, a) if rs > 0 && ds > 0 => {
            let id = dept(ws, d);
            let funding = &mut ws.responsibilities[r % rs].funding;
            match a {
                Some(a) => funding.insert(id, f64::from(a) * 100.0),
                None => funding.remove(&id),
            };
        }
        Op::Claim(r, d, w) if rs > 0 && ds > 0 => {
            let id = dept(ws, d);
            let claims = &mut ws.responsibilities[r % rs].claims;
            match w {
                Some(w) => claims.insert(id, Claim::open(WORDS[w])),
                None => claims.remove(&id, None),
            };
        }
        Op::AddResponsibility(at, k) => {
            let id = ws.unused_responsibility_id(&format!("new {k}"));
            let value = Responsibility {
                name: format!("New {k}"),
                id,
                ..Responsibility::default()
            };
            let index = at % (rs + 1);
            edit::Edit::InsertResponsibility { index, value }
                .apply(ws)
                .expect("fits");
        }
        Op::RemoveResponsibility(r) if rs > 0 => {
            let change = edit::delete_responsibility(ws, r % rs);
            apply_change(ws, change);
        }
        Op::AddDepartment(k) => {
            let id = ws.unused_department_id(&format!("team {k}"));
            ws.departments.push(Department {
                name: format!("Team {k}"),
                id,
                ..Department::default()
            });
        }
        Op::RemoveDepartment(d) if ds > 0 => {
            let change = edit::delete_department(ws, d % ds);
            apply_change(ws, change);
        }
        Op::RenameDepartment(d, w) if ds > 0 => ws.departments[d % ds].name = WORDS[w].to_owned(),
        Op::AddDecision(day, w) => {
            let date = format!("2026-12-{day:02}");
            let change = edit::add_decision(ws, &date, None, WORDS[w]);
            apply_change(ws, change);
        }
        Op::EditDecision(i, w) if !ws.decisions.is_empty() => {
            let at = i % ws.decisions.len();
            let change = edit::edit_decision(ws, at, WORDS[w]).expect("valid text");
            apply_change(ws, change);
        }
        Op::RemoveDecision(i) if !ws.decisions.is_empty() => {
            let change = edit::delete_decision(ws, i % ws.decisions.len());
            apply_change(ws, change);
        }
        Op::Facilitator(w) => ws.info.facilitator = Some(WORDS[w].to_owned()),
        _ => {}
    }
}

fn base() -> impl Strategy<Value = Workspace> {
    (2usize..7, 2usize..12, any::<u64>())
        .prop_map(|(d, r, seed)| whoowns::generate::workspace(d, r, seed))
}

fn branch(base: &Workspace, ops: &[Op]) -> Workspace {
    let mut ws = base.clone();
    for op in ops {
        apply(&mut ws, op);
    }
    ws
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec(op(), 0..12)
}

/// The workspace with every list in id order: what "the same workspace" means when the merge
/// keeps OURS' order.
fn normalized(mut ws: Workspace) -> Workspace {
    ws.departments.sort_by(|a, b| a.id.cmp(&b.id));
    ws.responsibilities.sort_by(|a, b| a.id.cmp(&b.id));
    for r in &mut ws.responsibilities {
        for role in Role::ALL {
            r.role_mut(role).sort();
        }
    }
    ws.decisions.sort_by(|a, b| a.id.cmp(&b.id));
    ws
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn merging_a_workspace_with_itself_is_the_identity(base in base(), script in ops()) {
        let x = branch(&base, &script);
        let m = merge(&x, &x, &x);
        prop_assert!(m.is_clean());
        prop_assert_eq!(&m.workspace, &x);
        let text = to_toml(&x);
        let parsed = parse(&text).expect("valid");
        let ws = &parsed.workspace;
        let (merged, _) = merge_texts(ws, ws, &text, ws).expect("merges");
        prop_assert_eq!(merged, text);
    }

    #[test]
    fn ours_against_an_unchanged_base_is_ours(base in base(), script in ops()) {
        let a = branch(&base, &script);
        let m = merge(&base, &a, &base);
        prop_assert!(m.is_clean());
        prop_assert_eq!(&m.workspace, &a);
        let both = merge(&base, &a, &a);
        prop_assert!(both.is_clean());
        prop_assert_eq!(&both.workspace, &a);
    }

    #[test]
    fn theirs_against_an_unchanged_base_is_theirs(base in base(), script in ops()) {
        let b = branch(&base, &script);
        let m = merge(&base, &base, &b);
        prop_assert!(m.is_clean());
        prop_assert_eq!(normalized(m.workspace), normalized(b));
    }

    #[test]
    fn any_two_branches_merge_into_a_file_that_loads(
        base in base(),
        ours in ops(),
        theirs in ops(),
    ) {
        let (a, b) = (branch(&base, &ours), branch(&base, &theirs));
        let texts = [to_toml(&base), to_toml(&a), to_toml(&b)];
        let parsed: Vec<_> = texts.iter().map(|t| parse(t).expect("valid").workspace).collect();
        let (text, m) = merge_texts(&parsed[0], &parsed[1], &texts[1], &parsed[2])
            .expect("the merge reads back");
        let loaded = parse(&text).expect("loads").workspace;
        prop_assert_eq!(&loaded, &m.workspace);
        // Whatever only one side changed is in the result.
        let findings = whoowns::analysis::analyze(&loaded);
        let reported = findings
            .findings
            .iter()
            .filter(|f| f.rule == whoowns::analysis::RuleId::MergeConflict)
            .count();
        prop_assert_eq!(reported, loaded.conflicts.len());
    }
}
