//! Workspace files on disk: reading with human-readable errors, and atomic writes.

use std::io;
use std::path::{Path, PathBuf};

use super::diagnostics::render_diagnostics;
use super::load::{Parsed, SourceMap, parse};
use super::model::Workspace;
use super::source::Diagnostic;
use crate::text::sanitize_path;

/// A workspace read from disk, with the exact text it was read from.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub path: PathBuf,
    /// The file's text as read, for comment-preserving saves and change detection.
    pub text: String,
    pub workspace: Workspace,
    pub source_map: SourceMap,
}

/// Why a workspace file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read: {source}", sanitize_path(.path))]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: is a directory, not a workspace file", sanitize_path(.path))]
    IsDirectory { path: PathBuf },
    #[error("{}: is not UTF-8 text (invalid byte at offset {offset})", sanitize_path(.path))]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}", render_diagnostics(.path, .text, .diagnostics))]
    Invalid {
        path: PathBuf,
        text: String,
        diagnostics: Vec<Diagnostic>,
    },
}

/// Reads and validates the workspace at `path`.
pub fn load_file(path: &Path) -> Result<LoadedFile, LoadError> {
    if path.is_dir() {
        return Err(LoadError::IsDirectory { path: path.into() });
    }
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        path: path.into(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        path: path.into(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    load_text(path, text)
}

/// Validates workspace `text` that was read from `path`.
pub fn load_text(path: &Path, text: String) -> Result<LoadedFile, LoadError> {
    match parse(&text) {
        Ok(Parsed {
            workspace,
            source_map,
        }) => Ok(LoadedFile {
            path: path.into(),
            text,
            workspace,
            source_map,
        }),
        Err(diagnostics) => Err(LoadError::Invalid {
            path: path.into(),
            text,
            diagnostics,
        }),
    }
}

/// Whether two paths name the same file on disk (following links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::write_atomic;

    #[cfg(unix)]
    #[test]
    fn atomic_write_follows_links_and_gives_new_files_normal_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.toml");
        std::fs::write(&real, "old").expect("write");
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("real.toml", &link).expect("symlink");
        write_atomic(&link, b"new").expect("write");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "new");
        let fresh = dir.path().join("fresh.md");
        write_atomic(&fresh, b"x").expect("write");
        // The same mode as any newly created file here (0666 less the umask), not 0600.
        let reference = dir.path().join("reference");
        std::fs::File::create(&reference).expect("create");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&fresh), mode(&reference));
        assert!(same_file(&link, &real));
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("w.toml");
        write_atomic(&path, b"first").expect("write");
        write_atomic(&path, b"second").expect("write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "second");
        let leftovers = std::fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn diagnostics_render_with_location_and_marker() {
        let text = "whoowns = 1\n[workspace]\nnmae = \"x\"\n";
        let err = load_text(Path::new("w.toml"), text.into()).expect_err("invalid");
        let shown = err.to_string();
        assert!(shown.contains("--> w.toml:3:1"), "{shown}");
        assert!(shown.contains("3 | nmae = \"x\"\n  | ^^^^"), "{shown}");
        assert!(
            shown.ends_with("problems found; the workspace was not loaded"),
            "{shown}"
        );
    }
}
