//! Messages for the terminal: every one goes through the one sanitizer ([`crate::text`]), and a
//! closed pipe (`whoowns ... | head -1`) ends the output quietly instead of panicking.

use std::io::{self, IsTerminal, Write};

/// Writes `text` and a line break to standard error, made safe to show. Errors (a closed pipe,
/// a full disk) are ignored: there is nowhere left to report them.
pub fn error(text: impl AsRef<str>) {
    let _ = writeln!(
        io::stderr().lock(),
        "{}",
        crate::text::sanitize_lines(text.as_ref())
    );
}

/// Writes `text` and a line break to standard output, made safe to show; errors are ignored.
pub fn info(text: impl AsRef<str>) {
    let _ = writeln!(
        io::stdout().lock(),
        "{}",
        crate::text::sanitize_lines(text.as_ref())
    );
}

/// Writes a document (a charter, CSV, TOML, a diff) to standard output: on a terminal made
/// safe to show (every control and invisible character replaced, line breaks kept), to a file
/// or a pipe exactly as it is, so data stays faithful. A closed pipe is no error.
pub fn document(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let written = if out.is_terminal() {
        out.write_all(crate::text::sanitize_lines(text).as_bytes())
    } else {
        out.write_all(text.as_bytes())
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
