//! Everything the event loop waits for, in one queue: terminal events (read by a thread of
//! their own) and signals. The loop blocks on the queue, so an idle board uses no CPU.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

use super::signals::{SignalEvent, SignalFeed};

/// One thing that happened.
#[derive(Debug)]
pub enum Input {
    Terminal(Event),
    Signal(SignalEvent),
    /// Reading the terminal failed (it went away).
    Failed(io::Error),
    /// A remote participant's connection told the board something (`whoowns serve`).
    Remote(super::remote::RemoteEvent),
}

/// The queue of inputs, and the signal catcher feeding it.
#[derive(Debug)]
pub struct Inputs {
    rx: Receiver<Input>,
    tx: Sender<Input>,
    _signals: Option<SignalFeed>,
}

impl Inputs {
    /// Starts reading the terminal and catching signals.
    pub fn start() -> io::Result<Inputs> {
        let (tx, rx) = mpsc::channel();
        let signals = {
            let tx: Sender<Input> = tx.clone();
            SignalFeed::install(move |signal| tx.send(Input::Signal(signal)).is_ok()).ok()
        };
        let reader_tx = tx.clone();
        std::thread::Builder::new()
            .name("whoowns-terminal".into())
            .spawn(move || {
                loop {
                    let input = match event::read() {
                        Ok(event) => Input::Terminal(event),
                        Err(e) => Input::Failed(e),
                    };
                    let failed = matches!(input, Input::Failed(_));
                    if reader_tx.send(input).is_err() || failed {
                        break;
                    }
                }
            })?;
        Ok(Inputs {
            rx,
            tx,
            _signals: signals,
        })
    }

    /// A sender into the same queue, for other sources (the SSH server).
    pub fn sender(&self) -> Sender<Input> {
        self.tx.clone()
    }

    /// The next input: waits for ever, or at most `timeout` (then `None`).
    pub fn next(&self, timeout: Option<Duration>) -> Option<Input> {
        match timeout {
            None => self.rx.recv().ok(),
            Some(timeout) => match self.rx.recv_timeout(timeout) {
                Ok(input) => Some(input),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Input::Failed(io::Error::other(
                    "the terminal reader stopped",
                ))),
            },
        }
    }
}
