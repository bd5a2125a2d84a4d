//! The `merge-conflict` rule: every unresolved `[[conflict]]` of a merge is an error finding that
//! names the item and field and shows both values.

use rustc_hash::FxHashMap as HashMap;

use super::{Collector, RuleId};
use crate::workspace::{Conflict, ConflictTarget, Department, Responsibility, Workspace};

/// The conflicts of a workspace grouped by the item they concern.
#[derive(Default)]
pub(super) struct ByItem<'w> {
    responsibilities: HashMap<&'w str, Vec<&'w Conflict>>,
    departments: HashMap<&'w str, Vec<&'w Conflict>>,
    /// About the workspace itself or a decision.
    rest: Vec<&'w Conflict>,
}

impl<'w> ByItem<'w> {
    pub(super) fn new(ws: &'w Workspace) -> Self {
        let mut by = ByItem::default();
        for c in &ws.conflicts {
            match &c.target {
                ConflictTarget::Responsibility(id) => {
                    by.responsibilities.entry(id).or_default().push(c);
                }
                ConflictTarget::Department(id) => by.departments.entry(id).or_default().push(c),
                ConflictTarget::Workspace | ConflictTarget::Decision(_) => by.rest.push(c),
            }
        }
        by
    }
}

impl<'w> Collector<'w> {
    pub(super) fn responsibility_conflicts(&mut self, index: usize, r: &'w Responsibility) {
        let Some(list) = self.conflicts.responsibilities.get(r.id.as_str()).cloned() else {
            return;
        };
        let name = format!("\"{}\"", r.name);
        for c in list {
            self.push(RuleId::MergeConflict, Some(index), None, || {
                c.describe(&name, self.workspace.info.currency.as_deref())
            });
        }
    }

    pub(super) fn department_conflicts(&mut self, d: &'w Department) {
        let Some(list) = self.conflicts.departments.get(d.id.as_str()).cloned() else {
            return;
        };
        let name = format!("\"{}\"", d.name);
        for c in list {
            self.push(RuleId::MergeConflict, None, Some(&d.id), || {
                c.describe(&name, self.workspace.info.currency.as_deref())
            });
        }
    }

    pub(super) fn workspace_conflicts(&mut self) {
        let rest = std::mem::take(&mut self.conflicts.rest);
        if rest.is_empty() {
            return;
        }
        let dates: HashMap<&str, &str> = self
            .workspace
            .decisions
            .iter()
            .map(|d| (d.id.as_str(), d.date.as_str()))
            .collect();
        for c in rest {
            let name = match &c.target {
                ConflictTarget::Decision(id) => dates.get(id.as_str()).map_or_else(
                    || format!("decision \"{id}\""),
                    |date| format!("the decision of {date}"),
                ),
                _ => "the workspace".to_owned(),
            };
            self.push(RuleId::MergeConflict, None, None, || {
                c.describe(&name, self.workspace.info.currency.as_deref())
            });
        }
    }
}
