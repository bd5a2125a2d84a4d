//! Two editors on one file: every interleaving of two saves, driven step by step; the directory
//! lock that makes the last check and the rename one step; backups and `whoowns restore`.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use whoowns::edit::{DropMode, move_role};
use whoowns::session::{SaveError, Session};
use whoowns::workspace::{Role, WriteOptions};

const TEXT: &str = "whoowns = 1\n[workspace]\nname = \"T\"\n\n[[department]]\nid = \"a\"\nname = \"A\"\n\n[[department]]\nid = \"b\"\nname = \"B\"\n\n[[responsibility]]\nid = \"x\"\nname = \"X\"\naccountable = [\"a\"]\nresponsible = [\"a\"]\n";

/// A session with one edit: `role` moves from A to B.
fn editor(path: &Path, role: Role) -> Session {
    let mut session = Session::open(path).expect("valid");
    let change = move_role(
        session.workspace(),
        0,
        role,
        Some("a"),
        Some("b"),
        DropMode::Move,
    )
    .expect("moves");
    session.apply(change).expect("applies");
    session
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Begin(usize),
    Finish(usize),
}

/// Every order of (begin, finish) for two savers with each begin before its finish.
fn interleavings() -> Vec<[Step; 4]> {
    use Step::{Begin as B, Finish as F};
    vec![
        [B(0), F(0), B(1), F(1)],
        [B(0), B(1), F(0), F(1)],
        [B(0), B(1), F(1), F(0)],
        [B(1), B(0), F(0), F(1)],
        [B(1), B(0), F(1), F(0)],
        [B(1), F(1), B(0), F(0)],
    ]
}

#[test]
fn no_interleaving_of_two_saves_loses_an_edit_silently() {
    let orders = interleavings();
    for order in &orders {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("w.toml");
        std::fs::write(&path, TEXT).expect("write");
        let mut sessions = [
            editor(&path, Role::Accountable),
            editor(&path, Role::Responsible),
        ];
        let marks = ["accountable = [\"b\"]", "responsible = [\"b\"]"];
        let mut pending = [None, None];
        let mut outcome: [Option<Result<(), String>>; 2] = [None, None];
        for step in order {
            match *step {
                Step::Begin(i) => match sessions[i].begin_save(WriteOptions::default(), false) {
                    Ok(p) => pending[i] = Some(p),
                    Err(e) => outcome[i] = Some(Err(format!("{e:?}"))),
                },
                Step::Finish(i) => {
                    if let Some(p) = pending[i].take() {
                        outcome[i] = Some(sessions[i].finish_save(p).map_err(|e| format!("{e:?}")));
                    }
                }
            }
        }
        let on_disk = std::fs::read_to_string(&path).expect("read");
        let saved: Vec<usize> = (0..2)
            .filter(|&i| matches!(outcome[i], Some(Ok(()))))
            .collect();
        assert_eq!(
            saved.len(),
            1,
            "{order:?}: exactly one save lands, {outcome:?}"
        );
        let winner = saved[0];
        let loser = 1 - winner;
        assert!(on_disk.contains(marks[winner]), "{order:?}: {on_disk}");
        assert!(!on_disk.contains(marks[loser]));
        // The other editor was told, and still holds its edit to save over or reload.
        let told = outcome[loser].as_ref().expect("answered");
        assert!(
            told.as_ref().is_err_and(|e| e.starts_with("ChangedOnDisk")),
            "{order:?}: {told:?}"
        );
        assert!(sessions[loser].is_dirty());
        sessions[loser].overwrite().expect("overwrites when asked");
        assert!(
            std::fs::read_to_string(&path)
                .expect("read")
                .contains(marks[loser])
        );
    }
    println!("{} interleavings of two saves checked", orders.len());
}

/// The last check and the rename happen under a lock on the directory: a saver waits while
/// another holds it and checks the file only after, so it sees a change made meanwhile.
#[test]
fn the_last_check_waits_for_a_save_in_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    std::fs::write(&path, TEXT).expect("write");
    let mut session = editor(&path, Role::Accountable);
    let pending = session
        .begin_save(WriteOptions::default(), false)
        .expect("prepares");
    // Another saver is between its check and its rename.
    let held = std::fs::File::open(dir.path()).expect("open dir");
    held.lock().expect("lock");
    let (tx, rx) = std::sync::mpsc::channel();
    let saver = std::thread::spawn(move || {
        let result = session.finish_save(pending);
        tx.send(()).expect("send");
        (session, result)
    });
    assert!(
        rx.recv_timeout(std::time::Duration::from_millis(300))
            .is_err(),
        "the save went ahead while another held the lock"
    );
    std::fs::write(&path, format!("{TEXT}# theirs\n")).expect("their rename");
    drop(held);
    let (_session, result) = saver.join().expect("joins");
    assert!(
        matches!(result, Err(SaveError::ChangedOnDisk(_))),
        "{result:?}"
    );
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("# theirs")
    );
}

#[test]
fn saves_keep_backups_and_restore_brings_them_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    std::fs::write(&path, TEXT).expect("write");
    let mut session = editor(&path, Role::Accountable);
    session.keep_backups(data.path().join("whoowns"));
    session.save().expect("saves");
    let saved = std::fs::read_to_string(&path).expect("read");
    assert_ne!(saved, TEXT);
    let run = |args: &[&str]| {
        cargo_bin_cmd!("whoowns")
            .args(args)
            .arg(&path)
            .env("XDG_DATA_HOME", data.path())
            .env("HOME", data.path())
            .output()
            .expect("runs")
    };
    let listed = run(&["restore", "--list"]);
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.status.success(), "{listed:?}");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.trim_start().starts_with("1 "))
            .count(),
        1,
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{} bytes", TEXT.len())),
        "{stdout}"
    );
    let restored = run(&["restore"]);
    assert!(restored.status.success(), "{restored:?}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), TEXT);
    // The restore is undone by restoring again.
    assert!(run(&["restore"]).status.success());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), saved);
    let missing = cargo_bin_cmd!("whoowns")
        .args(["restore"])
        .arg(&path)
        .arg("7")
        .env("XDG_DATA_HOME", data.path())
        .env("HOME", data.path())
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no backup 7"));
}
