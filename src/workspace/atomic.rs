//! Saving a file faithfully and atomically.
//!
//! A regular file is replaced through a temporary file in the same directory (created with the
//! target's mode from the start, flushed to disk, then renamed over it), so readers see the old
//! or the new file, never half. The replaced file's owner, group, mode and extended attributes
//! (ACLs among them) are kept; where they cannot be (another owner, hard links, attributes the
//! process may not set) the write stops with [`WriteError::CannotKeep`] unless the caller allows
//! writing in place. A read-only file is not written over unless asked. A FIFO or a character
//! device is written into, never replaced; a socket or block device is refused.
//!
//! The write comes in two steps, [`prepare`] and [`Prepared::commit`], so a caller can check,
//! under the directory lock and immediately before the rename, that nobody changed the file.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::text::sanitize_path;

/// Temporary files are named `.whoowns-XXXXXX.tmp`; leftovers of a killed save match this.
const TEMP_PREFIX: &str = ".whoowns-";
const TEMP_SUFFIX: &str = ".tmp";

/// What the caller allows beyond a plain atomic replace.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Write over a file that has no write permission.
    pub overwrite_read_only: bool,
    /// Where a replace cannot keep the file's owner, links or attributes, write into the file
    /// instead (not atomic, but the file keeps everything it had).
    pub in_place_if_needed: bool,
}

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target has no write permission; [`WriteOptions::overwrite_read_only`] allows it.
    #[error("{} is read-only", sanitize_path(.0))]
    ReadOnly(PathBuf),
    /// Replacing the file would lose something; [`WriteOptions::in_place_if_needed`] keeps it.
    #[error("replacing {} would not keep its {what}", sanitize_path(.path))]
    CannotKeep { path: PathBuf, what: String },
    /// A socket, block device or other special file that is not written to.
    #[error("{} is a {kind}, not a file to write to", sanitize_path(.path))]
    Special { path: PathBuf, kind: &'static str },
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl From<WriteError> for io::Error {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::Io(e) => e,
            WriteError::ReadOnly(_) => {
                io::Error::new(io::ErrorKind::PermissionDenied, e.to_string())
            }
            other => io::Error::other(other.to_string()),
        }
    }
}

/// A write ready to be committed: either a temporary file waiting to be renamed over the
/// target, or nothing left to do (the bytes went into a FIFO, a device or the file itself).
#[derive(Debug)]
pub enum Prepared {
    Replace(PendingReplace),
    Done,
}

/// A temporary file holding the new content, locked so a cleanup never takes it for a leftover.
#[derive(Debug)]
pub struct PendingReplace {
    target: PathBuf,
    dir: PathBuf,
    temp: tempfile::NamedTempFile,
}

/// Writes `bytes` to `path` in one step (see the module docs), following symbolic links.
pub fn write_file(path: &Path, bytes: &[u8], options: WriteOptions) -> Result<(), WriteError> {
    prepare(path, bytes, options)?.commit(|| Ok::<(), WriteError>(()))
}

/// Writes `bytes` atomically with the default options: a read-only target or one whose owner,
/// links or attributes a replace would lose is refused with an explaining error.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_file(path, bytes, WriteOptions::default()).map_err(io::Error::from)
}

/// Like [`write_file`], for a file made from the workspace at `source` (a charter, a CSV, a
/// backup): its permission bits are at most the workspace's, so a private workspace never
/// gives a copy others can read. The owner keeps reading and writing what whoowns writes.
pub fn write_derived(
    path: &Path,
    bytes: &[u8],
    options: WriteOptions,
    source: &Path,
) -> Result<(), WriteError> {
    let limit = std::fs::metadata(source).map_or(0o600, |meta| mode_of(&meta) & 0o777) | 0o600;
    prepare_limited(path, bytes, options, limit)?.commit(|| Ok::<(), WriteError>(()))
}

/// The first step of a write: checks the target, cleans leftovers of killed saves beside it and
/// writes the new content to a temporary file with the target's owner, mode and attributes
/// (or, for special files and allowed in-place writes, writes it straight away).
pub fn prepare(path: &Path, bytes: &[u8], options: WriteOptions) -> Result<Prepared, WriteError> {
    prepare_limited(path, bytes, options, 0o7777)
}

/// [`prepare`], with the new file's permission bits at most `limit`.
fn prepare_limited(
    path: &Path,
    bytes: &[u8],
    options: WriteOptions,
    limit: u32,
) -> Result<Prepared, WriteError> {
    // Special files first, through the path as given (`/dev/fd/N` names are not plain links).
    if let Ok(meta) = std::fs::metadata(path)
        && let Some(kind) = special_kind(&meta)
    {
        if kind == "FIFO" || kind == "character device" {
            write_into(path, bytes, false)?;
            return Ok(Prepared::Done);
        }
        return Err(WriteError::Special {
            path: path.into(),
            kind,
        });
    }
    let target = resolve_links(path)?;
    let existing = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(
                io::Error::other(format!("{} is a directory", sanitize_path(&target))).into(),
            );
        }
        if meta.permissions().readonly() && !options.overwrite_read_only {
            return Err(WriteError::ReadOnly(target));
        }
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    clean_leftovers(&dir);
    let mode = existing.as_ref().map_or(0o666, mode_of) & limit;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut temp = builder.tempfile_in(&dir)?;
    // Held until the rename: a concurrent cleanup sees the file is in use.
    let _ = temp.as_file().try_lock();
    if let Some(meta) = &existing
        && let Err(what) = keep_identity(temp.as_file(), &target, meta, limit)
    {
        drop(temp);
        if options.in_place_if_needed {
            write_into(&target, bytes, true)?;
            limit_mode(&target, meta, limit)?;
            return Ok(Prepared::Done);
        }
        return Err(WriteError::CannotKeep { path: target, what });
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(Prepared::Replace(PendingReplace { target, dir, temp }))
}

impl Prepared {
    /// The second step: under an exclusive lock on the directory, runs `check` (for example
    /// "the file on disk is still what we read") and, if it passes, renames the temporary file
    /// over the target and flushes the directory. A failed check leaves the target untouched.
    /// A write that already happened in [`prepare`] (into a FIFO, a device or, when allowed, the
    /// file itself) has nothing left to check: check before preparing it.
    pub fn commit<E: From<io::Error>>(
        self,
        check: impl FnOnce() -> Result<(), E>,
    ) -> Result<(), E> {
        match self {
            Prepared::Done => Ok(()),
            Prepared::Replace(pending) => pending.commit(check),
        }
    }
}

impl PendingReplace {
    fn commit<E: From<io::Error>>(self, check: impl FnOnce() -> Result<(), E>) -> Result<(), E> {
        // Two savers of one file take turns here, so no check can go stale before its rename.
        // (A directory that cannot be opened for reading cannot be locked either: the check
        // still runs right before the rename.)
        let dir = File::open(&self.dir).ok();
        if let Some(dir) = &dir {
            dir.lock()?;
        }
        check()?;
        self.temp.persist(&self.target).map_err(|e| e.error)?;
        if let Some(dir) = &dir {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// Writes `bytes` into the existing file at `path` (truncating a regular file first).
fn write_into(path: &Path, bytes: &[u8], truncate: bool) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .truncate(truncate)
        .open(path)?;
    file.write_all(bytes)?;
    file.flush()?;
    if truncate {
        file.sync_all()?;
    }
    Ok(())
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        Some("FIFO")
    } else if t.is_char_device() {
        Some("character device")
    } else if t.is_block_device() {
        Some("block device")
    } else if t.is_socket() {
        Some("socket")
    } else {
        None
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &std::fs::Metadata) -> Option<&'static str> {
    None
}

#[cfg(unix)]
fn mode_of(meta: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode_of(_meta: &std::fs::Metadata) -> u32 {
    0o666
}

/// Gives the temporary file the target's owner, group, exact mode and extended attributes.
/// Returns what could not be kept.
#[cfg(unix)]
fn keep_identity(
    temp: &File,
    target: &Path,
    meta: &std::fs::Metadata,
    limit: u32,
) -> Result<(), String> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    if meta.nlink() > 1 {
        return Err(format!(
            "other hard links ({} names share it)",
            meta.nlink()
        ));
    }
    let ours = temp.metadata().map_err(|e| e.to_string())?;
    if ours.uid() != meta.uid() || ours.gid() != meta.gid() {
        let owner = std::os::unix::fs::fchown(temp, Some(meta.uid()), Some(meta.gid()));
        if owner.is_err() {
            let group = std::os::unix::fs::fchown(temp, None, Some(meta.gid()));
            return Err(if ours.uid() != meta.uid() {
                "owner".into()
            } else if group.is_err() {
                "group".into()
            } else {
                "owner".into()
            });
        }
    }
    temp.set_permissions(std::fs::Permissions::from_mode(mode_of(meta) & limit))
        .map_err(|e| format!("mode ({e})"))?;
    copy_xattrs(target, temp)
}

#[cfg(not(unix))]
fn keep_identity(
    _temp: &File,
    _target: &Path,
    _meta: &std::fs::Metadata,
    _limit: u32,
) -> Result<(), String> {
    Ok(())
}

/// Takes away from the file at `path` (as `meta` describes it) the permission bits beyond
/// `limit`.
#[cfg(unix)]
fn limit_mode(path: &Path, meta: &std::fs::Metadata, limit: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = mode_of(meta);
    if mode & limit == mode {
        return Ok(());
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & limit))
}

#[cfg(not(unix))]
fn limit_mode(_path: &Path, _meta: &std::fs::Metadata, _limit: u32) -> io::Result<()> {
    Ok(())
}

/// Copies every extended attribute (ACLs are `system.posix_acl_*` attributes) of `from`.
#[cfg(unix)]
fn copy_xattrs(from: &Path, to: &File) -> Result<(), String> {
    use xattr::FileExt;
    let names = match xattr::list(from) {
        Ok(names) => names,
        // A file system without extended attributes has none to keep.
        Err(e) if e.raw_os_error() == Some(95) => return Ok(()),
        Err(e) => return Err(format!("extended attributes ({e})")),
    };
    for name in names {
        let Ok(Some(value)) = xattr::get(from, &name) else {
            continue;
        };
        // A label the new file already carries (an SELinux context, say) needs no setting.
        if to.get_xattr(&name).ok().flatten().as_deref() == Some(value.as_slice()) {
            continue;
        }
        if let Err(e) = to.set_xattr(&name, &value) {
            return Err(format!(
                "extended attribute {} ({e})",
                crate::text::sanitize(&name.to_string_lossy())
            ));
        }
    }
    Ok(())
}

/// Removes `.whoowns-*.tmp` files in `dir` left by a save that was killed: one whose writer is
/// still alive holds a lock on it and is kept.
pub fn clean_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        // Only regular files, and not one created this very moment (its writer may not have
        // locked it yet).
        let fresh = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_none_or(|age| age.as_secs() < 5);
        if !meta.is_file() || fresh {
            continue;
        }
        if let Ok(file) = File::open(&path)
            && file.try_lock().is_ok()
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Follows symbolic links (even one whose target does not exist yet) to the file they name.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        sanitize_path(path)
    )))
}
