//! The command line: `whoowns [FILE]` opens the board; `check`, `export` and `init` work headless.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::{Analysis, Finding, Summary, analyze};
use crate::charter::{self, CharterOptions};
use crate::output;
use crate::text::{is_unsafe_char, sanitize, sanitize_path};
use crate::workspace::{
    LineIndex, LoadedFile, Severity, WriteError, WriteOptions, is_valid_date, load_file, write_file,
};

/// Exit status: everything is fine.
pub const EXIT_OK: u8 = 0;
/// Exit status: the workspace has error findings (or warnings, with `--strict`).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: the input could not be used at all.
pub const EXIT_UNUSABLE: u8 = 2;

/// Who does, decides and answers for social media here: a shared-ownership charter.
#[derive(Debug, Parser)]
#[command(name = "whoowns", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Workspace to open on the board (default: your workspace in the user data directory,
    /// created from the bundled sample on first run).
    pub file: Option<PathBuf>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint a workspace: report conflicts like a compiler (exit 1 on errors, 2 on unusable input).
    Check(CheckArgs),
    /// Write the shared-ownership charter as Markdown.
    Export(ExportArgs),
    /// Write the bundled sample workspace to start from.
    Init(InitArgs),
    /// Show what changed from BEFORE to AFTER (exit 1 when anything did, 2 on unusable input).
    Diff(DiffArgs),
    /// Bring back a version of a workspace kept by the board's saves (the current one is kept
    /// too, so restoring again undoes it).
    Restore(RestoreArgs),
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The workspace file (TOML).
    pub file: PathBuf,
    /// List the kept versions, newest first, instead of restoring.
    #[arg(long)]
    pub list: bool,
    /// Which version to bring back: 1 is the newest.
    #[arg(default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub n: u16,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The workspace file (TOML).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Count warnings as failures too (exit 1).
    #[arg(long)]
    pub strict: bool,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines like a linter, for people.
    Text,
    /// One JSON object, for tools.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The workspace file (TOML).
    pub file: PathBuf,
    /// Write the charter to this file (atomically, keeping its owner, mode and attributes)
    /// instead of standard output. `-` or `/dev/stdout` mean standard output; a FIFO or a
    /// character device is written into, never replaced; a read-only file is refused.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The charter's date, YYYY-MM-DD (without it the charter carries no date, so the same
    /// workspace always gives the same bytes).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the sample (a directory gets `whoowns.toml` inside it).
    #[arg(default_value = "whoowns.toml")]
    pub path: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

fn parse_date(text: &str) -> Result<String, String> {
    if is_valid_date(text) {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "`{text}` is not a calendar date written YYYY-MM-DD"
        ))
    }
}

/// Runs a headless command and returns the process exit code.
pub fn run_command(command: Command) -> ExitCode {
    let code = match command {
        Command::Check(args) => check(&args),
        Command::Export(args) => export(&args),
        Command::Init(args) => init(&args),
        Command::Restore(args) => restore(&args),
        Command::Diff(args) => diff(&args),
    };
    ExitCode::from(code)
}

/// Loads a workspace, printing why not to standard error.
pub fn load_or_report(path: &Path) -> Option<LoadedFile> {
    match load_file(path) {
        Ok(loaded) => Some(loaded),
        Err(error) => {
            output::error(error.to_string());
            None
        }
    }
}

fn check(args: &CheckArgs) -> u8 {
    let Some(loaded) = load_or_report(&args.file) else {
        return EXIT_UNUSABLE;
    };
    let analysis = analyze(&loaded.workspace);
    let summary = analysis.summary();
    let printed = match args.format {
        Format::Text => print_text_report(&loaded, &analysis),
        Format::Json => print_json_report(&loaded, &analysis),
    };
    if let Err(e) = printed
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        output::error(format!("whoowns: cannot write the report: {e}"));
        return EXIT_UNUSABLE;
    }
    // The process ends right after: tearing down a large workspace would only cost time.
    std::mem::forget((loaded, analysis));
    if summary.errors > 0 || (args.strict && summary.warnings > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().bold().fg_color(Some(color.into()))
}

fn print_text_report(loaded: &LoadedFile, analysis: &Analysis) -> io::Result<()> {
    let mut out = anstream::stdout().lock();
    let index = LineIndex::new(&loaded.text);
    let ws = &loaded.workspace;
    let responsibility_at: HashMap<&str, usize> = ws
        .responsibilities
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let path = sanitize_path(&loaded.path);
    let dim = Style::new().dimmed();
    for finding in &analysis.findings {
        let style = severity_style(finding.severity);
        writeln!(
            out,
            "{style}{}[{}]{style:#}: {}",
            finding.severity,
            finding.rule,
            sanitize(&finding.message)
        )?;
        let (span, item) = locate(loaded, &responsibility_at, finding);
        let at = index.locate(&loaded.text, span);
        writeln!(out, "  {dim}-->{dim:#} {path}:{at} ({})", sanitize(&item))?;
    }
    if !analysis.findings.is_empty() {
        writeln!(out)?;
    }
    let Summary {
        errors,
        warnings,
        info,
    } = analysis.summary();
    let verdict = if errors > 0 {
        severity_style(Severity::Error)
    } else {
        Style::new().bold().fg_color(Some(AnsiColor::Green.into()))
    };
    writeln!(
        out,
        "{verdict}{path}: {errors} error{}, {warnings} warning{}, {info} info{verdict:#} ({} responsibilities, {} departments)",
        plural(errors),
        plural(warnings),
        ws.responsibilities.len(),
        ws.departments.len(),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The byte offset a finding points at, and a label for the item.
fn locate(
    loaded: &LoadedFile,
    responsibility_at: &HashMap<&str, usize>,
    finding: &Finding,
) -> (usize, String) {
    if let Some(id) = &finding.responsibility {
        let offset = responsibility_at
            .get(id.as_str())
            .and_then(|&i| loaded.source_map.responsibilities.get(i))
            .map_or(0, |span| span.start);
        return (offset, format!("responsibility \"{id}\""));
    }
    if let Some(id) = &finding.department {
        let offset = loaded
            .workspace
            .department_index(id)
            .and_then(|i| loaded.source_map.departments.get(i))
            .map_or(0, |span| span.start);
        return (offset, format!("department \"{id}\""));
    }
    (0, "workspace".into())
}

fn print_json_report(loaded: &LoadedFile, analysis: &Analysis) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Report<'a> {
        workspace: &'a str,
        summary: Summary,
        findings: &'a [Finding],
    }
    let report = Report {
        workspace: &loaded.workspace.info.name,
        summary: analysis.summary(),
        findings: &analysis.findings,
    };
    let json = serde_json::to_string_pretty(&report).map_err(io::Error::other)?;
    let mut out = io::stdout().lock();
    writeln!(out, "{}", escape_json_text(&json))
}

/// Writes every character a terminal could act on, or a reader could not see (C1 controls,
/// bidi and zero-width characters), as a `\uXXXX` escape. Such characters only occur inside
/// JSON strings, so the document means exactly the same and is safe on a terminal.
fn escape_json_text(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c != '\n' && is_unsafe_char(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `-o PATH` means standard output: `-`, `/dev/stdout` or file descriptor 1.
fn is_stdout(path: &Path) -> bool {
    path == Path::new("-")
        || ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
            .iter()
            .any(|p| path == Path::new(p))
}

fn export(args: &ExportArgs) -> u8 {
    let target = args.output.as_deref().filter(|p| !is_stdout(p));
    if let Some(out) = target
        && crate::workspace::same_file(out, &args.file)
    {
        output::error(format!(
            "whoowns: {} is the workspace itself; choose another file for the charter",
            sanitize_path(out)
        ));
        return EXIT_UNUSABLE;
    }
    let Some(loaded) = load_or_report(&args.file) else {
        return EXIT_UNUSABLE;
    };
    let analysis = analyze(&loaded.workspace);
    let options = CharterOptions {
        date: args.date.clone(),
        ..CharterOptions::default()
    };
    let markdown = charter::render(&loaded.workspace, &analysis, &options);
    let written = match target {
        Some(path) => write_file(path, markdown.as_bytes(), WriteOptions::default())
            .map_err(|e| (path.to_path_buf(), explain(e))),
        None => {
            let mut out = io::stdout().lock();
            match out
                .write_all(markdown.as_bytes())
                .and_then(|()| out.flush())
            {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    Err(("standard output".into(), e))
                }
                _ => Ok(()),
            }
        }
    };
    // The process ends right after: tearing down a large workspace would only cost time.
    std::mem::forget((loaded, analysis, markdown));
    match written {
        Ok(()) => {
            if let Some(path) = target {
                output::error(format!("wrote the charter to {}", sanitize_path(path)));
            }
            EXIT_OK
        }
        Err((path, e)) => {
            output::error(format!(
                "whoowns: cannot write {}: {e}",
                sanitize_path(&path)
            ));
            EXIT_UNUSABLE
        }
    }
}

/// A write error with what to do about it.
fn explain(e: WriteError) -> io::Error {
    let hint = match &e {
        WriteError::ReadOnly(_) => "; make it writable first if it should be replaced",
        WriteError::CannotKeep { .. } => "; remove it first or write the charter elsewhere",
        _ => "",
    };
    io::Error::other(format!("{e}{hint}"))
}

fn init(args: &InitArgs) -> u8 {
    let path = if args.path.is_dir() {
        args.path.join("whoowns.toml")
    } else {
        args.path.clone()
    };
    if path.exists() && !args.force {
        output::error(format!(
            "whoowns: {} already exists; not overwriting it (use --force to replace it)",
            sanitize_path(&path)
        ));
        return EXIT_UNUSABLE;
    }
    let options = WriteOptions {
        overwrite_read_only: args.force,
        in_place_if_needed: false,
    };
    match write_file(&path, crate::SAMPLE_WORKSPACE.as_bytes(), options).map_err(explain) {
        Ok(()) => {
            output::info(format!(
                "wrote the sample workspace to {}\nnext: whoowns check {0}   or   whoowns {0}",
                sanitize_path(&path)
            ));
            EXIT_OK
        }
        Err(e) => {
            output::error(format!(
                "whoowns: cannot write {}: {e}",
                sanitize_path(&path)
            ));
            EXIT_UNUSABLE
        }
    }
}

fn restore(args: &RestoreArgs) -> u8 {
    let data_dir = match crate::dirs::data_dir() {
        Ok(dir) => dir,
        Err(e) => {
            output::error(format!("whoowns: no backups to look at: {e}"));
            return EXIT_UNUSABLE;
        }
    };
    let shown = sanitize_path(&args.file);
    if args.list {
        let backups = crate::backup::list(&data_dir, &args.file);
        if backups.is_empty() {
            output::info(format!(
                "no backups of {shown} yet (each save on the board keeps one)"
            ));
        } else {
            let mut lines = vec![format!("backups of {shown}, newest first:")];
            for (i, b) in backups.iter().enumerate() {
                lines.push(format!(
                    "{:>3}  {}  {} bytes",
                    i + 1,
                    crate::backup::format_time(b.taken),
                    b.size
                ));
            }
            output::info(lines.join("\n"));
        }
        return EXIT_OK;
    }
    match crate::backup::restore(&data_dir, &args.file, usize::from(args.n)) {
        Ok(b) => {
            output::error(format!(
                "restored {shown} to the version replaced at {}; the version it had is now backup 1 \
                 (`whoowns restore {shown}` undoes this)",
                crate::backup::format_time(b.taken)
            ));
            EXIT_OK
        }
        Err(e) => {
            output::error(format!("whoowns: cannot restore {shown}: {e}"));
            EXIT_UNUSABLE
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier workspace file (TOML).
    pub before: PathBuf,
    /// The later workspace file (TOML).
    pub after: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

/// How `diff` prints the changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Lines for people, grouped by responsibility.
    Text,
    /// GitHub-flavoured Markdown, to append to a charter.
    Markdown,
    /// One JSON object, for tools.
    Json,
}

fn diff(args: &DiffArgs) -> u8 {
    // Load both, so the diagnostics of both files are shown at once.
    let before = load_or_report(&args.before);
    let after = load_or_report(&args.after);
    let (Some(before), Some(after)) = (before, after) else {
        return EXIT_UNUSABLE;
    };
    let (before, after) = (&before.workspace, &after.workspace);
    let changes = crate::diff::diff(before, after);
    let printed = match args.format {
        DiffFormat::Text => print_diff_text(&crate::diff::render_text(&changes, before, after)),
        DiffFormat::Markdown => print_plain(&crate::diff::render_markdown(&changes, before, after)),
        DiffFormat::Json => print_plain(&crate::diff::render_json(&changes)),
    };
    if let Err(e) = printed
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("whoowns: cannot write the changes: {e}");
        return EXIT_UNUSABLE;
    }
    if changes.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}

/// Prints diff lines sanitized, `+` lines green and `-` lines red on a terminal.
fn print_diff_text(text: &str) -> io::Result<()> {
    let mut out = anstream::stdout().lock();
    for line in text.lines() {
        let color = match line.strip_prefix("  ").and_then(|l| l.chars().next()) {
            Some('+') => Some(AnsiColor::Green),
            Some('-') => Some(AnsiColor::Red),
            Some('!') => Some(AnsiColor::Yellow),
            _ => None,
        };
        let style = match (color, line.starts_with(' ')) {
            (Some(c), _) => Style::new().fg_color(Some(c.into())),
            (None, false) => Style::new().bold(),
            (None, true) => Style::new(),
        };
        writeln!(out, "{style}{}{style:#}", sanitize(line))?;
    }
    out.flush()
}

fn print_plain(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}
