//! Changes to a workspace as values: every edit applies and yields its exact inverse, so a
//! [`History`] can undo and redo anything.

mod conflicts;
mod funding;
mod give;
mod history;
mod ops;
mod workshop;

pub use conflicts::*;
pub use funding::*;
pub use give::*;
pub use history::History;
pub use ops::*;
pub use workshop::*;

use crate::workspace::{
    Conflict, Decision, Department, Responsibility, RuleSettings, Waiver, Workspace, WorkspaceInfo,
};

/// One undoable change to a workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Replaces the responsibility at `index`.
    SetResponsibility { index: usize, value: Responsibility },
    /// Inserts a responsibility at `index`.
    InsertResponsibility { index: usize, value: Responsibility },
    /// Removes the responsibility at `index`.
    RemoveResponsibility { index: usize },
    /// Replaces the department at `index`.
    SetDepartment { index: usize, value: Department },
    /// Inserts a department at `index`.
    InsertDepartment { index: usize, value: Department },
    /// Removes the department at `index`.
    RemoveDepartment { index: usize },
    /// Replaces the decision at `index`.
    SetDecision { index: usize, value: Decision },
    /// Inserts a decision at `index`.
    InsertDecision { index: usize, value: Decision },
    /// Removes the decision at `index`.
    RemoveDecision { index: usize },
    /// Replaces the workspace's descriptive fields.
    SetInfo(WorkspaceInfo),
    /// Replaces the `[rules]` settings.
    SetRules(RuleSettings),
    /// Inserts a merge conflict at `index`.
    InsertConflict { index: usize, value: Conflict },
    /// Removes the merge conflict at `index` (it was resolved).
    RemoveConflict { index: usize },
    /// Replaces the `[[waiver]]` list (findings accepted on purpose).
    SetWaivers(Vec<Waiver>),
    /// Several edits applied in order as one step.
    Batch(Vec<Edit>),
}

/// An edit that does not fit the workspace it was applied to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot apply the edit: there is no {what} at position {index}")]
pub struct EditError {
    pub what: &'static str,
    pub index: usize,
}

impl Edit {
    /// The one responsibility this edit changes in place, if that is all it does (a move, a
    /// field edit): then the analysis can be brought up to date for that item alone.
    pub fn touched_responsibility(&self) -> Option<usize> {
        match self {
            Edit::SetResponsibility { index, .. } => Some(*index),
            // A settled claim: the responsibility changes and the log grows (the log holds no
            // findings), in either order.
            Edit::Batch(edits) => match edits.as_slice() {
                [Edit::SetResponsibility { index, .. }, log]
                | [log, Edit::SetResponsibility { index, .. }]
                    if matches!(
                        log,
                        Edit::InsertDecision { .. } | Edit::RemoveDecision { .. }
                    ) =>
                {
                    Some(*index)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// Applies the edit and returns the edit that undoes it. On error nothing changed.
    pub fn apply(self, ws: &mut Workspace) -> Result<Edit, EditError> {
        match self {
            Edit::SetResponsibility { index, value } => {
                replace(&mut ws.responsibilities, index, value, "responsibility")
                    .map(|old| Edit::SetResponsibility { index, value: old })
            }
            Edit::InsertResponsibility { index, value } => {
                insert(&mut ws.responsibilities, index, value, "responsibility")
                    .map(|()| Edit::RemoveResponsibility { index })
            }
            Edit::RemoveResponsibility { index } => {
                remove(&mut ws.responsibilities, index, "responsibility")
                    .map(|value| Edit::InsertResponsibility { index, value })
            }
            Edit::SetDepartment { index, value } => {
                replace(&mut ws.departments, index, value, "department")
                    .map(|old| Edit::SetDepartment { index, value: old })
            }
            Edit::InsertDepartment { index, value } => {
                insert(&mut ws.departments, index, value, "department")
                    .map(|()| Edit::RemoveDepartment { index })
            }
            Edit::RemoveDepartment { index } => remove(&mut ws.departments, index, "department")
                .map(|value| Edit::InsertDepartment { index, value }),
            Edit::SetDecision { index, value } => {
                replace(&mut ws.decisions, index, value, "decision")
                    .map(|old| Edit::SetDecision { index, value: old })
            }
            Edit::InsertDecision { index, value } => {
                insert(&mut ws.decisions, index, value, "decision")
                    .map(|()| Edit::RemoveDecision { index })
            }
            Edit::RemoveDecision { index } => remove(&mut ws.decisions, index, "decision")
                .map(|value| Edit::InsertDecision { index, value }),
            Edit::SetInfo(info) => Ok(Edit::SetInfo(std::mem::replace(&mut ws.info, info))),
            Edit::SetRules(rules) => Ok(Edit::SetRules(std::mem::replace(&mut ws.rules, rules))),
            Edit::SetWaivers(waivers) => Ok(Edit::SetWaivers(std::mem::replace(
                &mut ws.waivers,
                waivers,
            ))),
            Edit::InsertConflict { index, value } => {
                insert(&mut ws.conflicts, index, value, "conflict")
                    .map(|()| Edit::RemoveConflict { index })
            }
            Edit::RemoveConflict { index } => remove(&mut ws.conflicts, index, "conflict")
                .map(|value| Edit::InsertConflict { index, value }),
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(ws) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            // Roll back what this batch already did, newest first.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(ws);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }
}

fn replace<T>(items: &mut [T], index: usize, value: T, what: &'static str) -> Result<T, EditError> {
    items
        .get_mut(index)
        .map(|slot| std::mem::replace(slot, value))
        .ok_or(EditError { what, index })
}

fn insert<T>(
    items: &mut Vec<T>,
    index: usize,
    value: T,
    what: &'static str,
) -> Result<(), EditError> {
    if index > items.len() {
        return Err(EditError { what, index });
    }
    items.insert(index, value);
    Ok(())
}

fn remove<T>(items: &mut Vec<T>, index: usize, what: &'static str) -> Result<T, EditError> {
    if index >= items.len() {
        return Err(EditError { what, index });
    }
    Ok(items.remove(index))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod workshop_tests;
