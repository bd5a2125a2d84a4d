//! One-line prompts: editing the line, and what Enter does with it for each kind of prompt.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::super::action::{Action, Direction};
use super::super::app::{
    App, DecisionAbout, ListKind, MAX_PROMPT_CHARS, Mode, Prompt, PromptKind, Tone,
};
use super::super::keymap::Context;
use crate::edit::{self, Answer, Change, Field};

/// What the prompt says when it is full.
fn full_message() -> String {
    format!("a field holds at most {MAX_PROMPT_CHARS} characters")
}

impl App {
    pub(super) fn open_prompt(&mut self, kind: PromptKind, input: String) {
        let cursor = input.chars().count();
        self.mode = Mode::Prompt(Prompt {
            kind,
            input,
            cursor,
            error: None,
        });
    }

    pub(super) fn prompt_action(&mut self, mut prompt: Prompt, action: Action) -> bool {
        let Action::Key(key) = action else {
            return action == Action::Resize;
        };
        let bound = self.keymap.action_for(&[Context::Prompt], &key);
        let end = prompt.input.chars().count();
        match bound {
            // Live prompts (filter, jump) act as they are typed: Enter keeps, Esc undoes.
            Some(action @ (Action::Cancel | Action::Activate)) if is_live(prompt.kind) => {
                self.close_live_prompt(&prompt, action == Action::Activate);
                return true;
            }
            Some(Action::Cancel) => {
                self.mode = Mode::Normal;
                match prompt.kind {
                    PromptKind::DeclineClaim { responsibility, .. } => {
                        self.reopen_claims(responsibility);
                    }
                    PromptKind::SignerLead { department, .. } => {
                        self.open_list(ListKind::SignOff, department);
                    }
                    _ => {}
                }
                return true;
            }
            Some(Action::Activate) => {
                self.submit_prompt(prompt);
                return true;
            }
            Some(Action::Move(Direction::Left | Direction::Up)) => {
                prompt.cursor = prompt.cursor.saturating_sub(1);
            }
            Some(Action::Move(Direction::Right | Direction::Down)) => {
                prompt.cursor = (prompt.cursor + 1).min(end);
            }
            Some(Action::First) => prompt.cursor = 0,
            Some(Action::Last) => prompt.cursor = end,
            Some(Action::Complete) if matches!(prompt.kind, PromptKind::RecordDecision(_)) => {
                if let PromptKind::RecordDecision(about) = prompt.kind {
                    prompt.kind = PromptKind::RecordDecision(self.next_decision_about(about));
                }
            }
            Some(Action::Complete)
                if matches!(prompt.kind, PromptKind::EditField(_, Field::Funding)) =>
            {
                if let Some((input, cursor)) =
                    edit::complete_funding(self.workspace(), &prompt.input, prompt.cursor)
                {
                    prompt.input = input;
                    prompt.cursor = cursor;
                }
            }
            Some(Action::DeleteBefore) if prompt.cursor > 0 => {
                prompt.cursor -= 1;
                remove_char(&mut prompt.input, prompt.cursor);
            }
            Some(Action::DeleteAfter) => remove_char(&mut prompt.input, prompt.cursor),
            Some(Action::ClearLine) => {
                prompt.input.clear();
                prompt.cursor = 0;
            }
            Some(_) => return false,
            None => match key.code {
                KeyCode::Char(c)
                    if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() =>
                {
                    if is_full(&prompt.input) {
                        prompt.error = Some(full_message());
                        self.mode = Mode::Prompt(prompt);
                        return true;
                    }
                    let at = byte_index(&prompt.input, prompt.cursor);
                    prompt.input.insert(at, c);
                    prompt.cursor += 1;
                }
                _ => return false,
            },
        }
        prompt.error = None;
        self.live_prompt(&mut prompt);
        self.mode = Mode::Prompt(prompt);
        true
    }

    /// A paste (one bracketed-paste event) into the open prompt, at the cursor, in one step:
    /// line breaks and tabs become spaces, other controls are dropped, and what goes beyond
    /// [`MAX_PROMPT_CHARS`] is cut, with a message. Outside a prompt a paste does nothing.
    pub fn paste(&mut self, text: &str) -> bool {
        let Mode::Prompt(prompt) = &mut self.mode else {
            return false;
        };
        let mut prompt = prompt.clone();
        let room = MAX_PROMPT_CHARS.saturating_sub(prompt.input.chars().count());
        let mut pasted = String::with_capacity(text.len().min(room * 4));
        let mut count = 0;
        let mut cut = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let c = match c {
                '\r' => {
                    chars.next_if_eq(&'\n');
                    ' '
                }
                '\n' | '\t' => ' ',
                c if c.is_control() => continue,
                c => c,
            };
            if count == room {
                cut = true;
                break;
            }
            pasted.push(c);
            count += 1;
        }
        let at = byte_index(&prompt.input, prompt.cursor);
        prompt.input.insert_str(at, &pasted);
        prompt.cursor += count;
        prompt.error = None;
        self.live_prompt(&mut prompt);
        if cut {
            prompt.error = Some(format!("pasted text cut: {}", full_message()));
        }
        self.mode = Mode::Prompt(prompt);
        true
    }

    pub(super) fn submit_prompt(&mut self, mut prompt: Prompt) {
        if let Some(why) = empty_name(&prompt) {
            // Nothing to add or rename: the prompt closes and the status line says why, so
            // Enter is never met with silence.
            self.mode = Mode::Normal;
            self.say(why, Tone::Problem);
            return;
        }
        let ws = self.workspace();
        let text = prompt.input.as_str();
        let result: Result<Option<Change>, String> = match prompt.kind {
            PromptKind::AddResponsibility => {
                let area = self
                    .selected
                    .and_then(|r| ws.responsibilities[r].area.clone());
                edit::add_responsibility(ws, text, area.as_deref())
                    .map(Some)
                    .ok_or_else(|| "a responsibility needs a name".to_owned())
            }
            PromptKind::AddDepartment => edit::add_department(ws, text)
                .map(Some)
                .ok_or_else(|| "a department needs a name".to_owned()),
            PromptKind::RenameResponsibility(r) => edit::rename_responsibility(ws, r, text),
            PromptKind::RenameDepartment(d) => edit::rename_department(ws, d, text),
            PromptKind::EditField(r, field) => edit::set_field(ws, r, field, text),
            PromptKind::SignerLead {
                then_sign: true, ..
            } if text.trim().is_empty() => Err("name the person who signs for it".to_owned()),
            PromptKind::DepartmentLead(d) | PromptKind::SignerLead { department: d, .. } => {
                Ok(edit::set_department_lead(ws, d, text))
            }
            PromptKind::RecordDecision(about) => {
                let responsibility = match about {
                    DecisionAbout::Responsibility(r) => {
                        ws.responsibilities.get(r).map(|r| r.id.as_str())
                    }
                    _ => None,
                };
                let department = match about {
                    DecisionAbout::Department(d) => ws.departments.get(d).map(|d| d.id.as_str()),
                    _ => None,
                };
                edit::add_decision(ws, &self.today, responsibility, text)
                    .map(|change| edit::about_department(ws, change, department))
                    .map(Some)
                    .ok_or_else(|| "write what the room decided".to_owned())
            }
            PromptKind::EditDecision(i) => edit::edit_decision(ws, i, text),
            PromptKind::Park(r) => Ok(edit::park(ws, r, text)),
            PromptKind::Waive(i) => match self.session.analysis().findings.get(i) {
                Some(finding) if !text.trim().is_empty() => {
                    Ok(edit::waive(ws, finding, text, &self.today))
                }
                Some(_) => Err("say why the room accepts it".to_owned()),
                None => Err("that finding is gone".to_owned()),
            },
            PromptKind::DeclineClaim {
                responsibility,
                department,
                role,
            } => match ws.departments.get(department) {
                Some(d) => edit::answer_claim(
                    ws,
                    responsibility,
                    &d.id,
                    role.map(|role| ws.model.key(role)),
                    &Answer::Decline(text.to_owned()),
                    &self.today,
                )
                .map(Some),
                None => Err("that department is gone".to_owned()),
            },
            PromptKind::RecordClaim {
                responsibility,
                department,
                role,
            } => edit::record_claim(
                ws,
                responsibility,
                department,
                Some(role),
                text,
                self.raiser(),
            )
            .map(Some),
            PromptKind::EditInfo(field) => edit::set_info(ws, field, text),
            // Live prompts act as they are typed; Enter only closes them.
            PromptKind::FilterText | PromptKind::JumpToDepartment => Ok(None),
        };
        match result {
            Err(problem) => {
                prompt.error = Some(problem);
                self.mode = Mode::Prompt(prompt);
            }
            Ok(None) => {
                self.mode = Mode::Normal;
                self.say("No change", Tone::Info);
                match prompt.kind {
                    PromptKind::EditDecision(i) => self.open_list(ListKind::Decisions, i),
                    PromptKind::SignerLead { department, .. } => {
                        self.open_list(ListKind::SignOff, department);
                    }
                    PromptKind::EditInfo(field) => {
                        let at = edit::InfoField::ALL.iter().position(|f| *f == field);
                        self.open_list(ListKind::Facts, at.unwrap_or(0));
                    }
                    _ => {}
                }
            }
            Ok(Some(change)) => {
                self.mode = Mode::Normal;
                let kind = prompt.kind;
                if let Some(doubt) = self.duplicate_doubt(kind, &prompt.input) {
                    let select = (kind == PromptKind::AddResponsibility)
                        .then(|| self.workspace().responsibilities.len());
                    self.apply_or_ask(change, Some(doubt), select);
                    return;
                }
                self.apply(change);
                match kind {
                    PromptKind::AddResponsibility => {
                        let r = self.workspace().responsibilities.len() - 1;
                        self.selected = Some(r);
                        self.follow_selection();
                    }
                    PromptKind::AddDepartment => {
                        self.column = self.columns.len() - 1;
                        self.matrix_department = self.workspace().departments.len() - 1;
                    }
                    PromptKind::DeclineClaim { responsibility, .. } => {
                        self.reopen_claims(responsibility);
                    }
                    PromptKind::EditDecision(i) => self.open_list(ListKind::Decisions, i),
                    PromptKind::SignerLead {
                        department,
                        then_sign,
                    } => {
                        self.open_list(ListKind::SignOff, department);
                        if then_sign {
                            self.sign_from_list(department);
                        }
                    }
                    PromptKind::EditInfo(field) => {
                        let at = edit::InfoField::ALL.iter().position(|f| *f == field);
                        self.open_list(ListKind::Facts, at.unwrap_or(0));
                    }
                    PromptKind::Park(_) | PromptKind::Waive(_) => self.agenda_moves_on(),
                    _ => {}
                }
            }
        }
    }
}

impl App {
    /// Why a new name may be a slip: another department or responsibility is named the same,
    /// ignoring case and spacing (`duplicate-name`).
    fn duplicate_doubt(&self, kind: PromptKind, name: &str) -> Option<String> {
        use crate::analysis::{department_named, responsibility_named};
        let ws = self.workspace();
        let (kind_word, existing) = match kind {
            PromptKind::AddResponsibility => (
                "responsibility",
                responsibility_named(ws, name, None).map(|r| &ws.responsibilities[r].name),
            ),
            PromptKind::RenameResponsibility(r) => (
                "responsibility",
                responsibility_named(ws, name, Some(r)).map(|r| &ws.responsibilities[r].name),
            ),
            PromptKind::AddDepartment => (
                "department",
                department_named(ws, name, None).map(|d| &ws.departments[d].name),
            ),
            PromptKind::RenameDepartment(d) => (
                "department",
                department_named(ws, name, Some(d)).map(|d| &ws.departments[d].name),
            ),
            _ => return None,
        };
        existing.map(|existing| {
            format!(
                "There is already a {kind_word} named \"{existing}\". Name this one \"{}\" too?",
                name.trim()
            )
        })
    }
}

/// Why Enter on an add or rename prompt with an empty name does nothing, or `None` when the
/// prompt is another kind or holds a name.
fn empty_name(prompt: &Prompt) -> Option<&'static str> {
    if !prompt.input.trim().is_empty() {
        return None;
    }
    match prompt.kind {
        PromptKind::AddResponsibility => Some("Nothing added: a responsibility needs a name"),
        PromptKind::AddDepartment => Some("Nothing added: a department needs a name"),
        PromptKind::RenameResponsibility(_) => {
            Some("Not renamed: a responsibility needs a name (the old one stays)")
        }
        PromptKind::RenameDepartment(_) => {
            Some("Not renamed: a department needs a name (the old one stays)")
        }
        _ => None,
    }
}

/// Prompts that act as they are typed (filter, jump) rather than on Enter.
fn is_live(kind: PromptKind) -> bool {
    matches!(kind, PromptKind::FilterText | PromptKind::JumpToDepartment)
}

/// Whether `input` holds [`MAX_PROMPT_CHARS`] characters (counted only when it might).
fn is_full(input: &str) -> bool {
    input.len() >= MAX_PROMPT_CHARS && input.chars().count() >= MAX_PROMPT_CHARS
}

fn byte_index(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

fn remove_char(text: &mut String, at: usize) {
    let start = byte_index(text, at);
    if start < text.len() {
        text.remove(start);
    }
}
