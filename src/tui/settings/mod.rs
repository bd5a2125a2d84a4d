//! The person's settings file (`settings.toml` in the config directory): theme, default lens,
//! panels shown, the cursor, key overrides and the recent workspaces. Reading never fails:
//! every problem is reported with the file's line and column, and what could not be read keeps
//! its default.

mod read;
pub mod schema;
mod write;

use std::path::{Path, PathBuf};

use super::app::{App, Tone};
use super::keymap::{Keymap, Override};
use super::theme::ThemeName;
use crate::workspace::Role;

pub use write::RECENT_MAX;

/// The settings file's name in the config directory.
pub const FILE_NAME: &str = "settings.toml";

/// How many days the traces of a file that no longer exists are kept, by default.
pub const KEEP_DAYS: u64 = 30;
/// The most `keep_days` may say (a hundred years).
pub const KEEP_DAYS_MAX: u64 = 36_500;

/// Which panels are shown at start (`None`: the default, shown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panels {
    pub findings: Option<bool>,
    pub detail: Option<bool>,
}

/// What the settings file says, with the problems found reading it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub theme: Option<ThemeName>,
    pub lens: Option<Role>,
    pub panels: Panels,
    /// Whether the terminal's cursor stands on the selection (`None`: the default, it does).
    pub cursor: Option<bool>,
    /// Key overrides, in file order.
    pub keys: Vec<Override>,
    /// Recent workspaces, most recent first.
    pub recent: Vec<PathBuf>,
    /// How many days the locks, journals and backups of a file that no longer exists are
    /// kept (`None`: [`KEEP_DAYS`]).
    pub keep_days: Option<u64>,
    /// Each problem as `file:line:column: what is wrong; what is used instead`.
    pub problems: Vec<String>,
    /// How the file is named in the problems (its path).
    pub file: String,
}

/// The settings file: where it is, and reading and writing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsFile {
    pub path: PathBuf,
}

impl SettingsFile {
    /// The file in the user's config directory (on Linux `$XDG_CONFIG_HOME/whoowns`, else
    /// `~/.config/whoowns`), if there is a home directory.
    pub fn locate() -> Option<SettingsFile> {
        directories::ProjectDirs::from("", "", "whoowns").map(|dirs| SettingsFile {
            path: dirs.config_dir().join(FILE_NAME),
        })
    }

    /// A settings file at `path`.
    pub fn at(path: impl Into<PathBuf>) -> SettingsFile {
        SettingsFile { path: path.into() }
    }

    /// Reads the file: a missing file gives the defaults, a broken one what could be read.
    pub fn load(&self) -> Settings {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => Settings::parse(&text, &self.path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
            Err(e) => Settings {
                problems: vec![format!(
                    "{}: cannot read the settings ({e}); the defaults are used",
                    self.path.display()
                )],
                ..Settings::default()
            },
        }
    }
}

impl Settings {
    /// Reads settings from `text`; `file` names it in messages.
    pub fn parse(text: &str, file: &str) -> Settings {
        read::parse(text, file)
    }

    /// The keymap in effect: the defaults with these overrides, and the conflicts found.
    pub fn keymap(&self) -> (Keymap, Vec<String>) {
        Keymap::defaults().with_overrides(&self.keys)
    }

    /// How long the locks, journals and backups of a file that no longer exists are kept.
    pub fn keep(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.keep_days.unwrap_or(KEEP_DAYS) * 24 * 60 * 60)
    }

    /// The recent workspaces that still exist.
    pub fn existing_recent(&self) -> Vec<PathBuf> {
        self.recent
            .iter()
            .filter(|p| p.is_file())
            .cloned()
            .collect()
    }

    /// Gives `app` the settings at start: lens, panels, theme name, keys, and a status message
    /// naming what could not be read.
    pub fn apply(&self, app: &mut App) {
        let (keymap, conflicts) = self.keymap();
        app.keymap = std::sync::Arc::new(keymap);
        app.settings_problems = self.problems.iter().chain(&conflicts).cloned().collect();
        if let Some(theme) = self.theme {
            app.theme = super::theme::Theme::named(theme);
        }
        if let Some(lens) = self.lens {
            app.start_with_lens(lens);
        }
        if let Some(shown) = self.panels.findings {
            app.show_findings = shown;
        }
        if let Some(shown) = self.panels.detail {
            app.show_detail = shown;
        }
        if let Some(shown) = self.cursor {
            app.show_cursor = shown;
        }
        if let Some(first) = app.settings_problems.first() {
            // The status line is short: the file by its name (the help gives the full path).
            let first = match first.strip_prefix(&self.file) {
                Some(rest) if !self.file.is_empty() => format!("{FILE_NAME}{rest}"),
                _ => first.clone(),
            };
            let count = app.settings_problems.len();
            let message = if count == 1 {
                format!("Settings: {first}")
            } else {
                let help = app
                    .key_label(super::action::Action::ToggleHelp)
                    .map_or_else(String::new, |k| format!(", {k} lists them"));
                format!("Settings ({count} problems{help}): {first}")
            };
            app.say(message, Tone::Problem);
        }
    }
}

/// Whether `a` and `b` name the same file (by their absolute paths, links followed).
fn same_path(a: &Path, b: &Path) -> bool {
    crate::dirs::canonical(a) == crate::dirs::canonical(b)
}

#[cfg(test)]
mod tests;
