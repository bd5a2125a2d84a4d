//! The diff as GitHub-flavoured Markdown, to append to the charter under its own level-2
//! heading: a legend, then a `###` heading per group and a list of its changes.

use super::Diff;
use super::lines::{Line, Section, Seg, sections};
use crate::charter::escape::escape_inline;
use crate::workspace::Workspace;

/// What the marks mean, first in a non-empty Markdown diff.
pub(super) const LEGEND: &str = "Marks: \\+ gained or added, \\- lost or removed, \\~ changed, \
✓ settled or signed, \\! needs attention.";

/// The diff as Markdown ending in a newline, with no level-1 or level-2 heading; `No changes.`
/// when empty. All workspace text is escaped like the charter's.
pub fn render_markdown(diff: &Diff, before: &Workspace, after: &Workspace) -> String {
    if diff.is_empty() {
        return "No changes.\n".into();
    }
    let mut out = String::from(LEGEND);
    out.push('\n');
    for section in sections(diff, before, after) {
        out.push_str("\n### ");
        out.push_str(&title(&section));
        out.push_str("\n\n");
        for line in &section.lines {
            out.push_str("- ");
            out.push_str(&line_text(line));
            out.push('\n');
        }
    }
    out
}

/// A section's title in Markdown, `(unnamed)` when it has none.
pub(super) fn title(section: &Section) -> String {
    let title = segs(&section.title);
    if title.is_empty() {
        "(unnamed)".to_owned()
    } else {
        title
    }
}

/// One change in Markdown: its mark escaped (`\+`, `\~`), then its words, workspace text
/// escaped like the charter's.
pub(super) fn line_text(line: &Line) -> String {
    let mut out = String::new();
    if let Some(mark) = line.mark {
        out.push_str(match mark {
            "+" => "\\+",
            "-" => "\\-",
            "~" => "\\~",
            "!" => "\\!",
            other => other,
        });
        out.push(' ');
    }
    out.push_str(&segs(&line.segs));
    out
}

/// Segments in Markdown: literal words as they are, workspace text escaped.
fn segs(segs: &[Seg]) -> String {
    segs.iter()
        .map(|seg| match seg {
            Seg::Lit(s) => s.clone(),
            Seg::Ws(s) => escape_inline(s),
        })
        .collect()
}
