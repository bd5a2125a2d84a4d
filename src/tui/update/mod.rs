//! `App::update`: the only place the state changes, one action at a time. Each concern has its
//! own module: board moves, the card in hand, the matrix, the agenda, prompts, questions, lists
//! (claims, decisions, parking lot, sign-off, changes, facts).

mod agenda;
mod board;
mod conflicts;
mod filter;
mod hand;
mod lists;
mod matrix;
mod prompt;
mod questions;
mod saving;
mod workshop;

use super::action::Action;
use super::app::{App, Focus, Mode, PromptKind, Question, SaveKind, Tone, View};
use crate::edit::Change;
use crate::text::sanitize;

impl App {
    /// Applies one action. Returns whether anything visible may have changed.
    pub fn update(&mut self, action: Action) -> bool {
        if action != Action::Resize && !matches!(action, Action::DragTo { .. }) {
            self.status = None;
        }
        match self.mode.clone() {
            Mode::Prompt(prompt) => return self.prompt_action(prompt, action),
            Mode::Ask(question) => return self.question_action(&question, action),
            Mode::Help { scroll } => return self.help_action(scroll, action),
            Mode::List(list) => return self.list_action(list, action),
            Mode::Normal => {}
        }
        match action {
            Action::Resize | Action::Key(_) => {}
            // Keys of lists, questions and prompts: nothing to do on the board.
            Action::First
            | Action::Last
            | Action::Accept
            | Action::Decline
            | Action::RecordClaim
            | Action::Edit
            | Action::Unpark
            | Action::Sign
            | Action::Withdraw
            | Action::Yes
            | Action::SaveAndQuit
            | Action::DiscardAndQuit
            | Action::ReloadTheirs
            | Action::OverwriteTheirs
            | Action::WithoutChanges
            | Action::Complete
            | Action::Mark
            | Action::ClearLine
            | Action::DeleteBefore
            | Action::DeleteAfter
            | Action::KeepOurs
            | Action::TakeTheirs
            // A remote participant's keys: their own viewer handles them.
            | Action::LookAround
            | Action::Follow
            | Action::RaiseClaim
            | Action::RaiseComment => return false,
            Action::RaisedQueue => self.open_raised(),
            Action::Quit => self.quit(),
            Action::Save => self.request_save(SaveKind::Save),
            Action::Export => self.ask_export(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::ToggleHelp => self.mode = Mode::Help { scroll: 0 },
            Action::ToggleView => {
                self.view = match self.view {
                    View::Board => View::Matrix,
                    View::Matrix | View::Spotlight | View::Load => View::Board,
                };
                self.let_go();
                self.focus = Focus::Main;
            }
            Action::NextLens | Action::PreviousLens => self.switch_lens(action),
            Action::Move(direction) => self.move_selection(direction),
            Action::PageUp | Action::PageDown => self.page(action == Action::PageDown),
            Action::PickUp => self.pick_up(),
            Action::Drop | Action::DropShare => self.drop_carried(action == Action::DropShare),
            Action::ToggleShare => self.toggle_share(),
            Action::Cancel if matches!(self.view, View::Spotlight | View::Load) => {
                self.toggle_view(self.view);
            }
            Action::Cancel => {
                if !self.let_go() && self.focus == Focus::Main {
                    self.clear_filter();
                }
                self.focus = Focus::Main;
            }
            Action::Activate => self.activate(),
            Action::NextFinding => self.step_finding(true),
            Action::PreviousFinding => self.step_finding(false),
            Action::FocusFindings => {
                self.focus = if self.focus == Focus::Findings {
                    Focus::Main
                } else {
                    Focus::Findings
                };
            }
            Action::FocusDetail => {
                self.focus = if self.focus == Focus::Detail {
                    Focus::Main
                } else {
                    Focus::Detail
                };
            }
            Action::ToggleFindingsPanel => self.show_findings = !self.show_findings,
            Action::ToggleDetailPanel => self.show_detail = !self.show_detail,
            Action::AddResponsibility => {
                self.open_prompt(PromptKind::AddResponsibility, String::new());
            }
            Action::AddDepartment => self.open_prompt(PromptKind::AddDepartment, String::new()),
            Action::Rename => self.rename(),
            Action::RenameDepartment => self.rename_department(),
            Action::SetLead => self.set_lead(),
            Action::Delete => match self.selected {
                Some(r) => self.mode = Mode::Ask(Question::DeleteResponsibility(r)),
                None => self.say("Select a responsibility to delete", Tone::Problem),
            },
            Action::DeleteDepartment => match self.selected_department() {
                Some(d) => self.mode = Mode::Ask(Question::DeleteDepartment(d)),
                None => self.say(
                    "Select a department column to delete (Unowned is not a department)",
                    Tone::Problem,
                ),
            },
            Action::CycleCell => self.cycle_cell(),
            Action::ResolveClaims => self.open_claims(),
            Action::RecordDecision => self.record_decision(),
            Action::Waive => self.waive_finding(),
            Action::DecisionLog => self.open_list(super::app::ListKind::Decisions, 0),
            Action::TogglePark => self.toggle_park(),
            Action::ParkingLot => self.open_list(super::app::ListKind::Parked, 0),
            Action::SignOff => {
                let at = self.selected_department().unwrap_or(0);
                self.open_list(super::app::ListKind::SignOff, at);
            }
            Action::ShowChanges => self.open_list(super::app::ListKind::Changes, 0),
            Action::EditFacts => self.open_list(super::app::ListKind::Facts, 0),
            Action::MergeConflicts => self.open_list(super::app::ListKind::Conflicts, 0),
            Action::PressCard {
                column,
                card,
                share,
            } => self.press_card(column, card, share),
            Action::DragTo { x, y, column } => self.drag_to(x, y, column),
            Action::Release { column } => self.release(column),
            Action::PressCell {
                responsibility,
                department,
            } => self.press_cell(responsibility, department),
            Action::PressFinding(i) => {
                self.finding = i;
                self.finding_visited = true;
                self.focus = Focus::Findings;
                self.jump_to_finding();
            }
            Action::PressColumn(column) => {
                self.column = column;
                self.follow_selection();
                self.focus = Focus::Main;
            }
            Action::ScrollColumn { column, delta } => self.scroll_column(column, delta),
            Action::ScrollColumns(delta) => self.scroll_columns(delta),
            Action::ScrollMatrix(delta) => self.scroll_matrix(delta),
            Action::ScrollFindings(delta) => self.scroll_findings(delta),
            Action::ToggleSpotlight => self.toggle_view(View::Spotlight),
            Action::ToggleLoadView => self.toggle_view(View::Load),
            Action::FilterText => self.open_filter_text(),
            Action::FilterBy => self.open_filter_by(),
            Action::JumpToDepartment => self.open_jump(),
            Action::NextTheme => {
                self.choose_theme(self.theme.name.next());
                let note = if self.no_color {
                    " (not remembered: NO_COLOR is set)"
                } else {
                    ""
                };
                self.say(
                    format!("Theme: {}{note}", self.theme.name.as_str()),
                    Tone::Info,
                );
            }
        }
        self.agenda_follows_selection();
        true
    }

    /// Takes the offsets the last layout settled on, so scrolling continues from what is shown.
    pub fn adopt_layout(&mut self, layout: super::layout::ScreenLayout) {
        self.column_offset = layout.column_offset;
        for column in &layout.columns {
            if let Some(offset) = self.card_offsets.get_mut(column.column) {
                *offset = column.hidden_above;
            }
        }
        self.matrix_row_offset = layout.matrix_row_offset;
        self.matrix_column_offset = layout.matrix_column_offset;
        self.findings_offset = layout.findings_offset;
        self.layout = layout;
    }

    /// Applies a change as one undoable step; returns whether it was applied.
    pub(in crate::tui) fn apply(&mut self, change: Change) -> bool {
        let label = change.label.clone();
        match self.session.apply(change) {
            Ok(()) => {
                self.after_change();
                let undo = self.key_note(Action::Undo, "to undo");
                self.say(format!("Done: {}{undo}", sanitize(&label)), Tone::Success);
                true
            }
            Err(e) => {
                self.say(e.to_string(), Tone::Problem);
                false
            }
        }
    }

    /// Brings the board and the agenda up to date after the workspace changed.
    fn after_change(&mut self) {
        self.refresh();
        // The agenda is kept only once the walk started (n/N); it starts from the findings
        // of that moment, so changes before it cost nothing here.
        if self.finding_visited {
            self.agenda.sync(
                self.session.workspace(),
                self.session.analysis(),
                self.session.undo_depth(),
            );
        }
    }

    fn undo(&mut self) {
        self.let_go();
        match self.session.undo() {
            Some(label) => {
                self.after_change();
                self.follow_selection();
                self.say(format!("Undid: {}", sanitize(&label)), Tone::Success);
            }
            None => self.say("Nothing to undo", Tone::Info),
        }
    }

    fn redo(&mut self) {
        self.let_go();
        match self.session.redo() {
            Some(label) => {
                self.after_change();
                self.follow_selection();
                self.say(format!("Redid: {}", sanitize(&label)), Tone::Success);
            }
            None => self.say("Nothing to redo", Tone::Info),
        }
    }

    /// Opens `view` over the current one, or goes back from it.
    pub(super) fn toggle_view(&mut self, view: View) {
        self.let_go();
        self.focus = Focus::Main;
        if self.view == view {
            self.view = self.previous_view;
        } else {
            if matches!(self.view, View::Board | View::Matrix) {
                self.previous_view = self.view;
            }
            self.view = view;
        }
    }

    fn switch_lens(&mut self, action: Action) {
        let model = &self.workspace().model;
        let count = model.len().max(1);
        let step = if action == Action::NextLens {
            1
        } else {
            count - 1
        };
        let lens = model.role((self.lens.index() + step) % count);
        self.lens = lens.unwrap_or(crate::workspace::Role::Accountable);
        self.let_go();
        self.rebuild();
        self.follow_selection();
        self.say(
            format!(
                "Lens: {} ({})",
                self.workspace().model.label(self.lens),
                self.workspace().model.meaning(self.lens)
            ),
            Tone::Info,
        );
    }

    fn quit(&mut self) {
        self.let_go();
        if self.session.is_dirty() {
            self.mode = Mode::Ask(Question::QuitUnsaved);
        } else {
            self.should_quit = true;
        }
    }

    fn ask_export(&mut self) {
        let overwrite = self.session.charter_path().exists();
        self.mode = Mode::Ask(Question::Export { overwrite });
    }
}

fn step(position: usize, direction: super::action::Direction, total: usize) -> usize {
    use super::action::Direction;
    match direction {
        Direction::Up | Direction::Left => position.saturating_sub(1),
        Direction::Down | Direction::Right => (position + 1).min(total.saturating_sub(1)),
    }
}

fn shift(offset: usize, delta: i16, total: usize) -> usize {
    let moved = offset as i64 + i64::from(delta);
    moved.clamp(0, total.saturating_sub(1) as i64) as usize
}
