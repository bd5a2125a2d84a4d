//! The `whoowns` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use whoowns::cli::{Cli, run_command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run_command(command),
        None => whoowns::tui::run(cli.file.as_deref()),
    }
}
