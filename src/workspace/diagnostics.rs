//! Problems in a workspace file rendered the way a compiler shows them, with limits: exact
//! repeats are dropped, one message is shown at most a few times, the list is capped with
//! "and N more", long lines are cut around the problem and the marker follows display width.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use super::source::{Diagnostic, LineIndex};
use crate::text::{sanitize, sanitize_path};

/// At most this many problems are shown.
pub const MAX_SHOWN: usize = 20;
/// One message is shown at most this many times.
pub const MAX_SAME_MESSAGE: usize = 3;
/// Columns of a source line shown before and after the problem.
const CONTEXT_BEFORE: usize = 50;
const LINE_WIDTH: usize = 100;

/// Renders problems: message, `path:line:column`, the line and a marker under the problem.
pub fn render_diagnostics(path: &Path, text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let shown_path = sanitize_path(path);
    let mut seen = HashSet::new();
    let distinct: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| seen.insert((d.span.start, d.message.as_str())))
        .collect();
    let mut out = String::new();
    let mut per_message: HashMap<&str, usize> = HashMap::new();
    let mut shown = 0;
    let mut hidden = 0;
    for d in &distinct {
        let seen = per_message.entry(d.message.as_str()).or_default();
        *seen += 1;
        if *seen > MAX_SAME_MESSAGE || shown >= MAX_SHOWN {
            hidden += 1;
            continue;
        }
        shown += 1;
        render_one(&mut out, &shown_path, text, &index, d);
    }
    let count = shown + hidden;
    if hidden > 0 {
        let _ = writeln!(
            out,
            "... and {hidden} more problem{} not shown",
            plural(hidden)
        );
    }
    let _ = write!(
        out,
        "{shown_path}: {count} problem{} found; the workspace was not loaded",
        plural(count)
    );
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn render_one(out: &mut String, path: &str, text: &str, index: &LineIndex, d: &Diagnostic) {
    let at = index.locate(text, d.span.start);
    let line = index.line_text(text, at.line);
    let gutter = at.line.to_string().len();
    // Characters of the problem on its line (at least one marker).
    let span_chars = text
        .get(d.span.start.min(text.len())..d.span.end.min(text.len()))
        .map_or(1, |s| s.lines().next().unwrap_or("").chars().count())
        .max(1);
    let (shown, indent, marker) = window(line, at.column - 1, span_chars);
    let _ = writeln!(out, "error: {}", sanitize(&d.message));
    let _ = writeln!(out, "{:gutter$}--> {path}:{at}", "");
    let _ = writeln!(out, "{:gutter$} |", "");
    let _ = writeln!(out, "{} | {shown}", at.line);
    let _ = writeln!(
        out,
        "{:gutter$} | {}{}",
        "",
        " ".repeat(indent),
        "^".repeat(marker)
    );
}

/// The part of `line` to show (sanitized, cut to about [`LINE_WIDTH`] columns around the
/// problem), the marker's indent and its width, both in display columns.
fn window(line: &str, column: usize, span_chars: usize) -> (String, usize, usize) {
    let cells: Vec<(char, usize)> = sanitize(line)
        .chars()
        .map(|c| (c, crate::text::char_width(c)))
        .collect();
    let column = column.min(cells.len());
    let width_between = |from: usize, to: usize| cells[from..to].iter().map(|c| c.1).sum::<usize>();
    let mut start = 0;
    let mut before = width_between(0, column);
    while before > CONTEXT_BEFORE {
        before -= cells[start].1;
        start += 1;
    }
    let mut end = start;
    let mut used = 0;
    while end < cells.len() && used + cells[end].1 <= LINE_WIDTH {
        used += cells[end].1;
        end += 1;
    }
    let mut shown = String::new();
    let mut indent = width_between(start, column);
    if start > 0 {
        shown.push('…');
        indent += 1;
    }
    shown.extend(cells[start..end].iter().map(|c| c.0));
    if end < cells.len() {
        shown.push('…');
    }
    let span_end = (column + span_chars).min(end).max(column);
    let marker = width_between(column, span_end).max(1);
    (shown, indent, marker)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_sits_under_wide_characters() {
        let text = "name = \"广报\" x\n";
        let at = text.find('x').expect("present");
        let shown = render_diagnostics(
            Path::new("w.toml"),
            text,
            &[Diagnostic::new(at..at + 1, "bad")],
        );
        let lines: Vec<&str> = shown.lines().collect();
        let source = lines[3].split_once("| ").expect("gutter").1;
        let marker = lines[4].split_once("| ").expect("gutter").1;
        let marker_col = marker.find('^').expect("marker");
        let before: String = source.chars().take_while(|&c| c != 'x').collect();
        assert_eq!(marker_col, crate::text::width(&before), "{shown}");
    }

    #[test]
    fn repeats_are_collapsed_and_the_list_is_capped() {
        let text = "[".repeat(5000);
        let diagnostics: Vec<Diagnostic> = (0..5000)
            .map(|i| Diagnostic::new(i..i + 1, "invalid TOML: unclosed table"))
            .chain((0..5).map(|_| Diagnostic::new(0..1, "same place")))
            .collect();
        let shown = render_diagnostics(Path::new("w.toml"), &text, &diagnostics);
        assert_eq!(shown.matches("unclosed table").count(), MAX_SAME_MESSAGE);
        assert_eq!(shown.matches("same place").count(), 1);
        assert!(
            shown.contains("... and 4997 more problems not shown"),
            "{shown}"
        );
        assert!(shown.len() < 2_000, "{} bytes", shown.len());
    }

    #[test]
    fn many_distinct_messages_stop_at_the_cap() {
        let text = "x\n".repeat(100);
        let diagnostics: Vec<Diagnostic> = (0..100)
            .map(|i| Diagnostic::new(2 * i..2 * i + 1, format!("problem {i}")))
            .collect();
        let shown = render_diagnostics(Path::new("w.toml"), &text, &diagnostics);
        assert_eq!(shown.matches("error: problem").count(), MAX_SHOWN);
        assert!(shown.contains("and 80 more problems"), "{shown}");
        assert!(shown.ends_with("100 problems found; the workspace was not loaded"));
    }
}
