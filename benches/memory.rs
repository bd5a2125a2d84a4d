//! Peak memory of the floor (an untyped parse with the `toml` crate), of what `whoowns check`
//! does (load + validate + analyze), of `export` and of a comment-preserving save, at
//! 100 departments x 10,000 responsibilities and at 300 x 100,000, in RACI and in
//! does-decides-answers (`dda`). Limits: check at most 0.6x the floor, a save at most 3x the floor.
//!
//! The workspace is generated and written to a file by this process; a fresh child process per
//! measurement then does only that work, and reports the kernel's high-water mark of its
//! resident memory (`VmHWM`). A child is used because the high-water mark never goes down: in
//! one process it would include the generator's data.

use std::hint::black_box;
use std::process::Command;

use whoowns::analysis::analyze;
use whoowns::charter::{CharterOptions, render};
use whoowns::workspace::{ModelKind, RoleModel, load_file, to_toml, update_document};

const CHILD: &str = "WHOOWNS_MEMORY_BENCH_FILE";
const MODE: &str = "WHOOWNS_MEMORY_BENCH_MODE";
const MODES: [&str; 4] = ["floor", "check", "export", "save"];

fn peak_resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Does one mode's work on the file at `path` and prints the peak above the process baseline.
fn child(path: &str, mode: &str) {
    let baseline = peak_resident_mb().unwrap_or(0.0);
    match mode {
        "floor" => {
            let text = std::fs::read_to_string(path).expect("readable");
            let table: toml::Table = text.parse().expect("valid TOML");
            black_box((&text, &table));
        }
        "check" => {
            let loaded = load_file(path.as_ref()).expect("valid workspace");
            black_box(analyze(&loaded.workspace));
        }
        "export" => {
            let loaded = load_file(path.as_ref()).expect("valid workspace");
            let analysis = analyze(&loaded.workspace);
            black_box(render(
                &loaded.workspace,
                &analysis,
                &CharterOptions::default(),
            ));
        }
        _ => {
            let mut loaded = load_file(path.as_ref()).expect("valid workspace");
            let r = &mut loaded.workspace.responsibilities[0];
            r.name.push_str(" (renamed)");
            black_box(update_document(&loaded.text, &loaded.workspace).expect("valid TOML"));
        }
    }
    let peak = peak_resident_mb().unwrap_or(0.0);
    println!("{:.1}", peak - baseline);
}

fn measure(exe: &std::path::Path, path: &std::path::Path, mode: &str) -> f64 {
    let out = Command::new(exe)
        .env(CHILD, path)
        .env(MODE, mode)
        .output()
        .expect("child runs");
    assert!(out.status.success(), "the measuring child failed");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a number")
}

fn main() {
    if let Ok(path) = std::env::var(CHILD) {
        child(&path, &std::env::var(MODE).unwrap_or_default());
        return;
    }
    // Only run when benchmarks are asked for (cargo bench passes --bench), not under cargo test.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    let dir = tempfile::tempdir().expect("tempdir");
    println!("peak resident memory above the process baseline (MB):");
    println!(
        "  {:>20}  {:>8}  {:>8} {:>5}  {:>8}  {:>8} {:>5}",
        "size", "floor", "check", "/flr", "export", "save", "/flr"
    );
    let dda = RoleModel::builtin(ModelKind::DoesDecidesAnswers).expect("built in");
    for (departments, responsibilities, model) in [
        (100, 10_000, "raci"),
        (100, 10_000, "dda"),
        (300, 100_000, "raci"),
        (300, 100_000, "dda"),
    ] {
        let path = dir
            .path()
            .join(format!("large-{responsibilities}-{model}.toml"));
        let mut ws = whoowns::generate::workspace(departments, responsibilities, 7);
        if model == "dda" {
            // RACI's A gives both decides and answers, R gives does: five role lists each.
            ws = whoowns::convert::convert(&ws, &dda).0;
        }
        std::fs::write(&path, to_toml(&ws)).expect("write");
        drop(ws);
        let mb = MODES.map(|mode| measure(&exe, &path, mode));
        println!(
            "  {:>20}  {:>8.1}  {:>8.1} {:>5.2}  {:>8.1}  {:>8.1} {:>5.2}",
            format!("{departments} x {responsibilities} {model}"),
            mb[0],
            mb[1],
            mb[1] / mb[0],
            mb[2],
            mb[3],
            mb[3] / mb[0],
        );
    }
}
