//! Unlimited undo and redo, and whether the workspace differs from what was saved.

use super::{Edit, EditError};
use crate::workspace::Workspace;

/// One undoable step: what it was called and the edit that reverses it.
#[derive(Debug, Clone)]
struct Step {
    label: String,
    reverse: Edit,
    /// Identifies the workspace state this step leads to, for the dirty marker.
    revision: u64,
}

/// The undo and redo stacks of one editing session.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_revision: u64,
    /// The revision that was last saved (0: the state the session started with).
    saved: u64,
}

impl History {
    /// Applies `edit` to `ws` as a new undoable step called `label`; clears the redo stack.
    pub fn apply(
        &mut self,
        ws: &mut Workspace,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        let reverse = edit.apply(ws)?;
        self.next_revision += 1;
        self.undo.push(Step {
            label: label.into(),
            reverse,
            revision: self.next_revision,
        });
        self.redo.clear();
        Ok(())
    }

    /// Undoes the newest step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, ws: &mut Workspace) -> Option<String> {
        let step = self.undo.pop()?;
        Self::swap(step, ws, &mut self.redo)
    }

    /// Redoes the newest undone step; returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self, ws: &mut Workspace) -> Option<String> {
        let step = self.redo.pop()?;
        Self::swap(step, ws, &mut self.undo)
    }

    /// Applies a step's reverse and files the step's new reverse on the other stack.
    /// A step keeps its revision: it names the state the step leads to when done.
    fn swap(step: Step, ws: &mut Workspace, target: &mut Vec<Step>) -> Option<String> {
        let reverse = step.reverse.apply(ws).ok()?;
        let label = step.label.clone();
        target.push(Step { reverse, ..step });
        Some(label)
    }

    fn current_revision(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.revision)
    }

    /// The edit the next undo will apply.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last().map(|step| &step.reverse)
    }

    /// The edit the next redo will apply.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|step| &step.reverse)
    }

    /// Whether there is anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// How many steps there are to undo: each change adds one, each undo takes one away.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }

    /// Whether there is anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Records that the current state was saved.
    pub fn mark_saved(&mut self) {
        self.saved = self.current_revision();
    }

    /// How many steps (undo or redo) lie between the workspace and what was last saved: 0 when
    /// it is saved. When the saved state was on a line of changes since replaced, every step
    /// to undo counts (at least one).
    pub fn unsaved_steps(&self) -> usize {
        if !self.is_dirty() {
            return 0;
        }
        if self.saved == 0 {
            return self.undo.len().max(1);
        }
        if let Some(at) = self.undo.iter().position(|s| s.revision == self.saved) {
            return self.undo.len() - at - 1;
        }
        // A step on the redo stack keeps the revision it leads to when redone.
        match self.redo.iter().position(|s| s.revision == self.saved) {
            Some(at) => self.redo.len() - at,
            None => self.undo.len().max(1),
        }
    }

    /// Whether the workspace differs from what was last saved (or loaded).
    pub fn is_dirty(&self) -> bool {
        self.current_revision() != self.saved
    }
}
