//! What the real binary writes from a private workspace stays private: the charter of `export
//! -o` (Markdown and CSV) and of the board's `e`, the backup a board save keeps and the crash
//! journal get the workspace's permission bits at most (a 0600 workspace gives 0600 files,
//! whatever the umask).

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;
use common::pty::Pty;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o7777
}

fn private_workspace(dir: &Path) -> PathBuf {
    let path = dir.join("w.toml");
    std::fs::write(&path, whoowns::SAMPLE_WORKSPACE).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    path
}

#[test]
fn export_of_a_private_workspace_is_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = private_workspace(dir.path());
    for (format, name) in [("markdown", "charter.md"), ("csv", "matrix.csv")] {
        let out = dir.path().join(name);
        Command::cargo_bin("whoowns")
            .expect("binary")
            .args(["export", "--format", format, "-o"])
            .arg(&out)
            .arg(&file)
            .assert()
            .success();
        assert_eq!(mode(&out), 0o600, "{name}");
    }
    // A world-readable charter left from before is made private too when replaced.
    let old = dir.path().join("old.md");
    std::fs::write(&old, "old").expect("write");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    Command::cargo_bin("whoowns")
        .expect("binary")
        .args(["export", "-o"])
        .arg(&old)
        .arg(&file)
        .assert()
        .success();
    assert_eq!(mode(&old), 0o600);
    // A workspace others may read gives a charter with the usual bits.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let shared = dir.path().join("shared.md");
    Command::cargo_bin("whoowns")
        .expect("binary")
        .args(["export", "-o"])
        .arg(&shared)
        .arg(&file)
        .assert()
        .success();
    assert_eq!(
        mode(&shared) & 0o044,
        0o044 & !umask(),
        "{:o}",
        mode(&shared)
    );
}

/// The process's umask, as a fresh file shows it.
fn umask() -> u32 {
    let probe = tempfile::tempdir().expect("tempdir");
    let path = probe.path().join("probe");
    std::fs::write(&path, "").expect("write");
    !mode(&path) & 0o666
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn the_board_charter_and_the_backup_of_a_private_workspace_are_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = private_workspace(dir.path());
    let home = dir.path().join("home");
    let (data, state) = (home.join("data"), home.join("state"));
    let mut pty = Pty::start(
        &[file.to_str().expect("utf-8")],
        &[
            ("HOME", &home),
            ("XDG_DATA_HOME", &data),
            ("XDG_STATE_HOME", &state),
        ],
    );
    pty.wait_for("Opened");
    pty.send("e");
    pty.send("\r");
    pty.wait_for("Exported the charter");
    pty.send("a");
    pty.wait_for("New responsibility: name");
    pty.send("Podcast\r");
    pty.send("\x13");
    pty.wait_for("Saved");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    let charter = dir.path().join("w.charter.md");
    assert_eq!(mode(&charter), 0o600);
    assert_eq!(mode(&file), 0o600, "the save keeps the workspace's mode");
    let backups: Vec<PathBuf> = files_under(&data.join("whoowns").join("backups"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert!(!backups.is_empty(), "a save keeps a backup");
    for backup in backups {
        assert_eq!(mode(&backup), 0o600, "{}", backup.display());
    }
}

#[test]
fn the_journal_of_a_private_workspace_is_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = private_workspace(dir.path());
    let home = dir.path().join("home");
    let (data, state) = (home.join("data"), home.join("state"));
    let mut pty = Pty::start(
        &[file.to_str().expect("utf-8")],
        &[
            ("HOME", &home),
            ("XDG_DATA_HOME", &data),
            ("XDG_STATE_HOME", &state),
        ],
    );
    pty.wait_for("Opened");
    pty.send("a");
    pty.wait_for("New responsibility: name");
    pty.send("Podcast\r");
    pty.wait_for("modified");
    // Ended from outside with the edit unsaved: the board journals it on the way out.
    pty.signal("TERM");
    assert_eq!(pty.exit_code(), 128 + 15);
    let journals: Vec<PathBuf> = files_under(&state)
        .into_iter()
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.components().any(|c| c.as_os_str() == "journal")
        })
        .collect();
    assert!(!journals.is_empty(), "{:?}", files_under(&state));
    for journal in journals {
        assert_eq!(mode(&journal), 0o600, "{}", journal.display());
    }
}
