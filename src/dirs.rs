//! Where whoowns keeps its own files: the data directory (backups, the default workspace) and
//! the state directory (crash journals, locks), each keyed per workspace file.

use std::io;
use std::path::{Path, PathBuf};

fn project() -> io::Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "whoowns").ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            "no home directory to keep whoowns' files in",
        )
    })
}

/// The data directory (on Linux `$XDG_DATA_HOME/whoowns`, `~/.local/share/whoowns`).
pub fn data_dir() -> io::Result<PathBuf> {
    Ok(project()?.data_dir().to_path_buf())
}

/// The user's own workspace in the data directory (`workspace.toml`), created from the bundled
/// sample on first run: what the board and the shell open without a file.
pub fn default_workspace() -> io::Result<PathBuf> {
    let dir = data_dir()?;
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("workspace.toml");
    if !path.exists() {
        crate::workspace::write_atomic(&path, crate::SAMPLE_WORKSPACE.as_bytes())?;
    }
    Ok(path)
}

/// The state directory (on Linux `$XDG_STATE_HOME/whoowns`, `~/.local/state/whoowns`), or the
/// local data directory where the platform has none.
pub fn state_dir() -> io::Result<PathBuf> {
    let dirs = project()?;
    Ok(dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf())
}

/// `dir/sub`, created (only for the user: journals hold unsaved work) if missing.
pub fn private_subdir(dir: &Path, sub: &str) -> io::Result<PathBuf> {
    let path = dir.join(sub);
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(&path)?;
    Ok(path)
}

/// The absolute path a workspace is known by (links followed where the file exists).
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// A stable key for a workspace file, for file names: its name and a hash of its full path.
pub fn file_key(path: &Path) -> String {
    let full = canonical(path);
    // FNV-1a: the same in every build, unlike the standard hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in full.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let stem: String = full
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(40)
        .collect();
    format!("{stem}-{hash:016x}")
}

/// A content hash for change detection (FNV-1a, 64 bits), as 16 hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_per_path_and_stay_file_name_safe() {
        let a = file_key(Path::new("/tmp/x/w.toml"));
        let b = file_key(Path::new("/tmp/y/w.toml"));
        assert_ne!(a, b);
        assert!(a.starts_with("w.toml-"));
        let evil = file_key(Path::new("/tmp/p\u{1b}]0;X\u{7}/../w.toml"));
        assert!(evil.chars().all(|c| c.is_ascii_graphic()), "{evil}");
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
    }
}
