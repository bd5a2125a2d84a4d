//! `whoowns shell [FILE]`: the line-oriented shell's front end. On a terminal it reads lines with
//! line editing, history and Tab completion (rustyline); otherwise it runs standard input as a
//! script, stopping at the first failing line. The engine is [`crate::shell::Shell`].

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rustyline::completion::Completer;
use rustyline::config::{Behavior, BellStyle, ColorMode, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::Validator;
use rustyline::{Editor, Helper};

use super::{EXIT_FINDINGS, EXIT_UNUSABLE};
use crate::journal::{Journal, JournalWriter, Recovery};
use crate::session::Session;
use crate::shell::{Completions, Reply, Shell};
use crate::text::{sanitize, sanitize_path};

#[derive(Debug, clap::Args)]
pub struct ShellArgs {
    /// The workspace file (TOML); without it, `whoowns.toml` here or in a parent directory up to
    /// the repository root, else your workspace in the user data directory.
    pub file: Option<PathBuf>,
    /// In a script, go on after a failing line (each is reported; the exit status is 1 if any
    /// failed) instead of stopping at the first.
    #[arg(long)]
    pub keep_going: bool,
}

/// What the prompt says: short, as a screen reader reads it before every line.
const PROMPT: &str = "> ";

/// Runs the shell on `args.file` (or the discovered workspace).
pub fn run(args: &ShellArgs) -> ExitCode {
    let file = args.file.clone().or_else(crate::discover::find);
    let path = match file {
        Some(path) => path,
        None => match crate::dirs::default_workspace() {
            Ok(path) => path,
            Err(e) => {
                crate::output::error(format!(
                    "whoowns: cannot prepare the default workspace: {e}"
                ));
                return ExitCode::from(EXIT_UNUSABLE);
            }
        },
    };
    let interactive = io::stdin().is_terminal();
    let crate::session::Editing {
        mut session,
        state_dir,
        lock,
    } = match crate::session::Editing::open(&path) {
        Ok(editing) => editing,
        Err(error) => {
            crate::output::error(error.to_string());
            return ExitCode::from(EXIT_UNUSABLE);
        }
    };
    let mut opening = Vec::new();
    let restored = match &state_dir {
        Some(state) => match recover(state, &path, &mut session, interactive) {
            Ok(restored) => restored,
            Err(code) => return code,
        },
        None => Restored::default(),
    };
    let writer = state_dir
        .as_ref()
        .map(|state| JournalWriter::start(Journal::for_board(state, &path)));
    let today = crate::analysis::today();
    let mut shell = Shell::new(session, today, interactive);
    if let Some(writer) = writer {
        shell = shell.with_journal(writer);
        // The restored work is in this shell's journal before the journals it came from go.
        shell.flush_journal();
    }
    let restored_changes = restored.changes;
    restored.done();
    if lock.as_ref().is_some_and(|l| l.shared) {
        opening.push(
            "Another whoowns board or shell has this file open: a save over its changes is refused until you say save overwrite."
                .to_owned(),
        );
    }
    let code = if interactive {
        opening.insert(0, format!("Opened {}.", sanitize_path(&path)));
        if restored_changes > 0 {
            opening.push(format!(
                "Restored {restored_changes} unsaved change{} from the crash journal; undo takes them back, save keeps them.",
                if restored_changes == 1 { "" } else { "s" }
            ));
        }
        interactive_loop(&mut shell, &opening)
    } else {
        for line in &opening {
            crate::output::error(format!("note: {line}"));
        }
        script(&mut shell, args.keep_going)
    };
    drop(lock);
    code
}

/// The crash journals' work, restored (interactive) or only mentioned (a script).
#[derive(Default)]
struct Restored {
    changes: usize,
    #[cfg(feature = "tui")]
    offered: Option<crate::tui::recover::Offered>,
}

impl Restored {
    /// Removes the journals whose work was restored (once it is in this shell's journal).
    fn done(self) {
        #[cfg(feature = "tui")]
        if let Some(offered) = self.offered {
            offered.done();
        }
    }
}

/// On a terminal, offers each dead board's or shell's unsaved work as the board does; in a
/// script, only says that there is some (a script never answers questions it was not written
/// for), and leaves it for the next open on a terminal.
fn recover(
    state: &Path,
    path: &Path,
    session: &mut Session,
    interactive: bool,
) -> Result<Restored, ExitCode> {
    if !interactive {
        let waiting = Journal::found(state, path, session.disk_text())
            .into_iter()
            .filter(|found| {
                Recovery::new(
                    found.entry.clone(),
                    session.disk_text(),
                    session.workspace(),
                    true,
                )
                .is_some()
            })
            .count();
        if waiting > 0 {
            crate::output::error(format!(
                "note: {} has unsaved changes from a board or shell that ended without saving; open it on a terminal to restore or discard them",
                sanitize_path(path)
            ));
        }
        return Ok(Restored::default());
    }
    #[cfg(feature = "tui")]
    {
        let offered = crate::tui::recover::offer_with(
            state,
            path,
            session,
            Some("undo"),
            crate::tui::recover::ask_in_words,
        )?;
        Ok(Restored {
            changes: offered.changes,
            offered: Some(offered),
        })
    }
    #[cfg(not(feature = "tui"))]
    Ok(Restored::default())
}

/// Prints a reply: its lines to standard output, its error to standard error as `error: `
/// and `prefix` (both already sanitized by the engine).
fn print(reply: &Reply, prefix: &str) {
    let mut out = io::stdout().lock();
    for line in &reply.lines {
        let _ = writeln!(out, "{line}");
    }
    let _ = out.flush();
    if let Some(error) = &reply.error {
        let _ = writeln!(io::stderr().lock(), "error: {prefix}{error}");
    }
}

/// Standard input as a script: one command a line, stopping at the first failure (exit 1,
/// nothing more saved) unless `keep_going`. Changes not saved by a `save` are dropped.
fn script(shell: &mut Shell, keep_going: bool) -> ExitCode {
    let mut failed = false;
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut bytes = Vec::new();
    let mut number = 0usize;
    loop {
        bytes.clear();
        match input.read_until(b'\n', &mut bytes) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                crate::output::error(format!("error: cannot read standard input: {e}"));
                failed = true;
                break;
            }
        }
        number += 1;
        let reply = match std::str::from_utf8(&bytes) {
            Ok(line) => shell.run(line),
            Err(_) => Reply {
                error: Some("the line is not UTF-8 text".to_owned()),
                ..Reply::default()
            },
        };
        print(&reply, &format!("line {number}: "));
        if reply.error.is_some() {
            failed = true;
            if !keep_going {
                break;
            }
        }
        if reply.quit {
            break;
        }
    }
    if shell.session().is_dirty() {
        let n = shell.session().unsaved_steps();
        crate::output::error(format!(
            "note: {n} change{} not saved: a script keeps only what it saves (end it with save)",
            if n == 1 { " was" } else { "s were" }
        ));
    }
    shell.finish(false);
    ExitCode::from(if failed { EXIT_FINDINGS } else { 0 })
}

/// Tab completion from the latest snapshot of the workspace's words.
struct Complete(Completions);

impl Completer for Complete {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok(self.0.complete(line, pos))
    }
}

impl Hinter for Complete {
    type Hint = String;
}
impl Highlighter for Complete {}
impl Validator for Complete {}
impl Helper for Complete {}

/// Where the shell's line history is kept: the user's state directory, private.
fn history_path() -> Option<PathBuf> {
    let state = crate::dirs::state_dir().ok()?;
    crate::dirs::private_subdir(&state, "history")
        .ok()
        .map(|dir| dir.join("shell.txt"))
}

/// A person at a terminal: line editing, history and completion; `quit` asks about unsaved
/// changes. Ctrl-D is `quit`; at its question, Ctrl-D leaves the changes in the crash journal.
fn interactive_loop(shell: &mut Shell, opening: &[String]) -> ExitCode {
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(true)
        .completion_type(CompletionType::List)
        .color_mode(ColorMode::Disabled)
        .bell_style(BellStyle::None)
        .behavior(Behavior::PreferTerm)
        .build();
    let mut editor: Editor<Complete, FileHistory> = match Editor::with_config(config) {
        Ok(editor) => editor,
        Err(e) => {
            crate::output::error(format!("whoowns: cannot read lines: {e}"));
            return ExitCode::from(EXIT_UNUSABLE);
        }
    };
    editor.set_helper(Some(Complete(shell.completions())));
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    let mut first = opening.to_vec();
    first.extend(shell.run("summary").lines);
    first.push("Type help for the commands, next to walk the agenda.".to_owned());
    print(
        &Reply {
            lines: first.iter().map(|l| sanitize(l)).collect(),
            ..Reply::default()
        },
        "",
    );
    let mut asked_on_eof = false;
    loop {
        let reply = match editor.readline(PROMPT) {
            Ok(line) => {
                asked_on_eof = false;
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                shell.run(&line)
            }
            Err(ReadlineError::Interrupted) => {
                print(
                    &Reply {
                        lines: vec!["Line cleared; quit leaves.".to_owned()],
                        ..Reply::default()
                    },
                    "",
                );
                continue;
            }
            Err(ReadlineError::Eof) if asked_on_eof || !shell.session().is_dirty() => {
                let keep = shell.session().is_dirty();
                if keep {
                    println!(
                        "Left without saving; the changes stay in the crash journal and are offered when the file opens next."
                    );
                }
                shell.finish(keep);
                break;
            }
            Err(ReadlineError::Eof) => {
                asked_on_eof = true;
                shell.run("quit")
            }
            Err(e) => {
                crate::output::error(format!("whoowns: cannot read the line: {e}"));
                shell.finish(true);
                return ExitCode::from(EXIT_UNUSABLE);
            }
        };
        print(&reply, "");
        if reply.quit {
            shell.finish(false);
            break;
        }
        if let Some(helper) = editor.helper_mut() {
            helper.0 = shell.completions();
        }
    }
    if let Some(path) = &history {
        let _ = editor.save_history(path);
    }
    ExitCode::SUCCESS
}
