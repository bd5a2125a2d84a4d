//! Helpers shared by the fuzz suites (`tests/fuzz.rs`, `tests/fuzz_import.rs`): the case count
//! (`WHOOWNS_FUZZ_CASES`, else a short run for CI), a runner that says how many cases ran, and
//! text mutations.
//!
//! Included with `#[path = "common/fuzz.rs"] mod fuzz_common;` so that the suites build without
//! the board (`tests/common/mod.rs` needs the `tui` feature).

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Cases per target: `WHOOWNS_FUZZ_CASES`, or a short run by default.
pub fn cases(default: u32) -> u32 {
    std::env::var("WHOOWNS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        // Targets that keep only inputs that load may reject many for each one they keep.
        max_local_rejects: cases(default).saturating_mul(1_000),
        max_global_rejects: cases(default).saturating_mul(1_000),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Runs `test` on `cases` inputs from `strategy`, prints how many ran, fails on the first
/// counterexample (shrunk).
pub fn fuzz<S: Strategy>(
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

/// `text` with `edits` applied: bytes replaced, inserted or removed at a spot (on character
/// boundaries).
pub fn mutate(text: &str, edits: Vec<(usize, usize, String)>) -> String {
    let mut text = text.to_owned();
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
}

/// Edits of `text` as [`mutate`] applies them, with inserted text from `insert`.
pub fn mutated(text: String, insert: &'static str) -> impl Strategy<Value = String> {
    let edit = (0..text.len().max(1), 0usize..24, insert);
    proptest::collection::vec(edit, 1..6).prop_map(move |edits| mutate(&text, edits))
}
