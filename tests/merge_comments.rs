//! Comments through `whoowns merge` as git's merge driver, in real repositories: what either
//! branch adds, edits or removes lands with the key, table or item it belongs to; a comment
//! edited two ways is a conflict (both kept between marker lines, git stops, exit 1).

use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use whoowns::workspace::parse;

mod common;
use common::git::Repo;

const SAMPLE: &str = whoowns::SAMPLE_WORKSPACE;

/// `text` with the first `from` replaced by `to`, which must be there.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "no {from:?}");
    text.replacen(from, to, 1)
}

/// Asserts `merged` has `comment` on the line right before the first line starting with
/// `anchor` after `after`.
fn assert_before(merged: &str, after: &str, comment: &str, anchor: &str) {
    let start = merged.find(after).unwrap_or_else(|| panic!("no {after:?}"));
    let lines: Vec<&str> = merged[start..].lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(anchor))
        .unwrap_or_else(|| panic!("no {anchor:?} after {after:?} in:\n{merged}"));
    assert!(at > 0, "{anchor:?} has no line before it in:\n{merged}");
    assert_eq!(lines[at - 1], comment, "before {anchor:?} in:\n{merged}");
}

fn git_output(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The finding of issue 23: comments added on the other branch in `[workspace]`, at the end
/// of a line and before a `[[decision]]` were dropped with exit 0.
#[test]
fn comments_from_both_branches_are_kept_where_they_belong() {
    let ours = edit(
        SAMPLE,
        "[workspace]\n",
        "# Ours: reviewed by Marketing.\n[workspace]\n",
    );
    let ours = edit(&ours, "budget = 120000", "budget = 125000");
    let theirs = edit(
        SAMPLE,
        "[workspace]\nname = ",
        "[workspace]\n# Theirs: the legal name.\nname = ",
    );
    let theirs = edit(
        &theirs,
        "consulted = [\"sales\"]\n",
        "consulted = [\"sales\"]  # theirs: until Q3\n",
    );
    let theirs = edit(
        &theirs,
        "\n[[decision]]\ndate = \"2026-11-20\"\nresponsibility = \"social-media-policy\"",
        "\n# Theirs: agreed in the second workshop.\n[[decision]]\ndate = \"2026-11-20\"\nresponsibility = \"social-media-policy\"",
    );
    let theirs = format!("{theirs}# Theirs: the end.\n");
    let repo = Repo::new(SAMPLE);
    let out = repo.merge(&ours, &theirs);
    assert!(out.status.success(), "{}", git_output(&out));
    let merged = repo.read();
    assert_before(&merged, "", "# Ours: reviewed by Marketing.", "[workspace]");
    assert_before(
        &merged,
        "[workspace]",
        "# Theirs: the legal name.",
        "name = ",
    );
    assert!(
        merged.contains(
            "consulted = [\"sales\"]  # theirs: until Q3\ninformed = [\"it\"]\nbudget = 125000\n"
        ),
        "{merged}"
    );
    assert_before(
        &merged,
        "Legal and PR co-own crisis response",
        "# Theirs: agreed in the second workshop.",
        "[[decision]]",
    );
    assert!(merged.ends_with("# Theirs: the end.\n"), "{merged}");
    let expected = parse(&edit(SAMPLE, "budget = 120000", "budget = 125000"))
        .expect("valid")
        .workspace;
    assert_eq!(parse(&merged).expect("loads").workspace, expected);
}

#[test]
fn a_comment_one_branch_edits_or_removes_follows_that_branch() {
    let base = edit(
        SAMPLE,
        "[workspace]\nname = ",
        "[workspace]\n# The name, as registered.\nname = ",
    );
    let base = edit(&base, "budget = 120000", "budget = 120000  # approved");
    let ours = edit(&base, "notes = \"Today", "notes = \"Until now");
    let theirs = edit(
        &base,
        "# The name, as registered.",
        "# The name, as registered in 2026.",
    );
    let theirs = edit(&theirs, "budget = 120000  # approved", "budget = 120000");
    // Theirs adds a department with its own comment.
    let theirs = edit(
        &theirs,
        "\n[[department]]\nid = \"hr\"",
        "\n# New in 2026.\n[[department]]\nid = \"sales-emea\"\nname = \"Sales EMEA\"\n\n[[department]]\nid = \"hr\"",
    );
    let repo = Repo::new(&base);
    let out = repo.merge(&ours, &theirs);
    assert!(out.status.success(), "{}", git_output(&out));
    let merged = repo.read();
    assert_before(
        &merged,
        "[workspace]",
        "# The name, as registered in 2026.",
        "name = ",
    );
    assert!(!merged.contains("# The name, as registered.\n"), "{merged}");
    assert!(merged.contains("budget = 120000\n"), "{merged}");
    assert!(!merged.contains("# approved"), "{merged}");
    assert!(
        merged.contains("\n# New in 2026.\n[[department]]\nid = \"sales-emea\"\n"),
        "{merged}"
    );
    assert!(merged.contains("notes = \"Until now"), "{merged}");
}

#[test]
fn a_comment_edited_two_ways_is_a_conflict_with_both_kept() {
    let base = edit(
        SAMPLE,
        "[workspace]\n",
        "# Reviewed in spring.\n[workspace]\n",
    );
    let base = edit(&base, "budget = 120000", "budget = 120000  # approved");
    let ours = edit(&base, "# Reviewed in spring.", "# Reviewed in summer.");
    let ours = edit(&ours, "# approved", "# approved by the CFO");
    let theirs = edit(&base, "# Reviewed in spring.", "# Reviewed in autumn.");
    let theirs = edit(&theirs, "# approved", "# approved by the board");
    let repo = Repo::new(&base);
    let out = repo.merge(&ours, &theirs);
    assert!(!out.status.success(), "git must stop: {}", git_output(&out));
    let said = git_output(&out);
    assert!(said.contains("CONFLICT"), "{said}");
    assert!(
        said.contains("the comment before [workspace] was changed on both sides"),
        "{said}"
    );
    assert!(
        said.contains("the comment after [[responsibility]] \"paid-social\" budget"),
        "{said}"
    );
    let merged = repo.read();
    assert!(
        merged.contains(
            "# <<<<<<< ours\n# Reviewed in summer.\n# =======\n# Reviewed in autumn.\n# >>>>>>> theirs\n[workspace]\n"
        ),
        "{merged}"
    );
    assert!(
        merged.contains(
            "# <<<<<<< ours\n# approved by the CFO\n# =======\n# approved by the board\n# >>>>>>> theirs\nbudget = 120000  # approved by the CFO\n"
        ),
        "{merged}"
    );
    // Still a valid workspace holding what ours holds.
    assert_eq!(
        parse(&merged).expect("loads").workspace,
        parse(&ours).expect("valid").workspace
    );
}

#[test]
fn the_driver_run_by_hand_exits_1_on_a_comment_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    let base = format!("{SAMPLE}# The end.\n");
    let b = write("base.toml", &base);
    let o = write("ours.toml", &edit(&base, "# The end.", "# Ours."));
    let t = write("theirs.toml", &edit(&base, "# The end.", "# Theirs."));
    let out = Command::new(cargo_bin("whoowns"))
        .arg("merge")
        .args([&b, &o, &t])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", git_output(&out));
    let merged = String::from_utf8_lossy(&out.stdout);
    assert!(
        merged.ends_with("# <<<<<<< ours\n# Ours.\n# =======\n# Theirs.\n# >>>>>>> theirs\n"),
        "{merged}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the comment at the end of the file was changed on both sides")
            && stderr.contains("1 comment changed on both sides"),
        "{stderr}"
    );
}

/// In a merge that stops on a value conflict, theirs' comments land all the same.
#[test]
fn comments_are_kept_in_a_merge_with_a_value_conflict_too() {
    let ours = edit(SAMPLE, "budget = 120000", "budget = 130000");
    let theirs = edit(SAMPLE, "budget = 120000", "budget = 110000");
    let theirs = edit(
        &theirs,
        "[workspace]\nname = ",
        "[workspace]\n# Theirs: the legal name.\nname = ",
    );
    let repo = Repo::new(SAMPLE);
    let out = repo.merge(&ours, &theirs);
    assert!(!out.status.success(), "{}", git_output(&out));
    let merged = repo.read();
    assert_before(
        &merged,
        "[workspace]",
        "# Theirs: the legal name.",
        "name = ",
    );
    let ws = parse(&merged).expect("loads").workspace;
    assert_eq!(ws.conflicts.len(), 1);
    assert_eq!(ws.conflicts[0].field, "budget");
}
