//! The shell (`whoowns shell`) run as a script on a copy of the sample workspace, with its own
//! state, data and config directories so no person's journals, backups or history are touched.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;

/// A temporary directory holding `ws.toml` (the sample, or a given text) and the directories
/// the shell keeps its files in.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    /// The bundled sample as `ws.toml`.
    pub fn sample() -> Scratch {
        Scratch::with(whoowns::SAMPLE_WORKSPACE)
    }

    /// `text` as `ws.toml`.
    pub fn with(text: &str) -> Scratch {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("ws.toml"), text).expect("write");
        Scratch { dir }
    }

    /// The workspace file.
    pub fn file(&self) -> PathBuf {
        self.dir.path().join("ws.toml")
    }

    /// The workspace file's text now.
    pub fn text(&self) -> String {
        std::fs::read_to_string(self.file()).expect("read")
    }

    /// The environment every run gets: its own home, state, data and config directories.
    pub fn env(&self) -> Vec<(&'static str, PathBuf)> {
        let root = self.dir.path();
        vec![
            ("HOME", root.join("home")),
            ("XDG_STATE_HOME", root.join("state")),
            ("XDG_DATA_HOME", root.join("data")),
            ("XDG_CONFIG_HOME", root.join("config")),
        ]
    }

    /// `whoowns shell ws.toml EXTRA...` with `script` on standard input.
    pub fn run(&self, extra: &[&str], script: &str) -> Output {
        let mut command = cargo_bin_cmd!("whoowns");
        command
            .arg("shell")
            .arg("ws.toml")
            .args(extra)
            .current_dir(self.dir.path())
            .env_remove("TERM")
            .write_stdin(script);
        for (key, value) in self.env() {
            command.env(key, value);
        }
        command.output().expect("runs")
    }

    /// `whoowns shell ws.toml` running, its standard input and output piped (to talk to it
    /// line by line), its standard error to `stderr`.
    pub fn spawn(&self, stderr: std::process::Stdio) -> std::process::Child {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_whoowns"));
        command
            .args(["shell", "ws.toml"])
            .current_dir(self.dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(stderr);
        for (key, value) in self.env() {
            command.env(key, value);
        }
        command.spawn().expect("spawns")
    }

    /// The crash journals left in the state directory.
    pub fn journals(&self) -> Vec<PathBuf> {
        journals(self.dir.path())
    }
}

/// The crash journals under `home` (whose `state/` is `XDG_STATE_HOME`); a write in progress is
/// a `.tmp` file beside them, not counted.
pub fn journals(home: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(home.join("state/whoowns/journal"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default()
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8")
}

/// Asserts no byte of `bytes` is ESC (0x1B), the start of every escape sequence.
pub fn assert_no_escape(bytes: &[u8], what: &str) {
    if let Some(at) = bytes.iter().position(|&b| b == 0x1b) {
        let from = at.saturating_sub(40);
        panic!(
            "{what} holds ESC at byte {at}: {:?}",
            String::from_utf8_lossy(&bytes[from..(at + 40).min(bytes.len())])
        );
    }
}

/// The path of a fixture under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
