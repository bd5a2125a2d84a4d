//! The charter as one standalone HTML page, to print and sign: rendered from the very Markdown
//! [`super::render`] writes (with pulldown-cmark), so the two never disagree. Inline CSS for the
//! screen and for paper (a page break before each department's part, room to sign in the
//! sign-off table); no script, nothing loaded from elsewhere (a content security policy says so
//! to the browser too), and every text escaped.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::anchors::Slugger;
use super::{CharterOptions, render};
use crate::analysis::Analysis;
use crate::workspace::Workspace;

/// The page's style: readable on screen, and on paper each department's part on a page of its
/// own, the sign-off on a page of its own with rows tall enough and a column wide enough to
/// sign in by hand; long names wrap inside their cell instead of widening tables off the page.
const STYLE: &str = "\
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;
  line-height: 1.5; color: #1f2328; background: #fff; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; }
h1 { font-size: 2rem; border-bottom: 2px solid #1f2328; padding-bottom: .3rem; }
h2 { font-size: 1.5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.15rem; margin-top: 1.5rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
h1, h2, h3, p, li { overflow-wrap: anywhere; }
a { color: #0969da; }
section.matrix td:first-child { min-width: 9rem; }
section.findings td:nth-child(-n+2), section.findings th:nth-child(-n+2) { white-space: nowrap; }
section.sign-off table { width: 100%; table-layout: fixed; }
section.sign-off th, section.sign-off td { box-sizing: border-box; overflow-wrap: anywhere; }
section.sign-off th:nth-child(1) { width: 18%; }
section.sign-off th:nth-child(2) { width: 12%; }
section.sign-off th:nth-child(3) { width: 14%; }
section.sign-off th:nth-child(4) { width: 13%; }
section.sign-off th:nth-child(5) { width: 10%; }
section.sign-off th:nth-child(6) { width: 10%; }
section.sign-off th:nth-child(7) { width: 23%; }
section.sign-off td { height: 3rem; }
@media print {
  @page { margin: 1.6cm 1.4cm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  section.department, section.sign-off { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  section.sign-off td { height: 1.8cm; }
}
";

/// Renders the charter of `workspace` as one HTML page (see [`super::render`]).
pub fn render_html(workspace: &Workspace, analysis: &Analysis, options: &CharterOptions) -> String {
    let markdown = render(workspace, analysis, options);
    let title = first_heading(&markdown);
    to_html(&markdown, &title)
}

/// The text of the first heading of `markdown`, for the page's title.
fn first_heading(markdown: &str) -> String {
    let mut title = String::new();
    let mut inside = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => inside = true,
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(text) | Event::Code(text) if inside => title.push_str(&text),
            _ => {}
        }
    }
    title
}

/// The GFM extensions GitHub renders the charter with.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The page for the charter `markdown`, titled `title`. Headings get the anchors GitHub would
/// give them, so the charter's links lead where they do on GitHub; any raw HTML (the charter
/// writes only empty comments) is shown as text or dropped, never passed through.
pub(crate) fn to_html(markdown: &str, title: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2 + STYLE.len() + 512);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>");
    escape_text(&mut out, title);
    out.push_str("</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    let mut slugger = Slugger::default();
    let mut events: Vec<Event> = Vec::new();
    // A heading's events, held until its text (and so its anchor) is known.
    let mut heading: Option<(HeadingLevel, Vec<Event>)> = None;
    let mut in_section = false;
    // How long the word is that the text so far ends in.
    let mut run = 0;
    let mut body = String::with_capacity(out.capacity());
    for event in Parser::new_ext(markdown, options()) {
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.trim() == "<!-- -->" {
                    continue;
                }
                Event::Text(html)
            }
            other => other,
        };
        match (event, &mut heading) {
            (Event::Start(Tag::Heading { level, .. }), None) => heading = Some((level, Vec::new())),
            (Event::End(TagEnd::Heading(_)), Some(_)) => {
                let Some((level, inner)) = heading.take() else {
                    continue;
                };
                let text: String = inner
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let slug = slugger.next_rendered(&text);
                let mut classes = Vec::new();
                if level == HeadingLevel::H2 {
                    // Each `##` section in a <section> of its own, so the styles can tell a
                    // department's part and the sign-off from the rest.
                    let class = match text.as_str() {
                        _ if text.starts_with("Department: ") => "department",
                        "Sign-off" => "sign-off",
                        "Role matrix" => "matrix",
                        "Open findings" => "findings",
                        _ => "part",
                    };
                    if std::mem::replace(&mut in_section, true) {
                        events.push(Event::Html(CowStr::from("</section>\n")));
                    }
                    events.push(Event::Html(CowStr::from(format!(
                        "<section class=\"{class}\">\n"
                    ))));
                    if matches!(class, "department" | "sign-off") {
                        classes.push(CowStr::from(class));
                    }
                }
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(slug)),
                    classes,
                    attrs: Vec::new(),
                }));
                for event in inner {
                    push_breakable(&mut events, event, &mut run);
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            (event, Some((_, inner))) => inner.push(event),
            (event, None) => {
                push_breakable(&mut events, event, &mut run);
                if events.len() >= 4096 {
                    flush(&mut events, &mut body);
                }
            }
        }
    }
    if in_section {
        events.push(Event::Html(CowStr::from("</section>\n")));
    }
    flush(&mut events, &mut body);
    out.push_str(&body);
    out.push_str("</body>\n</html>\n");
    out
}

/// Longest run of text without a space that a line may have to hold whole; a longer one (an
/// id, a name written as one word) may break after every [`LONG_WORD`] characters, so that it
/// wraps inside its table cell instead of widening the table off the page.
const LONG_WORD: usize = 20;

/// Pushes `event`; a text with a word longer than [`LONG_WORD`] characters goes as pieces with
/// a `<wbr>` (a place the line may break, nothing shown) between them.
/// `run` is how long the word is that the text before ended in (texts come in pieces).
fn push_breakable<'e>(events: &mut Vec<Event<'e>>, event: Event<'e>, run: &mut usize) {
    let Event::Text(text) = &event else {
        if !matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            *run = 0;
        }
        events.push(event);
        return;
    };
    let mut start = 0;
    let mut split = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            *run = 0;
            continue;
        }
        *run += 1;
        if *run > LONG_WORD {
            if at > start {
                events.push(Event::Text(CowStr::from(text[start..at].to_owned())));
            }
            events.push(Event::Html(CowStr::from("<wbr>")));
            start = at;
            *run = 1;
            split = true;
        }
    }
    if !split {
        events.push(event);
    } else if start < text.len() {
        events.push(Event::Text(CowStr::from(text[start..].to_owned())));
    }
}

/// Writes the events held so far as HTML.
fn flush(events: &mut Vec<Event<'_>>, body: &mut String) {
    pulldown_cmark::html::push_html(body, events.drain(..));
}

/// Appends `text` escaped for HTML text.
fn escape_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}
