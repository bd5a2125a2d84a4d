//! `whoowns init`: write a workspace to start from (the sample, a blank or a minimal one) and
//! the JSON Schema its `#:schema` line points to, for editor completion.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{EXIT_OK, EXIT_UNUSABLE, explain};
use crate::output;
use crate::text::sanitize_path;
use crate::workspace::{WriteOptions, write_file};

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the workspace (a directory gets `whoowns.toml` inside it).
    #[arg(default_value = "whoowns.toml")]
    pub path: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// What to start from.
    #[arg(long, value_enum, default_value_t = Template::Sample)]
    pub template: Template,
}

/// The workspaces `init` can write, all bundled in the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Template {
    /// Acme's charter mid-workshop, with some conflicts left open on purpose.
    Sample,
    /// The usual departments and no responsibilities yet.
    Blank,
    /// Two departments and one responsibility, with no findings.
    Minimal,
}

impl Template {
    /// The template's text.
    pub fn text(self) -> &'static str {
        match self {
            Template::Sample => crate::SAMPLE_WORKSPACE,
            Template::Blank => crate::BLANK_WORKSPACE,
            Template::Minimal => crate::MINIMAL_WORKSPACE,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Template::Sample => "the sample workspace",
            Template::Blank => "a blank workspace (departments only)",
            Template::Minimal => "a minimal workspace",
        }
    }
}

pub(super) fn init(args: &InitArgs) -> u8 {
    let path = if args.path.is_dir() {
        args.path.join(crate::discover::FILE_NAME)
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
    let template = args.template;
    if let Err(e) = write_file(&path, template.text().as_bytes(), options).map_err(explain) {
        output::error(format!(
            "whoowns: cannot write {}: {e}",
            sanitize_path(&path)
        ));
        return EXIT_UNUSABLE;
    }
    let mut said = format!("wrote {} to {}", template.describe(), sanitize_path(&path));
    // The `#:schema` line points next to the workspace; an existing schema is left alone.
    let schema = path.with_file_name(crate::schema::FILE_NAME);
    if !schema.exists() {
        match write_file(
            &schema,
            crate::schema::text().as_bytes(),
            WriteOptions::default(),
        ) {
            Ok(()) => said.push_str(&format!(
                "\nwrote {} for editor completion (taplo, Even Better TOML)",
                sanitize_path(&schema)
            )),
            Err(e) => said.push_str(&format!(
                "\nnote: cannot write {} ({e}); `whoowns schema -o FILE` writes it",
                sanitize_path(&schema)
            )),
        }
    }
    said.push_str(&format!(
        "\nnext: whoowns check {0}   or   whoowns {0}",
        sanitize_path(&path)
    ));
    output::info(said);
    EXIT_OK
}
