//! An editing session on one workspace file: the workspace, its undo history, its findings, and
//! safe saving (atomic, comment-preserving, never over someone else's change).

use std::io;
use std::path::{Path, PathBuf};

use crate::analysis::{Analysis, Finding, analyze_on};
use crate::charter::{self, CharterOptions};
use crate::edit::{Change, Edit, History};
use crate::signoff::{Parts, SignState};
use crate::workspace::{
    LoadError, LoadedFile, Prepared, Workspace, WriteError, WriteOptions, load_file, prepare,
    same_file, to_toml, update_document,
};

/// One open workspace file and everything needed to edit it safely.
#[derive(Debug, Clone)]
pub struct Session {
    path: PathBuf,
    workspace: Workspace,
    /// The file's text as last read or written by this session.
    disk_text: String,
    history: History,
    analysis: Analysis,
    /// The one responsibility the latest change touched, if that is all it touched.
    last_touched: Option<usize>,
    /// Fingerprints of each department's part, for the sign-off.
    parts: Parts,
    /// The workspace as it was opened (or last reloaded): what "changes since opened" compares.
    baseline: Workspace,
    /// Where each save keeps the version it replaces (see [`crate::backup`]); none by default.
    backups: Option<PathBuf>,
    /// Counts every change to the workspace (apply, undo, redo, reload), for the journal.
    revision: u64,
}

/// A session opened for editing, as the board and the shell open one: saves keep backups in
/// the data directory, and the file's lock is held in the state directory.
#[derive(Debug)]
pub struct Editing {
    pub session: Session,
    /// Where journals and locks are kept, if there is such a directory.
    pub state_dir: Option<PathBuf>,
    /// Held while editing; `shared` says another board or shell has the file open.
    pub lock: Option<crate::lock::BoardLock>,
}

impl Editing {
    /// Opens `path` for editing (see [`Editing`]).
    pub fn open(path: &Path) -> Result<Editing, LoadError> {
        let mut session = Session::open(path)?;
        if let Ok(data_dir) = crate::dirs::data_dir() {
            session.keep_backups(data_dir);
        }
        let state_dir = crate::dirs::state_dir().ok();
        let lock = state_dir
            .as_ref()
            .map(|state| crate::lock::BoardLock::acquire(state, path));
        Ok(Editing {
            session,
            state_dir,
            lock,
        })
    }
}

/// What a drop would do to the findings, before it is made.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FindingDelta {
    /// Findings the change would settle.
    pub resolved: Vec<Finding>,
    /// Findings the change would raise.
    pub introduced: Vec<Finding>,
}

impl FindingDelta {
    /// One line for the status bar: "resolves hot-potato; introduces overload for Legal".
    pub fn describe(&self, ws: &Workspace) -> String {
        let part = |verb: &str, findings: &[Finding]| {
            (!findings.is_empty()).then(|| {
                let items: Vec<String> = findings
                    .iter()
                    .map(|f| match &f.department {
                        Some(d) => format!("{} for {}", f.rule, ws.department_name(d)),
                        None => f.rule.to_string(),
                    })
                    .collect();
                format!("{verb} {}", items.join(", "))
            })
        };
        let parts: Vec<String> = [
            part("resolves", &self.resolved),
            part("introduces", &self.introduced),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            "no change to the findings".to_owned()
        } else {
            parts.join("; ")
        }
    }
}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file on disk differs from what this session last read or wrote.
    #[error("{} changed on disk since it was opened", crate::text::sanitize_path(.0))]
    ChangedOnDisk(PathBuf),
    /// The file has no write permission; ask, then [`Session::save_with`] may write over it.
    #[error("{} is read-only", crate::text::sanitize_path(.0))]
    ReadOnly(PathBuf),
    /// A replace would lose the file's owner, links or attributes; ask, then
    /// [`Session::save_with`] may write into the file instead.
    #[error("saving would not keep the {what} of {path}", what = .1, path = crate::text::sanitize_path(.0))]
    CannotKeep(PathBuf, String),
    #[error("cannot write {path}: {source}", path = crate::text::sanitize_path(.0), source = .1)]
    Io(PathBuf, io::Error),
}

/// A save half done: the new text waits in a temporary file beside the workspace. Made by
/// [`Session::begin_save`], finished by [`Session::finish_save`]; dropping it abandons the save.
#[derive(Debug)]
pub struct PendingSave {
    prepared: Prepared,
    text: String,
    force: bool,
}

/// What went wrong while committing a save.
enum CommitError {
    Changed,
    Io(io::Error),
}

impl From<io::Error> for CommitError {
    fn from(e: io::Error) -> Self {
        CommitError::Io(e)
    }
}

impl Session {
    /// Starts a session on a loaded file.
    pub fn new(loaded: LoadedFile) -> Self {
        let today = crate::analysis::today();
        let analysis = analyze_on(&loaded.workspace, Some(&today));
        Session {
            path: loaded.path,
            parts: Parts::new(&loaded.workspace),
            baseline: loaded.workspace.clone(),
            workspace: loaded.workspace,
            disk_text: loaded.text,
            history: History::default(),
            analysis,
            last_touched: None,
            backups: None,
            revision: 0,
        }
    }

    /// Makes each save keep the version it replaces in the backup ring under `data_dir`.
    pub fn keep_backups(&mut self, data_dir: PathBuf) {
        self.backups = Some(data_dir);
    }

    /// A copy for a read-only viewer (a remote participant): the same workspace and findings,
    /// without the undo history or the backups (a viewer neither undoes nor saves), and with
    /// the file's name only (where it lives on this machine is not theirs to know).
    pub fn viewer_copy(&self) -> Session {
        Session {
            path: self
                .path
                .file_name()
                .map_or_else(PathBuf::new, PathBuf::from),
            workspace: self.workspace.clone(),
            disk_text: String::new(),
            history: History::default(),
            analysis: self.analysis.clone(),
            last_touched: None,
            parts: self.parts.clone(),
            baseline: self.baseline.clone(),
            backups: None,
            revision: self.revision,
        }
    }

    /// A number that changes whenever the workspace does.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The file's text as last read or written by this session.
    pub fn disk_text(&self) -> &str {
        &self.disk_text
    }

    /// Opens the workspace at `path`.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        load_file(path).map(Session::new)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The findings of the current workspace, always up to date.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The workspace as it was when the session opened the file.
    pub fn baseline(&self) -> &Workspace {
        &self.baseline
    }

    /// Where the signature of the department at `index` stands.
    pub fn sign_state(&self, index: usize) -> SignState {
        self.parts.state(&self.workspace, index)
    }

    /// What `edit` would do to the findings, without making it. Only an edit of one
    /// responsibility in place (a drop) is previewed; `None` for anything else.
    pub fn preview(&mut self, edit: &Edit) -> Option<FindingDelta> {
        let Edit::SetResponsibility { index, value } = edit else {
            return None;
        };
        let index = *index;
        let slot = self.workspace.responsibilities.get_mut(index)?;
        let before = local_findings(&self.analysis, index);
        let original = std::mem::replace(slot, value.clone());
        self.analysis.update_responsibility(&self.workspace, index);
        let after = local_findings(&self.analysis, index);
        self.workspace.responsibilities[index] = original;
        self.analysis.update_responsibility(&self.workspace, index);
        let key = |f: &Finding| (f.rule, f.responsibility.clone(), f.department.clone());
        let missing = |from: &[Finding], other: &[Finding]| -> Vec<Finding> {
            from.iter()
                .filter(|f| !other.iter().any(|o| key(o) == key(f)))
                .cloned()
                .collect()
        };
        Some(FindingDelta {
            resolved: missing(&before, &after),
            introduced: missing(&after, &before),
        })
    }

    /// The one responsibility the latest apply, undo or redo changed, when nothing else
    /// changed; `None` when anything may have.
    pub fn last_touched(&self) -> Option<usize> {
        self.last_touched
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// How many steps away from the saved file the workspace is (see
    /// [`History::unsaved_steps`]).
    pub fn unsaved_steps(&self) -> usize {
        self.history.unsaved_steps()
    }

    /// Applies a change as one undoable step and re-runs the analysis.
    pub fn apply(&mut self, change: Change) -> Result<(), crate::edit::EditError> {
        let touched = change.edit.touched_responsibility();
        self.history
            .apply(&mut self.workspace, change.edit, change.label)?;
        self.refresh(touched);
        Ok(())
    }

    /// Puts `recovered` (the workspace of a crash journal) in place as one undoable, unsaved
    /// change.
    pub fn recover(&mut self, recovered: &Workspace) -> Result<(), crate::edit::EditError> {
        let change = crate::journal::restore_change(&self.workspace, recovered);
        self.apply(change)
    }

    /// Undoes the newest step; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let touched = self
            .history
            .next_undo()
            .and_then(Edit::touched_responsibility);
        let label = self.history.undo(&mut self.workspace)?;
        self.refresh(touched);
        Some(label)
    }

    /// How many steps there are to undo (see [`crate::edit::History::depth`]).
    pub fn undo_depth(&self) -> usize {
        self.history.depth()
    }

    /// Redoes the newest undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let touched = self
            .history
            .next_redo()
            .and_then(Edit::touched_responsibility);
        let label = self.history.redo(&mut self.workspace)?;
        self.refresh(touched);
        Some(label)
    }

    /// Re-runs the analysis: for one responsibility when only it changed, else in full.
    fn refresh(&mut self, touched: Option<usize>) {
        self.revision += 1;
        self.last_touched = touched;
        match touched {
            Some(index) => {
                self.analysis.update_responsibility(&self.workspace, index);
                self.parts.update(&self.workspace, index);
            }
            None => {
                let today = self.analysis.today().map(str::to_owned);
                self.analysis = analyze_on(&self.workspace, today.as_deref());
                self.parts = Parts::new(&self.workspace);
            }
        }
    }

    /// Whether the file on disk still holds what this session last read or wrote.
    pub fn disk_unchanged(&self) -> bool {
        match std::fs::read(&self.path) {
            Ok(bytes) => bytes == self.disk_text.as_bytes(),
            Err(e) => e.kind() == io::ErrorKind::NotFound,
        }
    }

    /// Saves atomically, keeping the file's comments and formatting, unless the file changed on
    /// disk since it was read (then [`SaveError::ChangedOnDisk`]; see [`Session::overwrite`]).
    pub fn save(&mut self) -> Result<(), SaveError> {
        self.save_with(WriteOptions::default())
    }

    /// Saves with `options` (after asking about a read-only file or a save in place).
    pub fn save_with(&mut self, options: WriteOptions) -> Result<(), SaveError> {
        let pending = self.begin_save(options, false)?;
        self.finish_save(pending)
    }

    /// Saves atomically even if the file changed on disk.
    pub fn overwrite(&mut self) -> Result<(), SaveError> {
        let pending = self.begin_save(WriteOptions::default(), true)?;
        self.finish_save(pending)
    }

    /// The slow first half of a save: renders the file and writes it to a temporary file.
    /// With `force` unset, a file already changed on disk stops it early.
    pub fn begin_save(&self, options: WriteOptions, force: bool) -> Result<PendingSave, SaveError> {
        if !force && !self.disk_unchanged() {
            return Err(SaveError::ChangedOnDisk(self.path.clone()));
        }
        let text = update_document(&self.disk_text, &self.workspace)
            .unwrap_or_else(|_| to_toml(&self.workspace));
        let prepared = prepare(&self.path, text.as_bytes(), options).map_err(|e| match e {
            WriteError::ReadOnly(p) => SaveError::ReadOnly(p),
            WriteError::CannotKeep { path, what } => SaveError::CannotKeep(path, what),
            WriteError::Io(e) => SaveError::Io(self.path.clone(), e),
            other => SaveError::Io(self.path.clone(), io::Error::other(other.to_string())),
        })?;
        Ok(PendingSave {
            prepared,
            text,
            force,
        })
    }

    /// The second half: immediately before the rename, under a lock that another saver of
    /// the same file also takes, checks the file on disk is still what this session read
    /// (unless forced), then puts the new file in place.
    pub fn finish_save(&mut self, pending: PendingSave) -> Result<(), SaveError> {
        let PendingSave {
            prepared,
            text,
            force,
        } = pending;
        let committed = prepared.commit(|| {
            if !force && !self.disk_unchanged() {
                return Err(CommitError::Changed);
            }
            if let Some(data_dir) = &self.backups
                && let Ok(previous) = std::fs::read(&self.path)
            {
                // A backup that cannot be written does not stop the save it would protect.
                let _ = crate::backup::keep(data_dir, &self.path, &previous);
            }
            Ok(())
        });
        match committed {
            Ok(()) => {
                self.disk_text = text;
                self.history.mark_saved();
                Ok(())
            }
            Err(CommitError::Changed) => Err(SaveError::ChangedOnDisk(self.path.clone())),
            Err(CommitError::Io(e)) => Err(SaveError::Io(self.path.clone(), e)),
        }
    }

    /// Replaces the session with the file as it is on disk now (history starts afresh).
    pub fn reload(&mut self) -> Result<(), LoadError> {
        let mut fresh = Session::open(&self.path)?;
        fresh.backups = self.backups.take();
        fresh.revision = self.revision + 1;
        *self = fresh;
        Ok(())
    }

    /// Where `export_charter` writes: `NAME.charter.md` next to the workspace.
    pub fn charter_path(&self) -> PathBuf {
        let stem = self
            .path
            .file_stem()
            .map_or_else(|| "whoowns".into(), |s| s.to_string_lossy().into_owned());
        self.path.with_file_name(format!("{stem}.charter.md"))
    }

    /// Writes the charter of the current workspace to [`Session::charter_path`], atomically;
    /// `changes` (Markdown) becomes its "Changes agreed in this session" section. Refuses when
    /// that path leads to the workspace itself (a symbolic link, say).
    pub fn export_charter(&self, changes: Option<String>) -> io::Result<PathBuf> {
        let path = self.charter_path();
        self.export_charter_to(&path, changes)?;
        Ok(path)
    }

    /// Like [`Session::export_charter`], to `path`.
    pub fn export_charter_to(&self, path: &Path, changes: Option<String>) -> io::Result<()> {
        if same_file(path, &self.path) {
            return Err(io::Error::other(format!(
                "{} is the workspace itself; not replacing it with the charter",
                crate::text::sanitize_path(path)
            )));
        }
        let options = CharterOptions {
            changes,
            ..CharterOptions::default()
        };
        let markdown = charter::render(&self.workspace, &self.analysis, &options);
        crate::workspace::write_derived(
            path,
            markdown.as_bytes(),
            crate::workspace::WriteOptions::default(),
            &self.path,
        )?;
        Ok(())
    }

    /// The changes since the workspace was opened, one Markdown list item each, for the
    /// charter; `None` when nothing changed.
    pub fn changes_markdown(&self) -> Option<String> {
        let diff = crate::diff::diff(&self.baseline, &self.workspace);
        (!diff.is_empty())
            .then(|| crate::diff::render_markdown_lines(&diff, &self.baseline, &self.workspace))
    }
}

/// The findings of one responsibility and the department-wide ones: all a drop can change.
fn local_findings(analysis: &Analysis, index: usize) -> Vec<Finding> {
    analysis
        .for_responsibility(index)
        .chain(
            analysis
                .findings
                .iter()
                .filter(|f| f.responsibility.is_none()),
        )
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{DropMode, move_role};
    use crate::workspace::Role;

    const TEXT: &str = "# kept\nwhoowns = 1\n[workspace]\nname = \"T\"\n\n[[department]]\nid = \"a\"\nname = \"A\"\n\n[[department]]\nid = \"b\"\nname = \"B\"\n\n[[responsibility]]\nid = \"x\"\nname = \"X\"\naccountable = [\"a\"]  # ours\nresponsible = [\"a\", \"b\"]\n";

    fn open(dir: &Path) -> Session {
        let path = dir.join("w.toml");
        std::fs::write(&path, TEXT).expect("write");
        Session::open(&path).expect("valid")
    }

    #[test]
    fn save_writes_only_the_change_and_clears_dirty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut session = open(dir.path());
        let change = move_role(
            session.workspace(),
            0,
            Role::Accountable,
            Some("a"),
            Some("b"),
            DropMode::Move,
        )
        .expect("moves");
        session.apply(change).expect("applies");
        assert!(session.is_dirty());
        session.save().expect("saves");
        assert!(!session.is_dirty());
        let on_disk = std::fs::read_to_string(session.path()).expect("read");
        assert_eq!(
            on_disk,
            TEXT.replace(
                "accountable = [\"a\"]  # ours",
                "accountable = [\"b\"]  # ours"
            )
        );
        session.undo();
        assert!(
            session.is_dirty(),
            "undoing past the save differs from the file"
        );
    }

    #[test]
    fn never_overwrites_a_file_changed_by_someone_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut session = open(dir.path());
        std::fs::write(session.path(), format!("{TEXT}\n# edited elsewhere\n")).expect("write");
        assert!(matches!(session.save(), Err(SaveError::ChangedOnDisk(_))));
        assert!(
            std::fs::read_to_string(session.path())
                .expect("read")
                .contains("edited elsewhere")
        );
        session.overwrite().expect("overwrites when asked");
        session.reload().expect("reloads");
        assert_eq!(session.workspace().responsibilities.len(), 1);
    }

    #[test]
    fn charter_goes_next_to_the_workspace() {
        let dir = tempfile::tempdir().expect("tempdir");
        let session = open(dir.path());
        assert_eq!(session.charter_path(), dir.path().join("w.charter.md"));
    }
}
