//! The fish completion script: helper functions that find the subcommand and the position of
//! the word being completed, and a `complete` line per option, value and positional argument.

use std::fmt::Write as _;

use super::{FileKind, Spec, Value};

/// How the program itself (no subcommand yet) is named in the conditions.
const TOP: &str = "__";

/// The script for `spec`, the program's definition.
pub(in crate::cli) fn script(spec: &Spec) -> String {
    let name = &spec.name;
    let f = format!("__{}", name.replace('-', "_"));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# fish completion for {name}; written by `{name} completions fish`.\n\
         # Install: {name} completions fish > ~/.config/fish/completions/{name}.fish\n"
    );
    out.push_str(&helpers(&f, spec));
    let _ = writeln!(out, "complete -c {name} -f");
    for (level, command) in levels(spec) {
        for option in &command.options {
            let mut line = format!("complete -c {name} -n '{f}_in {level}'");
            if let Some(c) = option.short {
                let _ = write!(line, " -s {c}");
            }
            if let Some(long) = &option.long {
                let _ = write!(line, " -l {long}");
            }
            match &option.value {
                None => {}
                Some(Value::File(FileKind::Any)) => line.push_str(" -r -F"),
                Some(value) => {
                    let _ = write!(line, " -x -k -a {}", candidates(&f, value));
                }
            }
            let _ = writeln!(line, " -d {}", quote(&option.help));
            out.push_str(&line);
        }
    }
    // The first word: a subcommand, or the board's workspace file.
    for command in &spec.subcommands {
        let _ = writeln!(
            out,
            "complete -c {name} -n '{f}_at {TOP} 0' -a {} -d {}",
            quote(&command.name),
            quote(&command.about)
        );
    }
    if let Some(first) = spec.positionals.first() {
        let _ = writeln!(
            out,
            "complete -c {name} -n '{f}_at {TOP} 0' -k -a {}",
            candidates(&f, &first.value)
        );
    }
    for command in &spec.subcommands {
        let level = &command.name;
        if level == "help" {
            let names = spec.subcommand_names().join(" ");
            let _ = writeln!(
                out,
                "complete -c {name} -n '{f}_at help 0' -a {}",
                quote(&names)
            );
            continue;
        }
        for (index, positional) in command.positionals.iter().enumerate() {
            let many = if positional.many { " many" } else { "" };
            let (flag, what) = match &positional.value {
                Value::Free => continue,
                Value::File(FileKind::Any) => ("-F", String::new()),
                value => ("-k -a", format!(" {}", candidates(&f, value))),
            };
            let _ = writeln!(
                out,
                "complete -c {name} -n '{f}_at {level} {index}{many}' {flag}{what} -d {}",
                quote(&positional.help)
            );
        }
    }
    out
}

/// Every command of `spec` with its name in the conditions.
fn levels(spec: &Spec) -> Vec<(&str, &Spec)> {
    std::iter::once((TOP, spec))
        .chain(spec.subcommands.iter().map(|s| (s.name.as_str(), s)))
        .collect()
}

/// The functions the conditions call: `_words` (the subcommand, or `__`, and how many
/// positional words follow it before the cursor), `_takes_value`, `_in` and `_at`, and
/// `_files` (directories and files with the given extensions).
fn helpers(f: &str, spec: &Spec) -> String {
    let subcommands = spec.subcommand_names().join(" ");
    let mut takes = String::new();
    for (level, command) in levels(spec) {
        let spellings: Vec<String> = command
            .options_with_values()
            .iter()
            .map(|s| quote(&format!("{level} {s}")))
            .collect();
        if !spellings.is_empty() {
            let _ = writeln!(
                takes,
                "        case {}\n            return 0",
                spellings.join(" ")
            );
        }
    }
    format!(
        r#"function {f}_takes_value
    switch "$argv[1] $argv[2]"
{takes}    end
    return 1
end

function {f}_words
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l cmd {TOP}
    set -l npos 0
    set -l skip 0
    for t in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        if string match -q -- '-?*' $t
            if not string match -q -- '*=*' $t; and {f}_takes_value $cmd $t
                set skip 1
            end
            continue
        end
        if test $cmd = {TOP} -a $npos -eq 0; and contains -- $t {subcommands}
            set cmd $t
            continue
        end
        set npos (math $npos + 1)
    end
    echo $cmd
    echo $npos
end

function {f}_in
    set -l w ({f}_words)
    test "$w[1]" = "$argv[1]"
end

function {f}_at
    set -l w ({f}_words)
    test "$w[1]" = "$argv[1]"; or return 1
    if set -q argv[3]
        test $w[2] -ge $argv[2]
    else
        test $w[2] -eq $argv[2]
    end
end

function {f}_files
    set -l token (commandline -ct)
    set -l found $token*/
    for ext in $argv
        set -a found $token*.$ext $token*.(string upper -- $ext)
    end
    printf '%s\n' $found
end

"#
    )
}

/// The `-a` argument offering `value`: the choices with their meanings (fish's builtin
/// `printf` writes the tab between them), or the files.
fn candidates(f: &str, value: &Value) -> String {
    match value {
        Value::Choices(choices) => {
            let mut out = String::from("'(printf \"%s\\t%s\\n\"");
            for (name, help) in choices {
                let _ = write!(out, " {} {}", double_quoted(name), double_quoted(help));
            }
            out.push_str(")'");
            out
        }
        Value::File(kind) => format!("'({f}_files {})'", kind.extensions().join(" ")),
        Value::Free => "''".into(),
    }
}

/// `text` in single quotes for fish.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `text` in double quotes for fish, inside a single-quoted `-a` argument: `"` and `$`
/// escaped, `'` typographic and backslashes dropped (they would end or change the outer quotes).
fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\'' => out.push('’'),
            '\\' | '\t' | '\n' => {}
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}
