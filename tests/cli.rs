//! The `whoowns` binary run as people and CI run it: `check` on one fixture per rule, on every
//! kind of unusable input, `export`, `init`, help and version, colour rules, and snapshots of the
//! bundled sample.
//!
//! Every command runs in the crate root with relative paths, so the paths printed in messages (and
//! in the snapshots) do not depend on where the repository is checked out.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SAMPLE: &str = "assets/sample.toml";

/// The binary, started in the crate root with no colour settings inherited from the caller.
fn whoowns() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("whoowns");
    cmd.current_dir(ROOT)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    cmd
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path))
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn utf8(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("output is UTF-8")
}

/// The 1-based line of the `[[kind]]` header of the table whose `id = "ID"` line follows it.
fn header_line(text: &str, kind: &str, id: &str) -> usize {
    let header = format!("[[{kind}]]");
    let id_line = format!("id = \"{id}\"");
    let mut current: Option<(usize, bool)> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            current = Some((n + 1, trimmed == header));
        } else if trimmed == id_line
            && let Some((line, true)) = current
        {
            return line;
        }
    }
    panic!("no {header} with {id_line} in\n{text}");
}

/// The 1-based line and column of the first occurrence of `column_at` on the first line holding
/// `line_with`.
fn position(text: &str, line_with: &str, column_at: &str) -> (usize, usize) {
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(line_with))
        .unwrap_or_else(|| panic!("no line holds {line_with:?}"));
    let byte = line
        .find(column_at)
        .unwrap_or_else(|| panic!("{column_at:?} is not on line {line:?}"));
    (n + 1, line[..byte].chars().count() + 1)
}

/// The 1-based line of the nearest `[[...]]` header at or above the first line holding `line_with`.
fn header_above(text: &str, line_with: &str) -> usize {
    let (line, _) = position(text, line_with, line_with);
    text.lines()
        .take(line)
        .enumerate()
        .filter(|(_, l)| l.starts_with("[["))
        .last()
        .expect("a header above")
        .0
        + 1
}

/// The report of the one file `check --format json` looked at: the document is
/// `{"version": 1, "files": [report, ...]}` whatever the number of files.
fn file_report(bytes: &[u8]) -> Value {
    let document = one_json_value(bytes);
    assert_eq!(keys(&document), ["files", "version"], "{document}");
    assert_eq!(document["version"], 1);
    let files = document["files"].as_array().expect("files is an array");
    assert_eq!(files.len(), 1, "one file: {document}");
    files[0].clone()
}

/// Parses `bytes` as exactly one JSON value (no trailing second document or garbage).
fn one_json_value(bytes: &[u8]) -> Value {
    let mut values: Vec<Value> = serde_json::Deserializer::from_slice(bytes)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}", String::from_utf8_lossy(bytes)));
    assert_eq!(values.len(), 1, "exactly one JSON document");
    values.pop().expect("one value")
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn assert_no_panic(stderr: &str, context: &str) {
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{context}: the binary panicked:\n{stderr}"
    );
}

// --- One fixture per rule ----------------------------------------------------------------------

struct RuleCase {
    rule: &'static str,
    severity: &'static str,
    /// The responsibility and department the single finding names.
    responsibility: Option<&'static str>,
    department: Option<&'static str>,
    /// Part of the finding's message.
    message: &'static str,
    /// Where the JSON report places the finding: the key at fault in the item's table.
    key: Key,
}

/// The key a JSON finding points at, inside its item's table: on the first line starting with
/// `line_starts` (the item's own `[[...]]` header for `"[["`), from the first `at` on, `len`
/// characters long.
struct Key {
    line_starts: &'static str,
    at: &'static str,
    len: usize,
}

const HEADER: Key = Key {
    line_starts: "[[",
    at: "[[",
    len: 0,
};

/// A plain key `name = ...` of the item.
const fn plain(name: &'static str) -> Key {
    Key {
        line_starts: name,
        at: name,
        len: name.len(),
    }
}

const RULE_CASES: [RuleCase; 9] = [
    RuleCase {
        rule: "hot-potato",
        severity: "error",
        responsibility: Some("ceo-account"),
        department: None,
        message: "Nobody is accountable for \"The CEO's account\"",
        key: plain("accountable"),
    },
    RuleCase {
        rule: "contested",
        severity: "error",
        responsibility: Some("community"),
        department: None,
        message: "Marketing, Customer Care and PR are all accountable for \"Community management\" with no tie-breaker",
        key: plain("tie_breaker"),
    },
    RuleCase {
        rule: "no-doer",
        severity: "warning",
        responsibility: Some("archive"),
        department: None,
        message: "Nobody is responsible for \"Record keeping\"",
        key: plain("responsible"),
    },
    RuleCase {
        rule: "unresolved-claim",
        severity: "warning",
        responsibility: Some("service"),
        department: Some("marketing"),
        message: "Marketing claims \"Customer service on social\" but is neither accountable nor responsible",
        key: Key {
            line_starts: "claims",
            at: "marketing =",
            len: "marketing".len(),
        },
    },
    RuleCase {
        rule: "silo",
        severity: "warning",
        responsibility: Some("recruiting"),
        department: Some("hr"),
        message: "HR alone does, decides and hears about \"Recruiting on social\"",
        key: plain("accountable"),
    },
    RuleCase {
        rule: "overload",
        severity: "warning",
        responsibility: None,
        department: Some("marketing"),
        message: "Marketing is accountable for 3 responsibilities (the mean is 1.0 per department)",
        key: HEADER,
    },
    RuleCase {
        rule: "underfunded",
        severity: "warning",
        responsibility: Some("ads"),
        department: None,
        message: "has a budget of 120000 EUR but its funding covers only 110000.5 EUR",
        key: plain("funding"),
    },
    RuleCase {
        rule: "single-funder",
        severity: "info",
        responsibility: Some("tools"),
        department: Some("it"),
        message: "Only IT funds \"Tool selection\"",
        key: Key {
            line_starts: "funding",
            at: "it =",
            len: 2,
        },
    },
    RuleCase {
        rule: "absent",
        severity: "info",
        responsibility: None,
        department: Some("exec"),
        message: "Executive office holds no role anywhere",
        key: HEADER,
    },
];

fn rule_fixture(rule: &str) -> String {
    format!("tests/fixtures/rules/{rule}.toml")
}

impl RuleCase {
    fn exit_code(&self) -> i32 {
        i32::from(self.severity == "error")
    }

    fn strict_exit_code(&self) -> i32 {
        i32::from(self.severity != "info")
    }

    /// Where the text report must point: the header of the responsibility, else the department.
    fn expected_location(&self, text: &str) -> (usize, String) {
        match (self.responsibility, self.department) {
            (Some(id), _) => (
                header_line(text, "responsibility", id),
                format!("responsibility \"{id}\""),
            ),
            (None, Some(id)) => (
                header_line(text, "department", id),
                format!("department \"{id}\""),
            ),
            (None, None) => unreachable!("every rule names an item"),
        }
    }

    /// Where the JSON report must point: line, column, end line and end column of the key.
    fn expected_key(&self, text: &str) -> [usize; 4] {
        let (header, _) = self.expected_location(text);
        let lines: Vec<&str> = text.lines().collect();
        let (line, len) = if self.key.line_starts == "[[" {
            (header, lines[header - 1].chars().count())
        } else {
            let n = (header..lines.len())
                .find(|&n| lines[n].starts_with(self.key.line_starts))
                .unwrap_or_else(|| panic!("{}: no {} line", self.rule, self.key.line_starts));
            (n + 1, self.key.len)
        };
        let text_line = lines[line - 1];
        let byte = text_line.find(self.key.at).expect("the key on its line");
        let column = text_line[..byte].chars().count() + 1;
        [line, column, line, column + len]
    }
}

#[test]
fn every_rule_fixture_triggers_exactly_its_rule_in_text() {
    for case in &RULE_CASES {
        let path = rule_fixture(case.rule);
        let text = read(&path);
        let output = whoowns().args(["check", &path]).output().expect("runs");
        let stdout = utf8(&output.stdout);
        let stderr = utf8(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(case.exit_code()),
            "{}: wrong exit code\n{stdout}{stderr}",
            case.rule
        );
        assert!(stderr.is_empty(), "{}: stderr {stderr:?}", case.rule);

        let heading = format!("{}[{}]: ", case.severity, case.rule);
        let findings: Vec<&str> = stdout
            .lines()
            .filter(|l| !l.starts_with(' ') && l.contains("]: "))
            .collect();
        assert_eq!(findings.len(), 1, "{}: one finding\n{stdout}", case.rule);
        assert!(
            findings[0].starts_with(&heading) && findings[0].contains(case.message),
            "{}: expected {heading}... {:?}\n{stdout}",
            case.rule,
            case.message
        );

        let (line, item) = case.expected_location(&text);
        let location = format!("--> {path}:{line}:1 ({item})");
        let arrows: Vec<&str> = stdout.lines().filter(|l| l.contains("-->")).collect();
        assert_eq!(arrows.len(), 1, "{}: one location\n{stdout}", case.rule);
        assert_eq!(
            arrows[0].trim(),
            location,
            "{}: the location must point at the item's header line",
            case.rule
        );

        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let count = |s: &str| usize::from(case.severity == s);
        let summary = format!(
            "{path}: {}, {}, {} info",
            plural(count("error"), "error"),
            plural(count("warning"), "warning"),
            count("info")
        );
        assert!(
            stdout
                .trim_end()
                .lines()
                .last()
                .is_some_and(|l| l.starts_with(&summary)),
            "{}: expected summary {summary:?}\n{stdout}",
            case.rule
        );
    }
}

#[test]
fn every_rule_fixture_triggers_exactly_its_rule_in_json() {
    for case in &RULE_CASES {
        let path = rule_fixture(case.rule);
        let output = whoowns()
            .args(["check", "--format", "json", &path])
            .output()
            .expect("runs");
        assert_eq!(
            output.status.code(),
            Some(case.exit_code()),
            "{}",
            case.rule
        );
        assert!(output.stderr.is_empty(), "{}", case.rule);
        let report = file_report(&output.stdout);
        assert_eq!(
            keys(&report),
            ["file", "findings", "problems", "summary", "workspace"]
        );
        assert_eq!(report["problems"], Value::Array(Vec::new()));
        assert_eq!(
            report["workspace"],
            format!("Rule fixture: {}", case.rule),
            "the workspace name"
        );
        assert_eq!(keys(&report["summary"]), ["errors", "info", "warnings"]);
        for (key, severity) in [
            ("errors", "error"),
            ("warnings", "warning"),
            ("info", "info"),
        ] {
            assert_eq!(
                report["summary"][key].as_u64(),
                Some(u64::from(case.severity == severity)),
                "{}: summary.{key}",
                case.rule
            );
        }
        let findings = report["findings"].as_array().expect("findings is an array");
        assert_eq!(findings.len(), 1, "{}: {report:#}", case.rule);
        let finding = &findings[0];
        assert_eq!(
            keys(finding),
            [
                "column",
                "department",
                "end_column",
                "end_line",
                "line",
                "message",
                "responsibility",
                "rule",
                "severity"
            ]
        );
        let text = read(&path);
        let at = ["line", "column", "end_line", "end_column"].map(|k| {
            finding[k]
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or_else(|| panic!("{}: {k} is a number", case.rule))
        });
        assert_eq!(at, case.expected_key(&text), "{}: {finding}", case.rule);
        assert_eq!(finding["rule"], case.rule);
        assert_eq!(finding["severity"], case.severity);
        assert_eq!(
            finding["responsibility"],
            case.responsibility.map_or(Value::Null, Value::from),
            "{}",
            case.rule
        );
        assert_eq!(
            finding["department"],
            case.department.map_or(Value::Null, Value::from),
            "{}",
            case.rule
        );
        let message = finding["message"].as_str().expect("message is a string");
        assert!(message.contains(case.message), "{}: {message}", case.rule);
    }
}

#[test]
fn strict_fails_on_warnings_but_not_on_info() {
    for case in &RULE_CASES {
        for format in ["text", "json"] {
            let output = whoowns()
                .args(["check", "--strict", "--format", format])
                .arg(rule_fixture(case.rule))
                .output()
                .expect("runs");
            assert_eq!(
                output.status.code(),
                Some(case.strict_exit_code()),
                "{} --strict --format {format}",
                case.rule
            );
            assert!(!output.stdout.is_empty(), "the report is still printed");
        }
    }
}

#[test]
fn clean_workspace_has_no_findings() {
    let path = "tests/fixtures/clean.toml";
    whoowns()
        .args(["check", path])
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty())
        .stdout(predicate::str::diff(format!(
            "{path}: 0 errors, 0 warnings, 0 info (3 responsibilities, 3 departments)\n"
        )));
    whoowns().args(["check", "--strict", path]).assert().code(0);
    let output = whoowns()
        .args(["check", "--format", "json", path])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let report = file_report(&output.stdout);
    assert_eq!(report["workspace"], "Clean charter");
    assert_eq!(
        report["summary"],
        serde_json::json!({ "errors": 0, "warnings": 0, "info": 0 })
    );
    assert_eq!(report["findings"], serde_json::json!([]));
}

#[test]
fn rules_table_disables_and_raises_rules() {
    let path = "tests/fixtures/rules-config.toml";
    let text = read(path);
    // Without the [rules] table, this workspace has a no-doer and a silo warning.
    let defaults: String = text
        .lines()
        .filter(|l| {
            !l.starts_with("[rules]") && !l.starts_with("disable") && !l.starts_with("severity")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = dir.path().join("plain.toml");
    std::fs::write(&plain, &defaults).expect("write");
    let output = whoowns()
        .args(["check", "--format", "json"])
        .arg(&plain)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "warnings only");
    let report = file_report(&output.stdout);
    let rules: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().expect("rule"),
                f["severity"].as_str().expect("severity"),
            )
        })
        .collect();
    assert_eq!(rules, [("silo", "warning"), ("no-doer", "warning")]);

    // With it: no-doer is off and silo is an error, so check fails.
    let output = whoowns()
        .args(["check", "--format", "json", path])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "silo raised to an error");
    let report = file_report(&output.stdout);
    let findings = report["findings"].as_array().expect("array");
    assert_eq!(findings.len(), 1, "{report:#}");
    assert_eq!(findings[0]["rule"], "silo");
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(
        report["summary"],
        serde_json::json!({ "errors": 1, "warnings": 0, "info": 0 })
    );

    let line = header_line(&text, "responsibility", "recruiting");
    whoowns().args(["check", path]).assert().code(1).stdout(
        predicate::str::contains("error[silo]: HR alone does")
            .and(predicate::str::contains(format!("--> {path}:{line}:1")))
            .and(predicate::str::contains("no-doer").not())
            .and(predicate::str::contains("1 error, 0 warnings, 0 info")),
    );
}

// --- Colour ------------------------------------------------------------------------------------

const ESC: u8 = 0x1b;

#[test]
fn piped_output_never_has_colour() {
    // Even with a colour-capable TERM and CLICOLOR=1 (which only enables colour on a terminal).
    for args in [
        vec!["check", SAMPLE],
        vec!["check", "--strict", "tests/fixtures/clean.toml"],
        vec!["check", "--format", "json", SAMPLE],
        vec!["check", "tests/fixtures/invalid/many-problems.toml"],
        vec!["export", SAMPLE],
        vec!["--help"],
    ] {
        let output = whoowns()
            .env("TERM", "xterm-256color")
            .env("CLICOLOR", "1")
            .args(&args)
            .output()
            .expect("runs");
        assert!(!output.stdout.is_empty() || !output.stderr.is_empty());
        assert!(!output.stdout.contains(&ESC), "{args:?}: ESC on stdout");
        assert!(!output.stderr.contains(&ESC), "{args:?}: ESC on stderr");
    }
}

#[test]
fn no_color_wins_even_over_clicolor_force() {
    // The report does have styles: forcing colour shows them...
    let forced = whoowns()
        .env("CLICOLOR_FORCE", "1")
        .args(["check", SAMPLE])
        .output()
        .expect("runs");
    assert!(
        forced.stdout.contains(&ESC),
        "CLICOLOR_FORCE shows the styles"
    );
    // ...and NO_COLOR removes them all, forced or not.
    for force in [false, true] {
        let mut cmd = whoowns();
        cmd.env("NO_COLOR", "1");
        if force {
            cmd.env("CLICOLOR_FORCE", "1");
        }
        let output = cmd.args(["check", SAMPLE]).output().expect("runs");
        assert_eq!(output.status.code(), Some(1));
        assert!(!output.stdout.contains(&ESC), "NO_COLOR (force: {force})");
        assert!(!output.stderr.contains(&ESC));
    }
}

/// Runs `whoowns args` in a pseudo-terminal and returns everything it wrote.
fn run_in_terminal(args: &[&str], no_color: bool) -> Vec<u8> {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_whoowns"));
    command.args(args);
    command.cwd(ROOT);
    command.env("TERM", "xterm-256color");
    for key in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"] {
        command.env_remove(key);
    }
    if no_color {
        command.env("NO_COLOR", "1");
    }
    let mut child = pair.slave.spawn_command(command).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        // Ends at end of file, or with EIO once the child is gone.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        let _ = sender.send(all);
    });
    let status = child.wait().expect("wait");
    assert_eq!(status.exit_code(), 1, "the sample has error findings");
    drop(pair.master);
    receiver
        .recv_timeout(Duration::from_secs(20))
        .expect("the terminal output ends")
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    let coloured = run_in_terminal(&["check", SAMPLE], false);
    let text = String::from_utf8_lossy(&coloured);
    assert!(text.contains("hot-potato"), "{text}");
    assert!(coloured.contains(&ESC), "a terminal gets colour:\n{text}");
    let plain = run_in_terminal(&["check", SAMPLE], true);
    let text = String::from_utf8_lossy(&plain);
    assert!(text.contains("error[hot-potato]"), "{text}");
    assert!(!plain.contains(&ESC), "NO_COLOR on a terminal:\n{text}");
}

// --- Unusable input ----------------------------------------------------------------------------

struct InvalidCase {
    file: &'static str,
    /// The reported position: the first line holding `line_with`, at the column of `column_at`.
    line_with: &'static str,
    column_at: &'static str,
    /// Parts of the message: what is wrong, the item and what was expected.
    message: &'static [&'static str],
}

const INVALID_CASES: [InvalidCase; 23] = [
    InvalidCase {
        file: "syntax-unclosed-string.toml",
        line_with: "name = \"Acme social",
        column_at: "\n",
        message: &["invalid TOML", "expected `\"`"],
    },
    InvalidCase {
        file: "syntax-bad-header.toml",
        line_with: "[[department]",
        column_at: "\n",
        message: &["invalid TOML", "expected `]`"],
    },
    InvalidCase {
        file: "missing-version.toml",
        line_with: "[workspace]",
        column_at: "[",
        message: &["missing format version", "add `whoowns = 1` at the top"],
    },
    InvalidCase {
        file: "unsupported-version.toml",
        line_with: "whoowns = 2",
        column_at: "2",
        message: &["unsupported format version 2", "reads version 1"],
    },
    InvalidCase {
        file: "unknown-key-top-level.toml",
        line_with: "titel",
        column_at: "titel",
        message: &[
            "unknown key `titel` in the top level",
            "expected one of: whoowns, workspace, rules, department, responsibility, decision",
        ],
    },
    InvalidCase {
        file: "unknown-key-workspace.toml",
        line_with: "organisation",
        column_at: "organisation",
        message: &[
            "unknown key `organisation` in `[workspace]`",
            "did you mean `organization`?",
        ],
    },
    InvalidCase {
        file: "unknown-key-department.toml",
        line_with: "leed",
        column_at: "leed",
        message: &[
            "unknown key `leed` in department \"pr\"",
            "did you mean `lead`?",
            "expected one of: id, name, lead",
        ],
    },
    InvalidCase {
        file: "unknown-key-responsibility.toml",
        line_with: "acountable",
        column_at: "acountable",
        message: &[
            "unknown key `acountable` in responsibility \"crisis\"",
            "did you mean `accountable`?",
        ],
    },
    InvalidCase {
        file: "unknown-key-rules.toml",
        line_with: "max_acountable",
        column_at: "max_acountable",
        message: &[
            "unknown key `max_acountable` in `[rules]`",
            "did you mean `max_accountable`?",
        ],
    },
    InvalidCase {
        file: "missing-name.toml",
        line_with: "[[department]]",
        column_at: "[[",
        message: &["missing `name` in department \"pr\""],
    },
    InvalidCase {
        file: "empty-name.toml",
        line_with: "name = \"   \"",
        column_at: "\"",
        message: &["`name` in responsibility \"crisis\" must not be empty"],
    },
    InvalidCase {
        file: "malformed-id.toml",
        line_with: "PR Comms",
        column_at: "\"",
        message: &[
            "malformed id \"PR Comms\" in department",
            "ids are lowercase letters, digits, `-` and `_`",
        ],
    },
    InvalidCase {
        file: "duplicate-department.toml",
        line_with: "Public relations",
        column_at: "\n",
        message: &["duplicate department id `pr`: department #1 already uses it"],
    },
    InvalidCase {
        file: "duplicate-responsibility.toml",
        line_with: "Crisis response, again",
        column_at: "\n",
        message: &["duplicate responsibility id `crisis`: responsibility #1 already uses it"],
    },
    InvalidCase {
        file: "unknown-department-role.toml",
        line_with: "consulted",
        column_at: "\"lgeal\"",
        message: &["unknown department `lgeal` in `consulted` of responsibility \"crisis\""],
    },
    InvalidCase {
        file: "unknown-department-funding.toml",
        line_with: "funding",
        column_at: "ghost",
        message: &["unknown department `ghost` in `funding` of responsibility \"crisis\""],
    },
    InvalidCase {
        file: "unknown-department-claims.toml",
        line_with: "claims",
        column_at: "ghost",
        message: &["unknown department `ghost` in `claims` of responsibility \"crisis\""],
    },
    InvalidCase {
        file: "department-twice.toml",
        line_with: "responsible",
        column_at: "\"pr\"]",
        message: &["department `pr` is listed twice in `responsible` of responsibility \"crisis\""],
    },
    InvalidCase {
        file: "negative-budget.toml",
        line_with: "budget",
        column_at: "-5",
        message: &["`budget` in responsibility \"crisis\" must not be negative, found -5"],
    },
    InvalidCase {
        file: "negative-funding.toml",
        line_with: "funding",
        column_at: "-1.5",
        message: &["`funding.pr` in responsibility \"crisis\" must not be negative, found -1.5"],
    },
    InvalidCase {
        file: "unknown-decision-responsibility.toml",
        line_with: "crisis-response",
        column_at: "\"",
        message: &["unknown responsibility `crisis-response` in decision #1"],
    },
    InvalidCase {
        file: "bad-date.toml",
        line_with: "2026-02-30",
        column_at: "\"",
        message: &[
            "`date` in decision #2 must be a calendar date written YYYY-MM-DD, found \"2026-02-30\"",
        ],
    },
    InvalidCase {
        file: "wrong-type.toml",
        line_with: "accountable",
        column_at: "\"pr\"",
        message: &[
            "`accountable` in responsibility \"crisis\" must be a list of strings such as [\"a\", \"b\"], found a string",
        ],
    },
];

impl InvalidCase {
    fn path(&self) -> String {
        format!("tests/fixtures/invalid/{}", self.file)
    }

    /// The expected `line` and `column`. A `column_at` of "\n" means: for a syntax error, just
    /// past the end of the line holding `line_with`; otherwise the first column of the nearest
    /// `[[...]]` header above that line (duplicate ids point at the second item's header).
    fn expected(&self, text: &str) -> (usize, usize) {
        match self.column_at {
            "\n" if self.file.starts_with("syntax-") => {
                let (line, _) = position(text, self.line_with, self.line_with);
                let width = text.lines().nth(line - 1).expect("line").chars().count();
                (line, width + 1)
            }
            // Duplicates point at the header of the second item: the nearest header above.
            "\n" => (header_above(text, self.line_with), 1),
            column_at => position(text, self.line_with, column_at),
        }
    }
}

#[test]
fn invalid_fixtures_are_all_covered() {
    let mut on_disk: Vec<String> =
        std::fs::read_dir(Path::new(ROOT).join("tests/fixtures/invalid"))
            .expect("fixtures")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name != "many-problems.toml")
            .collect();
    on_disk.sort();
    let mut tested: Vec<String> = INVALID_CASES.iter().map(|c| c.file.to_owned()).collect();
    tested.sort();
    assert_eq!(on_disk, tested, "every invalid fixture has a case");
}

#[test]
fn each_invalid_fixture_is_explained_at_its_position() {
    for case in &INVALID_CASES {
        let path = case.path();
        let text = read(&path);
        let (line, column) = case.expected(&text);
        // JSON reports the problem on standard output, as one object (nothing on stderr).
        let output = whoowns()
            .args(["check", "--format", "json", &path])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{}", case.file);
        assert!(output.stderr.is_empty(), "{}", case.file);
        let report = file_report(&output.stdout);
        let problems = report["problems"].as_array().expect("problems");
        assert_eq!(problems.len(), 1, "{}: {report}", case.file);
        assert_eq!(problems[0]["line"], line, "{}", case.file);
        assert_eq!(problems[0]["column"], column, "{}", case.file);
        for part in case.message {
            let message = problems[0]["message"].as_str().expect("message");
            assert!(message.contains(part), "{}: {message}", case.file);
        }
        for args in [vec!["check"], vec!["check", "--strict"], vec!["export"]] {
            let output = whoowns().args(&args).arg(&path).output().expect("runs");
            let stderr = utf8(&output.stderr);
            let context = format!("{} ({args:?})", case.file);
            assert_eq!(output.status.code(), Some(2), "{context}:\n{stderr}");
            assert!(
                output.stdout.is_empty(),
                "{context}: stdout must stay empty"
            );
            assert_no_panic(stderr, &context);
            let location = format!("--> {path}:{line}:{column}\n");
            assert!(
                stderr.contains(&location),
                "{context}: expected {location:?} in\n{stderr}"
            );
            let errors: Vec<&str> = stderr
                .lines()
                .filter(|l| l.starts_with("error: "))
                .collect();
            assert_eq!(errors.len(), 1, "{context}: one problem\n{stderr}");
            for part in case.message {
                assert!(
                    errors[0].contains(part),
                    "{context}: expected {part:?} in {:?}",
                    errors[0]
                );
            }
            // The offending line is quoted under the location.
            let quoted = text.lines().nth(line - 1).expect("line");
            assert!(
                stderr.contains(&format!("{line} | {quoted}\n")),
                "{context}: the line is quoted\n{stderr}"
            );
            assert!(
                stderr.trim_end().ends_with(&format!(
                    "{path}: 1 problem found; the workspace was not loaded"
                )),
                "{context}:\n{stderr}"
            );
        }
    }
}

#[test]
fn many_problems_are_all_reported() {
    let path = "tests/fixtures/invalid/many-problems.toml";
    let text = read(path);
    let output = whoowns().args(["check", path]).output().expect("runs");
    let stderr = utf8(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_no_panic(stderr, path);
    // (message part, line holding, column at)
    let expected: [(&str, &str, &str); 10] = [
        ("missing `name` in `[workspace]`", "[workspace]", "["),
        (
            "unknown key `nmae` in `[workspace]`; did you mean `name`?",
            "nmae",
            "nmae",
        ),
        ("malformed id \"Bad Id\" in department", "Bad Id", "\""),
        (
            "`name` in department \"pr\" must not be empty",
            "name = \"\"",
            "\"",
        ),
        (
            "duplicate department id `pr`: department #2 already uses it",
            "PR again",
            "",
        ),
        (
            "unknown key `acountable` in responsibility \"crisis\"",
            "acountable",
            "acountable",
        ),
        ("unknown department `ghost` in `responsible`", "ghost", "\""),
        (
            "`budget` in responsibility \"crisis\" must not be negative, found -100",
            "budget",
            "-",
        ),
        (
            "calendar date written YYYY-MM-DD, found \"2026-13-01\"",
            "2026-13-01",
            "\"",
        ),
        (
            "unknown responsibility `nothing` in decision #1",
            "nothing",
            "\"",
        ),
    ];
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert!(
        errors.len() >= 5,
        "at least five problems reported:\n{stderr}"
    );
    assert_eq!(
        errors.len(),
        expected.len(),
        "every problem, once:\n{stderr}"
    );
    let mut last = 0;
    for (message, line_with, column_at) in expected {
        let (line, column) = if column_at.is_empty() {
            // The duplicate points at the header of the second item.
            (header_above(&text, line_with), 1)
        } else {
            position(&text, line_with, column_at)
        };
        let at = stderr
            .find(message)
            .unwrap_or_else(|| panic!("{message:?} not reported:\n{stderr}"));
        assert!(at >= last, "problems are listed in file order:\n{stderr}");
        last = at;
        let location = format!("--> {path}:{line}:{column}\n");
        let after = &stderr[at..];
        let next = after.find("--> ").expect("a location follows the message");
        assert!(
            after[next..].starts_with(&location[..]),
            "{message:?} should be at {location:?}:\n{stderr}"
        );
    }
    assert!(
        stderr.trim_end().ends_with(&format!(
            "{path}: 10 problems found; the workspace was not loaded"
        )),
        "{stderr}"
    );
}

#[test]
fn unreadable_paths_get_one_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let latin1 = dir.path().join("latin1.toml");
    // "Café" in Latin-1: its byte 0xE9 is not UTF-8.
    let bytes = b"whoowns = 1\n[workspace]\nname = \"Caf\xe9\"\n";
    let offset = bytes
        .iter()
        .position(|&b| b == 0xe9)
        .expect("the Latin-1 byte");
    std::fs::write(&latin1, bytes).expect("write");
    let missing = dir.path().join("no-such-file.toml");
    let cases: [(&Path, String); 3] = [
        (
            &latin1,
            format!(
                "{}: is not UTF-8 text (invalid byte at offset {offset})",
                latin1.display()
            ),
        ),
        (
            dir.path(),
            format!(
                "{}: is a directory, not a workspace file",
                dir.path().display()
            ),
        ),
        (&missing, format!("{}: cannot read: ", missing.display())),
    ];
    for (path, message) in &cases {
        for command in ["check", "export"] {
            let output = whoowns().arg(command).arg(path).output().expect("runs");
            let stderr = utf8(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{command} {}: {stderr}",
                path.display()
            );
            assert!(output.stdout.is_empty());
            assert_no_panic(stderr, &path.display().to_string());
            assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
            assert!(stderr.ends_with('\n'));
            assert!(
                stderr.starts_with(message.as_str()),
                "expected {message:?}, got {stderr:?}"
            );
        }
    }
}

#[test]
fn bad_command_lines_exit_2_without_panicking() {
    for args in [
        vec!["check"],
        vec!["check", SAMPLE, "--format", "yaml"],
        vec!["export", SAMPLE, "--date"],
        vec!["frobnicate", "x", "y"],
        vec!["init", "--no-such-flag"],
    ] {
        let output = whoowns().args(&args).output().expect("runs");
        let stderr = utf8(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("error:"), "{args:?}: {stderr}");
        assert!(
            stderr.contains("Usage") || stderr.contains("--help"),
            "{args:?}: points to the usage: {stderr}"
        );
        assert_no_panic(stderr, &format!("{args:?}"));
    }
}

// --- export ------------------------------------------------------------------------------------

#[test]
fn export_to_stdout_and_to_a_file_are_identical_and_deterministic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = whoowns().args(["export", SAMPLE]).output().expect("runs");
    assert_eq!(
        first.status.code(),
        Some(0),
        "error findings do not fail export"
    );
    assert!(first.stderr.is_empty(), "{}", utf8(&first.stderr));
    let second = whoowns().args(["export", SAMPLE]).output().expect("runs");
    assert_eq!(first.stdout, second.stdout, "two runs, same bytes");
    let markdown = utf8(&first.stdout);
    assert!(
        markdown.starts_with("# Acme social media charter\n"),
        "{markdown}"
    );
    assert!(markdown.ends_with('\n') && !markdown.ends_with("\n\n"));

    for flag in ["-o", "--output"] {
        let out = dir.path().join(format!("charter{flag}.md"));
        let written = whoowns()
            .args(["export", SAMPLE, flag])
            .arg(&out)
            .output()
            .expect("runs");
        assert_eq!(written.status.code(), Some(0));
        assert!(written.stdout.is_empty(), "nothing on stdout with {flag}");
        assert!(
            utf8(&written.stderr).contains(&out.display().to_string()),
            "says where it wrote"
        );
        assert_eq!(
            std::fs::read(&out).expect("written"),
            first.stdout,
            "{flag}"
        );
        // Writing again over the file gives the same bytes.
        whoowns()
            .args(["export", SAMPLE, flag])
            .arg(&out)
            .assert()
            .success();
        assert_eq!(std::fs::read(&out).expect("rewritten"), first.stdout);
    }
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("charter"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn export_date_must_be_a_calendar_date() {
    let without = whoowns().args(["export", SAMPLE]).output().expect("runs");
    assert!(!utf8(&without.stdout).contains("2026-11-23"));
    let with = whoowns()
        .args(["export", SAMPLE, "--date", "2026-11-23"])
        .output()
        .expect("runs");
    assert_eq!(with.status.code(), Some(0));
    assert!(utf8(&with.stdout).contains("2026-11-23"));
    assert_ne!(with.stdout, without.stdout);

    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("charter.md");
    for bad in ["2026-13-01", "2026-02-29", "23.11.2026", "2026-11-1", ""] {
        let output = whoowns()
            .args(["export", SAMPLE, "-o"])
            .arg(&out)
            .args(["--date", bad])
            .output()
            .expect("runs");
        let stderr = utf8(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "--date {bad:?}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "`{bad}` is not a calendar date written YYYY-MM-DD"
            )),
            "{stderr}"
        );
        assert!(output.stdout.is_empty());
        assert_no_panic(stderr, bad);
        assert!(!out.exists(), "nothing written for --date {bad:?}");
    }
    whoowns()
        .args(["export", SAMPLE, "--date", "2028-02-29"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2028-02-29"));
}

#[test]
fn export_lists_the_open_findings() {
    for case in &RULE_CASES {
        let output = whoowns()
            .args(["export", &rule_fixture(case.rule)])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0), "{}", case.rule);
        let markdown = utf8(&output.stdout);
        let row = format!("| {} | {} |", case.severity, case.rule);
        assert_eq!(
            markdown.matches(&row).count(),
            1,
            "{}: one findings row {row:?}\n{markdown}",
            case.rule
        );
        assert!(markdown.contains(case.message), "{}", case.rule);
    }
    whoowns()
        .args(["export", "tests/fixtures/clean.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "No open conflicts: the analysis found nothing left to resolve.",
        ));
}

// --- init --------------------------------------------------------------------------------------

#[test]
fn init_writes_the_sample_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("charter.toml");
    whoowns()
        .arg("init")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains(path.display().to_string()));
    assert_eq!(
        std::fs::read_to_string(&path).expect("written"),
        whoowns::SAMPLE_WORKSPACE
    );
    assert_eq!(
        whoowns::SAMPLE_WORKSPACE,
        read(SAMPLE),
        "the binary bundles assets/sample.toml"
    );

    // An existing file is kept as it is.
    std::fs::write(&path, "# my own charter\n").expect("write");
    let refused = whoowns().arg("init").arg(&path).output().expect("runs");
    let stderr = utf8(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("already exists") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    assert!(refused.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).expect("kept"),
        "# my own charter\n"
    );

    // --force replaces it.
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

    // The sample deliberately holds open errors: check fails with 1, export works.
    whoowns()
        .arg("check")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[hot-potato]"));
    whoowns()
        .arg("export")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# Acme social media charter"));
}

#[test]
fn init_into_a_directory_writes_whoowns_toml() {
    let dir = tempfile::tempdir().expect("tempdir");
    whoowns().arg("init").arg(dir.path()).assert().success();
    let inside = dir.path().join("whoowns.toml");
    assert_eq!(
        std::fs::read_to_string(&inside).expect("written"),
        whoowns::SAMPLE_WORKSPACE
    );
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        ["whoowns.schema.json", "whoowns.toml"],
        "the workspace and the schema its `#:schema` line names"
    );

    whoowns().arg("init").arg(dir.path()).assert().code(2);
    std::fs::write(&inside, "changed").expect("write");
    whoowns().arg("init").arg(dir.path()).assert().code(2);
    assert_eq!(std::fs::read_to_string(&inside).expect("kept"), "changed");
    whoowns()
        .arg("init")
        .arg(dir.path())
        .arg("--force")
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&inside).expect("replaced"),
        whoowns::SAMPLE_WORKSPACE
    );

    // Without a path: whoowns.toml in the current directory.
    let cwd = tempfile::tempdir().expect("tempdir");
    cargo_bin_cmd!("whoowns")
        .current_dir(cwd.path())
        .arg("init")
        .assert()
        .success();
    let default = cwd.path().join("whoowns.toml");
    assert_eq!(
        std::fs::read_to_string(&default).expect("written"),
        whoowns::SAMPLE_WORKSPACE
    );
    whoowns().arg("check").arg(&default).assert().code(1);
    whoowns().arg("export").arg(&default).assert().code(0);
}

// --- Help and version --------------------------------------------------------------------------

#[test]
fn help_and_version_succeed() {
    whoowns()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::diff(format!(
            "whoowns {}\n",
            env!("CARGO_PKG_VERSION")
        )));
    whoowns().arg("-V").assert().success();
    for help in ["--help", "-h"] {
        whoowns().arg(help).assert().success().stdout(
            predicate::str::contains("Usage: whoowns")
                .and(predicate::str::contains("check"))
                .and(predicate::str::contains("export"))
                .and(predicate::str::contains("init")),
        );
    }
    let subcommands: [(&str, &[&str]); 3] = [
        ("check", &["--format", "--strict", "json"]),
        ("export", &["--output", "--date", "YYYY-MM-DD"]),
        ("init", &["--force"]),
    ];
    for (command, mentions) in subcommands {
        for help in [vec![command, "--help"], vec!["help", command]] {
            let output = whoowns().args(&help).output().expect("runs");
            let stdout = utf8(&output.stdout);
            assert_eq!(output.status.code(), Some(0), "{help:?}");
            assert!(
                stdout.contains(&format!("Usage: whoowns {command}")),
                "{stdout}"
            );
            for mention in mentions {
                assert!(
                    stdout.contains(mention),
                    "{help:?} mentions {mention}:\n{stdout}"
                );
            }
        }
    }
}

// --- Snapshots of the bundled sample -----------------------------------------------------------

#[test]
fn snapshot_check_of_the_sample() {
    let output = whoowns()
        .env("NO_COLOR", "1")
        .args(["check", SAMPLE])
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "the sample holds error findings"
    );
    assert!(output.stderr.is_empty());
    insta::assert_snapshot!("check_sample", utf8(&output.stdout));
}

#[test]
fn snapshot_export_of_the_sample() {
    let output = whoowns().args(["export", SAMPLE]).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!("export_sample", utf8(&output.stdout));
}

#[test]
fn sample_file_and_bundled_sample_agree() {
    let path: PathBuf = Path::new(ROOT).join(SAMPLE);
    assert_eq!(
        std::fs::read_to_string(path).expect("sample"),
        whoowns::SAMPLE_WORKSPACE
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("evil.toml");
    let text = std::fs::read_to_string(Path::new("tests/fixtures/rules/hot-potato.toml"))
        .expect("fixture")
        .replace(
            "name = \"The CEO's account\"",
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
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        shown.contains("Evil␛]0;pwned"),
        "the name is shown, neutralised: {shown}"
    );
    assert!(!shown.contains('\u{9b}'));
}

#[test]
fn export_never_overwrites_the_workspace_itself() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ws.toml");
    std::fs::copy("assets/sample.toml", &path).expect("copy");
    let output = whoowns()
        .arg("export")
        .arg(&path)
        .arg("-o")
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is the workspace itself"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        whoowns::SAMPLE_WORKSPACE
    );
}

#[test]
fn absurd_amounts_are_refused_not_summed_to_infinity() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.toml");
    let text = std::fs::read_to_string("tests/fixtures/clean.toml").expect("fixture");
    let huge = text.replacen(
        "[[responsibility]]",
        "[[responsibility]]\nbudget = 1e308",
        1,
    );
    std::fs::write(&path, huge).expect("write");
    let output = whoowns().arg("check").arg(&path).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is too large"));
}
