//! Reading the `[[waiver]]` tables: a known rule, the item it names (which must exist), a
//! reason and a date.

use std::ops::Range;

use toml::de::DeTable;

use super::{Ids, Reader, WAIVER_KEYS};
use crate::rules::RuleId;
use crate::workspace::Waiver;

impl Reader {
    pub(super) fn waiver(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        number: usize,
        departments: &Ids<'_>,
        responsibilities: &Ids<'_>,
    ) -> Waiver {
        let f = self.fields(table, span, WAIVER_KEYS, format!("waiver #{number}"));
        let rule = self.required_string(&f, "rule");
        if let Some(v) = f.get("rule")
            && !rule.is_empty()
            && RuleId::parse(&rule).is_none()
        {
            let known: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
            self.error(
                v.span(),
                format!(
                    "unknown rule `{rule}` in {}; expected one of: {}",
                    f.what,
                    known.join(", ")
                ),
            );
        }
        let responsibility = self.optional_string(&f, "responsibility");
        if let (Some(id), Some(v)) = (&responsibility, f.get("responsibility"))
            && !responsibilities.contains(id)
        {
            self.error(
                v.span(),
                format!(
                    "unknown responsibility `{id}` in {}{}",
                    f.what,
                    responsibilities.hint(id)
                ),
            );
        }
        let department = self.optional_string(&f, "department");
        if let (Some(id), Some(v)) = (&department, f.get("department"))
            && !departments.contains(id)
        {
            self.error(
                v.span(),
                format!(
                    "unknown department `{id}` in {}{}",
                    f.what,
                    departments.hint(id)
                ),
            );
        }
        let date = match f.get("date") {
            None => {
                self.error(
                    f.span.clone(),
                    format!("missing `date` (YYYY-MM-DD) in {}", f.what),
                );
                String::new()
            }
            Some(_) => self.optional_date(&f, "date").unwrap_or_default(),
        };
        Waiver {
            rule,
            responsibility,
            department,
            reason: self.required_string(&f, "reason"),
            date,
        }
    }
}
