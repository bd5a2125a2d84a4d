//! A participant's plain view: the session as lines instead of a drawn board, for a screen
//! reader or a braille display (joined as `ssh -t -p PORT plain@HOST`, or from a terminal whose
//! `TERM` is `dumb`). The join questions are asked line by line, then each change and each
//! agenda step of the facilitator's session is read out as it happens, and the shell's reading
//! commands answer (`summary`, `findings`, `show ITEM`...). Read-only, as every participant is.
//! Nothing is drawn: no cursor movement, no colour, no escape byte; every line goes through the
//! shell's sanitizer.

use std::cell::Cell;
use std::io::{self, Write};
use std::sync::mpsc::Receiver;
use std::time::Instant;

use super::link::{FrameSink, Inbox};
use super::{MAX_NAME, MAX_TEXT, Shared, Wake};
use super::{Raised, RaisedKind, RemoteEvent};
use crate::shell::{Narrator, Shell, find_department, find_item, speak};
use crate::text::{is_unsafe_char, sanitize};

/// Where the participant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Name,
    Department,
    Following,
}

/// The line being typed, and what is left of an escape sequence (arrow keys are ignored).
#[derive(Debug, Default)]
struct LineInput {
    text: String,
    /// 1 after ESC, 2 inside a control sequence (after `ESC [` or `ESC O`).
    escape: u8,
    /// The last byte was a carriage return (a line feed right after it is the same Enter).
    after_return: bool,
    /// Bytes of a character cut between two reads.
    pending: Vec<u8>,
}

/// What a key did to the line.
enum Typed {
    /// Printable text was added (to echo).
    Echo(String),
    /// The last character was erased.
    Erase,
    /// Enter: the line is complete.
    Line(String),
    /// Ctrl+C or Ctrl+D: the participant leaves.
    Leave,
}

impl LineInput {
    /// Takes the bytes typed and returns what they did, in order.
    fn feed(&mut self, bytes: &[u8]) -> Vec<Typed> {
        self.pending.extend_from_slice(bytes);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Not UTF-8 at all: dropped.
            Err(_) => {
                self.pending.clear();
                return Vec::new();
            }
        };
        let rest = self.pending.split_off(valid);
        let text =
            String::from_utf8(std::mem::replace(&mut self.pending, rest)).unwrap_or_default();
        let mut typed = Vec::new();
        for c in text.chars() {
            let after_return = std::mem::take(&mut self.after_return);
            match (self.escape, c) {
                (1, '[' | 'O') => self.escape = 2,
                (1, _) => self.escape = 0,
                (2, '\u{40}'..='\u{7e}') => self.escape = 0,
                (2, _) => {}
                (_, '\u{1b}') => self.escape = 1,
                (_, '\n') if after_return => {}
                (_, '\r' | '\n') => {
                    self.after_return = c == '\r';
                    typed.push(Typed::Line(std::mem::take(&mut self.text)));
                }
                (_, '\u{7f}' | '\u{8}') => typed.extend(self.text.pop().map(|_| Typed::Erase)),
                (_, '\u{3}' | '\u{4}') => typed.push(Typed::Leave),
                (_, c) if is_unsafe_char(c) => {}
                (_, c) if self.text.chars().count() < MAX_TEXT => {
                    self.text.push(c);
                    match typed.last_mut() {
                        Some(Typed::Echo(echo)) => echo.push(c),
                        _ => typed.push(Typed::Echo(c.to_string())),
                    }
                }
                _ => {}
            }
        }
        typed
    }
}

/// One plain participant.
struct Plain<'a> {
    id: u64,
    shared: &'a Shared,
    sink: FrameSink,
    lost: &'a Cell<bool>,
    stage: Stage,
    input: LineInput,
    name: String,
    department: Option<String>,
    shell: Shell,
    narrator: Narrator,
    leaving: bool,
}

impl Plain<'_> {
    fn prompt(&self) -> &'static str {
        match self.stage {
            Stage::Name => "Your name: ",
            Stage::Department => "Your department, by number or name: ",
            Stage::Following => "> ",
        }
    }

    /// Writes `lines` (each made safe and said as the shell says it), then the prompt and what
    /// is being typed, on a line of their own.
    fn say(&mut self, lines: &[String]) -> io::Result<()> {
        let mut out = String::new();
        if !self.input.text.is_empty() {
            out.push_str("\r\n");
        } else {
            out.push('\r');
        }
        if self.lost.replace(false) {
            out.push_str("Some lines were lost while your connection was slow; summary says where things stand.\r\n");
        }
        for line in lines {
            out.push_str(&speak(line));
            out.push_str("\r\n");
        }
        out.push_str(self.prompt());
        out.push_str(&sanitize(&self.input.text));
        self.write(&out)
    }

    fn write(&mut self, text: &str) -> io::Result<()> {
        self.sink.write_all(text.as_bytes())?;
        self.sink.flush()
    }

    fn typed(&mut self, bytes: &[u8]) -> io::Result<()> {
        for typed in self.input.feed(bytes) {
            match typed {
                Typed::Echo(text) => self.write(&sanitize(&text))?,
                Typed::Erase => self.write("\u{8} \u{8}")?,
                Typed::Leave => self.leaving = true,
                Typed::Line(line) => {
                    self.write("\r\n")?;
                    self.line(line.trim())?;
                }
            }
            if self.leaving {
                break;
            }
        }
        Ok(())
    }

    fn line(&mut self, line: &str) -> io::Result<()> {
        match self.stage {
            Stage::Name => {
                let name: String = sanitize(line).chars().take(MAX_NAME).collect();
                if name.is_empty() {
                    return self.say(&[]);
                }
                self.name = name;
                let snapshot = self.shared.snapshot();
                let ws = snapshot.session.workspace();
                if ws.departments.is_empty() {
                    return self.joined();
                }
                self.stage = Stage::Department;
                let mut lines = vec![format!(
                    "{}, which department are you from? There are {}.",
                    self.name,
                    ws.departments.len()
                )];
                lines.extend(
                    ws.departments
                        .iter()
                        .enumerate()
                        .map(|(n, d)| format!("{}. {}", n + 1, d.name)),
                );
                self.say(&lines)
            }
            Stage::Department => {
                let snapshot = self.shared.snapshot();
                let ws = snapshot.session.workspace();
                let count = ws.departments.len();
                let chosen = match line.parse::<usize>() {
                    Ok(n) if (1..=count).contains(&n) => Ok(n - 1),
                    Ok(_) => Err(format!("type a number from 1 to {count}, or a name")),
                    Err(_) => find_department(ws, line),
                };
                match chosen {
                    Ok(at) => {
                        self.department = ws.departments.get(at).map(|d| d.id.clone());
                        self.joined()
                    }
                    Err(e) => self.say(&[format!("error: {e}")]),
                }
            }
            Stage::Following if is_raise(line) => {
                let said = match self.raise(line) {
                    Ok(said) => said,
                    Err(e) => format!("error: {e}"),
                };
                self.say(&[said])
            }
            Stage::Following => {
                let reply = self.shell.run(line);
                let mut lines = reply.lines;
                lines.extend(reply.error.map(|e| format!("error: {e}")));
                if reply.quit {
                    self.leaving = true;
                    return Ok(());
                }
                self.say(&lines)
            }
        }
    }

    /// `raise claim ITEM [REASON]` or `raise comment ITEM TEXT`: to the facilitator's queue, as
    /// a participant on the board raises them; what to say back.
    fn raise(&self, line: &str) -> Result<String, String> {
        const USAGE: &str = "usage: raise claim ITEM [REASON], or raise comment ITEM TEXT";
        let words = crate::shell::split(line)?;
        let kind = match words.get(1).map(|w| w.text.to_lowercase()).as_deref() {
            Some("claim") => RaisedKind::Claim,
            Some("comment") => RaisedKind::Comment,
            _ => return Err(USAGE.to_owned()),
        };
        let key = words.get(2).ok_or(USAGE)?;
        let ws = self.shell.session().workspace();
        let item = &ws.responsibilities[find_item(ws, &key.text)?];
        let text: String = crate::shell::rest(line, &words, 3)
            .map(|t| sanitize(t.trim()))
            .unwrap_or_default()
            .chars()
            .take(MAX_TEXT)
            .collect();
        if kind == RaisedKind::Comment && text.is_empty() {
            return Err(USAGE.to_owned());
        }
        let Some(department) = self.department.clone() else {
            return Err("join with a department to raise a claim".to_owned());
        };
        self.shared.tell_board(RemoteEvent::Raise(Raised {
            kind,
            name: self.name.clone(),
            department,
            responsibility: item.id.clone(),
            text,
            role: None,
        }));
        let what = if kind == RaisedKind::Claim {
            "Claim"
        } else {
            "Comment"
        };
        Ok(format!(
            "{what} on {} raised: the facilitator will take it up.",
            item.name
        ))
    }

    /// The join questions are answered: the participant follows from now on.
    fn joined(&mut self) -> io::Result<()> {
        // (False only when the deadline just dropped the connection.)
        let _ = self.shared.gate.joined(self.id);
        self.stage = Stage::Following;
        let snapshot = self.shared.snapshot();
        self.shell.follow((*snapshot.session).clone());
        let department = self.department.as_deref().map_or_else(String::new, |id| {
            format!(", {}", snapshot.session.workspace().department_name(id))
        });
        let mut lines = vec![
            format!("Joined as {}{department}.", self.name),
            "You follow the session read-only: each change and each agenda step is read out as it happens.".to_owned(),
            "Type summary for where things stand, help for the commands, quit to leave.".to_owned(),
            "raise claim ITEM [REASON] claims an item for your department; raise comment ITEM TEXT tells the facilitator something about it.".to_owned(),
        ];
        self.narrator = Narrator::new(&snapshot.session, &crate::agenda::Agenda::default());
        lines.extend(
            self.narrator
                .update(&snapshot.session, &snapshot.follow.agenda),
        );
        self.say(&lines)
    }

    /// The facilitator published a new snapshot: says what moved.
    fn refresh(&mut self) -> io::Result<()> {
        if self.stage != Stage::Following {
            return Ok(());
        }
        let snapshot = self.shared.snapshot();
        if snapshot.session.revision() != self.shell.session().revision() {
            self.shell.follow((*snapshot.session).clone());
        }
        let lines = self
            .narrator
            .update(&snapshot.session, &snapshot.follow.agenda);
        if lines.is_empty() {
            return Ok(());
        }
        self.say(&lines)
    }

    /// The last line; the channel closes.
    fn goodbye(mut self, ending: &Cell<bool>, text: &str) -> io::Result<()> {
        ending.set(true);
        let lead = if self.input.text.is_empty() {
            "\r"
        } else {
            "\r\n"
        };
        self.write(&format!("{lead}{text}\r\n"))
    }
}

/// Whether `line` is a `raise` command (a participant's own, not the shell's).
fn is_raise(line: &str) -> bool {
    line.split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("raise"))
}

/// The plain participant's thread, until they leave or the session ends.
#[allow(clippy::too_many_arguments)]
pub(super) fn run(
    id: u64,
    join_by: Instant,
    shared: &Shared,
    inbox: &Inbox,
    woken: &Receiver<Wake>,
    sink: FrameSink,
    lost: &Cell<bool>,
    ending: &Cell<bool>,
) -> io::Result<()> {
    let snapshot = shared.snapshot();
    let session = (*snapshot.session).clone();
    let narrator = Narrator::new(&session, &snapshot.follow.agenda);
    let title = snapshot.session.workspace().info.name.clone();
    let mut me = Plain {
        id,
        shared,
        sink,
        lost,
        stage: Stage::Name,
        input: LineInput::default(),
        name: String::new(),
        department: None,
        shell: Shell::viewer(session, crate::analysis::today()),
        narrator,
        leaving: false,
    };
    me.say(&[
        format!("Welcome to the workshop {title}, in the plain view: the session as lines."),
        "Your name, as the room will see it, then Enter.".to_owned(),
    ])?;
    loop {
        let joined = me.stage == Stage::Following;
        let wake = match super::link::next_wake(woken, joined, join_by, shared) {
            Ok(Some(wake)) => wake,
            Ok(None) => return Ok(()),
            Err(late) => return me.goodbye(ending, &late),
        };
        let mut wakes = vec![wake];
        wakes.extend(woken.try_iter());
        let mut closing = false;
        let mut refresh = false;
        for wake in wakes {
            match wake {
                Wake::Input => {
                    let bytes = inbox.take_input();
                    me.typed(&bytes)?;
                }
                Wake::Refresh => refresh = true,
                Wake::Resize => {}
                Wake::Close => closing = true,
            }
        }
        if inbox.is_closed() {
            return Ok(());
        }
        if closing || me.leaving {
            let text = super::link::farewell(me.leaving);
            return me.goodbye(ending, text);
        }
        if refresh {
            me.refresh()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &mut LineInput, bytes: &[u8]) -> Vec<String> {
        input
            .feed(bytes)
            .into_iter()
            .filter_map(|t| match t {
                Typed::Line(line) => Some(line),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn lines_are_typed_with_backspace_and_arrows_and_escapes_are_dropped() {
        let mut input = LineInput::default();
        assert_eq!(
            lines(&mut input, b"Ana\x7fna\x1b[D\x1b[31m!\r\n"),
            ["Anna!"]
        );
        // A character cut between two reads, and a line feed alone.
        assert!(lines(&mut input, "Zo\u{e9}".as_bytes().split_at(3).0).is_empty());
        assert_eq!(lines(&mut input, &[0xa9, b'\n']), ["Zoé"]);
        assert!(matches!(input.feed(b"\x04").as_slice(), [Typed::Leave]));
    }
}
