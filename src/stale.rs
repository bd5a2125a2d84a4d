//! Cleaning what whoowns leaves behind for files that no longer exist: board locks, crash
//! journals and backup folders, once untouched for the days kept (the settings' `keep_days`).
//! What belongs to a file that exists, what a running board holds, and what cannot be told
//! apart (a lock or backup folder that does not say its file) stays.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::journal::{self, Lock};

/// What [`clean`] removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Cleaned {
    pub locks: usize,
    pub journals: usize,
    pub backups: usize,
}

/// Removes the locks and journals under `state_dir` and the backup folders under `data_dir`
/// of workspace files that no longer exist, untouched for longer than `keep`.
pub fn clean(state_dir: &Path, data_dir: Option<&Path>, keep: Duration) -> Cleaned {
    let cutoff = SystemTime::now().checked_sub(keep);
    let old = |path: &Path| {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        matches!((modified, cutoff), (Some(m), Some(c)) if m < c)
    };
    let gone = |file: &Path| !file.as_os_str().is_empty() && !file.exists();
    let mut cleaned = Cleaned::default();
    for path in entries(&state_dir.join(journal::DIR), "json") {
        let Some(entry) = journal::read_entry(&path) else {
            continue;
        };
        let lock = path.with_extension("lock");
        if gone(&entry.file.path) && old(&path) && !matches!(journal::free_lock(&lock), Lock::Held)
        {
            let _ = std::fs::remove_file(&path);
            let _ = std::fs::remove_file(&lock);
            cleaned.journals += 1;
        }
    }
    // The lock of a board killed after its journal went: it holds nothing, and no board
    // holds it.
    for path in entries(&state_dir.join(journal::DIR), "lock") {
        if !path.with_extension("json").exists()
            && let Lock::Free(_held) = journal::free_lock(&path)
        {
            let _ = std::fs::remove_file(&path);
            cleaned.locks += 1;
        }
    }
    for path in entries(&state_dir.join("locks"), "lock") {
        // A lock file says its workspace (one of an older whoowns says nothing: it holds no
        // data either, and goes once old).
        let file = std::fs::read_to_string(&path).unwrap_or_default();
        let unclaimed = file.is_empty() || gone(Path::new(&file));
        if unclaimed && old(&path) && matches!(journal::free_lock(&path), Lock::Free(_)) {
            let _ = std::fs::remove_file(&path);
            cleaned.locks += 1;
        }
    }
    if let Some(data) = data_dir {
        for dir in entries(&data.join("backups"), "") {
            let Ok(origin) = std::fs::read_to_string(dir.join("origin")) else {
                continue;
            };
            let newest_old = std::fs::read_dir(&dir)
                .map(|all| all.flatten().all(|e| old(&e.path())))
                .unwrap_or(false);
            if gone(Path::new(&origin)) && newest_old && std::fs::remove_dir_all(&dir).is_ok() {
                cleaned.backups += 1;
            }
        }
    }
    cleaned
}

/// The entries of `dir` whose extension is `extension` (directories for "").
fn entries(dir: &Path, extension: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|all| {
            all.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    if extension.is_empty() {
                        p.is_dir()
                    } else {
                        p.extension().is_some_and(|x| x == extension)
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::parse;

    fn age(path: &Path, days: u64) {
        let file = std::fs::File::options()
            .write(true)
            .open(path)
            .or_else(|_| std::fs::File::open(path))
            .expect("open");
        file.set_modified(SystemTime::now() - Duration::from_secs(days * 86_400))
            .expect("time");
    }

    #[test]
    fn only_old_traces_of_files_that_are_gone_go() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (state, data) = (dir.path().join("state"), dir.path().join("data"));
        let text = "whoowns = 1\n[workspace]\nname = \"T\"\n";
        let ws = parse(text).expect("valid").workspace;
        let mut traces = Vec::new();
        for name in ["gone.toml", "here.toml", "young.toml"] {
            let file = dir.path().join(name);
            std::fs::write(&file, text).expect("write");
            let journal = journal::Journal::for_board(&state, &file);
            drop(journal.lock().expect("lock"));
            journal
                .write(&journal::entry(&file, text, &ws))
                .expect("journal");
            drop(crate::lock::BoardLock::acquire(&state, &file));
            crate::backup::keep(&data, &file, text.as_bytes()).expect("backup");
            let backups = crate::backup::dir_for(&data, &file);
            let mut all = vec![journal.path().to_path_buf(), journal.lock_path()];
            all.extend(
                std::fs::read_dir(&backups)
                    .expect("dir")
                    .flatten()
                    .map(|e| e.path()),
            );
            all.push(
                state
                    .join("locks")
                    .join(format!("{}.lock", crate::dirs::file_key(&file))),
            );
            traces.push((file, all, backups));
        }
        for (file, all, _) in &traces[..2] {
            for path in all {
                age(path, 40);
            }
            let _ = file;
        }
        for (file, _, _) in &traces {
            if !file.ends_with("here.toml") {
                std::fs::remove_file(file).expect("remove");
            }
        }
        let cleaned = clean(&state, Some(&data), Duration::from_secs(30 * 86_400));
        assert_eq!(
            cleaned,
            Cleaned {
                locks: 1,
                journals: 1,
                backups: 1
            }
        );
        assert!(!traces[0].2.exists(), "the old backups of the gone file");
        assert!(traces[1].2.exists(), "the backups of a file that exists");
        assert!(traces[2].2.exists(), "young backups of a gone file");
        for path in &traces[1].1 {
            assert!(path.exists(), "{path:?}");
        }
    }
}
