//! The matrix: responsibilities by departments, cells A/R/C/I.

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Widget};

use super::super::app::App;
use super::super::layout::{ScreenLayout, matrix_header_lines};
use super::super::theme::glyph;
use crate::text::{sanitize, truncate};

pub fn render(app: &App, layout: &ScreenLayout, buf: &mut Buffer) {
    let theme = &app.theme;
    let ws = app.workspace();
    let focused = ws
        .departments
        .get(app.matrix_department)
        .map_or_else(String::new, |d| format!("│ {} ", sanitize(&d.name)));
    let title = format!(
        " Matrix: {} responsibilities × {} departments {focused}│ Space cycles a cell ",
        ws.responsibilities.len(),
        ws.departments.len()
    );
    let block = Block::bordered().title(title).border_style(theme.column);
    let inner = block.inner(layout.main);
    block.render(layout.main, buf);
    let name_width = layout.matrix_name_width;
    buf.set_string(
        inner.x,
        inner.y,
        truncate("Responsibility", usize::from(name_width)),
        theme.column_title,
    );
    for &(d, rect) in &layout.matrix_headers {
        let name = ws
            .departments
            .get(d)
            .map_or_else(String::new, |dep| sanitize(&dep.name));
        let style = if d == app.matrix_department {
            theme.column_title.add_modifier(Modifier::UNDERLINED)
        } else {
            theme.column_title
        };
        for (i, line) in matrix_header_lines(&name, rect.width).iter().enumerate() {
            buf.set_string(rect.x, rect.y + i as u16, line, style);
        }
    }
    let analysis = app.session.analysis();
    for &(r, rect) in &layout.matrix_rows {
        let Some(responsibility) = ws.responsibilities.get(r) else {
            continue;
        };
        let selected_row = app.selected == Some(r);
        let (mark, style) = match analysis.worst_for(r) {
            Some(severity) => (glyph(severity), theme.severity(severity)),
            None => ("✔", theme.ok),
        };
        buf.set_string(rect.x, rect.y, mark, style);
        let name = truncate(
            &sanitize(&responsibility.name),
            usize::from(name_width.saturating_sub(3)),
        );
        let name_style = if selected_row {
            theme.card.add_modifier(Modifier::BOLD)
        } else {
            theme.card
        };
        buf.set_string(rect.x + 2, rect.y, name, name_style);
    }
    for cell in &layout.cells {
        let (Some(r), Some(d)) = (
            ws.responsibilities.get(cell.responsibility),
            ws.departments.get(cell.department),
        ) else {
            continue;
        };
        let letters: String = r
            .roles_of(&d.id)
            .map(|role| ws.model.letter(role))
            .collect();
        let letters = sanitize(&letters);
        let text = if letters.is_empty() {
            "·".to_owned()
        } else {
            letters
        };
        let is_cursor =
            app.selected == Some(cell.responsibility) && app.matrix_department == cell.department;
        let style = if is_cursor {
            theme.cursor
        } else if text == "·" {
            theme.dim
        } else {
            theme.card.add_modifier(Modifier::BOLD)
        };
        let padded = format!("{text:^width$}", width = usize::from(cell.rect.width - 1));
        buf.set_string(cell.rect.x, cell.rect.y, padded, style);
    }
}
