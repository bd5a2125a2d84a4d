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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return argument_error(&e),
    };
    match cli.command {
        Some(command) => run_command(command),
        None => whoowns::tui::run(cli.file.as_deref(), cli.theme.as_deref()),
    }
}
