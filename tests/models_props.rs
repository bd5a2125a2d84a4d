//! Properties for every role model (the built-in ones and a custom one): any workspace of the
//! model saves and loads back the same, both as a fresh file and over a hand-kept one (claims on
//! several roles of one department included); any sequence of edits (claims recorded on a role
//! and answered among them) undoes back to the exact start and redoes to the exact end.

use proptest::prelude::*;
use whoowns::edit::{self, DropMode, History};
use whoowns::workspace::{
    Claim, ClaimStatus, Department, Responsibility, Role, Workspace, parse, to_toml,
    update_document,
};

const FIXTURES: [&str; 6] = [
    "tests/fixtures/models/does-decides-answers.toml",
    "tests/fixtures/models/rapid.toml",
    "tests/fixtures/models/daci.toml",
    "tests/fixtures/models/rasci.toml",
    "tests/fixtures/models/raci-named.toml",
    "tests/fixtures/models/custom.toml",
];

fn fixture(n: usize) -> (String, Workspace) {
    let text = std::fs::read_to_string(FIXTURES[n % FIXTURES.len()]).expect("a fixture");
    let ws = parse(&text).expect("loads").workspace;
    (text, ws)
}

/// Role lists for up to 8 responsibilities: per responsibility and role, which of up to 5
/// departments hold it (bits); the sixth byte says which departments claim it, each on no
/// particular role and on a role of its own.
fn lists() -> impl Strategy<Value = Vec<Vec<u8>>> {
    proptest::collection::vec(proptest::collection::vec(any::<u8>(), 6), 1..8)
}

/// The fixture's workspace with `departments` departments and the responsibilities `lists`
/// describes (ids reused where the fixture has them, so saves reuse its tables).
fn build(mut ws: Workspace, departments: usize, lists: &[Vec<u8>]) -> Workspace {
    while ws.departments.len() < departments {
        let n = ws.departments.len();
        ws.departments.push(Department {
            id: format!("dept-{n}"),
            name: format!("Department {n}"),
            ..Department::default()
        });
    }
    ws.departments.truncate(departments.max(1));
    let ids: Vec<String> = ws.departments.iter().map(|d| d.id.clone()).collect();
    let old: Vec<Responsibility> = std::mem::take(&mut ws.responsibilities);
    for (i, masks) in lists.iter().enumerate() {
        let mut r = old.get(i).cloned().unwrap_or_else(|| Responsibility {
            id: format!("resp-{i}"),
            name: format!("Responsibility {i}"),
            ..Responsibility::default()
        });
        r.funding.clear();
        r.claims.clear();
        for role in ws.model.roles() {
            let mask = masks.get(role.index()).copied().unwrap_or(0);
            *r.role_mut(role) = (ids.iter().enumerate())
                .filter(|(d, _)| mask & (1 << d) != 0)
                .map(|(_, id)| id.clone())
                .collect();
        }
        let claims = masks.get(5).copied().unwrap_or(0);
        for (d, id) in ids
            .iter()
            .enumerate()
            .filter(|(d, _)| claims & (1 << d) != 0)
        {
            let role = ws
                .model
                .key(ws.model.role((i + d) % ws.model.len()).expect("a role"));
            r.claims.insert(id.clone(), Claim::open("Ours"));
            let mut settled = Claim::for_role(Some(role), format!("We {role}"));
            if d % 2 == 1 {
                settled.status = ClaimStatus::Declined;
                settled.answer = Some("Not now".into());
                settled.date = Some("2026-11-24".into());
            }
            r.claims.insert(id.clone(), settled);
        }
        ws.responsibilities.push(r);
    }
    ws.decisions.clear();
    ws
}

#[derive(Debug, Clone)]
enum Step {
    Move {
        r: usize,
        role: usize,
        from: Option<usize>,
        to: Option<usize>,
        share: bool,
    },
    Cycle {
        r: usize,
        d: usize,
    },
    AddResponsibility(String),
    DeleteDepartment(usize),
    /// Department `d` claims role `role` (`None`: no particular role) of responsibility `r`.
    RecordClaim {
        r: usize,
        d: usize,
        role: Option<usize>,
    },
    /// The `at`-th open claim on `r` is accepted (giving the claimed role, or `role`) or
    /// declined.
    AnswerClaim {
        r: usize,
        at: usize,
        role: usize,
        accept: bool,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..8usize, 0..8usize, proptest::option::of(0..6usize), proptest::option::of(0..6usize), any::<bool>())
            .prop_map(|(r, role, from, to, share)| Step::Move { r, role, from, to, share }),
        3 => (0..8usize, 0..6usize).prop_map(|(r, d)| Step::Cycle { r, d }),
        1 => "[a-z ]{1,10}".prop_map(Step::AddResponsibility),
        1 => (0..6usize).prop_map(Step::DeleteDepartment),
        2 => (0..8usize, 0..6usize, proptest::option::of(0..8usize))
            .prop_map(|(r, d, role)| Step::RecordClaim { r, d, role }),
        2 => (0..8usize, 0..4usize, 0..8usize, any::<bool>())
            .prop_map(|(r, at, role, accept)| Step::AnswerClaim { r, at, role, accept }),
    ]
}

fn change(ws: &Workspace, step: &Step) -> Option<edit::Change> {
    let r_count = ws.responsibilities.len().max(1);
    let dept = |d: usize| ws.departments.get(d).map(|x| x.id.clone());
    match step {
        Step::Move {
            r,
            role,
            from,
            to,
            share,
        } => {
            let r = r % r_count;
            let role: Role = ws.model.role(role % ws.model.len())?;
            let from = from
                .and_then(dept)
                .filter(|id| ws.responsibilities.get(r).is_some_and(|x| x.has(role, id)));
            let mode = if *share {
                DropMode::Share
            } else {
                DropMode::Move
            };
            edit::move_role(
                ws,
                r,
                role,
                from.as_deref(),
                to.and_then(dept).as_deref(),
                mode,
            )
        }
        Step::Cycle { r, d } => edit::cycle_cell(ws, r % r_count, &dept(*d)?),
        Step::AddResponsibility(name) => edit::add_responsibility(ws, name, None),
        Step::DeleteDepartment(d) => edit::delete_department(ws, d % ws.departments.len().max(1)),
        Step::RecordClaim { r, d, role } => {
            let role = role.map(|role| ws.model.role(role % ws.model.len()).expect("a role"));
            let d = d % ws.departments.len().max(1);
            edit::record_claim(ws, r % r_count, d, role, "We should", Some("Dana")).ok()
        }
        Step::AnswerClaim {
            r,
            at,
            role,
            accept,
        } => {
            let r = r % r_count;
            let (d, claim) = ws.responsibilities.get(r)?.open_claims().nth(*at)?;
            let answer = if *accept {
                let role = ws.model.role(role % ws.model.len()).expect("a role");
                edit::Answer::Accept(if claim.role.is_some() {
                    Vec::new()
                } else {
                    vec![role]
                })
            } else {
                edit::Answer::Decline("Not ours".into())
            };
            edit::answer_claim(ws, r, d, claim.role.as_deref(), &answer, "2026-11-24").ok()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_model_saves_then_loads_the_same(
        model in 0..FIXTURES.len(),
        departments in 1..6usize,
        lists in lists(),
    ) {
        let (text, base) = fixture(model);
        let ws = build(base, departments, &lists);
        let fresh = to_toml(&ws);
        let read = parse(&fresh).map_err(|d| TestCaseError::fail(format!("{d:?}\n{fresh}")))?;
        prop_assert_eq!(&read.workspace, &ws);
        let kept = update_document(&text, &ws).expect("saves over the fixture");
        let read = parse(&kept).map_err(|d| TestCaseError::fail(format!("{d:?}\n{kept}")))?;
        prop_assert_eq!(&read.workspace, &ws);
        // Saving again changes nothing.
        prop_assert_eq!(update_document(&kept, &ws).expect("saves"), kept);
    }

    #[test]
    fn every_model_undoes_to_the_start_and_redoes_to_the_end(
        model in 0..FIXTURES.len(),
        steps in proptest::collection::vec(step(), 1..30),
    ) {
        let (text, original) = fixture(model);
        let mut ws = original.clone();
        let mut history = History::default();
        let mut applied = 0;
        for s in &steps {
            if let Some(c) = change(&ws, s) {
                history.apply(&mut ws, c.edit, c.label).expect("edits built from the workspace apply");
                applied += 1;
            }
        }
        let end = ws.clone();
        // What the edits made saves and loads back in the model.
        let saved = update_document(&text, &end).expect("saves");
        prop_assert_eq!(&parse(&saved).expect("reloads").workspace, &end);
        for _ in 0..applied {
            prop_assert!(history.undo(&mut ws).is_some());
        }
        prop_assert_eq!(&ws, &original);
        for _ in 0..applied {
            prop_assert!(history.redo(&mut ws).is_some());
        }
        prop_assert_eq!(&ws, &end);
    }
}
