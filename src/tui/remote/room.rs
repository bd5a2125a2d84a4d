//! The facilitator's side of a hybrid workshop: who is connected and the queue of claims and
//! comments participants raised, accepted (through the normal undoable edits) or dismissed.

use super::super::app::{App, ListKind, Mode, Tone};
use super::super::lists::{Mark, Row, row};
use crate::edit::{self, Change, Edit};
use crate::text::sanitize;
use crate::workspace::Claim;

/// What a participant raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RaisedKind {
    /// Their department claims the responsibility: accepted, it becomes an open claim.
    Claim,
    /// A remark: accepted, it becomes a decision-log entry about the responsibility.
    Comment,
}

/// One claim or comment from a participant, attributed "Name (Department)". Items are named
/// by id, so a later change of the workspace does not point it elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raised {
    pub kind: RaisedKind,
    /// The participant's name (sanitized, bounded).
    pub name: String,
    /// The participant's department id.
    pub department: String,
    /// The responsibility id it is about.
    pub responsibility: String,
    /// The participant's text (sanitized, bounded).
    pub text: String,
    /// For a claim: the key of the role it asks for (`None`: no particular role).
    pub role: Option<String>,
}

/// The remote room as the facilitator's board sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Room {
    /// Participants connected now (joined or still joining).
    pub connected: usize,
    /// Logins that failed since the server started (a wrong passcode or key).
    pub failed_logins: usize,
    /// Waiting for the facilitator, oldest first.
    pub raised: Vec<Raised>,
    /// How participants join (the command, the passcode, the host key's fingerprint), for
    /// the facilitator who needs it again.
    pub join: String,
}

impl Raised {
    /// "Ana (Legal)", with the department's name when it still exists.
    pub fn who(&self, ws: &crate::workspace::Workspace) -> String {
        let department = ws
            .departments
            .iter()
            .find(|d| d.id == self.department)
            .map_or(self.department.as_str(), |d| d.name.as_str());
        sanitize(&format!("{} ({department})", self.name))
    }
}

impl App {
    /// Opens the queue of raised items (when serving).
    pub(in super::super) fn open_raised(&mut self) {
        if self.room.is_none() {
            self.say(
                "No remote participants: `whoowns serve` hosts them",
                Tone::Info,
            );
            return;
        }
        self.mode = Mode::List(super::super::app::ListState {
            kind: ListKind::Raised,
            selected: 0,
            scroll: 0,
        });
    }

    /// Keeps the queue open after an item left it, while items remain.
    pub(in super::super) fn reopen_raised(&mut self, at: usize) {
        let left = self.room.as_ref().map_or(0, |r| r.raised.len());
        if left > 0 && matches!(self.mode, Mode::Normal) {
            self.mode = Mode::List(super::super::app::ListState {
                kind: ListKind::Raised,
                selected: at.min(left - 1),
                scroll: 0,
            });
        }
    }

    /// The queue's title.
    pub(in super::super) fn raised_title(&self) -> String {
        let room = self.room.as_ref();
        format!(
            "Raised by remote participants ({}) · {} connected",
            room.map_or(0, |r| r.raised.len()),
            room.map_or(0, |r| r.connected)
        )
    }

    /// One row per raised item: who, what and on which responsibility.
    pub(in super::super) fn raised_rows(&self) -> Vec<Row> {
        let ws = self.workspace();
        let Some(room) = &self.room else {
            return Vec::new();
        };
        room.raised
            .iter()
            .map(|item| {
                let about = ws
                    .responsibilities
                    .iter()
                    .find(|r| r.id == item.responsibility)
                    .map_or(item.responsibility.as_str(), |r| r.name.as_str());
                let role = item.role.as_deref().map(|key| {
                    ws.model
                        .by_key(key)
                        .map_or(key, |role| ws.model.label(role))
                });
                let verb = match (item.kind, role) {
                    (RaisedKind::Claim, Some(role)) => format!("claims to be {role} for"),
                    (RaisedKind::Claim, None) => "claims".to_owned(),
                    (RaisedKind::Comment, _) => "comments on".to_owned(),
                };
                let text = if item.text.is_empty() {
                    String::new()
                } else {
                    format!(": {}", item.text)
                };
                row(
                    sanitize(&format!("✋ {} {verb} \"{about}\"{text}", item.who(ws))),
                    Mark::Todo,
                )
            })
            .collect()
    }

    /// Takes item `at` out of the queue and applies it: a claim becomes an open claim of the
    /// participant's department, a comment a decision-log entry about the responsibility,
    /// both as one undoable edit.
    pub(in super::super) fn accept_raised(&mut self, at: usize) {
        let Some(item) = self.take_raised(at) else {
            return;
        };
        self.mode = Mode::Normal;
        match raised_change(self.workspace(), &item, &self.today) {
            Ok(change) => {
                self.apply(change);
            }
            Err(problem) => self.say(problem, Tone::Problem),
        }
    }

    /// Takes item `at` out of the queue, changing nothing.
    pub(in super::super) fn dismiss_raised(&mut self, at: usize) {
        if let Some(item) = self.take_raised(at) {
            self.mode = Mode::Normal;
            let who = item.who(self.workspace());
            self.say(format!("Dismissed what {who} raised"), Tone::Info);
        }
    }

    fn take_raised(&mut self, at: usize) -> Option<Raised> {
        let room = self.room.as_mut()?;
        (at < room.raised.len()).then(|| room.raised.remove(at))
    }
}

/// The undoable change accepting `item` makes, or why it cannot be made any more.
pub fn raised_change(
    ws: &crate::workspace::Workspace,
    item: &Raised,
    today: &str,
) -> Result<Change, String> {
    let who = item.who(ws);
    let Some(index) = ws
        .responsibilities
        .iter()
        .position(|r| r.id == item.responsibility)
    else {
        return Err(format!(
            "What {who} raised is about a responsibility that is gone"
        ));
    };
    let responsibility = &ws.responsibilities[index];
    match item.kind {
        RaisedKind::Claim => {
            let Some(department) = ws.departments.iter().find(|d| d.id == item.department) else {
                return Err(format!("The department of {who} is gone"));
            };
            let role = item.role.as_deref();
            if let Some(key) = role
                && ws.model.by_key(key).is_none()
            {
                return Err(format!(
                    "{who} claims the role `{key}`, which this workspace does not have"
                ));
            }
            if responsibility
                .claims
                .get(&department.id, role)
                .is_some_and(Claim::is_open)
            {
                return Err(format!(
                    "{} already has that claim open on \"{}\"",
                    department.name, responsibility.name
                ));
            }
            let claim = Claim {
                raised_by: Some(item.name.clone()),
                ..Claim::for_role(role, item.text.clone())
            };
            let mut value = responsibility.clone();
            value.claims.insert(department.id.clone(), claim);
            Ok(Change {
                edit: Edit::SetResponsibility { index, value },
                label: format!(
                    "{} claims \"{}\" (raised by {})",
                    department.name, responsibility.name, item.name
                ),
            })
        }
        RaisedKind::Comment => {
            let text = format!("{who}: {}", item.text);
            edit::add_decision(ws, today, Some(responsibility.id.as_str()), &text)
                .ok_or_else(|| format!("What {who} raised has no text"))
        }
    }
}
