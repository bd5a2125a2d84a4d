//! Saving, exporting and reloading from the board, as effects: `update` asks for them and the
//! event loop runs them right after drawing the next frame ([`App::run_workspace_effect`]), so
//! `update` does no I/O and a large save shows "Saving…" before the board sits still.

use super::super::app::{App, Effect, Mode, Question, SaveKind, Tone};
use crate::session::SaveError;
use crate::text::sanitize;
use crate::workspace::WriteOptions;

/// Files at least this long (about 700 responsibilities) save after a frame that says so;
/// smaller ones save well within a frame.
pub const NOTICE_BYTES: usize = 256 * 1024;

impl App {
    /// Asks the event loop for a save; for a large file, says "Saving…" in the frame before it.
    pub(super) fn request_save(&mut self, kind: SaveKind) {
        if self.session.disk_text().len() >= NOTICE_BYTES {
            self.say("Saving…", Tone::Info);
        }
        self.effects.push(Effect::Save(kind));
    }

    /// Does the workspace I/O of an effect (save, export, reload) and says how it went; the
    /// event loop calls it after the frame that followed the key. Other effects are left alone
    /// (returns `false`).
    pub fn run_workspace_effect(&mut self, effect: &Effect) -> bool {
        match effect {
            Effect::Save(kind) => self.run_save(*kind),
            Effect::Export { changes } => match self.session.export_charter(changes.clone()) {
                Ok(path) => self.say(
                    format!(
                        "Exported the charter to {}",
                        sanitize(&path.display().to_string())
                    ),
                    Tone::Success,
                ),
                Err(e) => self.say(
                    format!("Cannot export: {}", sanitize(&e.to_string())),
                    Tone::Problem,
                ),
            },
            Effect::Reload => match self.session.reload() {
                Ok(()) => {
                    self.after_change();
                    self.follow_selection();
                    self.say(
                        "Reloaded the file from disk; your unsaved changes were dropped",
                        Tone::Info,
                    );
                }
                Err(e) => self.say(
                    format!(
                        "Cannot reload: {}",
                        sanitize(&e.to_string())
                            .chars()
                            .take(200)
                            .collect::<String>()
                    ),
                    Tone::Problem,
                ),
            },
            Effect::RememberTheme(_) => return false,
        }
        true
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
