//! Writing the settings file: the theme chosen with `t` and the recent workspaces. Everything
//! else in the file (comments, order, other settings) is kept, and the write is atomic.

use std::io;
use std::path::Path;

use toml_edit::{Array, DocumentMut, Item, Value};

use super::super::theme::ThemeName;
use super::{SettingsFile, same_path, schema};
use crate::workspace::write_atomic;

/// How many recent workspaces are remembered.
pub const RECENT_MAX: usize = 10;

impl SettingsFile {
    /// Remembers `theme` for the next start.
    pub fn remember_theme(&self, theme: ThemeName) -> io::Result<()> {
        self.edit(|doc| set(doc, "theme", Value::from(theme.as_str())))
    }

    /// Puts `workspace` first in the recent workspaces (at most [`RECENT_MAX`]).
    pub fn remember_recent(&self, workspace: &Path) -> io::Result<()> {
        let full = crate::dirs::canonical(workspace);
        let Some(full_text) = full.to_str() else {
            // A path that is not UTF-8 cannot be written in TOML; it is not remembered.
            return Ok(());
        };
        self.edit(|doc| {
            let old: Vec<String> = doc
                .get("recent")
                .and_then(Item::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let mut recent = Array::new();
            for path in std::iter::once(full_text.to_owned())
                .chain(old.into_iter().filter(|p| !same_path(Path::new(p), &full)))
            {
                if recent.len() == RECENT_MAX {
                    break;
                }
                let mut value = Value::from(path);
                value.decor_mut().set_prefix("\n    ");
                recent.push_formatted(value);
            }
            recent.set_trailing("\n");
            recent.set_trailing_comma(true);
            set(doc, "recent", Value::Array(recent));
        })
    }

    /// Applies `change` to the file's TOML (a missing file starts empty) and writes it
    /// atomically. A file that is not valid TOML is left as it is.
    fn edit(&self, change: impl FnOnce(&mut DocumentMut)) -> io::Result<()> {
        let (text, created) = match std::fs::read_to_string(&self.path) {
            Ok(text) => (text, false),
            Err(e) if e.kind() == io::ErrorKind::NotFound => (String::new(), true),
            Err(e) => return Err(e),
        };
        let mut doc: DocumentMut = text.parse().map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{} is not valid TOML, so it is left as it is: {e}",
                    self.path.display()
                ),
            )
        })?;
        change(&mut doc);
        let mut new = doc.to_string();
        if new == text {
            return Ok(());
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
            // A file the board creates says what it is and points editors at its schema.
            if created {
                new.insert_str(0, &format!("{}\n", schema::HEADER));
                let schema_path = dir.join(schema::SCHEMA_FILE);
                if std::fs::read_to_string(&schema_path).ok() != Some(schema::text()) {
                    write_atomic(&schema_path, schema::text().as_bytes())?;
                }
            }
        }
        write_atomic(&self.path, new.as_bytes())
    }
}

/// Sets top-level `key` to `value`, keeping the comments around an existing setting.
fn set(doc: &mut DocumentMut, key: &str, mut value: Value) {
    match doc.get_mut(key).and_then(Item::as_value_mut) {
        Some(existing) => {
            *value.decor_mut() = existing.decor().clone();
            *existing = value;
        }
        None => doc[key] = Item::Value(value),
    }
}
