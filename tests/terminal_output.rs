//! What the commands write to a terminal passes the one sanitizer: `export --format csv` and
//! `diff --format json` in a real pty write no control, C1, bidi or backspace character from
//! hostile names, while the same commands into a pipe keep CSV faithful and JSON equal in
//! meaning.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use whoowns::text::is_unsafe_char;
use whoowns::workspace::parse;

mod common;
use common::pty::Pty;

/// A workspace whose names hold a window-title sequence, CSI colours, a C1 CSI, a
/// right-to-left override, a backspace and a NUL.
const HOSTILE: &str = r#"whoowns = 1

[workspace]
name = "Charter\u001b]0;pwned\u0007"

[[department]]
id = "marketing"
name = "Mark\u001b[31meting\u001b[0m"

[[department]]
id = "pr"
name = "PR\u009b2J\u202egnp.exe"

[[responsibility]]
id = "content-calendar"
name = "Content\bX calendar\u0000"
accountable = ["marketing"]
responsible = ["marketing"]
consulted = ["pr"]
"#;

/// The hostile characters, none of which may reach a terminal.
const RAW: [char; 6] = ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{8}', '\u{0}'];

fn hostile_file(dir: &Path, text: &str, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// Runs the real binary in a pty and returns every byte it wrote there once it exited with
/// `code` and `last` (the end of its output) has come through.
fn on_a_terminal(args: &[&str], code: u32, last: &str) -> String {
    let mut pty = Pty::start(args, &[]);
    assert_eq!(pty.exit_code(), code, "{}", pty.contents());
    // The last bytes may still be on their way from the pty once the process is gone.
    let start = Instant::now();
    loop {
        let raw = String::from_utf8_lossy(&pty.raw.lock().expect("lock")).into_owned();
        if raw.contains(last) {
            return raw;
        }
        assert!(
            start.elapsed() < common::pty::TIMEOUT,
            "no {last:?} in {raw:?}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

fn assert_safe_for_a_terminal(shown: &str) {
    for c in shown.chars() {
        assert!(
            c == '\n' || c == '\r' || !is_unsafe_char(c),
            "{c:?} reached the terminal in {shown:?}"
        );
    }
}

#[test]
fn csv_on_a_terminal_shows_hostile_names_without_acting_on_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = hostile_file(dir.path(), HOSTILE, "w.toml");
    let shown = on_a_terminal(
        &["export", "--format", "csv", file.to_str().expect("utf-8")],
        0,
        "X calendar",
    );
    assert_safe_for_a_terminal(&shown);
    assert!(shown.contains("Charter␛]0;pwned"), "{shown:?}");
    assert!(shown.contains("Mark␛[31meting␛[0m"), "{shown:?}");
    assert!(shown.contains("PR\u{fffd}2J\u{fffd}gnp.exe"), "{shown:?}");
    assert!(
        shown.contains("Content\u{fffd}X calendar\u{fffd}"),
        "{shown:?}"
    );
}

#[test]
fn csv_into_a_pipe_or_a_file_is_the_data_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = hostile_file(dir.path(), HOSTILE, "w.toml");
    let ws = parse(HOSTILE).expect("valid").workspace;
    let expected = whoowns::spreadsheet::to_csv(&ws);
    for c in RAW {
        assert!(expected.contains(c), "{c:?} is in the data");
    }
    let out = Command::cargo_bin("whoowns")
        .expect("binary")
        .args(["export", "--format", "csv"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).expect("utf-8"), expected);
    let csv = dir.path().join("matrix.csv");
    Command::cargo_bin("whoowns")
        .expect("binary")
        .args(["export", "--format", "csv", "-o"])
        .arg(&csv)
        .arg(&file)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&csv).expect("read"), expected);
}

#[test]
fn diff_json_escapes_what_a_terminal_would_act_on_and_means_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let before = hostile_file(
        dir.path(),
        &HOSTILE.replace("\\u009b2J\\u202egnp.exe", ""),
        "before.toml",
    );
    let after = hostile_file(dir.path(), HOSTILE, "after.toml");
    let args = |b: &Path, a: &Path| {
        vec![
            "diff".to_owned(),
            "--format".into(),
            "json".into(),
            b.display().to_string(),
            a.display().to_string(),
        ]
    };
    let out = Command::cargo_bin("whoowns")
        .expect("binary")
        .args(args(&before, &after))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "there are changes");
    let piped = String::from_utf8(out.stdout).expect("utf-8");
    assert_safe_for_a_terminal(&piped);
    assert!(
        piped.contains("\\u009b") && piped.contains("\\u202e"),
        "{piped}"
    );
    // The same meaning as the unescaped report.
    let ws = |p: &Path| {
        parse(&std::fs::read_to_string(p).expect("read"))
            .expect("valid")
            .workspace
    };
    let direct = whoowns::diff::render_json(&whoowns::diff::diff(&ws(&before), &ws(&after)));
    let a: serde_json::Value = serde_json::from_str(&piped).expect("json");
    let b: serde_json::Value = serde_json::from_str(&direct).expect("json");
    assert_eq!(a, b);
    assert!(a.to_string().contains('\u{202e}'));
    // And on a terminal.
    let args = args(&before, &after);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // The document ends with its closing brace alone on a line.
    let shown = on_a_terminal(&args, 1, "\n}\r\n");
    assert_safe_for_a_terminal(&shown);
    assert!(shown.contains("\\u202e"), "{shown:?}");
}
