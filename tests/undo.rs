//! Property: any sequence of edits followed by as many undos gives back the exact start, and
//! redoing them all gives back the exact end.

use proptest::prelude::*;
use whoowns::edit::{self, Change, DropMode, Field, History};
use whoowns::workspace::{Role, Workspace, load_file};

fn start() -> Workspace {
    load_file(std::path::Path::new("tests/fixtures/board.toml"))
        .expect("fixture")
        .workspace
}

/// One edit a person could make, described by indices that are resolved against the
/// workspace as it is when the step runs.
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
    SetField {
        r: usize,
        field: usize,
        text: String,
    },
    AddResponsibility(String),
    DeleteResponsibility(usize),
    AddDepartment(String),
    RenameDepartment {
        d: usize,
        name: String,
    },
    DeleteDepartment(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let text = "[a-zA-Z0-9 ,=._\u{e9}\u{5e7f}-]{0,16}";
    prop_oneof![
        (
            0..8usize,
            0..4usize,
            proptest::option::of(0..8usize),
            proptest::option::of(0..8usize),
            any::<bool>()
        )
            .prop_map(|(r, role, from, to, share)| Step::Move {
                r,
                role,
                from,
                to,
                share
            }),
        (0..8usize, 0..8usize).prop_map(|(r, d)| Step::Cycle { r, d }),
        (0..8usize, 0..Field::ALL.len(), text).prop_map(|(r, field, text)| Step::SetField {
            r,
            field,
            text
        }),
        text.prop_map(Step::AddResponsibility),
        (0..8usize).prop_map(Step::DeleteResponsibility),
        text.prop_map(Step::AddDepartment),
        (0..8usize, text).prop_map(|(d, name)| Step::RenameDepartment { d, name }),
        (0..8usize).prop_map(Step::DeleteDepartment),
    ]
}

fn change(ws: &Workspace, step: &Step) -> Option<Change> {
    let r_count = ws.responsibilities.len().max(1);
    let d_count = ws.departments.len().max(1);
    let dept = |d: usize| ws.departments.get(d % d_count).map(|x| x.id.clone());
    match step {
        Step::Move {
            r,
            role,
            from,
            to,
            share,
        } => {
            let r = r % r_count;
            let role = Role::ALL[*role];
            // A source must actually hold the role; otherwise drag from Unowned.
            let from = from
                .and_then(dept)
                .filter(|id| ws.responsibilities.get(r).is_some_and(|x| x.has(role, id)));
            let to = to.and_then(dept);
            let mode = if *share {
                DropMode::Share
            } else {
                DropMode::Move
            };
            edit::move_role(ws, r, role, from.as_deref(), to.as_deref(), mode)
        }
        Step::Cycle { r, d } => edit::cycle_cell(ws, r % r_count, &dept(*d)?),
        Step::SetField { r, field, text } => {
            edit::set_field(ws, r % r_count, Field::ALL[*field], text)
                .ok()
                .flatten()
        }
        Step::AddResponsibility(name) => edit::add_responsibility(ws, name, None),
        Step::DeleteResponsibility(r) => edit::delete_responsibility(ws, r % r_count),
        Step::AddDepartment(name) => edit::add_department(ws, name),
        Step::RenameDepartment { d, name } => edit::rename_department(ws, d % d_count, name)
            .ok()
            .flatten(),
        Step::DeleteDepartment(d) => edit::delete_department(ws, d % d_count),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn undo_restores_the_exact_start_and_redo_the_exact_end(steps in proptest::collection::vec(step(), 1..40)) {
        let original = start();
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
        prop_assert_eq!(history.is_dirty(), applied > 0);
        for _ in 0..applied {
            prop_assert!(history.undo(&mut ws).is_some());
        }
        prop_assert!(history.undo(&mut ws).is_none());
        prop_assert_eq!(&ws, &original);
        prop_assert!(!history.is_dirty());
        for _ in 0..applied {
            prop_assert!(history.redo(&mut ws).is_some());
        }
        prop_assert_eq!(&ws, &end);
    }

    #[test]
    fn every_edit_keeps_the_workspace_valid(steps in proptest::collection::vec(step(), 1..30)) {
        let mut ws = start();
        for s in &steps {
            if let Some(c) = change(&ws, s) {
                c.edit.apply(&mut ws).expect("applies");
            }
        }
        // What the board produces must always save and load back as the same workspace.
        let text = whoowns::workspace::to_toml(&ws);
        let parsed = whoowns::workspace::parse(&text).map_err(|d| format!("{d:?}\n{text}"));
        prop_assert_eq!(parsed.map(|p| p.workspace), Ok(ws));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The session updates its findings incrementally after moves; they must always equal a
    /// full analysis of the workspace, after edits, undos and redos alike.
    #[test]
    fn incremental_findings_equal_a_full_analysis(steps in proptest::collection::vec((step(), 0..3u8), 1..30)) {
        let loaded = load_file(std::path::Path::new("tests/fixtures/board.toml")).expect("fixture");
        let mut session = whoowns::session::Session::new(loaded);
        for (s, after) in &steps {
            if let Some(c) = change(session.workspace(), s) {
                session.apply(c).expect("applies");
            }
            match after {
                1 => { session.undo(); }
                2 => { session.undo(); session.redo(); }
                _ => {}
            }
            // The same day as the session's (review-due reads it).
            let today = session.analysis().today();
            prop_assert_eq!(session.analysis(), &whoowns::analysis::analyze_on(session.workspace(), today));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// The board moves only the changed card after a drop; its columns must always equal a
    /// full rebuild, whatever the lens, after edits, undos and redos alike.
    #[test]
    fn incremental_columns_equal_a_full_rebuild(steps in proptest::collection::vec((step(), 0..3u8), 1..25), lens in 0..4usize) {
        let loaded = load_file(std::path::Path::new("tests/fixtures/board.toml")).expect("fixture");
        let mut app = whoowns::tui::app::App::new(whoowns::session::Session::new(loaded));
        app.lens = Role::ALL[lens];
        app.rebuild();
        for (s, after) in &steps {
            if let Some(c) = change(app.workspace(), s) {
                app.session.apply(c).expect("applies");
                app.refresh();
            }
            match after {
                1 => { app.session.undo(); app.refresh(); }
                2 => { app.session.undo(); app.refresh(); app.session.redo(); app.refresh(); }
                _ => {}
            }
            prop_assert_eq!(&app.columns, &whoowns::tui::app::build_columns(app.workspace(), app.lens));
        }
    }
}
