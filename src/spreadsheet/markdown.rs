//! The tables of a Markdown document, each as a sheet: rows numbered by their line in the
//! document, bold labels marked (a section row), the document's first heading as the title and
//! the heading above each table as its caption.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::sheet::Sheet;

/// Whether `text` holds a Markdown table (a row of cells over a `|---|` delimiter row).
pub fn looks_like_markdown(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim();
        line.contains('|')
            && line.contains('-')
            && line
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    })
}

/// Every table of the document, in order; each is named "table N".
pub fn read_markdown(text: &str) -> Vec<Sheet> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset);
    let mut sheets = Vec::new();
    // The document's title: its first heading of the highest level seen so far.
    let mut title: Option<(usize, String)> = None;
    let mut level = 0usize;
    let mut heading: Option<String> = None;
    let mut in_heading = false;
    let mut heading_text = String::new();
    let mut current: Option<Sheet> = None;
    let mut cell: Option<Cell> = None;
    let mut row: Vec<String> = Vec::new();
    let mut row_strong = false;
    let mut strong_depth = 0usize;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level: l, .. }) => {
                level = l as usize;
                in_heading = true;
                heading_text.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                let text = heading_text.trim().to_owned();
                seen_heading(&mut title, &mut heading, level, text);
            }
            Event::Html(html) | Event::InlineHtml(html) if cell.is_none() => {
                if let Some((l, text)) = html_heading(&html) {
                    seen_heading(&mut title, &mut heading, l, text);
                }
            }
            Event::Start(Tag::Table(_)) => {
                let mut sheet = Sheet {
                    name: format!("table {}", sheets.len() + 1),
                    lines: true,
                    title: title.as_ref().map(|(_, t)| t.clone()),
                    ..Sheet::default()
                };
                sheet.caption = heading
                    .clone()
                    .filter(|h| title.as_ref().is_none_or(|(_, t)| t != h));
                current = Some(sheet);
            }
            Event::End(TagEnd::Table) => sheets.extend(current.take()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row.clear();
                row_strong = false;
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(sheet) = current.as_mut() {
                    sheet
                        .rows
                        .push(std::mem::take(&mut row).into_iter().collect());
                    sheet.numbers.push(line_of(range.start));
                    sheet.strong.push(row_strong);
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(Cell::default()),
            Event::End(TagEnd::TableCell) => {
                if let Some(done) = cell.take() {
                    let text = done.text.trim().to_owned();
                    if row.iter().all(String::is_empty) && !text.is_empty() {
                        row_strong = done.strong && !done.plain;
                    }
                    row.push(text);
                }
            }
            Event::Start(Tag::Strong) => strong_depth += 1,
            Event::End(TagEnd::Strong) => strong_depth = strong_depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push(&t, strong_depth > 0);
                } else if in_heading {
                    heading_text.push_str(&t);
                }
            }
            Event::InlineHtml(html) => {
                let tag = html.trim().to_ascii_lowercase();
                if let Some(c) = cell.as_mut()
                    && (tag.starts_with("<br") || tag.starts_with("</br"))
                {
                    c.text.push('\n');
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = cell.as_mut() {
                    c.text.push('\n');
                } else if in_heading {
                    heading_text.push(' ');
                }
            }
            _ => {}
        }
    }
    sheets
}

/// Records a heading: the title when it is the first of a higher level than any before.
fn seen_heading(
    title: &mut Option<(usize, String)>,
    heading: &mut Option<String>,
    level: usize,
    text: String,
) {
    if text.is_empty() {
        return;
    }
    if title.as_ref().is_none_or(|(l, _)| level < *l) {
        *title = Some((level, text.clone()));
    }
    *heading = Some(text);
}

/// An HTML heading (`<h2 style="...">RACI Matrix</h2>`): its level and text.
fn html_heading(html: &str) -> Option<(usize, String)> {
    let trimmed = html.trim();
    let lower = trimmed.to_ascii_lowercase();
    let rest = lower.strip_prefix("<h")?;
    let level = rest.chars().next()?.to_digit(10)?;
    if !(1..=6).contains(&level) || !rest[1..].starts_with(['>', ' ']) {
        return None;
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in trimmed.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some((level as usize, text))
}

/// A cell being read: its text, and whether any of it was bold and any of it plain.
#[derive(Default)]
struct Cell {
    text: String,
    strong: bool,
    plain: bool,
}

impl Cell {
    fn push(&mut self, text: &str, strong: bool) {
        if !text.trim().is_empty() {
            if strong {
                self.strong = true;
            } else {
                self.plain = true;
            }
        }
        self.text.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_with_lines_titles_and_bold_rows() {
        let text = "# Plan\n\n## Who\n\n| Task | IT |\n|---|---|\n| **Launch** | |\n| Post<br>daily | R |\n";
        let sheets = read_markdown(text);
        assert_eq!(sheets.len(), 1);
        let sheet = &sheets[0];
        assert_eq!(sheet.title.as_deref(), Some("Plan"));
        assert_eq!(sheet.caption.as_deref(), Some("Who"));
        assert_eq!(sheet.rows[2], ["Post\ndaily", "R"]);
        assert_eq!(sheet.numbers, vec![5, 7, 8]);
        assert_eq!(sheet.strong, vec![false, true, false]);
        assert!(looks_like_markdown(text));
        assert!(!looks_like_markdown("Task,IT\nPost,R\n"));
        let html = "<h3>Why</h3>\n\n<h2 style=\"x\">RACI Matrix</h2>\n\n| Task | IT |\n|---|---|\n| Post | R |\n";
        assert_eq!(read_markdown(html)[0].title.as_deref(), Some("RACI Matrix"));
    }
}
