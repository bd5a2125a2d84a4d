//! The real binary, run the way people and CI run it: every rule, every kind of bad input,
//! every exit code, and the three headless commands.

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;

const RULES: [(&str, &str, i32); 9] = [
    ("hot-potato", "error", 1),
    ("contested", "error", 1),
    ("no-doer", "warning", 0),
    ("unresolved-claim", "warning", 0),
    ("silo", "warning", 0),
    ("overload", "warning", 0),
    ("underfunded", "warning", 0),
    ("single-funder", "info", 0),
    ("absent", "info", 0),
];

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures/lint").join(name)
}

fn whoowns() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("whoowns");
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

/// The 1-based line of the first line of `text` that equals `header` after the `occurrence`-th
/// line holding `id = "ID"` is found: the `[[responsibility]]`/`[[department]]` header line.
fn header_line(text: &str, kind: &str, id: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let id_line = lines
        .iter()
        .position(|l| l.trim() == format!("id = \"{id}\""))
        .expect("id present");
    (0..id_line)
        .rev()
        .find(|&i| lines[i].trim() == format!("[[{kind}]]"))
        .expect("header")
        + 1
}

#[test]
fn every_rule_is_found_with_its_location_and_exit_code() {
    for (rule, severity, code) in RULES {
        let path = fixture(&format!("{rule}.toml"));
        let text = std::fs::read_to_string(&path).expect("fixture");
        let output = whoowns().arg("check").arg(&path).output().expect("runs");
        let stdout = String::from_utf8(output.stdout).expect("utf-8");
        assert_eq!(output.status.code(), Some(code), "{rule}: {stdout}");
        assert!(
            stdout.contains(&format!("{severity}[{rule}]: ")),
            "{rule}: {stdout}"
        );
        let (kind, id) = match rule {
            "overload" => ("department", "a"),
            "absent" => ("department", "c"),
            _ => ("responsibility", "x"),
        };
        let line = header_line(&text, kind, id);
        let location = format!("--> {}:{line}:1 ({kind} \"{id}\")", path.display());
        assert!(
            stdout.contains(&location),
            "{rule}: expected {location} in\n{stdout}"
        );
        assert!(
            stdout
                .lines()
                .last()
                .is_some_and(|l| l.contains("1 error") || l.contains("0 errors"))
        );

        // Exactly this rule fires, and JSON says the same.
        let json = whoowns()
            .args(["check", "--format", "json"])
            .arg(&path)
            .output()
            .expect("runs");
        assert_eq!(json.status.code(), Some(code));
        let report: Value = serde_json::from_slice(&json.stdout).expect("one JSON object");
        let findings = report["findings"].as_array().expect("findings");
        assert_eq!(findings.len(), 1, "{rule}: {report}");
        assert_eq!(findings[0]["rule"], rule);
        assert_eq!(findings[0]["severity"], severity);
        assert_eq!(report["workspace"], "Fixture");
        let summary = &report["summary"];
        let expected = |s: &str| u64::from(severity == s);
        assert_eq!(summary["errors"].as_u64(), Some(expected("error")));
        assert_eq!(summary["warnings"].as_u64(), Some(expected("warning")));
        assert_eq!(summary["info"].as_u64(), Some(expected("info")));
        let keys: Vec<&str> = findings[0]
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        for key in [
            "rule",
            "severity",
            "responsibility",
            "department",
            "message",
        ] {
            assert!(keys.contains(&key), "{rule}: finding lacks {key}");
        }
        // --strict makes warnings fail too.
        let strict = whoowns()
            .args(["check", "--strict"])
            .arg(&path)
            .output()
            .expect("runs");
        let strict_code = if severity == "info" { 0 } else { 1 };
        assert_eq!(strict.status.code(), Some(strict_code), "{rule} --strict");
    }
}

#[test]
fn a_clean_workspace_passes() {
    whoowns()
        .arg("check")
        .arg(fixture("clean.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors, 0 warnings, 0 info"));
}

#[test]
fn rules_can_be_disabled_and_reweighted() {
    let output = whoowns()
        .args(["check", "--format", "json"])
        .arg(fixture("rules-config.toml"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "silo raised to error");
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .expect("array")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule"))
        .collect();
    assert_eq!(rules, ["silo"], "no-doer is disabled");
    assert_eq!(report["findings"][0]["severity"], "error");
}

#[test]
fn no_colour_through_a_pipe_or_with_no_color() {
    for no_color in [false, true] {
        let mut cmd = whoowns();
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let output = cmd
            .args(["check", "assets/sample.toml"])
            .output()
            .expect("runs");
        assert!(
            !output.stdout.contains(&0x1b),
            "escape byte in piped output"
        );
        assert!(!output.stderr.contains(&0x1b));
    }
}

/// (fixture, line, text the message must hold)
const INVALID: [(&str, usize, &str); 18] = [
    ("syntax.toml", 3, "invalid TOML"),
    ("missing-version.toml", 1, "missing format version"),
    (
        "unsupported-version.toml",
        1,
        "unsupported format version 2",
    ),
    (
        "unknown-keys.toml",
        12,
        "unknown key `acountable` in responsibility \"x\"; did you mean `accountable`?",
    ),
    ("missing-name.toml", 2, "missing `name` in `[workspace]`"),
    (
        "empty-name.toml",
        3,
        "`name` in `[workspace]` must not be empty",
    ),
    ("malformed-id.toml", 5, "malformed id \"Bad Id\""),
    (
        "duplicate-department.toml",
        7,
        "duplicate department id `a`",
    ),
    (
        "duplicate-responsibility.toml",
        10,
        "duplicate responsibility id `x`",
    ),
    (
        "unknown-department-role.toml",
        10,
        "unknown department `ghost` in `accountable` of responsibility \"x\"",
    ),
    (
        "unknown-department-funding.toml",
        11,
        "unknown department `ghost` in `funding`",
    ),
    (
        "unknown-department-claim.toml",
        10,
        "unknown department `ghost` in `claims`",
    ),
    (
        "department-twice.toml",
        10,
        "department `a` is listed twice in `responsible`",
    ),
    ("negative-budget.toml", 10, "must not be negative, found -5"),
    (
        "negative-funding.toml",
        10,
        "`funding.a` in responsibility \"x\" must not be negative",
    ),
    (
        "unknown-decision-responsibility.toml",
        6,
        "unknown responsibility `ghost` in decision #1",
    ),
    (
        "bad-date.toml",
        5,
        "calendar date written YYYY-MM-DD, found \"2026-02-30\"",
    ),
    ("many-problems.toml", 4, "unknown key `nmae`"),
];

#[test]
fn unusable_input_is_explained_with_file_line_and_column() {
    for (name, line, message) in INVALID {
        let path = fixture("invalid").join(name);
        for command in ["check", "export"] {
            let output = whoowns().arg(command).arg(&path).output().expect("runs");
            let stderr = String::from_utf8(output.stderr).expect("utf-8");
            assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
            assert!(output.stdout.is_empty(), "{name}: nothing on stdout");
            assert!(
                stderr.contains(message),
                "{name}: expected {message:?} in\n{stderr}"
            );
            let location = format!("{}:{line}:", path.display());
            assert!(
                stderr.contains(&location),
                "{name}: expected {location} in\n{stderr}"
            );
            assert!(
                !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
                "{name}: {stderr}"
            );
        }
    }
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let output = whoowns()
        .arg("check")
        .arg(fixture("invalid/many-problems.toml"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    let problems = stderr.lines().filter(|l| l.starts_with("error: ")).count();
    assert!(problems >= 9, "{problems} problems reported:\n{stderr}");
    assert!(
        stderr
            .trim_end()
            .ends_with("9 problems found; the workspace was not loaded"),
        "{stderr}"
    );
}

#[test]
fn unreadable_input_gets_one_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let binary = dir.path().join("binary.toml");
    std::fs::write(&binary, b"whoowns = 1\n\xff\xfe\n").expect("write");
    let cases: [(&Path, &str); 3] = [
        (&binary, "is not UTF-8"),
        (dir.path(), "is a directory"),
        (Path::new("no/such/file.toml"), "cannot read"),
    ];
    for (path, message) in cases {
        let output = whoowns().arg("check").arg(path).output().expect("runs");
        let stderr = String::from_utf8(output.stderr).expect("utf-8");
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(stderr.contains(message), "{stderr}");
    }
}

#[test]
fn export_is_deterministic_and_writes_atomically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("charter.md");
    let first = whoowns()
        .args(["export", "assets/sample.toml"])
        .output()
        .expect("runs");
    assert!(first.status.success());
    let second = whoowns()
        .args(["export", "assets/sample.toml"])
        .output()
        .expect("runs");
    assert_eq!(
        first.stdout, second.stdout,
        "byte-identical for identical input"
    );
    whoowns()
        .args(["export", "assets/sample.toml", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(std::fs::read(&out).expect("written"), first.stdout);
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "no temporary file left"
    );
    let text = String::from_utf8(first.stdout).expect("utf-8");
    for heading in [
        "# Acme social media charter",
        "## Role matrix",
        "## Open findings",
        "## Decision log",
        "## Sign-off",
    ] {
        assert!(text.contains(heading), "missing {heading}");
    }
    assert!(
        text.contains("hot-potato"),
        "a charter never hides an open conflict"
    );
}

#[test]
fn export_takes_a_real_date_only() {
    whoowns()
        .args(["export", "assets/sample.toml", "--date", "2026-11-23"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-11-23"));
    whoowns()
        .args(["export", "assets/sample.toml", "--date", "2026-13-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a calendar date"));
}

#[test]
fn init_writes_the_sample_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mine.toml");
    whoowns().arg("init").arg(&path).assert().success();
    assert_eq!(
        std::fs::read_to_string(&path).expect("written"),
        whoowns::SAMPLE_WORKSPACE
    );
    std::fs::write(&path, "# my own work\n").expect("write");
    whoowns()
        .arg("init")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("kept"),
        "# my own work\n"
    );
    whoowns()
        .arg("init")
        .arg(&path)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&path).expect("replaced"),
        whoowns::SAMPLE_WORKSPACE
    );
    // A directory gets whoowns.toml inside it.
    whoowns().arg("init").arg(dir.path()).assert().success();
    let inside = dir.path().join("whoowns.toml");
    // The sample deliberately holds open errors: check fails, export works.
    whoowns().arg("check").arg(&inside).assert().code(1);
    whoowns().arg("export").arg(&inside).assert().success();
}

#[test]
fn help_and_version() {
    whoowns()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    whoowns()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("check"));
    for command in ["check", "export", "init"] {
        whoowns()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
    whoowns()
        .args(["check", "--format", "yaml", "x.toml"])
        .assert()
        .code(2);
}

#[test]
fn check_output_of_the_sample() {
    let output = whoowns()
        .env("NO_COLOR", "1")
        .args(["check", "assets/sample.toml"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8(output.stdout).expect("utf-8"));
}

#[test]
fn charter_of_the_sample() {
    let output = whoowns()
        .args(["export", "assets/sample.toml", "--date", "2026-11-23"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    insta::assert_snapshot!(String::from_utf8(output.stdout).expect("utf-8"));
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("evil.toml");
    let text = std::fs::read_to_string(fixture("hot-potato.toml"))
        .expect("fixture")
        .replace(
            "name = \"Nobody decides\"",
            "name = \"Evil\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\"",
        );
    std::fs::write(&path, text).expect("write");
    let output = whoowns().arg("check").arg(&path).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !output.stdout.iter().any(|&b| b == 0x1b || b == 0x07),
        "raw control bytes in {:?}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains('\u{9b}'));
}
