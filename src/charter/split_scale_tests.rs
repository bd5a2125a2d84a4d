//! The split charter of a workspace shaped like a large one (many areas, an area larger than a
//! file, a matrix, findings, a decision log and parked items too large for the index), at
//! small limits so that it stays quick: every link resolves, the index stays small, every
//! matrix row, finding and decision is told once, and every file is as GFM-safe as the
//! one-file charter.

use super::outline_tests::{assert_raw_tables_are_rectangular, outline};
use super::pages::Limits;
use super::split::split_with;
use super::split_tests::assert_split_links_resolve;
use super::tests::hostile_workspace;
use super::*;
use crate::analysis::analyze;

/// Limits small enough for every part to leave the index and every long part to take pages.
const SMALL: Limits = Limits {
    area: 40,
    matrix_cells: 90,
    findings: 25,
    decisions: 12,
    parked: 8,
};

fn split_small(ws: &Workspace, limits: &Limits) -> Vec<SplitFile> {
    let mut files = Vec::new();
    split_with(
        ws,
        &analyze(ws),
        &CharterOptions::default(),
        limits,
        &mut |f| {
            files.push(f);
            Ok(())
        },
    )
    .expect("collected");
    files
}

/// 20 departments (3 matrix tables) and `count` responsibilities: half in one large area, a
/// quarter spread over 30 small areas, the rest in none; every ninth parked, and a decision
/// about every fifth.
fn scale_shaped(count: usize) -> Workspace {
    let mut ws = crate::generate::workspace(20, count, 11);
    for (n, r) in ws.responsibilities.iter_mut().enumerate() {
        r.area = match n % 4 {
            0 | 1 => Some("Brand & content".into()),
            2 => Some(format!("Region {}", n % 30)),
            _ => None,
        };
        if n % 9 == 0 {
            r.parked = Some("Next workshop.".into());
        }
    }
    let ids: Vec<String> = ws.responsibilities.iter().map(|r| r.id.clone()).collect();
    ws.decisions = (ids.iter().step_by(5))
        .enumerate()
        .map(|(n, id)| crate::workspace::Decision {
            department: None,
            id: format!("d{n}"),
            date: format!("2026-11-{:02}", 1 + n % 28),
            responsibility: Some(id.clone()),
            text: format!("Settled {id}."),
        })
        .collect();
    ws
}

fn file<'f>(files: &'f [SplitFile], name: &str) -> &'f str {
    &files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .text
}

/// Body rows of the tables of `text` (lines starting with `|`, less header and delimiter).
fn table_rows(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(n, line)| {
            line.starts_with("| ")
                && !line.starts_with("| ---")
                && !line.starts_with("| :-")
                && lines
                    .get(n + 1)
                    .is_none_or(|next| !next.starts_with("| ---"))
        })
        .count()
}

#[test]
fn every_link_resolves_and_the_index_stays_small() {
    let ws = scale_shaped(600);
    let files = split_small(&ws, &SMALL);
    let across = assert_split_links_resolve(&files);
    assert!(across > 600, "{across} links between files");
    let index = &files.last().expect("the index").text;
    assert!(files.last().is_some_and(|f| f.name == "index.md"));
    for part in ["matrix-", "findings-", "decision-log", "parked-for-later"] {
        assert!(index.contains(&format!("]({part}")), "{part} linked");
    }
    // The index holds no responsibility, matrix row, finding or decision: its table rows are
    // the departments' (twice: the list and the sign-off) and one per group of findings.
    let groups = 1 + 30 + 1;
    let rows = table_rows(index);
    assert!(rows <= 2 * 20 + groups + 1, "{rows} rows in the index");
    // Four times as many responsibilities: the index grows by its links only.
    let larger = split_small(&scale_shaped(2_400), &SMALL);
    let larger_index = &larger.last().expect("index").text;
    // Counts a reader takes in: thousands separated.
    assert!(
        larger_index.contains("**Responsibilities:** 2,400 in all: "),
        "{larger_index}"
    );
    let larger_index = larger_index.len();
    let whole = render(&ws, &analyze(&ws), &CharterOptions::default()).len();
    assert!(index.len() < whole / 10, "{} of {whole}", index.len());
    assert!(
        larger_index < index.len() * 3,
        "{larger_index} vs {}",
        index.len()
    );
}

#[test]
fn every_row_is_told_once_across_the_files() {
    let ws = scale_shaped(600);
    let analysis = analyze(&ws);
    let files = split_small(&ws, &SMALL);
    let rows_in = |prefix: &str| -> usize {
        (files.iter())
            .filter(|f| f.name.starts_with(prefix))
            .map(|f| table_rows(&f.text))
            .sum()
    };
    // 20 departments: three tables per matrix file, each with every row of that file.
    assert_eq!(rows_in("matrix-"), ws.responsibilities.len() * 3);
    let open = analysis
        .findings
        .iter()
        .filter(|f| f.waived.is_none())
        .count();
    assert_eq!(rows_in("findings-"), open);
    assert_eq!(rows_in("decision-log"), ws.decisions.len());
    let parked = ws
        .responsibilities
        .iter()
        .filter(|r| r.parked.is_some())
        .count();
    let listed: usize = (files.iter())
        .filter(|f| f.name.starts_with("parked-for-later"))
        .map(|f| f.text.lines().filter(|l| l.starts_with("- ")).count())
        .sum();
    assert_eq!(listed, parked);
    for r in &ws.responsibilities {
        let heading = format!("\n### {}\n", escape::escape_inline(&r.name));
        let holding = files.iter().filter(|f| f.text.contains(&heading)).count();
        assert_eq!(holding, 1, "{}", r.name);
    }
    // The large area takes pages of at most 40 responsibilities, each under its heading.
    let big = ws.responsibilities.len() / 2;
    let pages: Vec<&SplitFile> = (files.iter())
        .filter(|f| f.name.starts_with("area-brand-content"))
        .collect();
    assert_eq!(pages.len(), big.div_ceil(40));
    for page in &pages {
        assert!(
            page.text.contains("\n## Area: Brand & content\n"),
            "{}",
            page.name
        );
        assert!(page.text.matches("\n### ").count() <= 40);
    }
    assert!(file(&files, "area-brand-content-p2.md").contains("Responsibilities 41–80 of "));
}

#[test]
fn the_default_limits_are_those_of_the_export_and_output_is_deterministic() {
    let ws = scale_shaped(300);
    let files = split_small(&ws, &Limits::DEFAULT);
    let mut exported = render_split(&ws, &analyze(&ws), &CharterOptions::default());
    exported.rotate_left(1);
    assert_eq!(files, exported);
    assert_eq!(split_small(&ws, &SMALL), split_small(&ws, &SMALL));
    // 300 responsibilities fit: nothing leaves the index.
    assert!(!files.iter().any(|f| f.name.starts_with("matrix-")));
}

#[test]
fn a_failing_sink_stops_the_export() {
    let ws = scale_shaped(200);
    let mut calls = 0;
    let result = split_with(
        &ws,
        &analyze(&ws),
        &CharterOptions::default(),
        &SMALL,
        &mut |_| {
            calls += 1;
            if calls == 3 {
                Err(std::io::Error::other("disk full"))
            } else {
                Ok(())
            }
        },
    );
    assert!(result.is_err());
    assert_eq!(calls, 3);
}

#[test]
fn every_file_of_a_hostile_workspace_is_gfm_safe() {
    let mut ws = hostile_workspace();
    ws.responsibilities[1].parked = Some("<script>later</script> | x".into());
    let tiny = Limits {
        area: 1,
        matrix_cells: 1,
        findings: 0,
        decisions: 0,
        parked: 0,
    };
    let files = split_small(&ws, &tiny);
    for part in ["matrix-", "findings-", "decision-log", "parked-for-later"] {
        assert!(files.iter().any(|f| f.name.starts_with(part)), "{part}");
    }
    assert_split_links_resolve(&files);
    for f in &files {
        assert!(
            !f.text
                .chars()
                .any(|c| c != '\n' && crate::text::is_unsafe_char(c)),
            "{}",
            f.name
        );
        assert_raw_tables_are_rectangular(&f.text);
        let seen = outline(&f.text);
        assert!(
            seen.forbidden.is_empty(),
            "{}: {:?}",
            f.name,
            seen.forbidden
        );
        for (under, header, rows) in &seen.tables {
            for row in rows {
                assert_eq!(row.len(), header.len(), "{}: {under}: {row:?}", f.name);
            }
        }
        // A second GFM implementation agrees: no tag but the charter's own.
        let html = super::departments_tests::comrak_html(&f.text);
        for tag in [
            "<script",
            "<img",
            "<b>",
            "<i>",
            "<div",
            "href=\"http",
            "href=\"javascript",
        ] {
            assert!(!html.contains(tag), "{}: {tag} in {html}", f.name);
        }
    }
}
