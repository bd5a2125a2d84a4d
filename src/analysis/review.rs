//! The `review-due` rule: a charter carries the day by which it is to be reviewed
//! (`[workspace] review_by`), and after that day the analysis says so. The day it is today is
//! an input of the analysis ([`super::analyze_on`]), never read from the clock inside it, so
//! the same workspace and date always give the same findings.

use super::{Collector, RuleId};

/// Today's local date, `YYYY-MM-DD`: what the commands and the board analyse on unless told
/// another date (`--date`).
pub fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// Whether a charter to be reviewed by `review_by` is due on `today` (both `YYYY-MM-DD`): the
/// review day itself is still in time.
pub fn is_due(review_by: &str, today: &str) -> bool {
    // Dates written YYYY-MM-DD sort as text in calendar order.
    today > review_by
}

impl Collector<'_> {
    /// The `review-due` finding, about the whole workspace, when the analysis knows today's
    /// date and the review date has passed.
    pub(super) fn review(&mut self) {
        let (Some(today), Some(review_by)) = (
            self.today.as_deref(),
            self.workspace.info.review_by.as_deref(),
        ) else {
            return;
        };
        if !is_due(review_by, today) {
            return;
        }
        let message = format!(
            "The charter was due for review by {review_by}: go through it again with the departments and set the next review date."
        );
        self.push(RuleId::ReviewDue, None, None, || message);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{RuleId, analyze, analyze_on};
    use super::is_due;
    use crate::workspace::{Responsibility, Severity, Workspace};

    fn workspace(review_by: Option<&str>) -> Workspace {
        let mut ws = Workspace::default();
        ws.info.name = "Charter".into();
        ws.info.review_by = review_by.map(Into::into);
        ws
    }

    fn due(ws: &Workspace, today: &str) -> Vec<(RuleId, Severity)> {
        analyze_on(ws, Some(today))
            .findings
            .iter()
            .filter(|f| f.rule == RuleId::ReviewDue)
            .map(|f| (f.rule, f.severity))
            .collect()
    }

    #[test]
    fn due_only_after_the_review_day() {
        assert!(!is_due("2026-12-01", "2026-11-30"));
        assert!(!is_due("2026-12-01", "2026-12-01"));
        assert!(is_due("2026-12-01", "2026-12-02"));
        assert!(is_due("2026-12-01", "2027-01-01"));
        let ws = workspace(Some("2026-12-01"));
        assert!(due(&ws, "2026-12-01").is_empty());
        assert_eq!(
            due(&ws, "2026-12-02"),
            [(RuleId::ReviewDue, Severity::Warning)]
        );
        let f = &analyze_on(&ws, Some("2026-12-02")).findings[0];
        assert_eq!(
            (f.responsibility.as_deref(), f.department.as_deref()),
            (None, None)
        );
        assert!(
            f.message.contains("due for review by 2026-12-01"),
            "{}",
            f.message
        );
    }

    #[test]
    fn no_date_no_review_day_no_finding() {
        assert!(due(&workspace(None), "2030-01-01").is_empty());
        let ws = workspace(Some("2026-12-01"));
        assert!(analyze(&ws).findings.is_empty(), "analyze knows no date");
    }

    #[test]
    fn configurable_like_every_rule() {
        let mut ws = workspace(Some("2026-12-01"));
        ws.rules
            .severity
            .insert("review-due".into(), Severity::Error);
        assert_eq!(
            due(&ws, "2027-01-01"),
            [(RuleId::ReviewDue, Severity::Error)]
        );
        ws.rules.disable.push("review-due".into());
        assert!(due(&ws, "2027-01-01").is_empty());
    }

    #[test]
    fn an_update_keeps_the_date_it_was_analysed_on() {
        let mut ws = workspace(Some("2026-12-01"));
        ws.responsibilities.push(Responsibility {
            id: "a".into(),
            name: "A".into(),
            ..Responsibility::default()
        });
        let mut analysis = analyze_on(&ws, Some("2027-01-01"));
        ws.responsibilities[0].name = "B".into();
        analysis.update_responsibility(&ws, 0);
        assert_eq!(analysis, analyze_on(&ws, Some("2027-01-01")));
        assert!(
            analysis
                .findings
                .iter()
                .any(|f| f.rule == RuleId::ReviewDue)
        );
    }
}
