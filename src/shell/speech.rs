//! Sentences meant to be heard: counts in words a screen reader says well, names rather than
//! ids, the most important words first, and no symbols.

use rustc_hash::FxHashSet;

use crate::analysis::{Analysis, Finding, Summary};
use crate::workspace::Workspace;

/// "1 error", "3 warnings".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "4 errors, 9 warnings, 1 info", or "nothing" when the summary is clean.
pub fn severities(summary: &Summary) -> String {
    let mut parts = Vec::new();
    if summary.errors > 0 {
        parts.push(count(summary.errors, "error", "errors"));
    }
    if summary.warnings > 0 {
        parts.push(count(summary.warnings, "warning", "warnings"));
    }
    if summary.info > 0 {
        parts.push(format!("{} info", summary.info));
    }
    if parts.is_empty() {
        "nothing".to_owned()
    } else {
        parts.join(", ")
    }
}

/// "Still open: 4 errors, 9 warnings." or "Nothing open: every finding is settled."
pub fn still_open(analysis: &Analysis) -> String {
    let summary = analysis.summary();
    if summary.errors + summary.warnings + summary.info == 0 {
        "Nothing open: every finding is settled.".to_owned()
    } else {
        format!("Still open: {}.", severities(&summary))
    }
}

/// A finding in a few words: "hot potato on Influencer relations", "overload for Marketing".
pub fn finding_short(ws: &Workspace, f: &Finding) -> String {
    let label = f.rule.info().label;
    let item = f
        .responsibility
        .as_deref()
        .and_then(|id| ws.responsibility(id))
        .map(|r| r.name.as_str())
        // An item this change removed is named by its id.
        .or(f.responsibility.as_deref());
    let department = f.department.as_deref().map(|id| ws.department_name(id));
    match (item, department) {
        (Some(item), Some(d)) if f.rule == crate::analysis::RuleId::UnresolvedClaim => {
            format!("{d}'s claim on {item}")
        }
        (Some(item), Some(d)) => format!("{label} on {item} for {d}"),
        (Some(item), None) => format!("{label} on {item}"),
        (None, Some(d)) => format!("{label} for {d}"),
        (None, None) => label.to_owned(),
    }
}

type Key<'a> = (crate::analysis::RuleId, Option<&'a str>, Option<&'a str>);

fn key(f: &Finding) -> Key<'_> {
    (f.rule, f.responsibility.as_deref(), f.department.as_deref())
}

/// What a change did to the findings, from `before` to `after`: "Resolved: hot potato on
/// Influencer relations." and "New: overload for PR / Communications.", one line each; waived
/// findings count as settled. Linear in the findings.
pub fn delta(ws: &Workspace, before: &[Finding], after: &[Finding]) -> Vec<String> {
    let open = |findings: &[Finding]| -> Vec<usize> {
        (0..findings.len())
            .filter(|&i| findings[i].waived.is_none())
            .collect()
    };
    let (was, now) = (open(before), open(after));
    let was_keys: FxHashSet<Key<'_>> = was.iter().map(|&i| key(&before[i])).collect();
    let now_keys: FxHashSet<Key<'_>> = now.iter().map(|&i| key(&after[i])).collect();
    let resolved: Vec<String> = was
        .iter()
        .filter(|&&i| !now_keys.contains(&key(&before[i])))
        .map(|&i| finding_short(ws, &before[i]))
        .collect();
    let introduced: Vec<String> = now
        .iter()
        .filter(|&&i| !was_keys.contains(&key(&after[i])))
        .map(|&i| finding_short(ws, &after[i]))
        .collect();
    let mut lines = Vec::new();
    if !resolved.is_empty() {
        lines.push(format!("Resolved: {}.", resolved.join("; ")));
    }
    if !introduced.is_empty() {
        lines.push(format!("New: {}.", introduced.join("; ")));
    }
    lines
}

/// Department names for a list of ids: "Marketing and PR / Communications", or `none`.
pub fn departments(ws: &Workspace, ids: &[String], none: &str) -> String {
    if ids.is_empty() {
        return none.to_owned();
    }
    let names: Vec<String> = ids
        .iter()
        .map(|id| ws.department_name(id).to_owned())
        .collect();
    super::lookup::and_list(&names)
}

/// A sentence ends with a full stop (unless it already ends with one, or a question mark).
pub fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '?', '!']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_words() {
        let summary = Summary {
            errors: 1,
            warnings: 3,
            info: 0,
            waived: 2,
        };
        assert_eq!(severities(&summary), "1 error, 3 warnings");
        assert_eq!(severities(&Summary::default()), "nothing");
        assert_eq!(sentence("Done"), "Done.");
        assert_eq!(sentence("Really?"), "Really?");
    }
}
