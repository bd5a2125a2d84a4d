//! The real board in a pseudo-terminal, ended the ways a workshop ends badly: SIGTERM, SIGHUP,
//! kill -9, a suspend; then reopened to recover. Each test has its own data and state
//! directories (XDG_DATA_HOME, XDG_STATE_HOME), so nothing touches the user's.
#![cfg(unix)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const FIXTURE: &str = "tests/fixtures/board.toml";
const TIMEOUT: Duration = Duration::from_secs(20);

struct Pty {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    tty: Option<PathBuf>,
}

impl Pty {
    fn start(file: &Path, home: &Path) -> Pty {
        Pty::spawn(&[file.as_os_str()], home)
    }

    fn spawn(args: &[&std::ffi::OsStr], home: &Path) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_whoowns"));
        command.args(args);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        command.env("TERM", "xterm-256color");
        command.env("HOME", home);
        command.env("XDG_DATA_HOME", home.join("data"));
        command.env("XDG_STATE_HOME", home.join("state"));
        command.env("XDG_CONFIG_HOME", home.join("config"));
        let child = pair.slave.spawn_command(command).expect("spawn");
        drop(pair.slave);
        let tty = pair.master.tty_name();
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(40).expect("rows"),
            std::num::NonZeroU16::new(120).expect("cols"),
            0,
        )));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().expect("lock").process(&buf[..n]);
            }
        });
        Pty {
            screen,
            writer,
            child,
            tty,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().expect("lock").screen().contents()
    }

    fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if ready(self.screen.lock().expect("lock").screen()) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn wait_for(&self, needle: &str) {
        self.wait_until(needle, |s| s.contents().contains(needle));
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(60));
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("pid");
        let status = Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    fn exit_code(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.exit_code();
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "the app did not exit; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// The terminal's line settings as `stty -a` shows them (None without `stty`).
    fn stty(&self) -> Option<String> {
        let tty = self.tty.as_ref()?;
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
    fn assert_terminal_restored(&self) {
        self.wait_until("the main screen", |s| !s.alternate_screen());
        let screen = self.screen.lock().expect("lock");
        assert_eq!(
            screen.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
        drop(screen);
        match self.stty() {
            Some(modes) => {
                let flags: Vec<&str> = modes.split_whitespace().collect();
                for flag in ["icanon", "echo", "isig"] {
                    assert!(flags.contains(&flag), "raw mode left on ({flag}): {modes}");
                }
            }
            None => println!("skipped the raw-mode check: `stty -F` cannot read this pty"),
        }
    }
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("board.toml");
    std::fs::copy(FIXTURE, &path).expect("copy");
    (dir, path)
}

fn journals(home: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(home.join("state/whoowns/journal"))
        // Journals only: a write in progress is a `.tmp` file beside them.
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default()
}

/// Opens the board and moves the hot potato to Marketing (an unsaved edit).
fn board_with_an_edit(path: &Path, home: &Path) -> Pty {
    let mut app = Pty::start(path, home);
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
    app.assert_terminal_restored();
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
    let start = Instant::now();
    while journals(home.path()).is_empty() {
        assert!(
            start.elapsed() < TIMEOUT,
            "no journal written after the edit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    app.signal("KILL");
    app.exit_code();
    let mut again = Pty::start(&path, home.path());
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
    let mut again = Pty::start(&path, home.path());
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
    let start = Instant::now();
    while journals(home.path()).is_empty() {
        assert!(
            start.elapsed() < TIMEOUT,
            "no journal written after the edit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    app.send("q");
    app.wait_for("discard");
    app.send("d");
    assert_eq!(app.exit_code(), 0);
    assert!(journals(home.path()).is_empty());
}

#[test]
fn a_second_board_on_the_same_file_warns_and_a_killed_one_leaves_no_lock() {
    let (home, path) = setup();
    let mut first = Pty::start(&path, home.path());
    first.wait_for("Unowned");
    let mut second = Pty::start(&path, home.path());
    second.wait_for("Another whoowns board has this file open");
    second.send("q");
    assert_eq!(second.exit_code(), 0);
    first.signal("KILL");
    first.exit_code();
    let mut third = Pty::start(&path, home.path());
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
    app.assert_terminal_restored();
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
    let mut app = Pty::spawn(&args, home.path());
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
        let mut second = Pty::start(&path, home.path());
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
