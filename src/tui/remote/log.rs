//! The server's log (`serve.log` in the state directory, owner-only): a line for each failed
//! login and each connection dropped for taking too long, and a summary of the connections
//! dropped to make room. The board owns the terminal meanwhile, so nothing goes to stderr.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::text::sanitize;

/// The log's file name in the state directory.
pub const LOG_FILE: &str = "serve.log";
/// Past this size the log is renamed to `serve.log.old` (replacing an older one) and begun anew.
const MAX_LOG_BYTES: u64 = 1 << 20;
/// Text from a client (a user name) is cut to this many characters.
const MAX_CLIENT_TEXT: usize = 40;

#[derive(Debug)]
struct Open {
    path: PathBuf,
    file: File,
    size: u64,
}

/// Where the server writes what a facilitator may want to look into later.
#[derive(Debug, Default)]
pub struct ServeLog {
    open: Mutex<Option<Open>>,
}

fn open_append(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Text a client sent, made safe for a terminal (`cat serve.log`) and cut.
pub fn client_text(text: &str) -> String {
    sanitize(text).chars().take(MAX_CLIENT_TEXT).collect()
}

impl ServeLog {
    /// A log that writes nothing.
    pub fn none() -> ServeLog {
        ServeLog::default()
    }

    /// A log appending to `path` (made owner-only if new).
    pub fn open(path: &Path) -> io::Result<ServeLog> {
        let file = open_append(path)?;
        let size = file.metadata()?.len();
        Ok(ServeLog {
            open: Mutex::new(Some(Open {
                path: path.to_path_buf(),
                file,
                size,
            })),
        })
    }

    /// Where the log is written, if anywhere.
    pub fn path(&self) -> Option<PathBuf> {
        self.lock().as_ref().map(|open| open.path.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Open>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes a line: the local time, the client's address and `what` (sanitized). A log that
    /// cannot be written is given up on quietly: the workshop goes on.
    pub fn line(&self, source: SocketAddr, what: &str) {
        let mut guard = self.lock();
        let Some(open) = guard.as_mut() else {
            return;
        };
        let time = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z");
        let line = format!("{time} {source} {}\n", sanitize(what));
        if open.size + line.len() as u64 > MAX_LOG_BYTES {
            let old = open.path.with_extension("log.old");
            let renewed = std::fs::rename(&open.path, &old).and_then(|()| open_append(&open.path));
            match renewed {
                Ok(file) => {
                    open.file = file;
                    open.size = 0;
                }
                Err(_) => {
                    *guard = None;
                    return;
                }
            }
        }
        if open.file.write_all(line.as_bytes()).is_ok() {
            open.size += line.len() as u64;
        } else {
            *guard = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_sanitized_and_the_log_is_renewed_when_large() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join(LOG_FILE);
        let log = ServeLog::open(&path).expect("opens");
        let source: SocketAddr = "192.0.2.7:2222".parse().expect("address");
        let user = client_text("eve\x1b]0;owned\x07\u{202e}");
        log.line(
            source,
            &format!("failed login: wrong passcode (user \"{user}\")"),
        );
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            text.contains(" 192.0.2.7:2222 failed login: wrong passcode"),
            "{text}"
        );
        assert!(
            !text.contains('\x1b') && !text.contains('\u{202e}'),
            "{text:?}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let long = "x".repeat(1000);
        for _ in 0..1100 {
            log.line(source, &long);
        }
        assert!(std::fs::metadata(&path).expect("meta").len() <= MAX_LOG_BYTES);
        assert!(dir.path().join("serve.log.old").exists());
        ServeLog::none().line(source, "nowhere");
    }
}
