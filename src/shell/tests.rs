//! The engine on the sample workspace, line by line.

use super::*;

fn shell() -> (tempfile::TempDir, Shell) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    std::fs::write(&path, crate::SAMPLE_WORKSPACE).expect("write");
    let session = Session::open(&path).expect("sample");
    (dir, Shell::new(session, "2026-12-07".into(), false))
}

fn say(shell: &mut Shell, line: &str) -> Vec<String> {
    let reply = shell.run(line);
    assert_eq!(reply.error, None, "{line}");
    reply.lines
}

#[test]
fn a_change_says_what_it_did_resolved_and_what_is_still_open() {
    let (_dir, mut shell) = shell();
    let lines = say(&mut shell, "give influencer accountable pr");
    assert_eq!(
        lines,
        [
            "Done: PR / Communications added as Accountable for Influencer relations.",
            "Resolved: hot potato on Influencer relations.",
            "Still open: 4 errors, 9 warnings, 2 info.",
        ]
    );
    let lines = say(&mut shell, "undo");
    assert_eq!(
        lines[0],
        "Undone: give Accountable of \"Influencer relations\" to PR / Communications."
    );
    assert_eq!(lines[1], "New: hot potato on Influencer relations.");
}

#[test]
fn errors_say_what_was_meant() {
    let (_dir, mut shell) = shell();
    let reply = shell.run("show Crisis responce");
    assert_eq!(
        reply.error.as_deref(),
        Some("no item \"Crisis responce\"; did you mean \"Crisis response\"?")
    );
    let reply = shell.run("shwo crisis");
    assert_eq!(
        reply.error.as_deref(),
        Some("no command \"shwo\"; did you mean show?")
    );
}
