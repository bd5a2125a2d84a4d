//! Before and after: what changed between two versions of a workspace.
//!
//! [`diff`] compares two workspaces by id (so reordering changes nothing) and gives a [`Diff`]:
//! per responsibility who gained or lost which role, tie-breaker, budget, funding, claims, parking
//! and text changes, and the findings it resolved or introduced; department and workspace changes;
//! decisions added or removed. It runs in linear time (hash maps by id), so the board can call it
//! on every keystroke. [`render_text`], [`render_markdown`] and [`render_json`] present it.
//!
//! Nothing here knows about terminals: text output is plain and unsanitized (callers that print
//! to a terminal pass it through [`crate::text::sanitize`]).

mod compute;
mod departments;
mod json;
mod lines;
mod markdown;
#[cfg(test)]
mod more_tests;
mod oneline;
mod responsibilities;
#[cfg(test)]
mod tests;
mod text;

use serde::Serialize;

use crate::analysis::RuleId;
use crate::workspace::{Amount, ClaimStatus, Role, Severity};

pub use compute::{diff, diff_with_analyses};
pub use json::render_json;
pub use markdown::render_markdown;
pub use oneline::render_markdown_lines;
pub use text::{render_spoken, render_text};

/// Everything that differs between two workspaces. Lists are in AFTER's order, with what exists
/// only in BEFORE last.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    /// Changes of the `[workspace]` table.
    pub info: Vec<InfoChange>,
    /// Departments added, removed or changed.
    pub departments: Vec<DepartmentChange>,
    /// Responsibilities added, removed or changed (including ones whose findings changed).
    pub responsibilities: Vec<ResponsibilityChange>,
    /// Decision log entries in AFTER only.
    pub decisions_added: Vec<DecisionChange>,
    /// Decision log entries in BEFORE only.
    pub decisions_removed: Vec<DecisionChange>,
    /// Findings about no single responsibility (departments, workspace) gone in AFTER.
    pub findings_resolved: Vec<FindingChange>,
    /// Findings about no single responsibility that are new in AFTER.
    pub findings_introduced: Vec<FindingChange>,
    /// BEFORE's role model, which names the roles lost.
    #[serde(skip)]
    pub before_model: crate::workspace::RoleModel,
    /// AFTER's role model, which names the roles gained.
    #[serde(skip)]
    pub after_model: crate::workspace::RoleModel,
}

impl Diff {
    /// Whether the two workspaces show no difference.
    pub fn is_empty(&self) -> bool {
        self.info.is_empty()
            && self.departments.is_empty()
            && self.responsibilities.is_empty()
            && self.decisions_added.is_empty()
            && self.decisions_removed.is_empty()
            && self.findings_resolved.is_empty()
            && self.findings_introduced.is_empty()
    }

    /// Every finding resolved, the ones about a responsibility first.
    pub fn all_findings_resolved(&self) -> impl Iterator<Item = &FindingChange> {
        self.responsibilities
            .iter()
            .flat_map(|r| &r.findings_resolved)
            .chain(&self.findings_resolved)
    }

    /// Every finding introduced, the ones about a responsibility first.
    pub fn all_findings_introduced(&self) -> impl Iterator<Item = &FindingChange> {
        self.responsibilities
            .iter()
            .flat_map(|r| &r.findings_introduced)
            .chain(&self.findings_introduced)
    }
}

/// An item named by id, with its display name (from AFTER, or BEFORE if it is gone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemRef {
    pub id: String,
    pub name: String,
}

/// Whether an item exists in both versions or only one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    /// Only in AFTER.
    Added,
    /// Only in BEFORE.
    Removed,
    /// In both, with differences.
    Changed,
}

/// One changed field of the `[workspace]` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InfoChange {
    /// `name`, `organization`, `facilitator`, `purpose`, `date`, `currency` or
    /// `review_by`.
    pub field: &'static str,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A department added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentChange {
    /// The department (name from AFTER unless removed).
    pub department: ItemRef,
    pub presence: Presence,
    /// What changed (empty when added or removed).
    pub changes: Vec<DepartmentField>,
}

/// One change of a department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DepartmentField {
    /// A new display name.
    Renamed { before: String, after: String },
    /// A new lead (or none).
    Lead {
        before: Option<String>,
        after: Option<String>,
    },
    /// Signed (or signed anew); `stale` when the signature is already stale in AFTER; `open`
    /// what the signature notes was still open when it was made.
    Signed {
        by: String,
        date: String,
        stale: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        open: Option<String>,
    },
    /// The signature was removed.
    Unsigned { by: String, date: String },
    /// The same signature, current before, is stale in AFTER: the part changed since.
    NowStale { by: String, date: String },
}

/// A responsibility added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponsibilityChange {
    /// The responsibility (name from AFTER unless removed).
    pub responsibility: ItemRef,
    pub presence: Presence,
    /// What changed, field by field (for an added one: everything it holds).
    pub changes: Vec<Change>,
    /// Its findings gone in AFTER.
    pub findings_resolved: Vec<FindingChange>,
    /// Its findings new in AFTER.
    pub findings_introduced: Vec<FindingChange>,
}

/// One change of a responsibility.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    /// A department now holds a role.
    RoleGained { department: ItemRef, role: Role },
    /// A department no longer holds a role.
    RoleLost { department: ItemRef, role: Role },
    /// A text field changed: `name`, `description`, `area`, `notes` or `tie_breaker`.
    Text {
        field: &'static str,
        before: Option<String>,
        after: Option<String>,
    },
    /// The budget changed.
    Budget {
        before: Option<Amount>,
        after: Option<Amount>,
    },
    /// One department's funding share changed.
    Funding {
        department: ItemRef,
        before: Option<Amount>,
        after: Option<Amount>,
    },
    /// A claim appeared (possibly already settled).
    ClaimAdded {
        department: ItemRef,
        /// The role claimed (its name), if the claim names one.
        #[serde(skip_serializing_if = "Option::is_none")]
        role: Option<String>,
        reason: String,
        status: ClaimStatus,
        answer: Option<String>,
    },
    /// A claim disappeared.
    ClaimWithdrawn {
        department: ItemRef,
        #[serde(skip_serializing_if = "Option::is_none")]
        role: Option<String>,
        reason: String,
    },
    /// A claim was accepted or declined (or its outcome changed).
    ClaimSettled {
        department: ItemRef,
        #[serde(skip_serializing_if = "Option::is_none")]
        role: Option<String>,
        reason: String,
        status: ClaimStatus,
        answer: Option<String>,
    },
    /// A settled claim is open again.
    ClaimReopened {
        department: ItemRef,
        #[serde(skip_serializing_if = "Option::is_none")]
        role: Option<String>,
        reason: String,
    },
    /// A claim's reason, answer or date was edited, its status unchanged.
    ClaimEdited {
        department: ItemRef,
        #[serde(skip_serializing_if = "Option::is_none")]
        role: Option<String>,
        status: ClaimStatus,
        reason: String,
        answer: Option<String>,
    },
    /// Parked for later, with a note (possibly empty).
    Parked { note: String },
    /// Taken off the parking lot; `note` is the note it had.
    Unparked { note: String },
    /// Still parked, with another note.
    ParkNote { before: String, after: String },
}

/// A decision log entry added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionChange {
    pub date: String,
    /// The responsibility it is about, if any.
    pub responsibility: Option<ItemRef>,
    pub text: String,
}

/// A finding resolved or introduced. Findings match by (rule, responsibility, department).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingChange {
    pub rule: RuleId,
    pub severity: Severity,
    pub responsibility: Option<ItemRef>,
    pub department: Option<ItemRef>,
    /// The finding's sentence, from the version it belongs to.
    pub message: String,
    /// Why the room accepted it on purpose, when a waiver covers it in that version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waived: Option<String>,
}
