//! The real binary in a pseudo-terminal: real key and SGR mouse escape sequences in, the screen
//! read back through a terminal emulator (vt100).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// How long to wait for the screen to show something.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// A running board in a pseudo-terminal of 120x40.
pub struct Pty {
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote to the terminal, for checks on the escape sequences themselves.
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The pseudo-terminal's device path, where the system tells it (for `stty -F`).
    pub tty: Option<PathBuf>,
    /// The config directory the board sees unless a test gives one: the person's own settings
    /// (recent workspaces, key overrides) are neither read nor written by the tests.
    _config: tempfile::TempDir,
}

impl Pty {
    pub fn start(args: &[&str], env: &[(&str, &Path)]) -> Pty {
        Pty::start_in(&std::env::current_dir().expect("cwd"), args, env)
    }

    /// Like [`Pty::start`], in directory `dir`.
    pub fn start_in(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Pty {
        Pty::spawn(env!("CARGO_BIN_EXE_whoowns"), dir, args, env)
    }

    /// Any program (such as `ssh`) in a pseudo-terminal of 120x40, in directory `dir`.
    pub fn spawn(program: &str, dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.cwd(dir);
        let config = tempfile::tempdir().expect("config dir");
        command.env("XDG_CONFIG_HOME", config.path());
        for (key, value) in env {
            command.env(key, value);
        }
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
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_feed = Arc::clone(&raw);
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().expect("lock").process(&buf[..n]);
                raw_feed.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            screen,
            raw,
            writer,
            child,
            tty,
            _config: config,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().expect("lock").screen().contents()
    }

    /// Waits until `ready` holds for the screen (such as "the alternate screen is left").
    pub fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
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

    /// Sends the signal `name` (`TERM`, `KILL`, ...) to the program.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("pid");
        let status = Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    pub fn wait_for(&self, needle: &str) -> String {
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
    pub fn locate(&self, needle: &str) -> (u16, u16) {
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

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn exit_code(&mut self) -> u32 {
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
