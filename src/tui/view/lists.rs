//! List overlays (claims, decisions, parking lot, facts, giving a role, sign-off, changes).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::super::action::Action;
use super::super::app::{App, ListKind, ListState};
use super::super::keymap::Context;
use super::super::lists::Mark;
use super::centered;
use crate::text::{sanitize, truncate};

/// Draws the list overlay `list` over `area`.
pub fn list(app: &App, list: &ListState, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let rows = app.list_rows(list.kind);
    let context = context_lines(app, list.kind);
    let wanted = (rows.len() + context.len()).max(1) as u16 + 2;
    let rect = centered(area, 100, wanted.min(area.height.saturating_sub(2)).max(5));
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
    let visible = usize::from(inner.bottom().saturating_sub(y)).max(1);
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
        buf.set_stringn(inner.x, y, &empty, room, theme.dim);
        return;
    }
    let first = list.selected.saturating_sub(visible - 1);
    for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
        let selected = i == list.selected;
        let style = match row.mark {
            Mark::Plain => theme.dialog,
            Mark::Todo => theme.warning,
            Mark::Done => theme.ok,
            Mark::Warn => theme.error,
            Mark::Note => theme.column_title,
        };
        let pointer = if selected { "▶ " } else { "  " };
        let line = Line::from(vec![
            Span::styled(pointer, theme.key),
            Span::styled(truncate(&row.text, room.saturating_sub(2)), style),
        ]);
        let row_rect = Rect::new(inner.x, y, inner.width, 1);
        line.render(row_rect, buf);
        if selected {
            buf.set_style(row_rect, theme.cursor);
        }
        y += 1;
    }
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
    match kind {
        ListKind::Claims(r)
        | ListKind::GiveRole {
            responsibility: r, ..
        } => holders(r),
        ListKind::ClaimRoles { responsibility, .. } => holders(responsibility),
        ListKind::SignOff => {
            let signed = (0..ws.departments.len())
                .filter(|&i| app.session.sign_state(i) == crate::signoff::SignState::Current)
                .count();
            vec![format!(
                "{signed} of {} departments signed; a signature covers the responsibilities the department holds a role in.",
                ws.departments.len()
            )]
        }
        _ => Vec::new(),
    }
}
