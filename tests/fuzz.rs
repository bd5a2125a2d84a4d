//! Fuzzing with proptest: arbitrary bytes, mutated workspace files and arbitrary workspaces
//! through the loader, the analysis, the charter, diagnostics and save-then-load; mutated versions
//! through the merge driver (identical sides give the same text, an unchanged side the other);
//! arbitrary and mutated settings files (every problem at its line and column, a write keeps
//! the rest). The importer's fuzzing is in `tests/fuzz_import.rs`.
//!
//! A short run is part of `cargo test` (so of `.ci/run`). For a longer one:
//! `WHOOWNS_FUZZ_CASES=20000 cargo test --release --test fuzz -- --nocapture`
//! (each target prints how many cases it ran).

#[path = "common/fuzz.rs"]
mod fuzz_common;

use std::path::Path;

use fuzz_common::{fuzz, mutate};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use whoowns::analysis::analyze;
use whoowns::charter::{CharterOptions, render};
use whoowns::text::is_unsafe_char;
use whoowns::workspace::{LoadError, Role, Workspace, load_text, parse, to_toml, update_document};

/// Whatever the input, what reaches a terminal or a charter is bounded and clean.
fn check_text(text: &str) -> Result<(), TestCaseError> {
    match load_text(Path::new("fuzz.toml"), text.to_owned()) {
        Ok(loaded) => {
            let ws = &loaded.workspace;
            let analysis = analyze(ws);
            let charter = render(ws, &analysis, &CharterOptions::default());
            prop_assert!(!charter.chars().any(|c| c != '\n' && is_unsafe_char(c)));
            // Save over the very text it came from, then load: the same workspace.
            let saved = update_document(text, ws).unwrap_or_else(|_| to_toml(ws));
            let again = parse(&saved).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
            prop_assert_eq!(&again.workspace, ws);
        }
        Err(error @ LoadError::Invalid { .. }) => {
            let shown = error.to_string();
            prop_assert!(!shown.chars().any(|c| c != '\n' && is_unsafe_char(c)));
            // At most 20 problems with a cut line each, whatever the input's size.
            prop_assert!(shown.len() < 20 * 1_200 + 200, "{} bytes", shown.len());
        }
        Err(other) => return Err(TestCaseError::fail(format!("unexpected {other}"))),
    }
    Ok(())
}

/// An edit of the sample file: bytes replaced, inserted or removed at a spot.
fn mutated_sample() -> impl Strategy<Value = String> {
    let sample = whoowns::SAMPLE_WORKSPACE;
    let edit = (0..sample.len(), 0usize..40, ".{0,12}");
    proptest::collection::vec(edit, 1..6).prop_map(move |edits| mutate(sample, edits))
}

/// A non-empty name of arbitrary characters.
fn name() -> impl Strategy<Value = String> {
    "N.{0,24}"
}

/// The sample with arbitrary names and texts and random role assignments.
fn workspace() -> impl Strategy<Value = Workspace> {
    let base = parse(whoowns::SAMPLE_WORKSPACE).expect("valid").workspace;
    let departments = base.departments.len();
    let responsibilities = base.responsibilities.len();
    (
        proptest::collection::vec(name(), departments),
        proptest::collection::vec((name(), proptest::option::of(".{0,60}")), responsibilities),
        proptest::collection::vec(
            proptest::collection::vec(0..4usize, departments),
            responsibilities,
        ),
        name(),
    )
        .prop_map(move |(dept_names, texts, roles, title)| {
            let mut ws = base.clone();
            ws.info.name = title;
            for (d, n) in ws.departments.iter_mut().zip(dept_names) {
                d.name = n;
            }
            let ids: Vec<String> = ws.departments.iter().map(|d| d.id.clone()).collect();
            for ((r, (n, description)), picks) in
                ws.responsibilities.iter_mut().zip(texts).zip(roles)
            {
                r.name = n;
                r.description = description;
                for role in Role::ALL {
                    r.role_mut(role).clear();
                }
                for (id, pick) in ids.iter().zip(picks) {
                    if pick > 0 {
                        r.role_mut(Role::ALL[pick - 1]).push(id.clone());
                    }
                }
            }
            ws
        })
}

#[test]
fn arbitrary_bytes_never_panic_the_loader() {
    fuzz(
        "bytes",
        128,
        proptest::collection::vec(any::<u8>(), 0..2048),
        |bytes| {
            let text = String::from_utf8_lossy(&bytes);
            check_text(&text)?;
            // The same bytes inside an otherwise valid file.
            check_text(&format!(
                "whoowns = 1\n[workspace]\nname = \"{}\"\n",
                text.escape_default()
            ))
        },
    );
}

#[test]
fn mutated_workspace_files_load_or_explain_themselves() {
    fuzz("mutated sample", 96, mutated_sample(), |text| {
        check_text(&text)
    });
}

#[test]
fn arbitrary_workspaces_analyze_render_and_save_then_load() {
    fuzz("workspaces", 64, workspace(), |ws| {
        let analysis = analyze(&ws);
        let charter = render(&ws, &analysis, &CharterOptions::default());
        prop_assert!(!charter.chars().any(|c| c != '\n' && is_unsafe_char(c)));
        let fresh = to_toml(&ws);
        let loaded = parse(&fresh).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        prop_assert_eq!(&loaded.workspace, &ws);
        let over_sample = update_document(whoowns::SAMPLE_WORKSPACE, &ws)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = parse(&over_sample).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        prop_assert_eq!(&loaded.workspace, &ws);
        Ok(())
    });
}

// The merge driver.

/// The sample, mutated a little (so that most versions still load); only versions that load
/// are merged.
fn loaded_sample() -> impl Strategy<Value = (String, Workspace)> {
    let text = whoowns::SAMPLE_WORKSPACE;
    let edit = (
        0..text.len(),
        0usize..12,
        "[a-z0-9 #\n\r\"=,\\[\\]]{0,8}|.{0,4}",
    );
    proptest::collection::vec(edit, 1..4)
        .prop_map(move |edits| mutate(text, edits))
        .prop_filter_map("loads", |text| {
            let ws = parse(&text).ok()?.workspace;
            Some((text, ws))
        })
}

#[test]
fn the_merge_driver_takes_any_three_versions_that_load() {
    use whoowns::merge::merge_texts;
    let versions = (loaded_sample(), loaded_sample(), loaded_sample());
    fuzz(
        "merge",
        48,
        versions,
        |((_, base), (ours_text, ours), (_, theirs))| {
            let (text, m) = merge_texts(&base, &ours, &ours_text, &theirs)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let loaded = parse(&text).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
            prop_assert_eq!(&loaded.workspace, &m.workspace);
            // What one side did not change is the other side's.
            let (text, m) = merge_texts(&base, &ours, &ours_text, &base)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(m.is_clean());
            prop_assert_eq!(&m.workspace, &ours);
            prop_assert_eq!(&text, &ours_text);
            Ok(())
        },
    );
}

#[test]
fn merging_identical_sides_gives_the_same_text() {
    use whoowns::merge::merge_texts;
    fuzz("merge identical", 64, loaded_sample(), |(text, ws)| {
        let (merged, m) =
            merge_texts(&ws, &ws, &text, &ws).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(m.is_clean());
        prop_assert_eq!(merged, text);
        Ok(())
    });
}

// The settings file.

#[cfg(feature = "tui")]
mod settings {
    use super::fuzz_common::mutated;
    use super::*;
    use whoowns::tui::settings::{Settings, SettingsFile};
    use whoowns::tui::theme::ThemeName;

    const SAMPLE: &str = "# My settings\ntheme = \"light\"\nlens = \"responsible\"\n\
        panels = { findings = false, detail = true }\nrecent = [\n    \"/tmp/a.toml\",\n]\n\n\
        [keys]\nnext-finding = \"w\"\ncancel = [\"esc\", \"ctrl+g\"]\n\n\
        [keys.claims]\ndecline = \"r\"\n";

    /// Reading never fails, and every problem is `settings.toml:LINE:COLUMN: ...` with a
    /// position inside the text.
    fn check_settings(text: &str) -> Result<(), TestCaseError> {
        let settings = Settings::parse(text, "settings.toml");
        let lines = text.split('\n').count();
        let (_, conflicts) = settings.keymap();
        for problem in settings.problems.iter().chain(&conflicts) {
            let rest = problem.strip_prefix("settings.toml:");
            let rest = rest.ok_or_else(|| TestCaseError::fail(problem.clone()))?;
            let mut parts = rest.splitn(3, ':');
            let line: usize = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
            let column: usize = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            prop_assert!(
                (1..=lines).contains(&line) && column >= 1,
                "{problem} of {lines} lines"
            );
            prop_assert!(
                parts.next().is_some_and(|m| m.starts_with(' ')),
                "{problem}"
            );
        }
        Ok(())
    }

    #[test]
    fn arbitrary_settings_text_never_panics_and_problems_have_positions() {
        fuzz("settings text", 128, ".{0,400}", |text| {
            check_settings(&text)
        });
    }

    #[test]
    fn mutated_settings_read_with_every_problem_placed() {
        fuzz(
            "settings mutated",
            128,
            mutated(SAMPLE.to_owned(), "[\\[\\]{}=\",.\n a-z+]{0,8}|.{0,6}"),
            |text| check_settings(&text),
        );
    }

    #[test]
    fn remembering_the_theme_keeps_every_other_setting() {
        let themes = proptest::sample::select(ThemeName::ALL.to_vec());
        let input = (
            mutated(SAMPLE.to_owned(), "[\\[\\]{}=\",.\n a-z+]{0,8}|.{0,6}"),
            themes,
        );
        fuzz("settings write", 48, input, |(text, theme)| {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("settings.toml");
            std::fs::write(&path, &text).expect("write");
            let file = SettingsFile::at(&path);
            let before = file.load();
            match file.remember_theme(theme) {
                Ok(()) => {
                    let after = file.load();
                    prop_assert_eq!(after.theme, Some(theme));
                    prop_assert_eq!(&after.lens, &before.lens);
                    prop_assert_eq!(&after.panels, &before.panels);
                    // The same overrides (their lines may move by the one written).
                    let keys = |s: &Settings| {
                        s.keys
                            .iter()
                            .map(|o| (o.context, o.action, o.keys.clone()))
                            .collect::<Vec<_>>()
                    };
                    prop_assert_eq!(keys(&after), keys(&before));
                    prop_assert_eq!(&after.recent, &before.recent);
                }
                // Not TOML: left as it was.
                Err(_) => {
                    let now = std::fs::read_to_string(&path).expect("read");
                    prop_assert_eq!(now, text);
                }
            }
            Ok(())
        });
    }
}
