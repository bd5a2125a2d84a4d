//! Drawing: a pure function of the app state and its layout.

mod board;
mod chrome;
mod cursor;
mod lists;
mod load;
mod matrix;
mod overlays;
mod panels;
mod spotlight;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::app::{App, Mode, View};
use super::layout::{MIN_HEIGHT, MIN_WIDTH, ScreenLayout};
use overlays::centered;

/// Draws one frame of `app` with `layout` (from [`super::layout::compute`] for the frame's area).
pub fn render(app: &App, layout: &ScreenLayout, frame: &mut Frame) {
    let area = frame.area();
    // The theme's own background and text colour under everything (light, high contrast).
    frame.buffer_mut().set_style(area, app.theme.base);
    if layout.too_small {
        let lines = vec![
            Line::from("whoowns needs a larger terminal"),
            Line::from(format!(
                "at least {MIN_WIDTH}x{MIN_HEIGHT}, now {}x{}",
                area.width, area.height
            )),
            Line::from(
                app.key_label(super::action::Action::Quit)
                    .map_or_else(String::new, |k| format!("({k} quits)")),
            ),
        ];
        frame.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        // A pending question (such as unsaved changes on quit) must stay answerable.
        let at = match &app.mode {
            Mode::Ask(question) => overlays::question(app, question, area, frame.buffer_mut()),
            _ => Some(area.as_position()),
        };
        place_cursor(app, at, frame);
        return;
    }
    chrome::header(app, layout.header, frame.buffer_mut());
    let drawn = match app.view {
        View::Board => {
            board::render(app, layout, frame.buffer_mut());
            None
        }
        View::Matrix => {
            matrix::render(app, layout, frame.buffer_mut());
            None
        }
        View::Spotlight => {
            spotlight::render(app, layout.main, frame.buffer_mut());
            None
        }
        View::Load => load::render(app, layout.main, frame.buffer_mut()),
    };
    let field = layout
        .detail
        .and_then(|rect| panels::detail(app, rect, frame.buffer_mut()));
    if let Some(rect) = layout.findings {
        panels::findings(app, layout, rect, frame.buffer_mut());
    }
    chrome::status(app, layout.status, frame.buffer_mut());
    let ghost = board::ghost(app, layout, frame.buffer_mut());
    let drawn = cursor::Drawn {
        view: drawn,
        field,
        ghost,
    };
    let at = cursor::main(app, layout, drawn);
    let at = match &app.mode {
        Mode::Help { scroll } => overlays::help(app, *scroll, area, frame.buffer_mut()),
        // The prompt's text cursor is where typing goes: it stands there in every case.
        Mode::Prompt(prompt) => return overlays::prompt(app, prompt, area, frame),
        Mode::Ask(question) => overlays::question(app, question, area, frame.buffer_mut()),
        Mode::List(list) => lists::list(app, list, area, frame.buffer_mut()),
        Mode::Normal => at,
    };
    place_cursor(app, at, frame);
}

/// Puts the terminal's real cursor at `at` (what is selected), unless the person turned it
/// off for presenting; with nowhere to stand, it stays hidden.
fn place_cursor(app: &App, at: Option<Position>, frame: &mut Frame) {
    if let Some(at) = at.filter(|_| app.show_cursor) {
        frame.set_cursor_position(at);
    }
}

/// Empties `rect` for something drawn on top (a dialog, the dragged card), in the theme's
/// dialog colours.
fn clear(app: &App, rect: Rect, buf: &mut Buffer) {
    Clear.render(rect, buf);
    buf.set_style(rect, app.theme.base.patch(app.theme.dialog));
}

/// The departments `ids` by name (made safe to show), comma separated; `none` when there are
/// none.
fn department_list(ws: &crate::workspace::Workspace, ids: &[String], none: &str) -> String {
    if ids.is_empty() {
        return none.to_owned();
    }
    ids.iter()
        .map(|id| crate::text::sanitize(ws.department_name(id)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An amount as the room reads it: digits grouped by three and the workspace's currency
/// (`5,000 EUR`, `1,234.5`), made safe to show.
pub fn money(ws: &crate::workspace::Workspace, amount: crate::workspace::Amount) -> String {
    let currency = ws.info.currency.as_deref().map(crate::text::sanitize);
    crate::workspace::format_money(amount, currency.as_deref())
}
