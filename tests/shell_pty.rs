//! `whoowns shell` on a terminal (a pseudo-terminal): line editing, Tab completion, history,
//! and `quit` asking about unsaved changes.

mod common;

use common::pty::Pty;
use common::shell::Scratch;

fn start(scratch: &Scratch) -> Pty {
    let env = scratch.env();
    let env: Vec<(&str, &std::path::Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    Pty::start_in(scratch.dir.path(), &["shell", "ws.toml"], &env)
}

#[test]
fn line_editing_and_tab_completion_work_and_quit_asks_about_unsaved_changes() {
    let scratch = Scratch::sample();
    let mut pty = start(&scratch);
    pty.wait_for("Type help for the commands");
    // A typo mended with the Left arrow: "respo|se" gets its missing n.
    pty.send("show crisis-respose");
    pty.send("\x1b[D\x1b[D");
    pty.send("n\r");
    pty.wait_for("Crisis response, in Risk & compliance, id crisis-response.");
    // Tab completes the command, the item's id, the role and the department.
    pty.send("gi\t");
    pty.send("influ\t");
    pty.send("acc\t");
    pty.send("pr\t");
    pty.wait_for("> give influencer-relations accountable pr ");
    pty.send("\r");
    pty.wait_for("Done: PR / Communications added as Accountable for Influencer relations.");
    // Up brings the last line back from the history.
    pty.send("\x1b[A");
    pty.wait_for("2 info.\n> give influencer-relations accountable pr");
    pty.send("\x15quit\r");
    pty.wait_for("Save them before leaving?");
    pty.send("yes\r");
    pty.wait_for("Goodbye.");
    assert_eq!(pty.exit_code(), 0);
    assert!(scratch.text().contains("accountable = [\"pr\"]"));
    let history = scratch.dir.path().join("state/whoowns/history/shell.txt");
    let kept = std::fs::read_to_string(history).expect("history");
    assert!(
        kept.contains("give influencer-relations accountable pr"),
        "{kept}"
    );
}

#[test]
fn quit_without_saving_drops_the_changes_and_the_journal() {
    let scratch = Scratch::sample();
    let before = scratch.text();
    let mut pty = start(&scratch);
    pty.wait_for("Type help for the commands");
    pty.send("take brand informed hr\r");
    pty.wait_for("Done: HR removed as Informed for Brand voice and tone.");
    pty.send("quit\r");
    pty.wait_for("Save them before leaving?");
    pty.send("maybe\r");
    pty.wait_for("Staying: nothing saved, nothing lost.");
    pty.send("quit\r");
    pty.send("no\r");
    pty.wait_for("Left without saving; the changes are gone.");
    assert_eq!(pty.exit_code(), 0);
    assert_eq!(scratch.text(), before);
    assert!(scratch.journals().is_empty());
}

#[test]
fn a_killed_shell_leaves_its_work_and_the_next_one_offers_it_in_words() {
    let scratch = Scratch::sample();
    let mut pty = start(&scratch);
    pty.wait_for("Type help for the commands");
    pty.send("give influencer accountable pr\r");
    pty.wait_for("Done: PR / Communications added as Accountable");
    let start_wait = std::time::Instant::now();
    while scratch.journals().is_empty() && start_wait.elapsed() < common::pty::TIMEOUT {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    pty.child.kill().expect("kill");
    let _ = pty.child.wait();
    let mut pty = start(&scratch);
    let asked = pty.wait_for("Type r to restore, d to discard, or q to quit and decide later");
    assert!(asked.contains("Influencer relations"), "{asked}");
    assert!(!asked.contains('│'), "{asked}");
    pty.send("r\r");
    pty.wait_for("Restored 1 unsaved change from the crash journal");
    pty.send("summary\r");
    pty.wait_for("Unsaved changes: 1.");
    pty.send("save\r");
    pty.wait_for("Saved ws.toml.");
    pty.send("quit\r");
    pty.wait_for("Goodbye.");
    assert_eq!(pty.exit_code(), 0);
    assert!(scratch.text().contains("accountable = [\"pr\"]"));
    assert!(scratch.journals().is_empty());
}

/// With `TERM=dumb` (a screen reader's or an editor's terminal) not even the line editor moves
/// the cursor: the whole session writes no escape byte, interactive as it is.
#[test]
fn a_dumb_terminal_session_writes_no_escape_byte_at_all() {
    let scratch = Scratch::sample();
    let mut env = scratch.env();
    env.push(("TERM", std::path::PathBuf::from("dumb")));
    let env: Vec<(&str, &std::path::Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let mut pty = Pty::start_in(scratch.dir.path(), &["ws.toml"], &env);
    pty.wait_for("Type help for the commands");
    pty.send("next\r");
    pty.wait_for("To fix: give executive-presence accountable DEPT");
    pty.send("give executive accountable exec\r");
    pty.wait_for("Resolved: hot potato on Executive social presence.");
    pty.send("quit\r");
    pty.wait_for("Save them before leaving?");
    pty.send("yes\r");
    pty.wait_for("Goodbye.");
    assert_eq!(pty.exit_code(), 0);
    common::shell::assert_no_escape(&pty.raw.lock().expect("raw"), "the session");
    assert!(scratch.text().contains("accountable = [\"exec\"]"));
}
