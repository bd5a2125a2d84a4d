//! `whoowns convert FILE --to MODEL`: a workspace in another role model, comments kept.

use std::path::PathBuf;

use super::{EXIT_OK, EXIT_UNUSABLE, explain, load_or_report};
use crate::convert::convert;
use crate::output;
use crate::text::{sanitize, sanitize_path};
use crate::workspace::{ModelKind, RoleModel, WriteOptions, parse, update_document, write_file};

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// The workspace file (TOML).
    pub file: PathBuf,
    /// The role model to convert to.
    #[arg(long, value_name = "MODEL", value_parser = ["raci", "rasci", "daci", "rapid", "does-decides-answers"])]
    pub to: String,
    /// Write the converted workspace here (it may be FILE itself) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Convert even when roles would be lost (each one is still listed).
    #[arg(long)]
    pub lossy: bool,
}

pub(super) fn run(args: &ConvertArgs) -> u8 {
    let Some(loaded) = load_or_report(&args.file) else {
        return EXIT_UNUSABLE;
    };
    let shown = sanitize_path(&args.file);
    let Some(target) = ModelKind::parse(&args.to).and_then(RoleModel::builtin) else {
        output::error(format!(
            "whoowns: unknown role model `{}`; convert to raci, rasci, daci, rapid or does-decides-answers (a custom model is written by hand with `[[role]]` tables)",
            sanitize(&args.to)
        ));
        return EXIT_UNUSABLE;
    };
    let from = loaded.workspace.model.name();
    let (converted, losses) = convert(&loaded.workspace, &target);
    if !losses.is_empty() {
        let mut lines: Vec<String> = losses
            .iter()
            .map(|loss| format!("{shown}: {} would be lost", sanitize(&loss.to_string())))
            .collect();
        if args.lossy {
            lines.push(format!(
                "{shown}: converting from {from} to {} drops {} role{} (--lossy)",
                target.name(),
                losses.len(),
                if losses.len() == 1 { "" } else { "s" }
            ));
            output::error(lines.join("\n"));
        } else {
            lines.push(format!(
                "{shown}: converting from {from} to {} would drop {} role{}; nothing was written (use --lossy to drop them)",
                target.name(),
                losses.len(),
                if losses.len() == 1 { "" } else { "s" }
            ));
            output::error(lines.join("\n"));
            return EXIT_UNUSABLE;
        }
    }
    let text = match update_document(&loaded.text, &converted) {
        Ok(text) => text,
        Err(e) => {
            output::error(format!("{shown}: cannot rewrite the file: {e}"));
            return EXIT_UNUSABLE;
        }
    };
    // What is written must load as the converted workspace: anything else is a bug.
    match parse(&text) {
        Ok(parsed) if parsed.workspace == converted => {}
        _ => {
            output::error(format!(
                "{shown}: the converted workspace would not read back as converted; nothing was written"
            ));
            return EXIT_UNUSABLE;
        }
    }
    match &args.output {
        None => match output::document(&text) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                output::error(format!("whoowns: cannot write to standard output: {e}"));
                EXIT_UNUSABLE
            }
            _ => EXIT_OK,
        },
        Some(path) => match write_file(path, text.as_bytes(), WriteOptions::default()) {
            Ok(()) => {
                output::info(format!(
                    "{shown}: converted from {from} to {}; wrote {}",
                    target.name(),
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
        },
    }
}
