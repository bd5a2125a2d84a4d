//! Helpers shared by the suites that drive `whoowns import` through the real binary
//! (`tests/import_*.rs`, `tests/spreadsheet.rs`): run an import and load what it printed, expect
//! a refusal, name what a workspace holds by names rather than ids, and write scratch tables.
//!
//! Included with `#[path = "common/import.rs"] mod import_common;` so that the suites build
//! without the board (`tests/common/mod.rs` needs the `tui` feature).

#![allow(dead_code)]

use assert_cmd::cargo::cargo_bin_cmd;
use whoowns::workspace::{Role, Workspace, parse};

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The binary, run from the crate root without colour.
pub fn whoowns() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("whoowns");
    cmd.current_dir(ROOT).env("NO_COLOR", "1");
    cmd
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// `whoowns import FILE EXTRA...`, run.
pub fn run_import(file: &str, extra: &[&str]) -> std::process::Output {
    whoowns()
        .arg("import")
        .arg(file)
        .args(extra)
        .output()
        .expect("runs")
}

/// Writes `rows` into `sheet` from row `top` down, leaving empty cells unwritten.
pub fn write_cells(sheet: &mut rust_xlsxwriter::Worksheet, top: u32, rows: &[&[&str]]) {
    for (r, row) in rows.iter().enumerate() {
        let r = top + u32::try_from(r).expect("row");
        for (c, cell) in row.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            let c = u16::try_from(c).expect("column");
            sheet.write_string(r, c, *cell).expect("write");
        }
    }
}

/// Imports `file` (relative to the crate root, or absolute) with `extra` flags: the workspace
/// printed and what was said on standard error.
pub fn import(file: &str, extra: &[&str]) -> (Workspace, String) {
    let out = run_import(file, extra);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{file}: {said}");
    let ws = parse(&text(&out.stdout))
        .unwrap_or_else(|e| panic!("the import of {file} does not load: {e:?}"))
        .workspace;
    (ws, said)
}

/// Imports `file`, expecting a refusal: what was said.
pub fn refused(file: &str, extra: &[&str]) -> String {
    let out = run_import(file, extra);
    assert_eq!(out.status.code(), Some(2), "{file}: {}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "nothing printed on a refusal");
    text(&out.stderr)
}

/// Imports `file`, expecting a refusal that says each of `expected`.
pub fn refuses(file: &str, extra: &[&str], expected: &[&str]) {
    assert_says(&refused(file, extra), expected);
}

/// A fixture of `tests/fixtures/import/`.
pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/import/{name}")
}

/// A folder for tables written by a test, removed with it.
pub struct Scratch(tempfile::TempDir);

impl Scratch {
    pub fn new() -> Scratch {
        Scratch(tempfile::tempdir().expect("tempdir"))
    }

    /// The path of `name` in the folder.
    pub fn path(&self, name: &str) -> std::path::PathBuf {
        self.0.path().join(name)
    }

    /// Writes `bytes` to `name` in the folder: its path, as the command line takes it.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write");
        path.to_string_lossy().into_owned()
    }
}

pub fn departments(ws: &Workspace) -> Vec<&str> {
    ws.departments.iter().map(|d| d.name.as_str()).collect()
}

pub fn tasks(ws: &Workspace) -> Vec<&str> {
    ws.responsibilities
        .iter()
        .map(|r| r.name.as_str())
        .collect()
}

pub fn areas(ws: &Workspace) -> Vec<Option<&str>> {
    ws.responsibilities
        .iter()
        .map(|r| r.area.as_deref())
        .collect()
}

/// The name of department `id`.
fn department_name(ws: &Workspace, id: &str) -> String {
    ws.departments
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.name.clone())
        .unwrap_or_else(|| panic!("unknown department {id}"))
}

/// The names of the departments of `ids`, sorted.
fn names_of(ws: &Workspace, ids: &[String]) -> Vec<String> {
    let mut names: Vec<String> = ids.iter().map(|id| department_name(ws, id)).collect();
    names.sort();
    names
}

/// The names of the departments holding `role` for `task`, sorted.
pub fn holders(ws: &Workspace, task: &str, role: Role) -> Vec<String> {
    let r = ws
        .responsibilities
        .iter()
        .find(|r| r.name == task)
        .unwrap_or_else(|| panic!("no task {task}: {:?}", tasks(ws)));
    names_of(ws, r.role(role))
}

/// `(responsibility name, role) -> department names`, comparable across different ids.
pub fn roles_by_name(ws: &Workspace) -> Vec<(String, Role, Vec<String>)> {
    ws.responsibilities
        .iter()
        .flat_map(|r| Role::ALL.map(|role| (r.name.clone(), role, names_of(ws, r.role(role)))))
        .collect()
}

pub fn assert_says(said: &str, expected: &[&str]) {
    for e in expected {
        assert!(said.contains(e), "expected {e:?} in:\n{said}");
    }
}

/// The rules `check --format json` finds in `ws`, with how often.
pub fn findings(ws: &Workspace) -> Vec<(String, usize)> {
    let dir = Scratch::new();
    let path = dir.file("ws.toml", whoowns::workspace::to_toml(ws));
    let out = whoowns()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut counts: Vec<(String, usize)> = Vec::new();
    let list = json
        .pointer("/findings")
        .or_else(|| json.pointer("/files/0/findings"))
        .and_then(|f| f.as_array())
        .cloned()
        .unwrap_or_default();
    for f in list {
        let rule = f["rule"].as_str().unwrap_or_default().to_owned();
        match counts.iter_mut().find(|(r, _)| *r == rule) {
            Some((_, n)) => *n += 1,
            None => counts.push((rule, 1)),
        }
    }
    counts.sort();
    counts
}
