//! `whoowns` without a file: a small list of the recent workspaces (and the default one) to
//! open, shown before the board when the settings remember any.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::DefaultTerminal;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Widget};

use super::action::{Action, Direction};
use super::keymap::{Context, Keymap};
use crate::text::{sanitize_path, truncate};

/// One workspace offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    /// The default workspace in the data directory (created from the sample when opened).
    pub default: bool,
}

/// What the person chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Open(Entry),
    Quit,
}

/// The picker's state: the entries and the cursor.
#[derive(Debug, Clone)]
pub struct Picker {
    pub entries: Vec<Entry>,
    pub selected: usize,
    /// The terminal's cursor stands on the selected entry (screen readers follow it).
    pub show_cursor: bool,
    keymap: Arc<Keymap>,
}

impl Picker {
    /// The recent workspaces (most recent first), then the default one unless it is among them.
    pub fn new(recent: Vec<PathBuf>, default: Option<PathBuf>, keymap: Arc<Keymap>) -> Picker {
        let mut entries: Vec<Entry> = recent
            .into_iter()
            .map(|path| Entry {
                path,
                default: false,
            })
            .collect();
        if let Some(default) = default {
            match entries
                .iter_mut()
                .find(|e| crate::dirs::canonical(&e.path) == crate::dirs::canonical(&default))
            {
                Some(entry) => entry.default = true,
                None => entries.push(Entry {
                    path: default,
                    default: true,
                }),
            }
        }
        Picker {
            entries,
            selected: 0,
            show_cursor: true,
            keymap,
        }
    }

    /// What `key` does: moves the cursor (`None`), opens the selected entry, or quits.
    pub fn handle(&mut self, key: &KeyEvent) -> Option<Choice> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let last = self.entries.len().saturating_sub(1);
        let action = self.keymap.action_for(&[Context::List], key).or_else(|| {
            (self.keymap.action_for(&[Context::Global], key) == Some(Action::Quit))
                .then_some(Action::Quit)
        })?;
        match action {
            Action::Move(Direction::Up | Direction::Left) => {
                self.selected = self.selected.saturating_sub(1);
            }
            Action::Move(Direction::Down | Direction::Right) => {
                self.selected = (self.selected + 1).min(last);
            }
            Action::PageUp | Action::First => self.selected = 0,
            Action::PageDown | Action::Last => self.selected = last,
            Action::Activate => {
                return self.entries.get(self.selected).cloned().map(Choice::Open);
            }
            Action::Cancel | Action::Quit => return Some(Choice::Quit),
            _ => {}
        }
        None
    }

    /// The keys, for the bottom line: `↑↓ choose │ Enter open │ Esc/q quit`.
    pub fn keys(&self) -> String {
        let quit: Vec<String> = [
            self.keymap.key(&[Context::List], Action::Cancel),
            self.keymap.key(&[Context::Global], Action::Quit),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut hint = self
            .keymap
            .hint(&[Context::List])
            .pair(
                Action::Move(Direction::Up),
                Action::Move(Direction::Down),
                "choose",
            )
            .key(Action::Activate, "open")
            .join(" │ ");
        if !quit.is_empty() {
            hint.push_str(&format!(" │ {} quit", quit.join("/")));
        }
        hint
    }
}

impl Picker {
    /// The picker's box, centered in `area`.
    fn rect(&self, area: Rect) -> Rect {
        let height = (self.entries.len() as u16 + 4).min(area.height);
        let width = 90.min(area.width);
        Rect::new(
            area.x + (area.width - width) / 2,
            area.y + (area.height - height) / 2,
            width,
            height,
        )
    }

    /// Where the terminal's cursor stands in `area`: on the selected entry's pointer.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        let inner = Block::bordered().inner(self.rect(area));
        let y = inner.y + 1 + u16::try_from(self.selected).ok()?;
        (self.show_cursor && y < inner.bottom()).then_some(Position::new(inner.x, y))
    }
}

impl Widget for &Picker {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rect = self.rect(area);
        let block = Block::bordered()
            .border_type(BorderType::Double)
            .title(" whoowns: open a recent workspace ")
            .title_bottom(format!(" {} ", self.keys()));
        let inner = block.inner(rect);
        block.render(rect, buf);
        let room = usize::from(inner.width.saturating_sub(2));
        for (i, entry) in self.entries.iter().enumerate() {
            let y = inner.y + 1 + i as u16;
            if y >= inner.bottom() {
                break;
            }
            let path = sanitize_path(&entry.path);
            let text = if entry.default {
                format!("{path} (the default workspace)")
            } else {
                path
            };
            let selected = i == self.selected;
            let pointer = if selected { "▶ " } else { "  " };
            let line = Line::raw(format!("{pointer}{}", truncate(&text, room)));
            let row = Rect::new(inner.x, y, inner.width, 1);
            line.render(row, buf);
            if selected {
                buf.set_style(row, Style::new().add_modifier(Modifier::REVERSED));
            }
        }
    }
}

/// Shows `picker` until the person opens an entry or quits.
pub fn pick(terminal: &mut DefaultTerminal, mut picker: Picker) -> io::Result<Choice> {
    loop {
        terminal.draw(|frame| {
            frame.render_widget(&picker, frame.area());
            if let Some(at) = picker.cursor(frame.area()) {
                frame.set_cursor_position(at);
            }
        })?;
        if let Event::Key(key) = event::read()?
            && let Some(choice) = picker.handle(&key)
        {
            return Ok(choice);
        }
    }
}
