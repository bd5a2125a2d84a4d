//! The workspace module stays in small files named after what they hold (under 600 lines
//! each), and the built-in role models write each shared role once.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_file_of_the_workspace_module_is_under_600_lines() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/workspace"),
        &mut files,
    );
    assert!(files.len() > 20, "{files:?}");
    let long: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(path).expect("read").lines().count();
            (lines >= 600).then(|| format!("{}: {lines} lines", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "split by concern: {long:?}");
}

#[test]
fn the_built_in_models_write_each_shared_role_once() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/workspace/builtin_models.rs"),
    )
    .expect("read");
    for key in [
        "\"accountable\"",
        "\"responsible\"",
        "\"consulted\"",
        "\"informed\"",
    ] {
        assert_eq!(text.matches(key).count(), 1, "{key} written more than once");
    }
}
