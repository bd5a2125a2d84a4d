//! `App::update`: the only place the state changes, one action at a time.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Direction};
use super::app::{App, Drag, Focus, Mode, Prompt, PromptKind, Question, Tone, View};
use crate::edit::{self, Change, Field};
use crate::session::SaveError;
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
            Mode::Carrying { .. } | Mode::Normal => {}
        }
        match action {
            Action::Resize => {}
            Action::Quit => self.quit(),
            Action::Save => self.save(),
            Action::Export => self.ask_export(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::ToggleHelp => self.mode = Mode::Help { scroll: 0 },
            Action::ToggleView => {
                self.view = match self.view {
                    View::Board => View::Matrix,
                    View::Matrix => View::Board,
                };
                self.cancel_carry();
                self.focus = Focus::Main;
            }
            Action::NextLens | Action::PreviousLens => {
                self.lens = if action == Action::NextLens {
                    self.lens.next()
                } else {
                    self.lens.next().next().next()
                };
                self.cancel_carry();
                self.rebuild();
                self.follow_selection();
                self.say(
                    format!("Lens: {} ({})", self.lens.label(), self.lens.meaning()),
                    Tone::Info,
                );
            }
            Action::Move(direction) => self.move_selection(direction),
            Action::PageUp | Action::PageDown => self.page(action == Action::PageDown),
            Action::PickUp => self.pick_up(),
            Action::Drop | Action::DropShare => self.drop_carried(action == Action::DropShare),
            Action::ToggleShare => self.toggle_share(),
            Action::Cancel => {
                if !self.cancel_carry() {
                    self.focus = Focus::Main;
                }
                self.drag = Drag::Idle;
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
                self.open_prompt(PromptKind::AddResponsibility, String::new())
            }
            Action::AddDepartment => self.open_prompt(PromptKind::AddDepartment, String::new()),
            Action::Rename => match self.selected {
                Some(r) => {
                    let name = self.workspace().responsibilities[r].name.clone();
                    self.open_prompt(PromptKind::RenameResponsibility(r), name);
                }
                None => self.say("Select a responsibility to rename", Tone::Problem),
            },
            Action::RenameDepartment => match self.selected_department() {
                Some(d) => {
                    let name = self.workspace().departments[d].name.clone();
                    self.open_prompt(PromptKind::RenameDepartment(d), name);
                }
                None => self.say("Select a department column to rename", Tone::Problem),
            },
            Action::SetLead => match self.selected_department() {
                Some(d) => {
                    let lead = self.workspace().departments[d]
                        .lead
                        .clone()
                        .unwrap_or_default();
                    self.open_prompt(PromptKind::DepartmentLead(d), lead);
                }
                None => self.say("Select a department column to set its lead", Tone::Problem),
            },
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
            Action::Key(_) => {}
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
            } => {
                let same =
                    self.selected == Some(responsibility) && self.matrix_department == department;
                self.selected = Some(responsibility);
                self.matrix_department = department;
                self.focus = Focus::Main;
                if same {
                    self.cycle_cell();
                }
            }
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
            Action::ScrollMatrix(delta) => {
                self.matrix_row_offset = shift(
                    self.layout.matrix_row_offset,
                    delta,
                    self.workspace().responsibilities.len(),
                );
                let visible = self.layout.matrix_rows.len().max(1);
                if let Some(row) = self.selected {
                    self.selected = Some(
                        row.clamp(self.matrix_row_offset, self.matrix_row_offset + visible - 1),
                    );
                }
            }
            Action::ScrollFindings(delta) => {
                let total = self.session.analysis().findings.len();
                self.findings_offset = shift(self.layout.findings_offset, delta, total);
                let visible = self.layout.finding_rows.len().max(1);
                self.finding = self.finding.clamp(
                    self.findings_offset,
                    (self.findings_offset + visible - 1).min(total.saturating_sub(1)),
                );
            }
        }
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

    fn apply(&mut self, change: Change) {
        let label = change.label.clone();
        match self.session.apply(change) {
            Ok(()) => {
                self.refresh();
                self.say(
                    format!("Done: {} (u to undo)", sanitize(&label)),
                    Tone::Success,
                );
            }
            Err(e) => self.say(e.to_string(), Tone::Problem),
        }
    }

    /// Drops a card in hand (keyboard carry or mouse drag): after the workspace changes under
    /// it, its position may name another responsibility.
    fn let_go(&mut self) {
        self.cancel_carry();
        self.drag = Drag::Idle;
    }

    fn undo(&mut self) {
        self.let_go();
        match self.session.undo() {
            Some(label) => {
                self.refresh();
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
                self.refresh();
                self.follow_selection();
                self.say(format!("Redid: {}", sanitize(&label)), Tone::Success);
            }
            None => self.say("Nothing to redo", Tone::Info),
        }
    }

    /// Moves the board cursor to a column that shows the selected card, if the current one does not.
    fn follow_selection(&mut self) {
        let Some(r) = self.selected else { return };
        if self
            .columns
            .get(self.column)
            .is_some_and(|c| c.cards.contains(&r))
        {
            return;
        }
        if let Some(c) = self.columns.iter().position(|c| c.cards.contains(&r)) {
            self.column = c;
        } else if let Some(&first) = self.columns.get(self.column).and_then(|c| c.cards.first()) {
            self.selected = Some(first);
        }
    }

    fn quit(&mut self) {
        self.cancel_carry();
        if self.session.is_dirty() {
            self.mode = Mode::Ask(Question::QuitUnsaved);
        } else {
            self.should_quit = true;
        }
    }

    fn save(&mut self) {
        match self.session.save() {
            Ok(()) => self.say(
                format!("Saved {}", sanitize(&self.session.path().to_string_lossy())),
                Tone::Success,
            ),
            Err(SaveError::ChangedOnDisk(_)) => self.mode = Mode::Ask(Question::ChangedOnDisk),
            Err(e @ (SaveError::ReadOnly(_) | SaveError::CannotKeep(..))) => {
                self.mode = Mode::Ask(Question::SaveAnyway(e.to_string()));
            }
            Err(e) => self.say(e.to_string(), Tone::Problem),
        }
    }

    fn ask_export(&mut self) {
        let overwrite = self.session.charter_path().exists();
        self.mode = Mode::Ask(Question::Export { overwrite });
    }

    fn move_selection(&mut self, direction: Direction) {
        if let Mode::Carrying { target, .. } = &mut self.mode {
            let last = self.columns.len().saturating_sub(1);
            match direction {
                Direction::Left => *target = target.saturating_sub(1),
                Direction::Right => *target = (*target + 1).min(last),
                Direction::Up | Direction::Down => {}
            }
            return;
        }
        match (self.focus, self.view) {
            (Focus::Findings, _) => {
                self.finding_visited = true;
                let total = self.session.analysis().findings.len();
                self.finding = step(self.finding, direction, total);
            }
            (Focus::Detail, _) => self.field = step(self.field, direction, Field::ALL.len()),
            (Focus::Main, View::Matrix) => {
                let rows = self.workspace().responsibilities.len();
                let departments = self.workspace().departments.len();
                match direction {
                    Direction::Up | Direction::Down => {
                        self.selected = Some(step(self.selected.unwrap_or(0), direction, rows))
                            .filter(|_| rows > 0);
                    }
                    Direction::Left => {
                        self.matrix_department = self.matrix_department.saturating_sub(1)
                    }
                    Direction::Right => {
                        self.matrix_department =
                            (self.matrix_department + 1).min(departments.saturating_sub(1))
                    }
                }
            }
            (Focus::Main, View::Board) => self.move_on_board(direction),
        }
    }

    fn move_on_board(&mut self, direction: Direction) {
        match direction {
            Direction::Left | Direction::Right => {
                let from = self.column;
                let last = self.columns.len().saturating_sub(1);
                self.column = if direction == Direction::Left {
                    from.saturating_sub(1)
                } else {
                    (from + 1).min(last)
                };
                if self.column != from {
                    // Keep the row: the card at the same position (or the last one).
                    let position = self.selected_card_or_top(from);
                    let cards = &self.columns[self.column].cards;
                    self.selected = cards
                        .get(position.min(cards.len().saturating_sub(1)))
                        .copied()
                        .or(self.selected);
                    if let Some(r) = self.selected
                        && self.columns[self.column].cards.contains(&r)
                    {
                        return;
                    }
                    self.selected = self.columns[self.column]
                        .cards
                        .first()
                        .copied()
                        .or(self.selected);
                }
            }
            Direction::Up | Direction::Down => {
                let cards = &self.columns[self.column].cards;
                if cards.is_empty() {
                    return;
                }
                let position = self
                    .selected_card()
                    .map_or(0, |p| step(p, direction, cards.len()));
                self.selected = Some(cards[position]);
            }
        }
    }

    fn selected_card_or_top(&self, column: usize) -> usize {
        let r = self.selected;
        self.columns[column]
            .cards
            .iter()
            .position(|&c| Some(c) == r)
            .unwrap_or(0)
    }

    fn page(&mut self, down: bool) {
        let delta = self.layout.cards_per_column().max(1) as i16;
        let delta = if down { delta } else { -delta };
        match self.view {
            View::Board => self.scroll_column(self.column, delta),
            View::Matrix => {
                let rows = self.workspace().responsibilities.len();
                let page = self.layout.matrix_rows.len().max(1) as i16;
                let row =
                    self.selected.unwrap_or(0) as i64 + i64::from(if down { page } else { -page });
                self.selected = (rows > 0).then(|| row.clamp(0, rows as i64 - 1) as usize);
            }
        }
    }

    fn scroll_column(&mut self, column: usize, delta: i16) {
        let Some(cards) = self.columns.get(column).map(|c| c.cards.len()) else {
            return;
        };
        let per_column = self.layout.cards_per_column();
        let offset = shift(
            self.card_offsets.get(column).copied().unwrap_or(0),
            delta,
            cards.saturating_sub(per_column) + 1,
        );
        if let Some(slot) = self.card_offsets.get_mut(column) {
            *slot = offset;
        }
        if column == self.column
            && let Some(position) = self.selected_card()
        {
            let kept = position.clamp(
                offset,
                (offset + per_column - 1).min(cards.saturating_sub(1)),
            );
            self.selected = Some(self.columns[column].cards[kept]);
        }
    }

    fn pick_up(&mut self) {
        if self.view != View::Board {
            return;
        }
        match self.selected_card().and(self.selected) {
            Some(responsibility) => {
                self.mode = Mode::Carrying {
                    column: self.column,
                    responsibility,
                    target: self.column,
                    share: false,
                };
                self.say(
                    "Carrying: ←/→ choose a column, Enter moves, s shares, Esc cancels",
                    Tone::Info,
                );
            }
            None => self.say("No card selected to pick up", Tone::Problem),
        }
    }

    fn cancel_carry(&mut self) -> bool {
        if matches!(self.mode, Mode::Carrying { .. }) {
            self.mode = Mode::Normal;
            true
        } else {
            false
        }
    }

    fn toggle_share(&mut self) {
        match (&mut self.mode, &mut self.drag) {
            (Mode::Carrying { share, .. }, _)
            | (_, Drag::Dragging { share, .. } | Drag::Pressed { share, .. }) => *share = !*share,
            _ => {}
        }
    }

    fn drop_carried(&mut self, share_key: bool) {
        let Mode::Carrying {
            column,
            responsibility,
            target,
            share,
        } = self.mode.clone()
        else {
            return;
        };
        self.mode = Mode::Normal;
        self.drop_card(column, responsibility, target, share || share_key);
    }

    /// Drops the card of `responsibility` from `from` onto column `to`.
    fn drop_card(&mut self, from: usize, responsibility: usize, to: usize, share: bool) {
        let source = self.column_department(from).map(str::to_owned);
        let target = self.column_department(to).map(str::to_owned);
        let change = edit::move_role(
            self.workspace(),
            responsibility,
            self.lens,
            source.as_deref(),
            target.as_deref(),
            App::drop_mode(share),
        );
        match change {
            Some(change) => {
                self.apply(change);
                self.selected = Some(responsibility);
                self.column = if self
                    .columns
                    .get(to)
                    .is_some_and(|c| c.cards.contains(&responsibility))
                {
                    to
                } else {
                    from
                };
                self.follow_selection();
            }
            None if from == to => {
                self.say("Dropped on its own column: nothing changed", Tone::Info)
            }
            None => self.say("Nothing to change there", Tone::Info),
        }
    }

    fn press_card(&mut self, column: usize, card: usize, share: bool) {
        self.cancel_carry();
        let Some(&responsibility) = self.columns.get(column).and_then(|c| c.cards.get(card)) else {
            return;
        };
        self.column = column;
        self.selected = Some(responsibility);
        self.focus = Focus::Main;
        self.drag = Drag::Pressed {
            column,
            responsibility,
            share,
        };
    }

    /// Scrolls the department columns sideways, keeping the selection on a visible column.
    fn scroll_columns(&mut self, delta: i16) {
        let slots = self.layout.department_slots.max(1);
        let departments = self.columns.len().saturating_sub(1);
        let max_offset = departments.saturating_sub(slots);
        let offset = (self.layout.column_offset as i64 + i64::from(delta))
            .clamp(0, max_offset as i64) as usize;
        self.column_offset = offset;
        self.layout.column_offset = offset;
        if self.column > 0 && matches!(self.drag, Drag::Idle) {
            let visible = offset + 1..=offset + slots;
            if !visible.contains(&self.column) {
                self.column = self.column.clamp(*visible.start(), *visible.end());
                self.selected = self.columns[self.column]
                    .cards
                    .first()
                    .copied()
                    .or(self.selected);
            }
        }
    }

    fn drag_to(&mut self, x: u16, y: u16, over: Option<usize>) {
        if matches!(self.drag, Drag::Pressed { .. } | Drag::Dragging { .. }) {
            // A card dragged onto an edge strip scrolls the board that way.
            let at = ratatui::layout::Position::new(x, y);
            if self
                .layout
                .scroll_right_zone
                .is_some_and(|z| z.contains(at))
            {
                self.scroll_columns(1);
            } else if self.layout.scroll_left_zone.is_some_and(|z| z.contains(at)) {
                self.scroll_columns(-1);
            }
        }
        self.drag = match self.drag {
            Drag::Pressed {
                column,
                responsibility,
                share,
            }
            | Drag::Dragging {
                column,
                responsibility,
                share,
                ..
            } => Drag::Dragging {
                column,
                responsibility,
                x,
                y,
                over,
                share,
            },
            Drag::Idle => Drag::Idle,
        };
    }

    fn release(&mut self, over: Option<usize>) {
        let drag = std::mem::take(&mut self.drag);
        if let Drag::Dragging {
            column,
            responsibility,
            share,
            ..
        } = drag
        {
            match over {
                Some(target) => self.drop_card(column, responsibility, target, share),
                None => self.say("Dropped outside the columns: nothing changed", Tone::Info),
            }
        }
    }

    fn activate(&mut self) {
        match self.focus {
            Focus::Findings => self.jump_to_finding(),
            Focus::Detail => self.edit_field(),
            Focus::Main => match self.view {
                View::Board => self.focus = Focus::Detail,
                View::Matrix => self.cycle_cell(),
            },
        }
    }

    fn edit_field(&mut self) {
        let Some(r) = self.selected else {
            self.say("Select a responsibility first", Tone::Problem);
            return;
        };
        let field = Field::ALL[self.field.min(Field::ALL.len() - 1)];
        let text = field.text(&self.workspace().responsibilities[r]);
        self.open_prompt(PromptKind::EditField(r, field), text);
    }

    fn cycle_cell(&mut self) {
        let (Some(r), Some(department)) = (
            self.selected,
            self.workspace().departments.get(self.matrix_department),
        ) else {
            return;
        };
        let id = department.id.clone();
        if let Some(change) = edit::cycle_cell(self.workspace(), r, &id) {
            self.apply(change);
        }
    }

    fn step_finding(&mut self, forward: bool) {
        let total = self.session.analysis().findings.len();
        if total == 0 {
            self.say("No findings: nothing to settle", Tone::Success);
            return;
        }
        self.finding = match (self.finding_visited, forward) {
            // The first press starts at the worst finding (or, backwards, the last one).
            (false, true) => 0,
            (false, false) => total - 1,
            (true, true) => (self.finding + 1) % total,
            (true, false) => (self.finding + total - 1) % total,
        };
        self.finding_visited = true;
        self.jump_to_finding();
    }

    /// Selects the card (or column) the current finding is about.
    fn jump_to_finding(&mut self) {
        let Some(finding) = self.session.analysis().findings.get(self.finding).cloned() else {
            return;
        };
        let ws = self.workspace();
        let responsibility = finding
            .responsibility
            .as_deref()
            .and_then(|id| ws.responsibility_index(id));
        let department = finding
            .department
            .as_deref()
            .and_then(|id| ws.department_index(id));
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
        self.say(
            format!(
                "{}[{}] {}",
                finding.severity,
                finding.rule,
                sanitize(&finding.message)
            ),
            Tone::Info,
        );
        if self.focus == Focus::Findings {
            self.focus = Focus::Main;
        }
    }

    fn open_prompt(&mut self, kind: PromptKind, input: String) {
        let cursor = input.chars().count();
        self.mode = Mode::Prompt(Prompt {
            kind,
            input,
            cursor,
            error: None,
        });
    }

    fn prompt_action(&mut self, mut prompt: Prompt, action: Action) -> bool {
        let Action::Key(key) = action else {
            return action == Action::Resize;
        };
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            _ if ctrl_c => {
                self.mode = Mode::Normal;
                return true;
            }
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                return true;
            }
            KeyCode::Enter => {
                self.submit_prompt(prompt);
                return true;
            }
            KeyCode::Left => prompt.cursor = prompt.cursor.saturating_sub(1),
            KeyCode::Right => prompt.cursor = (prompt.cursor + 1).min(prompt.input.chars().count()),
            KeyCode::Home => prompt.cursor = 0,
            KeyCode::End => prompt.cursor = prompt.input.chars().count(),
            KeyCode::Backspace if prompt.cursor > 0 => {
                prompt.cursor -= 1;
                remove_char(&mut prompt.input, prompt.cursor);
            }
            KeyCode::Delete => remove_char(&mut prompt.input, prompt.cursor),
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                prompt.input.clear();
                prompt.cursor = 0;
            }
            KeyCode::Char(c)
                if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() =>
            {
                let at = byte_index(&prompt.input, prompt.cursor);
                prompt.input.insert(at, c);
                prompt.cursor += 1;
            }
            _ => return false,
        }
        prompt.error = None;
        self.mode = Mode::Prompt(prompt);
        true
    }

    fn submit_prompt(&mut self, mut prompt: Prompt) {
        let ws = self.workspace();
        let text = prompt.input.as_str();
        let result: Result<Option<Change>, String> = match prompt.kind {
            PromptKind::AddResponsibility => {
                let area = self
                    .selected
                    .and_then(|r| ws.responsibilities[r].area.clone());
                edit::add_responsibility(ws, text, area.as_deref())
                    .map(Some)
                    .ok_or_else(|| "a responsibility needs a name".to_owned())
            }
            PromptKind::AddDepartment => edit::add_department(ws, text)
                .map(Some)
                .ok_or_else(|| "a department needs a name".to_owned()),
            PromptKind::RenameResponsibility(r) => edit::rename_responsibility(ws, r, text),
            PromptKind::RenameDepartment(d) => edit::rename_department(ws, d, text),
            PromptKind::EditField(r, field) => edit::set_field(ws, r, field, text),
            PromptKind::DepartmentLead(d) => Ok(edit::set_department_lead(ws, d, text)),
        };
        match result {
            Err(problem) => {
                prompt.error = Some(problem);
                self.mode = Mode::Prompt(prompt);
            }
            Ok(None) => {
                self.mode = Mode::Normal;
                self.say("No change", Tone::Info);
            }
            Ok(Some(change)) => {
                self.mode = Mode::Normal;
                let kind = prompt.kind;
                self.apply(change);
                match kind {
                    PromptKind::AddResponsibility => {
                        let r = self.workspace().responsibilities.len() - 1;
                        self.selected = Some(r);
                        self.follow_selection();
                    }
                    PromptKind::AddDepartment => {
                        self.column = self.columns.len() - 1;
                        self.matrix_department = self.workspace().departments.len() - 1;
                    }
                    _ => {}
                }
            }
        }
    }

    fn question_action(&mut self, question: &Question, action: Action) -> bool {
        let Action::Key(KeyEvent {
            code, modifiers, ..
        }) = action
        else {
            return action == Action::Resize;
        };
        let answer = match code {
            KeyCode::Char(c) if !modifiers.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_lowercase()
            }
            KeyCode::Enter => '\n',
            // Esc and Ctrl+C both cancel a question.
            KeyCode::Esc | KeyCode::Char('c') => '\u{1b}',
            _ => return false,
        };
        self.mode = Mode::Normal;
        let quit_after_save = std::mem::take(&mut self.quit_after_save);
        self.quit_after_save = quit_after_save && matches!(question, Question::ChangedOnDisk);
        match (question, answer) {
            (Question::DeleteResponsibility(r), 'y') => {
                if let Some(change) = edit::delete_responsibility(self.workspace(), *r) {
                    self.apply(change);
                    self.follow_selection();
                }
            }
            (Question::DeleteDepartment(d), 'y') => {
                if let Some(change) = edit::delete_department(self.workspace(), *d) {
                    self.apply(change);
                    self.column = self.column.min(self.columns.len().saturating_sub(1));
                    self.follow_selection();
                }
            }
            (Question::QuitUnsaved, 's') => {
                self.save();
                if !self.session.is_dirty() {
                    self.should_quit = true;
                } else {
                    // The file changed on disk: quit once the person chooses to overwrite it.
                    self.quit_after_save = matches!(self.mode, Mode::Ask(Question::ChangedOnDisk));
                }
            }
            (Question::QuitUnsaved, 'd') => self.should_quit = true,
            (Question::SaveAnyway(_), 'y') => {
                match self.session.save_with(crate::workspace::WriteOptions {
                    overwrite_read_only: true,
                    in_place_if_needed: true,
                }) {
                    Ok(()) => self.say("Saved", Tone::Success),
                    Err(e) => self.say(e.to_string(), Tone::Problem),
                }
            }
            (Question::ChangedOnDisk, 'r') => match self.session.reload() {
                Ok(()) => {
                    self.rebuild();
                    self.follow_selection();
                    self.say(
                        "Reloaded the file from disk; your unsaved changes were dropped",
                        Tone::Info,
                    );
                }
                Err(e) => self.say(
                    format!(
                        "Cannot reload: {}",
                        sanitize(&e.to_string())
                            .chars()
                            .take(200)
                            .collect::<String>()
                    ),
                    Tone::Problem,
                ),
            },
            (Question::ChangedOnDisk, 'o') => match self.session.overwrite() {
                Ok(()) if self.quit_after_save => self.should_quit = true,
                Ok(()) => self.say(
                    format!(
                        "Saved over the changed file {}",
                        self.session.path().display()
                    ),
                    Tone::Success,
                ),
                Err(e) => self.say(e.to_string(), Tone::Problem),
            },
            (Question::Export { overwrite: false }, 'y' | '\n')
            | (Question::Export { overwrite: true }, 'y') => match self.session.export_charter() {
                Ok(path) => self.say(
                    format!("Exported the charter to {}", path.display()),
                    Tone::Success,
                ),
                Err(e) => self.say(format!("Cannot export: {e}"), Tone::Problem),
            },
            (_, '\u{1b}' | 'c' | 'n') => self.say("Cancelled", Tone::Info),
            _ => self.mode = Mode::Ask(question.clone()),
        }
        true
    }

    fn help_action(&mut self, scroll: u16, action: Action) -> bool {
        match action {
            Action::Key(KeyEvent {
                code: KeyCode::Down | KeyCode::Char('j'),
                ..
            })
            | Action::ScrollFindings(1..)
            | Action::ScrollMatrix(1..) => {
                self.mode = Mode::Help {
                    scroll: scroll.saturating_add(1),
                };
            }
            Action::Key(KeyEvent {
                code: KeyCode::Up | KeyCode::Char('k'),
                ..
            })
            | Action::ScrollFindings(..=-1)
            | Action::ScrollMatrix(..=-1) => {
                self.mode = Mode::Help {
                    scroll: scroll.saturating_sub(1),
                };
            }
            Action::Key(KeyEvent {
                code: KeyCode::PageDown | KeyCode::Char(' '),
                ..
            }) => {
                self.mode = Mode::Help {
                    scroll: scroll.saturating_add(10),
                };
            }
            Action::Key(KeyEvent {
                code: KeyCode::PageUp,
                ..
            }) => {
                self.mode = Mode::Help {
                    scroll: scroll.saturating_sub(10),
                }
            }
            Action::Key(_) | Action::ToggleHelp | Action::Cancel | Action::Quit => {
                self.mode = Mode::Normal
            }
            Action::Resize => {}
            _ => return false,
        }
        true
    }
}

fn step(position: usize, direction: Direction, total: usize) -> usize {
    match direction {
        Direction::Up | Direction::Left => position.saturating_sub(1),
        Direction::Down | Direction::Right => (position + 1).min(total.saturating_sub(1)),
    }
}

fn shift(offset: usize, delta: i16, total: usize) -> usize {
    let moved = offset as i64 + i64::from(delta);
    moved.clamp(0, total.saturating_sub(1) as i64) as usize
}

fn byte_index(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

fn remove_char(text: &mut String, at: usize) {
    let start = byte_index(text, at);
    if start < text.len() {
        text.remove(start);
    }
}
