//! Filtering the cards (`/` by text, `=` by area or finding kind) and jumping to a department
//! (`J`). Both act live as the person types; Esc puts things back as they were.

use super::super::app::{App, ListKind, Mode, Prompt, PromptKind, Tone, View};
use super::super::filter::{FilterBy, choices};

impl App {
    /// `/`: a prompt whose text filters the cards as it is typed.
    pub(super) fn open_filter_text(&mut self) {
        self.let_go();
        self.filter_before = self.filter.text.clone();
        let current = self.filter.text.clone().unwrap_or_default();
        self.open_prompt(PromptKind::FilterText, current);
    }

    /// `J`: a prompt whose first letters select a department as they are typed.
    pub(super) fn open_jump(&mut self) {
        self.let_go();
        self.jump_from = Some((self.column, self.selected));
        self.open_prompt(PromptKind::JumpToDepartment, String::new());
    }

    /// `=`: the list of areas and finding kinds to filter by.
    pub(super) fn open_filter_by(&mut self) {
        let at = self
            .filter_choices()
            .iter()
            .position(|(by, _)| *by == self.filter.by);
        self.open_list(ListKind::FilterBy, at.unwrap_or(0));
    }

    /// The `=` list's choices with their card counts.
    pub fn filter_choices(&self) -> Vec<(Option<FilterBy>, usize)> {
        choices(&self.workspace().responsibilities, self.session.analysis())
    }

    /// Enter on the `=` list.
    pub(super) fn choose_filter_by(&mut self, at: usize) {
        self.mode = Mode::Normal;
        let Some((by, _)) = self.filter_choices().into_iter().nth(at) else {
            return;
        };
        self.filter.by = by;
        self.apply_filter();
    }

    /// After each edit of a live prompt: filter or jump as typed so far.
    pub(super) fn live_prompt(&mut self, prompt: &mut Prompt) {
        match prompt.kind {
            PromptKind::FilterText => {
                self.filter.set_text(&prompt.input);
                self.rebuild();
                self.follow_filtered_selection();
            }
            PromptKind::JumpToDepartment => match self.department_by_letters(&prompt.input) {
                Some(d) => self.go_to_department(d),
                None if prompt.input.is_empty() => {}
                None => {
                    prompt.error = Some(format!(
                        "no department's name starts with \"{}\"",
                        crate::text::sanitize(&prompt.input)
                    ));
                }
            },
            _ => {}
        }
    }

    /// Enter or Esc on a live prompt: keep what it did, or put things back.
    pub(super) fn close_live_prompt(&mut self, prompt: &Prompt, keep: bool) {
        self.mode = Mode::Normal;
        match prompt.kind {
            PromptKind::FilterText if !keep => {
                self.filter.text = self.filter_before.take();
                self.apply_filter();
            }
            PromptKind::FilterText => self.apply_filter(),
            PromptKind::JumpToDepartment if !keep => {
                if let Some((column, selected)) = self.jump_from.take() {
                    self.column = column.min(self.columns.len().saturating_sub(1));
                    self.selected = selected;
                }
            }
            _ => {}
        }
    }

    /// Esc on the board: clears the filter, if one is set. Returns whether it did.
    pub(super) fn clear_filter(&mut self) -> bool {
        if self.filter.is_empty() {
            return false;
        }
        self.filter = Default::default();
        self.apply_filter();
        true
    }

    /// Rebuilds the board for the filter and says what it shows.
    fn apply_filter(&mut self) {
        self.rebuild();
        self.follow_filtered_selection();
        if self.filter.is_empty() {
            self.say("Showing every card", Tone::Info);
        } else {
            let shown = self.shown_cards();
            let clear = self
                .keymap
                .key(
                    &[super::super::keymap::Context::Board],
                    super::super::action::Action::Cancel,
                )
                .map_or_else(String::new, |k| format!(" ({k} on the board clears it)"));
            self.say(
                format!(
                    "Filter {}: {shown} of {} cards{clear}",
                    self.filter.describe(),
                    self.workspace().responsibilities.len()
                ),
                Tone::Info,
            );
        }
    }

    /// How many responsibilities the board shows under the filter.
    pub fn shown_cards(&self) -> usize {
        let analysis = self.session.analysis();
        self.workspace()
            .responsibilities
            .iter()
            .enumerate()
            .filter(|(i, r)| self.filter.matches(r, *i, analysis))
            .count()
    }

    /// Keeps the selection on a shown card: the first shown one if it was filtered away.
    fn follow_filtered_selection(&mut self) {
        let still_shown = self
            .selected
            .is_some_and(|r| self.columns.iter().any(|c| c.cards.contains(&r)));
        if still_shown {
            self.follow_selection();
            return;
        }
        let in_column = self
            .columns
            .get(self.column)
            .and_then(|c| c.cards.first().copied());
        let anywhere = || {
            self.columns
                .iter()
                .enumerate()
                .find_map(|(c, col)| col.cards.first().map(|&r| (c, r)))
        };
        match (in_column, anywhere()) {
            (Some(r), _) => self.selected = Some(r),
            (None, Some((c, r))) => {
                self.column = c;
                self.selected = Some(r);
            }
            (None, None) => {}
        }
    }

    /// The department whose name starts with `letters` (case-insensitive), else one with a
    /// word that does.
    fn department_by_letters(&self, letters: &str) -> Option<usize> {
        let letters = letters.trim().to_lowercase();
        if letters.is_empty() {
            return None;
        }
        let names: Vec<String> = self
            .workspace()
            .departments
            .iter()
            .map(|d| d.name.to_lowercase())
            .collect();
        names
            .iter()
            .position(|n| n.starts_with(&letters))
            .or_else(|| {
                names.iter().position(|n| {
                    n.split(|c: char| !c.is_alphanumeric())
                        .any(|word| word.starts_with(&letters))
                })
            })
    }

    /// Selects the department at `d` in every view.
    fn go_to_department(&mut self, d: usize) {
        self.matrix_department = d;
        if self.view == View::Spotlight {
            return;
        }
        self.column = (d + 1).min(self.columns.len().saturating_sub(1));
        // The department's first card, if it shows any; an empty column is still selected.
        if let Some(first) = self.columns.get(self.column).and_then(|c| c.cards.first()) {
            self.selected = Some(*first);
        }
    }
}
