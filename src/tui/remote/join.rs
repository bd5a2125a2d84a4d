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
    box_of(app, " Join ", lines, area, frame);
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
    box_of(app, " Join: your department ", lines, area, frame);
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
}

/// The end of `text` that fits in `max` columns.
fn truncate_start(text: &str, max: usize) -> String {
    crate::text::tail(text, max).to_owned()
}

fn box_of(app: &App, title: &str, lines: Vec<Line<'_>>, area: Rect, frame: &mut Frame) {
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
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title).style(app.theme.dialog)),
        rect,
    );
}
