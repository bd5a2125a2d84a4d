//! Questions that must be answered before anything else (delete? save before quitting? the
//! file changed on disk?), and the help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::action::Action;
use super::super::app::{App, ListKind, Mode, Question, SaveKind, Tone};
use crate::edit;
use crate::text::sanitize;

impl App {
    pub(super) fn question_action(&mut self, question: &Question, action: Action) -> bool {
        let Action::Key(KeyEvent {
            code, modifiers, ..
        }) = action
        else {
            return action == Action::Resize;
        };
        let answer = match code {
            KeyCode::Char(c) if !modifiers.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_lowercase()
            }
            KeyCode::Enter => '\n',
            // Esc and Ctrl+C both cancel a question.
            KeyCode::Esc | KeyCode::Char('c') => '\u{1b}',
            _ => return false,
        };
        self.mode = Mode::Normal;
        let quit_after_save = std::mem::take(&mut self.quit_after_save);
        self.quit_after_save = quit_after_save && matches!(question, Question::ChangedOnDisk);
        match (question, answer) {
            (Question::DeleteResponsibility(r), 'y') => {
                if let Some(change) = edit::delete_responsibility(self.workspace(), *r) {
                    self.apply(change);
                    self.follow_selection();
                }
            }
            (Question::DeleteDepartment(d), 'y') => {
                if let Some(change) = edit::delete_department(self.workspace(), *d) {
                    self.apply(change);
                    self.column = self.column.min(self.columns.len().saturating_sub(1));
                    self.follow_selection();
                }
            }
            (Question::QuitUnsaved, 's') => self.request_save(SaveKind::ThenQuit),
            (Question::QuitUnsaved, 'd') => self.should_quit = true,
            (Question::SaveAnyway(_), 'y') => self.request_save(SaveKind::Anyway),
            (Question::ChangedOnDisk, 'r') => match self.session.reload() {
                Ok(()) => {
                    self.after_change();
                    self.follow_selection();
                    self.say(
                        "Reloaded the file from disk; your unsaved changes were dropped",
                        Tone::Info,
                    );
                }
                Err(e) => self.say(
                    format!(
                        "Cannot reload: {}",
                        sanitize(&e.to_string())
                            .chars()
                            .take(200)
                            .collect::<String>()
                    ),
                    Tone::Problem,
                ),
            },
            (Question::ChangedOnDisk, 'o') => self.request_save(SaveKind::Overwrite),
            (Question::Export { overwrite: false }, 'y' | '\n' | 'p')
            | (Question::Export { overwrite: true }, 'y' | 'p') => {
                let changes = if answer == 'p' {
                    None
                } else {
                    self.changes_markdown()
                };
                match self.session.export_charter(changes) {
                    Ok(path) => self.say(
                        format!(
                            "Exported the charter to {}",
                            sanitize(&path.display().to_string())
                        ),
                        Tone::Success,
                    ),
                    Err(e) => self.say(
                        format!("Cannot export: {}", sanitize(&e.to_string())),
                        Tone::Problem,
                    ),
                }
            }
            (Question::DeleteDecision(i), 'y') => {
                if let Some(change) = edit::delete_decision(self.workspace(), *i) {
                    self.apply(change);
                }
                let left = self.workspace().decisions.len();
                self.open_list(ListKind::Decisions, (*i).min(left.saturating_sub(1)));
            }
            (Question::DeleteDecision(i), '\u{1b}' | 'c' | 'n') => {
                self.open_list(ListKind::Decisions, *i);
            }
            (_, '\u{1b}' | 'c' | 'n') => self.say("Cancelled", Tone::Info),
            _ => self.mode = Mode::Ask(question.clone()),
        }
        true
    }

    pub(super) fn help_action(&mut self, scroll: u16, action: Action) -> bool {
        match action {
            Action::Key(KeyEvent {
                code: KeyCode::Down | KeyCode::Char('j'),
                ..
            })
            | Action::ScrollFindings(1..)
            | Action::ScrollMatrix(1..) => {
                self.mode = Mode::Help {
                    scroll: scroll.saturating_add(1),
                };
            }
            Action::Key(KeyEvent {
                code: KeyCode::Up | KeyCode::Char('k'),
                ..
            })
            | Action::ScrollFindings(..=-1)
            | Action::ScrollMatrix(..=-1) => {
                self.mode = Mode::Help {
                    scroll: scroll.saturating_sub(1),
                };
            }
            Action::Key(KeyEvent {
                code: KeyCode::PageDown | KeyCode::Char(' '),
                ..
            }) => {
                self.mode = Mode::Help {
                    scroll: scroll.saturating_add(10),
                };
            }
            Action::Key(KeyEvent {
                code: KeyCode::PageUp,
                ..
            }) => {
                self.mode = Mode::Help {
                    scroll: scroll.saturating_sub(10),
                }
            }
            Action::Key(_) | Action::ToggleHelp | Action::Cancel | Action::Quit => {
                self.mode = Mode::Normal
            }
            Action::Resize => {}
            _ => return false,
        }
        true
    }
}
