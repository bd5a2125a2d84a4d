//! Everything the event loop waits for, in one queue: terminal events (read by a thread of
//! their own) and signals. The loop blocks on the queue, so an idle board uses no CPU.

use std::cell::RefCell;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
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
    /// An input taken from the queue by [`Inputs::waiting`], not yet handed out.
    peeked: RefCell<Option<Input>>,
    /// The number of a signal asking to end (0: none), set as it comes, ahead of the queue.
    end: Arc<AtomicI32>,
    _signals: Option<SignalFeed>,
}

impl Inputs {
    /// Starts reading the terminal and catching signals.
    pub fn start() -> io::Result<Inputs> {
        let (tx, rx) = mpsc::channel();
        let end = Arc::new(AtomicI32::new(0));
        let signals = {
            let tx: Sender<Input> = tx.clone();
            let end = Arc::clone(&end);
            SignalFeed::install(move |signal| {
                if let SignalEvent::End(number) = signal {
                    end.store(number, Ordering::SeqCst);
                }
                tx.send(Input::Signal(signal)).is_ok()
            })
            .ok()
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
            peeked: RefCell::new(None),
            end,
            _signals: signals,
        })
    }

    /// A sender into the same queue, for other sources (the SSH server).
    pub fn sender(&self) -> Sender<Input> {
        self.tx.clone()
    }

    /// The number of a signal that asked the board to end, if one came (even while inputs
    /// before it still wait in the queue).
    pub fn ended(&self) -> Option<i32> {
        Some(self.end.load(Ordering::SeqCst)).filter(|&n| n != 0)
    }

    /// Whether an input waits in the queue already.
    pub fn waiting(&self) -> bool {
        let mut peeked = self.peeked.borrow_mut();
        if peeked.is_none() {
            *peeked = match self.rx.try_recv() {
                Ok(input) => Some(input),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => Some(Input::Failed(io::Error::other(
                    "the terminal reader stopped",
                ))),
            };
        }
        peeked.is_some()
    }

    /// The next input: waits for ever, or at most `timeout` (then `None`).
    pub fn next(&self, timeout: Option<Duration>) -> Option<Input> {
        if let Some(input) = self.peeked.borrow_mut().take() {
            return Some(input);
        }
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
