//! The agenda: walking the open findings one at a time, opening the fix that fits each, and
//! the parking lot for what cannot be settled today.

use super::super::action::Action;
use super::super::app::{App, Focus, ListKind, PromptKind, Tone};
use crate::analysis::{Finding, RuleId};
use crate::edit::{self, Field};
use crate::text::sanitize;
use crate::workspace::{Meaning, Role};

impl App {
    /// `n` / `N`: the next (or previous) open finding of the agenda, in a stable order.
    pub(super) fn step_finding(&mut self, forward: bool) {
        if !self.finding_visited {
            // The walk starts from the findings as they are now.
            self.agenda =
                crate::agenda::Agenda::new(self.session.workspace(), self.session.analysis());
        }
        let Some(index) = self.agenda.step(self.session.analysis(), forward) else {
            let standing = self.agenda.standing();
            let text = if standing.parked > 0 {
                format!(
                    "Nothing left to walk: {} settled, {} parked for later (P lists them)",
                    standing.settled, standing.parked
                )
            } else {
                "No findings: nothing to settle".to_owned()
            };
            self.say(text, Tone::Success);
            return;
        };
        self.finding = index;
        self.finding_visited = true;
        self.jump_to_finding();
        self.agenda_armed = true;
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
        self.agenda_armed = false;
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
            ) if role_for(rule).is_some() => self.open_list(
                ListKind::GiveRole {
                    responsibility: r,
                    role: role_for(rule).unwrap_or(Role::Accountable),
                },
                0,
            ),
            (RuleId::Contested, Some(r), _) => self.open_field(r, Field::TieBreaker),
            (RuleId::Underfunded | RuleId::SingleFunder, Some(r), _) => {
                self.open_field(r, Field::Funding);
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
        self.say(
            format!(
                "{standing}: {}[{}] {}{}",
                finding.severity,
                finding.rule,
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
