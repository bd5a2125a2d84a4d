//! `save` and `export`: the board's safe saving (journal first, changed-on-disk check, atomic
//! replace, backups) and the charter with the session's changes.

use std::path::PathBuf;

use super::{Answer, Args, Shell};
use crate::session::SaveError;
use crate::text::sanitize_path;
use crate::workspace::WriteOptions;

impl Shell {
    pub(super) fn save(&mut self, args: &Args<'_>) -> Answer {
        args.at_most(2)?;
        match args.optional(1).map(str::to_lowercase).as_deref() {
            None => self.save_now(false),
            Some("overwrite") => self.save_now(true),
            Some("anyway") => self.save_with(WriteOptions {
                overwrite_read_only: true,
                in_place_if_needed: true,
            }),
            Some(other) => Err(format!(
                "\"{other}\" is neither overwrite nor anyway; usage: save, save overwrite or save anyway"
            )),
        }
    }

    /// Saves (over a file changed on disk when `overwrite`), the journal written first so a
    /// crash in between loses nothing.
    pub(super) fn save_now(&mut self, overwrite: bool) -> Answer {
        self.journal_before_save();
        let result = if overwrite {
            self.session.overwrite()
        } else {
            self.session.save()
        };
        self.saved(result)
    }

    fn save_with(&mut self, options: WriteOptions) -> Answer {
        self.journal_before_save();
        let result = self.session.save_with(options);
        self.saved(result)
    }

    fn journal_before_save(&mut self) {
        if self.session.is_dirty() {
            self.update_journal();
        }
        if let Some(journal) = &self.journal {
            journal.flush();
        }
    }

    fn saved(&mut self, result: Result<(), SaveError>) -> Answer {
        let path = sanitize_path(self.session.path());
        match result {
            Ok(()) => {
                self.update_journal();
                if let Some(journal) = &self.journal {
                    journal.flush();
                }
                Ok(vec![format!("Saved {path}.")])
            }
            Err(SaveError::ChangedOnDisk(_)) => Err(format!(
                "not saved: {path} changed on disk since it was opened; save overwrite writes over those changes"
            )),
            Err(e @ (SaveError::ReadOnly(_) | SaveError::CannotKeep(..))) => Err(format!(
                "not saved: {e}; save anyway writes it all the same"
            )),
            Err(e) => Err(format!("not saved: {e}")),
        }
    }

    pub(super) fn export(&mut self, args: &Args<'_>) -> Answer {
        let changes = self.session.changes_markdown();
        let Some(_) = args.optional(1) else {
            let path = self
                .session
                .export_charter(changes)
                .map_err(|e| format!("cannot export: {e}"))?;
            return Ok(vec![format!(
                "Exported the charter to {}.",
                sanitize_path(&path)
            )]);
        };
        let path = PathBuf::from(args.text(1)?);
        self.session
            .export_charter_to(&path, changes)
            .map_err(|e| format!("cannot export to {}: {e}", sanitize_path(&path)))?;
        Ok(vec![format!(
            "Exported the charter to {}.",
            sanitize_path(&path)
        )])
    }
}
