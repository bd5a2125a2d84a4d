//! One participant: a thread of their own with a read-only `App` (their selection, lens, view,
//! theme, size, panels), following the facilitator or looking around, drawn with the board's
//! own [`view::render`] into frames for their SSH channel.

use std::io;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::super::action::Action;
use super::super::app::{App, Mode, Tone};
use super::super::keymap::Context;
use super::super::{contexts, layout, view};
use super::link::SshTerminal;
use super::{MAX_NAME, MAX_TEXT, Raised, RaisedKind, RemoteEvent, Shared, Snapshot, join};
use crate::text::sanitize;
use crate::workspace::{Role, RoleModel};

/// Where the participant is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Stage {
    Name(String),
    Department(usize),
    Board,
    /// Raising a claim or a comment; a claim names `role` (`None`: no particular role), which
    /// Tab changes.
    Raise {
        kind: RaisedKind,
        text: String,
        role: Option<Role>,
    },
}

/// A participant's own view state.
pub(super) struct Participant {
    /// The connection's number (for the deadline, which ends once they joined).
    id: u64,
    app: App,
    stage: Stage,
    name: String,
    /// Their department's id (none when the workspace has no departments).
    department: Option<String>,
    pub(super) following: bool,
    /// A message for the status line until the next key.
    notice: Option<String>,
    pub(super) leaving: bool,
}

/// Board actions a participant may take: moving, views, lens, panels, theme, help. None edits.
fn allowed(action: Action) -> bool {
    matches!(
        action,
        Action::Move(_)
            | Action::PageUp
            | Action::PageDown
            | Action::ToggleView
            | Action::ToggleSpotlight
            | Action::ToggleLoadView
            | Action::NextLens
            | Action::PreviousLens
            | Action::NextTheme
            | Action::ToggleHelp
            | Action::ToggleFindingsPanel
            | Action::ToggleDetailPanel
    )
}

/// Of those, the ones that leave the facilitator's view (and so stop following).
fn looks_away(action: Action) -> bool {
    !matches!(
        action,
        Action::NextTheme
            | Action::ToggleHelp
            | Action::ToggleFindingsPanel
            | Action::ToggleDetailPanel
    )
}

impl Participant {
    /// A participant who has just connected: asked for their name first, following.
    pub(super) fn new(id: u64, mut app: App) -> Participant {
        // Their help and hints list only what a participant may do.
        app.keymap = std::sync::Arc::new(app.keymap.retaining(|b| {
            allowed(b.action) || matches!(b.context, Context::Participant | Context::Help)
        }));
        Participant {
            id,
            app,
            stage: Stage::Name(String::new()),
            name: String::new(),
            department: None,
            following: true,
            notice: None,
            leaving: false,
        }
    }

    /// Whether they answered the join questions (their name and department).
    pub(super) fn joined(&self) -> bool {
        !matches!(self.stage, Stage::Name(_) | Stage::Department(_))
    }

    /// Takes the facilitator's workspace (when it changed) and where they look.
    pub(super) fn follow(&mut self, snapshot: &Snapshot) {
        self.sync(snapshot);
        let f = &snapshot.follow;
        let app = &mut self.app;
        app.view = f.view;
        app.lens = f.lens;
        app.filter = f.filter.clone();
        app.rebuild();
        app.column = f.column.min(app.columns.len().saturating_sub(1));
        app.selected = f.selected;
        app.column_offset = f.column_offset;
        app.card_offsets.clone_from(&f.card_offsets);
        app.card_offsets.resize(app.columns.len(), 0);
        app.matrix_department = f.matrix_department;
        app.matrix_row_offset = f.matrix_row_offset;
        app.matrix_column_offset = f.matrix_column_offset;
        app.finding = f.finding;
        app.agenda = f.agenda.clone();
        app.rebuild();
    }

    /// Takes the facilitator's workspace when it changed, keeping this participant's view.
    pub(super) fn sync(&mut self, snapshot: &Snapshot) {
        if self.app.session.revision() != snapshot.session.revision() {
            self.app.session = (*snapshot.session).clone();
            self.app.rebuild();
        }
        let ws = self.app.workspace();
        self.app.highlight = self
            .department
            .as_ref()
            .and_then(|id| ws.department_index(id));
    }

    pub(super) fn key(&mut self, shared: &Shared, key: KeyEvent) {
        let quit = key.code == KeyCode::Char('c') && key.modifiers == KeyModifiers::CONTROL;
        match &mut self.stage {
            Stage::Name(input) => match key.code {
                _ if quit => self.leaving = true,
                KeyCode::Esc => self.leaving = true,
                KeyCode::Enter => {
                    let name: String = sanitize(input.trim()).chars().take(MAX_NAME).collect();
                    if !name.is_empty() {
                        self.name = name;
                        self.stage = Stage::Department(0);
                    }
                }
                KeyCode::Backspace => {
                    input.pop();
                }
                KeyCode::Char(c) if input.chars().count() < MAX_NAME && !c.is_control() => {
                    input.push(c);
                }
                _ => {}
            },
            Stage::Department(at) => {
                let count = self.app.workspace().departments.len();
                match key.code {
                    _ if quit => self.leaving = true,
                    KeyCode::Esc => self.stage = Stage::Name(self.name.clone()),
                    KeyCode::Up | KeyCode::Char('k') => *at = at.saturating_sub(1),
                    KeyCode::Down | KeyCode::Char('j') => {
                        *at = (*at + 1).min(count.saturating_sub(1));
                    }
                    KeyCode::Enter => {
                        self.department = self
                            .app
                            .workspace()
                            .departments
                            .get(*at)
                            .map(|d| d.id.clone());
                        self.stage = Stage::Board;
                        // (False only when the deadline just dropped the connection.)
                        let _ = shared.gate.joined(self.id);
                        self.follow(&shared.snapshot());
                    }
                    _ => {}
                }
            }
            Stage::Raise { kind, text, role } => match key.code {
                _ if quit => self.stage = Stage::Board,
                KeyCode::Esc => self.stage = Stage::Board,
                KeyCode::Enter => {
                    let (kind, text) = (*kind, sanitize(text.trim()));
                    let role = role.map(|r| self.app.workspace().model.key(r).to_owned());
                    self.raise(shared, kind, text, role);
                }
                KeyCode::Tab | KeyCode::BackTab if *kind == RaisedKind::Claim => {
                    *role = next_role(
                        &self.app.workspace().model,
                        *role,
                        key.code == KeyCode::BackTab,
                    );
                }
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c) if text.chars().count() < MAX_TEXT && !c.is_control() => {
                    text.push(c);
                }
                _ => {}
            },
            Stage::Board => self.board_key(shared, key),
        }
        self.set_status();
    }

    fn board_key(&mut self, shared: &Shared, key: KeyEvent) {
        self.notice = None;
        if matches!(self.app.mode, Mode::Help { .. }) {
            self.app.update(Action::Key(key));
            return;
        }
        match self.app.keymap.action_for(&[Context::Participant], &key) {
            Some(Action::Quit) => self.leaving = true,
            Some(Action::LookAround) => self.following = false,
            Some(Action::Follow) => {
                self.following = true;
                self.follow(&shared.snapshot());
            }
            Some(Action::RaiseClaim) if self.department.is_none() => {
                self.notice = Some("Join with a department to raise a claim".to_owned());
            }
            Some(kind @ (Action::RaiseClaim | Action::RaiseComment)) => {
                if self.app.selected.is_some() {
                    let kind = if kind == Action::RaiseClaim {
                        RaisedKind::Claim
                    } else {
                        RaisedKind::Comment
                    };
                    self.stage = Stage::Raise {
                        kind,
                        text: String::new(),
                        role: None,
                    };
                } else {
                    self.notice = Some("No responsibility in view to raise it on".to_owned());
                }
            }
            _ => {
                let Some(action) = self.app.keymap.action_for(&contexts(&self.app), &key) else {
                    return;
                };
                if !allowed(action) {
                    return;
                }
                if looks_away(action) {
                    self.following = false;
                }
                self.app.update(action);
                // A participant's theme is their own: nothing is written to the facilitator's
                // settings.
                self.app.effects.clear();
            }
        }
    }

    /// Sends the claim or comment to the facilitator's queue.
    fn raise(&mut self, shared: &Shared, kind: RaisedKind, text: String, role: Option<String>) {
        if kind == RaisedKind::Comment && text.is_empty() {
            return;
        }
        let ws = self.app.workspace();
        let Some(responsibility) = self
            .app
            .selected
            .and_then(|r| ws.responsibilities.get(r))
            .map(|r| r.id.clone())
        else {
            self.stage = Stage::Board;
            return;
        };
        shared.tell_board(RemoteEvent::Raise(Raised {
            kind,
            name: self.name.clone(),
            department: self.department.clone().unwrap_or_default(),
            responsibility,
            text: text.chars().take(MAX_TEXT).collect(),
            role,
        }));
        self.stage = Stage::Board;
        self.notice = Some(match kind {
            RaisedKind::Claim => "✋ Claim raised: the facilitator will take it up".to_owned(),
            RaisedKind::Comment => "✋ Comment raised: the facilitator will take it up".to_owned(),
        });
    }

    /// The status line: who they are, following or not, and their keys.
    fn set_status(&mut self) {
        let keymap = &self.app.keymap;
        let key = |action, words: &str| {
            keymap
                .key(&[Context::Participant], action)
                .map(|k| format!("{k} {words}"))
        };
        let keys: Vec<String> = [
            if self.following {
                key(Action::LookAround, "look around")
            } else {
                key(Action::Follow, "follow")
            },
            key(Action::RaiseClaim, "claim"),
            key(Action::RaiseComment, "comment"),
            key(Action::Quit, "leave"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let department = self
            .department
            .as_ref()
            .and_then(|id| {
                self.app
                    .workspace()
                    .departments
                    .iter()
                    .find(|d| &d.id == id)
            })
            .map_or_else(String::new, |d| format!(" ({})", d.name));
        let state = if self.following {
            "following the facilitator"
        } else {
            "looking around"
        };
        let text = match &self.notice {
            Some(notice) => format!("{notice} │ {}", keys.join(" · ")),
            None => format!("{}{department}: {state} │ {}", self.name, keys.join(" · ")),
        };
        self.app.say(text, Tone::Info);
    }

    pub(super) fn draw(&mut self, terminal: &mut SshTerminal, area: Rect) -> io::Result<()> {
        if self.stage == Stage::Board && self.app.status.is_none() {
            self.set_status();
        }
        let layout = layout::compute(&self.app, area);
        let me = &*self;
        terminal.draw(|frame| match &me.stage {
            Stage::Name(input) => join::name(&me.app, input, frame),
            Stage::Department(at) => join::departments(&me.app, &me.name, *at, frame),
            Stage::Board => view::render(&me.app, &layout, frame),
            Stage::Raise { kind, text, role } => {
                view::render(&me.app, &layout, frame);
                let ws = me.app.workspace();
                let about = me
                    .app
                    .selected
                    .and_then(|r| ws.responsibilities.get(r))
                    .map_or_else(String::new, |r| sanitize(&r.name));
                let role = role.map(|r| ws.model.label(r));
                join::raise(&me.app, *kind, &about, role, text, frame);
            }
        })?;
        self.app.adopt_layout(layout);
        Ok(())
    }
}

/// The role after `role` in a claim being raised (`back`: before it): no particular role, then
/// each role of `model` in order, round again.
fn next_role(model: &RoleModel, role: Option<Role>, back: bool) -> Option<Role> {
    let count = model.len();
    // Position 0 is "no particular role", position i + 1 the model's role i.
    let at = role.map_or(0, |r| r.index() + 1);
    let next = if back {
        (at + count) % (count + 1)
    } else {
        (at + 1) % (count + 1)
    };
    next.checked_sub(1).and_then(|i| model.role(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    #[test]
    fn a_participants_help_lists_only_what_they_may_do() {
        let session = Session::open(std::path::Path::new("tests/fixtures/board.toml"))
            .expect("fixture loads");
        let participant = Participant::new(1, App::new(session));
        let keymap = &participant.app.keymap;
        assert!(
            keymap
                .bindings()
                .iter()
                .all(|b| allowed(b.action)
                    || matches!(b.context, Context::Participant | Context::Help)),
            "no edit, save or export key"
        );
        for action in [Action::Save, Action::Undo, Action::Delete, Action::Export] {
            assert!(
                !keymap.bindings().iter().any(|b| b.action == action),
                "{action:?}"
            );
        }
        // What they may do keeps its keys: moving, the lens, help, following and raising.
        for action in [
            Action::Move(crate::tui::action::Direction::Down),
            Action::NextLens,
            Action::ToggleHelp,
            Action::Follow,
            Action::RaiseClaim,
        ] {
            assert!(
                keymap.bindings().iter().any(|b| b.action == action),
                "{action:?}"
            );
        }
    }

    #[test]
    fn tab_walks_from_no_particular_role_through_each_role_and_round() {
        let model =
            crate::workspace::RoleModel::builtin(crate::workspace::ModelKind::Raci).expect("raci");
        let mut seen = vec![None];
        let mut role = None;
        for _ in 0..model.len() + 1 {
            role = next_role(&model, role, false);
            seen.push(role.map(|r| model.key(r).to_owned()));
        }
        assert_eq!(
            seen,
            [
                None,
                Some("accountable".into()),
                Some("responsible".into()),
                Some("consulted".into()),
                Some("informed".into()),
                None
            ]
        );
        assert_eq!(next_role(&model, None, true), model.role(3));
    }
}
