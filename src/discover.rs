//! Finding the workspace the way cargo finds `Cargo.toml`: `./whoowns.toml`, then the parent
//! directories up to the root of the repository (the first directory holding `.git`).

use std::path::{Path, PathBuf};

/// The file name `whoowns` looks for when no file is given.
pub const FILE_NAME: &str = "whoowns.toml";

/// The workspace file for a command run in `start`: `whoowns.toml` in `start` or the nearest
/// parent directory that has one, not looking above the repository root (a directory holding
/// `.git`) or the filesystem root. The path is relative to `start` (`whoowns.toml`,
/// `../whoowns.toml`, ...) when `start` is relative to the current directory.
pub fn find_from(start: &Path) -> Option<PathBuf> {
    let mut up = PathBuf::new();
    let absolute = std::path::absolute(start).ok()?;
    for dir in absolute.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(start.join(&up).join(FILE_NAME));
        }
        if dir.join(".git").exists() {
            return None;
        }
        up.push("..");
    }
    None
}

/// [`find_from`] the current directory, as a path relative to it.
pub fn find() -> Option<PathBuf> {
    let found = find_from(Path::new("."))?;
    // `./whoowns.toml` reads better without the `./`.
    Some(
        found
            .strip_prefix(".")
            .map(Path::to_path_buf)
            .unwrap_or(found),
    )
}

/// What to say when no workspace was found.
pub fn not_found_hint() -> String {
    format!(
        "no {FILE_NAME} in this directory or its parents (up to the repository root); \
         give the workspace file (see --help), or create one with `whoowns init`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_file_and_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = dir.path().join("repo");
        let deep = repo.join("a/b");
        std::fs::create_dir_all(&deep).expect("dirs");
        std::fs::create_dir(repo.join(".git")).expect("git");
        // Above the repository: never found.
        std::fs::write(dir.path().join(FILE_NAME), "").expect("write");
        assert_eq!(find_from(&deep), None);
        std::fs::write(repo.join(FILE_NAME), "").expect("write");
        let found = find_from(&deep).expect("found");
        assert_eq!(found, deep.join("../..").join(FILE_NAME));
        assert!(found.is_file());
        std::fs::write(deep.join(FILE_NAME), "").expect("write");
        assert_eq!(find_from(&deep), Some(deep.join(FILE_NAME)));
    }
}
