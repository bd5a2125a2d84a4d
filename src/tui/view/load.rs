//! The load view: what each department carries (accountable, responsible) and funds, as bars,
//! with overload marked, so the room sees who carries too much.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::super::action::{Action, Direction};
use super::super::app::App;
use super::super::keymap::Context;
use super::super::layout::keep_visible;
use super::super::theme::glyph;
use crate::load::department_loads;
use crate::text::{sanitize, truncate, width};
use crate::workspace::Severity;

/// Eighths of a cell, for bars that end between two cells.
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// The load view; the cursor stands on the selected department's row.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let theme = &app.theme;
    let contexts = [Context::Load, Context::Global];
    let hint = [
        (Action::Move(Direction::Down), "department"),
        (Action::Cancel, "back"),
    ]
    .iter()
    .filter_map(|&(action, what)| {
        app.keymap
            .key(&contexts, action)
            .map(|k| format!("{k} {what}"))
    })
    .collect::<Vec<_>>()
    .join(" · ");
    let block = Block::bordered()
        .border_style(theme.column)
        .title(Line::styled(" Load: who carries what ", theme.column_title))
        .title_bottom(Line::styled(format!(" {hint} "), theme.key).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let ws = app.workspace();
    let loads = department_loads(ws, app.session.analysis());
    if loads.is_empty() {
        buf.set_string(inner.x + 1, inner.y, "No departments yet", theme.dim);
        return Some(Position::new(inner.x + 1, inner.y));
    }
    // One scale for both counts: a 2 is as long under Accountable as under Responsible.
    let max_count = loads
        .iter()
        .map(|l| l.accountable.max(l.responsible))
        .max()
        .unwrap_or(0)
        .max(1);
    // Shares are drawn against the largest, so small contributions still show.
    let max_share = loads
        .iter()
        .map(|l| l.funding_share)
        .fold(0.0, f64::max)
        .max(f64::EPSILON);
    // Columns: name, then three bars sharing what is left.
    let name_width = (inner.width / 4).clamp(10, 28);
    let bars_width = inner.width.saturating_sub(name_width + 1);
    let bar_width = bars_width / 3;
    let (answering, doing) = if app.workspace().model.is_raci() {
        ("Accountable for", "Responsible for")
    } else {
        ("Answers for", "Does")
    };
    let headers = [
        (answering, theme.bar_accountable),
        (doing, theme.bar_responsible),
        ("Share of funding", theme.bar_funding),
    ];
    buf.set_string(
        inner.x,
        inner.y,
        truncate("Department", usize::from(name_width)),
        theme.heading,
    );
    for (i, (text, _)) in headers.iter().enumerate() {
        let x = inner.x + name_width + 1 + i as u16 * bar_width;
        buf.set_string(
            x,
            inner.y,
            truncate(text, usize::from(bar_width.saturating_sub(1))),
            theme.heading,
        );
    }
    // Two rows a department when there is room (readable from afar), else one.
    let rows_free = inner.height.saturating_sub(2);
    let row_height: u16 = if rows_free >= loads.len() as u16 * 2 {
        2
    } else {
        1
    };
    let visible = usize::from(rows_free / row_height).max(1);
    let selected = app.matrix_department.min(loads.len() - 1);
    let first = keep_visible(0, selected, visible, loads.len());
    let mut label_room: [u16; 3] = [0, 1, 2].map(|i| {
        loads
            .iter()
            .map(|l| width(&labels(app, l)[i]) as u16)
            .max()
            .unwrap_or(0)
    });
    // The two count columns share their room too, so their bars compare.
    let counts = label_room[0].max(label_room[1]);
    label_room[0] = counts;
    label_room[1] = counts;
    let mut at = None;
    for (slot, load) in loads.iter().skip(first).take(visible).enumerate() {
        let y = inner.y + 2 + slot as u16 * row_height;
        let is_selected = load.department == selected;
        if is_selected {
            at = Some(Position::new(inner.x, y));
        }
        let name = sanitize(&ws.departments[load.department].name);
        let marker = if is_selected { "▶ " } else { "  " };
        let name_style = if is_selected {
            theme.card_selected
        } else {
            theme.column_title
        };
        let shown = truncate(&format!("{marker}{name}"), usize::from(name_width));
        let padded = format!(
            "{shown}{}",
            " ".repeat(usize::from(name_width).saturating_sub(width(&shown)))
        );
        buf.set_string(inner.x, y, padded, name_style);
        let overload = format!("{} overload", glyph(Severity::Warning));
        if load.overloaded && row_height == 2 {
            buf.set_string(inner.x + 2, y + 1, &overload, theme.warning);
        } else if load.overloaded {
            let x = inner.x + name_width.saturating_sub(2);
            buf.set_string(x, y, glyph(Severity::Warning), theme.warning);
        }
        for (i, label) in labels(app, load).into_iter().enumerate() {
            let x = inner.x + name_width + 1 + i as u16 * bar_width;
            // Every bar of a column is measured against the same room, so lengths compare.
            let room = bar_width.saturating_sub(label_room[i] + 2);
            let fraction = [
                load.accountable as f64 / max_count as f64,
                load.responsible as f64 / max_count as f64,
                load.funding_share / max_share,
            ][i];
            let style = [
                theme.bar_accountable,
                theme.bar_responsible,
                theme.bar_funding,
            ][i];
            bar(
                buf,
                Rect::new(x, y, bar_width.saturating_sub(1), 1),
                room,
                fraction,
                &label,
                style,
                theme.card,
            );
        }
    }
    at
}

/// The figures beside a department's three bars.
fn labels(app: &App, load: &crate::load::DepartmentLoad) -> [String; 3] {
    [
        load.accountable.to_string(),
        load.responsible.to_string(),
        format!(
            "{:.0}% ({})",
            load.funding_share * 100.0,
            super::money(app.workspace(), load.funding)
        ),
    ]
}

/// A bar of `fraction` (0 to 1) of `room` cells at the start of `area`, then its label.
fn bar(
    buf: &mut Buffer,
    area: Rect,
    room: u16,
    fraction: f64,
    label: &str,
    style: Style,
    text: Style,
) {
    let eighths = (fraction.clamp(0.0, 1.0) * f64::from(room) * 8.0).round() as usize;
    let mut cells = "█".repeat(eighths / 8);
    cells.push_str(EIGHTHS[eighths % 8]);
    if cells.is_empty() {
        // Nothing at all still shows where the bar starts.
        cells.push('▏');
    }
    Line::from(vec![
        Span::styled(cells, style),
        Span::styled(format!(" {label}"), text),
    ])
    .render(area, buf);
}
