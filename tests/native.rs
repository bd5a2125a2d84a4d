//! whoowns in git, editors and CI, through the real binary: discovery of `whoowns.toml`, every
//! format of `check` on valid and unusable input, friendlier input errors, templates, shell
//! completions and the manual page.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The binary in `dir`, with no colour and no user directories of the caller.
fn whoowns_in(dir: &Path) -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("whoowns");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join(".data"))
        .env("XDG_STATE_HOME", dir.join(".state"));
    cmd
}

fn whoowns() -> assert_cmd::Command {
    whoowns_in(Path::new(ROOT))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// The one file's report in `check --format json` output: the document is
/// `{"version": 1, "files": [report]}` for one file as for many.
fn only_file(bytes: &[u8]) -> Value {
    let document: Value = serde_json::from_slice(bytes).expect("one JSON document");
    assert_eq!(document["version"], 1, "{document}");
    let files = document["files"].as_array().expect("files");
    assert_eq!(files.len(), 1, "{document}");
    files[0].clone()
}

/// A repository (`.git`) holding `whoowns.toml` (the sample) and a nested `docs/social`.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join(".git")).expect(".git");
    std::fs::create_dir_all(dir.path().join("docs/social")).expect("dirs");
    std::fs::write(dir.path().join("whoowns.toml"), whoowns::SAMPLE_WORKSPACE).expect("write");
    dir
}

#[test]
fn check_and_export_find_the_workspace_from_a_nested_directory() {
    let repo = repository();
    let nested = repo.path().join("docs/social");
    let out = whoowns_in(&nested).arg("check").output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "the sample has errors");
    let report = text(&out.stdout);
    assert!(
        report.contains("--> ../../whoowns.toml:84:1 (responsibility \"executive-presence\")"),
        "{report}"
    );
    let out = whoowns_in(&nested).arg("export").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("# Acme social media charter"));
    // The search stops at the repository root: a workspace above it is never used.
    let outer = tempfile::tempdir().expect("tempdir");
    std::fs::write(outer.path().join("whoowns.toml"), whoowns::SAMPLE_WORKSPACE).expect("write");
    let inner = outer.path().join("project");
    std::fs::create_dir_all(inner.join(".git")).expect(".git");
    let out = whoowns_in(&inner).arg("check").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert!(
        said.contains("no whoowns.toml in this directory or its parents"),
        "{said}"
    );
    assert!(said.contains("whoowns init"), "{said}");
}

#[test]
fn check_json_reports_unusable_input_as_one_object_with_locations() {
    let out = whoowns()
        .args([
            "check",
            "--format",
            "json",
            "tests/fixtures/invalid/unknown-key-workspace.toml",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let report = only_file(&out.stdout);
    assert_eq!(report["workspace"], Value::Null);
    assert_eq!(
        report["file"],
        "tests/fixtures/invalid/unknown-key-workspace.toml"
    );
    let problem = &report["problems"][0];
    assert!(
        problem["message"]
            .as_str()
            .expect("message")
            .contains("did you mean `organization`?"),
        "{report}"
    );
    let fixture = std::fs::read_to_string(
        Path::new(ROOT).join("tests/fixtures/invalid/unknown-key-workspace.toml"),
    )
    .expect("read");
    let line = fixture
        .lines()
        .position(|l| l.contains("organisation"))
        .expect("line")
        + 1;
    assert_eq!(problem["line"], line);
    assert_eq!(problem["column"], 1);
    assert_eq!(problem["end_column"], 1 + "organisation".len());
    // A file that cannot be read at all: a problem without a position.
    let out = whoowns()
        .args(["check", "--format", "json", "no/such/file.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let report = only_file(&out.stdout);
    assert_eq!(report["problems"][0]["line"], Value::Null);
    assert!(
        report["problems"][0]["message"]
            .as_str()
            .expect("message")
            .contains("cannot read"),
        "{report}"
    );
}

#[test]
fn check_several_files_in_every_format() {
    let files = [
        "tests/fixtures/clean.toml",
        "tests/fixtures/rules/hot-potato.toml",
        "tests/fixtures/invalid/missing-name.toml",
    ];
    // Text: each file's report; the unusable one explained on standard error; exit 2 wins.
    let out = whoowns().arg("check").args(files).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("tests/fixtures/clean.toml: 0 errors"),
        "{stdout}"
    );
    assert!(stdout.contains("error[hot-potato]"), "{stdout}");
    assert!(text(&out.stderr).contains("missing `name` in department \"pr\""));
    // Valid files only: exit 1 for the error finding.
    let out = whoowns()
        .arg("check")
        .args(&files[..2])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    // JSON: the same document as for one file, one report per file in order.
    let out = whoowns()
        .args(["check", "--format", "json"])
        .args(files)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let document: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(document["version"], 1);
    let reports = document["files"].as_array().expect("an array");
    assert_eq!(reports.len(), 3);
    for (report, file) in reports.iter().zip(files) {
        assert_eq!(report["file"], file);
    }
    assert_eq!(reports[0]["summary"]["errors"], 0);
    assert_eq!(reports[1]["findings"][0]["rule"], "hot-potato");
    assert_eq!(reports[2]["workspace"], Value::Null);
    assert!(
        !reports[2]["problems"]
            .as_array()
            .expect("problems")
            .is_empty()
    );
    // GitHub: one workflow command per finding or problem, each at a position.
    let out = whoowns()
        .args(["check", "--format", "github"])
        .args(files)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let lines = text(&out.stdout);
    let hot = std::fs::read_to_string(Path::new(ROOT).join(files[1])).expect("read");
    let prefix = "::error file=tests/fixtures/rules/hot-potato.toml,line=";
    let annotation = lines
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("{lines}"));
    let line: usize = annotation[prefix.len()..]
        .split(',')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a line number");
    // At the key at fault: the empty `accountable` list.
    assert_eq!(
        hot.lines().nth(line - 1),
        Some("accountable = []"),
        "{annotation}"
    );
    assert!(
        annotation.contains(",col=1,endLine=")
            && annotation.contains(",title=hot-potato::Nobody is accountable for"),
        "{annotation}"
    );
    assert!(
        lines.lines().any(|l| l
            .starts_with("::error file=tests/fixtures/invalid/missing-name.toml,line=")
            && l.contains("title=unusable workspace::missing `name`")),
        "{lines}"
    );
    assert!(lines.lines().all(|l| l.starts_with("::")), "{lines}");
}

#[test]
fn github_annotations_use_warning_and_notice_and_escape_messages() {
    let out = whoowns()
        .args(["check", "--format", "github", "assets/sample.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let lines = text(&out.stdout);
    assert!(
        lines.contains("::warning file=assets/sample.toml,line="),
        "{lines}"
    );
    assert!(
        lines.contains("::notice file=assets/sample.toml,line="),
        "{lines}"
    );
    assert_eq!(lines.lines().count(), 16, "one line per finding: {lines}");
    // Hostile text: escapes never pass raw; `%` and line breaks are encoded as GitHub documents.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hostile.toml");
    std::fs::write(
        &path,
        "whoowns = 1\n[workspace]\nname = \"x\"\n[[department]]\nid = \"pr\"\nname = \"PR\"\n\
         [[responsibility]]\nid = \"r\"\nname = \"100% \\u001b[31mred\\nnext\"\nresponsible = [\"pr\"]\n",
    )
    .expect("write");
    let out = whoowns_in(dir.path())
        .args(["check", "--format", "github", "hostile.toml"])
        .output()
        .expect("runs");
    let lines = text(&out.stdout);
    assert!(!lines.contains('\u{1b}'), "{lines:?}");
    assert!(lines.contains("100%25 ␛[31mred%0Anext"), "{lines}");
    assert!(lines.lines().all(|l| l.starts_with("::")), "{lines}");
}

#[test]
fn a_mistyped_subcommand_is_called_one() {
    let out = whoowns().args(["chek", "f.toml"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert!(
        said.contains("unrecognized subcommand `chek`; did you mean `check`?"),
        "{said}"
    );
    assert!(!said.contains("[FILE]"), "{said}");
    let out = whoowns().args(["exprot"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("did you mean `export`?"));
}

#[test]
fn unknown_ids_get_a_did_you_mean_and_a_malformed_id_is_reported_once() {
    let out = whoowns()
        .args(["check", "tests/fixtures/friendly/invalid/typos.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    for expected in [
        "unknown department `marketting` in `accountable` of responsibility \"brand\"; did you mean `marketing`?",
        "unknown department `Legal & Compliance` in `consulted` of responsibility \"brand\"; did you mean `legal`?",
        "unknown department `lgeal` in `funding` of responsibility \"brand\"; did you mean `legal`?",
        "unknown responsibility `brand-vioce` in decision #1; did you mean `brand-voice`?",
    ] {
        assert!(said.contains(expected), "{expected}\n{said}");
    }
    // One malformed id, referred to in its intended spelling all over the file: one problem.
    let out = whoowns()
        .args([
            "check",
            "--format",
            "json",
            "tests/fixtures/friendly/invalid/malformed-referenced.toml",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let report = only_file(&out.stdout);
    let problems = report["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{report}");
    assert!(
        problems[0]["message"]
            .as_str()
            .expect("message")
            .contains("malformed id \"Social Team\" in department \"Social Team\""),
        "{report}"
    );
    assert!(
        problems[0]["message"]
            .as_str()
            .expect("message")
            .contains("(such as `social-team`)")
    );
}

#[test]
fn init_writes_each_template_with_its_schema() {
    for (template, departments, responsibilities) in
        [("sample", 8, 18), ("blank", 8, 0), ("minimal", 2, 1)]
    {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = whoowns_in(dir.path())
            .args(["init", "--template", template])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let written = std::fs::read_to_string(dir.path().join("whoowns.toml")).expect("read");
        assert!(
            written.starts_with("#:schema ./whoowns.schema.json\n"),
            "{template}"
        );
        let loaded = whoowns::workspace::parse(&written)
            .expect("valid")
            .workspace;
        assert_eq!(loaded.departments.len(), departments, "{template}");
        assert_eq!(
            loaded.responsibilities.len(),
            responsibilities,
            "{template}"
        );
        let schema =
            std::fs::read_to_string(dir.path().join("whoowns.schema.json")).expect("schema");
        assert_eq!(schema, whoowns::schema::text());
        // Found from here without a path.
        let out = whoowns_in(dir.path())
            .args(["check", "--format", "json"])
            .output()
            .expect("runs");
        let report = only_file(&out.stdout);
        assert_eq!(report["file"], "whoowns.toml");
        if template == "minimal" {
            assert_eq!(report["findings"], Value::Array(Vec::new()), "{report}");
            assert_eq!(out.status.code(), Some(0));
        }
    }
    let out = whoowns()
        .args(["init", "--template", "empty"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("sample, blank, minimal"));
}

#[test]
fn the_printed_schema_is_the_shipped_one() {
    let out = whoowns().arg("schema").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let shipped = std::fs::read(Path::new(ROOT).join("assets/whoowns.schema.json")).expect("read");
    assert_eq!(out.stdout, shipped);
}

#[test]
fn completions_parse_in_their_shells() {
    for (shell, checker, args) in [
        ("bash", "bash", &["-n"][..]),
        ("zsh", "zsh", &["-n"][..]),
        ("fish", "fish", &["--no-execute"][..]),
    ] {
        let out = whoowns()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        for command in ["check", "export", "import", "schema", "completions", "man"] {
            assert!(script.contains(command), "{shell} completes {command}");
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(format!("whoowns.{shell}"));
        std::fs::write(&path, &script).expect("write");
        match Process::new(checker).args(args).arg(&path).output() {
            Ok(parsed) => assert!(
                parsed.status.success(),
                "{shell} cannot parse its completions: {}",
                text(&parsed.stderr)
            ),
            // bash is always there; `.ci/run` installs zsh and fish.
            Err(e) if shell != "bash" && std::env::var_os("CI").is_none() => {
                eprintln!("{checker} is not installed ({e}); its completions were not parsed");
            }
            Err(e) => panic!("cannot run {checker}: {e}"),
        }
    }
}

#[test]
fn the_manual_page_renders() {
    let out = whoowns().arg("man").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let page = text(&out.stdout);
    assert!(page.starts_with(".TH WHOOWNS 1 "), "{page}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
    ] {
        assert!(
            page.contains(&format!("\n{section}\n")),
            "{section} in\n{page}"
        );
    }
    // Every subcommand is a section of this page, with every option it takes.
    use clap::CommandFactory;
    for sub in whoowns::cli::Cli::command().get_subcommands() {
        let name = sub.get_name();
        assert!(
            page.contains(&format!(".SS \"whoowns {name}")),
            "no section for {name}"
        );
        for arg in sub.get_arguments() {
            if let Some(long) = arg.get_long() {
                let spelled = format!("\\fB\\-\\-{}\\fR", long.replace('-', "\\-"));
                assert!(page.contains(&spelled), "{name} --{long}");
            }
        }
    }
    for variable in [
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "GITHUB_WORKSPACE",
        "XDG_CONFIG_HOME",
    ] {
        assert!(page.contains(&format!(".B {variable}\n")), "{variable}");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("whoowns.1");
    std::fs::write(&path, &page).expect("write");
    // groff in warning mode: the roff is well-formed.
    match Process::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&path)
        .output()
    {
        Ok(checked) => assert!(
            checked.status.success() && checked.stderr.is_empty(),
            "groff: {}",
            text(&checked.stderr)
        ),
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("groff is not installed ({e}); the roff was checked by its sections only");
        }
        Err(e) => panic!("cannot run groff: {e}"),
    }
    let rendered = Process::new("groff")
        .args(["-man", "-Tascii", "-P", "-c", "-P", "-b", "-P", "-u"])
        .arg(&path)
        .output();
    let Ok(rendered) = rendered else {
        return;
    };
    let shown = text(&rendered.stdout);
    for needed in [
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
        "whoowns check [OPTIONS]",
    ] {
        assert!(shown.contains(needed), "{needed} in\n{shown}");
    }
    // No page is named that does not exist: the only `name(N)` is the page's own header.
    let references: Vec<&str> = shown
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| {
            w.strip_suffix(')')
                .and_then(|w| w.rsplit_once('('))
                .is_some_and(|(name, n)| {
                    !name.is_empty() && n.len() == 1 && n.chars().all(|c| c.is_ascii_digit())
                })
        })
        .collect();
    assert!(
        references.iter().all(|r| *r == "WHOOWNS(1)"),
        "pages named: {references:?}"
    );
}
