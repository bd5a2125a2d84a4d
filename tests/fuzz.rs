//! Fuzzing with proptest: arbitrary bytes, mutated workspace files and arbitrary workspaces
//! through the loader, the analysis, the charter, diagnostics and save-then-load.
//!
//! A short run is part of `cargo test` (so of `.ci/run`). For a longer one:
//! `WHOOWNS_FUZZ_CASES=20000 cargo test --release --test fuzz -- --nocapture`
//! (each target prints how many cases it ran).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use whoowns::analysis::analyze;
use whoowns::charter::{CharterOptions, render};
use whoowns::text::is_unsafe_char;
use whoowns::workspace::{LoadError, Role, Workspace, load_text, parse, to_toml, update_document};

/// Cases per target: `WHOOWNS_FUZZ_CASES`, or a short run by default.
fn cases(default: u32) -> u32 {
    std::env::var("WHOOWNS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

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
    proptest::collection::vec(edit, 1..6).prop_map(move |edits| {
        let mut text = sample.to_owned();
        for (at, remove, insert) in edits {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + remove).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(at..end.max(at), &insert);
        }
        text
    })
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

/// Runs `test` on `cases` inputs from `strategy`, prints how many ran, fails on the first
/// counterexample (shrunk).
fn fuzz<S: Strategy>(
    target: &str,
    default: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let ran = AtomicUsize::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(config(default));
    let result = runner.run(&strategy, |value| {
        ran.fetch_add(1, Ordering::Relaxed);
        test(value)
    });
    println!("fuzz {target}: {} cases run", ran.load(Ordering::Relaxed));
    if let Err(e) = result {
        panic!("fuzz {target} failed: {e}");
    }
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
