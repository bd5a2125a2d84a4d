//! The crash journal: unsaved work on a workspace, kept in the state directory so that a
//! killed board, a closed terminal or a dead laptop loses nothing.
//!
//! Each board (each process) keeps its own journal, `journal/<file key>.<board>.json`, beside a
//! lock file the board holds while it runs: two boards on one file never overwrite each other's
//! work, and the next open offers each dead board's work on its own ([`Journal::found`]). A
//! journal holds the whole edited workspace as TOML, the text the edits started from, and the
//! identity of that file (path, device, inode, content hash), by which it follows a renamed
//! workspace. A [`JournalWriter`] thread writes it off the keystroke path; a save journals the
//! state it saves first and removes the journal right after, so at every instant the journal
//! either holds unsaved work or exactly the saved text (then [`Recovery::new`] drops it).

mod recovery;
mod writer;

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dirs;
use crate::workspace::{Workspace, WriteOptions, to_toml, update_document, write_derived};

pub use recovery::{Basis, Recovery, restore_change, summarize};
pub use writer::JournalWriter;

/// The journal format's version.
const VERSION: u32 = 1;

/// The journal directory's name in the state directory.
pub const DIR: &str = "journal";

/// The journal of one board on one workspace file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    path: PathBuf,
}

/// The file a journal's edits started from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileIdentity {
    pub path: PathBuf,
    pub device: u64,
    pub inode: u64,
    /// [`dirs::content_hash`] of the file's text when the edits started.
    pub content_hash: String,
    /// When that version of the file was written (seconds since 1970; 0 if unknown).
    #[serde(default)]
    pub modified: u64,
}

/// What a journal file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub version: u32,
    pub file: FileIdentity,
    /// Seconds since 1970 when the journal was written.
    pub written_at: u64,
    /// The edited workspace, as the file would be saved.
    pub text: String,
    /// The file's text the edits started from (absent in journals of older versions).
    #[serde(default)]
    pub base: Option<String>,
    /// The process that wrote it.
    #[serde(default)]
    pub pid: u32,
}

/// A journal found for a file being opened, whose board is no longer running. Holding it
/// keeps another board from offering the same journal at the same time.
#[derive(Debug)]
pub struct Found {
    pub journal: Journal,
    pub entry: Entry,
    _lock: Option<File>,
}

impl Journal {
    /// A new journal for this board's edits of `workspace`, in `state_dir`.
    pub fn for_board(state_dir: &Path, workspace: &Path) -> Journal {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let board = format!("{}-{:x}", std::process::id(), nanos);
        Journal {
            path: state_dir
                .join(DIR)
                .join(format!("{}.{board}.json", dirs::file_key(workspace))),
        }
    }

    /// The journal file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The lock file its board holds while it runs.
    pub fn lock_path(&self) -> PathBuf {
        self.path.with_extension("lock")
    }

    /// Creates and takes the board's lock (before the first write). A lock file removed by a
    /// cleanup between its creation and the lock is made again, so the lock taken is always on
    /// the file that the path names.
    pub fn lock(&self) -> io::Result<File> {
        self.ensure_dir()?;
        let path = self.lock_path();
        for _ in 0..3 {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)?;
            file.try_lock().map_err(io::Error::other)?;
            if same_inode(&file, &path) {
                return Ok(file);
            }
        }
        Err(io::Error::other(
            "the journal's lock file keeps disappearing",
        ))
    }

    fn ensure_dir(&self) -> io::Result<()> {
        if let Some(parent) = self.path.parent()
            && let (Some(state), Some(name)) = (parent.parent(), parent.file_name())
        {
            dirs::private_subdir(state, &name.to_string_lossy())?;
        }
        Ok(())
    }

    /// Writes `entry` atomically (the journal directory is private to the user), with the
    /// workspace's permission bits at most.
    pub fn write(&self, entry: &Entry) -> io::Result<()> {
        self.ensure_dir()?;
        let json = serde_json::to_vec(entry).map_err(io::Error::other)?;
        write_derived(&self.path, &json, WriteOptions::default(), &entry.file.path)
            .map_err(io::Error::from)
    }

    /// The journal's entry, if there is a readable one.
    pub fn read(&self) -> Option<Entry> {
        read_entry(&self.path)
    }

    /// Whether a journal file exists (readable or not).
    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    /// Removes the journal (the edits were saved or discarded).
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
    }

    /// Removes the journal and its lock file (the board is done with it).
    pub fn remove_all(&self) {
        self.remove();
        let _ = std::fs::remove_file(self.lock_path());
    }

    /// The journals in `state_dir` of boards no longer running that belong to the file at
    /// `workspace` (whose text is `disk_text`), oldest first. A journal belongs to it when it
    /// was made on this path, or when the path it was made on is gone and this file is that
    /// file renamed: the same device and inode, or the text the edits started from.
    pub fn found(state_dir: &Path, workspace: &Path, disk_text: &str) -> Vec<Found> {
        let Ok(entries) = std::fs::read_dir(state_dir.join(DIR)) else {
            return Vec::new();
        };
        let now = identity(workspace, disk_text);
        let mut found: Vec<Found> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter_map(|path| {
                let entry = read_entry(&path)?;
                let renamed = || {
                    !entry.file.path.exists()
                        && ((entry.file.device, entry.file.inode) == (now.device, now.inode)
                            && now.inode != 0
                            || entry.file.content_hash == now.content_hash)
                };
                if entry.file.path != now.path && !renamed() {
                    return None;
                }
                let journal = Journal { path };
                let lock = match free_lock(&journal.lock_path()) {
                    Lock::Held => return None,
                    Lock::Free(file) => Some(file),
                    Lock::None => None,
                };
                Some(Found {
                    journal,
                    entry,
                    _lock: lock,
                })
            })
            .collect();
        found.sort_by_key(|f| f.entry.written_at);
        found
    }
}

/// Whether `file` is the file at `path` (not one since removed or replaced).
fn same_inode(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// Whether the lock file at `path` is held by a running board.
pub(crate) enum Lock {
    /// A running board holds it.
    Held,
    /// Nobody held it; now this process does.
    Free(File),
    /// There is no lock file (or it cannot be opened).
    None,
}

/// Tries to take the lock file at `path` without creating it.
pub(crate) fn free_lock(path: &Path) -> Lock {
    let Ok(file) = OpenOptions::new().write(true).open(path) else {
        return Lock::None;
    };
    match file.try_lock() {
        Ok(()) => Lock::Free(file),
        Err(TryLockError::WouldBlock) => Lock::Held,
        Err(TryLockError::Error(_)) => Lock::None,
    }
}

/// The entry in the journal file at `path`, if it is a readable one.
pub(crate) fn read_entry(path: &Path) -> Option<Entry> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice::<Entry>(&bytes)
        .ok()
        .filter(|e| e.version == VERSION)
}

/// The identity of the file at `path` whose text is `text`.
pub fn identity(path: &Path, text: &str) -> FileIdentity {
    let meta = std::fs::metadata(path).ok();
    #[cfg(unix)]
    let (device, inode) = {
        use std::os::unix::fs::MetadataExt;
        meta.as_ref().map_or((0, 0), |m| (m.dev(), m.ino()))
    };
    #[cfg(not(unix))]
    let (device, inode) = (0, 0);
    let modified = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    FileIdentity {
        path: dirs::canonical(path),
        device,
        inode,
        content_hash: dirs::content_hash(text.as_bytes()),
        modified,
    }
}

/// The journal entry for `workspace`, edited from the file at `path` whose text was `disk_text`.
pub fn entry(path: &Path, disk_text: &str, workspace: &Workspace) -> Entry {
    let text = update_document(disk_text, workspace).unwrap_or_else(|_| to_toml(workspace));
    Entry {
        version: VERSION,
        file: identity(path, disk_text),
        written_at: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        text,
        base: Some(disk_text.to_owned()),
        pid: std::process::id(),
    }
}

#[cfg(test)]
mod tests;
