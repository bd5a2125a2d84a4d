//! Where the commands read from: a file, or standard input when the path is `-` (as most
//! command-line tools read it; write `./-` for a file named `-`).

use std::io::{self, Read};
use std::path::Path;

use crate::text::sanitize_path;
use crate::workspace::{LoadError, LoadedFile, load_file, load_text};

/// How standard input is named in messages and reports.
pub const STDIN_NAME: &str = "<stdin>";

/// Whether `path` means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// `path` as messages show it: sanitized, and [`STDIN_NAME`] for `-`.
pub fn shown(path: &Path) -> String {
    if is_stdin(path) {
        STDIN_NAME.to_owned()
    } else {
        sanitize_path(path)
    }
}

/// The bytes of `path`, or of standard input for `-`.
pub fn read_bytes(path: &Path) -> io::Result<Vec<u8>> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

/// Reads and validates the workspace at `path`, or on standard input for `-` (then named
/// [`STDIN_NAME`] in every message).
pub fn load(path: &Path) -> Result<LoadedFile, LoadError> {
    if !is_stdin(path) {
        return load_file(path);
    }
    let name = Path::new(STDIN_NAME);
    let bytes = read_bytes(path).map_err(|source| LoadError::Read {
        path: name.into(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        path: name.into(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    load_text(name, text)
}

/// When more than one of `paths` is `-`, what to say (standard input can be read once).
pub fn stdin_twice(paths: &[&Path]) -> Option<String> {
    (paths.iter().filter(|p| is_stdin(p)).count() > 1).then(|| {
        "error: `-` (standard input) can be given only once; save one of the versions to a file"
            .to_owned()
    })
}
