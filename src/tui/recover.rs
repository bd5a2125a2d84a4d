//! Offering a crash journal's unsaved work when a board opens, on the normal screen before the
//! board takes the terminal.

use std::io::{self, BufRead, Write};
use std::path::Path;

use crate::backup::format_time;
use crate::journal::Recovery;
use crate::text::{sanitize, sanitize_path};

/// The person's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Restore,
    Discard,
    /// Keep the journal and quit without opening the board.
    Later,
}

/// The text shown before the question.
pub fn describe(path: &Path, recovery: &Recovery) -> String {
    let when = format_time(
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(recovery.entry.written_at),
    );
    let mut text = format!(
        "whoowns: {} has unsaved changes from a board that ended without saving (journaled {when}):\n",
        sanitize_path(path)
    );
    for line in &recovery.summary {
        text.push_str(&format!("  - {}\n", sanitize(line)));
    }
    if recovery.changed_on_disk {
        text.push_str(
            "warning: the file changed on disk since these edits were made; restoring puts the \
             journaled version over those changes (review it before saving; u undoes the restore)\n",
        );
    }
    text
}

/// Shows `recovery` and asks what to do, reading one line from standard input.
pub fn ask(path: &Path, recovery: &Recovery) -> Answer {
    let mut err = io::stderr().lock();
    let _ = write!(
        err,
        "{}Restore them? r restore │ d discard │ q quit and decide later: ",
        describe(path, recovery)
    );
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
