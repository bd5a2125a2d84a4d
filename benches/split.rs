//! `export --split` on generated workspaces of 100 x 10,000 and 300 x 100,000: the files
//! rendered and written one at a time (each atomically, as the command does) into a fresh
//! directory. Before the divan table, one timed run of each size prints the wall time, the
//! shape of what was written (how many files, how many bytes in all, the largest file and the
//! index) and how much the peak memory grew over the loaded workspace.

use std::hint::black_box;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use whoowns::analysis::{Analysis, analyze};
use whoowns::charter::{CharterOptions, SplitFile, render_split_to};
use whoowns::cli::split::Writer;
use whoowns::workspace::{Workspace, parse, to_toml};

const SEED: u64 = 7;

/// A generated workspace of `departments` x `responsibilities`, read back from its TOML (as
/// the command reads it), with its analysis.
fn loaded(departments: usize, responsibilities: usize) -> (Workspace, Analysis) {
    let text = to_toml(&whoowns::generate::workspace(
        departments,
        responsibilities,
        SEED,
    ));
    let workspace = parse(&text).expect("valid workspace").workspace;
    let analysis = analyze(&workspace);
    (workspace, analysis)
}

fn medium() -> &'static (Workspace, Analysis) {
    static LOADED: OnceLock<(Workspace, Analysis)> = OnceLock::new();
    LOADED.get_or_init(|| loaded(100, 10_000))
}

fn large() -> &'static (Workspace, Analysis) {
    static LOADED: OnceLock<(Workspace, Analysis)> = OnceLock::new();
    LOADED.get_or_init(|| loaded(300, 100_000))
}

/// What a split export wrote: files, bytes in all, the largest file (name, bytes), the index's
/// bytes.
#[derive(Debug, Default)]
struct Shape {
    files: usize,
    bytes: usize,
    largest: (String, usize),
    index: usize,
}

/// Renders and writes the split charter of `loaded` into `dir`, as `export --split` does.
fn split_into(loaded: &(Workspace, Analysis), dir: &Path, source: &Path) -> Shape {
    let (workspace, analysis) = loaded;
    let mut shape = Shape::default();
    let mut writer = Writer::new(dir, source, false).expect("a fresh directory");
    render_split_to(
        workspace,
        analysis,
        &CharterOptions::default(),
        &mut |file: SplitFile| {
            shape.files += 1;
            shape.bytes += file.text.len();
            if file.text.len() > shape.largest.1 {
                shape.largest = (file.name.clone(), file.text.len());
            }
            if file.name == "index.md" {
                shape.index = file.text.len();
            }
            writer.file(&file)
        },
    )
    .expect("written");
    writer.finish().expect("finished");
    shape
}

fn run(loaded: &'static (Workspace, Analysis)) -> Shape {
    let source = tempfile::NamedTempFile::new().expect("a workspace file");
    let dir = tempfile::tempdir().expect("temporary directory");
    black_box(split_into(
        loaded,
        &dir.path().join("charter"),
        source.path(),
    ))
}

/// 100 departments x 10,000 responsibilities.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn split_100_x_10_000() -> Shape {
    run(medium())
}

/// 300 departments x 100,000 responsibilities.
#[divan::bench(sample_count = 2, sample_size = 1)]
fn split_300_x_100_000() -> Shape {
    run(large())
}

/// One timed run; with `WHOOWNS_BENCH_SPLIT_KEEP=DIR` the files are kept in `DIR/<name>` to
/// look at (which must not hold anything else).
fn report(name: &str, loaded: &'static (Workspace, Analysis)) {
    let _ = loaded.0.responsibilities.len();
    // The peak so far is the generator's and the loading's: start it afresh (Linux).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = memory_kb("VmRSS:");
    let keep = std::env::var_os("WHOOWNS_BENCH_SPLIT_KEEP").map(std::path::PathBuf::from);
    let start = Instant::now();
    let shape = match &keep {
        Some(dir) => {
            let source = tempfile::NamedTempFile::new().expect("a workspace file");
            let out = dir.join(name.replace([' ', ','], ""));
            split_into(loaded, &out, source.path())
        }
        None => run(loaded),
    };
    let wall: Duration = start.elapsed();
    let grown = (memory_kb("VmHWM:").zip(before)).map(|(peak, before)| peak.saturating_sub(before));
    println!(
        "export --split {name}: {:.2} s; {} files, {:.1} MB in all, the largest {} at {:.1} KB, index.md {:.1} KB; peak memory above the loaded workspace: {}",
        wall.as_secs_f64(),
        shape.files,
        shape.bytes as f64 / 1e6,
        shape.largest.0,
        shape.largest.1 as f64 / 1e3,
        shape.index as f64 / 1e3,
        grown.map_or_else(
            || "unknown".to_owned(),
            |kb| format!("{:.1} MB", kb as f64 / 1e3)
        ),
    );
}

/// One of the process' memory figures in KB (Linux: `VmRSS:` resident now, `VmHWM:` its peak).
fn memory_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    // The shapes only when benchmarks are asked for, not under `cargo test`; first, so that
    // the peak memory each adds is its own.
    if std::env::args().any(|a| a == "--bench") {
        report("100 x 10,000", medium());
        report("300 x 100,000", large());
        println!();
    }
    divan::main();
}
