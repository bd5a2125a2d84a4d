//! The core on a generated workspace of 100 departments x 10,000 responsibilities:
//! the floor (an untyped parse with the `toml` crate), load + validate + analyze, export and a
//! comment-preserving save; check of 200,000 departments and import of a sheet of 200,000
//! rows, each next to its floor. After the divan table, the ratios to the floor are measured in the
//! same run and printed, then the curve over 30 x 1,000, 100 x 10,000 and 300 x 100,000.
//!
//! Each operation returns what it built, and that is dropped after its time is taken (divan
//! does the same with returned values): the command line exits without tearing down a large
//! workspace, its analysis or the charter (`std::mem::forget` in `cli`), so the teardown is
//! not part of what a user waits for. The floor is measured the same way.

use std::any::Any;
use std::hint::black_box;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use whoowns::analysis::analyze;
use whoowns::charter::{CharterOptions, render};
use whoowns::workspace::{Workspace, parse, to_toml, update_document};

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

/// The same workspace in the does-decides-answers model (RACI's A gives both decides and
/// answers, R gives does): five role lists per responsibility instead of four.
fn dda_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let raci = parse(text()).expect("valid workspace").workspace;
        let model = whoowns::workspace::RoleModel::builtin(
            whoowns::workspace::ModelKind::DoesDecidesAnswers,
        )
        .expect("built in");
        let (dda, losses) = whoowns::convert::convert(&raci, &model);
        assert!(
            losses.is_empty(),
            "RACI converts to does-decides-answers losslessly"
        );
        to_toml(&dda)
    })
}

/// What an operation built, dropped once its time is taken.
type Built = Box<dyn Any>;

fn floor() -> Built {
    floor_of(text())
}

fn load_validate_analyze() -> Built {
    load_validate_analyze_of(text())
}

fn floor_of(text: &str) -> Built {
    let table: toml::Table = text.parse().expect("valid TOML");
    Box::new(black_box(table))
}

fn load_validate_analyze_of(text: &str) -> Built {
    let parsed = parse(text).expect("valid workspace");
    let analysis = black_box(analyze(&parsed.workspace));
    Box::new((parsed, analysis))
}

/// The workspace of `text` with one role moved: what a save after one drop writes.
fn edited(text: &str) -> Workspace {
    let mut ws = parse(text).expect("valid workspace").workspace;
    let change = whoowns::generate::typical_move(&ws).expect("a role to move");
    change.edit.apply(&mut ws).expect("applies");
    ws
}

/// A comment-preserving save: the file's text rewritten to hold `ws`.
fn save_of(text: &str, ws: &Workspace) -> Built {
    Box::new(black_box(update_document(text, ws).expect("valid TOML")))
}

fn edited_workspace() -> &'static Workspace {
    static EDITED: OnceLock<Workspace> = OnceLock::new();
    EDITED.get_or_init(|| edited(text()))
}

fn export() -> Built {
    export_of(text())
}

fn export_of(text: &str) -> Built {
    let parsed = parse(text).expect("valid workspace");
    let analysis = analyze(&parsed.workspace);
    let charter = black_box(render(
        &parsed.workspace,
        &analysis,
        &CharterOptions::default(),
    ));
    Box::new((parsed, analysis, charter))
}

/// Untyped parse with the `toml` crate: the floor the others are measured against.
#[divan::bench(sample_count = 20)]
fn toml_floor() -> Built {
    floor()
}

/// Load, validate every rule of the format, and run the conflict analysis (limit: 2x the floor).
#[divan::bench(name = "load_validate_analyze", sample_count = 20)]
fn bench_load_validate_analyze() -> Built {
    load_validate_analyze()
}

/// Everything above plus the Markdown charter (limit: 3x the floor).
#[divan::bench(name = "export", sample_count = 20)]
fn bench_export() -> Built {
    export()
}

/// A comment-preserving save after one move (limit: 3x load + validate + analyze).
#[divan::bench(name = "save", sample_count = 20)]
fn bench_save() -> Built {
    save_of(text(), edited_workspace())
}

/// Departments of the wide workspace: what grows with the departments rather than the
/// responsibilities (the findings of absent departments, their locations, the board's columns).
const WIDE_DEPARTMENTS: usize = 200_000;
/// Rows of the generated sheet.
const SHEET_ROWS: usize = 200_000;

/// 200,000 departments and 1,000 responsibilities as TOML text, made once.
fn wide_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| to_toml(&whoowns::generate::workspace(WIDE_DEPARTMENTS, 1_000, SEED)))
}

/// A RACI sheet of 200,000 rows over 20 departments (CSV), made once.
fn sheet() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        whoowns::spreadsheet::to_csv(&whoowns::generate::workspace(20, SHEET_ROWS, SEED))
    })
}

/// Load, validate and analyze 200,000 departments (most of them absent: a finding each).
#[divan::bench(name = "check_200k_departments", sample_count = 5)]
fn bench_check_wide() -> Built {
    load_validate_analyze_of(wide_text())
}

/// The untyped parse of the same text: the floor for the line above.
#[divan::bench(name = "toml_floor_200k_departments", sample_count = 5)]
fn bench_floor_wide() -> Built {
    floor_of(wide_text())
}

/// What `import` does with a sheet of 200,000 rows: read it and write the workspace's text.
#[divan::bench(name = "import_200k_rows", sample_count = 5)]
fn bench_import_sheet() -> Built {
    let imported = whoowns::spreadsheet::read_csv(sheet().as_bytes(), "bench").expect("reads");
    let text = black_box(to_toml(&imported.workspace));
    Box::new((imported.workspace, text))
}

/// The untyped parse of the same sheet (every record kept): the floor for the line above.
#[divan::bench(name = "csv_floor_200k_rows", sample_count = 5)]
fn bench_csv_floor() -> Built {
    let records: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(sheet().as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    Box::new(black_box(records))
}

/// The floor of the does-decides-answers workspace.
#[divan::bench(name = "dda_toml_floor", sample_count = 20)]
fn bench_dda_floor() -> Built {
    floor_of(dda_text())
}

/// `check` of the does-decides-answers workspace (limit: 0.75x its floor).
#[divan::bench(name = "dda_load_validate_analyze", sample_count = 20)]
fn bench_dda_load_validate_analyze() -> Built {
    load_validate_analyze_of(dda_text())
}

/// `export` of the does-decides-answers workspace (limit: 1.0x its floor).
#[divan::bench(name = "dda_export", sample_count = 20)]
fn bench_dda_export() -> Built {
    export_of(dda_text())
}

/// Same-run ratios to the floor of check and export, in RACI and in does-decides-answers.
fn model_ratios(runs: usize) {
    println!(
        "
same-run medians of {runs} per model (check = load+validate+analyze):"
    );
    for (name, text) in [("raci", text()), ("does-decides-answers", dda_text())] {
        let medians = interleaved_medians(
            &mut [
                &mut || floor_of(text),
                &mut || load_validate_analyze_of(text),
                &mut || export_of(text),
            ],
            runs,
        );
        let ratio = |t: Duration| t.as_secs_f64() / medians[0].as_secs_f64();
        println!(
            "  {name:<22} floor {:>7.1} ms  check {:>7.1} ms ({:.2}x, limit 0.75)  export {:>7.1} ms ({:.2}x, limit 1.0)",
            ms(medians[0]),
            ms(medians[1]),
            ratio(medians[1]),
            ms(medians[2]),
            ratio(medians[2]),
        );
    }
}

/// Runs each operation `runs` times, interleaved (floor, load, export, floor, ...) so that machine
/// noise hits all three alike, and returns the median time of each (what each built is
/// dropped after its time is taken).
fn interleaved_medians(ops: &mut [&mut dyn FnMut() -> Built], runs: usize) -> Vec<Duration> {
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(runs); ops.len()];
    for _ in 0..runs {
        for (op, times) in ops.iter_mut().zip(&mut times) {
            let start = Instant::now();
            let built = op();
            times.push(start.elapsed());
            drop(built);
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

/// Median of `runs` timings of `f` (what it returns is dropped after its time is taken).
fn median<T>(mut f: impl FnMut() -> T, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let built = f();
            let time = start.elapsed();
            drop(built);
            time
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
        || black_box(toml::de::DeTable::parse_recoverable(text())),
        runs,
    );
    let load = median(|| black_box(parse(text()).expect("valid workspace")), runs);
    let analyze_time = median(|| black_box(analyze(&parsed.workspace)), runs);
    let render_time = median(
        || black_box(render(&parsed.workspace, &analysis, &options)),
        runs,
    );
    println!("stages (median of {runs}):");
    println!(
        "  spanned TOML parse (DeTable, only for a file with problems) {:>8.1} ms",
        ms(syntax)
    );
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
    if let (Ok(path), Ok(op)) = (std::env::var(CHILD_FILE), std::env::var(CHILD_OP)) {
        child(&path, &op);
        return;
    }
    println!(
        "core benchmarks: {DEPARTMENTS} departments x {RESPONSIBILITIES} responsibilities, workspace text {:.1} MB",
        text().len() as f64 / 1e6
    );

    divan::main();

    // Only measure the ratios when benchmarks are asked for, not under `cargo test`.
    // `WHOOWNS_BENCH_DIVAN_ONLY=1` keeps to the divan table (for profiling one benchmark).
    if !std::env::args().any(|a| a == "--bench")
        || std::env::var_os("WHOOWNS_BENCH_DIVAN_ONLY").is_some()
    {
        return;
    }
    let runs = 10;
    // `WHOOWNS_BENCH_MODELS=1` measures only the ratios per role model.
    if std::env::var_os("WHOOWNS_BENCH_MODELS").is_some() {
        model_ratios(runs);
        return;
    }
    let medians = interleaved_medians(
        &mut [
            &mut floor,
            &mut load_validate_analyze,
            &mut export,
            &mut || save_of(text(), edited_workspace()),
        ],
        runs,
    );
    let (floor_time, load_time, export_time, save_time) =
        (medians[0], medians[1], medians[2], medians[3]);
    let ratio = |t: Duration| t.as_secs_f64() / floor_time.as_secs_f64();
    println!("\nsame-run medians of {runs} (std::time::Instant):");
    println!("  toml floor              {:>8.1} ms", ms(floor_time));
    println!("  load+validate+analyze   {:>8.1} ms", ms(load_time));
    println!("  export                  {:>8.1} ms", ms(export_time));
    println!("  save (one move)         {:>8.1} ms", ms(save_time));
    println!(
        "ratio load+validate+analyze / toml floor = {:.2} (limit 1.0)",
        ratio(load_time)
    );
    println!(
        "ratio export / toml floor = {:.2} (limit 1.5)",
        ratio(export_time)
    );
    println!(
        "ratio save / load+validate+analyze = {:.2} (limit 3.0)",
        save_time.as_secs_f64() / load_time.as_secs_f64()
    );
    model_ratios(runs);
    breakdown(runs);
    curve();
}

/// Check, export and save at 30 x 1,000, 100 x 10,000 and 300 x 100,000 (the sizes of the
/// issue), then at 100 departments throughout (the charter's role matrix grows with the
/// departments too): each size's same-run ratios to the floor, and what 10x the
/// responsibilities costs (limit: 11x), also next to what it costs the floor.
fn curve() {
    curve_of(
        "curve",
        &[(30, 1_000, 21), (100, 10_000, 9), (300, 100_000, 5)],
    );
    curve_of(
        "curve at 100 departments",
        &[(100, 1_000, 21), (100, 10_000, 9), (100, 100_000, 5)],
    );
}

/// The environment variables that make this program a measuring child: the workspace file
/// and the operation.
const CHILD_FILE: &str = "WHOOWNS_CURVE_FILE";
const CHILD_OP: &str = "WHOOWNS_CURVE_OP";
const OPS: [&str; 5] = ["floor", "check", "export", "save", "render"];

/// In a fresh process, as the command line runs: reads the file and prepares what the
/// operation needs (the edited workspace of a save, the analysis a render reads), then times
/// the operation once and prints the nanoseconds. What it built is left to the exit.
fn child(path: &str, op: &str) {
    let text = std::fs::read_to_string(path).expect("readable");
    let to_save = (op == "save").then(|| edited(&text));
    let to_render = (op == "render").then(|| {
        let parsed = parse(&text).expect("valid workspace");
        let analysis = analyze(&parsed.workspace);
        (parsed, analysis)
    });
    let start = Instant::now();
    let built: Built = match (op, &to_save, &to_render) {
        ("floor", ..) => floor_of(&text),
        ("check", ..) => load_validate_analyze_of(&text),
        ("export", ..) => export_of(&text),
        (_, Some(ws), _) => save_of(&text, ws),
        (_, _, Some((parsed, analysis))) => Box::new(black_box(render(
            &parsed.workspace,
            analysis,
            &CharterOptions::default(),
        ))),
        _ => panic!("unknown operation {op}"),
    };
    let time = start.elapsed();
    println!("{}", time.as_nanos());
    std::mem::forget(built);
}

/// Times `op` on the file at `path` in a fresh child process.
fn in_child(path: &std::path::Path, op: &str) -> Duration {
    let exe = std::env::current_exe().expect("own path");
    let out = std::process::Command::new(exe)
        .env(CHILD_FILE, path)
        .env(CHILD_OP, op)
        .output()
        .expect("child runs");
    assert!(out.status.success(), "the measuring child failed");
    let nanos: u64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("nanoseconds");
    Duration::from_nanos(nanos)
}

/// The curve over `sizes`, each operation timed in a fresh process per run, as the command line
/// runs it (a process that already ran it would find its heap warm and sized); the operations
/// interleaved run by run; medians.
fn curve_of(title: &str, sizes: &[(usize, usize, usize)]) {
    println!(
        "\n{title} (each run in a fresh process; medians; ratios to the floor of the same size):"
    );
    println!(
        "  {:>15}  {:>9}  {:>9} {:>5}  {:>9} {:>5}  {:>9} {:>10}",
        "size", "floor ms", "check ms", "/flr", "export ms", "/flr", "save ms", "save/check"
    );
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut previous: Option<[Duration; 5]> = None;
    for &(departments, responsibilities, runs) in sizes {
        let text = to_toml(&whoowns::generate::workspace(
            departments,
            responsibilities,
            SEED,
        ));
        let charter_bytes = {
            let parsed = parse(&text).expect("valid workspace");
            render(
                &parsed.workspace,
                &analyze(&parsed.workspace),
                &CharterOptions::default(),
            )
            .len()
        };
        let path = dir
            .path()
            .join(format!("{departments}x{responsibilities}.toml"));
        std::fs::write(&path, &text).expect("write");
        drop(text);
        let mut times: [Vec<Duration>; 5] = Default::default();
        for _ in 0..runs {
            for (op, times) in OPS.iter().zip(&mut times) {
                times.push(in_child(&path, op));
            }
        }
        let m = times.map(|mut t| {
            t.sort();
            t[t.len() / 2]
        });
        let r = |t: Duration, base: Duration| t.as_secs_f64() / base.as_secs_f64();
        println!(
            "  {:>15}  {:>9.1}  {:>9.1} {:>5.2}  {:>9.1} {:>5.2}  {:>9.1} {:>10.2}",
            format!("{departments} x {responsibilities}"),
            ms(m[0]),
            ms(m[1]),
            r(m[1], m[0]),
            ms(m[2]),
            r(m[2], m[0]),
            ms(m[3]),
            r(m[3], m[1]),
        );
        println!(
            "  {:>15}  render charter {:>9.1} ms ({:.2} ns per byte of {:.1} MB){}",
            "",
            ms(m[4]),
            m[4].as_secs_f64() * 1e9 / charter_bytes as f64,
            charter_bytes as f64 / 1e6,
            previous.map_or_else(String::new, |p| format!(", growth {:.1}x", r(m[4], p[4]))),
        );
        if let Some(p) = previous {
            let growth = |i: usize| r(m[i], p[i]);
            println!(
                "  {:>15}  {:>9.1}x {:>15.1}x {:>15.1}x {:>9.1}x   (10x the responsibilities; limit 11x)",
                "growth",
                growth(0),
                growth(1),
                growth(2),
                growth(3),
            );
            println!(
                "  {:>15}  {:>10} {:>15.2}x {:>15.2}x {:>9.2}x   (growth / the floor's growth)",
                "",
                "",
                growth(1) / growth(0),
                growth(2) / growth(0),
                growth(3) / growth(0),
            );
        }
        previous = Some(m);
    }
}
