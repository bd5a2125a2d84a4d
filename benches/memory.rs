//! Peak memory of load + validate + analyze + export on 100 departments x 10,000
//! responsibilities (limit: 100 MB). The workspace is generated and written to a file by this
//! process; a fresh child process then does only what `whoowns export` does, and reports the
//! kernel's high-water mark of its resident memory (`VmHWM`). A child is used because the
//! high-water mark never goes down: in one process it would include the generator's data.

use std::hint::black_box;
use std::process::Command;

use whoowns::analysis::analyze;
use whoowns::charter::{CharterOptions, render};
use whoowns::workspace::{load_file, to_toml};

const CHILD: &str = "WHOOWNS_MEMORY_BENCH_FILE";

fn peak_resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn child(path: &str) {
    let baseline = peak_resident_mb().unwrap_or(0.0);
    let loaded = load_file(path.as_ref()).expect("valid workspace");
    let after_load = peak_resident_mb().unwrap_or(0.0);
    let analysis = analyze(&loaded.workspace);
    let after_analyze = peak_resident_mb().unwrap_or(0.0);
    let charter = render(&loaded.workspace, &analysis, &CharterOptions::default());
    black_box(&charter);
    let peak = peak_resident_mb().unwrap_or(0.0);
    println!(
        "text {:.1} MB, {} findings, charter {:.1} MB",
        loaded.text.len() as f64 / 1e6,
        analysis.findings.len(),
        charter.len() as f64 / 1e6
    );
    println!("process baseline: {baseline:.1} MB");
    println!("peak after load: {after_load:.1} MB, after analyze: {after_analyze:.1} MB");
    println!("peak memory: {peak:.1} MB (limit 100 MB)");
}

fn main() {
    if let Ok(path) = std::env::var(CHILD) {
        child(&path);
        return;
    }
    // Only run when benchmarks are asked for (cargo bench passes --bench), not under cargo test.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.toml");
    std::fs::write(
        &path,
        to_toml(&whoowns::generate::workspace(100, 10_000, 7)),
    )
    .expect("write");
    let exe = std::env::current_exe().expect("own path");
    let status = Command::new(exe)
        .env(CHILD, &path)
        .status()
        .expect("child runs");
    assert!(status.success(), "the measuring child failed");
}
