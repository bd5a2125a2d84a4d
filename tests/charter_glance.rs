//! The charter people read and sign (issue 21), through the real binary: the review date and
//! `review-due`, and the export's new forms.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const REVIEW: &str = "tests/fixtures/review-due.toml";

/// The binary, started in the crate root with no colour.
fn whoowns() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("whoowns");
    cmd.current_dir(ROOT).env("NO_COLOR", "1");
    cmd
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let output = whoowns().args(args).output().expect("runs");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

#[test]
fn check_reports_review_due_only_after_the_review_date() {
    let (code, out, err) = run(&["check", "--date", "2026-12-01", REVIEW]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("0 errors, 0 warnings, 0 info"), "{out}");

    let (code, out, _) = run(&["check", "--date", "2026-12-02", REVIEW]);
    assert_eq!(code, Some(0), "a warning alone passes: {out}");
    assert!(
        out.contains("warning[review-due]: The charter was due for review by 2026-12-01"),
        "{out}"
    );
    let text = std::fs::read_to_string(Path::new(ROOT).join(REVIEW)).expect("fixture");
    let line = 1 + text
        .lines()
        .position(|l| l.starts_with("review_by"))
        .expect("a review_by line");
    assert!(
        out.contains(&format!("--> {REVIEW}:{line}:1 (workspace)")),
        "points at review_by: {out}"
    );
    let (code, _, _) = run(&["check", "--strict", "--date", "2026-12-02", REVIEW]);
    assert_eq!(code, Some(1), "--strict fails on the warning");

    let (code, out, _) = run(&["check", "--format", "json", "--date", "2027-01-01", REVIEW]);
    assert_eq!(code, Some(0));
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let finding = &report["files"][0]["findings"][0];
    assert_eq!(finding["rule"], "review-due", "{report}");
    assert_eq!(
        finding["line"], line,
        "the key at fault is review_by: {report}"
    );

    let (code, _, err) = run(&["check", "--date", "2026-02-30", REVIEW]);
    assert_eq!(code, Some(2), "not a calendar date: {err}");
}

#[test]
fn review_due_is_configurable_like_every_rule() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(Path::new(ROOT).join(REVIEW)).expect("fixture");
    let stricter = text.replace(
        "[rules]\n",
        "[rules]\nseverity = { review-due = \"error\" }\n",
    );
    let path = dir.path().join("stricter.toml");
    std::fs::write(&path, stricter).expect("write");
    let path = path.to_str().expect("UTF-8 path");
    let (code, out, _) = run(&["check", "--date", "2026-12-02", path]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("error[review-due]"), "{out}");
    let off = text.replace("[rules]\n", "[rules]\ndisable = [\"review-due\"]\n");
    std::fs::write(dir.path().join("off.toml"), off).expect("write");
    let off = dir.path().join("off.toml");
    let (code, out, _) = run(&[
        "check",
        "--date",
        "2026-12-02",
        off.to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("review-due"), "{out}");
}

#[test]
fn the_exported_summary_says_when_the_charter_is_due() {
    let (code, out, err) = run(&["export", "--date", "2026-12-02", REVIEW]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("- **Review by:** 2026-12-01\n"), "{out}");
    assert!(
        out.contains("- **Review by:** 2026-12-01: **the charter is due for review**."),
        "{out}"
    );
    let (_, out, _) = run(&["export", "--date", "2026-11-30", REVIEW]);
    assert!(out.contains("- **Review by:** 2026-12-01.\n"), "{out}");
    assert!(!out.contains("due for review"), "{out}");
}

#[test]
fn the_review_date_merges_and_diffs_like_every_workspace_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/clean.toml"))
        .expect("fixture");
    let ours = base.replace(
        "currency = \"EUR\"\n",
        "currency = \"EUR\"\nreview_by = \"2027-06-01\"\n",
    );
    let theirs = base.replace("facilitator = \"Dana Kim\"", "facilitator = \"Sam Lee\"");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_str().expect("UTF-8").to_owned()
    };
    let (b, o, t) = (
        write("base.toml", &base),
        write("ours.toml", &ours),
        write("theirs.toml", &theirs),
    );
    let (code, out, err) = run(&["merge", &b, &o, &t, "-o", &o]);
    assert_eq!(code, Some(0), "{out}{err}");
    let merged = std::fs::read_to_string(&o).expect("merged");
    assert!(merged.contains("review_by = \"2027-06-01\""), "{merged}");
    assert!(merged.contains("facilitator = \"Sam Lee\""), "{merged}");

    let (code, out, _) = run(&["diff", &b, &o]);
    assert_eq!(code, Some(1), "changes found");
    assert!(
        out.contains("review_by") && out.contains("2027-06-01"),
        "{out}"
    );
}

#[test]
fn export_split_writes_linked_files_and_keeps_to_its_own_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("charter");
    let out_arg = out.to_str().expect("UTF-8");
    let (code, _, err) = run(&["export", "assets/sample.toml", "--split", out_arg]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("start with index.md"), "{err}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().into_string().expect("UTF-8"))
        .collect();
    names.sort();
    assert!(names.contains(&"index.md".to_owned()));
    assert!(
        names.contains(&"department-marketing.md".to_owned()),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n.starts_with("area-")), "{names:?}");
    // Every relative link names a file that is there.
    for name in names.iter().filter(|n| n.ends_with(".md")) {
        assert_links_lead_to_files(&out, name);
    }
    // Again into its own directory: fine, and the same bytes.
    let index = std::fs::read(out.join("index.md")).expect("index");
    let (code, _, err) = run(&["export", "assets/sample.toml", "--split", out_arg]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(std::fs::read(out.join("index.md")).expect("index"), index);

    // A directory with someone else's files is refused, unless --force.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).expect("mkdir");
    std::fs::write(other.join("notes.txt"), "mine").expect("write");
    let other_arg = other.to_str().expect("UTF-8");
    let (code, _, err) = run(&["export", "assets/sample.toml", "--split", other_arg]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("did not write") && err.contains("--force"),
        "{err}"
    );
    assert!(!other.join("index.md").exists());
    let (code, _, err) = run(&[
        "export",
        "assets/sample.toml",
        "--split",
        other_arg,
        "--force",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(other.join("index.md").is_file());
    assert_eq!(
        std::fs::read_to_string(other.join("notes.txt")).expect("kept"),
        "mine"
    );
}

#[cfg(unix)]
#[test]
fn split_files_get_the_workspaces_permission_bits_at_most() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let workspace = dir.path().join("private.toml");
    std::fs::copy(Path::new(ROOT).join("assets/sample.toml"), &workspace).expect("copy");
    std::fs::set_permissions(&workspace, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let out = dir.path().join("out");
    let (code, _, err) = run(&[
        "export",
        workspace.to_str().expect("UTF-8"),
        "--split",
        out.to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, Some(0), "{err}");
    for entry in std::fs::read_dir(&out).expect("dir") {
        let meta = entry.expect("entry").metadata().expect("meta");
        assert_eq!(
            meta.permissions().mode() & 0o077,
            0,
            "no more than the workspace's bits"
        );
    }
}

#[test]
fn export_html_is_one_page_from_the_same_charter() {
    let (code, html, err) = run(&["export", "--format", "html", "--date", "2026-12-02", REVIEW]);
    assert_eq!(code, Some(0), "{err}");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.contains("<script"));
    let (_, markdown, _) = run(&["export", "--date", "2026-12-02", REVIEW]);
    // Every heading of the Markdown is a heading of the page, in order (a long word may have
    // places to break in it: `<wbr>`, which shows nothing).
    let html = html.replace("<wbr>", "");
    let mut at = 0;
    for line in markdown.lines().filter(|l| l.starts_with('#')) {
        // The Markdown's `&` (escaped only where it starts an entity) is the page's `&amp;`.
        let text = line.trim_start_matches('#').trim();
        let text = text.replace("&amp;", "&").replace('&', "&amp;");
        let found = html[at..]
            .find(&format!(">{text}</h"))
            .unwrap_or_else(|| panic!("no heading {text:?} after byte {at}"));
        at += found;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("charter.html");
    let (code, _, err) = run(&[
        "export",
        "--format",
        "html",
        REVIEW,
        "-o",
        out.to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        std::fs::read_to_string(&out)
            .expect("written")
            .contains("class=\"sign-off\"")
    );
}

#[test]
fn export_since_a_file_or_a_git_revision_adds_the_appendix() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample =
        std::fs::read_to_string(Path::new(ROOT).join("assets/sample.toml")).expect("sample");
    let path = dir.path().join("whoowns.toml");
    std::fs::write(&path, &sample).expect("write");
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(args)
            .output()
            .expect("git runs")
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "whoowns.toml"]);
    git(&["commit", "-q", "-m", "v1"]);
    git(&["tag", "v1"]);
    let earlier = dir.path().join("earlier.toml");
    std::fs::write(&earlier, &sample).expect("write");
    let changed = sample.replacen("budget = 120000", "budget = 130000", 1);
    assert_ne!(changed, sample);
    std::fs::write(&path, &changed).expect("write");
    let file = path.to_str().expect("UTF-8");
    for (since, label) in [
        ("v1", "revision v1"),
        (earlier.to_str().expect("UTF-8"), "file earlier.toml"),
    ] {
        let (code, out, err) = run(&["export", file, "--since", since]);
        assert_eq!(code, Some(0), "{err}");
        let appendix = &out[out.find("\n## Changed since\n").expect("appendix")..];
        assert!(
            appendix.contains(&format!("Compared with {label}:")),
            "{appendix}"
        );
        assert!(
            appendix.contains("130000") || appendix.contains("130,000"),
            "{appendix}"
        );
    }
    let (code, _, err) = run(&["export", file, "--since", "no-such-rev"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("neither a file nor a git revision"), "{err}");
}

/// Every relative link of the file `name` in `dir` names a file that is there.
fn assert_links_lead_to_files(dir: &Path, name: &str) {
    let text = std::fs::read_to_string(dir.join(name)).expect("read");
    for (at, _) in text.match_indices("](") {
        let target = &text[at + 2..];
        let target = &target[..target.find(')').expect("closed")];
        let file = target.split('#').next().unwrap_or_default();
        if !file.is_empty() {
            assert!(dir.join(file).is_file(), "{target} in {name}");
        }
    }
}

/// The names of the files in `dir` but the hidden ones, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().into_string().expect("UTF-8"))
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn a_large_split_keeps_its_index_small_and_a_smaller_one_removes_what_it_no_longer_has() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 30 departments (4 matrix tables) x 1,200 responsibilities: the matrix leaves the index.
    let large = dir.path().join("large.toml");
    let ws = whoowns::generate::workspace(30, 1_200, 5);
    std::fs::write(&large, whoowns::workspace::to_toml(&ws)).expect("write");
    let out = dir.path().join("charter");
    let out_arg = out.to_str().expect("UTF-8");
    let (code, _, err) = run(&["export", large.to_str().expect("UTF-8"), "--split", out_arg]);
    assert_eq!(code, Some(0), "{err}");
    let names = listing(&out);
    let matrix: Vec<&String> = names.iter().filter(|n| n.starts_with("matrix-")).collect();
    assert!(matrix.len() >= 8, "{names:?}");
    assert!(err.contains(&format!("({} files,", names.len())), "{err}");
    let index = std::fs::read_to_string(out.join("index.md")).expect("index");
    assert!(index.len() < 60_000, "{} bytes", index.len());
    assert!(index.contains("is too large for one page"), "{index}");
    for name in &names {
        let text = std::fs::read_to_string(out.join(name)).expect("read");
        assert!(text.len() < 400_000, "{name}: {} bytes", text.len());
        assert_links_lead_to_files(&out, name);
    }
    // The sample into the same directory: the large charter's files are gone.
    let (code, _, err) = run(&["export", "assets/sample.toml", "--split", out_arg]);
    assert_eq!(code, Some(0), "{err}");
    let names = listing(&out);
    assert!(!names.iter().any(|n| n.starts_with("matrix-")), "{names:?}");
    assert!(names.contains(&"department-marketing.md".to_owned()));
    assert_eq!(names.len(), 15, "{names:?}");
}
