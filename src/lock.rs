//! An advisory lock per workspace file, held by each open board, so a second board on the same
//! file can warn. It is an OS file lock (`flock`) on a file in the state directory: the kernel
//! drops it when the process ends however it ends, so a crash never leaves it stuck. The file
//! holds the workspace's path, for [`crate::stale::clean`].

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::Path;

use crate::dirs;

/// The lock of one board on one workspace file; released when dropped.
#[derive(Debug)]
pub struct BoardLock {
    _file: Option<File>,
    /// Another board (in any process) already had the file open.
    pub shared: bool,
}

impl BoardLock {
    /// Takes the lock for `workspace` in `state_dir`. Never fails: without a state directory
    /// there is simply no warning.
    pub fn acquire(state_dir: &Path, workspace: &Path) -> BoardLock {
        let file = dirs::private_subdir(state_dir, "locks").and_then(|dir| {
            OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(dir.join(format!("{}.lock", dirs::file_key(workspace))))
        });
        let Ok(file) = file else {
            return BoardLock {
                _file: None,
                shared: false,
            };
        };
        match file.try_lock() {
            Ok(()) => {
                // The lock says its workspace, so it can be cleaned once that file is gone.
                let mut file = file;
                let path = dirs::canonical(workspace);
                let _ = file
                    .set_len(0)
                    .and_then(|()| file.write_all(path.as_os_str().as_encoded_bytes()));
                BoardLock {
                    _file: Some(file),
                    shared: false,
                }
            }
            Err(TryLockError::WouldBlock) => BoardLock {
                _file: None,
                shared: true,
            },
            Err(TryLockError::Error(_)) => BoardLock {
                _file: None,
                shared: false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_board_on_the_same_file_is_told_and_the_lock_goes_with_the_first() {
        let state = tempfile::tempdir().expect("tempdir");
        let ws = state.path().join("w.toml");
        std::fs::write(&ws, "x").expect("write");
        let first = BoardLock::acquire(state.path(), &ws);
        assert!(!first.shared);
        let second = BoardLock::acquire(state.path(), &ws);
        assert!(second.shared);
        let other = state.path().join("other.toml");
        assert!(!BoardLock::acquire(state.path(), &other).shared);
        drop(first);
        assert!(!BoardLock::acquire(state.path(), &ws).shared);
    }
}
