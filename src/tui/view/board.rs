//! The board: a column per department (plus Unowned), a card per responsibility.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::super::app::{App, Grip};
use super::super::layout::{CARD_HEIGHT, ColumnLayout, ScreenLayout};
use super::super::theme::{SHARED_GLYPH, glyph};
use crate::text::{sanitize, truncate, width};

pub fn render(app: &App, layout: &ScreenLayout, buf: &mut Buffer) {
    let target = app.drag_target_column();
    let first_department = layout
        .columns
        .iter()
        .find(|c| c.column > 0)
        .map(|c| c.column);
    let last_department = layout
        .columns
        .iter()
        .rfind(|c| c.column > 0)
        .map(|c| c.column);
    for column in &layout.columns {
        // Room on the top border for the scroll markers, so they never cover a title.
        let marker_room = |hidden: usize, edge: Option<usize>| {
            if hidden > 0 && edge == Some(column.column) {
                width(&format!("◀{hidden}"))
            } else {
                0
            }
        };
        let reserve = (
            marker_room(layout.hidden_left, first_department),
            marker_room(layout.hidden_right, last_department),
        );
        render_column(app, column, target == Some(column.column), reserve, buf);
    }
    scroll_markers(app, layout, buf);
}

/// `◀2` and `3▶` on the top border when department columns are scrolled out of view.
fn scroll_markers(app: &App, layout: &ScreenLayout, buf: &mut Buffer) {
    let departments: Vec<&ColumnLayout> = layout.columns.iter().filter(|c| c.column > 0).collect();
    if let (Some(first), true) = (departments.first(), layout.hidden_left > 0) {
        let marker = format!("◀{}", layout.hidden_left);
        buf.set_string(first.rect.x, first.rect.y, marker, app.theme.key);
    }
    if let (Some(last), true) = (departments.last(), layout.hidden_right > 0) {
        let marker = format!("{}▶", layout.hidden_right);
        let x = last.rect.right().saturating_sub(width(&marker) as u16);
        buf.set_string(x, last.rect.y, marker, app.theme.key);
    }
}

fn render_column(
    app: &App,
    column: &ColumnLayout,
    is_target: bool,
    (reserve_left, reserve_right): (usize, usize),
    buf: &mut Buffer,
) {
    let theme = &app.theme;
    let count = app.columns.get(column.column).map_or(0, |c| c.cards.len());
    let selected = column.column == app.column;
    let title_width = usize::from(column.rect.width.saturating_sub(4))
        .saturating_sub(reserve_left + reserve_right);
    let suffix = format!(" ({count})");
    // A department's own findings (overload, absent) mark its title with their glyph.
    let department_worst = app.column_department(column.column).and_then(|id| {
        app.session
            .analysis()
            .for_department(id)
            .map(|f| f.severity)
            .max()
    });
    let badge = department_worst.map_or_else(String::new, |s| format!("{} ", glyph(s)));
    let name = truncate(
        &sanitize(&app.column_title(column.column)),
        title_width.saturating_sub(width(&suffix) + width(&badge)),
    );
    let mut border = if is_target {
        theme.drop_target
    } else {
        theme.column
    };
    if selected && !is_target {
        border = theme.column_selected;
    }
    let title_style = if is_target {
        theme.drop_target
    } else {
        theme.column_title
    };
    let mut block = Block::bordered()
        .border_type(if is_target {
            BorderType::Double
        } else if selected {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(border)
        .title(Line::from(vec![
            Span::raw(" ".repeat(reserve_left)),
            Span::styled(
                badge,
                department_worst.map_or(theme.dim, |s| theme.severity(s)),
            ),
            Span::styled(name, title_style),
            Span::styled(suffix, theme.dim),
        ]));
    if is_target {
        let verb = if app.hand.as_ref().is_some_and(|h| h.share) {
            "share here"
        } else {
            "drop here"
        };
        block =
            block.title_bottom(Line::styled(format!(" ▼ {verb} "), theme.drop_target).centered());
    } else if column.hidden_above + column.hidden_below > 0 {
        block = block.title_bottom(
            Line::styled(
                format!(" ↑{} ↓{} ", column.hidden_above, column.hidden_below),
                theme.dim,
            )
            .right_aligned(),
        );
    }
    block.render(column.rect, buf);
    if count == 0 {
        let inner = Rect::new(
            column.rect.x + 2,
            column.rect.y + 1,
            column.rect.width.saturating_sub(4),
            1,
        );
        let text = if column.column == 0 {
            "nothing unowned ✔"
        } else {
            "no cards"
        };
        buf.set_string(
            inner.x,
            inner.y,
            truncate(text, usize::from(inner.width)),
            theme.dim,
        );
    }
    let cards = &app.columns[column.column].cards;
    for &(position, rect) in &column.cards {
        if let Some(&responsibility) = cards.get(position) {
            let is_selected = selected && app.selected == Some(responsibility);
            card(app, responsibility, rect, is_selected, buf);
        }
    }
}

/// Draws the card of a responsibility into `rect`.
pub fn card(app: &App, responsibility: usize, rect: Rect, selected: bool, buf: &mut Buffer) {
    let theme = &app.theme;
    let Some(r) = app.workspace().responsibilities.get(responsibility) else {
        return;
    };
    let analysis = app.session.analysis();
    let worst = analysis.worst_for(responsibility);
    let border = worst.map_or(theme.ok, |s| theme.severity(s));
    let block = Block::bordered()
        .border_type(if selected {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if selected {
            border.add_modifier(Modifier::BOLD)
        } else {
            border
        });
    let inner = block.inner(rect);
    block.render(rect, buf);
    let room = usize::from(inner.width);
    let shared = app.holders(responsibility) > 1;
    let marker = if shared {
        format!(" {SHARED_GLYPH}{}", app.holders(responsibility))
    } else {
        String::new()
    };
    let name = truncate(&sanitize(&r.name), room.saturating_sub(width(&marker)));
    let name_style = if selected {
        theme.card_selected
    } else {
        theme.card.add_modifier(Modifier::BOLD)
    };
    let mut line = vec![Span::styled(name, name_style)];
    if shared {
        line.push(Span::styled(marker, theme.dim));
    }
    Line::from(line).render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    let badge = badge_line(app, responsibility, room);
    if inner.height > 1 {
        badge.render(Rect::new(inner.x, inner.y + 1, inner.width, 1), buf);
    }
}

/// The findings of a card as glyph and word: `✖ hot potato +2`, or `✔ settled`.
fn badge_line(app: &App, responsibility: usize, room: usize) -> Line<'static> {
    let theme = &app.theme;
    let findings: Vec<_> = app
        .session
        .analysis()
        .for_responsibility(responsibility)
        .collect();
    let parked = app
        .workspace()
        .responsibilities
        .get(responsibility)
        .is_some_and(|r| r.is_parked());
    if parked {
        let rest = findings.first().map_or_else(String::new, |f| {
            format!(" · {} {}", glyph(f.severity), f.rule.info().label)
        });
        return Line::styled(truncate(&format!("⏸ parked{rest}"), room), theme.dim);
    }
    let Some(first) = findings.first() else {
        return Line::styled(truncate("✔ settled", room), theme.ok);
    };
    let more = if findings.len() > 1 {
        format!(" +{}", findings.len() - 1)
    } else {
        String::new()
    };
    let text = format!("{} {}", glyph(first.severity), first.rule.info().label);
    Line::from(vec![
        Span::styled(
            truncate(&text, room.saturating_sub(width(&more))),
            theme.severity(first.severity),
        ),
        Span::styled(more, theme.dim),
    ])
}

/// The card being dragged, drawn under the pointer.
pub fn ghost(app: &App, layout: &ScreenLayout, buf: &mut Buffer) {
    let Some(hand) = app.hand.as_ref() else {
        return;
    };
    let Grip::Dragging { x, y } = hand.grip else {
        return;
    };
    let (responsibility, share, over) = (hand.responsibility, hand.share, hand.target);
    let area = layout.area;
    let card_width = layout
        .columns
        .first()
        .map_or(20, |c| c.rect.width.saturating_sub(2))
        .max(12);
    let card_width = card_width.min(area.width);
    let left = x
        .saturating_sub(card_width / 2)
        .min(area.right().saturating_sub(card_width));
    let top = y.min(area.bottom().saturating_sub(CARD_HEIGHT + 1));
    let rect = Rect::new(left, top, card_width, CARD_HEIGHT);
    super::clear(app, rect, buf);
    card(app, responsibility, rect, true, buf);
    let verb = if share { "share" } else { "move" };
    let target = over.map_or_else(
        || "no column".to_owned(),
        |c| sanitize(&app.column_title(c)),
    );
    let label = truncate(
        &format!(" {verb} → {target} "),
        usize::from(card_width.saturating_sub(2)),
    );
    buf.set_string(
        rect.x + 1,
        rect.bottom().saturating_sub(1),
        label,
        app.theme.ghost,
    );
    buf.set_style(
        Rect::new(rect.x, rect.y, rect.width, 1),
        Style::new().add_modifier(Modifier::BOLD),
    );
}
