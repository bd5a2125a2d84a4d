//! Workshop actions on the selected responsibility: resolving its claims, recording a decision,
//! and the changes made since the workspace was opened.

use super::super::app::{App, DecisionAbout, ListKind, Mode, PromptKind, Tone};

impl App {
    /// `c`: the claim resolver for the selected responsibility.
    pub(super) fn open_claims(&mut self) {
        let Some(r) = self.selected else {
            self.say(
                "Select a responsibility to settle its claims",
                Tone::Problem,
            );
            return;
        };
        if self.workspace().responsibilities[r]
            .open_claims()
            .next()
            .is_none()
        {
            // None open: the facilitator records one (which department, then why).
            if self.claim_departments(r).is_empty() {
                self.say(
                    "No open claims, and every department holds every role here",
                    Tone::Info,
                );
            } else {
                self.open_list(ListKind::NewClaim(r), 0);
            }
            return;
        }
        self.open_list(ListKind::Claims(r), 0);
    }

    /// Who records a claim in the room: the facilitator, when the workspace names one.
    pub(super) fn raiser(&self) -> Option<&str> {
        self.workspace().info.facilitator.as_deref()
    }

    /// Back to the claim resolver after one claim was answered, while claims stay open.
    pub(super) fn reopen_claims(&mut self, r: usize) {
        let open = self
            .workspace()
            .responsibilities
            .get(r)
            .is_some_and(|x| x.open_claims().next().is_some());
        if open {
            self.open_list(ListKind::Claims(r), 0);
        } else if matches!(self.mode, Mode::List(_)) {
            self.mode = Mode::Normal;
        }
    }

    /// `d`: a decision about the selected responsibility (or the charter when none is); Tab
    /// in the prompt switches to the selected department and the whole charter.
    pub(super) fn record_decision(&mut self) {
        let about = self
            .selected
            .map_or(DecisionAbout::Charter, DecisionAbout::Responsibility);
        self.open_prompt(PromptKind::RecordDecision(about), String::new());
    }

    /// What Tab in the decision prompt moves to after `about`: the selected responsibility,
    /// then the selected department (or the first), then the charter as a whole.
    pub(super) fn next_decision_about(&self, about: DecisionAbout) -> DecisionAbout {
        let department = self
            .selected_department()
            .or_else(|| (!self.workspace().departments.is_empty()).then_some(0))
            .map(DecisionAbout::Department);
        let responsibility = self.selected.map(DecisionAbout::Responsibility);
        let order = [responsibility, department, Some(DecisionAbout::Charter)];
        let at = order.iter().position(|a| *a == Some(about)).unwrap_or(0);
        (1..=order.len())
            .find_map(|step| order[(at + step) % order.len()])
            .unwrap_or(DecisionAbout::Charter)
    }

    /// The changes since the workspace was opened, as lines for the changes view.
    pub(super) fn changes_lines(&self) -> Vec<String> {
        let before = self.session.baseline();
        let after = self.session.workspace();
        let diff = crate::diff::diff(before, after);
        if diff.is_empty() {
            return vec!["No changes since the workspace was opened.".to_owned()];
        }
        crate::diff::render_text(&diff, before, after)
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// The changes since the workspace was opened, as Markdown for the charter; `None` when
    /// nothing changed.
    pub(super) fn changes_markdown(&self) -> Option<String> {
        self.session.changes_markdown()
    }
}
