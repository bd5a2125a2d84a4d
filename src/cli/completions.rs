//! Shell completion scripts for bash, zsh and fish, written from the clap definition so they
//! never drift from it: subcommands, their options and the values those take (`--theme`,
//! `--format`, `--color`, the shells of `completions`...), and file arguments that offer only
//! the files they read (workspaces: `*.toml`; spreadsheets for `import`; any file to write to).
//! Elvish and PowerShell get clap's own scripts.

mod bash;
mod fish;
mod zsh;

use clap::builder::ValueHint;
use clap::{Arg, Command};

/// The spreadsheet files `whoowns import` reads, by extension.
pub(super) const SHEET_EXTENSIONS: [&str; 7] = ["csv", "tsv", "txt", "xlsx", "xls", "ods", "md"];

/// The completion script of `shell` for `command` (the program's name is the command's).
pub(super) fn script(shell: clap_complete::Shell, mut command: Command) -> Vec<u8> {
    use clap_complete::Shell;
    let spec = |command: &mut Command| {
        command.build();
        Spec::of(command, true)
    };
    match shell {
        Shell::Bash => bash::script(&spec(&mut command)).into_bytes(),
        Shell::Zsh => zsh::script(&spec(&mut command)).into_bytes(),
        Shell::Fish => fish::script(&spec(&mut command)).into_bytes(),
        other => {
            let name = command.get_name().to_owned();
            let mut script = Vec::new();
            clap_complete::generate(other, &mut command, name, &mut script);
            script
        }
    }
}

/// What a command accepts, as the scripts need it.
pub(super) struct Spec {
    pub name: String,
    /// One line saying what it does.
    pub about: String,
    pub options: Vec<Opt>,
    pub positionals: Vec<Positional>,
    pub subcommands: Vec<Spec>,
}

/// An option: a flag, or one that takes a value.
pub(super) struct Opt {
    pub short: Option<char>,
    pub long: Option<String>,
    pub help: String,
    /// What its value is; `None` for a flag.
    pub value: Option<Value>,
    /// How its value is named in help (`FORMAT`, `OUT`).
    pub value_name: String,
}

/// A positional argument.
pub(super) struct Positional {
    pub name: String,
    pub help: String,
    pub value: Value,
    pub required: bool,
    /// Whether it takes any number of values (it is then the last).
    pub many: bool,
}

/// What an argument's values are, for completing them.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(super) enum Value {
    /// One of these, with what each means.
    Choices(Vec<(String, String)>),
    /// A file of this kind.
    File(FileKind),
    /// Anything: nothing to offer.
    Free,
}

/// Which files an argument offers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum FileKind {
    /// Workspace files: `*.toml`.
    Workspace,
    /// Spreadsheets `import` reads.
    Sheet,
    /// Any file (where to write, a key file...).
    Any,
}

impl FileKind {
    /// The extensions offered; empty for any file.
    pub(super) fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Workspace => &["toml"],
            FileKind::Sheet => &SHEET_EXTENSIONS,
            FileKind::Any => &[],
        }
    }
}

impl Spec {
    fn of(command: &Command, top: bool) -> Spec {
        let name = command.get_name().to_owned();
        let options = command
            .get_arguments()
            .filter(|a| !a.is_positional() && !a.is_hide_set())
            .map(|a| Opt {
                short: a.get_short(),
                long: a.get_long().map(str::to_owned),
                help: one_line(a.get_help().map(ToString::to_string)),
                value: takes_value(a).then(|| value_of(&name, a, top)),
                value_name: a
                    .get_value_names()
                    .and_then(|names| names.first())
                    .map_or_else(
                        || a.get_id().to_string().to_uppercase(),
                        ToString::to_string,
                    ),
            })
            .collect();
        let positionals = command
            .get_positionals()
            .filter(|a| !a.is_hide_set())
            .map(|a| Positional {
                name: a
                    .get_value_names()
                    .and_then(|names| names.first())
                    .map_or_else(|| a.get_id().to_string(), |n| n.to_lowercase()),
                help: one_line(a.get_help().map(ToString::to_string)),
                value: value_of(&name, a, top),
                required: a.is_required_set(),
                many: a.get_num_args().is_some_and(|n| n.max_values() > 1),
            })
            .collect();
        let subcommands = command
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .map(|c| Spec::of(c, false))
            .collect();
        Spec {
            name,
            about: one_line(command.get_about().map(ToString::to_string)),
            options,
            positionals,
            subcommands,
        }
    }

    /// The names of the subcommands, in order.
    pub(super) fn subcommand_names(&self) -> Vec<&str> {
        self.subcommands.iter().map(|s| s.name.as_str()).collect()
    }

    /// The options that take a value, spelled as typed (`--format`, `-o`).
    pub(super) fn options_with_values(&self) -> Vec<String> {
        self.options
            .iter()
            .filter(|o| o.value.is_some())
            .flat_map(|o| {
                let short = o.short.map(|c| format!("-{c}"));
                let long = o.long.as_ref().map(|l| format!("--{l}"));
                short.into_iter().chain(long)
            })
            .collect()
    }
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_action().takes_values() && arg.get_num_args().is_none_or(|n| n.max_values() > 0)
}

/// What `arg` of the subcommand `command` (or of the program itself, `top`) takes: its possible
/// values, else a kind of file for paths, else anything. A path is a workspace when it is a
/// positional argument (or `--into`) of any command but `init` (which names a file to create)
/// and `import` (whose positional argument is the spreadsheet).
fn value_of(command: &str, arg: &Arg, top: bool) -> Value {
    let choices: Vec<(String, String)> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| {
            (
                v.get_name().to_owned(),
                one_line(v.get_help().map(ToString::to_string)),
            )
        })
        .collect();
    if !choices.is_empty() {
        return Value::Choices(choices);
    }
    let path = matches!(
        arg.get_value_hint(),
        ValueHint::AnyPath | ValueHint::FilePath
    );
    if !path {
        return Value::Free;
    }
    let workspace_slot = arg.is_positional() || arg.get_long() == Some("into");
    Value::File(match command {
        _ if top => FileKind::Workspace,
        "init" => FileKind::Any,
        "import" if arg.is_positional() => FileKind::Sheet,
        _ if workspace_slot => FileKind::Workspace,
        _ => FileKind::Any,
    })
}

/// The first sentence of a help text, on one line, at most 100 characters.
fn one_line(help: Option<String>) -> String {
    let text = help.unwrap_or_default();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = match text.find(". ") {
        Some(end) => &text[..end],
        None => text.trim_end_matches('.'),
    };
    if sentence.chars().count() <= 100 {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(99).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn file_arguments_get_their_kinds() {
        let mut command = crate::cli::Cli::command();
        command.build();
        let spec = Spec::of(&command, true);
        assert_eq!(
            spec.positionals[0].value,
            Value::File(FileKind::Workspace),
            "the board's file"
        );
        let sub = |name: &str| {
            spec.subcommands
                .iter()
                .find(|s| s.name == name)
                .expect(name)
        };
        assert_eq!(
            sub("check").positionals[0].value,
            Value::File(FileKind::Workspace)
        );
        assert!(sub("check").positionals[0].many);
        assert_eq!(
            sub("import").positionals[0].value,
            Value::File(FileKind::Sheet)
        );
        assert_eq!(sub("init").positionals[0].value, Value::File(FileKind::Any));
        let output = sub("export")
            .options
            .iter()
            .find(|o| o.long.as_deref() == Some("output"))
            .expect("-o");
        assert_eq!(output.value, Some(Value::File(FileKind::Any)));
        let Value::Choices(shells) = &sub("completions").positionals[0].value else {
            panic!("shells are choices");
        };
        assert!(shells.iter().any(|(name, _)| name == "zsh"));
    }

    #[test]
    fn help_is_cut_to_its_first_sentence() {
        assert_eq!(one_line(Some("Lint it. Then more.".into())), "Lint it");
        assert_eq!(one_line(Some("One\n  line.".into())), "One line");
        assert_eq!(one_line(Some("x".repeat(150))).chars().count(), 100);
    }
}
