//! Saving from the board. The save of a large file first shows "Saving…": it is left for the
//! event loop, which runs it right after drawing that frame ([`App::run_pending_save`]), so the
//! board never sits still without saying why.

use super::super::app::{App, Mode, Question, SaveKind, Tone};
use crate::session::SaveError;
use crate::text::sanitize;
use crate::workspace::WriteOptions;

/// Files at least this long (about 700 responsibilities) save after a frame that says so;
/// smaller ones save well within a frame.
pub const NOTICE_BYTES: usize = 256 * 1024;

impl App {
    /// Saves now, or, for a large file, says "Saving…" and leaves the save for after the frame.
    pub(super) fn request_save(&mut self, kind: SaveKind) {
        if self.session.disk_text().len() >= NOTICE_BYTES {
            self.pending_save = Some(kind);
            self.say("Saving…", Tone::Info);
        } else {
            self.run_save(kind);
        }
    }

    /// Runs the save left for after the frame, if any; returns whether there was one.
    pub fn run_pending_save(&mut self) -> bool {
        match self.pending_save.take() {
            Some(kind) => {
                self.run_save(kind);
                true
            }
            None => false,
        }
    }

    fn run_save(&mut self, kind: SaveKind) {
        match kind {
            SaveKind::Save => self.save(),
            SaveKind::ThenQuit => {
                self.save();
                if !self.session.is_dirty() {
                    self.should_quit = true;
                } else {
                    // The file changed on disk: quit once the person chooses to overwrite it.
                    self.quit_after_save = matches!(self.mode, Mode::Ask(Question::ChangedOnDisk));
                }
            }
            SaveKind::Anyway => match self.session.save_with(WriteOptions {
                overwrite_read_only: true,
                in_place_if_needed: true,
            }) {
                Ok(()) => self.say("Saved", Tone::Success),
                Err(e) => self.say(sanitize(&e.to_string()), Tone::Problem),
            },
            SaveKind::Overwrite => match self.session.overwrite() {
                Ok(()) if self.quit_after_save => self.should_quit = true,
                Ok(()) => self.say(
                    format!(
                        "Saved over the changed file {}",
                        sanitize(&self.session.path().display().to_string())
                    ),
                    Tone::Success,
                ),
                Err(e) => self.say(e.to_string(), Tone::Problem),
            },
        }
    }

    fn save(&mut self) {
        match self.session.save() {
            Ok(()) => self.say(
                format!(
                    "Saved {}",
                    sanitize(&self.session.path().display().to_string())
                ),
                Tone::Success,
            ),
            Err(SaveError::ChangedOnDisk(_)) => self.mode = Mode::Ask(Question::ChangedOnDisk),
            Err(e @ (SaveError::ReadOnly(_) | SaveError::CannotKeep(..))) => {
                self.mode = Mode::Ask(Question::SaveAnyway(e.to_string()));
            }
            Err(e) => self.say(sanitize(&e.to_string()), Tone::Problem),
        }
    }
}
