//! `whoowns import SHEET --into WORKSPACE [--prune] [--dry-run]`: the roles of an existing
//! workspace updated from a table, in one atomic save that keeps the replaced version as a
//! backup (or, with `--dry-run`, the diff printed instead).

use std::path::Path;

use super::import::{ImportArgs, options, read, summary};
use super::{EXIT_OK, EXIT_UNUSABLE, load_or_report};
use crate::output;
use crate::spreadsheet::update_roles;
use crate::text::sanitize_path;
use crate::workspace::{WriteError, WriteOptions, parse, prepare, update_document};

pub(super) fn run(args: &ImportArgs, bytes: &[u8], into: &Path) -> u8 {
    if super::input::is_stdin(into) {
        output::error("whoowns: --into needs a workspace file to update, not `-` (standard input)");
        return EXIT_UNUSABLE;
    }
    let Some(loaded) = load_or_report(into) else {
        return EXIT_UNUSABLE;
    };
    let target = sanitize_path(into);
    let shown = super::input::shown(&args.file);
    let options = match options(args, Some(&loaded.workspace.model)) {
        Ok(options) => options,
        Err(message) => {
            output::error(message);
            return EXIT_UNUSABLE;
        }
    };
    let Some(imported) = read(args, bytes, &options) else {
        return EXIT_UNUSABLE;
    };
    let (updated, report) = update_roles(&loaded.workspace, &imported, args.prune);
    let mut lines = vec![summary(&shown, &imported)];
    for name in &report.departments_added {
        lines.push(format!("{target}: department \"{name}\" is new: added"));
    }
    for name in &report.departments_missing {
        lines.push(format!(
            "{target}: department \"{name}\" is not in the table: its roles are kept"
        ));
    }
    for name in &report.added {
        lines.push(format!("{target}: \"{name}\" is new: added"));
    }
    for name in &report.missing {
        lines.push(if report.pruned {
            format!("{target}: \"{name}\" is not in the table: removed (--prune)")
        } else {
            format!("{target}: \"{name}\" is not in the table: kept (--prune removes it)")
        });
    }
    let text = match update_document(&loaded.text, &updated) {
        Ok(text) => text,
        Err(e) => {
            output::error(format!("{target}: cannot rewrite the file: {e}"));
            return EXIT_UNUSABLE;
        }
    };
    // What is written must load as the updated workspace.
    match parse(&text) {
        Ok(parsed) if parsed.workspace == updated => {}
        Ok(_) => {
            output::error(format!(
                "{target}: the updated workspace would not read back as updated; nothing was written"
            ));
            return EXIT_UNUSABLE;
        }
        Err(diagnostics) => {
            let first = diagnostics
                .first()
                .map(|d| d.message.clone())
                .unwrap_or_default();
            output::error(format!(
                "{}\n{target}: the updated workspace would not load ({first}); nothing was written",
                lines.join("\n")
            ));
            return EXIT_UNUSABLE;
        }
    }
    let changes = crate::diff::diff(&loaded.workspace, &updated);
    if args.dry_run {
        output::error(lines.join("\n"));
        let rendered = crate::diff::render_text(&changes, &loaded.workspace, &updated);
        let shown_diff = if changes.is_empty() {
            format!("{target}: the table changes nothing (--dry-run: nothing written)\n")
        } else {
            format!("{rendered}{target}: --dry-run: nothing written\n")
        };
        let _ = output::document(&shown_diff);
        return EXIT_OK;
    }
    if changes.is_empty() && text == loaded.text {
        lines.push(format!(
            "{target}: the table changes nothing; not rewritten"
        ));
        output::error(lines.join("\n"));
        return EXIT_OK;
    }
    match save(into, &loaded.text, &text) {
        Ok(()) => {
            let n = changes.responsibilities.len();
            lines.push(format!(
                "{target}: updated ({n} responsibilit{} changed); the previous version is kept (whoowns restore {target})",
                if n == 1 { "y" } else { "ies" }
            ));
            output::error(lines.join("\n"));
            EXIT_OK
        }
        Err(message) => {
            lines.push(format!("{target}: {message}; nothing was written"));
            output::error(lines.join("\n"));
            EXIT_UNUSABLE
        }
    }
}

/// Replaces `path` with `text` atomically, unless the file changed since it was read as
/// `before`; the version replaced goes to the backup ring first.
fn save(path: &Path, before: &str, text: &str) -> Result<(), String> {
    let prepared =
        prepare(path, text.as_bytes(), WriteOptions::default()).map_err(|e| match e {
            WriteError::ReadOnly(_) => format!("{e}; make it writable first"),
            other => other.to_string(),
        })?;
    let data_dir = crate::dirs::data_dir().ok();
    prepared
        .commit(|| {
            let now = std::fs::read(path)?;
            if now != before.as_bytes() {
                return Err(std::io::Error::other(
                    "the file changed on disk while the table was read",
                ));
            }
            if let Some(dir) = &data_dir {
                // A backup that cannot be written does not stop the save it would protect.
                let _ = crate::backup::keep(dir, path, &now);
            }
            Ok(())
        })
        .map_err(|e: std::io::Error| e.to_string())
}
