//! `whoowns man`: one manual page (roff) for the program and every subcommand, written from the
//! clap definition, with the EXIT STATUS, ENVIRONMENT and FILES sections a manual page has. It
//! names no other page (there is no `whoowns-check(1)`: the subcommands are sections here).

use std::fmt::Write as _;

use clap::{Arg, Command};

/// What the program is, in plain words (the DESCRIPTION section).
const DESCRIPTION: &[&str] = &[
    "whoowns settles who does, decides and answers for social media in an organization: for \
     every responsibility, which departments are Responsible (do the work), Accountable (decide \
     and answer), Consulted (are asked before) and Informed (are told after), how co-owners \
     settle a disagreement, and who funds it. A workspace may use another role model instead \
     of RACI (RASCI, DACI, RAPID, does-decides-answers or its own roles); the rules read what \
     each role means.",
    "Without a command it opens the board, a terminal dashboard of the workspace: drag \
     responsibilities between departments and see conflicts as you go. The commands below work \
     headless, for scripts, CI and git.",
    "A workspace is one TOML file (by convention whoowns.toml). A FILE of - means standard input \
     for check, export, diff and import.",
];

/// The EXIT STATUS section: status and meaning.
const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Fine: for check, no finding is an error; for diff, nothing changed; for merge, a clean merge.",
    ),
    (
        "1",
        "check found an error (with --strict, a warning counts too); diff found a difference; \
         merge recorded conflicts in the file.",
    ),
    (
        "2",
        "Unusable input: a file cannot be read or is not a valid workspace, or the command line \
         is wrong.",
    ),
    (
        "128+N",
        "The board ended on signal N (SIGTERM, SIGHUP or SIGINT) after journaling unsaved work.",
    ),
];

/// The ENVIRONMENT section: variable and what it does.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "NO_COLOR",
        "When set and not empty, nothing is coloured (the board uses its mono theme), unless \
         --color always is given.",
    ),
    (
        "CLICOLOR_FORCE",
        "When set and not 0, reports are coloured even into a pipe (NO_COLOR still wins; \
         --color overrides both).",
    ),
    (
        "CLICOLOR",
        "When 0, reports are not coloured on a terminal either.",
    ),
    (
        "GITHUB_WORKSPACE",
        "The root that check --format github names files from; without it, the top of the git \
         repository holding the current directory.",
    ),
    (
        "XDG_CONFIG_HOME",
        "Where the settings are kept (default ~/.config).",
    ),
    (
        "XDG_DATA_HOME",
        "Where the default workspace and the backups are kept (default ~/.local/share).",
    ),
    (
        "XDG_STATE_HOME",
        "Where the crash journals and locks are kept (default ~/.local/state).",
    ),
    ("HOME", "The base of the default directories above."),
];

/// The FILES section: path and what it is (Linux paths; other systems use their own places).
const FILES: &[(&str, &str)] = &[
    (
        "whoowns.toml",
        "The workspace found when no FILE is given: in the current directory or the nearest \
         parent holding one, up to the top of the repository.",
    ),
    (
        "whoowns.schema.json",
        "The JSON Schema written beside a workspace by init, for editors (whoowns schema prints \
         it).",
    ),
    (
        "$XDG_CONFIG_HOME/whoowns/settings.toml",
        "The board's settings: theme, lens, panels, cursor (false hides the terminal's cursor, \
         which otherwise stands on the selected card for screen readers and braille displays, \
         as --hide-cursor does), keys, recent workspaces.",
    ),
    (
        "$XDG_DATA_HOME/whoowns/workspace.toml",
        "The default workspace, made from the bundled sample on the first run.",
    ),
    (
        "$XDG_DATA_HOME/whoowns/backups/",
        "The versions each save replaced, the newest 10 per file (whoowns restore).",
    ),
    (
        "$XDG_STATE_HOME/whoowns/journal/",
        "Unsaved work of each board, offered again after a crash.",
    ),
];

/// The page for `command`, the program's definition.
pub(super) fn page(mut command: Command) -> String {
    command.build();
    let name = command.get_name().to_owned();
    let version = command.get_version().unwrap_or_default().to_owned();
    let mut out = String::new();
    let _ = writeln!(
        out,
        ".TH {} 1 \"\" \"{name} {version}\" \"User Commands\"",
        name.to_uppercase()
    );
    let about = command
        .get_about()
        .map(ToString::to_string)
        .unwrap_or_default();
    let _ = writeln!(out, ".SH NAME\n{name} \\- {}", escape(&about));
    let _ = writeln!(
        out,
        ".SH SYNOPSIS\n{}\n.br\n\\fB{name}\\fR \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]",
        synopsis(&command, &name)
    );
    out.push_str(".SH DESCRIPTION\n");
    for (i, paragraph) in DESCRIPTION.iter().enumerate() {
        if i > 0 {
            out.push_str(".PP\n");
        }
        let _ = writeln!(out, "{}", escape(paragraph));
    }
    out.push_str(".SH OPTIONS\n");
    arguments(&mut out, &command);
    out.push_str(".SH COMMANDS\n");
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            let _ = writeln!(
                out,
                ".SS \"{name} help [COMMAND]\"\nThe help of {name} or of one of its commands (also: COMMAND \\fB\\-\\-help\\fR)."
            );
            continue;
        }
        let _ = writeln!(
            out,
            ".SS \"{}\"",
            escape(&synopsis_text(sub, &name)).replace('"', "\\(dq")
        );
        let about = sub
            .get_long_about()
            .or_else(|| sub.get_about())
            .map(ToString::to_string)
            .unwrap_or_default();
        let _ = writeln!(out, "{}", escape(&sentence(&about)));
        arguments(&mut out, sub);
    }
    definitions(&mut out, "EXIT STATUS", EXIT_STATUS);
    definitions(&mut out, "ENVIRONMENT", ENVIRONMENT);
    definitions(&mut out, "FILES", FILES);
    out
}

/// A section of terms and their meanings.
fn definitions(out: &mut String, title: &str, items: &[(&str, &str)]) {
    if title.contains(' ') {
        let _ = writeln!(out, ".SH \"{title}\"");
    } else {
        let _ = writeln!(out, ".SH {title}");
    }
    for (term, meaning) in items {
        let _ = writeln!(out, ".TP\n.B {}\n{}", escape(term), escape(meaning));
    }
}

/// The program's own synopsis line, in roff.
fn synopsis(command: &Command, name: &str) -> String {
    let mut line = format!("\\fB{name}\\fR");
    for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
        let _ = write!(line, " [{}]", spelled(arg, true));
    }
    line
}

/// `whoowns check [OPTIONS] [FILES]...`, as clap writes the usage.
fn synopsis_text(sub: &Command, name: &str) -> String {
    let usage = sub
        .clone()
        .bin_name(format!("{name} {}", sub.get_name()))
        .render_usage();
    let usage = usage.to_string();
    usage
        .strip_prefix("Usage: ")
        .unwrap_or(&usage)
        .trim()
        .to_owned()
}

/// An argument as written on the command line: `\fB\-o\fR, \fB\-\-output\fR \fIOUT\fR`, or
/// `\fIFILE\fR` for a positional one.
fn spelled(arg: &Arg, short_form: bool) -> String {
    let value = arg.get_value_names().and_then(|n| n.first()).map_or_else(
        || arg.get_id().to_string().to_uppercase(),
        ToString::to_string,
    );
    if arg.is_positional() {
        let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        return format!(
            "\\fI{}\\fR{}",
            escape(&value),
            if many { "..." } else { "" }
        );
    }
    let mut names: Vec<String> = Vec::new();
    if let Some(c) = arg.get_short() {
        names.push(format!("\\fB\\-{c}\\fR"));
    }
    if let Some(long) = arg.get_long() {
        names.push(format!("\\fB\\-\\-{}\\fR", escape(long)));
    }
    let names = if short_form {
        names.join("|")
    } else {
        names.join(", ")
    };
    let takes =
        arg.get_action().takes_values() && arg.get_num_args().is_none_or(|n| n.max_values() > 0);
    if takes {
        format!("{names} \\fI{}\\fR", escape(&value))
    } else {
        names
    }
}

/// The options and arguments of `command`, each with its help, values and default.
fn arguments(out: &mut String, command: &Command) {
    for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
        let _ = writeln!(out, ".TP\n{}", spelled(arg, false));
        let help = arg
            .get_long_help()
            .or_else(|| arg.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        let mut text = sentence(&help);
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| match v.get_help() {
                Some(help) => format!(
                    "{} ({})",
                    v.get_name(),
                    sentence(&help.to_string()).trim_end_matches('.')
                ),
                None => v.get_name().to_owned(),
            })
            .collect();
        if !values.is_empty()
            && arg
                .get_possible_values()
                .iter()
                .any(|v| v.get_help().is_some())
        {
            let _ = write!(text, " Values: {}.", values.join("; "));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let takes = arg.get_action().takes_values();
        if !defaults.is_empty() && takes && !arg.is_positional() {
            let _ = write!(text, " Default: {}.", defaults.join(", "));
        }
        let _ = writeln!(out, "{}", escape(&text));
    }
}

/// Help text as one paragraph ending in a full stop.
fn sentence(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.is_empty() || joined.ends_with(['.', '?', '!']) {
        joined
    } else {
        format!("{joined}.")
    }
}

/// Text made safe for roff: backslashes and hyphens escaped, a leading `.` or `'` neutralized,
/// anything outside ASCII written as a named Unicode escape; text between backticks is bold.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let code = text.matches('`').count().is_multiple_of(2);
    let mut bold = false;
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            '\'' => out.push_str("\\(aq"),
            '`' if code => {
                out.push_str(if bold { "\\fR" } else { "\\fB" });
                bold = !bold;
            }
            '`' => out.push_str("\\(ga"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c if c.is_control() => out.push(' '),
            c => {
                let _ = write!(out, "\\[u{:04X}]", u32::from(c));
            }
        }
    }
    if out.starts_with('.') {
        out.insert_str(0, "\\&");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_text_is_escaped() {
        assert_eq!(escape(".start -x \\ ’"), "\\&.start \\-x \\e \\[u2019]");
        assert_eq!(escape("a `b` c"), "a \\fBb\\fR c");
        assert_eq!(escape("odd ` one"), "odd \\(ga one");
        assert_eq!(sentence("One\n two"), "One two.");
    }
}
