//! The board speaks the workspace's role model: lenses in the model's order, its labels in the
//! status line and the detail, its letters in the matrix, its roles in the help, the load
//! view's "answers for" / "does", and the agenda's fix for an `undecided`.

use std::path::Path;

use whoowns::session::Session;
use whoowns::tui::action::Action;
use whoowns::tui::app::{App, ListKind, Mode, View};

mod common;
use common::{draw, text};

const DDA: &str = "tests/fixtures/models/does-decides-answers.toml";

fn app() -> App {
    App::new(Session::open(Path::new(DDA)).expect("fixture loads"))
}

fn screen(app: &mut App) -> String {
    text(draw(app, 120, 40).backend().buffer())
}

#[test]
fn lenses_are_the_models_roles_in_its_order() {
    let mut app = app();
    let mut seen = Vec::new();
    for _ in 0..5 {
        let shown = screen(&mut app);
        let label = app.workspace().model.label(app.lens).to_owned();
        assert!(shown.contains(&format!("Lens: {label}")), "{shown}");
        seen.push(label);
        app.update(Action::NextLens);
    }
    assert_eq!(
        seen,
        ["Does", "Decides", "Answers", "Consulted", "Informed"]
    );
    assert_eq!(
        app.workspace().model.label(app.lens),
        "Does",
        "wraps around"
    );
    app.update(Action::PreviousLens);
    assert_eq!(app.workspace().model.label(app.lens), "Informed");
}

#[test]
fn matrix_detail_help_and_load_view_use_the_model() {
    let mut app = app();
    let board = screen(&mut app);
    assert!(
        board.contains("Decides:"),
        "the detail lists the roles: {board}"
    );
    assert!(board.contains("Answers: Legal"), "{board}");
    app.update(Action::ToggleView);
    assert_eq!(app.view, View::Matrix);
    let matrix = screen(&mut app);
    // Crisis replies: Legal decides and is informed, PR answers and is informed, Care does.
    assert!(matrix.contains("DI"), "{matrix}");
    assert!(matrix.contains("AI"), "{matrix}");
    app.update(Action::ToggleView);
    app.update(Action::ToggleHelp);
    let help = screen(&mut app);
    assert!(help.contains("Role model does-decides-answers"), "{help}");
    assert!(help.contains("next lens: Does, Decides, Answers"), "{help}");
    app.update(Action::ToggleHelp);
    app.update(Action::ToggleLoadView);
    let load = screen(&mut app);
    assert!(load.contains("Answers for"), "{load}");
}

#[test]
fn the_agenda_fixes_an_undecided_by_asking_who_decides() {
    let mut app = app();
    // Walk the agenda (n) to the `undecided` finding, then Enter opens its fix.
    let rule = |app: &App| app.session.analysis().findings[app.finding].rule;
    for _ in 0..10 {
        app.update(Action::NextFinding);
        if rule(&app) == whoowns::analysis::RuleId::Undecided {
            break;
        }
    }
    assert_eq!(rule(&app), whoowns::analysis::RuleId::Undecided);
    app.update(Action::Activate);
    let decides = app.workspace().model.by_key("decides").expect("a role");
    match &app.mode {
        Mode::List(list) => assert!(
            matches!(list.kind, ListKind::GiveRole { role, .. } if role == decides),
            "{:?}",
            list.kind
        ),
        other => panic!("expected the list of departments, found {other:?}"),
    }
    let shown = screen(&mut app);
    assert!(
        shown.contains("Who decides \"Press statements\"?"),
        "{shown}"
    );
}
