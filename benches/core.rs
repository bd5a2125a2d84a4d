//! The core on a generated workspace of 100 departments x 10,000 responsibilities:
//! the floor (an untyped parse with the `toml` crate), load + validate + analyze, and export.
//! After the divan table, the ratios to the floor are measured in the same run and printed.

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use whoowns::analysis::analyze;
use whoowns::charter::{CharterOptions, render};
use whoowns::workspace::{parse, to_toml};

const DEPARTMENTS: usize = 100;
const RESPONSIBILITIES: usize = 10_000;
const SEED: u64 = 7;

/// The generated workspace as TOML text, made once (the generator's data is dropped right away).
fn text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        to_toml(&whoowns::generate::workspace(
            DEPARTMENTS,
            RESPONSIBILITIES,
            SEED,
        ))
    })
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

/// Runs each operation `runs` times, interleaved (floor, load, export, floor, ...) so that machine
/// noise hits all three alike, and returns the median time of each.
fn interleaved_medians(ops: &[fn()], runs: usize) -> Vec<Duration> {
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(runs); ops.len()];
    for _ in 0..runs {
        for (op, times) in ops.iter().zip(&mut times) {
            let start = Instant::now();
            op();
            times.push(start.elapsed());
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort();
            t[t.len() / 2]
        })
        .collect()
}

/// Median of `runs` timings of `f`.
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

fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}

/// Where the time of an export goes: each stage timed on its own.
fn breakdown(runs: usize) {
    let parsed = parse(text()).expect("valid workspace");
    let analysis = analyze(&parsed.workspace);
    let options = CharterOptions::default();
    let syntax = median(
        || {
            black_box(toml::de::DeTable::parse_recoverable(text()));
        },
        runs,
    );
    let load = median(
        || {
            black_box(parse(text()).expect("valid workspace"));
        },
        runs,
    );
    let analyze_time = median(|| drop(black_box(analyze(&parsed.workspace))), runs);
    let render_time = median(
        || drop(black_box(render(&parsed.workspace, &analysis, &options))),
        runs,
    );
    println!("stages (median of {runs}):");
    println!("  spanned TOML parse (DeTable)  {:>8.1} ms", ms(syntax));
    println!("  parse + validate (workspace)  {:>8.1} ms", ms(load));
    println!(
        "  analyze                       {:>8.1} ms",
        ms(analyze_time)
    );
    println!(
        "  render charter                {:>8.1} ms",
        ms(render_time)
    );
}

fn main() {
    println!(
        "core benchmarks: {DEPARTMENTS} departments x {RESPONSIBILITIES} responsibilities, workspace text {:.1} MB",
        text().len() as f64 / 1e6
    );

    divan::main();

    // Only measure the ratios when benchmarks are asked for, not under `cargo test`.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runs = 10;
    let medians = interleaved_medians(&[floor, load_validate_analyze, export], runs);
    let (floor_time, load_time, export_time) = (medians[0], medians[1], medians[2]);
    let ratio = |t: Duration| t.as_secs_f64() / floor_time.as_secs_f64();
    println!("\nsame-run medians of {runs} (std::time::Instant):");
    println!("  toml floor              {:>8.1} ms", ms(floor_time));
    println!("  load+validate+analyze   {:>8.1} ms", ms(load_time));
    println!("  export                  {:>8.1} ms", ms(export_time));
    println!(
        "ratio load+validate+analyze / toml floor = {:.2} (limit 2.0)",
        ratio(load_time)
    );
    println!(
        "ratio export / toml floor = {:.2} (limit 3.0)",
        ratio(export_time)
    );
    breakdown(runs);
}
