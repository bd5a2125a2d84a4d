//! The bash completion script: a function that finds the subcommand and the position of the
//! word being completed (skipping options and their values, `--opt=value` included), then
//! offers that position's options, values or files.

use std::fmt::Write as _;

use super::{FileKind, Spec, Value};

/// The script for `spec`, the program's definition.
pub(in crate::cli) fn script(spec: &Spec) -> String {
    let name = &spec.name;
    let function = format!("_{}", name.replace('-', "_"));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# bash completion for {name}; written by `{name} completions bash`.\n\
         # Install: {name} completions bash > ~/.local/share/bash-completion/completions/{name}\n"
    );
    out.push_str(&files_function(&function));
    out.push_str(&takes_value_function(&function, spec));
    out.push_str(&value_function(&function, spec));
    out.push_str(&positional_function(&function, spec));
    out.push_str(&options_function(&function, spec));
    let subcommands = words(spec.subcommand_names());
    let _ = write!(
        out,
        r#"{function}() {{
    local cur prev cword cmd="" npos=0 i w
    COMPREPLY=()
    cword=$COMP_CWORD
    cur="${{COMP_WORDS[cword]}}"
    prev="${{COMP_WORDS[cword-1]}}"
    # `--option=value` arrives as `--option` `=` `value`.
    if [[ $cur == "=" ]]; then
        cur=""
    elif [[ $prev == "=" ]]; then
        prev="${{COMP_WORDS[cword-2]}}"
    fi
    for ((i = 1; i < cword; i++)); do
        w="${{COMP_WORDS[i]}}"
        if [[ $w == -?* ]]; then
            if [[ $w != *=* ]] && {function}_takes_value "$cmd" "$w"; then
                if [[ ${{COMP_WORDS[i+1]}} == "=" ]]; then ((i += 2)); else ((i += 1)); fi
            fi
            continue
        fi
        if [[ -z $cmd && $npos -eq 0 ]] && [[ " {subcommands} " == *" $w "* ]]; then
            cmd="$w"
            continue
        fi
        ((npos += 1))
    done
    if [[ $prev == -?* ]] && {function}_takes_value "$cmd" "$prev"; then
        {function}_value "$cmd" "$prev"
        return 0
    fi
    if [[ $cur == -?* ]]; then
        COMPREPLY=( $(compgen -W "$({function}_options "$cmd")" -- "$cur") )
        return 0
    fi
    {function}_positional "$cmd" "$npos"
    return 0
}}
complete -F {function} {name}
"#
    );
    out
}

/// `_name_files EXTENSIONS`: the directories and the files with one of the extensions (any
/// case), or every file when none is given.
fn files_function(function: &str) -> String {
    format!(
        r#"{function}_files() {{
    local IFS=$'\n' ext
    local -a exts
    compopt -o filenames 2>/dev/null
    if [[ -z $1 ]]; then
        COMPREPLY+=( $(compgen -f -- "$cur") )
        return
    fi
    COMPREPLY+=( $(compgen -d -- "$cur") )
    IFS=' ' read -r -a exts <<< "$1"
    for ext in "${{exts[@]}}"; do
        COMPREPLY+=( $(compgen -f -X "!*.$ext" -- "$cur") $(compgen -f -X "!*.${{ext^^}}" -- "$cur") )
    done
}}
"#
    )
}

/// Every command of `spec` with its name in the scripts: the program itself is `""`.
fn levels(spec: &Spec) -> Vec<(&str, &Spec)> {
    std::iter::once(("", spec))
        .chain(spec.subcommands.iter().map(|s| (s.name.as_str(), s)))
        .collect()
}

/// `_name_takes_value CMD WORD`: whether WORD is an option of CMD that takes a value.
fn takes_value_function(function: &str, spec: &Spec) -> String {
    let mut out = format!("{function}_takes_value() {{\n    case \"$1 $2\" in\n");
    for (level, command) in levels(spec) {
        let spellings = command.options_with_values();
        if spellings.is_empty() {
            continue;
        }
        let patterns: Vec<String> = spellings
            .iter()
            .map(|s| format!("\"{level} {s}\""))
            .collect();
        let _ = writeln!(out, "        {}) return 0 ;;", patterns.join("|"));
    }
    out.push_str("    esac\n    return 1\n}\n");
    out
}

/// What completes a value: the words to offer, or files.
fn offer(value: &Value, function: &str) -> String {
    match value {
        Value::Choices(choices) => {
            let names = words(choices.iter().map(|(n, _)| n.as_str()));
            format!("COMPREPLY=( $(compgen -W \"{names}\" -- \"$cur\") )")
        }
        Value::File(kind) => format!("{function}_files \"{}\"", extensions(*kind)),
        Value::Free => ":".into(),
    }
}

fn extensions(kind: FileKind) -> String {
    kind.extensions().join(" ")
}

/// `_name_value CMD OPTION`: offers the values of OPTION.
fn value_function(function: &str, spec: &Spec) -> String {
    let mut out = format!("{function}_value() {{\n    case \"$1 $2\" in\n");
    for (level, command) in levels(spec) {
        for option in &command.options {
            let Some(value) = &option.value else {
                continue;
            };
            let short = option.short.map(|c| format!("\"{level} -{c}\""));
            let long = option.long.as_ref().map(|l| format!("\"{level} --{l}\""));
            let patterns: Vec<String> = short.into_iter().chain(long).collect();
            let _ = writeln!(
                out,
                "        {}) {} ;;",
                patterns.join("|"),
                offer(value, function)
            );
        }
    }
    out.push_str("    esac\n}\n");
    out
}

/// `_name_positional CMD N`: offers what the N-th (0-based) positional argument of CMD takes.
fn positional_function(function: &str, spec: &Spec) -> String {
    let mut out = format!("{function}_positional() {{\n");
    let subcommands = words(spec.subcommand_names());
    let _ = writeln!(
        out,
        "    if [[ -z $1 && $2 -eq 0 ]]; then\n        COMPREPLY=( $(compgen -W \"{subcommands}\" -- \"$cur\") )"
    );
    if let Some(first) = spec.positionals.first() {
        let _ = writeln!(out, "        {}", offer(&first.value, function));
    }
    out.push_str("        return\n    fi\n");
    for command in &spec.subcommands {
        let name = &command.name;
        if name == "help" {
            let _ = writeln!(
                out,
                "    if [[ $1 == help && $2 -eq 0 ]]; then\n        COMPREPLY=( $(compgen -W \"{subcommands}\" -- \"$cur\") )\n        return\n    fi"
            );
            continue;
        }
        for (index, positional) in command.positionals.iter().enumerate() {
            let test = if positional.many { "-ge" } else { "-eq" };
            let _ = writeln!(
                out,
                "    if [[ $1 == {name} && $2 {test} {index} ]]; then\n        {}\n        return\n    fi",
                offer(&positional.value, function)
            );
        }
    }
    out.push_str("}\n");
    out
}

/// `_name_options CMD`: every option of CMD, as typed.
fn options_function(function: &str, spec: &Spec) -> String {
    let mut out = format!("{function}_options() {{\n    case \"$1\" in\n");
    for (level, command) in levels(spec) {
        let spellings: Vec<String> = command
            .options
            .iter()
            .flat_map(|o| {
                let short = o.short.map(|c| format!("-{c}"));
                let long = o.long.as_ref().map(|l| format!("--{l}"));
                long.into_iter().chain(short)
            })
            .collect();
        let _ = writeln!(
            out,
            "        \"{level}\") echo \"{}\" ;;",
            words(spellings.iter().map(String::as_str))
        );
    }
    out.push_str("    esac\n}\n");
    out
}

/// Words for `compgen -W`, separated by spaces (names never hold spaces or quotes).
fn words<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .filter(|w| {
            w.chars()
                .all(|c| c.is_ascii_graphic() && !"\"'`$\\".contains(c))
        })
        .collect::<Vec<_>>()
        .join(" ")
}
