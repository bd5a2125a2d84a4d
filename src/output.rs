//! Messages for the terminal: every one goes through the one sanitizer ([`crate::text`]), and a
//! closed pipe (`whoowns ... | head -1`) ends the output quietly instead of panicking.

use std::io::{self, Write};

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
