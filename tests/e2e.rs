//! The real binary in a pseudo-terminal: real key and SGR mouse escape sequences in, the screen
//! read back through a terminal emulator, and the file on disk checked afterwards.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const FIXTURE: &str = "tests/fixtures/board.toml";
const TIMEOUT: Duration = Duration::from_secs(20);

struct Pty {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Pty {
    fn start(args: &[&str], env: &[(&str, &Path)]) -> Pty {
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
        command.env("TERM", "xterm-256color");
        command.cwd(std::env::current_dir().expect("cwd"));
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn");
        drop(pair.slave);
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
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().expect("lock").screen().contents()
    }

    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let contents = self.contents();
            if contents.contains(needle) {
                return contents;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {needle:?}; screen:\n{contents}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Where `needle` is on screen, as 1-based (column, row) for SGR mouse sequences.
    fn locate(&self, needle: &str) -> (u16, u16) {
        let contents = self.wait_for(needle);
        contents
            .lines()
            .enumerate()
            .find_map(|(row, line)| {
                line.find(needle)
                    .map(|byte| (line[..byte].chars().count() as u16 + 1, row as u16 + 1))
            })
            .expect("on screen")
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(60));
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
}

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
    let (lx, ly) = app.locate("Legal (0)");
    app.send(&format!("\x1b[<0;{x};{y}M"));
    app.send(&format!("\x1b[<32;{};{}M", x + 8, y + 2));
    app.send(&format!("\x1b[<32;{};{}M", lx + 3, ly + 8));
    app.wait_for("drop here");
    app.wait_for("move → Legal");
    app.send(&format!("\x1b[<0;{};{}m", lx + 3, ly + 8));
    app.wait_for("Legal (1)");
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
    app.wait_for("Unowned (1)");
    // Pick up the hot potato, carry it two columns right (to IT), drop.
    app.send("m");
    app.send("\x1b[C");
    app.send("\x1b[C");
    app.wait_for("drop here");
    app.send("\r");
    app.wait_for("IT (3)");
    app.send("u");
    app.wait_for("Undid: give Accountable");
    app.wait_for("Unowned (1)");
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
    app.wait_for("Unowned (1)");
    app.send(" ");
    app.send("\x1b[C");
    app.send("\r");
    app.wait_for("Marketing (3)");
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
    app.wait_for("Unowned (1)");
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
    app.wait_for("Unowned (1)");
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
