//! The conflict rules: one table of ids, default severities and explanations, and the
//! severities themselves. A leaf module: the workspace format (which names rules and
//! severities in `[rules]`) and the analysis (which applies them) both build on it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// All severities, worst first.
    pub const WORST_FIRST: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The lowercase word used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// Parses the word used in files.
    pub fn parse(word: &str) -> Option<Severity> {
        Severity::WORST_FIRST
            .into_iter()
            .find(|s| s.as_str() == word)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Identifies one conflict rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    HotPotato,
    Contested,
    NoDoer,
    UnresolvedClaim,
    Silo,
    Overload,
    Underfunded,
    SingleFunder,
    Absent,
    MergeConflict,
    Undecided,
    DuplicateName,
    ReviewDue,
}

/// What a rule is and how serious it is unless the workspace says otherwise.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub id: RuleId,
    pub default_severity: Severity,
    /// Short label for badges on screen.
    pub label: &'static str,
    /// One sentence: when the rule fires.
    pub explanation: &'static str,
}

/// Every rule, in the order findings of one item are listed.
pub const RULES: [RuleInfo; 13] = [
    RuleInfo {
        id: RuleId::HotPotato,
        default_severity: Severity::Error,
        label: "hot potato",
        explanation: "A responsibility has no accountable department: nobody decides or answers for it.",
    },
    RuleInfo {
        id: RuleId::Contested,
        default_severity: Severity::Error,
        label: "contested",
        explanation: "Two or more departments are accountable and no tie-breaker says how they settle a disagreement.",
    },
    RuleInfo {
        id: RuleId::NoDoer,
        default_severity: Severity::Warning,
        label: "no doer",
        explanation: "No department is responsible: nobody does the work.",
    },
    RuleInfo {
        id: RuleId::UnresolvedClaim,
        default_severity: Severity::Warning,
        label: "claim",
        explanation: "A department claims a responsibility, is neither accountable nor responsible for it, and nobody has accepted or declined the claim yet.",
    },
    RuleInfo {
        id: RuleId::Silo,
        default_severity: Severity::Warning,
        label: "silo",
        explanation: "One department does, decides and tells nobody: no other department holds any role.",
    },
    RuleInfo {
        id: RuleId::Overload,
        default_severity: Severity::Warning,
        label: "overload",
        explanation: "A department is accountable for too many responsibilities (more than `rules.max_accountable`, or at least 3 and more than twice the mean).",
    },
    RuleInfo {
        id: RuleId::Underfunded,
        default_severity: Severity::Warning,
        label: "underfunded",
        explanation: "The funding shares add up to less than the budget.",
    },
    RuleInfo {
        id: RuleId::SingleFunder,
        default_severity: Severity::Info,
        label: "one funder",
        explanation: "A budgeted responsibility is funded by a single department.",
    },
    RuleInfo {
        id: RuleId::Absent,
        default_severity: Severity::Info,
        label: "absent",
        explanation: "A department holds no role anywhere.",
    },
    RuleInfo {
        id: RuleId::MergeConflict,
        default_severity: Severity::Error,
        label: "merge conflict",
        explanation: "A merge found a field changed two different ways on the two branches: the file keeps ours until someone chooses a side.",
    },
    RuleInfo {
        id: RuleId::Undecided,
        default_severity: Severity::Error,
        label: "undecided",
        explanation: "Nobody decides a responsibility, in a model where deciding is a role of its own (such as does-decides-answers).",
    },
    RuleInfo {
        id: RuleId::DuplicateName,
        default_severity: Severity::Warning,
        label: "same name",
        explanation: "Two departments, or two responsibilities, have names equal ignoring case and spacing.",
    },
    RuleInfo {
        id: RuleId::ReviewDue,
        default_severity: Severity::Warning,
        label: "review due",
        explanation: "The charter's review date (`[workspace] review_by`) has passed: go through it again with the departments and set the next one.",
    },
];

impl RuleId {
    /// Every rule id, in table order.
    pub const ALL: [RuleId; 13] = [
        RuleId::HotPotato,
        RuleId::Contested,
        RuleId::NoDoer,
        RuleId::UnresolvedClaim,
        RuleId::Silo,
        RuleId::Overload,
        RuleId::Underfunded,
        RuleId::SingleFunder,
        RuleId::Absent,
        RuleId::MergeConflict,
        RuleId::Undecided,
        RuleId::DuplicateName,
        RuleId::ReviewDue,
    ];

    /// The rule's entry in [`RULES`].
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }

    /// The id used in files and output, such as `hot-potato`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::HotPotato => "hot-potato",
            RuleId::Contested => "contested",
            RuleId::NoDoer => "no-doer",
            RuleId::UnresolvedClaim => "unresolved-claim",
            RuleId::Silo => "silo",
            RuleId::Overload => "overload",
            RuleId::Underfunded => "underfunded",
            RuleId::SingleFunder => "single-funder",
            RuleId::Absent => "absent",
            RuleId::MergeConflict => "merge-conflict",
            RuleId::Undecided => "undecided",
            RuleId::DuplicateName => "duplicate-name",
            RuleId::ReviewDue => "review-due",
        }
    }

    /// Parses a rule id as written in files.
    pub fn parse(id: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.as_str() == id)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_indexed_by_id() {
        for id in RuleId::ALL {
            assert_eq!(id.info().id, id);
            assert_eq!(RuleId::parse(id.as_str()), Some(id));
        }
    }
}
