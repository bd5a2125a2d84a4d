//! `export --split DIR`: the charter as files in a directory (see [`crate::charter::render_split`]).
//!
//! The directory gets a list of the files written (`.whoowns-split`), so a later export knows
//! the directory is its own: it replaces those files and removes the ones the new charter no
//! longer has. A directory holding anything else is refused unless `--force`.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use crate::charter::SplitFile;
use crate::text::sanitize_path;
use crate::workspace::{WriteOptions, write_derived};

/// The list of the files a split export wrote, in the directory it wrote them to.
pub const MARKER: &str = ".whoowns-split";

/// Writes `files` into `dir` (created if missing), each atomically and with the permission bits
/// of `workspace` at most; refuses a non-empty directory that holds no [`MARKER`] unless
/// `force`.
pub fn write(dir: &Path, files: &[SplitFile], workspace: &Path, force: bool) -> io::Result<()> {
    let previous = owned_files(dir, force)?;
    std::fs::create_dir_all(dir)?;
    let mut list = String::new();
    for file in files {
        // Names are made from ids: never a path, but checked all the same.
        if file.name.is_empty() || file.name.contains(['/', '\\']) || file.name.starts_with('.') {
            return Err(io::Error::other(format!(
                "unexpected file name {:?}",
                file.name
            )));
        }
        write_derived(
            &dir.join(&file.name),
            file.text.as_bytes(),
            WriteOptions::default(),
            workspace,
        )
        .map_err(|e| io::Error::other(format!("{}: {e}", file.name)))?;
        list.push_str(&file.name);
        list.push('\n');
    }
    let written: HashSet<&str> = files.iter().map(|f| f.name.as_str()).collect();
    for stale in previous
        .iter()
        .filter(|name| !written.contains(name.as_str()))
    {
        match std::fs::remove_file(dir.join(stale)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    write_derived(
        &dir.join(MARKER),
        list.as_bytes(),
        WriteOptions::default(),
        workspace,
    )
    .map_err(|e| io::Error::other(format!("{MARKER}: {e}")))
}

/// The files an earlier split export listed in `dir`, or why `dir` may not be written into.
fn owned_files(dir: &Path, force: bool) -> io::Result<Vec<String>> {
    let mut entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let marker = dir.join(MARKER);
    match std::fs::read_to_string(&marker) {
        Ok(list) => Ok(list
            .lines()
            .filter(|name| {
                !name.is_empty() && !name.contains(['/', '\\']) && !name.starts_with('.')
            })
            .map(str::to_owned)
            .collect()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if force || entries.next().is_none() {
                Ok(Vec::new())
            } else {
                Err(io::Error::other(format!(
                    "{} holds files that whoowns did not write; choose an empty directory, or add --force to write into it anyway",
                    sanitize_path(dir)
                )))
            }
        }
        Err(e) => Err(e),
    }
}
