//! The line-oriented shell (`whoowns shell`): the whole workshop as one command a line and
//! plain sentences back, for screen readers, braille displays and scripts.
//!
//! [`Shell`] takes one typed line and returns the answer's lines; it knows nothing of terminals
//! (the front end in [`crate::cli`] reads the lines, with line editing on a terminal). Every
//! change is the same [`crate::edit`] value the board applies, through the same
//! [`Session`]: undo, the crash journal, the changed-on-disk check, atomic saves and backups.
//! Every line of an answer goes through [`crate::text::sanitize`], so no byte of a workspace
//! ever reaches the terminal raw.

mod change;
mod complete;
mod follow;
mod help;
mod lookup;
mod read;
mod speech;
mod store;
mod words;

pub use complete::Completions;
pub use follow::Narrator;
pub use help::COMMANDS;
pub use words::{Word, rest, split};

/// The department `key` means in `ws` (an id, a name or the start of one, in any case), by
/// position; the error says what was probably meant.
pub fn find_department(ws: &crate::workspace::Workspace, key: &str) -> Result<usize, String> {
    lookup::department(ws, key)
}

/// The item `key` means in `ws`, by position (as [`find_department`] for departments).
pub fn find_item(ws: &crate::workspace::Workspace, key: &str) -> Result<usize, String> {
    lookup::item(ws, key)
}

/// A line as the shell says it: dates in words, then made safe for a terminal.
pub fn speak(line: &str) -> String {
    sanitize(&speech::spoken_dates(line))
}

use crate::agenda::Agenda;
use crate::journal::JournalWriter;
use crate::session::Session;
use crate::text::sanitize;

/// One open workspace and the state of the conversation about it.
pub struct Shell {
    session: Session,
    agenda: Agenda,
    /// The walk started (`next` or `previous` was typed).
    walking: bool,
    today: String,
    /// A person types (a terminal), rather than a script: `quit` asks about unsaved changes.
    interactive: bool,
    /// A question waits for its answer on the next line.
    pending: Option<Question>,
    journal: Option<JournalWriter>,
    /// The session's (revision, dirty) when the journal was last brought up to date.
    journaled: (u64, bool),
    /// A follower's shell (a `serve` participant): only the commands that read.
    read_only: bool,
}

/// What waits for the next line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Question {
    /// `quit` with unsaved changes: yes saves and quits, no quits without saving.
    QuitUnsaved,
}

/// The answer to one line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Reply {
    /// What to print, one fact a line, already sanitized.
    pub lines: Vec<String>,
    /// Why the command failed (sanitized), if it did.
    pub error: Option<String>,
    /// The session is over: the front end stops reading.
    pub quit: bool,
}

/// What a command does: its answer, or why it could not.
type Answer = Result<Vec<String>, String>;

impl Shell {
    /// A shell on `session`, dated `today` (`YYYY-MM-DD`); `interactive` when a person types.
    pub fn new(session: Session, today: String, interactive: bool) -> Shell {
        let journaled = (session.revision(), session.is_dirty());
        Shell {
            session,
            agenda: Agenda::default(),
            walking: false,
            today,
            interactive,
            pending: None,
            journal: None,
            journaled,
            read_only: false,
        }
    }

    /// A shell that only reads `session` (a copy of someone else's, see
    /// [`Session::viewer_copy`]), for a participant following it: `summary`, `findings`,
    /// `show`, `department`, `list`, `changes`, `help` and `quit`; anything else is refused.
    pub fn viewer(session: Session, today: String) -> Shell {
        Shell {
            read_only: true,
            ..Shell::new(session, today, true)
        }
    }

    /// A follower's shell takes the newest copy of the session it follows.
    pub fn follow(&mut self, session: Session) {
        self.session = session;
    }

    /// Keeps the crash journal up to date through `writer` after every change (and around
    /// every save, as the board does).
    pub fn with_journal(mut self, writer: JournalWriter) -> Shell {
        self.journal = Some(writer);
        self.journaled = (u64::MAX, false);
        self.update_journal();
        self
    }

    /// Waits until the journal is written.
    pub fn flush_journal(&self) {
        if let Some(journal) = &self.journal {
            journal.flush();
        }
    }

    /// The session, for the front end (its path, whether it has unsaved changes).
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Runs one line and returns its answer. A blank line or a `#` comment does nothing.
    pub fn run(&mut self, line: &str) -> Reply {
        let mut reply = Reply::default();
        let answer = match self.pending.take() {
            Some(question) => self.answer(question, line.trim(), &mut reply),
            None => self.command(line, &mut reply),
        };
        match answer {
            Ok(lines) => reply.lines = lines.iter().map(|l| speak(l)).collect(),
            Err(e) => reply.error = Some(speak(&e)),
        }
        self.update_journal();
        reply
    }

    /// Ends the session: the journal goes (the person quit, or the script ended), unless
    /// `keep_journal` (the input ended without a quit while changes are unsaved, as a crash).
    pub fn finish(&mut self, keep_journal: bool) {
        if keep_journal && self.session.is_dirty() {
            self.journaled = (u64::MAX, false);
            self.update_journal();
        } else if let Some(journal) = &self.journal {
            journal.remove();
        }
        if let Some(journal) = &self.journal {
            journal.flush();
        }
    }

    /// The words to complete with on Tab, as things stand now.
    pub fn completions(&self) -> Completions {
        Completions::of(self.session.workspace())
    }

    fn command(&mut self, line: &str, reply: &mut Reply) -> Answer {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Ok(Vec::new());
        }
        let words = split(trimmed)?;
        let Some(first) = words.first() else {
            return Ok(Vec::new());
        };
        let name = first.text.to_lowercase();
        let Some(command) = help::find(&name) else {
            return Err(help::unknown_command(&first.text));
        };
        if self.read_only && !help::READ_ONLY.contains(&command.name) {
            return Err(format!(
                "{} is for the facilitator: participants follow the session and change nothing",
                command.name
            ));
        }
        let args = Args {
            line: trimmed,
            words: &words,
            usage: command.usage,
        };
        match command.name {
            "help" => help::help(args.optional(1), self.read_only),
            "summary" => Ok(self.summary()),
            "findings" => Ok(self.findings()),
            "next" => Ok(self.step(true)),
            "previous" => Ok(self.step(false)),
            "show" => self.show(&args),
            "department" => self.department(&args),
            "list" => self.list(&args),
            "changes" => Ok(self.changes()),
            "undo" => Ok(self.undo()),
            "redo" => Ok(self.redo()),
            "save" => self.save(&args),
            "export" => self.export(&args),
            "quit" => Ok(self.quit(reply)),
            _ => self.change(command.name, &args),
        }
    }

    fn answer(&mut self, question: Question, line: &str, reply: &mut Reply) -> Answer {
        match question {
            Question::QuitUnsaved => match line.to_lowercase().as_str() {
                "yes" | "y" => {
                    let mut lines = self.save_now(false)?;
                    reply.quit = true;
                    lines.push("Goodbye.".into());
                    Ok(lines)
                }
                "no" | "n" => {
                    reply.quit = true;
                    Ok(vec![
                        "Left without saving; the changes are gone.".into(),
                        "Goodbye.".into(),
                    ])
                }
                _ => Ok(vec!["Staying: nothing saved, nothing lost.".into()]),
            },
        }
    }

    fn quit(&mut self, reply: &mut Reply) -> Vec<String> {
        if self.read_only {
            reply.quit = true;
            return vec!["You left the workshop. Goodbye.".into()];
        }
        let unsaved = self.session.unsaved_steps();
        if self.interactive && self.session.is_dirty() {
            self.pending = Some(Question::QuitUnsaved);
            return vec![
                format!("Unsaved changes: {unsaved}."),
                "Save them before leaving? Type yes to save and quit, no to quit without saving, anything else to stay.".into(),
            ];
        }
        reply.quit = true;
        if self.session.is_dirty() {
            vec![format!(
                "Quit without saving: {} change{} not saved.",
                unsaved,
                if unsaved == 1 { "" } else { "s" }
            )]
        } else {
            vec!["Goodbye.".into()]
        }
    }

    /// Re-reads the findings into the agenda after a change, undo or redo.
    fn after_change(&mut self) {
        if self.walking {
            self.agenda.sync(
                self.session.workspace(),
                self.session.analysis(),
                self.session.undo_depth(),
            );
        }
    }

    /// Writes the journal when the session changed since it was last written (or removes it
    /// once everything is saved). The writer works on its own thread.
    fn update_journal(&mut self) {
        let now = (self.session.revision(), self.session.is_dirty());
        let Some(journal) = &self.journal else {
            return;
        };
        if now == self.journaled {
            return;
        }
        if now.1 {
            journal.write(
                self.session.path(),
                self.session.disk_text(),
                self.session.workspace(),
            );
        } else {
            journal.remove();
        }
        self.journaled = now;
    }
}

/// The words of one command line, with its usage for errors.
struct Args<'a> {
    line: &'a str,
    words: &'a [Word],
    usage: &'a str,
}

impl Args<'_> {
    /// Word `at`, or the usage as the error.
    fn word(&self, at: usize) -> Result<&str, String> {
        self.words
            .get(at)
            .map(|w| w.text.as_str())
            .ok_or_else(|| self.missing())
    }

    /// Word `at`, if typed.
    fn optional(&self, at: usize) -> Option<&str> {
        self.words.get(at).map(|w| w.text.as_str())
    }

    /// The free text from word `at` on, or the usage as the error.
    fn text(&self, at: usize) -> Result<String, String> {
        words::rest(self.line, self.words, at)
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| self.missing())
    }

    /// No more than `count` words were typed.
    fn at_most(&self, count: usize) -> Result<(), String> {
        if self.words.len() > count {
            let extra = &self.words[count].text;
            return Err(format!(
                "too many words from \"{extra}\" on; usage: {}",
                self.usage
            ));
        }
        Ok(())
    }

    fn missing(&self) -> String {
        format!("something is missing; usage: {}", self.usage)
    }
}

#[cfg(test)]
mod tests;
