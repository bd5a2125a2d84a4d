//! Offering the crash journals' unsaved work when a board opens, on the normal screen before the
//! board takes the terminal: each board that ended without saving on its own, oldest first.

use std::io::{self, BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::backup::format_time;
use crate::journal::{Basis, Found, Journal, Recovery};
use crate::session::Session;
use crate::text::{sanitize, sanitize_path};

/// The person's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Restore,
    Discard,
    /// Keep the journal and quit without opening the board.
    Later,
}

/// What the offers restored: the journals they came from go once the restored work is in the
/// new board's own journal ([`Offered::done`]).
#[derive(Debug, Default)]
pub struct Offered {
    /// How many changes were restored (summary lines).
    pub changes: usize,
    restored: Vec<Found>,
}

impl Offered {
    /// Removes the journals whose work was restored.
    pub fn done(self) {
        for found in self.restored {
            found.journal.remove_all();
        }
    }
}

/// Offers, one by one, the journals in `state` of dead boards on the file at `path`, restoring
/// into `session` those the person takes. A journal that offers nothing (its work is saved, or
/// changes nothing) and one discarded go at once. `Err`: the person chose to decide later (the
/// board does not open; the journals stay) or a restore failed.
/// `undo` is the key that undoes a restore on the board, if it has one.
pub fn offer(
    state: &Path,
    path: &Path,
    session: &mut Session,
    undo: Option<&str>,
) -> Result<Offered, ExitCode> {
    offer_with(state, path, session, undo, ask)
}

/// The question [`offer`] asks about each journal: shown `path`, the recovery, which of how
/// many, the undo key; answered by the person.
pub type Ask = fn(&Path, &Recovery, Option<(usize, usize)>, Option<&str>) -> Answer;

/// Like [`offer`], asking each question with `ask` (the line-oriented shell asks in words).
pub fn offer_with(
    state: &Path,
    path: &Path,
    session: &mut Session,
    undo: Option<&str>,
    ask: Ask,
) -> Result<Offered, ExitCode> {
    let found = Journal::found(state, path, session.disk_text());
    let total = found.len();
    let mut offered = Offered::default();
    for (n, found) in found.into_iter().enumerate() {
        let recovery = Recovery::new(
            found.entry.clone(),
            session.disk_text(),
            session.workspace(),
            offered.restored.is_empty(),
        );
        let Some(recovery) = recovery else {
            found.journal.remove_all();
            continue;
        };
        let which = (total > 1).then_some((n + 1, total));
        match ask(path, &recovery, which, undo) {
            Answer::Restore => {
                if let Err(e) = session.recover(&recovery.workspace) {
                    crate::output::error(format!("whoowns: cannot restore the journal: {e}"));
                    return Err(ExitCode::from(2));
                }
                offered.changes += recovery.summary.len();
                offered.restored.push(found);
            }
            Answer::Discard => found.journal.remove_all(),
            Answer::Later => return Err(ExitCode::SUCCESS),
        }
    }
    Ok(offered)
}

fn time(seconds: u64) -> String {
    format_time(std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds))
}

/// The text shown before the question; `which` is (this one, of how many) when several boards
/// left work, `undo` the key that undoes a restore.
pub fn describe(
    path: &Path,
    recovery: &Recovery,
    which: Option<(usize, usize)>,
    undo: Option<&str>,
) -> String {
    let review = match undo {
        Some(key) => format!("review before saving; {} undoes the restore", sanitize(key)),
        None => "review before saving".to_owned(),
    };
    let entry = &recovery.entry;
    let board = match which {
        Some((n, total)) => format!("board {n} of {total} (process {})", entry.pid),
        None => "a board".to_owned(),
    };
    let mut text = format!(
        "whoowns: {} has unsaved changes from {board} that ended without saving (journaled {}):\n",
        sanitize_path(path),
        time(entry.written_at)
    );
    if entry.file.path != crate::dirs::canonical(path) {
        text.push_str(&format!(
            "  (made on {}, which is no longer there: the same file, renamed)\n",
            sanitize_path(&entry.file.path)
        ));
    }
    for line in &recovery.summary {
        text.push_str(&format!("  - {}\n", sanitize(line)));
    }
    match &recovery.basis {
        Basis::Unsaved => {}
        Basis::After { version, modified } => {
            let of = if *modified > 0 {
                format!(" of {}", time(*modified))
            } else {
                String::new()
            };
            text.push_str(&format!(
                "warning: the file changed on disk since these edits were made; they are changes \
                 made after version {version}{of}, and restoring replays them on top of the file \
                 as it is now, keeping its changes ({review})\n"
            ));
        }
        Basis::Replaces => text.push_str(&format!(
            "warning: the file changed on disk since these edits were made; restoring puts the \
             journaled version over those changes ({review})\n"
        )),
    }
    text
}

/// Shows `recovery` and asks what to do, reading one line from standard input.
pub fn ask(
    path: &Path,
    recovery: &Recovery,
    which: Option<(usize, usize)>,
    undo: Option<&str>,
) -> Answer {
    ask_in(
        &describe(path, recovery, which, undo),
        "Restore them? r restore │ d discard │ q quit and decide later: ",
    )
}

/// Like [`ask`], in words only (for the line-oriented shell, whose answers a screen reader
/// reads out).
pub fn ask_in_words(
    path: &Path,
    recovery: &Recovery,
    which: Option<(usize, usize)>,
    undo: Option<&str>,
) -> Answer {
    let text = describe(path, recovery, which, undo).replace("\n  - ", "\n");
    ask_in(
        &text,
        "Restore them? Type r to restore, d to discard, or q to quit and decide later: ",
    )
}

/// Writes `text` and `question` to standard error and reads the answer from standard input.
fn ask_in(text: &str, question: &str) -> Answer {
    let mut err = io::stderr().lock();
    let _ = write!(err, "{text}{question}");
    let _ = err.flush();
    let mut line = String::new();
    match io::stdin().lock().read_line(&mut line) {
        Ok(0) | Err(_) => Answer::Later,
        Ok(_) => match line.trim().chars().next().map(|c| c.to_ascii_lowercase()) {
            Some('r' | 'y') => Answer::Restore,
            Some('d') => Answer::Discard,
            _ => Answer::Later,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::entry;
    use crate::workspace::parse;

    #[test]
    fn edits_on_an_older_version_are_described_as_changes_after_it_with_the_undo_key() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("w.toml");
        let text =
            "whoowns = 1\n[workspace]\nname = \"T\"\n[[department]]\nid = \"a\"\nname = \"A\"\n";
        std::fs::write(&path, text).expect("write");
        let mut edited = parse(text).expect("valid").workspace;
        edited.departments[0].name = "Renamed".into();
        let journaled = entry(&path, text, &edited);
        let version: String = journaled.file.content_hash.chars().take(8).collect();
        let now = format!("{text}[[department]]\nid = \"b\"\nname = \"B\"\n");
        std::fs::write(&path, &now).expect("write");
        let session = Session::open(&path).expect("valid");
        let recovery = Recovery::new(journaled, &now, session.workspace(), true).expect("offered");
        let shown = describe(&path, &recovery, Some((1, 2)), Some("ctrl+z"));
        assert!(shown.contains("board 1 of 2"), "{shown}");
        assert!(shown.contains("department \"Renamed\" changed"), "{shown}");
        assert!(
            !shown.contains("removed"),
            "the file's new department stays: {shown}"
        );
        assert!(
            shown.contains(&format!("changes made after version {version}")),
            "{shown}"
        );
        assert!(shown.contains("ctrl+z undoes the restore"), "{shown}");
        let without = describe(&path, &recovery, None, None);
        assert!(!without.contains("undoes"), "{without}");
    }
}
