//! The HTML page: its structure, its links, and that no workspace text becomes markup.

use std::collections::BTreeSet;

use super::tests::{hostile_workspace, sample};
use super::*;
use crate::analysis::analyze;

fn page(ws: &Workspace) -> String {
    render_html(ws, &analyze(ws), &CharterOptions::default())
}

fn values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!("{attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect()
}

/// The tag names opened in `html`, as `<name`.
fn tags(html: &str) -> BTreeSet<String> {
    html.match_indices('<')
        .filter_map(|(at, _)| {
            let name: String = html[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect();
            (!name.is_empty()).then_some(name.to_ascii_lowercase())
        })
        .collect()
}

#[test]
fn one_standalone_page_with_print_styles_and_no_scripts() {
    let ws = sample();
    let html = page(&ws);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")
    );
    assert!(html.ends_with("</body>\n</html>\n"));
    assert_eq!(html.matches("<style>").count(), 1);
    assert!(html.contains("@media print"));
    assert!(html.contains("section.department, section.sign-off { break-before: page; }"));
    assert_eq!(
        html.matches("<section class=\"department\">\n<h2 id=\"department-")
            .count(),
        ws.departments.len()
    );
    assert_eq!(
        html.matches("<section").count(),
        html.matches("</section>").count()
    );
    assert!(html.contains("<section class=\"sign-off\">\n<h2 id=\"sign-off\""));
    assert!(
        html.contains("default-src 'none'"),
        "a policy that loads nothing"
    );
    assert!(html.contains("<title>Social media charter</title>"));
    let allowed: BTreeSet<&str> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul",
        "li", "strong", "em", "a", "table", "thead", "tbody", "tr", "th", "td", "section", "wbr",
    ]
    .into_iter()
    .collect();
    for tag in tags(&html) {
        assert!(allowed.contains(tag.as_str()), "<{tag}> in the page");
    }
    assert!(values(&html, "src").is_empty(), "nothing loaded");
    for href in values(&html, "href") {
        assert!(href.starts_with('#'), "a link out of the page: {href}");
    }
    assert_eq!(
        html.matches("<h2 id=\"department-").count(),
        ws.departments.len()
    );
    // The part's <section> and its heading carry the class.
    assert_eq!(
        html.matches("class=\"department\"").count(),
        2 * ws.departments.len()
    );
    assert!(
        html.contains("<h2 id=\"sign-off\" class=\"sign-off\">Sign-off</h2>"),
        "{html}"
    );
    assert_eq!(html, page(&ws), "deterministic");
}

#[test]
fn every_link_of_the_page_leads_to_a_heading() {
    let mut ws = sample();
    ws.responsibilities[3].name = "Brand voice".into();
    let html = page(&ws);
    let ids: BTreeSet<&str> = values(&html, "id").into_iter().collect();
    let hrefs = values(&html, "href");
    assert!(hrefs.len() > 20);
    for href in hrefs {
        assert!(ids.contains(&href[1..]), "{href} leads nowhere");
    }
    // The same anchors as on GitHub: the Markdown's links are the page's.
    let markdown = render(&ws, &analyze(&ws), &CharterOptions::default());
    assert!(markdown.contains("(#brand-voice-1)") && ids.contains("brand-voice-1"));
}

#[test]
fn workspace_text_never_becomes_markup() {
    let ws = hostile_workspace();
    let html = page(&ws);
    let allowed: BTreeSet<&str> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul",
        "li", "strong", "em", "a", "table", "thead", "tbody", "tr", "th", "td", "section", "wbr",
    ]
    .into_iter()
    .collect();
    for tag in tags(&html) {
        assert!(
            allowed.contains(tag.as_str()),
            "<{tag}> from workspace text"
        );
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );
    assert!(html.contains("<title>Charter | &lt;script&gt;"), "{html}");
    for href in values(&html, "href") {
        assert!(href.starts_with('#'), "a link from workspace text: {href}");
    }
    assert!(values(&html, "src").is_empty());
    assert!(!html.contains("javascript:alert(1)\""), "no such link");
    assert!(!html.contains("<!--"), "no comment passed through");
}

#[test]
fn a_long_word_may_break_and_stays_escaped() {
    let mut ws = sample();
    ws.departments[1].name = format!("<b>{}</b>", "x".repeat(45));
    let html = page(&ws);
    // Every 20 characters a place to break, and the text around it still escaped.
    assert!(
        html.contains(&format!("&lt;b&gt;{}<wbr>", "x".repeat(17))),
        "{html}"
    );
    assert!(!html.contains("<b>"));
    let shown: String = html.replace("<wbr>", "");
    assert!(shown.contains(&format!("&lt;b&gt;{}&lt;/b&gt;", "x".repeat(45))));
    // The heading's anchor is made from the whole name.
    assert!(
        html.contains(&format!("id=\"department-b{}b\"", "x".repeat(45))),
        "{html}"
    );
}
