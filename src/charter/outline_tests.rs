//! What a GFM parser (pulldown-cmark) sees in the charter's Markdown: its headings, its tables
//! cell by cell, its text, and anything workspace text must never become (links out, images,
//! code, raw HTML...); shared by the charter's tests.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What a parser saw: headings, tables (cells as text), all text, and anything that must never
/// come from workspace text.
#[derive(Debug, Default)]
pub(super) struct Outline {
    pub(super) headings: Vec<(usize, String)>,
    /// Per table: the heading it sits under, header cells and body rows.
    pub(super) tables: Vec<(String, Vec<String>, Vec<Vec<String>>)>,
    pub(super) text: String,
    pub(super) forbidden: Vec<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
}

pub(super) fn outline(markdown: &str) -> Outline {
    let mut out = Outline::default();
    let mut heading: Option<String> = None;
    let mut cell: Option<String> = None;
    let mut row: Vec<String> = Vec::new();
    let mut table: Option<(Vec<String>, Vec<Vec<String>>)> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(text) => {
                out.text.push_str(&text);
                for part in [&mut heading, &mut cell].into_iter().flatten() {
                    part.push_str(&text);
                }
            }
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(level)) => {
                out.headings
                    .push((level as usize, heading.take().unwrap_or_default()));
            }
            Event::Start(Tag::Table(_)) => table = Some((Vec::new(), Vec::new())),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.push(cell.take().unwrap_or_default()),
            Event::End(TagEnd::TableHead) => {
                table.as_mut().expect("in a table").0 = std::mem::take(&mut row);
            }
            Event::End(TagEnd::TableRow) => {
                table
                    .as_mut()
                    .expect("in a table")
                    .1
                    .push(std::mem::take(&mut row));
            }
            Event::End(TagEnd::Table) => {
                let (header, rows) = table.take().expect("in a table");
                let under = out.headings.last().map(|h| h.1.clone()).unwrap_or_default();
                out.tables.push((under, header, rows));
            }
            // The charter's own links lead to its sections (`#anchor`, `file.md#anchor`).
            Event::Start(Tag::Link { dest_url, .. })
                if dest_url.starts_with('#') || is_own_file(&dest_url) => {}
            Event::Start(
                tag @ (Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::BlockQuote(_)
                | Tag::Strikethrough
                | Tag::FootnoteDefinition(_)),
            ) => out.forbidden.push(format!("{tag:?}")),
            event @ (Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Rule) => out.forbidden.push(format!("{event:?}")),
            _ => {}
        }
    }
    out
}

/// Whether `dest` is a link the split charter writes: a file name made from ids (letters,
/// digits, `-` and `_`) ending in `.md`, with or without an anchor.
fn is_own_file(dest: &str) -> bool {
    let file = dest.split('#').next().unwrap_or_default();
    file.strip_suffix(".md").is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    })
}

/// Pipes that separate cells on a raw table line (escaped ones do not).
fn separators(line: &str) -> usize {
    let mut count = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '|' => count += 1,
            _ => {}
        }
    }
    count
}

/// Every raw table (consecutive lines starting with `|`) has the same separator count per line.
pub(super) fn assert_raw_tables_are_rectangular(markdown: &str) {
    let mut expected: Option<usize> = None;
    for line in markdown.lines() {
        if !line.starts_with('|') {
            expected = None;
            continue;
        }
        let found = separators(line);
        let want = *expected.get_or_insert(found);
        assert_eq!(found, want, "ragged table line: {line:?}");
    }
}

/// The raw text from `heading` up to the next heading.
pub(super) fn section<'a>(markdown: &'a str, heading: &str) -> &'a str {
    let start = markdown
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no {heading:?} in {markdown}"));
    let rest = &markdown[start + 1..];
    let end = rest[heading.len()..]
        .find("\n#")
        .map_or(rest.len(), |i| i + heading.len());
    &rest[..end]
}
