//! What a found journal offers: its edits on top of the file as it is now, described line by
//! line, and the one undoable change that restores them.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::dirs;
use crate::edit::{Change, Edit};
use crate::merge::merge;
use crate::workspace::{Workspace, parse};

use super::Entry;

/// How a journal's edits relate to the file as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// The file is still the version the edits started from.
    Unsaved,
    /// The file changed since (a later save, another board, an editor): the journal's edits
    /// are replayed on top of it where they apply, and where the file changed the same thing
    /// differently they become merge conflicts to resolve on the board.
    After {
        /// The version the edits started from: its content hash.
        version: String,
        /// When that version was written (seconds since 1970; 0 if unknown).
        modified: u64,
    },
    /// The file changed since and the journal (of an older whoowns) does not say what the
    /// edits started from: restoring puts the journaled version over the file.
    Replaces,
}

/// A journal's edits, ready to offer.
#[derive(Debug, Clone)]
pub struct Recovery {
    pub entry: Entry,
    /// The workspace restoring gives.
    pub workspace: Workspace,
    pub basis: Basis,
    /// How many of the edits conflict with the file as it is now.
    pub conflicts: usize,
    /// What restoring would change, one line each.
    pub summary: Vec<String>,
}

impl Recovery {
    /// What `entry` offers over `current`, the workspace of the file whose text is `disk_text`
    /// (`current_is_disk`) or that workspace with other journals already restored; `None` when
    /// it offers nothing (its text is what the file holds, it would change nothing, or it is
    /// unreadable): such a journal can go.
    pub fn new(
        entry: Entry,
        disk_text: &str,
        current: &Workspace,
        current_is_disk: bool,
    ) -> Option<Recovery> {
        let disk_hash = dirs::content_hash(disk_text.as_bytes());
        // A save that was killed between its rename and removing the journal.
        if current_is_disk && dirs::content_hash(entry.text.as_bytes()) == disk_hash {
            return None;
        }
        let journaled = parse(&entry.text).ok()?.workspace;
        let base = entry
            .base
            .as_deref()
            .and_then(|text| parse(text).ok())
            .map(|p| p.workspace);
        let basis = if entry.file.content_hash == disk_hash {
            Basis::Unsaved
        } else if base.is_some() {
            Basis::After {
                version: entry.file.content_hash.chars().take(8).collect(),
                modified: entry.file.modified,
            }
        } else {
            Basis::Replaces
        };
        let (workspace, conflicts) = match base {
            Some(_) if basis == Basis::Unsaved && current_is_disk => (journaled, 0),
            Some(base) => {
                let merged = merge(&base, current, &journaled);
                (merged.workspace, merged.new_conflicts.len())
            }
            None => (journaled, 0),
        };
        let mut summary = summarize(current, &workspace);
        if summary.is_empty() {
            return None;
        }
        if conflicts > 0 {
            summary.push(format!(
                "{conflicts} edit(s) conflict with the file as it is now: its values are kept, \
                 marked as merge conflicts to resolve on the board"
            ));
        }
        Some(Recovery {
            entry,
            workspace,
            basis,
            conflicts,
            summary,
        })
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
    let old_departments: HashMap<&str, _> =
        old.departments.iter().map(|d| (d.id.as_str(), d)).collect();
    let new_departments: HashSet<&str> = new.departments.iter().map(|d| d.id.as_str()).collect();
    for d in &new.departments {
        match old_departments.get(d.id.as_str()) {
            None => lines.push(format!("new department \"{}\"", d.name)),
            Some(o) if *o != d => lines.push(format!("department \"{}\" changed", d.name)),
            Some(_) => {}
        }
    }
    for o in &old.departments {
        if !new_departments.contains(o.id.as_str()) {
            lines.push(format!("department \"{}\" removed", o.name));
        }
    }
    let old_items: HashMap<&str, _> = old
        .responsibilities
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let new_items: HashSet<&str> = new.responsibilities.iter().map(|r| r.id.as_str()).collect();
    for r in &new.responsibilities {
        match old_items.get(r.id.as_str()) {
            None => lines.push(format!("new responsibility \"{}\"", r.name)),
            Some(o) if *o != r => {
                let roles: Vec<String> = new
                    .model
                    .roles()
                    .filter(|&role| o.role(role) != r.role(role))
                    .map(|role| {
                        format!(
                            "{} {} -> {}",
                            new.model.key(role),
                            o.role(role).join(", "),
                            r.role(role).join(", ")
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
        if !new_items.contains(o.id.as_str()) {
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
