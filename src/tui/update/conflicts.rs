//! The merge-conflicts overlay: keeping ours or taking theirs, each one undoable
//! step. Enter on a `merge-conflict` finding opens the overlay on its conflict.

use super::super::app::{App, ListState, Mode, Tone};
use crate::analysis::Finding;
use crate::edit;
use crate::workspace::{ConflictTarget, Side};

impl App {
    /// Resolves the selected conflict with `side`'s value.
    pub(super) fn resolve_conflict_with(&mut self, list: ListState, side: Side) {
        match edit::resolve_conflict(self.workspace(), list.selected, side) {
            Ok(change) => {
                self.apply(change);
            }
            Err(why) => self.say(why, Tone::Problem),
        }
        let left = self.workspace().conflicts.len();
        if left == 0 {
            self.mode = Mode::Normal;
            self.say(
                "All merge conflicts resolved: save, then `git add` the file",
                Tone::Success,
            );
        } else {
            self.mode = Mode::List(ListState {
                selected: list.selected.min(left - 1),
                ..list
            });
        }
    }

    /// The position of the conflict a `merge-conflict` finding reports.
    pub(super) fn conflict_of(&self, finding: &Finding) -> usize {
        let ws = self.workspace();
        ws.conflicts
            .iter()
            .position(|c| {
                let about = match &c.target {
                    ConflictTarget::Responsibility(id) => {
                        finding.responsibility.as_deref() == Some(id)
                    }
                    ConflictTarget::Department(id) => {
                        finding.responsibility.is_none()
                            && finding.department.as_deref() == Some(id)
                    }
                    _ => finding.responsibility.is_none() && finding.department.is_none(),
                };
                about && ws.describe_conflict(c) == finding.message
            })
            .unwrap_or(0)
    }
}
