//! The real binary in a pseudo-terminal: real key and SGR mouse escape sequences in, the screen
//! read back through a terminal emulator, and the file on disk checked afterwards.

mod common;

use std::path::{Path, PathBuf};

use common::pty::Pty;

const FIXTURE: &str = "tests/fixtures/board.toml";

fn copy_fixture(dir: &Path) -> PathBuf {
    let path = dir.join("board.toml");
    std::fs::copy(FIXTURE, &path).expect("copy");
    path
}

fn accountable(path: &Path, id: &str) -> Vec<String> {
    let session = whoowns::session::Session::open(path).expect("saved file is valid");
    session
        .workspace()
        .responsibility(id)
        .expect("exists")
        .accountable
        .clone()
}

#[test]
fn mouse_drag_from_unowned_to_a_department_then_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture(dir.path());
    let mut app = Pty::start(&[path.to_str().expect("utf-8")], &[]);
    let (x, y) = app.locate("Crisis response ┃");
    // The department names sit under the columns' top borders, the counts on them.
    let (lx, ly) = app.locate("Legal  ");
    app.send(&format!("\x1b[<0;{x};{y}M"));
    app.send(&format!("\x1b[<32;{};{}M", x + 8, y + 2));
    app.send(&format!("\x1b[<32;{};{}M", lx + 3, ly + 8));
    app.wait_for("drop here");
    app.wait_for("move → Legal");
    app.send(&format!("\x1b[<0;{};{}m", lx + 3, ly + 8));
    app.wait_for("Done: give Accountable");
    app.wait_for("modified");
    app.send("\x13"); // Ctrl+S
    app.wait_for("Saved");
    app.send("q");
    assert_eq!(app.exit_code(), 0);
    assert_eq!(accountable(&path, "crisis-response"), ["legal"]);
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(
        saved.contains("accountable = [\"legal\"]   # nobody wants it"),
        "comments survive:\n{saved}"
    );
}

#[test]
fn keyboard_move_then_undo_then_quit_without_prompt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture(dir.path());
    let before = std::fs::read_to_string(&path).expect("read");
    let mut app = Pty::start(&[path.to_str().expect("utf-8")], &[]);
    app.wait_for("Unowned");
    // Pick up the hot potato, carry it two columns right (to IT), drop.
    app.send("m");
    app.send("\x1b[C");
    app.send("\x1b[C");
    app.wait_for("drop here");
    app.send("\r");
    app.wait_for("Done: give Accountable");
    app.send("u");
    app.wait_for("Undid: give Accountable");
    app.wait_for("Unowned");
    app.send("q");
    assert_eq!(
        app.exit_code(),
        0,
        "nothing unsaved after undo, so q quits at once"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
}

#[test]
fn keyboard_move_and_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture(dir.path());
    let mut app = Pty::start(&[path.to_str().expect("utf-8")], &[]);
    app.wait_for("Unowned");
    app.send(" ");
    app.send("\x1b[C");
    app.send("\r");
    app.wait_for("Done: give Accountable");
    app.send("\x13");
    app.wait_for("Saved");
    app.send("q");
    assert_eq!(app.exit_code(), 0);
    assert_eq!(accountable(&path, "crisis-response"), ["marketing"]);
}

#[test]
fn quit_with_unsaved_changes_asks_and_discard_keeps_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture(dir.path());
    let before = std::fs::read_to_string(&path).expect("read");
    let mut app = Pty::start(&[path.to_str().expect("utf-8")], &[]);
    app.wait_for("Unowned");
    app.send("m\x1b[C\r");
    app.wait_for("modified");
    app.send("q");
    app.wait_for("Save your changes before quitting?");
    app.send("\x1b");
    app.wait_for("Cancelled");
    app.send("\x03"); // Ctrl+C behaves like q
    app.wait_for("Save your changes before quitting?");
    app.send("d");
    assert_eq!(app.exit_code(), 0);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
}

#[test]
fn quit_with_unsaved_changes_can_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture(dir.path());
    let mut app = Pty::start(&[path.to_str().expect("utf-8")], &[]);
    app.wait_for("Unowned");
    app.send("m\x1b[C\r");
    app.wait_for("modified");
    app.send("q");
    app.wait_for("Save your changes before quitting?");
    app.send("s");
    assert_eq!(app.exit_code(), 0);
    assert_eq!(accountable(&path, "crisis-response"), ["marketing"]);
}

#[test]
fn default_workspace_is_created_from_the_sample() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut app = Pty::start(
        &[],
        &[("XDG_DATA_HOME", data.path()), ("HOME", data.path())],
    );
    let screen = app.wait_for("workspace.toml");
    assert!(screen.contains("Unowned"), "{screen}");
    app.send("q");
    assert_eq!(app.exit_code(), 0);
    let created = data.path().join("whoowns").join("workspace.toml");
    assert_eq!(
        std::fs::read_to_string(created).expect("created"),
        whoowns::SAMPLE_WORKSPACE
    );
}

#[test]
fn broken_file_never_opens_and_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, "whoowns = 1\n[workspace]\nnmae = \"x\"\n").expect("write");
    let mut app = Pty::start(&[path.to_str().expect("utf-8")], &[]);
    assert_eq!(app.exit_code(), 2);
    let screen = app.wait_for("unknown key `nmae`");
    assert!(screen.contains("broken.toml:3:1"), "{screen}");
}
