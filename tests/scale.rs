//! Nothing quadratic: `check` of a workspace of 200,000 departments and `import` of a sheet of
//! 100,000 rows, with the real binary, each within a bound far above what a linear run takes
//! even in a debug build and far below what the quadratic one took (minutes in a release
//! build). Speed and memory are measured in the benches (`benches/core.rs`,
//! `benches/memory.rs`).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A sheet of `rows` tasks all named alike, over `departments` columns, three roles per row.
fn sheet(rows: usize, departments: usize) -> String {
    let mut text = String::from("Task");
    for d in 1..=departments {
        text.push_str(&format!(",Department {d}"));
    }
    text.push('\n');
    for row in 0..rows {
        text.push_str("Task");
        for d in 0..departments {
            text.push(',');
            if (row + d) % (departments / 3).max(1) == 0 {
                text.push_str(["R", "A/R", "C", "I"][(row + d) % 4]);
            }
        }
        text.push('\n');
    }
    text
}

#[test]
fn an_import_of_100000_tasks_named_alike_ends_well_within_a_generous_bound() {
    const ROWS: usize = 100_000;
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("sheet.csv");
    std::fs::write(&csv, sheet(ROWS, 6)).expect("write");
    let out = dir.path().join("sheet.toml");
    // Linear: seconds in a debug build. Each id searched from `task-2` up: 5 x 10^9 tries.
    let (_, ended) = run_bounded(
        &[
            "import",
            csv.to_str().expect("UTF-8 path"),
            "-o",
            out.to_str().expect("UTF-8 path"),
        ],
        Duration::from_secs(120),
    );
    assert!(ended, "import did not end within 120 s");
    let ws = whoowns::workspace::load_file(&out)
        .expect("the import loads")
        .workspace;
    assert_eq!(ws.responsibilities.len(), ROWS);
    // Every task got an id of its own: task, task-2, task-3, ...
    assert_eq!(ws.responsibilities[0].id, "task");
    assert_eq!(ws.responsibilities[ROWS - 1].id, format!("task-{ROWS}"));
}

/// Runs the real binary and kills it once `bound` has passed; its output and whether it ended
/// in time.
fn run_bounded(args: &[&str], bound: Duration) -> (String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_whoowns"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("runs");
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = stdout.read_to_string(&mut out);
        out
    });
    let start = Instant::now();
    let ended = loop {
        if child.try_wait().expect("waits").is_some() {
            break true;
        }
        if start.elapsed() > bound {
            let _ = child.kill();
            let _ = child.wait();
            break false;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    (reader.join().expect("reads"), ended)
}

#[test]
fn check_of_200000_departments_ends_well_within_a_generous_bound() {
    const DEPARTMENTS: usize = 200_000;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.toml");
    let mut text = String::from("whoowns = 1\n\n[workspace]\nname = \"Large\"\n");
    for d in 1..=DEPARTMENTS {
        text.push_str(&format!(
            "\n[[department]]\nid = \"dept-{d}\"\nname = \"Department {d}\"\n"
        ));
    }
    // Three departments hold roles; every other one is absent (a finding each).
    text.push_str(
        "\n[[responsibility]]\nid = \"r\"\nname = \"R\"\naccountable = [\"dept-1\"]\n\
         responsible = [\"dept-2\"]\ninformed = [\"dept-3\"]\n",
    );
    std::fs::write(&path, text).expect("write");
    let path = path.to_str().expect("UTF-8 path");
    // A linear run takes a few seconds in a debug build; a quadratic one took minutes in a
    // release build (7 minutes at 200,000 departments).
    let (out, ended) = run_bounded(&["check", path], Duration::from_secs(90));
    assert!(ended, "check did not end within 90 s");
    assert!(
        out.contains("0 errors, 0 warnings, 199997 info") && out.contains("200000 departments"),
        "{}",
        &out[out.len().saturating_sub(300)..]
    );
    // Each absent department is located at its own table.
    assert!(
        out.contains(&format!(
            "Department {DEPARTMENTS} holds no role anywhere: it has no part in the charter yet."
        )) && out.contains(&format!("large.toml:{}:1", 5 + 4 * (DEPARTMENTS - 1) + 1)),
        "{}",
        &out[out.len().saturating_sub(600)..]
    );
}
