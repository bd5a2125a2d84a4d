//! Workshop actions on the selected responsibility: resolving its claims, recording a decision,
//! and the changes made since the workspace was opened.

use super::super::app::{App, ListKind, Mode, PromptKind, Tone};

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
            self.say("No open claims on this responsibility", Tone::Info);
            return;
        }
        self.open_list(ListKind::Claims(r), 0);
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

    /// `d`: a decision about the selected responsibility (or the workspace when none is).
    pub(super) fn record_decision(&mut self) {
        self.open_prompt(PromptKind::RecordDecision(self.selected), String::new());
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
        let before = self.session.baseline();
        let after = self.session.workspace();
        let diff = crate::diff::diff(before, after);
        (!diff.is_empty()).then(|| crate::diff::render_markdown_lines(&diff, before, after))
    }
}
