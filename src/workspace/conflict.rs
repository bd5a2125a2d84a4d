//! Merge conflicts recorded in a workspace: a field two branches changed two different ways.
//!
//! `whoowns merge` keeps OURS' value in the field and writes a `[[conflict]]` table with both
//! values, so the file stays valid, `check` reports it and the board resolves it:
//!
//! ```toml
//! [[conflict]]
//! responsibility = "crisis-response"   # or department = "...", decision = "...", or neither
//! field = "tie_breaker"
//! ours = "The COO decides."            # absent: the field was removed on that side
//! theirs = "The CEO decides."
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use super::claim::Claim;
use super::model::{Signature, format_amount, format_money};

/// What a conflict is about: the workspace itself (its facts and `[rules]`) or one item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictTarget {
    /// `[workspace]` fields (`name`, ...) and `[rules]` (`rules.max_accountable`,
    /// `rules.severity.RULE`).
    Workspace,
    /// A department, by id.
    Department(String),
    /// A responsibility, by id.
    Responsibility(String),
    /// A decision, by id.
    Decision(String),
}

impl ConflictTarget {
    /// The key naming the item in a `[[conflict]]` table, with the item's id.
    pub fn key(&self) -> Option<(&'static str, &str)> {
        match self {
            ConflictTarget::Workspace => None,
            ConflictTarget::Department(id) => Some(("department", id)),
            ConflictTarget::Responsibility(id) => Some(("responsibility", id)),
            ConflictTarget::Decision(id) => Some(("decision", id)),
        }
    }
}

impl fmt::Display for ConflictTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.key() {
            None => f.write_str("the workspace"),
            Some((kind, id)) => write!(f, "{kind} \"{id}\""),
        }
    }
}

/// The value of one field, as a conflict holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    /// An amount or a count.
    Number(f64),
    /// Text, a date or an id. For `parked`, the note (empty: parked without a note); for
    /// `item`, `"kept"` or `"removed"`.
    Text(String),
    /// A department's signature.
    Signature(Signature),
    /// A department's claim.
    Claim(Claim),
}

impl FieldValue {
    /// The text, if this is text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            FieldValue::Text(t) => Some(t),
            _ => None,
        }
    }
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Number(n) => f.write_str(&format_amount(*n)),
            FieldValue::Text(t) => write!(f, "\"{t}\""),
            FieldValue::Signature(s) => {
                write!(f, "signed by {} on {}", s.by, s.date)?;
                match &s.open {
                    Some(open) => write!(f, " with {open} open"),
                    None => Ok(()),
                }
            }
            FieldValue::Claim(c) => match &c.answer {
                Some(answer) => write!(f, "\"{}\" ({}: {answer})", c.reason, c.status),
                None => write!(f, "\"{}\" ({})", c.reason, c.status),
            },
        }
    }
}

/// Shows an optional field value, `(none)` when absent.
pub fn show_value(value: Option<&FieldValue>) -> String {
    value.map_or_else(|| "(none)".to_owned(), ToString::to_string)
}

/// A field the two sides of a merge changed two different ways. The workspace holds OURS' value
/// until the conflict is resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The item the field belongs to.
    pub target: ConflictTarget,
    /// The field: `tie_breaker`, `funding.pr`, `claims.it`, `rules.severity.silo`, or `item`
    /// when one side removed the item and the other changed or used it.
    pub field: String,
    /// OURS' value; `None` when OURS has none (or removed the item).
    pub ours: Option<FieldValue>,
    /// THEIRS' value; `None` when THEIRS has none (or removed the item).
    pub theirs: Option<FieldValue>,
}

/// A `[[conflict]]` table as the file writes it, for the JSON Schema (the loader reads the file
/// form by hand into [`Conflict`]).
#[derive(schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct ConflictTable {
    /// The responsibility the field belongs to, by id.
    responsibility: Option<String>,
    /// The department the field belongs to, by id.
    department: Option<String>,
    /// The decision the field belongs to, by id.
    decision: Option<String>,
    /// The field: `tie_breaker`, `funding.pr`, `claims.it`, `rules.severity.silo`, `item`...
    field: String,
    /// OURS' value (absent: OURS has none or removed the item).
    ours: Option<serde_json::Value>,
    /// THEIRS' value (absent: THEIRS has none or removed the item).
    theirs: Option<serde_json::Value>,
}

/// The value of the `item` field of a side that kept the item.
pub const ITEM_KEPT: &str = "kept";
/// The value of the `item` field of a side that removed the item.
pub const ITEM_REMOVED: &str = "removed";

/// One side of a merge conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    /// `ours` or `theirs`, as in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }
}

impl Conflict {
    /// The value `side` wants.
    pub fn value(&self, side: Side) -> Option<&FieldValue> {
        match side {
            Side::Ours => self.ours.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }

    /// One side's value as people read it: a budget or funding amount grouped by three with
    /// the workspace's `currency` (`12,000 EUR`), anything else as [`show_value`] shows it.
    pub fn shown(&self, side: Side, currency: Option<&str>) -> String {
        match self.value(side) {
            Some(FieldValue::Number(n))
                if self.field == "budget" || self.field.starts_with("funding.") =>
            {
                format_money(*n, currency)
            }
            value => show_value(value),
        }
    }

    /// One sentence for `check` and the board, with both values (amounts in `currency`);
    /// `item_name` names the item (`"Crisis response"`, `the workspace`).
    pub fn describe(&self, item_name: &str, currency: Option<&str>) -> String {
        let ours = self.shown(Side::Ours, currency);
        let theirs = self.shown(Side::Theirs, currency);
        if self.field == "item" {
            return format!(
                "Merge conflict on {item_name}: ours {ours}, theirs {theirs} (kept for now): choose one side."
            );
        }
        format!(
            "Merge conflict on the {} of {item_name}: ours {ours} (kept for now), theirs {theirs}: choose one side.",
            self.field
        )
    }
}

impl super::model::Workspace {
    /// How a conflict's item is named in messages: `"Crisis response"`, `"Marketing"`, `the
    /// decision of 2026-11-20`, `the workspace`.
    pub fn conflict_item_name(&self, c: &Conflict) -> String {
        match &c.target {
            ConflictTarget::Workspace => "the workspace".to_owned(),
            ConflictTarget::Department(id) => format!("\"{}\"", self.department_name(id)),
            ConflictTarget::Responsibility(id) => format!(
                "\"{}\"",
                self.responsibility(id)
                    .map_or(id.as_str(), |r| r.name.as_str())
            ),
            ConflictTarget::Decision(id) => {
                self.decisions.iter().find(|d| d.id == *id).map_or_else(
                    || format!("decision \"{id}\""),
                    |d| format!("the decision of {}", d.date),
                )
            }
        }
    }

    /// The sentence `check` and the board show for a conflict.
    pub fn describe_conflict(&self, c: &Conflict) -> String {
        c.describe(&self.conflict_item_name(c), self.info.currency.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conflict(field: &str, ours: f64, theirs: f64) -> Conflict {
        Conflict {
            target: ConflictTarget::Responsibility("crisis".into()),
            field: field.into(),
            ours: Some(FieldValue::Number(ours)),
            theirs: Some(FieldValue::Number(theirs)),
        }
    }

    #[test]
    fn amounts_read_with_thousands_and_the_currency_and_counts_stay_counts() {
        let budget = conflict("budget", 12000.0, 15000.5);
        assert_eq!(
            budget.describe("\"Crisis\"", Some("EUR")),
            "Merge conflict on the budget of \"Crisis\": ours 12,000 EUR (kept for now), \
             theirs 15,000.5 EUR: choose one side."
        );
        assert_eq!(
            conflict("funding.pr", 5000.0, 0.0).shown(Side::Ours, None),
            "5,000"
        );
        let rule = conflict("rules.max_accountable", 4000.0, 2.0);
        assert_eq!(rule.shown(Side::Ours, Some("EUR")), "4000");
    }
}
