//! List overlays (claims, decisions, parking lot, facts, giving a role, sign-off, changes).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::super::action::Action;
use super::super::app::{App, ListKind, ListState};
use super::super::keymap::Context;
use super::super::layout::keep_visible_by_height;
use super::super::lists::Mark;
use super::super::theme::glyph;
use super::centered;
use crate::text::{sanitize, truncate, wrap};

/// The most lines one row (or one context line) of a list wraps onto.
const ROW_LINES: usize = 3;

/// The widest a list overlay gets.
const LIST_WIDTH: u16 = 100;

/// Draws the list overlay `list` over `area`. Rows and the lines above them wrap at word
/// boundaries (up to three lines each) instead of being cut. The cursor stands on the selected
/// row.
pub fn list(app: &App, list: &ListState, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let theme = &app.theme;
    let rows = app.list_rows(list.kind);
    // Inside the borders; a row's text goes after the two columns of the pointer.
    let room = usize::from(LIST_WIDTH.min(area.width).saturating_sub(2));
    let text_room = room.saturating_sub(2).max(1);
    let context: Vec<String> = context_lines(app, list.kind)
        .iter()
        .flat_map(|line| wrap(line, room, ROW_LINES))
        .collect();
    let height = |i: usize| {
        rows.get(i)
            .map_or(1, |row| wrap(&row.text, text_room, ROW_LINES).len().max(1)) as u16
    };
    // As tall as the rows need, but never taller than the screen: stop counting once full.
    let most = area.height.saturating_sub(2);
    let mut wanted = context.len() as u16 + 2;
    for i in 0..rows.len().max(1) {
        if wanted >= most {
            break;
        }
        wanted += height(i);
    }
    let rect = centered(area, LIST_WIDTH, wanted.min(most).max(5));
    super::clear(app, rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(format!(" {} ", app.list_title(list.kind)))
        .title_bottom(format!(" {} ", app.list_keys(list.kind)))
        .style(theme.dialog);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let room = usize::from(inner.width);
    let mut y = inner.y;
    for line in context
        .iter()
        .take(usize::from(inner.height.saturating_sub(1)))
    {
        buf.set_stringn(inner.x, y, truncate(line, room), room, theme.dim);
        y += 1;
    }
    let visible = inner.bottom().saturating_sub(y).max(1);
    if rows.is_empty() {
        let key = |action| {
            app.keymap
                .key(&[Context::Board, Context::Global], action)
                .map_or_else(String::new, |k| format!(": {k}"))
        };
        let empty = match list.kind {
            ListKind::Decisions => format!(
                "No decisions yet{} records one.",
                key(Action::RecordDecision)
            ),
            ListKind::Parked => format!(
                "Nothing parked{} parks the selected responsibility.",
                key(Action::TogglePark)
            ),
            ListKind::Conflicts => "No merge conflicts.".to_owned(),
            ListKind::Raised => format!(
                "Nothing raised yet. {}",
                app.room.as_ref().map_or("", |room| room.join.as_str())
            ),
            _ => "Nothing here.".to_owned(),
        };
        for line in wrap(&empty, room, ROW_LINES) {
            if y < inner.bottom() {
                buf.set_stringn(inner.x, y, &line, room, theme.dim);
                y += 1;
            }
        }
        return super::cursor::inside(rect);
    }
    let mut at = None;
    let selected = list.selected.min(rows.len() - 1);
    let first = keep_visible_by_height(0, selected, visible, height);
    for (i, row) in rows.iter().enumerate().skip(first) {
        if y >= inner.bottom() {
            break;
        }
        let is_selected = i == selected;
        let style = match row.mark {
            Mark::Plain => theme.dialog,
            Mark::Todo => theme.warning,
            Mark::Done => theme.ok,
            Mark::Warn => theme.error,
            Mark::Note => theme.column_title,
        };
        let lines_room = usize::from(inner.bottom() - y);
        let lines = wrap(&row.text, text_room, ROW_LINES.min(lines_room));
        let row_rect = Rect::new(inner.x, y, inner.width, lines.len() as u16);
        for (n, text) in lines.into_iter().enumerate() {
            let pointer = if is_selected && n == 0 { "▶ " } else { "  " };
            Line::from(vec![
                Span::styled(pointer, theme.key),
                Span::styled(text, style),
            ])
            .render(Rect::new(inner.x, y, inner.width, 1), buf);
            y += 1;
        }
        if is_selected {
            buf.set_style(row_rect, theme.cursor);
            at = Some(row_rect.as_position());
        }
    }
    at
}

/// Lines above the rows that say what the choice is about.
fn context_lines(app: &App, kind: ListKind) -> Vec<String> {
    let ws = app.workspace();
    let holders = |r: usize| {
        ws.responsibilities.get(r).map_or_else(Vec::new, |x| {
            std::iter::once(ws.model.answering())
                .chain(ws.model.doing())
                .map(|role| {
                    let names: Vec<String> = x
                        .role(role)
                        .iter()
                        .map(|d| sanitize(ws.department_name(d)))
                        .collect();
                    let names = if names.is_empty() {
                        "nobody".to_owned()
                    } else {
                        names.join(", ")
                    };
                    format!("{} now: {names}", sanitize(ws.model.label(role)))
                })
                .collect()
        })
    };
    // The finding the room came from, when it is about the item: the room reads what the
    // fix is for even where no findings panel is shown (80x24).
    let finding = |r: usize| {
        let f = app.session.analysis().findings.get(app.finding)?;
        let about = f.responsibility.as_deref()?;
        (ws.responsibilities.get(r)?.id == about)
            .then(|| format!("{} {}", glyph(f.severity), sanitize(&f.message)))
    };
    match kind {
        ListKind::Claims(r)
        | ListKind::GiveRole {
            responsibility: r, ..
        } => finding(r).into_iter().chain(holders(r)).collect(),
        ListKind::NewClaim(r)
        | ListKind::NewClaimRole {
            responsibility: r, ..
        } => holders(r),
        ListKind::ClaimRoles { responsibility, .. } => holders(responsibility),
        ListKind::SignOff => {
            let signed = (0..ws.departments.len())
                .filter(|&i| app.session.sign_state(i) == crate::signoff::SignState::Current)
                .count();
            let mut lines = vec![format!(
                "{signed} of {} departments signed; a signature covers the responsibilities the department holds a role in.",
                ws.departments.len()
            )];
            let open = crate::signoff::OpenItems::of(ws, app.session.analysis());
            if !open.is_empty() {
                lines.push(format!(
                    "Still open: {}. A signature now notes it (signing asks first).",
                    open.list()
                ));
            }
            lines
        }
        _ => Vec::new(),
    }
}
