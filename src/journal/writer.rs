//! The thread that writes one board's journal, so rendering the TOML and writing it never hold
//! up a key.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::{Journal, entry};
use crate::workspace::Workspace;

enum Message {
    Write(PathBuf, String, Box<Workspace>),
    Remove,
    Flush(Sender<()>),
}

/// A thread that writes the journal of one board. The board's lock on its journal is taken
/// before the first write and held until the writer is dropped, which removes the lock file
/// unless a journal is left for the next open.
#[derive(Debug)]
pub struct JournalWriter {
    tx: Option<Sender<Message>>,
    thread: Option<JoinHandle<()>>,
    journal: Journal,
}

impl JournalWriter {
    /// Starts the writer for `journal`.
    pub fn start(journal: Journal) -> JournalWriter {
        let (tx, rx) = mpsc::channel();
        let own = journal.clone();
        let thread = std::thread::Builder::new()
            .name("whoowns-journal".into())
            .spawn(move || run_writer(&own, &rx))
            .ok();
        JournalWriter {
            tx: Some(tx),
            thread,
            journal,
        }
    }

    /// The journal written.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Journals `workspace` (edited from the file at `path` whose text was `disk_text`).
    pub fn write(&self, path: &Path, disk_text: &str, workspace: &Workspace) {
        self.send(Message::Write(
            path.to_path_buf(),
            disk_text.to_owned(),
            Box::new(workspace.clone()),
        ));
    }

    /// Removes the journal (after a save, or when the edits were discarded).
    pub fn remove(&self) {
        self.send(Message::Remove);
    }

    /// Waits until everything sent so far is on disk.
    pub fn flush(&self) {
        let (done, wait) = mpsc::channel();
        self.send(Message::Flush(done));
        let _ = wait.recv();
    }

    fn send(&self, message: Message) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(message);
        }
    }
}

impl Drop for JournalWriter {
    fn drop(&mut self) {
        self.tx = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run_writer(journal: &Journal, rx: &Receiver<Message>) {
    let mut lock: Option<File> = None;
    while let Ok(first) = rx.recv() {
        let batch: Vec<Message> = std::iter::once(first).chain(rx.try_iter()).collect();
        // Of several queued writes and removals only the newest matters; flushes keep order.
        let last_change = batch.iter().rposition(|m| !matches!(m, Message::Flush(_)));
        for (i, message) in batch.into_iter().enumerate() {
            if matches!(message, Message::Flush(_)) || Some(i) == last_change {
                handle(journal, &mut lock, message);
            }
        }
    }
    // The board is done: a journal left is for the next open, which needs the lock file
    // (free once this process ends) to tell a dead board's journal from a running one's.
    if lock.is_some() && !journal.exists() {
        let _ = std::fs::remove_file(journal.lock_path());
    }
}

fn handle(journal: &Journal, lock: &mut Option<File>, message: Message) {
    match message {
        Message::Write(path, disk_text, workspace) => {
            if lock.is_none() {
                *lock = journal.lock().ok();
            }
            let _ = journal.write(&entry(&path, &disk_text, &workspace));
        }
        Message::Remove => {
            // Nothing left to recover: the lock file goes too, and comes back with a journal.
            journal.remove();
            if lock.take().is_some() {
                let _ = std::fs::remove_file(journal.lock_path());
            }
        }
        Message::Flush(done) => {
            let _ = done.send(());
        }
    }
}
