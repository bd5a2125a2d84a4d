//! `export --since REV|FILE`: the earlier version a charter is compared with, read from another
//! file or from a git revision of the workspace file, for the appendix "Changed since".

use std::path::Path;
use std::process::Command;

use crate::text::sanitize_path;
use crate::workspace::{Workspace, load_file, load_text};

/// The earlier workspace `since` names, and how the appendix calls it: a file when there is one
/// by that name, else a git revision of `workspace` (`git show REV:./FILE` beside it).
pub fn earlier(since: &str, workspace: &Path) -> Result<(Workspace, String), String> {
    let as_file = Path::new(since);
    if as_file.is_file() {
        let loaded = load_file(as_file).map_err(|e| e.to_string())?;
        let name = as_file
            .file_name()
            .map_or_else(|| since.to_owned(), |n| n.to_string_lossy().into_owned());
        return Ok((loaded.workspace, format!("file {name}")));
    }
    if since.starts_with('-') || since.contains(['\n', '\0']) {
        return Err(format!("`{since}` is neither a file nor a git revision"));
    }
    let dir = workspace
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = workspace
        .file_name()
        .ok_or_else(|| format!("{} names no file", sanitize_path(workspace)))?;
    let spec = format!("{since}:./{}", name.to_string_lossy());
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", "--no-textconv", &spec])
        .output()
        .map_err(|e| format!("cannot run git to read `{since}`: {e}"))?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "`{since}` is neither a file nor a git revision of {} ({})",
            sanitize_path(workspace),
            crate::text::sanitize(why.trim())
        ));
    }
    let text = String::from_utf8(output.stdout).map_err(|_| format!("{spec} is not UTF-8 text"))?;
    let loaded = load_text(workspace, text).map_err(|e| e.to_string())?;
    Ok((loaded.workspace, format!("revision {since}")))
}
