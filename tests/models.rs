//! Role models as data (issue 18): a workspace in each built-in model and a custom one loads,
//! checks with the findings its meanings imply, saves with comments kept, exports (charter and
//! CSV), diffs, merges and converts; unusable models are reported with their positions.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use whoowns::analysis::{RuleId, analyze};
use whoowns::charter::{self, CharterOptions};
use whoowns::edit::{DropMode, move_role};
use whoowns::workspace::{Meaning, ModelKind, Workspace, parse, to_toml, update_document};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DDA: &str = "tests/fixtures/models/does-decides-answers.toml";

fn whoowns() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("whoowns");
    cmd.current_dir(ROOT).env_remove("NO_COLOR");
    cmd
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).expect("a fixture")
}

fn load(path: &str) -> Workspace {
    parse(&read(path)).expect("loads").workspace
}

/// The rule ids of the findings about responsibility `id`.
fn rules_of(ws: &Workspace, id: &str) -> Vec<RuleId> {
    let analysis = analyze(ws);
    analysis
        .findings
        .iter()
        .filter(|f| f.responsibility.as_deref() == Some(id))
        .map(|f| f.rule)
        .collect()
}

#[test]
fn every_model_checks_with_the_findings_its_meanings_imply() {
    let dda = load(DDA);
    assert_eq!(dda.model.kind(), ModelKind::DoesDecidesAnswers);
    assert!(rules_of(&dda, "crisis-replies").is_empty());
    assert_eq!(rules_of(&dda, "press-statements"), [RuleId::Undecided]);
    assert_eq!(
        rules_of(&dda, "takedowns"),
        [RuleId::Contested, RuleId::NoDoer]
    );

    let rapid = load("tests/fixtures/models/rapid.toml");
    assert!(rules_of(&rapid, "discounts").is_empty());
    // RAPID's decide both decides and answers: no `undecided` of its own.
    assert_eq!(rules_of(&rapid, "promo-calendar"), [RuleId::HotPotato]);

    let daci = load("tests/fixtures/models/daci.toml");
    assert_eq!(rules_of(&daci, "launch-date"), [RuleId::Contested]);
    assert_eq!(rules_of(&daci, "naming"), [RuleId::NoDoer]);

    let rasci = load("tests/fixtures/models/rasci.toml");
    assert!(rules_of(&rasci, "ticketing").is_empty());
    let supportive = rasci.model.by_key("supportive").expect("RASCI's S");
    assert!(rasci.model.role_means(supportive, Meaning::Supports));

    let custom = load("tests/fixtures/models/custom.toml");
    assert_eq!(custom.model.kind(), ModelKind::Custom);
    assert!(rules_of(&custom, "daily-posts").is_empty());
    assert_eq!(rules_of(&custom, "sponsored"), [RuleId::HotPotato]);
    let owner = custom.model.by_key("owner").expect("a custom role");
    assert_eq!(custom.model.letter(owner), 'O');
    assert_eq!(
        custom.model.meaning(owner),
        "owns the outcome and makes the call"
    );
}

#[test]
fn a_raci_file_naming_its_model_keeps_the_name_and_checks_as_raci() {
    let text = read("tests/fixtures/models/raci-named.toml");
    let ws = parse(&text).expect("loads").workspace;
    assert!(ws.model.is_raci());
    assert_eq!(update_document(&text, &ws).expect("saves"), text);
    let fresh = to_toml(&ws);
    assert!(!fresh.contains("model ="), "{fresh}");
}

#[test]
fn a_move_saves_with_comments_kept_in_every_model() {
    for path in [
        DDA,
        "tests/fixtures/models/rapid.toml",
        "tests/fixtures/models/daci.toml",
        "tests/fixtures/models/rasci.toml",
        "tests/fixtures/models/custom.toml",
    ] {
        let text = read(path);
        let mut ws = parse(&text).expect("loads").workspace;
        assert_eq!(update_document(&text, &ws).expect("saves"), text, "{path}");
        let role = ws.model.roles().next().expect("a role");
        let from = ws.responsibilities[0].role(role).first().cloned();
        let to = ws
            .departments
            .iter()
            .map(|d| d.id.clone())
            .find(|d| !ws.responsibilities[0].has(role, d));
        let change = move_role(&ws, 0, role, from.as_deref(), to.as_deref(), DropMode::Move)
            .expect("a move");
        change.edit.apply(&mut ws).expect("applies");
        let saved = update_document(&text, &ws).expect("saves");
        let comments = |t: &str| t.lines().filter(|l| l.starts_with('#')).count();
        assert_eq!(comments(&saved), comments(&text), "{path}");
        assert_eq!(parse(&saved).expect("reloads").workspace, ws, "{path}");
        assert_eq!(parse(&to_toml(&ws)).expect("fresh").workspace, ws, "{path}");
    }
}

#[test]
fn the_charter_reads_in_the_models_words() {
    let ws = load(DDA);
    let analysis = analyze(&ws);
    let text = charter::render(&ws, &analysis, &CharterOptions::default());
    assert!(
        text.contains(
            "**Does** does the work, **Decides** decides, **Answers** answers for the outcome"
        ),
        "{text}"
    );
    assert!(text.contains("One letter per role held: W = Does, D = Decides, A = Answers"));
    assert!(text.contains("- **Decides** (decides): Legal"), "{text}");
    let custom = load("tests/fixtures/models/custom.toml");
    let text = charter::render(&custom, &analyze(&custom), &CharterOptions::default());
    assert!(text.contains("**Owner** owns the outcome and makes the call"));
    assert!(text.contains("**Reviewers** must agree and can veto"));
}

#[test]
fn csv_carries_the_models_letters_and_name_both_ways() {
    let ws = load(DDA);
    let csv = whoowns::spreadsheet::to_csv(&ws);
    assert!(
        csv.contains("Legend: model does-decides-answers; W = Does, D = Decides, A = Answers"),
        "{csv}"
    );
    assert!(
        csv.contains("crisis-replies,,Crisis replies,,D/I,A/I,W"),
        "{csv}"
    );
    let imported = whoowns::spreadsheet::read_csv(csv.as_bytes(), "x").expect("reads back");
    let back = imported.workspace;
    assert_eq!(back.model, ws.model);
    for (a, b) in back.responsibilities.iter().zip(&ws.responsibilities) {
        for role in ws.model.roles() {
            let names = |w: &Workspace, ids: &[String]| -> Vec<String> {
                ids.iter()
                    .map(|d| w.department_name(d).to_owned())
                    .collect()
            };
            let mut x = names(&back, a.role(role));
            let mut y = names(&ws, b.role(role));
            x.sort();
            y.sort();
            assert_eq!(x, y, "{} {}", a.id, ws.model.key(role));
        }
    }
    let raci = whoowns::spreadsheet::to_csv(&load("assets/sample.toml"));
    assert!(!raci.contains("Legend"), "RACI's CSV is as it always was");
}

#[test]
fn diff_and_merge_speak_the_model() {
    let before = load(DDA);
    let mut after = before.clone();
    let decides = after.model.by_key("decides").expect("a role");
    after.responsibilities[1]
        .role_mut(decides)
        .push("legal".into());
    let diff = whoowns::diff::diff(&before, &after);
    let text = whoowns::diff::render_text(&diff, &before, &after);
    assert!(text.contains("+ Legal: Decides"), "{text}");
    let json: Value =
        serde_json::from_str(&whoowns::diff::render_json(&diff)).expect("one JSON value");
    let change = &json["responsibilities"][0]["changes"][0];
    assert_eq!(change["kind"], "role-gained");
    assert_eq!(change["role"], "decides");

    let mut theirs = before.clone();
    let answers = theirs.model.by_key("answers").expect("a role");
    theirs.responsibilities[2]
        .role_mut(answers)
        .push("care".into());
    let merged = whoowns::merge::merge(&before, &after, &theirs);
    assert!(merged.is_clean());
    let ws = merged.workspace;
    assert_eq!(ws.model, before.model);
    assert!(ws.responsibilities[1].has(decides, "legal"));
    assert!(ws.responsibilities[2].has(answers, "care"));
}

#[test]
fn unusable_models_are_reported_with_their_positions() {
    let cases = [
        (
            "wrong-key",
            "wrong-key.toml:14:1",
            "unknown key `accountable` in responsibility \"replies\"; the `does-decides-answers` model's roles are does, decides, answers, consulted, informed",
        ),
        (
            "wrong-key",
            "wrong-key.toml:14:1",
            "`accountable` is a role of raci and rasci (`whoowns convert` rewrites a file from one model to another)",
        ),
        (
            "wrong-key",
            "wrong-key.toml:15:1",
            "did you mean `decides`?",
        ),
        (
            "role-outside-custom",
            "role-outside-custom.toml:7:1",
            "`[[role]]` tables define a custom model",
        ),
        (
            "custom-empty",
            "custom-empty.toml:5:9",
            "a `custom` model needs its roles",
        ),
        (
            "custom-problems",
            "custom-problems.toml:11:18",
            "unknown meaning `dose` in role #1; did you mean `does`?",
        ),
        (
            "custom-problems",
            "custom-problems.toml:14:7",
            "duplicate role key `maker`",
        ),
        (
            "custom-problems",
            "custom-problems.toml:16:10",
            "duplicate role letter `M`",
        ),
        (
            "custom-problems",
            "custom-problems.toml:5:9",
            "no role of the custom model answers",
        ),
        (
            "unknown-model",
            "unknown-model.toml:5:9",
            "unknown role model `rapd` in `[workspace]`; did you mean `rapid`?",
        ),
    ];
    for (name, at, message) in cases {
        let path = format!("tests/fixtures/models/invalid/{name}.toml");
        let out = whoowns().args(["check", &path]).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(message), "{name}: {err}");
        assert!(err.contains(at), "{name}: {err}");
    }
}

#[test]
fn convert_is_lossless_both_ways_and_refuses_to_drop_roles() {
    let dir = tempfile::tempdir().expect("a directory");
    let sample = dir.path().join("sample.toml");
    std::fs::copy(Path::new(ROOT).join("assets/sample.toml"), &sample).expect("copied");
    let dda = dir.path().join("dda.toml");
    whoowns()
        .arg("convert")
        .arg(&sample)
        .args(["--to", "does-decides-answers", "-o"])
        .arg(&dda)
        .assert()
        .success();
    let text = std::fs::read_to_string(&dda).expect("written");
    assert!(text.contains("model = \"does-decides-answers\""));
    assert!(text.contains("decides = [\"legal\", \"pr\"]\nanswers = [\"legal\", \"pr\"]"));
    assert!(
        text.contains("# whoowns sample workspace: Acme's social media charter"),
        "comments kept"
    );
    let back = whoowns()
        .arg("convert")
        .arg(&dda)
        .args(["--to", "raci"])
        .output()
        .expect("runs");
    assert!(back.status.success());
    assert_eq!(
        String::from_utf8_lossy(&back.stdout),
        std::fs::read_to_string(&sample).expect("the sample"),
        "back to RACI is the sample again"
    );

    // Decides without answering cannot be said in RACI.
    let lossy = text.replace(
        "decides = [\"legal\", \"pr\"]\nanswers = [\"legal\", \"pr\"]",
        "decides = [\"legal\"]\nanswers = [\"pr\"]",
    );
    std::fs::write(&dda, &lossy).expect("written");
    let refused = whoowns()
        .arg("convert")
        .arg(&dda)
        .args(["--to", "raci"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "\"Crisis response\" (crisis-response): `decides` of legal (decides) would be lost"
        ),
        "{err}"
    );
    assert!(
        err.contains("`answers` of pr (answers) would be lost"),
        "{err}"
    );
    assert!(
        err.contains("nothing was written (use --lossy to drop them)"),
        "{err}"
    );
    assert!(refused.stdout.is_empty());
    let dropped = whoowns()
        .arg("convert")
        .arg(&dda)
        .args(["--to", "raci", "--lossy"])
        .output()
        .expect("runs");
    assert!(dropped.status.success());
    let raci = parse(&String::from_utf8_lossy(&dropped.stdout))
        .expect("loads")
        .workspace;
    let crisis = raci.responsibility("crisis-response").expect("kept");
    assert!(crisis.accountable.is_empty());
}
