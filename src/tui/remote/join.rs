//! What a participant's terminal shows besides the board: joining (a name, then a department)
//! and the line where they write a claim or a comment.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::super::app::App;
use super::RaisedKind;
use crate::text::{sanitize, truncate};

/// The name prompt, centered.
pub fn name(app: &App, input: &str, frame: &mut Frame) {
    let theme = &app.theme;
    let area = frame.area();
    frame.buffer_mut().set_style(area, theme.base);
    let title = sanitize(&app.workspace().info.name);
    let lines = vec![
        Line::from(format!("Welcome to the workshop {title}")),
        Line::from(""),
        Line::from("Your name, as the room will see it:"),
        Line::from(vec![
            Span::styled(format!("> {input}"), theme.key),
            Span::styled(" ", theme.cursor),
        ]),
        Line::from(""),
        Line::styled("Enter: next (your department) · Esc: leave", theme.dim),
    ];
    let inner = box_of(app, " Join ", lines, area, frame);
    // The real cursor after the name, where typing goes (screen readers follow it).
    let typed = crate::text::width(&format!("> {input}")) as u16;
    frame.set_cursor_position((
        inner.x + typed.min(inner.width.saturating_sub(1)),
        inner.y + 3,
    ));
}

/// The department list, centered, with `selected` marked.
pub fn departments(app: &App, name: &str, selected: usize, frame: &mut Frame) {
    let theme = &app.theme;
    let area = frame.area();
    frame.buffer_mut().set_style(area, theme.base);
    let mut lines = vec![
        Line::from(format!("{name}, which department are you from?")),
        Line::from(""),
    ];
    let departments = &app.workspace().departments;
    if departments.is_empty() {
        lines.push(Line::styled(
            "(this workspace has no departments yet)",
            theme.dim,
        ));
    }
    let height = usize::from(area.height.saturating_sub(8)).max(1);
    let first = selected.saturating_sub(height.saturating_sub(1));
    for (i, d) in departments.iter().enumerate().skip(first).take(height) {
        let text = sanitize(&d.name);
        lines.push(if i == selected {
            Line::styled(format!("▶ {text}"), theme.card_selected)
        } else {
            Line::from(format!("  {text}"))
        });
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "↑/↓: choose · Enter: join · Esc: back to your name",
        theme.dim,
    ));
    let inner = box_of(app, " Join: your department ", lines, area, frame);
    // The real cursor on the department chosen now.
    if !departments.is_empty() && app.show_cursor {
        frame.set_cursor_position((inner.x, inner.y + 2 + (selected - first) as u16));
    }
}

/// The line for a claim's reason or a comment, at the bottom of the board.
pub fn raise(
    app: &App,
    kind: RaisedKind,
    about: &str,
    role: Option<&str>,
    input: &str,
    frame: &mut Frame,
) {
    let theme = &app.theme;
    let area = frame.area();
    let height = 4.min(area.height);
    let rect = Rect::new(
        area.x,
        area.bottom().saturating_sub(height),
        area.width,
        height,
    );
    frame.render_widget(Clear, rect);
    frame
        .buffer_mut()
        .set_style(rect, theme.base.patch(theme.dialog));
    let room = usize::from(area.width.saturating_sub(6));
    let title = match kind {
        RaisedKind::Claim => format!(
            " Claim \"{}\" for your department, as {} ",
            truncate(about, room / 3),
            role.map_or_else(
                || "any role".to_owned(),
                |r| truncate(&sanitize(r), room / 4)
            ),
        ),
        RaisedKind::Comment => format!(" Comment on \"{}\" ", truncate(about, room / 2)),
    };
    let hint = match kind {
        RaisedKind::Claim => "why (optional) · Tab: role · Enter: raise · Esc: cancel",
        RaisedKind::Comment => "your comment · Enter: raise · Esc: cancel",
    };
    let shown = truncate_start(input, room.saturating_sub(3));
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("> {shown}"), theme.key),
            Span::styled(" ", theme.cursor),
        ]),
        Line::styled(hint, theme.dim),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title).style(theme.dialog)),
        rect,
    );
    // The real cursor after the text, where typing goes.
    let typed = crate::text::width(&format!("> {shown}")) as u16;
    frame.set_cursor_position((
        rect.x + 1 + typed.min(rect.width.saturating_sub(3)),
        rect.y + 1,
    ));
}

/// The end of `text` that fits in `max` columns.
fn truncate_start(text: &str, max: usize) -> String {
    crate::text::tail(text, max).to_owned()
}

/// Draws `lines` in a box centered in `area` and returns the box's inside.
fn box_of(app: &App, title: &str, lines: Vec<Line<'_>>, area: Rect, frame: &mut Frame) -> Rect {
    let width = area.width.min(64);
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, rect);
    frame
        .buffer_mut()
        .set_style(rect, app.theme.base.patch(app.theme.dialog));
    let block = Block::bordered().title(title).style(app.theme.dialog);
    let inner = block.inner(rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
    inner
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn app() -> App {
        let session =
            crate::session::Session::open(std::path::Path::new("tests/fixtures/board.toml"))
                .expect("fixture loads");
        App::new(session)
    }

    /// The screen's row `y` from column `x` on.
    fn from(terminal: &Terminal<TestBackend>, x: u16, y: u16) -> String {
        let buffer = terminal.backend().buffer();
        (x..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect()
    }

    #[test]
    fn the_real_cursor_stands_where_a_participant_types_and_on_their_department() {
        let app = app();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|frame| name(&app, "Ana", frame))
            .expect("draws");
        assert!(terminal.backend().cursor_visible());
        let at = terminal.backend_mut().cursor_position();
        // Right after the name typed so far.
        let before = at.x.checked_sub(5).expect("after \"> Ana\"");
        assert!(from(&terminal, before, at.y).starts_with("> Ana "));
        terminal
            .draw(|frame| departments(&app, "Ana", 1, frame))
            .expect("draws");
        let at = terminal.backend_mut().cursor_position();
        let second = sanitize(&app.workspace().departments[1].name);
        assert!(
            from(&terminal, at.x, at.y).starts_with(&format!("▶ {second}")),
            "{:?}",
            from(&terminal, at.x, at.y)
        );
        terminal
            .draw(|frame| raise(&app, RaisedKind::Comment, "Crisis", None, "too slow", frame))
            .expect("draws");
        let at = terminal.backend_mut().cursor_position();
        let before = at.x.checked_sub(10).expect("after \"> too slow\"");
        assert!(from(&terminal, before, at.y).starts_with("> too slow "));
    }
}
