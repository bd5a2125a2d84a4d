//! The board's edits and files in ratatui's TestBackend, driven as a person would: adding,
//! renaming, deleting, quitting with unsaved changes, saving over a file changed on disk,
//! exporting, and hostile names.

use std::path::Path;

use ratatui::crossterm::event::KeyCode;
use whoowns::session::Session;
use whoowns::tui::app::{App, Mode, View};

mod common;
use common::{ctrl, draw, feed, key, text};

const FIXTURE: &str = "tests/fixtures/board.toml";

fn app() -> App {
    App::new(Session::open(Path::new(FIXTURE)).expect("fixture loads"))
}

fn app_in_tempdir() -> (tempfile::TempDir, App) {
    common::board::open_copy(FIXTURE, "board.toml")
}

/// A board with one unsaved move (a card carried one column right), whose file someone else
/// then changed on disk by appending `theirs`: the board, its file and the file's new text.
fn moved_then_changed_on_disk(
    theirs: &str,
) -> (tempfile::TempDir, App, std::path::PathBuf, String) {
    let (dir, mut app) = app_in_tempdir();
    feed(
        &mut app,
        &[
            key(KeyCode::Char('m')),
            key(KeyCode::Right),
            key(KeyCode::Enter),
        ],
    );
    let path = app.session.path().to_path_buf();
    let text = std::fs::read_to_string(&path).expect("read") + theirs;
    std::fs::write(&path, &text).expect("write");
    (dir, app, path, text)
}

#[test]
fn delete_department_asks_and_undo_restores_everything() {
    let mut app = app();
    let original = app.workspace().clone();
    // Select the IT column (Unowned, Marketing, IT).
    feed(
        &mut app,
        &[
            key(KeyCode::Right),
            key(KeyCode::Right),
            key(KeyCode::Char('X')),
        ],
    );
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    assert!(screen.contains("Delete department"), "{screen}");
    feed(&mut app, &[key(KeyCode::Char('y'))]);
    assert!(app.workspace().department("it").is_none());
    assert!(
        app.workspace()
            .responsibilities
            .iter()
            .all(|r| !r.involves("it") && !r.funding.contains_key("it"))
    );
    feed(&mut app, &[key(KeyCode::Char('u'))]);
    assert_eq!(app.workspace(), &original);
}

#[test]
fn add_rename_and_edit_fields_in_place() {
    let mut app = app();
    feed(&mut app, &[key(KeyCode::Char('a'))]);
    for c in "Influencer relations".chars() {
        feed(&mut app, &[key(KeyCode::Char(c))]);
    }
    feed(&mut app, &[key(KeyCode::Enter)]);
    let added = app
        .workspace()
        .responsibility("influencer-relations")
        .expect("added");
    assert!(
        added.accountable.is_empty(),
        "a new responsibility starts unowned"
    );
    // Edit its tie-breaker from the detail panel: i, down to the field, Enter, type, Enter.
    feed(&mut app, &[key(KeyCode::Char('i'))]);
    for _ in 0..3 {
        feed(&mut app, &[key(KeyCode::Down)]);
    }
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.mode, Mode::Prompt(_)));
    for c in "CMO decides".chars() {
        feed(&mut app, &[key(KeyCode::Char(c))]);
    }
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        app.workspace()
            .responsibility("influencer-relations")
            .expect("x")
            .tie_breaker
            .as_deref(),
        Some("CMO decides")
    );
    // An invalid budget is refused with a message and nothing changes.
    feed(
        &mut app,
        &[
            key(KeyCode::Down),
            key(KeyCode::Enter),
            key(KeyCode::Char('-')),
            key(KeyCode::Char('5')),
            key(KeyCode::Enter),
        ],
    );
    assert!(matches!(&app.mode, Mode::Prompt(p) if p.error.is_some()));
    feed(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(
        app.workspace()
            .responsibility("influencer-relations")
            .expect("x")
            .budget,
        None
    );
}

#[test]
fn quit_with_unsaved_changes_asks_first() {
    let (_dir, mut app) = app_in_tempdir();
    feed(
        &mut app,
        &[
            key(KeyCode::Char('m')),
            key(KeyCode::Right),
            key(KeyCode::Enter),
            key(KeyCode::Char('q')),
        ],
    );
    assert!(!app.should_quit);
    assert!(matches!(app.mode, Mode::Ask(_)));
    feed(&mut app, &[key(KeyCode::Esc)]);
    assert!(!app.should_quit);
    feed(
        &mut app,
        &[key(KeyCode::Char('q')), key(KeyCode::Char('s'))],
    );
    assert!(app.should_quit);
    let saved = Session::open(app.session.path()).expect("saved file loads");
    assert_eq!(saved.workspace(), app.workspace());
}

#[test]
fn save_refuses_to_overwrite_a_file_changed_on_disk() {
    let (_dir, mut app, path, theirs) = moved_then_changed_on_disk("\n# someone else was here\n");
    feed(&mut app, &[ctrl('s')]);
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    assert!(screen.contains("changed by someone else"), "{screen}");
    feed(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
    feed(&mut app, &[ctrl('s'), key(KeyCode::Char('r'))]);
    assert!(!app.session.is_dirty());
    assert_eq!(
        app.workspace()
            .responsibility("crisis-response")
            .expect("x")
            .accountable,
        Vec::<String>::new()
    );
}

#[test]
fn export_shows_the_path_and_asks_before_overwriting() {
    let (dir, mut app) = app_in_tempdir();
    feed(&mut app, &[key(KeyCode::Char('e'))]);
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    assert!(screen.contains("board.charter.md"), "{screen}");
    feed(&mut app, &[key(KeyCode::Enter)]);
    let charter = dir.path().join("board.charter.md");
    let first = std::fs::read_to_string(&charter).expect("exported");
    assert!(first.contains("Crisis response"));
    feed(&mut app, &[key(KeyCode::Char('e'))]);
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    assert!(screen.contains("Overwrite"), "{screen}");
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        matches!(app.mode, Mode::Ask(_)),
        "Enter alone does not overwrite"
    );
    feed(&mut app, &[key(KeyCode::Char('y'))]);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|(s, _)| s.contains("Exported"))
    );
}

#[test]
fn hostile_names_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("evil.toml");
    let text_with_escapes = std::fs::read_to_string(FIXTURE)
        .expect("read")
        .replace("name = \"Crisis response\"", "name = \"Crisis\\u001b[2J\\u001b]0;pwned\\u0007 response\\u202e 广报广报广报广报广报广报\"")
        .replace("name = \"Legal\"", "name = \"Le\\u009bgal\\r\\nX\"");
    std::fs::write(&path, text_with_escapes).expect("write");
    let mut app = App::new(Session::open(&path).expect("loads"));
    for view in [View::Board, View::Matrix] {
        app.view = view;
        let terminal = draw(&mut app, 120, 40);
        let buffer = terminal.backend().buffer();
        for cell in buffer.content() {
            assert!(
                !cell.symbol().chars().any(whoowns::text::is_unsafe_char),
                "raw control char {:?}",
                cell.symbol()
            );
        }
        assert!(text(buffer).contains("Crisis␛[2J"));
    }
}

#[test]
fn ctrl_c_cancels_prompts_and_questions() {
    let mut app = app();
    feed(
        &mut app,
        &[key(KeyCode::Char('a')), key(KeyCode::Char('z')), ctrl('c')],
    );
    assert_eq!(app.mode, Mode::Normal);
    feed(&mut app, &[key(KeyCode::Char('x')), ctrl('c')]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.workspace(), self::app().workspace());
}

#[test]
fn save_and_quit_over_a_changed_file_quits_after_overwrite() {
    let (_dir, mut app, path, _) = moved_then_changed_on_disk("# theirs\n");
    feed(
        &mut app,
        &[key(KeyCode::Char('q')), key(KeyCode::Char('s'))],
    );
    assert!(
        matches!(app.mode, Mode::Ask(_)) && !app.should_quit,
        "asks about the change on disk"
    );
    feed(&mut app, &[key(KeyCode::Char('o'))]);
    assert!(app.should_quit);
    assert_eq!(
        Session::open(&path).expect("valid").workspace(),
        app.workspace()
    );
}
