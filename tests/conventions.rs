//! The command-line conventions other tools expect, through the real binary: `-` for standard
//! input, `--color`, `check --quiet`, JSON findings placed at the key at fault, and GitHub
//! annotations that name files from the repository root with their values encoded as GitHub
//! documents.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SAMPLE: &str = "assets/sample.toml";
const ESC: u8 = 0x1b;

/// The binary in `dir`, with no colour settings, GitHub variables or user directories of the
/// caller.
fn whoowns_in(dir: &Path) -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("whoowns");
    cmd.current_dir(dir)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join(".data"))
        .env("XDG_STATE_HOME", dir.join(".state"));
    for key in [
        "NO_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "GITHUB_WORKSPACE",
        "GITHUB_ACTIONS",
        "RUST_BACKTRACE",
    ] {
        cmd.env_remove(key);
    }
    cmd
}

fn whoowns() -> assert_cmd::Command {
    whoowns_in(Path::new(ROOT))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).expect("read")
}

// --- Standard input ----------------------------------------------------------------------------

#[test]
fn a_dash_reads_standard_input_for_check_export_diff_and_import() {
    let hot = read("tests/fixtures/rules/hot-potato.toml");
    // check: the report names `<stdin>`.
    let out = whoowns()
        .args(["check", "-"])
        .write_stdin(hot.clone())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    assert!(said.contains("error[hot-potato]"), "{said}");
    assert!(said.contains("--> <stdin>:"), "{said}");
    assert!(
        said.contains("<stdin>: 1 error, 0 warnings, 0 info"),
        "{said}"
    );
    // check, JSON: the same report as for the file, but for its name.
    let from_file = whoowns()
        .args([
            "check",
            "--format",
            "json",
            "tests/fixtures/rules/hot-potato.toml",
        ])
        .output()
        .expect("runs");
    let from_stdin = whoowns()
        .args(["check", "--format", "json", "-"])
        .write_stdin(hot.clone())
        .output()
        .expect("runs");
    let mut expected: Value = serde_json::from_slice(&from_file.stdout).expect("JSON");
    expected["files"][0]["file"] = "<stdin>".into();
    let got: Value = serde_json::from_slice(&from_stdin.stdout).expect("JSON");
    assert_eq!(got, expected);
    // check: an unusable standard input is explained at its position, as a file is.
    let out = whoowns()
        .args(["check", "-"])
        .write_stdin(read("tests/fixtures/invalid/bad-date.toml"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert!(said.contains("--> <stdin>:11:8"), "{said}");
    assert!(said.contains("<stdin>: 1 problem found"), "{said}");
    // export: the same charter as from the file.
    let sample = read(SAMPLE);
    let from_file = whoowns().args(["export", SAMPLE]).output().expect("runs");
    let from_stdin = whoowns()
        .args(["export", "-"])
        .write_stdin(sample.clone())
        .output()
        .expect("runs");
    assert_eq!(
        from_stdin.status.code(),
        Some(0),
        "{}",
        text(&from_stdin.stderr)
    );
    assert_eq!(from_stdin.stdout, from_file.stdout);
    let csv = whoowns()
        .args(["export", "--format", "csv", "-"])
        .write_stdin(sample.clone())
        .output()
        .expect("runs");
    assert_eq!(csv.status.code(), Some(0));
    // diff: either side may be standard input.
    let changed = sample.replacen("accountable = []", "accountable = [\"pr\"]", 1);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("after.toml"), &changed).expect("write");
    let after = dir.path().join("after.toml");
    for (before, later, input) in [
        (Path::new("-"), after.as_path(), sample.clone()),
        (Path::new(SAMPLE), Path::new("-"), changed.clone()),
    ] {
        let out = whoowns()
            .args(["diff", "--format", "json"])
            .arg(before)
            .arg(later)
            .write_stdin(input)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let changes: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert!(
            changes.to_string().contains("executive-presence"),
            "{changes}"
        );
    }
    // Standard input is read once: `-` twice is refused before anything is read.
    for args in [vec!["diff", "-", "-"], vec!["check", "-", "-"]] {
        let out = whoowns()
            .args(&args)
            .write_stdin(sample.clone())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains("`-` (standard input) can be given only once"),
            "{args:?}"
        );
    }
    // import: a spreadsheet on standard input.
    let out = whoowns()
        .args(["export", "--format", "csv", SAMPLE])
        .output()
        .expect("runs");
    let imported = whoowns()
        .args(["import", "-"])
        .write_stdin(out.stdout)
        .output()
        .expect("runs");
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        text(&imported.stderr)
    );
    let workspace = whoowns::workspace::parse(&text(&imported.stdout))
        .expect("the imported workspace loads")
        .workspace;
    assert_eq!(workspace.responsibilities.len(), 18);
}

#[test]
fn a_file_named_dash_is_written_dot_slash_dash() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("-"),
        read("tests/fixtures/rules/hot-potato.toml"),
    )
    .expect("write");
    let out = whoowns_in(dir.path())
        .args(["check", "./-"])
        .write_stdin("not toml at all [[[")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("./-: 1 error"));
}

// --- Colour ------------------------------------------------------------------------------------

#[test]
fn color_always_and_never_override_the_terminal_and_no_color() {
    // Into a pipe, under NO_COLOR: `always` still colours check and diff.
    let changed = read(SAMPLE).replacen("accountable = []", "accountable = [\"pr\"]", 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let after = dir.path().join("after.toml");
    std::fs::write(&after, changed).expect("write");
    let diff = |when: &str| {
        whoowns()
            .env("NO_COLOR", "1")
            .args(["diff", "--color", when, SAMPLE])
            .arg(&after)
            .output()
            .expect("runs")
    };
    let check = |when: &str| {
        whoowns()
            .env("NO_COLOR", "1")
            .args(["check", "--color", when, SAMPLE])
            .output()
            .expect("runs")
    };
    for out in [check("always"), diff("always")] {
        assert!(out.stdout.contains(&ESC), "{}", text(&out.stdout));
    }
    for out in [check("never"), diff("never"), check("auto"), diff("auto")] {
        assert!(!out.stdout.contains(&ESC), "{}", text(&out.stdout));
    }
    // CLICOLOR_FORCE is overridden by `never`.
    let out = whoowns()
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "--color", "never", SAMPLE])
        .output()
        .expect("runs");
    assert!(!out.stdout.contains(&ESC));
    // On a terminal: `never` is plain, the default colours.
    assert!(!run_in_terminal(&["check", "--color", "never", SAMPLE]).contains(&ESC));
    assert!(run_in_terminal(&["check", SAMPLE]).contains(&ESC));
    // Anything else is refused with the choices.
    let out = whoowns()
        .args(["check", "--color", "sometimes", SAMPLE])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert!(said.contains("auto") && said.contains("always") && said.contains("never"));
}

/// Runs `whoowns args` in a pseudo-terminal and returns everything it wrote.
fn run_in_terminal(args: &[&str]) -> Vec<u8> {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_whoowns"));
    command.args(args);
    command.cwd(ROOT);
    command.env("TERM", "xterm-256color");
    for key in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"] {
        command.env_remove(key);
    }
    let mut child = pair.slave.spawn_command(command).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = reader.read_to_end(&mut bytes);
        let _ = sender.send(bytes);
    });
    child.wait().expect("exits");
    drop(pair.master);
    receiver
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the output")
}

// --- Quiet -------------------------------------------------------------------------------------

#[test]
fn quiet_reports_only_what_fails_the_check() {
    // The sample: 5 errors, 9 warnings, 2 info. Quiet shows the errors alone, no summary.
    let out = whoowns()
        .args(["check", "-q", SAMPLE])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    let headings: Vec<&str> = said.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(headings.len(), 5, "{said}");
    assert!(headings.iter().all(|l| l.starts_with("error[")), "{said}");
    assert!(!said.contains("5 errors"), "no summary: {said}");
    // With --strict the warnings fail too, so they are shown; info never is.
    let out = whoowns()
        .args(["check", "--quiet", "--strict", SAMPLE])
        .output()
        .expect("runs");
    let said = text(&out.stdout);
    let headings: Vec<&str> = said.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(headings.len(), 14, "{said}");
    assert!(!said.contains("info["), "{said}");
    // A passing check says nothing at all.
    for path in [
        "tests/fixtures/clean.toml",
        "tests/fixtures/rules/no-doer.toml",
    ] {
        let out = whoowns()
            .args(["check", "-q", path])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{path}");
        assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{path}");
    }
    // JSON and GitHub formats keep to the failing findings too; the summary still counts all.
    let out = whoowns()
        .args(["check", "-q", "--format", "json", SAMPLE])
        .output()
        .expect("runs");
    let document: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let report = &document["files"][0];
    assert_eq!(report["findings"].as_array().map(Vec::len), Some(5));
    assert_eq!(report["summary"]["warnings"], 9);
    let out = whoowns()
        .args(["check", "-q", "--format", "github", SAMPLE])
        .output()
        .expect("runs");
    let said = text(&out.stdout);
    assert_eq!(said.lines().count(), 5, "{said}");
    assert!(said.lines().all(|l| l.starts_with("::error ")), "{said}");
    // An unusable file is still explained.
    let out = whoowns()
        .args(["check", "-q", "tests/fixtures/invalid/bad-date.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("calendar date"));
}

// --- JSON locations ----------------------------------------------------------------------------

/// The 1-based line and column of the `nth` (0-based) occurrence of `needle` in `text`.
fn at(text: &str, needle: &str, nth: usize) -> (u64, u64) {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} is not in the text"))
        .0;
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |n| n + 1)..]
        .chars()
        .count()
        + 1;
    (line as u64, column as u64)
}

#[test]
fn json_findings_point_at_the_key_at_fault_in_every_toml_spelling() {
    // Dotted keys, a claims sub-table, CRLF line endings and wide characters before the key.
    let workspace = "whoowns = 1\r\n\
        [workspace]\r\nname = \"Ünïcödé\"\r\ncurrency = \"EUR\"\r\n\
        [[department]]\r\nid = \"pr\"\r\nname = \"PR\"\r\n\
        [[department]]\r\nid = \"it\"\r\nname = \"IT\"\r\n\
        [[department]]\r\nid = \"exec\"\r\nname = \"Exec\"\r\n\
        [[responsibility]]\r\nid = \"a\"\r\nname = \"Ä\"\r\n\
        accountable = [\"pr\", \"it\"]\r\nresponsible = [\"pr\"]\r\n\
        \"tie_breaker\" = \"  \"\r\n\
        [[responsibility]]\r\nid = \"b\"\r\nname = \"B\"\r\n\
        accountable = [\"it\"]\r\nresponsible = [\"it\"]\r\nconsulted = [\"pr\"]\r\n\
        budget = 100\r\nfunding.it = 100\r\n\
        [responsibility.claims]\r\nété = 1\r\npr = \"Ours.\"\r\n";
    // `été = 1` would be refused (unknown department): keep the claim table valid.
    let workspace = workspace.replace("été = 1\r\n", "");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("w.toml"), &workspace).expect("write");
    let out = whoowns_in(dir.path())
        .args(["check", "--format", "json", "w.toml"])
        .output()
        .expect("runs");
    let document: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let findings = document["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .clone();
    let place = |rule: &str| {
        let f = findings
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule}: {findings:?}"));
        (
            (
                f["line"].as_u64().expect("line"),
                f["column"].as_u64().expect("column"),
            ),
            (
                f["end_line"].as_u64().expect("end"),
                f["end_column"].as_u64().expect("end"),
            ),
        )
    };
    let span = |needle: &str, nth: usize, len: u64| {
        let (line, column) = at(&workspace, needle, nth);
        ((line, column), (line, column + len))
    };
    // A quoted key: the span covers the quotes.
    assert_eq!(place("contested"), span("\"tie_breaker\"", 0, 13));
    // A dotted key names the department: the span is the department's part of it.
    assert_eq!(place("single-funder"), span("it = 100", 0, 2));
    // A claim in a sub-table of the responsibility.
    assert_eq!(place("unresolved-claim"), span("pr = \"Ours.\"", 0, 2));
    // About a department as a whole: its header, whole.
    assert_eq!(place("absent"), span("[[department]]", 2, 14));
}

// --- GitHub annotations ------------------------------------------------------------------------

/// A git repository with the hot-potato fixture at `docs/social/whoowns.toml`.
fn git_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let ok = Process::new("git")
        .args(["init", "-q"])
        .current_dir(dir.path())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        // Without git, a `.git` directory is what the top level is found by.
        std::fs::create_dir(dir.path().join(".git")).expect(".git");
    }
    std::fs::create_dir_all(dir.path().join("docs/social")).expect("dirs");
    std::fs::write(
        dir.path().join("docs/social/whoowns.toml"),
        read("tests/fixtures/rules/hot-potato.toml"),
    )
    .expect("write");
    dir
}

fn annotations(dir: &Path, args: &[&str], workspace: Option<&Path>) -> String {
    let mut cmd = whoowns_in(dir);
    cmd.env("GITHUB_ACTIONS", "true")
        .args(["check", "--format", "github"])
        .args(args);
    if let Some(root) = workspace {
        cmd.env("GITHUB_WORKSPACE", root);
    }
    let out = cmd.output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn github_annotations_name_files_from_the_repository_root() {
    let repo = git_repository();
    let root = repo.path();
    let expected = "::error file=docs/social/whoowns.toml,line=24,col=1,endLine=24,endColumn=12,title=hot-potato::";
    // From the top level, from the file's own directory and from an unrelated subdirectory:
    // always named from the root of the git repository.
    std::fs::create_dir(root.join("src")).expect("dir");
    for (dir, arg) in [
        (root.to_path_buf(), "docs/social/whoowns.toml"),
        (root.join("docs/social"), "whoowns.toml"),
        (root.join("docs"), "./social/../social/whoowns.toml"),
        (root.join("src"), "../docs/social/whoowns.toml"),
    ] {
        let said = annotations(&dir, &[arg], None);
        assert!(said.starts_with(expected), "from {}: {said}", dir.display());
    }
    // GITHUB_WORKSPACE wins over the git top level (a checkout into a subdirectory).
    let said = annotations(
        &root.join("docs/social"),
        &["whoowns.toml"],
        Some(&root.join("docs")),
    );
    assert!(
        said.starts_with("::error file=social/whoowns.toml,"),
        "{said}"
    );
    // An absolute path inside the root is named from the root too.
    let absolute = root.join("docs/social/whoowns.toml");
    let said = annotations(
        Path::new(ROOT),
        &[absolute.to_str().expect("UTF-8 path")],
        Some(root),
    );
    assert!(said.starts_with(expected), "{said}");
    // A file outside the root keeps the path it was given.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let said = annotations(
        elsewhere.path(),
        &[absolute.to_str().expect("UTF-8 path")],
        Some(&root.join("src")),
    );
    assert!(
        said.starts_with(&format!("::error file={},", absolute.display())),
        "{said}"
    );
}

#[test]
fn github_annotation_values_are_encoded_as_github_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join(".git")).expect(".git");
    // A file name with `,` and `:` (property separators), a message with `%`, CR and LF.
    let name = "a,b:c.toml";
    std::fs::write(
        dir.path().join(name),
        "whoowns = 1\n[workspace]\nname = \"x\"\n[[department]]\nid = \"pr\"\nname = \"PR\"\n\
         [[responsibility]]\nid = \"r\"\nname = \"100% sure\\r\\nreally\\nyes\"\nresponsible = [\"pr\"]\n",
    )
    .expect("write");
    let said = annotations(dir.path(), &[name], None);
    let line = said
        .lines()
        .find(|l| l.contains("hot-potato"))
        .unwrap_or_else(|| panic!("{said}"));
    assert!(
        line.starts_with("::error file=a%2Cb%3Ac.toml,line="),
        "{line}"
    );
    assert!(line.contains("\"100%25 sure%0D%0Areally%0Ayes\""), "{line}");
    assert!(!said.contains('\r'), "{said:?}");
    assert_eq!(
        said.lines().count(),
        said.matches("::").count() / 2,
        "{said}"
    );
    // An unusable file: the problem at its span, its message encoded the same way.
    std::fs::write(
        dir.path().join("bad.toml"),
        "whoowns = 1\n[workspace]\nname = 5\n",
    )
    .expect("write");
    let out = whoowns_in(dir.path())
        .args(["check", "--format", "github", "bad.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stdout);
    assert!(
        said.starts_with(
            "::error file=bad.toml,line=3,col=8,endLine=3,endColumn=9,title=unusable workspace::"
        ),
        "{said}"
    );
}

#[test]
fn json_findings_name_the_role_lists_of_the_workspace_model() {
    // RAPID: the role that answers is `decide`; a hot potato points at its empty list.
    let path = "tests/fixtures/models/rapid.toml";
    let text = read(path);
    let out = whoowns()
        .args(["check", "--format", "json", path])
        .output()
        .expect("runs");
    let document: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let findings = document["files"][0]["findings"]
        .as_array()
        .expect("findings");
    let hot = findings
        .iter()
        .find(|f| f["rule"] == "hot-potato")
        .unwrap_or_else(|| panic!("{findings:?}"));
    let header = text
        .find("id = \"promo-calendar\"")
        .expect("the responsibility");
    let key = header + text[header..].find("decide = []").expect("its decide list");
    let line = text[..key].matches('\n').count() + 1;
    assert_eq!(hot["line"], line, "{hot}");
    assert_eq!(hot["column"], 1);
    assert_eq!(hot["end_column"], 1 + "decide".len());
}
