//! `whoowns restore`: the backups of a workspace file, and the unsaved work of boards that
//! ended without saving it (which the board offers when it opens the file).

use std::path::Path;

use super::{EXIT_OK, EXIT_UNUSABLE, RestoreArgs};
use crate::backup::format_time;
use crate::journal::{Basis, Journal, Recovery};
use crate::output;
use crate::session::Session;
use crate::text::{sanitize, sanitize_path};

/// `whoowns restore`: lists the backups (and the crash journals waiting for the board) or
/// brings a backup back.
pub(super) fn restore(args: &RestoreArgs) -> u8 {
    let data_dir = match crate::dirs::data_dir() {
        Ok(dir) => dir,
        Err(e) => {
            output::error(format!("whoowns: no backups to look at: {e}"));
            return EXIT_UNUSABLE;
        }
    };
    let shown = sanitize_path(&args.file);
    if args.list {
        let backups = crate::backup::list(&data_dir, &args.file);
        if backups.is_empty() {
            output::info(format!(
                "no backups of {shown} yet (each save on the board keeps one)"
            ));
        } else {
            let mut lines = vec![format!("backups of {shown}, newest first:")];
            for (i, b) in backups.iter().enumerate() {
                lines.push(format!(
                    "{:>3}  {}  {} bytes",
                    i + 1,
                    crate::backup::format_time(b.taken),
                    b.size
                ));
            }
            output::info(lines.join("\n"));
        }
        if let Some(journals) = journals(&args.file) {
            output::info(journals);
        }
        return EXIT_OK;
    }
    match crate::backup::restore(&data_dir, &args.file, usize::from(args.n)) {
        Ok(b) => {
            output::error(format!(
                "restored {shown} to the version replaced at {}; the version it had is now backup 1 \
                 (`whoowns restore {shown}` undoes this)",
                crate::backup::format_time(b.taken)
            ));
            EXIT_OK
        }
        Err(e) => {
            output::error(format!("whoowns: cannot restore {shown}: {e}"));
            EXIT_UNUSABLE
        }
    }
}

/// The journals of boards that ended without saving `file`, described; `None` without any.
fn journals(file: &Path) -> Option<String> {
    let state = crate::dirs::state_dir().ok()?;
    let session = Session::open(file).ok()?;
    let offers: Vec<Recovery> = Journal::found(&state, file, session.disk_text())
        .into_iter()
        .filter_map(|found| {
            Recovery::new(found.entry, session.disk_text(), session.workspace(), true)
        })
        .collect();
    if offers.is_empty() {
        return None;
    }
    let mut lines = vec![format!(
        "unsaved work of {} board(s) that ended without saving (opening {} on the board offers it):",
        offers.len(),
        sanitize_path(file)
    )];
    for offer in &offers {
        let after = match &offer.basis {
            Basis::After { version, .. } => format!(", made after version {version}"),
            Basis::Unsaved | Basis::Replaces => String::new(),
        };
        let when = format_time(
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(offer.entry.written_at),
        );
        lines.push(format!("  journaled {when}{after}:"));
        for line in &offer.summary {
            lines.push(format!("    - {}", sanitize(line)));
        }
    }
    Some(lines.join("\n"))
}
