//! List overlays: moving through them and what their keys do (claims, decisions, parking lot,
//! workshop facts, giving a role, sign-off, changes).

use super::super::action::{Action, Direction};
use super::super::app::{App, ListKind, ListState, Mode, PromptKind, Question, Tone};
use super::super::lists::{claim_roles, list_contexts};
use crate::edit::{self, Answer, InfoField};
use crate::workspace::{Role, Side};

impl App {
    /// Opens a list overlay with the cursor on row `at`.
    pub(super) fn open_list(&mut self, kind: ListKind, at: usize) {
        self.let_go();
        if kind == ListKind::Changes {
            self.changes = self.changes_lines();
        }
        let rows = self.list_rows(kind).len();
        self.marked.clear();
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
        let contexts = list_contexts(list.kind);
        let Some(action) = self.keymap.action_for(&contexts, &key) else {
            return false;
        };
        let last = rows.saturating_sub(1);
        match action {
            Action::Cancel => {
                self.close_list(list.kind);
                return true;
            }
            Action::Move(Direction::Up | Direction::Left) => {
                list.selected = list.selected.saturating_sub(1);
            }
            Action::Move(Direction::Down | Direction::Right) => {
                list.selected = (list.selected + 1).min(last);
            }
            Action::PageUp => list.selected = list.selected.saturating_sub(10),
            Action::PageDown => list.selected = (list.selected + 10).min(last),
            Action::First => list.selected = 0,
            Action::Last => list.selected = last,
            other => {
                self.list_key(list, other);
                return true;
            }
        }
        self.mode = Mode::List(list);
        true
    }

    /// Esc: a role choice goes back to its claims (or to the departments, for a claim being
    /// recorded); everything else closes.
    fn close_list(&mut self, kind: ListKind) {
        self.mode = Mode::Normal;
        match kind {
            ListKind::ClaimRoles { responsibility, .. } => self.reopen_claims(responsibility),
            ListKind::NewClaimRole {
                responsibility,
                department,
            } => {
                let at = self.claim_departments(responsibility);
                let at = at.iter().position(|&d| d == department).unwrap_or(0);
                self.open_list(ListKind::NewClaim(responsibility), at);
            }
            _ => {}
        }
    }

    /// What `action` does to the selected row.
    fn list_key(&mut self, list: ListState, action: Action) {
        let at = list.selected;
        let keep_open = |app: &mut App| app.mode = Mode::List(list);
        match (list.kind, action) {
            // A claim on a role gets exactly that role; one on no particular role asks which.
            (ListKind::Claims(r), Action::Accept | Action::Activate) => {
                match self.claimant(r, at) {
                    Some((department, Some(role))) => {
                        self.mode = Mode::Normal;
                        self.accept_claim(r, department, Some(role), vec![role]);
                    }
                    Some((department, None)) => self.open_list(
                        ListKind::ClaimRoles {
                            responsibility: r,
                            department,
                        },
                        0,
                    ),
                    None => keep_open(self),
                }
            }
            (ListKind::Claims(r), Action::RecordClaim) => {
                if self.claim_departments(r).is_empty() {
                    self.say(
                        "Every department holds or claims every role here",
                        Tone::Info,
                    );
                    keep_open(self);
                } else {
                    self.open_list(ListKind::NewClaim(r), 0);
                }
            }
            (ListKind::Claims(r), Action::Decline) => {
                if let Some((department, role)) = self.claimant(r, at) {
                    self.open_prompt(
                        PromptKind::DeclineClaim {
                            responsibility: r,
                            department,
                            role,
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
                Action::Activate,
            ) => {
                self.mode = Mode::Normal;
                let choices = claim_roles(&self.workspace().model);
                let last = choices.len().saturating_sub(1);
                let roles = choices.get(at.min(last)).cloned().unwrap_or_default();
                self.accept_claim(responsibility, department, None, roles);
            }
            (ListKind::Raised, Action::Accept | Action::Activate) => {
                self.accept_raised(at);
                self.reopen_raised(at);
            }
            (ListKind::Raised, Action::Decline) => {
                self.dismiss_raised(at);
                self.reopen_raised(at);
            }
            (ListKind::Decisions, Action::Edit | Action::Activate) => {
                if let Some(text) = self.workspace().decisions.get(at).map(|d| d.text.clone()) {
                    self.open_prompt(PromptKind::EditDecision(at), text);
                }
            }
            (ListKind::Decisions, Action::Delete) if at < self.workspace().decisions.len() => {
                self.mode = Mode::Ask(Question::DeleteDecision(at));
            }
            (ListKind::Parked, Action::Activate) => {
                self.mode = Mode::Normal;
                if let Some(r) = self.parked_at(at) {
                    self.selected = Some(r);
                    self.column = 0;
                    self.follow_selection();
                }
            }
            (ListKind::Parked, Action::Unpark) => {
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
            (ListKind::Facts, Action::Edit | Action::Activate) => {
                let field = InfoField::ALL[at.min(InfoField::ALL.len() - 1)];
                let text = field.text(&self.workspace().info);
                self.open_prompt(PromptKind::EditInfo(field), text);
            }
            (
                ListKind::GiveRole {
                    responsibility,
                    role,
                },
                Action::Activate,
            ) => {
                self.mode = Mode::Normal;
                let departments = self.give_role_departments(responsibility, role);
                // The marked rows, or else the one under the cursor.
                let chosen: Vec<usize> = if self.marked.is_empty() {
                    departments.get(at).copied().into_iter().collect()
                } else {
                    departments
                        .iter()
                        .copied()
                        .filter(|d| self.marked.contains(d))
                        .collect()
                };
                let ws = self.workspace();
                let ids: Vec<String> = chosen
                    .iter()
                    .map(|&d| ws.departments[d].id.clone())
                    .collect();
                self.marked.clear();
                if !ids.is_empty() {
                    self.give_role_asking(responsibility, role, &ids);
                }
            }
            (
                ListKind::GiveRole {
                    responsibility,
                    role,
                },
                Action::Mark,
            ) => {
                if let Some(&d) = self.give_role_departments(responsibility, role).get(at) {
                    match self.marked.iter().position(|&m| m == d) {
                        Some(i) => {
                            self.marked.remove(i);
                        }
                        None => self.marked.push(d),
                    }
                }
                let mut moved = list;
                moved.selected = (at + 1).min(self.list_rows(list.kind).len().saturating_sub(1));
                self.mode = Mode::List(moved);
            }
            (ListKind::NewClaim(r), Action::Activate) => {
                if let Some(&department) = self.claim_departments(r).get(at) {
                    self.open_list(
                        ListKind::NewClaimRole {
                            responsibility: r,
                            department,
                        },
                        0,
                    );
                }
            }
            (
                ListKind::NewClaimRole {
                    responsibility,
                    department,
                },
                Action::Activate,
            ) => {
                if let Some(&role) = self.claimable_roles(responsibility, department).get(at) {
                    self.open_prompt(
                        PromptKind::RecordClaim {
                            responsibility,
                            department,
                            role,
                        },
                        String::new(),
                    );
                }
            }
            (ListKind::SignOff, Action::Sign | Action::Activate) => {
                keep_open(self);
                self.sign_from_list(at);
            }
            (ListKind::SignOff, Action::SetLead) => self.ask_signer(at, false),
            (ListKind::SignOff, Action::Withdraw) => {
                if let Some(change) = edit::unsign(self.workspace(), at) {
                    self.apply(change);
                }
                keep_open(self);
            }
            (ListKind::Changes, Action::Activate) => self.mode = Mode::Normal,
            (ListKind::FilterBy, Action::Activate) => self.choose_filter_by(at),
            (ListKind::Conflicts, Action::KeepOurs) => self.resolve_conflict_with(list, Side::Ours),
            (ListKind::Conflicts, Action::TakeTheirs) => {
                self.resolve_conflict_with(list, Side::Theirs);
            }
            _ => keep_open(self),
        }
    }

    /// Signs from the sign-off list for the department at `d`: a department without a lead
    /// first says who signs (the charter names a person, not the department); with items
    /// still open, the lead hears what they are before signing.
    pub(super) fn sign_from_list(&mut self, d: usize) {
        let Some(department) = self.workspace().departments.get(d) else {
            return;
        };
        if department
            .lead
            .as_deref()
            .is_none_or(|l| l.trim().is_empty())
        {
            self.ask_signer(d, true);
            return;
        }
        let open = crate::signoff::OpenItems::of(self.workspace(), self.session.analysis());
        if open.is_empty() {
            self.sign(d, None);
            self.open_list(ListKind::SignOff, d);
        } else {
            // Said before the lead signs; the signature keeps it.
            self.mode = Mode::Ask(Question::SignWithOpen {
                department: d,
                open,
            });
        }
    }

    /// Asks for the lead of the department at `d` from the sign-off list, then signs for it
    /// when `then_sign`.
    pub(super) fn ask_signer(&mut self, d: usize, then_sign: bool) {
        if let Some(department) = self.workspace().departments.get(d) {
            let lead = department.lead.clone().unwrap_or_default();
            let kind = PromptKind::SignerLead {
                department: d,
                then_sign,
            };
            self.open_prompt(kind, lead);
        }
    }

    /// Signs for the department at `d`, today, noting what was still `open` (in words).
    pub(super) fn sign(&mut self, d: usize, open: Option<&str>) {
        let today = self.today.clone();
        if let Some(change) = edit::sign(self.workspace(), d, &today, open) {
            self.apply(change);
        } else {
            self.say("Already signed today for this part", Tone::Info);
        }
    }

    /// The department position and the role claimed (`None`: no particular role) of the
    /// `at`-th open claim on the responsibility at `r`; `None` for a claim on a role this
    /// model lacks.
    fn claimant(&self, r: usize, at: usize) -> Option<(usize, Option<Role>)> {
        let ws = self.workspace();
        let (id, claim) = ws.responsibilities.get(r)?.open_claims().nth(at)?;
        let role = match claim.role.as_deref() {
            None => None,
            Some(key) => Some(ws.model.by_key(key)?),
        };
        Some((ws.department_index(id)?, role))
    }

    /// Accepts `department`'s open claim on `role` of the responsibility at `r`, giving it
    /// `roles`, then back to the claims still open.
    fn accept_claim(&mut self, r: usize, department: usize, role: Option<Role>, roles: Vec<Role>) {
        let ws = self.workspace();
        let Some(d) = ws.departments.get(department) else {
            return;
        };
        let key = role.map(|role| ws.model.key(role));
        match edit::answer_claim(ws, r, &d.id, key, &Answer::Accept(roles), &self.today) {
            Ok(change) => {
                self.apply(change);
                self.reopen_claims(r);
            }
            Err(problem) => self.say(problem, Tone::Problem),
        }
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
