//! The agenda: walking the open findings one at a time, opening the fix that fits each, and
//! the parking lot for what cannot be settled today.

use super::super::action::Action;
use super::super::app::{App, Focus, ListKind, PromptKind, Tone, View};
use super::super::keymap::Context;
use crate::agenda::Step;
use crate::analysis::{Finding, RuleId};
use crate::edit::{self, Field};
use crate::text::sanitize;
use crate::workspace::{Meaning, Role};

impl App {
    /// `n` / `N`: the next (or previous) open finding of the agenda, in a stable order.
    pub(super) fn step_finding(&mut self, forward: bool) {
        if !self.finding_visited {
            // The walk starts from the findings as they are now.
            self.agenda = crate::agenda::Agenda::new(
                self.session.workspace(),
                self.session.analysis(),
                self.session.undo_depth(),
            );
        }
        let index = match self.agenda.step(self.session.analysis(), forward) {
            Step::To(index) => index,
            Step::End => {
                self.finding_visited = true;
                let standing = self.agenda.standing();
                let mut text = self.agenda.end_summary();
                let open = standing.total - standing.settled;
                if open > 0 {
                    let again = self.key_note(Action::NextFinding, "starts over");
                    text.push_str(&format!("; {open} still open{again}"));
                } else if standing.parked > 0 {
                    text.push_str(&self.key_note(Action::ParkingLot, "lists the parked"));
                }
                let tone = if standing.settled == standing.total {
                    Tone::Success
                } else {
                    Tone::Info
                };
                self.say(text, tone);
                return;
            }
            Step::Nothing => {
                self.say("No findings: nothing to settle", Tone::Success);
                return;
            }
        };
        self.finding = index;
        self.finding_visited = true;
        self.jump_to_finding();
    }

    /// The finding Enter fixes on the board: the agenda's current one, exactly when the room
    /// looks at what it is about (its responsibility selected, or its department's column for a
    /// department-wide finding).
    pub fn agenda_target(&self) -> Option<usize> {
        // A parked or waived item has left the walk: nothing points at it any more.
        if !self.finding_visited || !self.agenda.current_in_walk() {
            return None;
        }
        let analysis = self.session.analysis();
        let index = self.agenda.finding_index(analysis)?;
        let finding = &analysis.findings[index];
        let ws = self.workspace();
        let looked_at = match (&finding.responsibility, &finding.department) {
            (Some(id), _) => self
                .selected
                .and_then(|r| ws.responsibilities.get(r))
                .is_some_and(|r| r.id == *id),
            (None, Some(id)) => self
                .selected_department()
                .and_then(|d| ws.departments.get(d))
                .is_some_and(|d| d.id == *id),
            (None, None) => false,
        };
        looked_at.then_some(index)
    }

    /// Once the walk started, the agenda follows the selection: a selected responsibility
    /// with open items makes its first one the current item.
    pub(super) fn agenda_follows_selection(&mut self) {
        if !self.finding_visited || self.mode != super::super::app::Mode::Normal {
            return;
        }
        if self.agenda_target().is_some() {
            return;
        }
        let Some(id) = self
            .selected
            .and_then(|r| self.workspace().responsibilities.get(r))
            .map(|r| r.id.clone())
        else {
            return;
        };
        if self.agenda.follow(&id)
            && let Some(index) = self.agenda.finding_index(self.session.analysis())
        {
            self.finding = index;
        }
    }

    /// Enter on a finding: go to it and open the fix that fits it.
    /// Enter in focus mode away from the agenda: the fix of the selected responsibility's
    /// worst finding.
    pub(super) fn fix_first_finding_of_selected(&mut self) {
        let Some(r) = self.selected else {
            return;
        };
        let analysis = self.session.analysis();
        let first = analysis
            .for_responsibility(r)
            .next()
            .and_then(|f| analysis.findings.iter().position(|g| std::ptr::eq(f, g)));
        match first {
            Some(index) => {
                self.finding = index;
                self.fix_finding();
            }
            None => self.say("Nothing to fix here: no open findings", Tone::Info),
        }
    }

    pub(super) fn fix_finding(&mut self) {
        let Some(finding) = self.session.analysis().findings.get(self.finding).cloned() else {
            self.say("No finding selected", Tone::Info);
            return;
        };
        self.jump_to_finding();
        let (responsibility, department) = self.finding_positions(&finding);
        let model = self.workspace().model.clone();
        let role_for = |rule| -> Option<Role> {
            match rule {
                RuleId::HotPotato => Some(model.answering()),
                RuleId::Undecided => model.first_with(Meaning::Decides),
                RuleId::NoDoer => model.doing(),
                RuleId::Silo => model
                    .first_with(Meaning::Consulted)
                    .or_else(|| model.first_with(Meaning::Informed)),
                _ => None,
            }
        };
        match (finding.rule, responsibility, department) {
            (
                rule @ (RuleId::HotPotato | RuleId::Undecided | RuleId::NoDoer | RuleId::Silo),
                Some(r),
                _,
            ) if role_for(rule).is_some() => {
                self.offer_role(r, role_for(rule).unwrap_or(Role::Accountable));
            }
            (RuleId::Contested, Some(r), _) => self.open_field(r, Field::TieBreaker),
            (RuleId::Underfunded | RuleId::SingleFunder, Some(r), _) => {
                self.open_field(r, Field::Funding);
            }
            (RuleId::Overload, None, Some(d)) => {
                // The load view, on the department that carries too much.
                if self.view != View::Load {
                    self.toggle_view(View::Load);
                }
                self.matrix_department = d;
            }
            (RuleId::Absent, None, Some(d)) => self.absent_fix(d),
            (RuleId::DuplicateName, Some(r), _) => {
                let name = self.workspace().responsibilities[r].name.clone();
                self.open_prompt(PromptKind::RenameResponsibility(r), name);
            }
            (RuleId::DuplicateName, None, Some(d)) => {
                let name = self.workspace().departments[d].name.clone();
                self.open_prompt(PromptKind::RenameDepartment(d), name);
            }
            (RuleId::MergeConflict, _, _) => {
                let at = self.conflict_of(&finding);
                self.open_list(ListKind::Conflicts, at);
            }
            (RuleId::UnresolvedClaim, Some(r), department) => {
                let at = department
                    .and_then(|d| {
                        let id = &self.workspace().departments[d].id;
                        self.workspace().responsibilities[r]
                            .open_claims()
                            .position(|(claimant, _)| claimant == id)
                    })
                    .unwrap_or(0);
                self.open_list(ListKind::Claims(r), at);
            }
            _ => self.focus = Focus::Main,
        }
    }

    /// The fix of a department with no role anywhere: the matrix, on its column, where a
    /// key on a cell gives it a role.
    fn absent_fix(&mut self, d: usize) {
        if self.view != View::Matrix {
            self.toggle_view(View::Matrix);
        }
        self.matrix_department = d;
        let cell = self
            .keymap
            .key(&[Context::Matrix], Action::CycleCell)
            .map_or_else(String::new, |k| format!(": {k} on a cell gives it a role"));
        let name = sanitize(&self.workspace().departments[d].name);
        self.say(format!("{name} in the matrix{cell}"), Tone::Info);
    }

    /// The fix that gives `role` of the responsibility at `r`: the departments it would change
    /// something for, or why there are none.
    fn offer_role(&mut self, r: usize, role: Role) {
        if self.give_role_departments(r, role).is_empty() {
            self.say(
                format!(
                    "No other department could be {} here",
                    self.workspace().model.label(role)
                ),
                Tone::Info,
            );
        } else {
            self.open_list(
                ListKind::GiveRole {
                    responsibility: r,
                    role,
                },
                0,
            );
        }
    }

    /// The positions of the responsibility and the department a finding is about.
    fn finding_positions(&self, finding: &Finding) -> (Option<usize>, Option<usize>) {
        let ws = self.workspace();
        let responsibility = finding
            .responsibility
            .as_deref()
            .and_then(|id| ws.responsibility_index(id));
        let department = finding
            .department
            .as_deref()
            .and_then(|id| ws.department_index(id));
        (responsibility, department)
    }

    fn open_field(&mut self, r: usize, field: Field) {
        self.selected = Some(r);
        if let Some(at) = Field::ALL.iter().position(|f| *f == field) {
            self.field = at;
        }
        let text = field.text_in(self.workspace(), &self.workspace().responsibilities[r]);
        self.open_prompt(PromptKind::EditField(r, field), text);
    }

    /// `w`: asks why the room accepts the finding it is on (the agenda's, or the one selected
    /// in the findings panel), then waives it.
    pub(super) fn waive_finding(&mut self) {
        let at = if self.focus == Focus::Findings {
            Some(self.finding).filter(|&i| i < self.session.analysis().findings.len())
        } else {
            self.agenda_target()
        };
        let Some(index) = at else {
            let walk = self.key_note(Action::NextFinding, "walks the agenda");
            self.say(format!("No finding to waive here{walk}"), Tone::Problem);
            return;
        };
        if let Some(waived) = &self.session.analysis().findings[index].waived {
            let text = format!("Already waived on {}: {}", waived.date, waived.reason);
            self.say(text, Tone::Info);
            return;
        }
        self.open_prompt(PromptKind::Waive(index), String::new());
    }

    /// After parking or waiving the agenda's item: ▶ moves on to the next open item (not to
    /// another finding of what was parked), and the status says both what was done and where
    /// the room is now.
    pub(super) fn agenda_moves_on(&mut self) {
        if !self.finding_visited || self.agenda.current().is_none() || self.agenda.current_in_walk()
        {
            return;
        }
        let done = self.status.as_ref().map(|(text, _)| text.clone());
        self.step_finding(true);
        if let (Some(done), Some((now, tone))) = (done, self.status.clone()) {
            self.say(format!("{done} · {now}"), tone);
        }
    }

    /// `p`: parks the selected responsibility (asking for an optional note), or un-parks it.
    pub(super) fn toggle_park(&mut self) {
        let Some(r) = self.selected else {
            self.say("Select a responsibility to park", Tone::Problem);
            return;
        };
        if self.workspace().responsibilities[r].is_parked() {
            if let Some(change) = edit::unpark(self.workspace(), r) {
                self.apply(change);
            }
        } else {
            self.open_prompt(PromptKind::Park(r), String::new());
        }
    }

    pub(super) fn jump_to_finding(&mut self) {
        let Some(finding) = self.session.analysis().findings.get(self.finding).cloned() else {
            return;
        };
        let (responsibility, department) = self.finding_positions(&finding);
        // The load view shows no cards to fix: the walk goes back to the board (or matrix)
        // for every finding but an overload.
        if self.view == View::Load && finding.rule != RuleId::Overload {
            self.toggle_view(View::Load);
        }
        if let Some(r) = responsibility {
            self.selected = Some(r);
            let preferred = department.map(|d| d + 1).filter(|&c| {
                self.columns
                    .get(c)
                    .is_some_and(|col| col.cards.contains(&r))
            });
            match preferred {
                Some(c) => self.column = c,
                None => {
                    self.column = 0;
                    self.follow_selection();
                }
            }
        } else if let Some(d) = department {
            self.column = d + 1;
            self.matrix_department = d;
            if let Some(&first) = self.columns.get(self.column).and_then(|c| c.cards.first()) {
                self.selected = Some(first);
            }
        }
        self.agenda.go_to(&finding);
        let standing = self.agenda.standing().describe();
        // The finding first: on a small screen (no findings panel) the status line is where
        // the room reads it; where the walk stands comes after.
        self.say(
            format!(
                "{} {} — {standing}{}",
                super::super::theme::glyph(finding.severity),
                sanitize(&finding.message),
                self.key_label(Action::Activate)
                    .map_or_else(String::new, |k| format!(" ({k}: fix it)"))
            ),
            Tone::Info,
        );
        if self.focus == Focus::Findings {
            self.focus = Focus::Main;
        }
    }
}
