//! `whoowns import`: a RACI spreadsheet (CSV) turned into a workspace file.

use std::path::PathBuf;

use super::{EXIT_OK, EXIT_UNUSABLE, explain};
use crate::output;
use crate::spreadsheet::read_csv;
use crate::text::sanitize_path;
use crate::workspace::{WriteOptions, parse, to_toml, write_file};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The spreadsheet, saved as CSV (`,`, `;` or tab between cells; UTF-8, with or without a
    /// byte order mark); `-` reads standard input.
    pub csv: PathBuf,
    /// Write the workspace to this file instead of standard output (never over an existing
    /// file without `--force`).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub force: bool,
}

pub(super) fn import(args: &ImportArgs) -> u8 {
    let shown = super::input::shown(&args.csv);
    let bytes = match super::input::read_bytes(&args.csv) {
        Ok(bytes) => bytes,
        Err(e) => {
            output::error(format!("{shown}: cannot read: {e}"));
            return EXIT_UNUSABLE;
        }
    };
    let fallback = Some(&args.csv)
        .filter(|p| !super::input::is_stdin(p))
        .and_then(|p| p.file_stem())
        .map_or_else(|| "RACI".into(), |s| s.to_string_lossy().into_owned());
    let imported = match read_csv(&bytes, &fallback) {
        Ok(imported) => imported,
        Err(problems) => {
            let count = problems.len();
            let mut lines: Vec<String> = problems.iter().map(|p| format!("{shown}: {p}")).collect();
            lines.push(format!(
                "{shown}: {count} problem{} in the table; nothing was imported",
                if count == 1 { "" } else { "s" }
            ));
            output::error(lines.join("\n"));
            return EXIT_UNUSABLE;
        }
    };
    let text = to_toml(&imported.workspace);
    // What is written must load: a failure here is a bug, never a file to hand over.
    if let Err(diagnostics) = parse(&text) {
        let first = diagnostics
            .first()
            .map(|d| d.message.clone())
            .unwrap_or_default();
        output::error(format!(
            "{shown}: the imported workspace would not load ({first}); nothing was written"
        ));
        return EXIT_UNUSABLE;
    }
    let ws = &imported.workspace;
    let summary = format!(
        "{shown}: read the table under the heading row {} (`{}` between cells): {} responsibilities, {} departments",
        imported.header_row,
        if imported.delimiter == '\t' {
            "tab".to_owned()
        } else {
            imported.delimiter.to_string()
        },
        ws.responsibilities.len(),
        ws.departments.len()
    );
    match &args.output {
        None => {
            output::error(summary);
            match output::document(&text) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    output::error(format!("whoowns: cannot write to standard output: {e}"));
                    EXIT_UNUSABLE
                }
                _ => EXIT_OK,
            }
        }
        Some(path) => {
            if path.exists() && !args.force {
                output::error(format!(
                    "whoowns: {} already exists; not overwriting it (use --force to replace it)",
                    sanitize_path(path)
                ));
                return EXIT_UNUSABLE;
            }
            match write_file(path, text.as_bytes(), WriteOptions::default()) {
                Ok(()) => {
                    output::error(format!(
                        "{summary}\nwrote {}; next: whoowns check {0}",
                        sanitize_path(path)
                    ));
                    EXIT_OK
                }
                Err(e) => {
                    output::error(format!(
                        "whoowns: cannot write {}: {}",
                        sanitize_path(path),
                        explain(e)
                    ));
                    EXIT_UNUSABLE
                }
            }
        }
    }
}
