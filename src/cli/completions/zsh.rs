//! The zsh completion script: `_arguments` for the program's own options and its first word
//! (a subcommand or a workspace file), then, in the words after a subcommand, that
//! subcommand's `_arguments`.

use std::fmt::Write as _;

use super::{FileKind, Opt, Positional, Spec, Value};

/// The script for `spec`, the program's definition.
pub(in crate::cli) fn script(spec: &Spec) -> String {
    let name = &spec.name;
    let function = format!("_{}", name.replace('-', "_"));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "#compdef {name}\n\
         # zsh completion for {name}; written by `{name} completions zsh`.\n\
         # Install: {name} completions zsh > ~/.zfunc/_{name}  (with fpath+=(~/.zfunc) before compinit)\n"
    );
    // The subcommands with what each does.
    let _ = writeln!(
        out,
        "{function}_commands() {{\n    local -a commands\n    commands=("
    );
    for command in &spec.subcommands {
        let _ = writeln!(
            out,
            "        {}",
            quote(&format!(
                "{}:{}",
                command.name,
                escape_colons(&command.about)
            ))
        );
    }
    let _ = writeln!(
        out,
        "    )\n    _describe -t commands '{name} command' commands\n}}\n"
    );
    let _ = writeln!(
        out,
        "{function}() {{\n    local curcontext=\"$curcontext\" state state_descr line ret=1\n    typeset -A opt_args\n    _arguments -C -s -S \\"
    );
    for option in &spec.options {
        let _ = writeln!(out, "        {} \\", option_spec(option));
    }
    let first = spec.positionals.first().map_or(String::new(), |p| {
        format!(
            " 'files:{}:{}'",
            escape_colons(&p.name),
            action(&p.value).replace('\'', "'\\''")
        )
    });
    let _ = writeln!(
        out,
        "        '1: :->first' \\\n        '*:: :->rest' && ret=0\n    case $state in\n        first)\n            _alternative 'commands:command:{function}_commands'{first} && ret=0\n            ;;\n        rest)\n            curcontext=\"${{curcontext%:*:*}}:{name}-$words[1]:\"\n            case $words[1] in"
    );
    for command in &spec.subcommands {
        let _ = writeln!(out, "                ({})", command.name);
        if command.name == "help" {
            let _ = writeln!(
                out,
                "                    _arguments '1:: :{function}_commands' && ret=0\n                    ;;"
            );
            continue;
        }
        out.push_str("                    _arguments -s -S");
        for option in &command.options {
            let _ = write!(out, " \\\n                        {}", option_spec(option));
        }
        for (index, positional) in command.positionals.iter().enumerate() {
            let _ = write!(
                out,
                " \\\n                        {}",
                positional_spec(index + 1, positional)
            );
        }
        out.push_str(" && ret=0\n                    ;;\n");
    }
    let _ = writeln!(
        out,
        "                (*)\n                    _message 'no more arguments'\n                    ;;\n            esac\n            ;;\n    esac\n    return ret\n}}\n\n\
         if [ \"$funcstack[1]\" = \"{function}\" ]; then\n    {function} \"$@\"\nelse\n    compdef {function} {name}\nfi"
    );
    out
}

/// The `_arguments` spec of an option: `'(-o --output)'{-o+,--output=}'[help]:OUT:_files'`.
fn option_spec(option: &Opt) -> String {
    let help = format!("[{}]", escape_brackets(&option.help).replace(':', "\\:"));
    let value = option.value.as_ref().map_or(String::new(), |value| {
        format!(":{}:{}", escape_colons(&option.value_name), action(value))
    });
    let takes = option.value.is_some();
    let spelling = |s: String, long: bool| match (takes, long) {
        (true, true) => format!("{s}="),
        (true, false) => format!("{s}+"),
        (false, _) => s,
    };
    let names: Vec<String> = option
        .short
        .map(|c| spelling(format!("-{c}"), false))
        .into_iter()
        .chain(
            option
                .long
                .as_ref()
                .map(|l| spelling(format!("--{l}"), true)),
        )
        .collect();
    let tail = quote(&format!("{help}{value}"));
    match names.as_slice() {
        [one] => format!("{}{tail}", quote(one)),
        [short, long] => {
            let bare = |s: &str| s.trim_end_matches(['=', '+']).to_owned();
            format!("'({} {})'{{{short},{long}}}{tail}", bare(short), bare(long))
        }
        _ => String::new(),
    }
}

/// The `_arguments` spec of the `n`-th positional argument (or of the rest, when it takes
/// many).
fn positional_spec(n: usize, positional: &Positional) -> String {
    let slot = if positional.many {
        "*".to_owned()
    } else {
        n.to_string()
    };
    let optional = if positional.required || positional.many {
        ""
    } else {
        ":"
    };
    quote(&format!(
        "{slot}:{optional}{}:{}",
        escape_colons(&positional.name),
        action(&positional.value)
    ))
}

/// What completes a value: a list of choices with their meanings, files, or nothing.
fn action(value: &Value) -> String {
    match value {
        Value::Choices(choices) => {
            let items: Vec<String> = choices
                .iter()
                .map(|(name, help)| {
                    format!(
                        "{}\\:{}",
                        escape_colons(name),
                        double_quoted(help).replace(':', "\\:")
                    )
                })
                .collect();
            format!("(({}))", items.join(" "))
        }
        Value::File(kind) => files(*kind),
        Value::Free => " ".into(),
    }
}

/// `_files`, limited to the kind's extensions (directories are still offered to go through).
fn files(kind: FileKind) -> String {
    let extensions = kind.extensions();
    if extensions.is_empty() {
        return "_files".into();
    }
    let patterns: Vec<String> = extensions
        .iter()
        .flat_map(|e| [format!("*.{e}"), format!("*.{}", e.to_uppercase())])
        .collect();
    format!("_files -g \"{}\"", patterns.join(" "))
}

/// `text` in single quotes for the shell.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// `text` in double quotes inside a `((...))` list.
fn double_quoted(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '"' | '\\' | '$' | '`' => vec!['\\', c],
            _ => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

fn escape_colons(text: &str) -> String {
    text.replace('\\', "\\\\").replace(':', "\\:")
}

fn escape_brackets(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}
