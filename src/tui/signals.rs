//! Signals from outside, fed to the event loop (never handled inside a signal handler):
//! SIGTERM, SIGHUP and SIGINT end the board after journaling its work and restoring the
//! terminal; SIGTSTP suspends it with the terminal restored; SIGCONT redraws.

use std::io;

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::{Handle, Signals};

/// What a signal asks of the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalEvent {
    /// End now (the signal's number, for the exit status 128 + N).
    End(i32),
    /// Stop until continued (Ctrl+Z from a shell's job control, or `kill -TSTP`).
    Suspend,
    /// Continued after a stop: the screen must be drawn again.
    Resume,
}

/// Signals caught by a background thread and handed to the event loop as they come.
#[derive(Debug)]
pub struct SignalFeed {
    handle: Handle,
}

impl SignalFeed {
    /// Starts catching the signals; `forward` gets each one (and returns `false` once the
    /// loop is gone).
    pub fn install(
        forward: impl Fn(SignalEvent) -> bool + Send + 'static,
    ) -> io::Result<SignalFeed> {
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
        let handle = signals.handle();
        std::thread::Builder::new()
            .name("whoowns-signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    let event = match signal {
                        SIGTSTP => SignalEvent::Suspend,
                        SIGCONT => SignalEvent::Resume,
                        other => SignalEvent::End(other),
                    };
                    if !forward(event) {
                        break;
                    }
                }
            })?;
        Ok(SignalFeed { handle })
    }
}

impl Drop for SignalFeed {
    fn drop(&mut self) {
        self.handle.close();
    }
}

/// Stops the process as SIGTSTP would have by default; returns once it is continued.
pub fn stop_self() {
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
}
