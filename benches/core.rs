//! The core on a generated workspace of 100 departments x 10,000 responsibilities:
//! the floor (an untyped parse with the `toml` crate), load + validate + analyze, and export.
//! After the divan table, the ratios to the floor are measured in the same run and printed.

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use whoowns::analysis::analyze;
use whoowns::charter::{CharterOptions, render};
use whoowns::workspace::{parse, to_toml};

fn text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| to_toml(&whoowns::generate::workspace(100, 10_000, 7)))
}

fn floor() {
    let table: toml::Table = text().parse().expect("valid TOML");
    black_box(table);
}

fn load_validate_analyze() {
    let parsed = parse(text()).expect("valid workspace");
    black_box(analyze(&parsed.workspace));
}

fn export() {
    let parsed = parse(text()).expect("valid workspace");
    let analysis = analyze(&parsed.workspace);
    black_box(render(
        &parsed.workspace,
        &analysis,
        &CharterOptions::default(),
    ));
}

/// Untyped parse with the `toml` crate: the floor the others are measured against.
#[divan::bench(sample_count = 20)]
fn toml_floor() {
    floor();
}

/// Load, validate every rule of the format, and run the conflict analysis (limit: 2x the floor).
#[divan::bench(name = "load_validate_analyze", sample_count = 20)]
fn bench_load_validate_analyze() {
    load_validate_analyze();
}

/// Everything above plus the Markdown charter (limit: 3x the floor).
#[divan::bench(name = "export", sample_count = 20)]
fn bench_export() {
    export();
}

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    divan::main();
    let runs = 15;
    println!(
        "\nworkspace text: {:.1} MB (100 departments x 10,000 responsibilities)",
        text().len() as f64 / 1e6
    );
    // Interleave the three so machine noise hits them alike.
    let floor_time = median(floor, runs);
    let load_time = median(load_validate_analyze, runs);
    let export_time = median(export, runs);
    let ratio = |t: Duration| t.as_secs_f64() / floor_time.as_secs_f64();
    println!(
        "median toml floor:               {:>8.1} ms",
        floor_time.as_secs_f64() * 1e3
    );
    println!(
        "median load+validate+analyze:    {:>8.1} ms  ratio {:.2} (limit 2.0)",
        load_time.as_secs_f64() * 1e3,
        ratio(load_time)
    );
    println!(
        "median export:                   {:>8.1} ms  ratio {:.2} (limit 3.0)",
        export_time.as_secs_f64() * 1e3,
        ratio(export_time)
    );
}
