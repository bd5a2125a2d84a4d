//! List overlays: moving through them and what their keys do (claims, decisions, parking lot,
//! workshop facts, giving a role, sign-off, changes).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::action::Action;
use super::super::app::{App, ListKind, ListState, Mode, PromptKind, Question, Tone};
use super::super::lists::CLAIM_ROLES;
use crate::edit::{self, Answer, DropMode, InfoField};

impl App {
    /// Opens a list overlay with the cursor on row `at`.
    pub(super) fn open_list(&mut self, kind: ListKind, at: usize) {
        self.let_go();
        if kind == ListKind::Changes {
            self.changes = self.changes_lines();
        }
        let rows = self.list_rows(kind).len();
        self.mode = Mode::List(ListState {
            kind,
            selected: at.min(rows.saturating_sub(1)),
            scroll: 0,
        });
    }

    pub(super) fn list_action(&mut self, mut list: ListState, action: Action) -> bool {
        let rows = self.list_rows(list.kind).len();
        let key = match action {
            Action::Key(key) => key,
            Action::ScrollFindings(delta) | Action::ScrollMatrix(delta) => {
                list.selected = super::shift(list.selected, delta, rows);
                self.mode = Mode::List(list);
                return true;
            }
            other => return other == Action::Resize,
        };
        let KeyEvent {
            code, modifiers, ..
        } = key;
        let ctrl = modifiers.contains(KeyModifiers::CONTROL);
        match code {
            KeyCode::Esc => {
                self.close_list(list.kind);
                return true;
            }
            KeyCode::Char('c') if ctrl => {
                self.close_list(list.kind);
                return true;
            }
            KeyCode::Up | KeyCode::Char('k') => list.selected = list.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                list.selected = (list.selected + 1).min(rows.saturating_sub(1));
            }
            KeyCode::PageUp => list.selected = list.selected.saturating_sub(10),
            KeyCode::PageDown => list.selected = (list.selected + 10).min(rows.saturating_sub(1)),
            KeyCode::Home => list.selected = 0,
            KeyCode::End => list.selected = rows.saturating_sub(1),
            KeyCode::Char(c) if !ctrl => {
                self.list_key(list, Some(c));
                return true;
            }
            KeyCode::Enter => {
                self.list_key(list, None);
                return true;
            }
            _ => return false,
        }
        self.mode = Mode::List(list);
        true
    }

    /// Esc: a role choice goes back to its claims; everything else closes.
    fn close_list(&mut self, kind: ListKind) {
        self.mode = Mode::Normal;
        if let ListKind::ClaimRoles { responsibility, .. } = kind {
            self.reopen_claims(responsibility);
        }
    }

    /// A letter (or Enter, `None`) on the selected row.
    fn list_key(&mut self, list: ListState, key: Option<char>) {
        let at = list.selected;
        let keep_open = |app: &mut App| app.mode = Mode::List(list);
        match (list.kind, key) {
            (ListKind::Claims(r), None | Some('a')) => {
                if let Some(department) = self.claimant(r, at) {
                    self.open_list(
                        ListKind::ClaimRoles {
                            responsibility: r,
                            department,
                        },
                        0,
                    );
                }
            }
            (ListKind::Claims(r), Some('d')) => {
                if let Some(department) = self.claimant(r, at) {
                    self.open_prompt(
                        PromptKind::DeclineClaim {
                            responsibility: r,
                            department,
                        },
                        String::new(),
                    );
                }
            }
            (
                ListKind::ClaimRoles {
                    responsibility,
                    department,
                },
                None,
            ) => {
                self.mode = Mode::Normal;
                let roles = CLAIM_ROLES[at.min(CLAIM_ROLES.len() - 1)].to_vec();
                let id = self.workspace().departments[department].id.clone();
                let today = self.today.clone();
                match edit::answer_claim(
                    self.workspace(),
                    responsibility,
                    &id,
                    &Answer::Accept(roles),
                    &today,
                ) {
                    Ok(change) => {
                        self.apply(change);
                        self.reopen_claims(responsibility);
                    }
                    Err(problem) => self.say(problem, Tone::Problem),
                }
            }
            (ListKind::Decisions, None | Some('e')) => {
                if let Some(text) = self.workspace().decisions.get(at).map(|d| d.text.clone()) {
                    self.open_prompt(PromptKind::EditDecision(at), text);
                }
            }
            (ListKind::Decisions, Some('x')) if at < self.workspace().decisions.len() => {
                self.mode = Mode::Ask(Question::DeleteDecision(at));
            }
            (ListKind::Parked, None) => {
                self.mode = Mode::Normal;
                if let Some(r) = self.parked_at(at) {
                    self.selected = Some(r);
                    self.column = 0;
                    self.follow_selection();
                }
            }
            (ListKind::Parked, Some('p' | 'u')) => {
                if let Some(change) = self
                    .parked_at(at)
                    .and_then(|r| edit::unpark(self.workspace(), r))
                {
                    self.apply(change);
                }
                let rows = self.list_rows(ListKind::Parked).len();
                if rows > 0 {
                    self.open_list(ListKind::Parked, at.min(rows - 1));
                } else {
                    self.mode = Mode::Normal;
                }
            }
            (ListKind::Facts, None | Some('e')) => {
                let field = InfoField::ALL[at.min(InfoField::ALL.len() - 1)];
                let text = field.text(&self.workspace().info);
                self.open_prompt(PromptKind::EditInfo(field), text);
            }
            (
                ListKind::GiveRole {
                    responsibility,
                    role,
                },
                None,
            ) => {
                self.mode = Mode::Normal;
                let Some(id) = self.workspace().departments.get(at).map(|d| d.id.clone()) else {
                    return;
                };
                match edit::move_role(
                    self.workspace(),
                    responsibility,
                    role,
                    None,
                    Some(&id),
                    DropMode::Share,
                ) {
                    Some(change) => {
                        self.apply(change);
                        self.selected = Some(responsibility);
                        self.follow_selection();
                    }
                    None => self.say("That department already holds the role", Tone::Info),
                }
            }
            (ListKind::SignOff, None | Some('s')) => {
                let today = self.today.clone();
                if let Some(change) = edit::sign(self.workspace(), at, &today) {
                    self.apply(change);
                } else {
                    self.say("Already signed today for this part", Tone::Info);
                }
                keep_open(self);
            }
            (ListKind::SignOff, Some('w')) => {
                if let Some(change) = edit::unsign(self.workspace(), at) {
                    self.apply(change);
                }
                keep_open(self);
            }
            (ListKind::Changes, None) => self.mode = Mode::Normal,
            (ListKind::FilterBy, None) => self.choose_filter_by(at),
            (ListKind::Conflicts, Some(c)) => self.conflict_key(list, c),
            _ => keep_open(self),
        }
    }

    /// The department position of the `at`-th open claim on the responsibility at `r`.
    fn claimant(&self, r: usize, at: usize) -> Option<usize> {
        let ws = self.workspace();
        let (id, _) = ws.responsibilities.get(r)?.open_claims().nth(at)?;
        ws.department_index(id)
    }

    /// The position of the `at`-th parked responsibility.
    fn parked_at(&self, at: usize) -> Option<usize> {
        self.workspace()
            .responsibilities
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_parked())
            .nth(at)
            .map(|(i, _)| i)
    }
}
