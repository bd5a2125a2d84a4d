//! The colours that carry meaning, shared by the board's default theme and the command line's
//! reports, so a finding looks the same in `whoowns check` and on the board.

/// A meaning that has a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Error,
    Warning,
    Info,
    /// Settled, clean, added.
    Ok,
    /// Removed in a diff.
    Removed,
}

impl Ink {
    /// The colour as an index of the terminal's 16-colour palette: only bright colours, which
    /// read on a dark background from the back of a room (no dim yellow, no dark grey).
    pub const fn ansi(self) -> u8 {
        match self {
            Ink::Error | Ink::Removed => 9,
            Ink::Warning => 11,
            Ink::Info => 14,
            Ink::Ok => 10,
        }
    }
}
