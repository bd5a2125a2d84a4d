//! `whoowns merge` as git's merge driver, in real repositories: two branches change the bundled
//! sample, `git merge` runs the real binary, and the merged file loads, `check` reports exactly
//! what the merged workspace should, and OURS' comments survive. A conflict is resolved on the
//! board.

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use ratatui::crossterm::event::KeyCode;
use whoowns::analysis::{RuleId, analyze};
use whoowns::session::Session;
use whoowns::tui::app::App;
use whoowns::workspace::{Decision, Workspace, parse};

mod common;
use common::git::{FILE, Repo};
use common::{ctrl, feed, key};

const SAMPLE: &str = whoowns::SAMPLE_WORKSPACE;

/// `text` with `from` replaced by `to` in the table of the item with id `id`.
fn change(text: &str, id: &str, from: &str, to: &str) -> String {
    let start = text
        .find(&format!("id = \"{id}\""))
        .unwrap_or_else(|| panic!("no item {id}"));
    let at = start
        + text[start..]
            .find(from)
            .unwrap_or_else(|| panic!("no {from:?} in {id}"));
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

fn sample() -> Workspace {
    parse(SAMPLE).expect("sample").workspace
}

fn responsibility<'a>(
    ws: &'a mut Workspace,
    id: &str,
) -> &'a mut whoowns::workspace::Responsibility {
    let at = ws.responsibility_index(id).expect("exists");
    &mut ws.responsibilities[at]
}

/// `whoowns check --format json` on `path`: its exit code and findings.
fn check(path: &Path) -> (i32, serde_json::Value) {
    let out = Command::new(cargo_bin("whoowns"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("runs");
    let document: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut findings = document["files"][0]["findings"].clone();
    // Where each finding stands in the file is not part of what the analysis found.
    for finding in findings.as_array_mut().into_iter().flatten() {
        if let Some(object) = finding.as_object_mut() {
            for key in ["line", "column", "end_line", "end_column"] {
                object.remove(key);
            }
        }
    }
    (out.status.code().expect("exit code"), findings)
}

/// What `check` must report for `expected`.
fn findings_of(expected: &Workspace) -> serde_json::Value {
    serde_json::to_value(&analyze(expected).findings).expect("json")
}

/// Every comment line of `ours` is in `merged`.
fn assert_comments_kept(ours: &str, merged: &str) {
    for line in ours.lines().filter(|l| l.trim_start().starts_with('#')) {
        assert!(merged.contains(line), "lost comment {line:?} in:\n{merged}");
    }
}

/// Merges a clean case and checks the file against `expected`.
fn clean_merge(ours: &str, theirs: &str, expected: &Workspace) -> Repo {
    let repo = Repo::new(SAMPLE);
    let out = repo.merge(ours, theirs);
    assert!(
        out.status.success(),
        "git merge failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = repo.read();
    let loaded = parse(&merged).expect("the merged file loads").workspace;
    assert_eq!(&loaded, expected);
    let (code, findings) = check(&repo.path(FILE));
    assert_eq!(findings, findings_of(expected));
    assert_eq!(code, 1, "the sample keeps its open errors");
    assert_comments_kept(ours, &merged);
    repo
}

/// OURS' own comment, to see it survive.
fn with_our_comment(text: &str) -> String {
    text.replace(
        "[workspace]\n",
        "# Reviewed by the Marketing branch.\n[workspace]\n",
    )
}

#[test]
fn branches_changing_different_responsibilities() {
    let ours = with_our_comment(&change(
        SAMPLE,
        "executive-presence",
        "accountable = []",
        "accountable = [\"exec\"]",
    ));
    let theirs = change(
        SAMPLE,
        "influencer-relations",
        "accountable = []",
        "accountable = [\"marketing\"]",
    );
    let mut expected = sample();
    responsibility(&mut expected, "executive-presence").accountable = vec!["exec".into()];
    responsibility(&mut expected, "influencer-relations").accountable = vec!["marketing".into()];
    clean_merge(&ours, &theirs, &expected);
}

#[test]
fn branches_changing_different_roles_of_one_responsibility() {
    let ours = with_our_comment(&change(
        SAMPLE,
        "social-listening",
        "consulted = [\"legal\", \"pr\"]",
        "consulted = [\"legal\", \"pr\", \"hr\"]",
    ));
    let theirs = change(
        SAMPLE,
        "social-listening",
        "informed = [\"care\", \"exec\"]",
        "informed = [\"care\", \"exec\", \"sales\"]",
    );
    let mut expected = sample();
    let r = responsibility(&mut expected, "social-listening");
    r.consulted.push("hr".into());
    r.informed.push("sales".into());
    clean_merge(&ours, &theirs, &expected);
}

#[test]
fn one_branch_adds_to_a_role_list_the_other_removes_from_it() {
    // On one line: a line-based merge would stop here.
    let ours = with_our_comment(&change(
        SAMPLE,
        "social-listening",
        "accountable = [\"it\", \"marketing\"]",
        "accountable = [\"it\", \"marketing\", \"legal\"]",
    ));
    let theirs = change(
        SAMPLE,
        "social-listening",
        "accountable = [\"it\", \"marketing\"]",
        "accountable = [\"it\"]",
    );
    let mut expected = sample();
    responsibility(&mut expected, "social-listening").accountable =
        vec!["it".into(), "legal".into()];
    clean_merge(&ours, &theirs, &expected);
}

#[test]
fn decisions_from_both_branches_are_kept_oldest_first() {
    let decision =
        |date: &str, text: &str| format!("\n[[decision]]\ndate = \"{date}\"\ntext = \"{text}\"\n");
    let ours = with_our_comment(&format!(
        "{SAMPLE}{}",
        decision("2026-11-24", "Ours: IT keeps the tools.")
    ));
    let theirs = format!(
        "{SAMPLE}{}{}",
        decision("2026-11-22", "Theirs: HR co-writes the policy."),
        decision("2026-11-25", "Theirs: the COO reviews the crisis playbook.")
    );
    let mut expected = sample();
    for (at, date, text) in [
        (2, "2026-11-22", "Theirs: HR co-writes the policy."),
        (3, "2026-11-24", "Ours: IT keeps the tools."),
        (
            4,
            "2026-11-25",
            "Theirs: the COO reviews the crisis playbook.",
        ),
    ] {
        let id = expected.new_decision_id(date, text);
        expected.decisions.insert(
            at,
            Decision {
                id,
                date: date.into(),
                responsibility: None,
                text: text.into(),
            },
        );
    }
    let repo = clean_merge(&ours, &theirs, &expected);
    // Each entry once: merging the branch again changes nothing.
    let before = repo.read();
    repo.git(&["merge", "--no-edit", "theirs"]);
    assert_eq!(repo.read(), before);
}

#[test]
fn a_department_renamed_on_one_branch_and_used_on_the_other() {
    let ours = with_our_comment(&change(
        SAMPLE,
        "hr",
        "name = \"HR\"",
        "name = \"People & Culture\"",
    ));
    let theirs = change(
        SAMPLE,
        "analytics",
        "informed = [\"pr\"]",
        "informed = [\"pr\", \"hr\"]",
    );
    let mut expected = sample();
    let hr = expected.department_index("hr").expect("hr");
    expected.departments[hr].name = "People & Culture".into();
    responsibility(&mut expected, "analytics")
        .informed
        .push("hr".into());
    let repo = clean_merge(&ours, &theirs, &expected);
    let export = Command::new(cargo_bin("whoowns"))
        .arg("export")
        .arg(repo.path(FILE))
        .output()
        .expect("runs");
    let charter = String::from_utf8_lossy(&export.stdout);
    assert!(charter.contains("People &amp; Culture"), "{charter}");
}

#[test]
fn items_added_on_one_branch_and_removed_on_the_other() {
    // Theirs adds a department and a responsibility (written by the board: standard layout);
    // ours removes a responsibility nobody else touched.
    let mut theirs_ws = sample();
    theirs_ws.departments.push(whoowns::workspace::Department {
        id: "sales-emea".into(),
        name: "Sales EMEA".into(),
        ..Default::default()
    });
    theirs_ws
        .responsibilities
        .push(whoowns::workspace::Responsibility {
            id: "regional-accounts".into(),
            name: "Regional accounts".into(),
            accountable: vec!["sales-emea".into()],
            responsible: vec!["sales-emea".into(), "marketing".into()],
            ..Default::default()
        });
    let theirs = whoowns::workspace::update_document(SAMPLE, &theirs_ws).expect("toml");
    let mut ours_ws = sample();
    let recruiting = ours_ws.responsibility_index("recruiting").expect("there");
    let removal = whoowns::edit::delete_responsibility(&ours_ws, recruiting).expect("deletes");
    removal.edit.apply(&mut ours_ws).expect("applies");
    let ours =
        with_our_comment(&whoowns::workspace::update_document(SAMPLE, &ours_ws).expect("toml"));
    let mut expected = theirs_ws.clone();
    let recruiting = expected.responsibility_index("recruiting").expect("there");
    expected.responsibilities.remove(recruiting);
    let repo = clean_merge(&ours, &theirs, &expected);
    let merged = repo.read();
    assert!(
        merged.contains(
            "[[responsibility]]\nid = \"regional-accounts\"\nname = \"Regional accounts\"\n\
             accountable = [\"sales-emea\"]\nresponsible = [\"sales-emea\", \"marketing\"]\n\
             consulted = []\ninformed = []\n"
        ),
        "{merged}"
    );
    assert!(!merged.contains("id = \"recruiting\""), "{merged}");
}

#[test]
fn an_empty_base_is_a_file_both_branches_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    let base = write("base.toml", "");
    let ours = write("ours.toml", SAMPLE);
    let theirs = write(
        "theirs.toml",
        &change(SAMPLE, "paid-social", "budget = 120000", "budget = 110000"),
    );
    let out = Command::new(cargo_bin("whoowns"))
        .arg("merge")
        .args([&base, &ours, &theirs])
        .arg("-o")
        .arg(&ours)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = parse(&std::fs::read_to_string(&ours).expect("read"))
        .expect("loads")
        .workspace;
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].field, "budget");
}

#[test]
fn the_same_field_two_ways_is_a_conflict_check_reports_and_the_board_resolves() {
    let ours = with_our_comment(&change(
        SAMPLE,
        "crisis-response",
        "The COO decides within 2 hours.",
        "The CEO decides within the hour.",
    ));
    let theirs = change(
        SAMPLE,
        "crisis-response",
        "The COO decides within 2 hours.",
        "The board decides by vote.",
    );
    let repo = Repo::new(SAMPLE);
    let out = repo.merge(&ours, &theirs);
    assert!(!out.status.success(), "git must stop on the conflict");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("CONFLICT") && stdout.contains(FILE),
        "{stdout}"
    );
    let merged = repo.read();
    assert!(!merged.contains("<<<<<<<"), "no line markers: {merged}");
    assert_comments_kept(&ours, &merged);

    // The file is valid, keeps ours, and check reports the conflict with both values.
    let loaded = parse(&merged).expect("loads").workspace;
    let mut expected = parse(&ours).expect("valid").workspace;
    assert_eq!(
        responsibility(&mut loaded.clone(), "crisis-response")
            .tie_breaker
            .as_deref(),
        Some("The CEO decides within the hour.")
    );
    assert_eq!(loaded.conflicts.len(), 1);
    expected.conflicts = loaded.conflicts.clone();
    assert_eq!(loaded, expected);
    let (code, findings) = check(&repo.path(FILE));
    assert_eq!(code, 1);
    assert_eq!(findings, findings_of(&expected));
    let conflicts: Vec<&serde_json::Value> = findings
        .as_array()
        .expect("list")
        .iter()
        .filter(|f| f["rule"] == RuleId::MergeConflict.as_str())
        .collect();
    assert_eq!(conflicts.len(), 1);
    let message = conflicts[0]["message"].as_str().expect("text");
    assert!(
        message.contains("The CEO decides within the hour.")
            && message.contains("The board decides by vote."),
        "{message}"
    );
    assert_eq!(conflicts[0]["severity"], "error");
    assert_eq!(conflicts[0]["responsibility"], "crisis-response");

    // The board: M lists the conflicts, t takes theirs, Ctrl+S saves.
    let path = repo.path(FILE);
    let mut app = App::new(Session::open(&path).expect("opens"));
    feed(
        &mut app,
        &[key(KeyCode::Char('M')), key(KeyCode::Char('t')), ctrl('s')],
    );
    let resolved = repo.read();
    let ws = parse(&resolved).expect("loads").workspace;
    assert!(ws.conflicts.is_empty(), "{resolved}");
    let crisis = ws.responsibility("crisis-response").expect("there");
    assert_eq!(
        crisis.tie_breaker.as_deref(),
        Some("The board decides by vote.")
    );
    assert!(!resolved.contains("[[conflict]]"), "{resolved}");
    assert_comments_kept(&ours, &resolved);
    let (_, findings) = check(&path);
    assert!(
        !findings
            .as_array()
            .expect("list")
            .iter()
            .any(|f| f["rule"] == RuleId::MergeConflict.as_str())
    );
    repo.git(&["add", FILE]);
    repo.git(&["commit", "-q", "--no-edit"]);
}

#[test]
fn keeping_ours_on_the_board_is_one_key_too_and_undoable() {
    let ours = change(SAMPLE, "paid-social", "budget = 120000", "budget = 130000");
    let theirs = change(SAMPLE, "paid-social", "budget = 120000", "budget = 110000");
    let repo = Repo::new(SAMPLE);
    assert!(!repo.merge(&ours, &theirs).status.success());
    let mut app = App::new(Session::open(&repo.path(FILE)).expect("opens"));
    feed(
        &mut app,
        &[key(KeyCode::Char('M')), key(KeyCode::Char('o'))],
    );
    let ws = app.workspace();
    assert!(ws.conflicts.is_empty());
    assert_eq!(
        ws.responsibility("paid-social").expect("there").budget,
        Some(130000.0)
    );
    feed(&mut app, &[key(KeyCode::Char('u'))]);
    assert_eq!(app.workspace().conflicts.len(), 1);
}

#[test]
fn unusable_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    let base = write("base.toml", SAMPLE);
    let ours = write("ours.toml", SAMPLE);
    let theirs = write("theirs.toml", "whoowns = 1\n[workspace\n");
    let out = Command::new(cargo_bin("whoowns"))
        .arg("merge")
        .args([&base, &ours, &theirs])
        .arg("-o")
        .arg(&ours)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("theirs.toml:2:"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&ours).expect("read"), SAMPLE);
}

#[test]
fn without_output_the_merge_goes_to_stdout_and_clean_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    std::fs::write(&path, SAMPLE).expect("write");
    let out = Command::new(cargo_bin("whoowns"))
        .arg("merge")
        .args([&path, &path, &path])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), SAMPLE);
}

#[test]
fn the_board_shows_a_conflict_and_enter_on_its_finding_opens_it() {
    use whoowns::tui::action::Action;
    use whoowns::tui::app::{ListKind, Mode};
    let ours = change(SAMPLE, "hr", "lead = \"Elena Rossi\"", "lead = \"Sam Lee\"");
    let theirs = change(
        SAMPLE,
        "hr",
        "lead = \"Elena Rossi\"",
        "lead = \"Kim Park\"",
    );
    let repo = Repo::new(SAMPLE);
    assert!(!repo.merge(&ours, &theirs).status.success());
    let mut app = App::new(Session::open(&repo.path(FILE)).expect("opens"));
    let at = app
        .session
        .analysis()
        .findings
        .iter()
        .position(|f| f.rule == RuleId::MergeConflict)
        .expect("reported");
    assert_eq!(
        app.session.analysis().findings[at].department.as_deref(),
        Some("hr")
    );
    // The agenda walk (n) reaches it; Enter opens the fix that fits: the conflict.
    let total = app.session.analysis().findings.len();
    for _ in 0..total {
        app.update(Action::NextFinding);
        if app.finding == at {
            break;
        }
    }
    assert_eq!(app.finding, at);
    app.update(Action::Activate);
    assert!(
        matches!(&app.mode, Mode::List(list) if list.kind == ListKind::Conflicts),
        "{:?} {:?}",
        app.mode,
        app.status
    );
    let terminal = common::draw(&mut app, 120, 40);
    let screen = common::text(terminal.backend().buffer());
    assert!(screen.contains("Merge conflicts (1)"), "{screen}");
    assert!(
        screen.contains("\"HR\" · lead: ours \"Sam Lee\" │ theirs \"Kim Park\""),
        "{screen}"
    );
    assert!(screen.contains("o keep ours │ t take theirs"), "{screen}");
}
