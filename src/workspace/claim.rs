//! A department's claim on a responsibility and, once the room settled it, its outcome.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a department's claim on a responsibility stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    /// Not settled yet.
    #[default]
    Open,
    /// The claimant was given a role.
    Accepted,
    /// Turned down, with a reason.
    Declined,
}

impl ClaimStatus {
    /// Every status, in file order.
    pub const ALL: [ClaimStatus; 3] = [
        ClaimStatus::Open,
        ClaimStatus::Accepted,
        ClaimStatus::Declined,
    ];

    /// The word used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Open => "open",
            ClaimStatus::Accepted => "accepted",
            ClaimStatus::Declined => "declined",
        }
    }

    /// Parses the word used in files.
    pub fn parse(word: &str) -> Option<ClaimStatus> {
        ClaimStatus::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

impl fmt::Display for ClaimStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A department's claim on a responsibility ("we should own monitoring, because...") and, once
/// settled, its outcome. In the file an open claim is just its reason (`it = "We run the
/// tools."`); a settled one is a table (`it = { reason = "...", status = "declined", answer =
/// "...", date = "2026-11-24" }`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(from = "ClaimRepr", into = "ClaimRepr")]
pub struct Claim {
    /// Why the department wants it.
    pub reason: String,
    pub status: ClaimStatus,
    /// The room's answer: why it was declined, or how it was accepted.
    pub answer: Option<String>,
    /// When it was settled, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Who raised it, when someone other than the department did (a remote participant, the
    /// facilitator): a field of its own, not words in the reason.
    pub raised_by: Option<String>,
}

impl Claim {
    /// An open claim with this reason.
    pub fn open(reason: impl Into<String>) -> Self {
        Claim {
            reason: reason.into(),
            ..Claim::default()
        }
    }

    /// Whether the claim still waits for an answer.
    pub fn is_open(&self) -> bool {
        self.status == ClaimStatus::Open
    }

    /// Whether the file writes this claim as a bare reason string.
    pub fn is_bare(&self) -> bool {
        self.is_open() && self.answer.is_none() && self.date.is_none() && self.raised_by.is_none()
    }
}

impl From<&str> for Claim {
    /// An open claim with this reason.
    fn from(reason: &str) -> Self {
        Claim::open(reason)
    }
}

/// The file shape of a [`Claim`]: a bare reason or a table.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
enum ClaimRepr {
    /// An open claim: the department's reason.
    Reason(String),
    /// A claim with its outcome.
    Settled(SettledRepr),
}

/// A claim written as a table: `{ reason = "...", status = "declined", answer = "..." }`.
#[derive(Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct SettledRepr {
    reason: String,
    #[serde(default)]
    status: ClaimStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// Who raised the claim, when someone other than the department did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    raised_by: Option<String>,
}

impl From<ClaimRepr> for Claim {
    fn from(repr: ClaimRepr) -> Self {
        match repr {
            ClaimRepr::Reason(reason) => Claim::open(reason),
            ClaimRepr::Settled(SettledRepr {
                reason,
                status,
                answer,
                date,
                raised_by,
            }) => Claim {
                reason,
                status,
                answer,
                date,
                raised_by,
            },
        }
    }
}

impl From<Claim> for ClaimRepr {
    fn from(claim: Claim) -> Self {
        if claim.is_bare() {
            ClaimRepr::Reason(claim.reason)
        } else {
            ClaimRepr::Settled(SettledRepr {
                reason: claim.reason,
                status: claim.status,
                answer: claim.answer,
                date: claim.date,
                raised_by: claim.raised_by,
            })
        }
    }
}
