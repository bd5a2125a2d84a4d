//! `whoowns import`: a RACI table (CSV or TSV, an Excel or OpenDocument workbook, or a
//! Markdown document) turned into a workspace file, or brought into an existing one (`--into`).

use std::path::PathBuf;

use super::{EXIT_OK, EXIT_UNUSABLE, explain};
use crate::output;
use crate::spreadsheet::{CellProblem, Format, Imported, Layout, ReadOptions, Repeated, read_file};
use crate::text::sanitize_path;
use crate::workspace::{ModelKind, RoleModel, WriteOptions, parse, to_toml, write_file};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The table: CSV or TSV (any delimiter, a `sep=` line, UTF-8 with or without a byte order
    /// mark, or UTF-16), a workbook (.xlsx, .xlsm, .xls, .xlsb, .ods) or a Markdown document;
    /// `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write the workspace to this file instead of standard output (never over an existing
    /// file without `--force`).
    #[arg(short, long, value_name = "OUT", conflicts_with = "into")]
    pub output: Option<PathBuf>,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub force: bool,
    /// The workbook sheet to read (default: the first that holds a RACI table).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The table to read, from 1: a Markdown document's, or one of several stacked in a CSV
    /// file or a workbook's sheet (default: the first RACI table).
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    /// The role model whose letters the cells use (default: a legend row's, else raci; with
    /// --into, the workspace's).
    #[arg(long, value_name = "MODEL", value_parser = ["raci", "rasci", "daci", "rapid", "does-decides-answers"])]
    pub model: Option<String>,
    /// The role an `X` (or ✓) in a cell stands for: a letter or a role's name.
    #[arg(long, value_name = "ROLE")]
    pub x_means: Option<String>,
    /// A department headed twice with different letters: merge its columns, or keep them apart.
    #[arg(long, value_enum, value_name = "HOW")]
    pub repeated: Option<Repeated>,
    /// Update the roles of this workspace from the table instead of writing a new one
    /// (one atomic save, the version it replaces kept as a backup).
    #[arg(long, value_name = "WORKSPACE")]
    pub into: Option<PathBuf>,
    /// With --into: remove the responsibilities the table does not list (else kept, listed).
    #[arg(long, requires = "into")]
    pub prune: bool,
    /// With --into: print what would change (as `whoowns diff` does) and write nothing.
    #[arg(long, requires = "into")]
    pub dry_run: bool,
}

pub(super) fn import(args: &ImportArgs) -> u8 {
    let shown = super::input::shown(&args.file);
    let bytes = match super::input::read_bytes(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            output::error(format!("{shown}: cannot read: {e}"));
            return EXIT_UNUSABLE;
        }
    };
    if let Some(into) = &args.into {
        return super::import_into::run(args, &bytes, into);
    }
    let options = match options(args, None) {
        Ok(options) => options,
        Err(message) => {
            output::error(message);
            return EXIT_UNUSABLE;
        }
    };
    let Some(imported) = read(args, &bytes, &options) else {
        return EXIT_UNUSABLE;
    };
    let text = to_toml(&imported.workspace);
    let summary = summary(&shown, &imported);
    // Only the text is needed from here: the workspace goes before the text is read back, so
    // that two workspaces are never in memory at once.
    drop(imported.workspace);
    // What is written must load: a failure here is a bug, never a file to hand over.
    if let Err(diagnostics) = parse(&text).map(drop) {
        let first = diagnostics
            .first()
            .map(|d| d.message.clone())
            .unwrap_or_default();
        output::error(format!(
            "{shown}: the imported workspace would not load ({first}); nothing was written"
        ));
        return EXIT_UNUSABLE;
    }
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

/// The reader's options from the flags; `model` is the workspace's (with --into), which a
/// different `--model` contradicts.
pub(super) fn options(args: &ImportArgs, model: Option<&RoleModel>) -> Result<ReadOptions, String> {
    let asked = args
        .model
        .as_deref()
        .and_then(ModelKind::parse)
        .and_then(RoleModel::builtin);
    let model = match (asked, model) {
        (Some(asked), Some(model)) if asked != *model => {
            return Err(format!(
                "whoowns: --model {} contradicts the workspace's model, {}; convert one of them first (whoowns convert)",
                asked.name(),
                model.name()
            ));
        }
        (_, Some(model)) => Some(model.clone()),
        (asked, None) => asked,
    };
    Ok(ReadOptions {
        model,
        x_means: args.x_means.clone(),
        repeated: args.repeated,
        sheet: args.sheet.clone(),
        table: args.table,
    })
}

/// The table of the file, or `None` after reporting every problem.
pub(super) fn read(args: &ImportArgs, bytes: &[u8], options: &ReadOptions) -> Option<Imported> {
    let shown = super::input::shown(&args.file);
    let fallback = Some(&args.file)
        .filter(|p| !super::input::is_stdin(p))
        .and_then(|p| p.file_stem())
        .map_or_else(|| "RACI".into(), |s| s.to_string_lossy().into_owned());
    let format = Format::of(&args.file, bytes);
    match read_file(format, bytes, &fallback, options) {
        Ok(imported) => Some(imported),
        Err(problems) => {
            report_problems(&shown, &problems);
            None
        }
    }
}

fn report_problems(shown: &str, problems: &[CellProblem]) {
    let count = problems.len();
    let mut lines: Vec<String> = problems.iter().map(|p| format!("{shown}: {p}")).collect();
    lines.push(format!(
        "{shown}: {count} problem{} in the table; nothing was imported",
        if count == 1 { "" } else { "s" }
    ));
    output::error(lines.join("\n"));
}

/// What was read, where, and every note on how.
pub(super) fn summary(shown: &str, imported: &Imported) -> String {
    let ws = &imported.workspace;
    let place = if imported.lines {
        format!("line {}", imported.header_row)
    } else {
        format!("row {}", imported.header_row)
    };
    let how = match (imported.delimiter, imported.layout) {
        (_, Layout::Transposed) => {
            " (a column per role, departments named in the cells)".to_owned()
        }
        (Some('\t'), _) => " (tab between cells)".to_owned(),
        (Some(d), _) => format!(" (`{d}` between cells)"),
        (None, _) => String::new(),
    };
    let sheet = match (imported.table, imported.delimiter) {
        _ if imported.tables.is_empty() => String::new(),
        _ if imported.lines => format!(" of {}", imported.sheet),
        (Some(t), Some(_)) => format!(" of table {t}"),
        (Some(t), None) => format!(" of sheet \"{}\", table {t}", imported.sheet),
        (None, _) => format!(" of sheet \"{}\"", imported.sheet),
    };
    let mut lines: Vec<String> = imported
        .notes
        .iter()
        .map(|n| format!("{shown}: note: {n}"))
        .collect();
    if !imported.tables.is_empty() {
        let what = match imported.table {
            _ if imported.lines || imported.delimiter.is_some() => "tables (--table N)",
            Some(_) => "sheets (--sheet NAME, --table N)",
            None => "sheets (--sheet NAME)",
        };
        lines.push(format!("{shown}: {what}: {}", imported.tables.join("; ")));
    }
    let (r, d) = (ws.responsibilities.len(), ws.departments.len());
    lines.push(format!(
        "{shown}: read the table under the heading {place}{sheet}{how}: {r} responsibilit{}, {d} department{} ({} model)",
        if r == 1 { "y" } else { "ies" },
        if d == 1 { "" } else { "s" },
        ws.model.name()
    ));
    lines.join("\n")
}
