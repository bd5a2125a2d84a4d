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

/// Writes `files` into `dir` (see [`Writer`]).
pub fn write(dir: &Path, files: &[SplitFile], workspace: &Path, force: bool) -> io::Result<()> {
    let mut writer = Writer::new(dir, workspace, force)?;
    for file in files {
        writer.file(file)?;
    }
    writer.finish().map(drop)
}

/// Writes a split charter into a directory one file at a time, as the files are rendered (see
/// [`crate::charter::render_split_to`]): each atomically and with the permission bits of the
/// workspace at most; at the end the files an earlier export wrote and this one did not are
/// removed, and the list of the files written is kept in [`MARKER`].
pub struct Writer<'w> {
    dir: &'w Path,
    workspace: &'w Path,
    /// The files an earlier export listed.
    previous: Vec<String>,
    /// The files written, one name a line.
    list: String,
    written: HashSet<String>,
}

impl<'w> Writer<'w> {
    /// Readies `dir` (created if missing); refuses a non-empty directory that holds no
    /// [`MARKER`] unless `force`.
    pub fn new(dir: &'w Path, workspace: &'w Path, force: bool) -> io::Result<Self> {
        let previous = owned_files(dir, force)?;
        std::fs::create_dir_all(dir)?;
        Ok(Writer {
            dir,
            workspace,
            previous,
            list: String::new(),
            written: HashSet::new(),
        })
    }

    /// Writes one file.
    pub fn file(&mut self, file: &SplitFile) -> io::Result<()> {
        // Names are made from ids: never a path, but checked all the same.
        if file.name.is_empty() || file.name.contains(['/', '\\']) || file.name.starts_with('.') {
            return Err(io::Error::other(format!(
                "unexpected file name {:?}",
                file.name
            )));
        }
        if !self.written.insert(file.name.clone()) {
            return Err(io::Error::other(format!("{} written twice", file.name)));
        }
        write_derived(
            &self.dir.join(&file.name),
            file.text.as_bytes(),
            WriteOptions::default(),
            self.workspace,
        )
        .map_err(|e| io::Error::other(format!("{}: {e}", file.name)))?;
        self.list.push_str(&file.name);
        self.list.push('\n');
        Ok(())
    }

    /// Removes what an earlier export wrote and this one did not, and records the files
    /// written; returns how many there were.
    pub fn finish(self) -> io::Result<usize> {
        for stale in (self.previous.iter()).filter(|name| !self.written.contains(name.as_str())) {
            match std::fs::remove_file(self.dir.join(stale)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        write_derived(
            &self.dir.join(MARKER),
            self.list.as_bytes(),
            WriteOptions::default(),
            self.workspace,
        )
        .map_err(|e| io::Error::other(format!("{MARKER}: {e}")))?;
        Ok(self.written.len())
    }
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
