//! The department parts against the workspace, and every link of the charter against the
//! anchors a second GFM implementation (comrak, with GitHub's anchor rules) gives its headings.

use std::collections::BTreeSet;

use super::tests::{render_plain, sample, section};
use super::*;
use crate::workspace::{Claim, ClaimStatus, Department};

/// The HTML comrak renders for `markdown`, with GitHub's heading anchors.
pub(super) fn comrak_html(markdown: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.header_id_prefix = Some(String::new());
    comrak::markdown_to_html(markdown, &options)
}

/// The values of `attribute="..."` in `html`.
fn attributes(html: &str, attribute: &str) -> Vec<String> {
    let needle = format!("{attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest[..rest.find('"').unwrap_or(rest.len())].to_owned()
        })
        .collect()
}

/// Every `#anchor` link of `markdown` leads to a heading, as comrak (GitHub's rules) names them;
/// returns how many links there were.
pub(super) fn assert_links_resolve(markdown: &str) -> usize {
    let html = comrak_html(markdown);
    let ids: BTreeSet<String> = attributes(&html, "id").into_iter().collect();
    let links: Vec<String> = attributes(&html, "href");
    let mut count = 0;
    for link in links {
        let anchor = link
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("a link out: {link}"));
        // comrak percent-encodes non-ASCII characters in links; anchors compare decoded.
        let anchor = percent_decode(anchor);
        assert!(
            ids.contains(&anchor),
            "#{anchor} leads nowhere; ids: {ids:?}"
        );
        count += 1;
    }
    count
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn each_part_lists_what_its_department_holds_in_the_models_words() {
    let ws = sample();
    let markdown = render_plain(&ws);
    for (d, department) in ws.departments.iter().enumerate() {
        let part = section(&markdown, &format!("## Department: {}", department.name));
        for role in ws.model.roles() {
            let holds: Vec<&Responsibility> = ws
                .responsibilities
                .iter()
                .filter(|r| r.has(role, &department.id))
                .collect();
            let line = part
                .lines()
                .find(|l| l.starts_with(&format!("- **{}** (", ws.model.label(role))))
                .unwrap_or_else(|| panic!("no {} line in {part}", ws.model.label(role)));
            assert!(line.contains(ws.model.meaning(role)), "{line}");
            if holds.is_empty() {
                assert!(line.ends_with("): none"), "{line}");
            } else {
                assert!(line.contains(&format!("): {} — ", holds.len())), "{line}");
                for r in holds {
                    assert!(
                        line.contains(&format!("[{}](#", r.name)),
                        "{} in {line}",
                        r.name
                    );
                }
            }
        }
        let lead = department.lead.as_deref().unwrap_or("_none named_");
        assert!(part.contains(&format!("**Lead:** {lead}. **Sign-off:** not signed.")));
        let _ = d;
    }
    let marketing = section(&markdown, "## Department: Marketing");
    assert!(
        marketing.contains("- **Accountable** (decides and answers): 3 — [Brand voice](#brand-voice), [Crisis response](#crisis-response), [Tool selection](#tool-selection)"),
        "{marketing}"
    );
    assert!(
        marketing.contains(
            "**Funding:** 8,000 EUR to 1 responsibility, 88% of all funding (9,000.5 EUR)."
        ),
        "{marketing}"
    );
    let legal = section(&markdown, "## Department: Legal");
    assert!(
        legal.contains(
            "**Claims:**\n\n- [Brand voice](#brand-voice): We carry the liability — open"
        ),
        "{legal}"
    );
    assert!(legal.contains("**Funding:** funds no responsibility."));
    // The parts come after the departments table and before the first area, in department order.
    let at = |h: &str| markdown.find(h).unwrap_or_else(|| panic!("no {h}"));
    assert!(at("## Departments") < at("## Department: Marketing"));
    assert!(at("## Department: Marketing") < at("## Department: IT"));
    assert!(at("## Department: Legal") < at("## Area: Brand"));
}

#[test]
fn claims_tell_their_outcome_and_signatures_where_they_stand() {
    let mut ws = sample();
    ws.responsibilities[1].claims.insert(
        "it".into(),
        Claim {
            role: None,
            reason: "We run the tools".into(),
            status: ClaimStatus::Declined,
            answer: Some("Legal decides".into()),
            date: Some("2024-05-01".into()),
            raised_by: None,
        },
    );
    ws.departments[1].signed = Some(crate::workspace::Signature {
        by: "Ivo".into(),
        date: "2024-05-02".into(),
        part: Some("0".into()),
        open: None,
    });
    let markdown = render_plain(&ws);
    let it = section(&markdown, "## Department: IT");
    assert!(it.contains("- [Crisis response](#crisis-response): We run the tools — **declined** on 2024-05-01: Legal decides"), "{it}");
    assert!(
        it.contains("**Sign-off:** **signed before the last change** (by Ivo on 2024-05-02)."),
        "{it}"
    );
}

#[test]
fn a_department_without_a_role_says_so() {
    let mut ws = sample();
    ws.departments.push(Department {
        id: "hr".into(),
        name: "HR".into(),
        ..Department::default()
    });
    let markdown = render_plain(&ws);
    let hr = section(&markdown, "## Department: HR");
    assert!(
        hr.contains("Holds no role in any responsibility yet."),
        "{hr}"
    );
}

#[test]
fn every_link_leads_to_its_heading_as_github_names_them() {
    let mut ws = sample();
    // Names that collide with each other and with the charter's own sections.
    ws.responsibilities[2].name = "Summary".into();
    ws.responsibilities[3].name = "Brand voice".into();
    ws.responsibilities[3].area = Some("Role matrix".into());
    ws.responsibilities[1].name = "Ünïcode & *stars* ann@example.com".into();
    ws.departments[2].name = "Area: Brand".into();
    let markdown = render_plain(&ws);
    let links = assert_links_resolve(&markdown);
    assert!(links > 20, "{links} links");
    // The second "Brand voice" is told apart as GitHub does.
    assert!(
        markdown.contains("[Brand voice](#brand-voice-1)"),
        "{markdown}"
    );
    assert!(markdown.contains("- [Summary](#summary)"));
    assert!(markdown.contains("[Summary](#summary-1)"));
    for ws in [Workspace::default(), super::tests::hostile_workspace()] {
        assert_links_resolve(&render_plain(&ws));
    }
}

#[test]
fn the_contents_lead_to_every_part_and_area() {
    let ws = sample();
    let markdown = render_plain(&ws);
    let contents = section(&markdown, "## Contents");
    assert_eq!(
        contents
            .lines()
            .filter(|l| l.trim_start().starts_with("- ["))
            .count(),
        // Summary, Departments, 3 parts, 3 areas, matrix, findings, decisions, sign-off.
        12,
        "{contents}"
    );
    assert!(contents.contains("\n  - [Department: Marketing](#department-marketing)"));
    assert!(contents.contains("\n- [Other responsibilities](#other-responsibilities)"));
    assert!(contents.contains("\n- [Sign-off](#sign-off)"));
    assert_links_resolve(&markdown);
}

#[test]
fn amounts_carry_thousands_separators() {
    let money = |amount: f64| {
        let mut out = String::new();
        push_amount(&mut out, amount);
        out
    };
    assert_eq!(money(0.0), "0");
    assert_eq!(money(999.0), "999");
    assert_eq!(money(1000.0), "1,000");
    assert_eq!(money(1000.5), "1,000.5");
    assert_eq!(money(1234567.25), "1,234,567.25");
    assert_eq!(money(120000.0), "120,000");
    assert_eq!(money(999_999_999_999_999.0), "999,999,999,999,999");
}
