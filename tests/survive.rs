//! The real board in a pseudo-terminal, ended the ways a workshop ends badly: SIGTERM, SIGHUP,
//! kill -9, a suspend; then reopened to recover. Each test has its own data and state
//! directories (XDG_DATA_HOME, XDG_STATE_HOME), so nothing touches the user's.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const FIXTURE: &str = "tests/fixtures/board.toml";

mod common;

use common::pty::{Pty, TIMEOUT};
use common::shell::journals;

/// The board on `file` in a pseudo-terminal, with its own data, state and config under `home`.
fn board(file: &Path, home: &Path) -> Pty {
    spawn(&[file.as_os_str()], home)
}

/// The binary with `args`, with its own data, state and config directories under `home`.
fn spawn(args: &[&std::ffi::OsStr], home: &Path) -> Pty {
    let args: Vec<&str> = args.iter().map(|a| a.to_str().expect("utf-8")).collect();
    let (data, state, config) = (home.join("data"), home.join("state"), home.join("config"));
    let env = [
        ("HOME", home),
        ("XDG_DATA_HOME", data.as_path()),
        ("XDG_STATE_HOME", state.as_path()),
        ("XDG_CONFIG_HOME", config.as_path()),
    ];
    Pty::start_in(Path::new(env!("CARGO_MANIFEST_DIR")), &args, &env)
}

/// The terminal's line settings as `stty -a` shows them (None without `stty`).
fn stty(app: &Pty) -> Option<String> {
    let tty = app.tty.as_ref()?;
    let out = Command::new("stty")
        .arg("-F")
        .arg(tty)
        .arg("-a")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Alternate screen left, mouse reporting off, and (where `stty` can tell) the line
/// discipline back in cooked mode with echo.
fn assert_terminal_restored(app: &Pty) {
    app.wait_until("the main screen", |s| !s.alternate_screen());
    let screen = app.screen.lock().expect("lock");
    assert_eq!(
        screen.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting left on"
    );
    drop(screen);
    match stty(app) {
        Some(modes) => {
            let flags: Vec<&str> = modes.split_whitespace().collect();
            for flag in ["icanon", "echo", "isig"] {
                assert!(flags.contains(&flag), "raw mode left on ({flag}): {modes}");
            }
        }
        None => println!("skipped the raw-mode check: `stty -F` cannot read this pty"),
    }
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("board.toml");
    std::fs::copy(FIXTURE, &path).expect("copy");
    (dir, path)
}

/// Opens the board and moves the hot potato to Marketing (an unsaved edit).
/// Waits until a journal is written under `home` (within seconds of an edit, with no key pressed).
fn wait_for_journal(home: &Path) {
    let start = Instant::now();
    while journals(home).is_empty() {
        assert!(
            start.elapsed() < TIMEOUT,
            "no journal written after the edit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn board_with_an_edit(path: &Path, home: &Path) -> Pty {
    let mut app = board(path, home);
    app.wait_for("Unowned");
    app.send(" ");
    app.send("\x1b[C");
    app.send("\r");
    app.wait_for("nothing unowned");
    app
}

fn ends_by_signal_with_journal_and_terminal_restored(signal: &str, code: u32) {
    let (home, path) = setup();
    let before = std::fs::read_to_string(&path).expect("read");
    let mut app = board_with_an_edit(&path, home.path());
    app.wait_until("mouse reporting", |s| {
        s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
    });
    app.signal(signal);
    assert_eq!(app.exit_code(), code, "exit status 128 + SIG{signal}");
    assert_terminal_restored(&app);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        before,
        "nothing saved unasked"
    );
    let journals = journals(home.path());
    assert_eq!(journals.len(), 1, "{journals:?}");
    let journal: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&journals[0]).expect("read")).expect("json");
    let text = journal["text"].as_str().expect("text");
    let ws = whoowns::workspace::parse(text).expect("valid").workspace;
    assert_eq!(
        ws.responsibility("crisis-response")
            .expect("exists")
            .accountable,
        ["marketing"],
        "the edit is in the journal"
    );
    assert!(journal["file"]["content_hash"].is_string());
    assert!(journal["file"]["inode"].as_u64().is_some_and(|i| i > 0));
}

#[test]
fn sigterm_journals_the_edit_and_restores_the_terminal() {
    ends_by_signal_with_journal_and_terminal_restored("TERM", 143);
}

#[test]
fn sighup_journals_the_edit_and_restores_the_terminal() {
    ends_by_signal_with_journal_and_terminal_restored("HUP", 129);
}

#[test]
fn sigint_from_outside_journals_the_edit() {
    ends_by_signal_with_journal_and_terminal_restored("INT", 130);
}

#[test]
fn after_kill_9_the_next_open_offers_the_edits_back() {
    let (home, path) = setup();
    let mut app = board_with_an_edit(&path, home.path());
    // The journal follows within seconds, with no key pressed.
    wait_for_journal(home.path());
    app.signal("KILL");
    app.exit_code();
    let mut again = board(&path, home.path());
    again.wait_for("has unsaved changes");
    again.wait_for("\"Crisis response\": accountable  -> marketing");
    assert!(
        !again.contents().contains("warning"),
        "{}",
        again.contents()
    );
    again.send("r\r");
    again.wait_for("Restored 1 unsaved change");
    again.wait_for("nothing unowned");
    again.send("\x13");
    again.wait_for("Saved");
    again.send("q");
    assert_eq!(again.exit_code(), 0);
    let ws = whoowns::session::Session::open(&path).expect("valid");
    assert_eq!(
        ws.workspace()
            .responsibility("crisis-response")
            .expect("exists")
            .accountable,
        ["marketing"]
    );
    assert!(
        journals(home.path()).is_empty(),
        "the journal is removed once saved"
    );
}

#[test]
fn a_journal_for_a_file_changed_since_is_offered_with_a_warning_and_can_be_discarded() {
    let (home, path) = setup();
    let mut app = board_with_an_edit(&path, home.path());
    app.signal("TERM");
    app.exit_code();
    let changed = format!(
        "{}\n# edited by someone else\n",
        std::fs::read_to_string(&path).expect("read")
    );
    std::fs::write(&path, &changed).expect("write");
    let mut again = board(&path, home.path());
    again.wait_for("warning: the file changed on disk since");
    again.send("d\r");
    again.wait_for("Unowned");
    assert!(
        journals(home.path()).is_empty(),
        "discarding removes the journal"
    );
    again.send("q");
    assert_eq!(again.exit_code(), 0);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), changed);
}

#[test]
fn quitting_without_saving_removes_the_journal() {
    let (home, path) = setup();
    let mut app = board_with_an_edit(&path, home.path());
    wait_for_journal(home.path());
    app.send("q");
    app.wait_for("discard");
    app.send("d");
    assert_eq!(app.exit_code(), 0);
    assert!(journals(home.path()).is_empty());
}

#[test]
fn a_second_board_on_the_same_file_warns_and_a_killed_one_leaves_no_lock() {
    let (home, path) = setup();
    let mut first = board(&path, home.path());
    first.wait_for("Unowned");
    let mut second = board(&path, home.path());
    second.wait_for("Another whoowns board has this file open");
    second.send("q");
    assert_eq!(second.exit_code(), 0);
    first.signal("KILL");
    first.exit_code();
    let mut third = board(&path, home.path());
    third.wait_for("Unowned");
    assert!(!third.contents().contains("Another whoowns board"));
    third.send("q");
    assert_eq!(third.exit_code(), 0);
}

#[test]
fn a_suspend_gives_the_terminal_back_and_fg_redraws() {
    let (home, path) = setup();
    let mut app = board_with_an_edit(&path, home.path());
    app.signal("TSTP");
    assert_terminal_restored(&app);
    // Draw something over the screen, as the shell would, then continue.
    app.screen
        .lock()
        .expect("lock")
        .process(b"\x1b[2J\x1b[Hshell prompt$ ");
    app.signal("CONT");
    app.wait_until("the board drawn again", |s| {
        s.alternate_screen() && s.contents().contains("nothing unowned")
    });
    app.send("u");
    app.wait_for("Undid");
    app.send("q");
    assert_eq!(app.exit_code(), 0);
}

#[test]
fn export_to_dev_stdout_on_a_terminal_shows_the_charter() {
    let home = tempfile::tempdir().expect("tempdir");
    let args = ["export", "tests/fixtures/board.toml", "-o", "/dev/stdout"];
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    let mut app = spawn(&args, home.path());
    assert_eq!(app.exit_code(), 0, "{}", app.contents());
    app.wait_for("Responsible");
    assert!(
        !app.contents().contains("cannot write"),
        "{}",
        app.contents()
    );
}

#[test]
fn two_boards_saving_at_once_never_both_say_saved() {
    for round in 0..3 {
        let (home, path) = setup();
        let mut first = board_with_an_edit(&path, home.path());
        let mut second = board(&path, home.path());
        second.wait_for("Unowned");
        second.send(" ");
        second.send("\x1b[C");
        second.send("\x1b[C");
        second.send("\r");
        second.wait_for("nothing unowned");
        // Ctrl+S in both, as close together as the pty allows.
        first.writer.write_all(b"\x13").expect("write");
        second.writer.write_all(b"\x13").expect("write");
        first.writer.flush().expect("flush");
        second.writer.flush().expect("flush");
        let saved_or_asked = |app: &Pty| {
            app.wait_until("saved or asked", |s| {
                let c = s.contents();
                c.contains("Saved") || c.contains("changed by someone else")
            });
            app.contents().contains("Saved")
        };
        let saved = [saved_or_asked(&first), saved_or_asked(&second)];
        assert_eq!(
            saved.iter().filter(|s| **s).count(),
            1,
            "round {round}: exactly one board saves, the other asks"
        );
        let ws = whoowns::session::Session::open(&path).expect("valid");
        let accountable = &ws
            .workspace()
            .responsibility("crisis-response")
            .expect("exists")
            .accountable;
        let expected = if saved[0] { "marketing" } else { "it" };
        assert_eq!(
            accountable,
            &[expected],
            "round {round}: the saved edit is on disk"
        );
        for app in [&mut first, &mut second] {
            app.signal("KILL");
            app.exit_code();
        }
    }
}
