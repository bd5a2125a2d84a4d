//! Role models through the real binary (issue 18): a workspace in every built-in model and a
//! custom one exports its charter and CSV in the model's words, imports its CSV back to the
//! same model, diffs and merges; a merge of different models and a lossy conversion are
//! refused.

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use whoowns::edit::{DropMode, move_role};
use whoowns::workspace::{Workspace, parse, update_document};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const MODELS: [&str; 5] = ["does-decides-answers", "rapid", "daci", "rasci", "custom"];

fn whoowns() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("whoowns");
    cmd.current_dir(ROOT).env_remove("NO_COLOR");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(ROOT).join(format!("tests/fixtures/models/{name}.toml"))
}

fn load(path: &Path) -> Workspace {
    let text = std::fs::read_to_string(path).expect("readable");
    parse(&text).expect("loads").workspace
}

/// The departments (by name) holding each role of each responsibility, by id.
fn holders(ws: &Workspace) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    for r in &ws.responsibilities {
        for role in ws.model.roles() {
            let mut names: Vec<String> = r
                .role(role)
                .iter()
                .map(|d| ws.department_name(d).to_owned())
                .collect();
            names.sort();
            out.push((r.id.clone(), ws.model.key(role).to_owned(), names));
        }
    }
    out
}

/// `text` with role number `role` of responsibility `index` (the last for `None`) given to a
/// department without it, and that department's name.
fn with_move(text: &str, index: Option<usize>, role: usize) -> (String, String) {
    let mut ws = parse(text).expect("loads").workspace;
    let index = index.unwrap_or(ws.responsibilities.len() - 1);
    let role = ws.model.role(role).expect("a role");
    let to = ws
        .departments
        .iter()
        .map(|d| d.id.clone())
        .find(|d| !ws.responsibilities[index].has(role, d))
        .expect("a department without the role");
    let change =
        move_role(&ws, index, role, None, Some(&to), DropMode::Share).expect("a role given");
    change.edit.apply(&mut ws).expect("applies");
    let name = ws.department_name(&to).to_owned();
    (update_document(text, &ws).expect("saves"), name)
}

#[test]
fn every_model_exports_its_charter_and_csv_and_imports_the_csv_back() {
    let dir = tempfile::tempdir().expect("a directory");
    for name in MODELS {
        let path = fixture(name);
        let ws = load(&path);
        let out = whoowns().arg("export").arg(&path).output().expect("runs");
        assert!(out.status.success(), "{name}");
        let charter = String::from_utf8_lossy(&out.stdout);
        let legend = format!(
            "**How to read this charter:** the roles are those of the `{}` model",
            ws.model.name()
        );
        assert!(charter.contains(&legend), "{name}: {charter}");
        for role in ws.model.roles() {
            let words = format!("**{}** {}", ws.model.label(role), ws.model.meaning(role));
            assert!(charter.contains(&words), "{name}: {words}\n{charter}");
        }

        let csv = dir.path().join(format!("{name}.csv"));
        whoowns()
            .arg("export")
            .arg(&path)
            .args(["--format", "csv", "-o"])
            .arg(&csv)
            .assert()
            .success();
        let text = std::fs::read_to_string(&csv).expect("written");
        let second = text.lines().nth(1).unwrap_or_default();
        assert!(
            second.contains(&format!("Legend: model {}; ", ws.model.name())),
            "{name}: the legend line names the model: {text}"
        );
        let imported = dir.path().join(format!("{name}-imported.toml"));
        let out = whoowns()
            .arg("import")
            .arg(&csv)
            .arg("-o")
            .arg(&imported)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let back = load(&imported);
        assert_eq!(back.model, ws.model, "{name}: the same model read back");
        assert_eq!(holders(&back), holders(&ws), "{name}");
    }
}

#[test]
fn every_model_diffs_and_merges_through_the_command_line() {
    let dir = tempfile::tempdir().expect("a directory");
    for name in MODELS {
        let base_path = fixture(name);
        let base = std::fs::read_to_string(&base_path).expect("a fixture");
        let model = parse(&base).expect("loads").workspace.model;
        let first_label = model
            .label(model.roles().next().expect("a role"))
            .to_owned();

        let (ours, ours_department) = with_move(&base, Some(0), 0);
        let (theirs, theirs_department) = with_move(&base, None, 1);
        let theirs = theirs.replacen(
            "[[department]]",
            "# Their note on the departments.\n[[department]]",
            1,
        );
        let ours_path = dir.path().join(format!("{name}-ours.toml"));
        let theirs_path = dir.path().join(format!("{name}-theirs.toml"));
        std::fs::write(&ours_path, &ours).expect("written");
        std::fs::write(&theirs_path, &theirs).expect("written");

        let diff = whoowns()
            .arg("diff")
            .arg(&base_path)
            .arg(&ours_path)
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&diff.stdout);
        assert_eq!(diff.status.code(), Some(1), "{name}: {text}");
        assert!(
            text.contains(&format!("+ {ours_department}: {first_label}")),
            "{name}: {text}"
        );

        let merged_path = dir.path().join(format!("{name}-merged.toml"));
        let out = whoowns()
            .arg("merge")
            .arg(&base_path)
            .arg(&ours_path)
            .arg(&theirs_path)
            .arg("-o")
            .arg(&merged_path)
            .output()
            .expect("runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let merged_text = std::fs::read_to_string(&merged_path).expect("written");
        let merged = parse(&merged_text).expect("loads").workspace;
        assert_eq!(merged.model, model, "{name}");
        let has = |i: usize, role: usize, department: &str| {
            merged.responsibilities[i]
                .role(model.role(role).expect("a role"))
                .iter()
                .any(|d| merged.department_name(d) == department)
        };
        assert!(
            has(0, 0, &ours_department),
            "{name}: ours kept\n{merged_text}"
        );
        assert!(
            has(merged.responsibilities.len() - 1, 1, &theirs_department),
            "{name}: theirs kept\n{merged_text}"
        );
        for line in base.lines().filter(|l| l.starts_with('#')) {
            assert!(
                merged_text.contains(line),
                "{name}: {line:?} kept\n{merged_text}"
            );
        }
        assert!(
            merged_text.contains("# Their note on the departments."),
            "{name}: their comment\n{merged_text}"
        );
    }
}

#[test]
fn a_merge_of_different_models_is_refused() {
    let dir = tempfile::tempdir().expect("a directory");
    let sample = Path::new(ROOT).join("assets/sample.toml");
    let dda = dir.path().join("dda.toml");
    whoowns()
        .arg("convert")
        .arg(&sample)
        .args(["--to", "does-decides-answers", "-o"])
        .arg(&dda)
        .assert()
        .success();
    let out = dir.path().join("merged.toml");
    let merge = whoowns()
        .arg("merge")
        .arg(&sample)
        .arg(&dda)
        .arg(&sample)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&merge.stderr);
    assert_eq!(merge.status.code(), Some(2), "{err}");
    assert!(
        err.contains("the versions use different role models (raci, does-decides-answers, raci)"),
        "{err}"
    );
    assert!(err.contains("whoowns convert"), "{err}");
    assert!(!out.exists(), "nothing was written");
}

#[test]
fn rapid_to_raci_refuses_to_drop_agree_unless_lossy_and_keeps_comments() {
    let rapid = fixture("rapid");
    let refused = whoowns()
        .arg("convert")
        .arg(&rapid)
        .args(["--to", "raci"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{err}");
    assert!(
        err.contains("\"Discount policy\" (discounts): `agree` of finance"),
        "{err}"
    );
    assert!(err.contains("--lossy"), "{err}");
    assert!(refused.stdout.is_empty());

    let dropped = whoowns()
        .arg("convert")
        .arg(&rapid)
        .args(["--to", "raci", "--lossy"])
        .output()
        .expect("runs");
    assert!(dropped.status.success());
    let text = String::from_utf8_lossy(&dropped.stdout);
    assert!(text.contains("# Nobody decides (and so nobody answers): `hot-potato`."));
    assert!(!text.contains("model ="), "RACI is not named: {text}");
    assert!(!text.contains("agree"), "{text}");
    let raci = parse(&text).expect("loads").workspace;
    let discounts = raci.responsibility("discounts").expect("kept");
    assert_eq!(discounts.accountable, ["finance"]);
    assert_eq!(discounts.responsible, ["sales"]);
    assert_eq!(discounts.consulted, ["marketing"]);
}
