//! Saving a large workspace from the board: the frame says "Saving…" before the save runs
//! (the event loop runs it right after drawing), and the save, a save before quitting and an
//! overwrite of a file changed on disk all still happen in full.

mod common;

use std::path::PathBuf;

use common::{ctrl, draw, key, text};
use ratatui::crossterm::event::KeyCode;
use whoowns::edit::{DropMode, move_role};
use whoowns::session::Session;
use whoowns::tui::app::{App, Effect, Mode, Question, SaveKind};
use whoowns::tui::{map_event, run_effects};
use whoowns::workspace::{Role, to_toml};

/// A board on a generated workspace of 20 departments x 1,000 responsibilities (about 370 KB),
/// with one move not yet saved.
fn large_board() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.toml");
    std::fs::write(&path, to_toml(&whoowns::generate::workspace(20, 1_000, 5))).expect("write");
    let mut app = App::new(Session::open(&path).expect("valid"));
    let ws = app.workspace();
    let from = ws.responsibilities[0].accountable.first().cloned();
    let to = ws
        .departments
        .iter()
        .find(|d| Some(&d.id) != from.as_ref())
        .expect("another department")
        .id
        .clone();
    let change = move_role(
        ws,
        0,
        Role::Accountable,
        from.as_deref(),
        Some(&to),
        DropMode::Move,
    )
    .expect("moves");
    app.session.apply(change).expect("applies");
    app.refresh();
    (dir, path, app)
}

/// Keys through the real mapping and update, each followed by a frame, leaving what they ask
/// for (a save) to run as the event loop would, after that frame.
fn press(app: &mut App, events: &[ratatui::crossterm::event::Event]) {
    for event in events {
        if let Some(action) = map_event(app, event) {
            app.update(action);
        }
        draw(app, 120, 40);
    }
}

fn screen(app: &mut App) -> String {
    text(draw(app, 120, 40).backend().buffer())
}

#[test]
fn a_large_save_shows_saving_first_then_saves() {
    let (_dir, path, mut app) = large_board();
    let before = std::fs::read_to_string(&path).expect("read");
    press(&mut app, &[ctrl('s')]);
    assert_eq!(app.effects, [Effect::Save(SaveKind::Save)]);
    assert!(screen(&mut app).contains("Saving…"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
    assert!(run_effects(&mut app, None));
    assert!(app.effects.is_empty(), "a save runs once");
    assert!(!app.session.is_dirty());
    let saved = std::fs::read_to_string(&path).expect("read");
    assert_ne!(saved, before);
    assert_eq!(
        whoowns::workspace::parse(&saved)
            .expect("valid")
            .workspace
            .responsibilities[0],
        app.workspace().responsibilities[0]
    );
    assert!(screen(&mut app).contains("Saved"));
}

#[test]
fn saving_before_quitting_a_large_file_quits_once_saved() {
    let (_dir, _path, mut app) = large_board();
    press(
        &mut app,
        &[key(KeyCode::Char('q')), key(KeyCode::Char('s'))],
    );
    assert_eq!(app.effects, [Effect::Save(SaveKind::ThenQuit)]);
    assert!(!app.should_quit);
    assert!(screen(&mut app).contains("Saving…"));
    assert!(run_effects(&mut app, None));
    assert!(!app.session.is_dirty());
    assert!(app.should_quit);
}

#[test]
fn a_large_file_changed_on_disk_is_asked_about_then_overwritten() {
    let (_dir, path, mut app) = large_board();
    let theirs = std::fs::read_to_string(&path).expect("read") + "\n# someone else was here\n";
    std::fs::write(&path, &theirs).expect("write");
    press(&mut app, &[ctrl('s')]);
    assert!(run_effects(&mut app, None));
    assert!(matches!(app.mode, Mode::Ask(Question::ChangedOnDisk)));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
    press(&mut app, &[key(KeyCode::Char('o'))]);
    assert_eq!(app.effects, [Effect::Save(SaveKind::Overwrite)]);
    assert!(screen(&mut app).contains("Saving…"));
    assert!(run_effects(&mut app, None));
    assert!(!app.session.is_dirty());
    assert_ne!(std::fs::read_to_string(&path).expect("read"), theirs);
}

#[test]
fn update_only_asks_for_saves_exports_and_reloads_the_loop_runs_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("board.toml");
    std::fs::copy("tests/fixtures/board.toml", &path).expect("copy");
    let before = std::fs::read_to_string(&path).expect("read");
    let mut app = App::new(Session::open(&path).expect("loads"));
    // A move, then Ctrl+S: nothing is written until the effect runs.
    press(
        &mut app,
        &[
            key(KeyCode::Char('m')),
            key(KeyCode::Right),
            key(KeyCode::Enter),
            ctrl('s'),
        ],
    );
    assert_eq!(app.effects, [Effect::Save(SaveKind::Save)]);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
    assert!(run_effects(&mut app, None));
    assert_ne!(std::fs::read_to_string(&path).expect("read"), before);
    assert!(!app.session.is_dirty());
    // Export: the question, then the charter is written only by the effect.
    let charter = app.session.charter_path();
    press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('y'))],
    );
    assert!(matches!(app.effects.as_slice(), [Effect::Export { .. }]));
    assert!(!charter.exists());
    assert!(run_effects(&mut app, None));
    assert!(charter.exists());
    // Reload after a change on disk: asked for, then done by the effect.
    press(
        &mut app,
        &[
            key(KeyCode::Char('m')),
            key(KeyCode::Right),
            key(KeyCode::Enter),
        ],
    );
    std::fs::write(&path, &before).expect("someone else writes");
    press(&mut app, &[ctrl('s')]);
    assert!(run_effects(&mut app, None));
    assert!(matches!(app.mode, Mode::Ask(Question::ChangedOnDisk)));
    press(&mut app, &[key(KeyCode::Char('r'))]);
    assert_eq!(app.effects, [Effect::Reload]);
    assert!(app.session.is_dirty(), "nothing reloaded yet");
    assert!(run_effects(&mut app, None));
    assert!(!app.session.is_dirty());
    assert_eq!(
        app.workspace(),
        Session::open(&path).expect("loads").workspace()
    );
}
