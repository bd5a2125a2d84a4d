//! A finding the room accepted on purpose (a `[[waiver]]` table): the rule, what it is about,
//! why, and when. A waived finding is still listed, but counts as neither error nor warning.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One `[[waiver]]` table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Waiver {
    /// The rule id of the finding, such as `overload`.
    pub rule: String,
    /// The responsibility the finding is about, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibility: Option<String>,
    /// The department the finding is about, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Why the room accepts it.
    pub reason: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

impl Waiver {
    /// Whether the waiver is about the finding of `rule` on these items.
    pub fn matches(
        &self,
        rule: &str,
        responsibility: Option<&str>,
        department: Option<&str>,
    ) -> bool {
        self.rule == rule
            && self.responsibility.as_deref() == responsibility
            && self.department.as_deref() == department
    }
}
