//! The diff as one Markdown line per responsibility (or department, or the workspace), for a
//! charter to carry: what the session changed, grouped per item, in the diff's own words.

use super::Diff;
use super::lines::sections;
use super::markdown::{line_text, title};
use crate::workspace::Workspace;

/// The diff as a Markdown list ending in a newline, one item per group of changes:
/// `- **Crisis response:** \+ Legal accountable; \~ budget 10,000 → 12,000 EUR`. Says `No changes.`
/// when there are none. All workspace text is escaped like the charter's; there are no headings,
/// so it can sit under any heading of the charter.
pub fn render_markdown_lines(diff: &Diff, before: &Workspace, after: &Workspace) -> String {
    if diff.is_empty() {
        return "No changes.\n".into();
    }
    let mut out = String::from(super::markdown::LEGEND);
    out.push_str("\n\n");
    for section in sections(diff, before, after) {
        out.push_str("- **");
        out.push_str(&title(&section));
        out.push_str(":** ");
        for (n, line) in section.lines.iter().enumerate() {
            if n > 0 {
                out.push_str("; ");
            }
            out.push_str(line_text(line).trim_end_matches('.'));
        }
        out.push_str(".\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::parse;

    #[test]
    fn one_line_per_item_and_no_heading() {
        let before = parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace;
        let mut after = before.clone();
        after.responsibilities[0].budget = Some(1.0);
        after.responsibilities[0].informed.push("hr".into());
        after.responsibilities[1].name = "Renamed *item*".into();
        let changes = crate::diff::diff(&before, &after);
        let text = render_markdown_lines(&changes, &before, &after);
        assert!(text.starts_with("Marks:"), "{text}");
        assert!(!text.contains('#'), "no heading: {text}");
        let items: Vec<&str> = text.lines().filter(|l| l.starts_with("- **")).collect();
        assert_eq!(items.len(), 2, "{text}");
        assert!(
            items[0].contains("; "),
            "two changes on one line: {}",
            items[0]
        );
        assert!(text.contains("\\*item\\*"), "escaped: {text}");
        let empty = crate::diff::diff(&before, &before);
        assert_eq!(
            render_markdown_lines(&empty, &before, &before),
            "No changes.\n"
        );
    }
}
