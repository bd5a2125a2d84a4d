//! The `whoowns` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use whoowns::cli::{Cli, run_command};

/// Help and version print as clap formats them; an argument error echoes what was typed, so it
/// goes through the sanitizer (plain text, no colour). A closed pipe is not an error here.
fn argument_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
    } else if e.use_stderr() {
        whoowns::output::error(e.render().to_string().trim_end());
    } else {
        whoowns::output::info(e.render().to_string().trim_end());
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(message) = whoowns::cli::misspelled_subcommand(&args) {
        whoowns::output::error(message);
        return ExitCode::from(whoowns::cli::EXIT_UNUSABLE);
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return argument_error(&e),
    };
    match cli.command {
        Some(command) => run_command(command),
        None => board(cli.file, cli.theme.as_deref(), cli.hide_cursor),
    }
}

/// The board on FILE, else on `whoowns.toml` here or in a parent directory (up to the
/// repository root), else on the default workspace in the data directory. On a terminal that
/// cannot draw (`TERM=dumb`: a screen reader's or an editor's), the line-oriented shell instead.
#[cfg(feature = "tui")]
fn board(file: Option<std::path::PathBuf>, theme: Option<&str>, hide_cursor: bool) -> ExitCode {
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return whoowns::cli::shell::run(&whoowns::cli::shell::ShellArgs {
            file,
            keep_going: false,
        });
    }
    whoowns::tui::run(
        file.or_else(whoowns::discover::find).as_deref(),
        theme,
        hide_cursor,
    )
}

/// Built without the `tui` feature: only the headless commands.
#[cfg(not(feature = "tui"))]
fn board(_file: Option<std::path::PathBuf>, _theme: Option<&str>, _hide_cursor: bool) -> ExitCode {
    whoowns::output::error(
        "whoowns: this build has no board (built without the `tui` feature); \
         use a subcommand such as `whoowns check` (see `whoowns --help`)",
    );
    ExitCode::from(whoowns::cli::EXIT_UNUSABLE)
}
