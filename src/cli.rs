//! The command line: `whoowns [FILE]` opens the board; `check`, `export`, `init` and the other
//! subcommands work headless.

mod merge_command;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstyle::Style;
use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::analyze_on;
use crate::charter::{self, CharterOptions};
use crate::output;
use crate::palette::Ink;
use crate::text::{sanitize, sanitize_path};
use crate::workspace::{LoadedFile, WriteError, WriteOptions, is_valid_date, write_derived};

mod check;
mod completions;
mod convert;
mod extra;
mod github;
mod import;
mod import_into;
mod init;
pub mod input;
mod json_out;
mod locate;
mod manual;
mod restore;
pub mod shell;
mod since;
pub mod split;

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
    /// Workspace to open on the board (default: `whoowns.toml` here or in a parent directory up
    /// to the repository root, else one of the recent workspaces you pick, else your workspace
    /// in the user data directory, created from the bundled sample on first run).
    pub file: Option<PathBuf>,
    /// The board's colours: default, high-contrast (projectors), light (white screens) or mono
    /// (no colour; `NO_COLOR` chooses it too).
    #[arg(long, value_name = "NAME", value_parser = ["default", "high-contrast", "light", "mono"])]
    pub theme: Option<String>,
    /// Keep the terminal's cursor hidden, for presenting (by default it stands on the selected
    /// card, for screen readers and braille displays; `cursor = false` in the settings too).
    #[arg(long)]
    pub hide_cursor: bool,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint a workspace: report conflicts like a compiler (exit 1 on errors, 2 on unusable input).
    Check(CheckArgs),
    /// Write the shared-ownership charter as Markdown or HTML, or the role matrix (RACI or the
    /// workspace's model) as a spreadsheet (CSV).
    Export(ExportArgs),
    /// Write a workspace to start from: the bundled sample, a blank one or a minimal one.
    Init(InitArgs),
    /// Show what changed from BEFORE to AFTER (exit 1 when anything did, 2 on unusable input).
    Diff(DiffArgs),
    /// Bring back a version of a workspace kept by the board's saves (the current one is kept
    /// too, so restoring again undoes it).
    Restore(RestoreArgs),
    /// Convert a workspace to another role model (raci, rasci, daci, rapid,
    /// does-decides-answers), keeping comments; refuses to drop a role unless --lossy.
    Convert(convert::ConvertArgs),
    /// Turn a RACI table (CSV, an Excel or OpenDocument workbook, or Markdown; another role model
    /// when a legend row names it) into a workspace, or update an existing workspace's roles
    /// from one (--into).
    Import(ImportArgs),
    /// Print the JSON Schema of the workspace format (for editors: taplo, Even Better TOML).
    Schema(SchemaArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man -l -` or to install under man1/.
    Man,
    /// Three-way merge of workspace versions, as a git merge driver: `merge %O %A %B -o %A`
    /// (exit 0 when clean, 1 with conflicts recorded in the file, 2 on unusable input).
    Merge(merge_command::MergeArgs),
    /// The whole workshop as one command a line, answered in plain sentences: for screen
    /// readers, braille displays and scripts (standard input not a terminal runs as a script).
    Shell(shell::ShellArgs),
    /// Host a hybrid workshop: your board here, and the live board in each remote participant's
    /// own terminal over SSH (`ssh -p 2222 HOST`), read-only, following you.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
}

#[cfg(feature = "serve")]
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The workspace file (TOML); without it, as for the board.
    pub file: Option<PathBuf>,
    /// Where participants connect (loopback unless told otherwise).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
    pub listen: std::net::SocketAddr,
    /// The passcode participants type (default: a random one, printed at start; none when
    /// --allowed-keys is given without --passcode).
    #[arg(long, value_name = "CODE")]
    pub passcode: Option<String>,
    /// Public keys that may join without a passcode (OpenSSH authorized_keys format).
    #[arg(long, value_name = "FILE")]
    pub allowed_keys: Option<PathBuf>,
    /// The facilitator's board colours (participants choose their own).
    #[arg(long, value_name = "NAME", value_parser = ["default", "high-contrast", "light", "mono"])]
    pub theme: Option<String>,
    /// Keep the facilitator's cursor hidden, for presenting (as for the board).
    #[arg(long)]
    pub hide_cursor: bool,
}

pub use extra::{CompletionsArgs, SchemaArgs, misspelled_subcommand};
pub use import::ImportArgs;
pub use init::{InitArgs, Template};

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
    /// The workspace files (TOML; `-` reads standard input); without any, `whoowns.toml` here
    /// or in a parent directory up to the repository root.
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Count warnings as failures too (exit 1).
    #[arg(long)]
    pub strict: bool,
    /// The day to check on, YYYY-MM-DD (default: today): after the workspace's `review_by`
    /// date, `review-due` is reported.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,
    /// Report only the findings that fail the check (errors, and warnings with --strict),
    /// without the summary lines: nothing at all when the check passes.
    #[arg(short, long)]
    pub quiet: bool,
    /// When to colour the report: auto (on a terminal, unless `NO_COLOR` is set), always or
    /// never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

/// When a command colours what it prints (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set (`CLICOLOR_FORCE` forces it).
    Auto,
    /// Always, even into a pipe or under `NO_COLOR`.
    Always,
    /// Never.
    Never,
}

/// Makes every coloured print of this process follow `when`.
fn use_color(when: ColorWhen) {
    anstream::ColorChoice::write_global(match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines like a linter, for people.
    Text,
    /// One JSON document for tools: `{"version": 1, "files": [...]}`, a report per file, each
    /// finding placed at the key at fault (line, column, end_line, end_column).
    Json,
    /// GitHub Actions workflow annotations (`::error file=F,line=L,col=C,title=RULE::message`).
    Github,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The workspace file (TOML; `-` reads standard input); without it, `whoowns.toml` here
    /// or in a parent directory up to the repository root.
    pub file: Option<PathBuf>,
    /// Write the charter to this file (atomically, keeping its owner, mode and attributes)
    /// instead of standard output. `-` or `/dev/stdout` mean standard output; a FIFO or a
    /// character device is written into, never replaced; a read-only file is refused.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The charter's date, YYYY-MM-DD (without it the charter carries no date, so the same
    /// workspace always gives the same bytes until its `review_by` date passes: whether the
    /// review is due is judged on this date, else on today's).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,
    /// What to write: the charter as Markdown or as an HTML page to print, or the role matrix
    /// as a spreadsheet (CSV, the layout `whoowns import` reads; the model's letters, and a
    /// legend row naming a model other than RACI).
    #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
    /// Write the charter as files into DIR instead: index.md (summary, contents, matrix,
    /// findings, decisions, sign-off) and one file per department and per area, linked to each
    /// other. DIR is created if missing; one holding files whoowns did not write is refused.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub split: Option<PathBuf>,
    /// With --split: write into DIR even though it holds other files.
    #[arg(long, requires = "split")]
    pub force: bool,
    /// Add an appendix "Changed since" listing what changed from an earlier version: another
    /// workspace file, or a git revision of this one (such as `v1` or `HEAD~3`).
    #[arg(long, value_name = "REV|FILE")]
    pub since: Option<String>,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The charter, GitHub-flavoured Markdown.
    Markdown,
    /// The role matrix: a row per responsibility, a column per department, the model's letters.
    Csv,
    /// The charter as one standalone HTML page to print and sign (no scripts, nothing
    /// loaded from elsewhere), rendered from the same Markdown.
    Html,
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
        Command::Check(args) => check::check(&args),
        Command::Export(args) => export(&args),
        Command::Init(args) => init::init(&args),
        Command::Import(args) => import::import(&args),
        Command::Convert(args) => convert::run(&args),
        Command::Schema(args) => extra::schema(&args),
        Command::Completions(args) => extra::completions(&args),
        Command::Man => extra::man(),
        Command::Restore(args) => restore::restore(&args),
        Command::Diff(args) => diff(&args),
        Command::Merge(args) => merge_command::merge(&args),
        Command::Shell(args) => return shell::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => return serve(args),
    };
    ExitCode::from(code)
}

/// `whoowns serve`.
#[cfg(feature = "serve")]
fn serve(args: ServeArgs) -> ExitCode {
    crate::tui::remote::serve(&crate::tui::remote::ServeOptions {
        file: args.file.or_else(crate::discover::find),
        listen: args.listen,
        passcode: args.passcode,
        allowed_keys: args.allowed_keys,
        theme: args.theme,
        hide_cursor: args.hide_cursor,
    })
}

/// Loads a workspace (from standard input for `-`), printing why not to standard error.
pub fn load_or_report(path: &Path) -> Option<LoadedFile> {
    match input::load(path) {
        Ok(loaded) => Some(loaded),
        Err(error) => {
            output::error(error.to_string());
            None
        }
    }
}

/// Whether `-o PATH` means standard output: `-`, `/dev/stdout` or file descriptor 1.
fn is_stdout(path: &Path) -> bool {
    path == Path::new("-")
        || ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
            .iter()
            .any(|p| path == Path::new(p))
}

fn export(args: &ExportArgs) -> u8 {
    let Some(file) =
        check::files_or_discovered(args.file.as_slice()).and_then(|f| f.into_iter().next())
    else {
        return EXIT_UNUSABLE;
    };
    let target = args.output.as_deref().filter(|p| !is_stdout(p));
    if let Some(out) = target
        && crate::workspace::same_file(out, &file)
    {
        output::error(format!(
            "whoowns: {} is the workspace itself; choose another file for the charter",
            sanitize_path(out)
        ));
        return EXIT_UNUSABLE;
    }
    let Some(loaded) = load_or_report(&file) else {
        return EXIT_UNUSABLE;
    };
    if let Some(dir) = &args.split {
        return export_split(args, dir, &loaded, &file);
    }
    let markdown = match args.format {
        ExportFormat::Markdown | ExportFormat::Html => {
            let today = args.date.clone().unwrap_or_else(crate::analysis::today);
            let analysis = analyze_on(&loaded.workspace, Some(&today));
            let Some(options) = charter_options(args, &loaded) else {
                return EXIT_UNUSABLE;
            };
            let markdown = if args.format == ExportFormat::Html {
                charter::render_html(&loaded.workspace, &analysis, &options)
            } else {
                charter::render(&loaded.workspace, &analysis, &options)
            };
            // The process ends right after: tearing down the analysis would only cost time.
            std::mem::forget(analysis);
            markdown
        }
        ExportFormat::Csv => crate::spreadsheet::to_csv(&loaded.workspace),
    };
    let written = match target {
        Some(path) => write_derived(path, markdown.as_bytes(), WriteOptions::default(), &file)
            .map_err(|e| (path.to_path_buf(), explain(e))),
        None => output::document(&markdown).map_err(|e| ("standard output".into(), e)),
    };
    // The process ends right after: tearing down a large workspace would only cost time.
    std::mem::forget((loaded, markdown));
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

/// The options of the charter `args` ask for, with the appendix of `--since` read; `None` (said
/// why) when the earlier version cannot be read.
fn charter_options(args: &ExportArgs, loaded: &LoadedFile) -> Option<CharterOptions> {
    let since = match &args.since {
        Some(since) => match since::earlier(since, &loaded.path) {
            Ok((before, label)) => {
                let changes = crate::diff::diff(&before, &loaded.workspace);
                let text = crate::diff::render_markdown_lines(&changes, &before, &loaded.workspace);
                Some((label, text))
            }
            Err(why) => {
                output::error(format!("whoowns: --since: {why}"));
                return None;
            }
        },
        None => None,
    };
    Some(CharterOptions {
        date: args.date.clone(),
        since,
        ..CharterOptions::default()
    })
}

/// `export --split DIR`.
fn export_split(args: &ExportArgs, dir: &Path, loaded: &LoadedFile, file: &Path) -> u8 {
    if args.format != ExportFormat::Markdown {
        output::error("whoowns: --split writes the Markdown charter; leave --format out");
        return EXIT_UNUSABLE;
    }
    let today = args.date.clone().unwrap_or_else(crate::analysis::today);
    let analysis = analyze_on(&loaded.workspace, Some(&today));
    let Some(options) = charter_options(args, loaded) else {
        return EXIT_UNUSABLE;
    };
    let written = split::Writer::new(dir, file, args.force).and_then(|mut writer| {
        charter::render_split_to(&loaded.workspace, &analysis, &options, &mut |f| {
            writer.file(&f)
        })?;
        writer.finish()
    });
    std::mem::forget(analysis);
    match written {
        Ok(count) => {
            output::error(format!(
                "wrote the charter to {} ({count} files, start with index.md)",
                sanitize_path(dir),
            ));
            EXIT_OK
        }
        Err(e) => {
            output::error(format!("whoowns: cannot write {}: {e}", sanitize_path(dir)));
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

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier workspace file (TOML; `-` reads standard input).
    pub before: PathBuf,
    /// The later workspace file (TOML; `-` reads standard input).
    pub after: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// When to colour the text format: auto (on a terminal, unless `NO_COLOR` is set), always
    /// or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
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
    if let Some(message) = input::stdin_twice(&[&args.before, &args.after]) {
        output::error(message);
        return EXIT_UNUSABLE;
    }
    use_color(args.color);
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
        DiffFormat::Markdown => {
            output::document(&crate::diff::render_markdown(&changes, before, after))
        }
        DiffFormat::Json => output::document(&crate::text::escape_json(&crate::diff::render_json(
            &changes,
        ))),
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

/// The terminal colour of `ink`, from the palette the board's default theme uses too.
fn ink_color(ink: Ink) -> anstyle::Color {
    let index = anstyle::Ansi256Color(ink.ansi());
    index
        .into_ansi()
        .map_or(anstyle::Color::Ansi256(index), Into::into)
}

/// Prints diff lines sanitized, `+` lines green and `-` lines red on a terminal.
fn print_diff_text(text: &str) -> io::Result<()> {
    let mut out = anstream::stdout().lock();
    for line in text.lines() {
        let color = match line.strip_prefix("  ").and_then(|l| l.chars().next()) {
            Some('+') => Some(ink_color(Ink::Ok)),
            Some('-') => Some(ink_color(Ink::Removed)),
            Some('!') => Some(ink_color(Ink::Warning)),
            _ => None,
        };
        let style = match (color, line.starts_with(' ')) {
            (Some(c), _) => Style::new().fg_color(Some(c)),
            (None, false) => Style::new().bold(),
            (None, true) => Style::new(),
        };
        writeln!(out, "{style}{}{style:#}", sanitize(line))?;
    }
    out.flush()
}
