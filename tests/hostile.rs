//! Untrusted text and closed pipes through the real binary: escape sequences in file names,
//! invisible and bidi characters in workspaces, runaway diagnostics and `| head -1`.

use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin_cmd;

const WS: &str = r#"whoowns = 1
[workspace]
name = "Acme"
[[department]]
id = "pr"
name = "P\u009b31mR\u202e\u200b\u061c"
lead = "ana.ruiz@acme.example"
[[responsibility]]
id = "crisis"
name = "Crisis\u2067 response\u200d"
accountable = ["pr"]
responsible = ["pr"]
"#;

fn whoowns() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("whoowns");
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// No character a terminal could act on, and no invisible or bidi character.
fn assert_clean(text: &str, what: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && whoowns::text::is_unsafe_char(c))
        .collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}:\n{text}");
}

#[test]
fn an_escape_sequence_in_a_file_name_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let evil = dir.path().join("p\u{1b}]0;X\u{7}.toml");
    // Missing file, then an invalid one, then a valid one through check, export and init.
    let missing = whoowns().arg("check").arg(&evil).output().expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert_clean(&String::from_utf8_lossy(&missing.stderr), "check stderr");
    std::fs::write(&evil, "whoowns = 1\n[workspace]\nnmae = 1\n").expect("write");
    for args in [vec!["check"], vec![]] {
        let out = whoowns().args(&args).arg(&evil).output().expect("runs");
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("␛]0;X"), "{stderr}");
        assert_clean(&stderr, "load error");
    }
    std::fs::write(&evil, WS).expect("write");
    let out = whoowns()
        .arg("export")
        .arg(&evil)
        .arg("-o")
        .arg(dir.path().join("c\u{1b}[2J.md"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    assert_clean(&String::from_utf8_lossy(&out.stderr), "export stderr");
    let out = whoowns()
        .arg("init")
        .arg(dir.path().join("n\u{9b}1m.toml"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    assert_clean(&String::from_utf8_lossy(&out.stdout), "init stdout");
    let out = whoowns()
        .args(["export", "x.toml", "--date", "\u{1b}]0;T\u{7}"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_clean(&String::from_utf8_lossy(&out.stderr), "argument error");
}

#[test]
fn reports_and_the_charter_show_no_invisible_or_bidi_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    std::fs::write(&path, WS).expect("write");
    let text = whoowns().arg("check").arg(&path).output().expect("runs");
    assert_clean(&String::from_utf8_lossy(&text.stdout), "text report");
    let json = whoowns()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    let out = String::from_utf8(json.stdout).expect("utf-8");
    assert_clean(&out, "JSON report");
    assert!(out.contains("\\u009b") || out.contains("\\u202e"), "{out}");
    // Still valid JSON meaning the same text.
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert!(value.to_string().contains("Crisis"));
    let charter = whoowns().arg("export").arg(&path).output().expect("runs");
    let md = String::from_utf8(charter.stdout).expect("utf-8");
    assert_clean(&md, "charter");
    assert!(md.contains("Crisis response"), "{md}");
    // The address stays literal text: nothing right before its `@` a renderer could link.
    let at = md
        .find("\\@acme.example")
        .expect("the lead's address is in the charter");
    assert!(
        md[..at].ends_with("ana.ruiz<!-- -->"),
        "{}",
        &md[at - 20..at + 20]
    );
}

#[test]
fn runaway_diagnostics_are_capped_and_numbers_too_large_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big.toml");
    let mut text = String::from("whoowns = 1\n");
    for i in 0..20_000 {
        text.push_str(&format!("[[department]]\nid = \"d{i}\"\nnmae = \"x\"\n"));
    }
    std::fs::write(&big, &text).expect("write");
    let out = whoowns().arg("check").arg(&big).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.len() < 10_000,
        "{} bytes of diagnostics",
        stderr.len()
    );
    assert!(stderr.contains("more problems not shown"), "{stderr}");
    let huge = dir.path().join("huge.toml");
    std::fs::write(
        &huge,
        "whoowns = 1\n[workspace]\nname = \"x\"\n[rules]\nmax_accountable = 99999999999999999999\n[[responsibility]]\nid = \"r\"\nname = \"R\"\nbudget = 999999999999999999999999\n",
    )
    .expect("write");
    let out = whoowns().arg("check").arg(&huge).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("too large").count(), 2, "{stderr}");
    assert!(!stderr.contains("at least 0"), "{stderr}");
}

/// Runs the binary with standard error (and output) going into a pipe nobody reads any more,
/// as `whoowns bad.toml 2>&1 | head -1` does once `head` has its line.
fn run_into_closed_pipe(args: &[&str], dir: &Path) -> std::process::ExitStatus {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_whoowns"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(writer.try_clone().expect("clone"))
        .stderr(writer)
        .status()
        .expect("runs")
}

#[test]
fn a_closed_pipe_never_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("bad.toml"), "whoowns = 1\n[[[\n").expect("write");
    std::fs::write(dir.path().join("w.toml"), WS).expect("write");
    for args in [
        vec!["bad.toml"],
        vec!["check", "bad.toml"],
        vec!["check", "w.toml"],
        vec!["check", "--format", "json", "w.toml"],
        vec!["export", "w.toml"],
        vec!["export", "missing.toml"],
        vec!["init", "new.toml"],
        vec!["init", "new.toml"],
        vec!["--help"],
        vec!["--version"],
        vec!["check", "--format", "yaml", "w.toml"],
    ] {
        let status = run_into_closed_pipe(&args, dir.path());
        assert_ne!(status.code(), Some(101), "whoowns {args:?} panicked");
        assert!(status.code().is_some(), "whoowns {args:?} died by a signal");
    }
}
