//! The split charter: its file names, and every relative link leading to a file and heading that
//! exist (as comrak, with GitHub's anchor rules, names them).

use std::collections::{BTreeMap, BTreeSet};

use super::departments_tests::comrak_html;
use super::tests::{hostile_workspace, sample};
use super::*;
use crate::analysis::analyze;

fn split(ws: &Workspace) -> Vec<SplitFile> {
    render_split(ws, &analyze(ws), &CharterOptions::default())
}

fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let needle = format!("{attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest[..rest.find('"').unwrap_or(rest.len())].to_owned()
        })
        .collect()
}

/// Checks every link of every file; returns how many led to another file.
pub(super) fn assert_split_links_resolve(files: &[SplitFile]) -> usize {
    let html: BTreeMap<&str, String> = files
        .iter()
        .map(|f| (f.name.as_str(), comrak_html(&f.text)))
        .collect();
    let ids: BTreeMap<&str, BTreeSet<String>> = html
        .iter()
        .map(|(name, html)| (*name, attribute_values(html, "id").into_iter().collect()))
        .collect();
    let mut across = 0;
    for (name, html) in &html {
        for href in attribute_values(html, "href") {
            let (file, anchor) = href.split_once('#').unwrap_or((href.as_str(), ""));
            let target = if file.is_empty() { *name } else { file };
            assert!(
                !target.contains('/') && !target.contains(':'),
                "{href} in {name}"
            );
            let target_ids = ids
                .get(target)
                .unwrap_or_else(|| panic!("{href} in {name}: no file {target}"));
            if !anchor.is_empty() {
                assert!(
                    target_ids.contains(anchor),
                    "{href} in {name} leads nowhere"
                );
            }
            across += usize::from(!file.is_empty());
        }
    }
    across
}

#[test]
fn files_are_named_from_ids_and_areas() {
    let files = split(&sample());
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "index.md",
            "department-marketing.md",
            "department-it.md",
            "department-legal.md",
            "area-brand.md",
            "area-risk.md",
            "other-responsibilities.md",
        ]
    );
    assert_eq!(files, split(&sample()), "deterministic");
    for f in &files {
        assert!(
            f.text.ends_with('\n') && !f.text.ends_with("\n\n"),
            "{}",
            f.name
        );
    }
}

#[test]
fn the_index_holds_the_overview_and_the_files_the_rest() {
    let ws = sample();
    let files = split(&ws);
    let index = &files[0].text;
    for heading in [
        "## Summary",
        "## Contents",
        "## Departments",
        "## Role matrix",
        "## Open findings",
        "## Decision log",
        "## Sign-off",
    ] {
        assert!(
            index.contains(&format!("\n{heading}\n")),
            "{heading} in index"
        );
    }
    assert!(
        !index.contains("### Brand voice"),
        "no responsibility in the index"
    );
    assert!(index.contains("- [Area: Brand](area-brand.md)"), "{index}");
    assert!(
        index.contains("  - [Department: IT](department-it.md)"),
        "{index}"
    );
    let marketing = &files[1].text;
    assert!(marketing.starts_with("Part of [Social media charter](index.md), version "));
    assert!(
        marketing.contains("[Brand voice](area-brand.md#brand-voice)"),
        "{marketing}"
    );
    let brand = &files[4].text;
    assert!(brand.contains("\n## Area: Brand\n") && brand.contains("\n### Listening\n"));
    assert!(!brand.contains("## Area: Risk"));
    assert!(
        brand.contains("[decision log](index.md#decision-log)"),
        "{brand}"
    );
    // Every responsibility is in exactly one file, as in the one-file charter.
    let whole = render(&ws, &analyze(&ws), &CharterOptions::default());
    for r in &ws.responsibilities {
        let heading = format!("\n### {}\n", r.name);
        assert_eq!(
            files.iter().filter(|f| f.text.contains(&heading)).count(),
            1
        );
        assert!(whole.contains(&heading));
    }
}

#[test]
fn every_relative_link_resolves() {
    let mut ws = sample();
    ws.responsibilities[3].name = "Brand voice".into();
    ws.responsibilities[2].area = Some("Brand!".into());
    let across = assert_split_links_resolve(&split(&ws));
    assert!(across > 10, "{across} links between files");
    assert_split_links_resolve(&split(&hostile_workspace()));
    assert_split_links_resolve(&split(&Workspace::default()));
    // "Brand" and "Brand!" make the same slug: the second file is told apart.
    let names: Vec<String> = split(&ws).into_iter().map(|f| f.name).collect();
    assert!(names.contains(&"area-brand-2.md".to_owned()), "{names:?}");
}
