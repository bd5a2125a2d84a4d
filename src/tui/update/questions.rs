//! Questions that must be answered before anything else (delete? save before quitting? the
//! file changed on disk?), and the help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::super::action::{Action, Direction};
use super::super::app::{App, Effect, ListKind, Mode, Question, SaveKind, Tone};
use super::super::keymap::Context;
use crate::edit;

impl App {
    pub(super) fn question_action(&mut self, question: &Question, action: Action) -> bool {
        let Action::Key(key) = action else {
            return action == Action::Resize;
        };
        // Capital letters answer too (`Y` as `y`) unless bound to something else.
        let lower = match key.code {
            KeyCode::Char(c) => KeyEvent {
                code: KeyCode::Char(c.to_ascii_lowercase()),
                ..key
            },
            _ => key,
        };
        let answer = self
            .keymap
            .action_for(&[Context::Question], &key)
            .or_else(|| self.keymap.action_for(&[Context::Question], &lower));
        let answer = match (answer, key.code) {
            (Some(answer), _) => answer,
            // Another letter: the question stays.
            (None, KeyCode::Char(_)) => return true,
            (None, _) => return false,
        };
        self.mode = Mode::Normal;
        let quit_after_save = std::mem::take(&mut self.quit_after_save);
        self.quit_after_save = quit_after_save && matches!(question, Question::ChangedOnDisk);
        match (question, answer) {
            (Question::DeleteResponsibility(r), Action::Yes) => {
                if let Some(change) = edit::delete_responsibility(self.workspace(), *r) {
                    self.apply(change);
                    self.follow_selection();
                }
            }
            (Question::DeleteDepartment(d), Action::Yes) => {
                if let Some(change) = edit::delete_department(self.workspace(), *d) {
                    self.apply(change);
                    self.column = self.column.min(self.columns.len().saturating_sub(1));
                    self.follow_selection();
                }
            }
            (Question::QuitUnsaved, Action::SaveAndQuit) => self.request_save(SaveKind::ThenQuit),
            (Question::QuitUnsaved, Action::DiscardAndQuit) => self.should_quit = true,
            (Question::SaveAnyway(_), Action::Yes) => self.request_save(SaveKind::Anyway),
            (Question::Confirm(_), Action::Yes) => {
                if let Some((change, select)) = self.pending.take() {
                    self.apply(change);
                    if select.is_some() {
                        self.selected = select;
                    }
                    self.follow_selection();
                }
            }
            (Question::ChangedOnDisk, Action::ReloadTheirs) => self.effects.push(Effect::Reload),
            (Question::ChangedOnDisk, Action::OverwriteTheirs) => {
                self.request_save(SaveKind::Overwrite)
            }
            (
                Question::Export { overwrite: false },
                Action::Yes | Action::Activate | Action::WithoutChanges,
            )
            | (Question::Export { overwrite: true }, Action::Yes | Action::WithoutChanges) => {
                let changes = if answer == Action::WithoutChanges {
                    None
                } else {
                    self.changes_markdown()
                };
                self.effects.push(Effect::Export { changes });
            }
            (Question::DeleteDecision(i), Action::Yes) => {
                if let Some(change) = edit::delete_decision(self.workspace(), *i) {
                    self.apply(change);
                }
                let left = self.workspace().decisions.len();
                self.open_list(ListKind::Decisions, (*i).min(left.saturating_sub(1)));
            }
            (Question::DeleteDecision(i), Action::Cancel) => {
                self.open_list(ListKind::Decisions, *i);
            }
            (Question::SignWithOpen { department, open }, Action::Yes) => {
                self.sign(*department, open.words().as_deref());
                self.open_list(ListKind::SignOff, *department);
            }
            (Question::SignWithOpen { department, .. }, Action::Cancel) => {
                self.say("Not signed", Tone::Info);
                self.open_list(ListKind::SignOff, *department);
            }
            (_, Action::Cancel) => {
                self.pending = None;
                self.say("Cancelled", Tone::Info);
            }
            _ => self.mode = Mode::Ask(question.clone()),
        }
        true
    }

    /// Applies `change`, or asks first when `doubt` says why it may not be what was meant.
    pub(super) fn apply_or_ask(
        &mut self,
        change: edit::Change,
        doubt: Option<String>,
        select: Option<usize>,
    ) {
        match doubt {
            Some(reason) => {
                self.pending = Some((change, select));
                self.mode = Mode::Ask(Question::Confirm(reason));
            }
            None => {
                self.apply(change);
                if select.is_some() {
                    self.selected = select;
                }
                self.follow_selection();
            }
        }
    }

    /// Why giving `role` of the responsibility at `r` to the department `id` may be a slip:
    /// another of its roles there already covers it, or is covered by it.
    pub(super) fn overlap_doubt(
        &self,
        r: usize,
        role: crate::workspace::Role,
        id: &str,
    ) -> Option<String> {
        let ws = self.workspace();
        let item = ws.responsibilities.get(r)?;
        let held = edit::overlapping_role(&ws.model, item, role, id)?;
        Some(format!(
            "{} is already {} for \"{}\": {} as well?",
            ws.department_name(id),
            ws.model.label(held),
            item.name,
            ws.model.label(role)
        ))
    }

    /// A fix gives `role` of the responsibility at `r` to `ids`. It asks first when another
    /// role of theirs already covers it; a role of theirs it covers they give up, and the
    /// message says so (the new doer is no longer listed as Consulted).
    pub(super) fn give_role_asking(
        &mut self,
        r: usize,
        role: crate::workspace::Role,
        ids: &[String],
    ) {
        let doubt = ids.iter().find_map(|id| self.overlap_doubt(r, role, id));
        match edit::give_role_instead(self.workspace(), r, role, ids) {
            Some(change) => self.apply_or_ask(change, doubt, Some(r)),
            None => self.say("Those departments already hold the role", Tone::Info),
        }
    }

    pub(super) fn help_action(&mut self, scroll: u16, action: Action) -> bool {
        let action = match action {
            Action::Key(key) => self
                .keymap
                .action_for(&[Context::Help], &key)
                .unwrap_or(Action::Cancel),
            Action::ScrollFindings(1..) | Action::ScrollMatrix(1..) => {
                Action::Move(Direction::Down)
            }
            Action::ScrollFindings(..=-1) | Action::ScrollMatrix(..=-1) => {
                Action::Move(Direction::Up)
            }
            other => other,
        };
        let scroll = match action {
            Action::Move(Direction::Down) => scroll.saturating_add(1),
            Action::Move(Direction::Up) => scroll.saturating_sub(1),
            Action::PageDown => scroll.saturating_add(10),
            Action::PageUp => scroll.saturating_sub(10),
            Action::Resize => return true,
            Action::ToggleHelp | Action::Cancel | Action::Quit | Action::Move(_) => {
                self.mode = Mode::Normal;
                return true;
            }
            _ => return false,
        };
        self.mode = Mode::Help { scroll };
        true
    }
}
