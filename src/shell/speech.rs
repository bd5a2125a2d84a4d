//! Sentences meant to be heard: counts in words a screen reader says well, names rather than
//! ids, the most important words first, and no symbols.

use rustc_hash::{FxHashMap, FxHashSet};

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

/// A finding in a few words: "hot potato on Influencer relations", "overload for Marketing";
/// `names` gives an item's name by id.
fn finding_short(ws: &Workspace, names: &FxHashMap<&str, &str>, f: &Finding) -> String {
    let label = f.rule.info().label;
    let item = f
        .responsibility
        .as_deref()
        .map(|id| names.get(id).copied().unwrap_or(id));
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

/// At most this many findings are named in one line; the rest are counted.
const MOST_NAMED: usize = 6;

/// What a change did to the findings, from `before` to `after`: "Resolved: hot potato on
/// Influencer relations." and "New: overload for PR / Communications.", one line each (an
/// item the change removed named by its id); waived findings count as settled. Linear in the
/// findings and items.
pub fn delta(ws: &Workspace, before: &[Finding], after: &[Finding]) -> Vec<String> {
    let open = |findings: &[Finding]| -> Vec<usize> {
        (0..findings.len())
            .filter(|&i| findings[i].waived.is_none())
            .collect()
    };
    let (was, now) = (open(before), open(after));
    let was_keys: FxHashSet<Key<'_>> = was.iter().map(|&i| key(&before[i])).collect();
    let now_keys: FxHashSet<Key<'_>> = now.iter().map(|&i| key(&after[i])).collect();
    let resolved: Vec<&Finding> = was
        .iter()
        .filter(|&&i| !now_keys.contains(&key(&before[i])))
        .map(|&i| &before[i])
        .collect();
    let introduced: Vec<&Finding> = now
        .iter()
        .filter(|&&i| !was_keys.contains(&key(&after[i])))
        .map(|&i| &after[i])
        .collect();
    if resolved.is_empty() && introduced.is_empty() {
        return Vec::new();
    }
    let names: FxHashMap<&str, &str> = ws
        .responsibilities
        .iter()
        .map(|r| (r.id.as_str(), r.name.as_str()))
        .collect();
    let said = |findings: &[&Finding]| -> String {
        let mut named: Vec<String> = findings
            .iter()
            .take(MOST_NAMED)
            .map(|f| finding_short(ws, &names, f))
            .collect();
        if findings.len() > MOST_NAMED {
            named.push(format!("and {} more", findings.len() - MOST_NAMED));
        }
        named.join("; ")
    };
    let mut lines = Vec::new();
    if !resolved.is_empty() {
        lines.push(format!("Resolved: {}.", said(&resolved)));
    }
    if !introduced.is_empty() {
        lines.push(format!("New: {}.", said(&introduced)));
    }
    lines
}

/// A finding's message split into its fact and its advice, at the first ": " outside quotes:
/// ("Nobody is accountable for \"Crisis\".", Some("It is a hot potato until ...")). Heard
/// after every step, the fact alone is enough where a command to fix it follows.
pub fn fact_and_advice(message: &str) -> (String, Option<String>) {
    let mut quoted = false;
    for (at, c) in message.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted && message[at + 1..].starts_with(' ') => {
                let advice = message[at + 2..].trim();
                let mut chars = advice.chars();
                let advice = chars
                    .next()
                    .map(|first| first.to_uppercase().chain(chars).collect::<String>());
                return (sentence(&message[..at]), advice.map(|a| sentence(&a)));
            }
            _ => {}
        }
    }
    (sentence(message), None)
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

/// `text` with every date written `YYYY-MM-DD` said as words ("7 December 2026"): digits and
/// dashes are read out one by one by a screen reader.
pub fn spoken_dates(text: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let bytes = text.as_bytes();
    let is_date_at = |at: usize| {
        text.get(at..at + 10)
            .is_some_and(crate::workspace::is_valid_date)
            && !(at > 0 && bytes[at - 1].is_ascii_alphanumeric())
            && !bytes.get(at + 10).is_some_and(u8::is_ascii_alphanumeric)
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        if bytes[at].is_ascii_digit() && is_date_at(at) {
            let (year, month, day) = (
                &text[at..at + 4],
                &text[at + 5..at + 7],
                &text[at + 8..at + 10],
            );
            let month = month.parse::<usize>().map_or("", |m| MONTHS[m - 1]);
            let day = day.trim_start_matches('0');
            out.push_str(&format!("{day} {month} {year}"));
            at += 10;
            continue;
        }
        let next = text[at..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[at..at + next]);
        at += next;
    }
    out
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
        assert_eq!(
            spoken_dates("signed 2026-12-07, due 2027-02-01 (v2026-12-07x)"),
            "signed 7 December 2026, due 1 February 2027 (v2026-12-07x)"
        );
        assert_eq!(spoken_dates("2026-13-01 é"), "2026-13-01 é");
        assert_eq!(
            fact_and_advice("A and B both answer for \"x: y\" with no tie-breaker: agree how."),
            (
                "A and B both answer for \"x: y\" with no tie-breaker.".to_owned(),
                Some("Agree how.".to_owned())
            )
        );
        assert_eq!(sentence("Really?"), "Really?");
    }
}
