//! The app state: the session plus everything about how it is being looked at. It owns no
//! terminal; `update` changes it, `view` draws it.

use std::sync::Arc;

use super::filter::CardFilter;
use super::keymap::Keymap;
use super::layout::ScreenLayout;
use super::theme::{Theme, ThemeName};
use crate::agenda::Agenda;
use crate::analysis::{Analysis, Tally};
use crate::edit::DropMode;
use crate::session::Session;
use crate::workspace::{Role, Workspace};

mod mode;
pub use mode::{
    DecisionAbout, ListKind, ListState, MAX_PROMPT_CHARS, Mode, Prompt, PromptKind, Question,
};

/// Which main view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Board,
    Matrix,
    /// One responsibility alone, in large type (focus mode).
    Spotlight,
    /// Each department's load as bar charts.
    Load,
}

/// Which part of the screen takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Main,
    Findings,
    Detail,
}

/// One board column: Unowned (no department) or a department, with the cards it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// `None` for the Unowned column, else the department's position.
    pub department: Option<usize>,
    /// Positions of the responsibilities shown as cards, in workspace order.
    pub cards: Vec<usize>,
}

/// A card in hand: picked up with the keyboard, or pressed and dragged with the mouse. One
/// state for both, so a drop, a cancel or an undo treats them alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hand {
    /// The responsibility on the card.
    pub responsibility: usize,
    /// The board column it was taken from.
    pub from: usize,
    /// The column it would drop on now (`None`: over no column).
    pub target: Option<usize>,
    /// Share the role (keep the source) instead of moving it.
    pub share: bool,
    pub grip: Grip,
    /// What dropping on `target` would do to the findings, computed when the target changes.
    pub preview: Option<String>,
}

/// How a card is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grip {
    /// Picked up with the keyboard; arrows choose the target.
    Keyboard,
    /// A mouse button went down on it; it has not moved yet.
    Pressed,
    /// Following the pointer, at this cell.
    Dragging { x: u16, y: u16 },
}

impl Hand {
    /// Whether the mouse holds it (pressed or dragging).
    pub fn by_mouse(&self) -> bool {
        self.grip != Grip::Keyboard
    }

    /// Whether it is shown under the pointer.
    pub fn dragging(&self) -> bool {
        matches!(self.grip, Grip::Dragging { .. })
    }
}

/// Work `update` asks the event loop to do, so that `update` itself does no I/O. The loop runs
/// them after drawing the frame that follows the key, so a long save shows "Saving…" first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the theme into the settings file, for the next start.
    RememberTheme(ThemeName),
    /// Save the workspace.
    Save(SaveKind),
    /// Write the charter next to the workspace, with the session's changes (Markdown) if given.
    Export { changes: Option<String> },
    /// Drop the unsaved changes and read the file again from disk.
    Reload,
}

/// How the status message should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Problem,
}

/// Which save the person asked for (run as [`Effect::Save`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    /// Save, unless the file changed on disk (then ask).
    Save,
    /// Save, then quit (unless the file changed on disk).
    ThenQuit,
    /// Save over a read-only file, or into the file in place.
    Anyway,
    /// Save over a file that changed on disk.
    Overwrite,
}

/// The whole state of the interactive board.
#[derive(Debug, Clone)]
pub struct App {
    pub session: Session,
    pub theme: Theme,
    /// The keys in effect: the defaults with the person's overrides.
    pub keymap: Arc<Keymap>,
    /// What the settings file could not give (shown at start and in the help).
    pub settings_problems: Vec<String>,
    /// Work for the event loop to do outside `update` (writing the settings).
    pub effects: Vec<Effect>,
    /// A change held back until [`Question::Confirm`] is answered, and the card to select.
    pub pending: Option<(crate::edit::Change, Option<usize>)>,
    /// The rows (department positions) marked with Space in a fix's list.
    pub marked: Vec<usize>,
    /// `NO_COLOR` is set: the theme is mono, and a theme tried with `t` is not remembered.
    pub no_color: bool,
    pub view: View,
    /// The view `z` or `v` goes back to.
    pub previous_view: View,
    pub lens: Role,
    pub focus: Focus,
    pub mode: Mode,
    /// The card in hand, if any (keyboard carry or mouse drag).
    pub hand: Option<Hand>,
    /// Derived from the workspace and lens by [`App::rebuild`].
    pub columns: Vec<Column>,
    /// The selected board column.
    pub column: usize,
    /// The selected responsibility, if any.
    pub selected: Option<usize>,
    /// First department column shown (Unowned is always shown first).
    pub column_offset: usize,
    /// Vertical scroll of each board column, in cards.
    pub card_offsets: Vec<usize>,
    /// The selected matrix department (the row is `selected`).
    pub matrix_department: usize,
    pub matrix_row_offset: usize,
    pub matrix_column_offset: usize,
    pub finding: usize,
    /// Whether `n`/`N` or the findings panel has visited a finding yet.
    pub finding_visited: bool,
    /// The workshop's walk through the findings, in a stable order.
    pub agenda: Agenda,
    /// Today's date (`YYYY-MM-DD`), for decisions, claims and signatures.
    pub today: String,
    /// The lines of the changes view, computed when it opens.
    pub changes: Vec<String>,
    /// Quit once the pending save (held up by a change on disk) is done.
    pub quit_after_save: bool,
    pub findings_offset: usize,
    pub field: usize,
    pub show_findings: bool,
    pub show_detail: bool,
    /// Which cards the board shows (per viewer; the workspace is not touched).
    pub filter: CardFilter,
    /// The text filter before `/` opened, restored by Esc.
    pub filter_before: Option<String>,
    /// Where `J` started (column, selection), restored by Esc.
    pub jump_from: Option<(usize, Option<usize>)>,
    pub status: Option<(String, Tone)>,
    /// The rectangles of the last frame, for the mouse.
    pub layout: ScreenLayout,
    pub should_quit: bool,
    /// Remote participants (`whoowns serve`): who is connected and what they raised.
    pub room: Option<super::remote::Room>,
    /// A department whose column stands out (a remote participant's own).
    pub highlight: Option<usize>,
    /// The terminal's real cursor stands on what is selected (the card, the finding, the
    /// list's row), for screen readers and braille displays that follow it; off for
    /// presenting (`cursor = false` in the settings, `--hide-cursor`).
    pub show_cursor: bool,
}

impl App {
    /// A fresh board on `session`.
    pub fn new(session: Session) -> Self {
        let mut app = App {
            session,
            theme: Theme::default(),
            keymap: Keymap::defaults(),
            settings_problems: Vec::new(),
            effects: Vec::new(),
            pending: None,
            marked: Vec::new(),
            no_color: false,
            view: View::Board,
            previous_view: View::Board,
            lens: Role::Accountable,
            focus: Focus::Main,
            mode: Mode::Normal,
            hand: None,
            columns: Vec::new(),
            column: 0,
            selected: None,
            column_offset: 0,
            card_offsets: Vec::new(),
            matrix_department: 0,
            matrix_row_offset: 0,
            matrix_column_offset: 0,
            finding: 0,
            finding_visited: false,
            agenda: Agenda::default(),
            today: today(),
            changes: Vec::new(),
            quit_after_save: false,
            findings_offset: 0,
            field: 0,
            show_findings: true,
            show_detail: true,
            filter: CardFilter::default(),
            filter_before: None,
            jump_from: None,
            status: None,
            layout: ScreenLayout::default(),
            should_quit: false,
            room: None,
            highlight: None,
            show_cursor: true,
        };
        app.select_start();
        app
    }

    /// Starts with `lens` instead of Accountable (the lens of the settings).
    pub fn start_with_lens(&mut self, lens: Role) {
        // A lens the workspace's model does not have starts on its first role.
        self.lens = self
            .workspace()
            .model
            .role(lens.index())
            .unwrap_or(Role::Accountable);
        self.select_start();
    }

    /// Builds the columns and selects the first card, as a fresh board does.
    fn select_start(&mut self) {
        self.rebuild();
        self.column = 0;
        self.selected = self.columns.first().and_then(|c| c.cards.first().copied());
        if self.selected.is_none() && !self.workspace().responsibilities.is_empty() {
            self.select_first_card_anywhere();
        }
    }

    pub fn workspace(&self) -> &Workspace {
        self.session.workspace()
    }

    /// Recomputes the columns after a change of workspace or lens, keeping the selection valid.
    pub fn rebuild(&mut self) {
        let mut columns = columns_from(self.session.analysis().tally(), self.lens);
        if !self.filter.is_empty() {
            filter_columns(
                &mut columns,
                self.session.workspace(),
                &self.filter,
                self.session.analysis(),
            );
        }
        self.columns = columns;
        self.card_offsets.resize(self.columns.len(), 0);
        self.card_offsets.truncate(self.columns.len());
        self.clamp_selection();
    }

    /// Keeps every cursor within what exists now.
    fn clamp_selection(&mut self) {
        self.column = self.column.min(self.columns.len().saturating_sub(1));
        let count = self.workspace().responsibilities.len();
        if self.selected.is_some_and(|r| r >= count) {
            self.selected = count.checked_sub(1);
        }
        let departments = self.workspace().departments.len();
        self.matrix_department = self.matrix_department.min(departments.saturating_sub(1));
        let findings = self.session.analysis().findings.len();
        self.finding = self.finding.min(findings.saturating_sub(1));
    }

    /// Brings the columns up to date after a change: only the latest change's card moves when
    /// that is all that changed (a drop, an undo of one), else everything is rebuilt.
    pub fn refresh(&mut self) {
        let ws = self.session.workspace();
        let Some(index) = self.session.last_touched().filter(|&i| {
            i < ws.responsibilities.len()
                && self.columns.len() == ws.departments.len() + 1
                && !self.filter.follows_findings()
        }) else {
            self.rebuild();
            return;
        };
        let holders = ws.responsibilities[index].role(self.lens);
        let shown = self.filter.is_empty()
            || self
                .filter
                .matches(&ws.responsibilities[index], index, self.session.analysis());
        let targets: Vec<usize> = if !shown {
            Vec::new()
        } else if holders.is_empty() {
            vec![0]
        } else {
            holders
                .iter()
                .filter_map(|id| ws.department_index(id))
                .map(|d| d + 1)
                .collect()
        };
        for column in &mut self.columns {
            column.cards.retain(|&card| card != index);
        }
        for target in targets {
            let cards = &mut self.columns[target].cards;
            let at = cards.partition_point(|&card| card < index);
            cards.insert(at, index);
        }
        self.clamp_selection();
    }

    fn select_first_card_anywhere(&mut self) {
        if let Some((c, r)) = self
            .columns
            .iter()
            .enumerate()
            .find_map(|(c, col)| col.cards.first().map(|&r| (c, r)))
        {
            self.column = c;
            self.selected = Some(r);
        }
    }

    /// The position of the selected card within the selected column, if it is there.
    pub fn selected_card(&self) -> Option<usize> {
        let r = self.selected?;
        self.columns
            .get(self.column)?
            .cards
            .iter()
            .position(|&c| c == r)
    }

    /// The department id of board column `column` (`None` for Unowned).
    pub fn column_department(&self, column: usize) -> Option<&str> {
        let index = self.columns.get(column)?.department?;
        self.workspace()
            .departments
            .get(index)
            .map(|d| d.id.as_str())
    }

    /// The title of board column `column`.
    pub fn column_title(&self, column: usize) -> String {
        match self.columns.get(column).and_then(|c| c.department) {
            Some(i) => self
                .workspace()
                .departments
                .get(i)
                .map_or_else(String::new, |d| d.name.clone()),
            None => "Unowned".to_owned(),
        }
    }

    /// How many columns show the responsibility at `index` under the current lens.
    pub fn holders(&self, index: usize) -> usize {
        self.workspace()
            .responsibilities
            .get(index)
            .map_or(0, |r| r.role(self.lens).len())
    }

    /// The first key of `action` where the board takes keys now (`Ctrl+S`), if it has one.
    pub fn key_label(&self, action: super::action::Action) -> Option<String> {
        self.keymap.key(&super::contexts(self), action)
    }

    /// `" ({key} {words})"` for a hint after a message, or nothing when `action` has no key.
    pub fn key_note(&self, action: super::action::Action, words: &str) -> String {
        self.key_label(action)
            .map_or_else(String::new, |k| format!(" ({k} {words})"))
    }

    /// Switches to the theme called `name` and asks the event loop to remember it in the
    /// settings file (see [`Effect::RememberTheme`]).
    pub fn choose_theme(&mut self, name: ThemeName) {
        self.theme = Theme::named(name);
        // Under NO_COLOR the environment chose mono: a theme tried there is not remembered.
        if !self.no_color {
            self.effects.push(Effect::RememberTheme(name));
        }
    }

    /// Sets a status message.
    pub fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.status = Some((crate::text::sanitize(&text.into()), tone));
    }

    /// The department selected for department-level actions (rename, delete).
    pub fn selected_department(&self) -> Option<usize> {
        match self.view {
            View::Board => self.columns.get(self.column).and_then(|c| c.department),
            View::Matrix | View::Load => {
                (!self.workspace().departments.is_empty()).then_some(self.matrix_department)
            }
            View::Spotlight => None,
        }
    }

    /// The drop mode a drag or carry currently uses.
    pub fn drop_mode(share: bool) -> DropMode {
        if share {
            DropMode::Share
        } else {
            DropMode::Move
        }
    }
}

/// Builds the board columns for `lens`: Unowned first, then one per department.
pub fn build_columns(ws: &Workspace, lens: Role) -> Vec<Column> {
    columns_from(&Tally::new(ws, &ws.department_positions()), lens)
}

/// The board columns for `lens` from a tally of who holds what (no id is read).
pub fn columns_from(tally: &Tally, lens: Role) -> Vec<Column> {
    tally
        .cards(lens)
        .into_iter()
        .enumerate()
        .map(|(n, cards)| Column {
            department: n.checked_sub(1),
            cards,
        })
        .collect()
}

/// Keeps only the cards the filter lets through (each responsibility is checked once).
pub fn filter_columns(
    columns: &mut [Column],
    ws: &Workspace,
    filter: &CardFilter,
    analysis: &Analysis,
) {
    let shown: Vec<bool> = ws
        .responsibilities
        .iter()
        .enumerate()
        .map(|(index, r)| filter.matches(r, index, analysis))
        .collect();
    for column in columns {
        column
            .cards
            .retain(|&card| shown.get(card).copied().unwrap_or(false));
    }
}

impl App {
    /// The column a dragged or carried card is headed for, for highlighting.
    pub fn drag_target_column(&self) -> Option<usize> {
        self.hand.as_ref().and_then(|hand| {
            (hand.grip != Grip::Pressed)
                .then_some(hand.target)
                .flatten()
        })
    }
}

/// Today's local date, `YYYY-MM-DD`.
pub fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}
