//! The board: a column per department (plus Unowned), a card per responsibility.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::super::app::{App, Grip};
use super::super::layout::{
    CardStyle, ColumnLayout, ColumnTitle, ScreenLayout, card_height, card_name_lines,
    column_title_at, column_title_parts,
};
use super::super::theme::{SHARED_GLYPH, glyph};
use crate::text::{sanitize, truncate, width, wrap};

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
        render_column(
            app,
            layout,
            column,
            target == Some(column.column),
            reserve,
            buf,
        );
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
    layout: &ScreenLayout,
    column: &ColumnLayout,
    is_target: bool,
    (reserve_left, reserve_right): (usize, usize),
    buf: &mut Buffer,
) {
    let theme = &app.theme;
    let count = app.columns.get(column.column).map_or(0, |c| c.cards.len());
    let selected = column.column == app.column;
    let (worst, suffix) = column_title_parts(app, column.column);
    let badge = worst.map_or_else(String::new, |s| format!("{} ", glyph(s)));
    let badge_style = worst.map_or(theme.dim, |s| theme.severity(s));
    let title = column_title_at(app, column.column, column.rect.width, layout.title_rows > 0);
    // A remote participant's own department stands out in their view.
    let own = app.highlight.is_some()
        && app.columns.get(column.column).and_then(|c| c.department) == app.highlight;
    let border = if is_target {
        theme.drop_target
    } else if selected {
        theme.column_selected
    } else if own {
        theme.key
    } else {
        theme.column
    };
    let title_style = if is_target {
        theme.drop_target
    } else if selected {
        theme.column_title.add_modifier(Modifier::UNDERLINED)
    } else {
        theme.column_title
    };
    let title_style = if own {
        title_style.add_modifier(Modifier::REVERSED)
    } else {
        title_style
    };
    let mut top = vec![Span::raw(" ".repeat(reserve_left))];
    if let ColumnTitle::OnBorder(name) = &title {
        let room = usize::from(column.rect.width.saturating_sub(4))
            .saturating_sub(reserve_left + reserve_right + width(&suffix) + width(&badge));
        top.push(Span::styled(badge.clone(), badge_style));
        top.push(Span::styled(truncate(name, room), title_style));
    }
    top.push(Span::styled(suffix, theme.dim));
    let mut block = Block::bordered()
        .border_type(if is_target {
            BorderType::Double
        } else if selected {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(border)
        .title(Line::from(top));
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
    let inner_x = column.rect.x + 1;
    let inner_width = column.rect.width.saturating_sub(2);
    if let ColumnTitle::Inside { lines, indented } = &title {
        for (i, line) in lines.iter().enumerate() {
            let y = column.rect.y + 1 + i as u16;
            let mut spans = Vec::new();
            if i == 0 && !badge.is_empty() {
                spans.push(Span::styled(badge.clone(), badge_style));
            } else if *indented {
                spans.push(Span::raw("  "));
            }
            spans.push(Span::styled(line.clone(), title_style));
            Line::from(spans).render(Rect::new(inner_x, y, inner_width, 1), buf);
        }
    }
    if count == 0 {
        let y = column.rect.y + 1 + layout.title_rows;
        let text = if !app.filter.is_empty() {
            "none shown (filter)"
        } else if column.column == 0 {
            "nothing unowned ✔"
        } else {
            "no cards"
        };
        for (i, line) in wrap(text, usize::from(inner_width), 2).iter().enumerate() {
            buf.set_string(inner_x, y + i as u16, line, theme.dim);
        }
    }
    let cards = &app.columns[column.column].cards;
    for &(position, rect) in &column.cards {
        if let Some(&responsibility) = cards.get(position) {
            let is_selected = selected && app.selected == Some(responsibility);
            card(
                app,
                responsibility,
                rect,
                layout.card_style,
                is_selected,
                buf,
            );
        }
    }
}

/// Draws the card of a responsibility into `rect`, boxed or compact.
pub fn card(
    app: &App,
    responsibility: usize,
    rect: Rect,
    style: CardStyle,
    selected: bool,
    buf: &mut Buffer,
) {
    let theme = &app.theme;
    if app
        .workspace()
        .responsibilities
        .get(responsibility)
        .is_none()
    {
        return;
    }
    let analysis = app.session.analysis();
    let worst = analysis.worst_for(responsibility);
    let border = worst.map_or(theme.ok, |s| theme.severity(s));
    let inner = match style {
        CardStyle::Boxed => {
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
            inner
        }
        CardStyle::Compact => {
            // A rule in the finding's colour closes the card (thick when selected), with the
            // shared marker at its end.
            let rule = if selected { "━" } else { "─" };
            let y = rect.bottom().saturating_sub(1);
            let shared = shared_marker(app, responsibility);
            let rule_width = usize::from(rect.width).saturating_sub(width(&shared));
            Line::from(vec![
                Span::styled(
                    rule.repeat(rule_width),
                    if selected {
                        border.add_modifier(Modifier::BOLD)
                    } else {
                        border
                    },
                ),
                Span::styled(shared, theme.dim),
            ])
            .render(Rect::new(rect.x, y, rect.width, 1), buf);
            Rect::new(rect.x, rect.y, rect.width, rect.height.saturating_sub(1))
        }
    };
    let room = usize::from(inner.width);
    let name_style = if selected {
        theme.card_selected
    } else {
        theme.card.add_modifier(Modifier::BOLD)
    };
    let lines = card_name_lines(app, responsibility, room);
    for (i, line) in lines.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        // The selected card's name is reversed across the card's width, not just its words.
        let padded = if selected {
            format!("{line}{}", " ".repeat(room.saturating_sub(width(line))))
        } else {
            line.clone()
        };
        buf.set_string(inner.x, y, padded, name_style);
    }
    let badge_y = inner.y + lines.len() as u16;
    if badge_y < inner.bottom() {
        let shared = style == CardStyle::Boxed;
        badge_line(app, responsibility, room, shared)
            .render(Rect::new(inner.x, badge_y, inner.width, 1), buf);
    }
}

/// The findings of a card as glyph and word, `✖ hot potato +2`, or `✔ settled`, and the
/// `⇄2` marker when several columns show the card.
fn badge_line(app: &App, responsibility: usize, room: usize, with_shared: bool) -> Line<'static> {
    let theme = &app.theme;
    let findings: Vec<_> = app
        .session
        .analysis()
        .for_responsibility(responsibility)
        .collect();
    let shared = if with_shared {
        shared_marker(app, responsibility)
    } else {
        String::new()
    };
    let parked = app
        .workspace()
        .responsibilities
        .get(responsibility)
        .is_some_and(|r| r.is_parked());
    let (text, style, more) = if parked {
        // "⏸ parked · ▲ no doer" when it fits, else "⏸ parked +2": the word stays whole.
        let rest = findings.first().map_or_else(String::new, |f| {
            format!(" · {} {}", glyph(f.severity), f.rule.info().label)
        });
        let count = if findings.is_empty() {
            String::new()
        } else {
            format!(" +{}", findings.len())
        };
        if width("⏸ parked") + width(&rest) + width(&shared) <= room {
            (format!("⏸ parked{rest}"), theme.dim, String::new())
        } else {
            ("⏸ parked".to_owned(), theme.dim, count)
        }
    } else if let Some(first) = findings.first() {
        let more = if findings.len() > 1 {
            format!(" +{}", findings.len() - 1)
        } else {
            String::new()
        };
        (
            format!("{} {}", glyph(first.severity), first.rule.info().label),
            theme.severity(first.severity),
            more,
        )
    } else {
        ("✔ settled".to_owned(), theme.ok, String::new())
    };
    // The glyph and the whole word come first: the count and the shared marker give way
    // (then the space after the glyph) before the word is cut.
    let (mut more, mut shared) = (more, shared);
    if width(&text) + width(&more) + width(&shared) > room {
        shared = String::new();
    }
    if width(&text) + width(&more) > room {
        more = String::new();
    }
    let text = match text.split_once(' ') {
        Some((mark, word)) if width(&text) > room && width(mark) + width(word) <= room => {
            format!("{mark}{word}")
        }
        _ => text,
    };
    let tail = format!("{more}{shared}");
    Line::from(vec![
        Span::styled(truncate(&text, room.saturating_sub(width(&tail))), style),
        Span::styled(more, theme.dim),
        Span::styled(shared, theme.dim),
    ])
}

/// ` ⇄2` when two or more columns show the card under the lens, else nothing.
fn shared_marker(app: &App, responsibility: usize) -> String {
    let holders = app.holders(responsibility);
    if holders > 1 {
        format!(" {SHARED_GLYPH}{holders} ")
    } else {
        String::new()
    }
}

/// The card being dragged, drawn under the pointer; returns where its name starts.
pub fn ghost(app: &App, layout: &ScreenLayout, buf: &mut Buffer) -> Option<Position> {
    let hand = app.hand.as_ref()?;
    let Grip::Dragging { x, y } = hand.grip else {
        return None;
    };
    let (responsibility, share, over) = (hand.responsibility, hand.share, hand.target);
    let area = layout.area;
    let card_width = layout
        .columns
        .first()
        .map_or(20, |c| c.rect.width.saturating_sub(2))
        .max(20);
    let card_width = card_width.min(area.width);
    let left = x
        .saturating_sub(card_width / 2)
        .min(area.right().saturating_sub(card_width));
    let style = CardStyle::Boxed;
    let height = card_height(app, responsibility, style, card_width);
    let top = y.min(area.bottom().saturating_sub(height + 1));
    let rect = Rect::new(left, top, card_width, height);
    super::clear(app, rect, buf);
    card(app, responsibility, rect, style, true, buf);
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
    super::cursor::inside(rect)
}
