use super::*;
use crate::session::Session;
use crate::workspace::parse;

const TEXT: &str = "whoowns = 1\n[workspace]\nname = \"T\"\n[[department]]\nid = \"a\"\nname = \"A\"\n[[department]]\nid = \"b\"\nname = \"B\"\n[[responsibility]]\nid = \"x\"\nname = \"X\"\naccountable = [\"a\"]\n";

fn found_one(state: &Path, path: &Path, disk: &str) -> Found {
    let mut found = Journal::found(state, path, disk);
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

#[test]
fn a_written_journal_is_recovered_as_one_undoable_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    let state = dir.path().join("state");
    std::fs::write(&path, TEXT).expect("write");
    let mut edited = parse(TEXT).expect("valid").workspace;
    edited.responsibilities[0].accountable = vec!["b".into()];
    edited.departments.remove(0);
    let journal = Journal::for_board(&state, &path);
    let writer = JournalWriter::start(journal.clone());
    writer.write(&path, TEXT, &edited);
    writer.flush();
    // The board is still running: its journal is not another board's crash.
    assert!(Journal::found(&state, &path, TEXT).is_empty());
    drop(writer);
    let found = found_one(&state, &path, TEXT);
    assert_eq!(found.journal, journal);
    let mut session = Session::open(&path).expect("valid");
    let recovery =
        Recovery::new(found.entry.clone(), TEXT, session.workspace(), true).expect("offered");
    assert_eq!(recovery.basis, Basis::Unsaved);
    assert_eq!(recovery.summary.len(), 2, "{:?}", recovery.summary);
    session.recover(&recovery.workspace).expect("restores");
    assert_eq!(session.workspace(), &edited);
    assert!(session.is_dirty());
    session.undo();
    assert_eq!(session.workspace(), &parse(TEXT).expect("valid").workspace);
    found.journal.remove_all();
    assert!(!journal.exists());
    assert!(!journal.lock_path().exists());
}

#[test]
fn a_journal_of_the_saved_text_offers_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    std::fs::write(&path, TEXT).expect("write");
    let mut edited = parse(TEXT).expect("valid").workspace;
    edited.responsibilities[0].accountable = vec!["b".into()];
    let journaled = entry(&path, TEXT, &edited);
    // The save went through and the board died before removing its journal.
    std::fs::write(&path, &journaled.text).expect("write");
    let now = Session::open(&path).expect("valid");
    assert!(Recovery::new(journaled, now.disk_text(), now.workspace(), true).is_none());
}

#[test]
fn edits_on_an_older_version_are_replayed_on_top_of_the_file_as_it_is_now() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    std::fs::write(&path, TEXT).expect("write");
    // This board renamed department B and X; meanwhile another saved a new responsibility
    // and renamed X differently.
    let mut ours = parse(TEXT).expect("valid").workspace;
    ours.departments[1].name = "Bee".into();
    ours.responsibilities[0].name = "From the journal".into();
    let journaled = entry(&path, TEXT, &ours);
    let saved = format!(
        "{}[[responsibility]]\nid = \"y\"\nname = \"Saved elsewhere\"\n",
        TEXT.replace("name = \"X\"", "name = \"From the file\"")
    );
    std::fs::write(&path, &saved).expect("write");
    let now = Session::open(&path).expect("valid");
    let recovery =
        Recovery::new(journaled, now.disk_text(), now.workspace(), true).expect("offered");
    assert!(
        matches!(&recovery.basis, Basis::After { version, .. } if version.len() == 8),
        "{:?}",
        recovery.basis
    );
    let ws = &recovery.workspace;
    assert!(ws.responsibility("y").is_some(), "the saved edit stays");
    assert_eq!(ws.departments[1].name, "Bee", "the journal's edit applies");
    assert_eq!(
        ws.responsibility("x").expect("x").name,
        "From the file",
        "where both changed, the file's value stays"
    );
    assert_eq!(recovery.conflicts, 1);
    assert!(
        !recovery.summary.iter().any(|l| l.contains("removed")),
        "{:?}",
        recovery.summary
    );
}

#[test]
fn two_boards_keep_two_journals_and_a_renamed_file_finds_its_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    let state = dir.path().join("state");
    std::fs::write(&path, TEXT).expect("write");
    let mut first = parse(TEXT).expect("valid").workspace;
    first.departments[0].name = "First".into();
    let mut second = parse(TEXT).expect("valid").workspace;
    second.departments[1].name = "Second".into();
    for ws in [&first, &second] {
        let writer = JournalWriter::start(Journal::for_board(&state, &path));
        writer.write(&path, TEXT, ws);
        writer.flush();
    }
    let other = dir.path().join("other.toml");
    std::fs::write(&other, TEXT).expect("write");
    assert!(
        Journal::found(&state, &other, TEXT).is_empty(),
        "a file with the same text whose journals' file still exists"
    );
    let renamed = dir.path().join("renamed.toml");
    std::fs::rename(&path, &renamed).expect("rename");
    let found = Journal::found(&state, &renamed, TEXT);
    assert_eq!(found.len(), 2);
    let names: Vec<String> = found
        .iter()
        .map(|f| {
            parse(&f.entry.text).expect("valid").workspace.departments[0]
                .name
                .clone()
        })
        .collect();
    assert!(names.contains(&"First".to_owned()) && names.contains(&"A".to_owned()));
}
