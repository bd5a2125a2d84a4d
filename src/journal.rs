//! The crash journal: unsaved work on a workspace, kept in the state directory so that a
//! killed board, a closed terminal or a dead laptop loses nothing.
//!
//! A journal holds the whole edited workspace as TOML, with the identity (device and inode) and
//! a content hash of the file the edits started from. A [`JournalWriter`] thread writes it off
//! the keystroke path; the next open of the file finds it with [`Journal::recovery`], which says
//! what would change and whether the file changed on disk since (then it is only offered, with a
//! warning). The journal is removed once the edits are saved or discarded.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use serde::{Deserialize, Serialize};

use crate::dirs;
use crate::edit::{Change, Edit};
use crate::workspace::{
    Role, Workspace, WriteOptions, parse, to_toml, update_document, write_file,
};

/// The journal format's version.
const VERSION: u32 = 1;

/// Where the journal of one workspace file lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    path: PathBuf,
}

/// The file a journal's edits started from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileIdentity {
    pub path: PathBuf,
    pub device: u64,
    pub inode: u64,
    /// [`dirs::content_hash`] of the file's text when the edits started.
    pub content_hash: String,
}

/// What a journal file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub version: u32,
    pub file: FileIdentity,
    /// Seconds since 1970 when the journal was written.
    pub written_at: u64,
    /// The edited workspace, as the file would be saved.
    pub text: String,
}

/// A journal found for a file being opened.
#[derive(Debug, Clone)]
pub struct Recovery {
    pub entry: Entry,
    /// The journaled workspace.
    pub workspace: Workspace,
    /// The file on disk is no longer the one the edits started from.
    pub changed_on_disk: bool,
    /// What restoring would change, one line each.
    pub summary: Vec<String>,
}

impl Journal {
    /// The journal of `workspace` in `state_dir`.
    pub fn for_file(state_dir: &Path, workspace: &Path) -> Journal {
        Journal {
            path: state_dir
                .join("journal")
                .join(format!("{}.json", dirs::file_key(workspace))),
        }
    }

    /// The journal file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `entry` atomically (the journal directory is private to the user).
    pub fn write(&self, entry: &Entry) -> io::Result<()> {
        if let Some(parent) = self.path.parent()
            && let (Some(state), Some(name)) = (parent.parent(), parent.file_name())
        {
            dirs::private_subdir(state, &name.to_string_lossy())?;
        }
        let json = serde_json::to_vec(entry).map_err(io::Error::other)?;
        write_file(&self.path, &json, WriteOptions::default()).map_err(io::Error::from)
    }

    /// The journal's entry, if there is a readable one.
    pub fn read(&self) -> Option<Entry> {
        let bytes = std::fs::read(&self.path).ok()?;
        serde_json::from_slice::<Entry>(&bytes)
            .ok()
            .filter(|e| e.version == VERSION)
    }

    /// Whether a journal file exists (readable or not).
    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    /// Removes the journal (the edits were saved or discarded).
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
    }

    /// The recovery to offer when opening the file whose text is now `disk_text` and which
    /// holds `current`, or `None` without a usable journal or when it would change nothing.
    pub fn recovery(
        &self,
        workspace_path: &Path,
        disk_text: &str,
        current: &Workspace,
    ) -> Option<Recovery> {
        let entry = self.read()?;
        let workspace = parse(&entry.text).ok()?.workspace;
        let now = identity(workspace_path, disk_text);
        // Another file in its place with the same text is still the same starting point.
        let changed_on_disk = now.content_hash != entry.file.content_hash;
        let summary = summarize(current, &workspace);
        if summary.is_empty() {
            return None;
        }
        Some(Recovery {
            entry,
            workspace,
            changed_on_disk,
            summary,
        })
    }
}

/// The identity of the file at `path` whose text is `text`.
pub fn identity(path: &Path, text: &str) -> FileIdentity {
    #[cfg(unix)]
    let (device, inode) = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).map_or((0, 0), |m| (m.dev(), m.ino()))
    };
    #[cfg(not(unix))]
    let (device, inode) = (0, 0);
    FileIdentity {
        path: dirs::canonical(path),
        device,
        inode,
        content_hash: dirs::content_hash(text.as_bytes()),
    }
}

/// The journal entry for `workspace`, edited from the file at `path` whose text was `disk_text`.
pub fn entry(path: &Path, disk_text: &str, workspace: &Workspace) -> Entry {
    let text = update_document(disk_text, workspace).unwrap_or_else(|_| to_toml(workspace));
    Entry {
        version: VERSION,
        file: identity(path, disk_text),
        written_at: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        text,
    }
}

/// One undoable change that turns `current` into `recovered` (departments, responsibilities,
/// decisions, the workspace's details, merge conflicts and the rule settings they resolve).
pub fn restore_change(current: &Workspace, recovered: &Workspace) -> Change {
    let mut edits = Vec::new();
    for index in (0..current.responsibilities.len()).rev() {
        edits.push(Edit::RemoveResponsibility { index });
    }
    for index in (0..current.decisions.len()).rev() {
        edits.push(Edit::RemoveDecision { index });
    }
    for index in (0..current.departments.len()).rev() {
        edits.push(Edit::RemoveDepartment { index });
    }
    for (index, value) in recovered.departments.iter().enumerate() {
        edits.push(Edit::InsertDepartment {
            index,
            value: value.clone(),
        });
    }
    for (index, value) in recovered.responsibilities.iter().enumerate() {
        edits.push(Edit::InsertResponsibility {
            index,
            value: value.clone(),
        });
    }
    for (index, value) in recovered.decisions.iter().enumerate() {
        edits.push(Edit::InsertDecision {
            index,
            value: value.clone(),
        });
    }
    edits.push(Edit::SetInfo(recovered.info.clone()));
    // Merge conflicts and the rules they may resolve.
    for index in (0..current.conflicts.len()).rev() {
        edits.push(Edit::RemoveConflict { index });
    }
    for (index, value) in recovered.conflicts.iter().enumerate() {
        edits.push(Edit::InsertConflict {
            index,
            value: value.clone(),
        });
    }
    edits.push(Edit::SetRules(recovered.rules.clone()));
    edits.push(Edit::SetWaivers(recovered.waivers.clone()));
    Change {
        edit: Edit::Batch(edits),
        label: "Restore the unsaved changes from the crash journal".into(),
    }
}

/// What turning `old` into `new` changes, one line each (at most 12 lines and a count).
pub fn summarize(old: &Workspace, new: &Workspace) -> Vec<String> {
    let mut lines = Vec::new();
    if old.info != new.info {
        lines.push("the workspace details (name, organization, purpose...)".to_owned());
    }
    for d in &new.departments {
        match old.departments.iter().find(|o| o.id == d.id) {
            None => lines.push(format!("new department \"{}\"", d.name)),
            Some(o) if o != d => lines.push(format!("department \"{}\" changed", d.name)),
            Some(_) => {}
        }
    }
    for o in &old.departments {
        if !new.departments.iter().any(|d| d.id == o.id) {
            lines.push(format!("department \"{}\" removed", o.name));
        }
    }
    for r in &new.responsibilities {
        match old.responsibilities.iter().find(|o| o.id == r.id) {
            None => lines.push(format!("new responsibility \"{}\"", r.name)),
            Some(o) if o != r => {
                let roles: Vec<String> = Role::ALL
                    .iter()
                    .filter(|&&role| o.role(role) != r.role(role))
                    .map(|role| {
                        format!(
                            "{} {} -> {}",
                            role.key(),
                            o.role(*role).join(", "),
                            r.role(*role).join(", ")
                        )
                    })
                    .collect();
                if roles.is_empty() {
                    lines.push(format!("\"{}\" changed", r.name));
                } else {
                    lines.push(format!("\"{}\": {}", r.name, roles.join("; ")));
                }
            }
            Some(_) => {}
        }
    }
    for o in &old.responsibilities {
        if !new.responsibilities.iter().any(|r| r.id == o.id) {
            lines.push(format!("responsibility \"{}\" removed", o.name));
        }
    }
    if old.decisions != new.decisions {
        lines.push(format!(
            "decisions: {} -> {}",
            old.decisions.len(),
            new.decisions.len()
        ));
    }
    if lines.len() > 12 {
        let more = lines.len() - 11;
        lines.truncate(11);
        lines.push(format!("and {more} more changes"));
    }
    lines
}

enum Message {
    Write(PathBuf, String, Box<Workspace>),
    Remove,
    Flush(Sender<()>),
}

/// A thread that writes the journal, so rendering the TOML and writing it never hold up a key.
#[derive(Debug)]
pub struct JournalWriter {
    tx: Option<Sender<Message>>,
    thread: Option<JoinHandle<()>>,
}

impl JournalWriter {
    /// Starts the writer for `journal`.
    pub fn start(journal: Journal) -> JournalWriter {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("whoowns-journal".into())
            .spawn(move || run_writer(&journal, &rx))
            .ok();
        JournalWriter {
            tx: Some(tx),
            thread,
        }
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
    while let Ok(first) = rx.recv() {
        let batch: Vec<Message> = std::iter::once(first).chain(rx.try_iter()).collect();
        // Of several queued writes and removals only the newest matters; flushes keep order.
        let last_change = batch.iter().rposition(|m| !matches!(m, Message::Flush(_)));
        for (i, message) in batch.into_iter().enumerate() {
            if matches!(message, Message::Flush(_)) || Some(i) == last_change {
                handle(journal, message);
            }
        }
    }
}

fn handle(journal: &Journal, message: Message) {
    match message {
        Message::Write(path, disk_text, workspace) => {
            let _ = journal.write(&entry(&path, &disk_text, &workspace));
        }
        Message::Remove => journal.remove(),
        Message::Flush(done) => {
            let _ = done.send(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    const TEXT: &str = "whoowns = 1\n[workspace]\nname = \"T\"\n[[department]]\nid = \"a\"\nname = \"A\"\n[[department]]\nid = \"b\"\nname = \"B\"\n[[responsibility]]\nid = \"x\"\nname = \"X\"\naccountable = [\"a\"]\n";

    #[test]
    fn a_written_journal_is_recovered_as_one_undoable_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("w.toml");
        std::fs::write(&path, TEXT).expect("write");
        let mut edited = parse(TEXT).expect("valid").workspace;
        edited.responsibilities[0].accountable = vec!["b".into()];
        edited.departments.remove(0);
        let journal = Journal::for_file(&dir.path().join("state"), &path);
        let writer = JournalWriter::start(journal.clone());
        writer.write(&path, TEXT, &edited);
        writer.flush();
        let mut session = Session::open(&path).expect("valid");
        let recovery = journal
            .recovery(&path, TEXT, session.workspace())
            .expect("offered");
        assert!(!recovery.changed_on_disk);
        assert_eq!(recovery.summary.len(), 2, "{:?}", recovery.summary);
        session.recover(&recovery.workspace).expect("restores");
        assert_eq!(session.workspace(), &edited);
        assert!(session.is_dirty());
        session.undo();
        assert_eq!(session.workspace(), &parse(TEXT).expect("valid").workspace);
        // The same journal against a file changed since comes with the warning.
        let changed = format!("{TEXT}# theirs\n");
        let later = journal
            .recovery(&path, &changed, session.workspace())
            .expect("offered");
        assert!(later.changed_on_disk);
        writer.remove();
        writer.flush();
        assert!(!journal.exists());
    }
}
