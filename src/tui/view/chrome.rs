//! The header line and the status line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::super::action::Action;
use super::super::app::{App, Grip, Tone, View};
use super::super::keymap::Context;
use super::super::theme::glyph;
use crate::text::{sanitize, truncate, width};
use crate::workspace::Severity;

pub fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    buf.set_style(area, theme.header);
    let summary = app.session.analysis().summary();
    // The view, and the key that leaves it, from the keys in effect.
    let (view, leave) = match app.view {
        View::Board => ("Board", Action::ToggleView),
        View::Matrix => ("Matrix", Action::ToggleView),
        View::Spotlight => ("Focus", Action::ToggleSpotlight),
        View::Load => ("Load", Action::ToggleLoadView),
    };
    let view = match app.keymap.key(&[Context::Global], leave) {
        Some(key) => format!("{view} ({key})"),
        None => view.to_owned(),
    };
    let lens = match app.keymap.key(&[Context::Global], Action::NextLens) {
        Some(key) => format!(
            "{} ({key})",
            sanitize(app.workspace().model.label(app.lens))
        ),
        None => sanitize(app.workspace().model.label(app.lens)),
    };
    let counts = format!(
        " {} {} {} {} {} {} ",
        glyph(Severity::Error),
        summary.errors,
        glyph(Severity::Warning),
        summary.warnings,
        glyph(Severity::Info),
        summary.info
    );
    let filter = if app.filter.is_empty() {
        String::new()
    } else {
        format!(
            "Filter {} ({} of {}) │ ",
            app.filter.describe(),
            app.shown_cards(),
            app.workspace().responsibilities.len()
        )
    };
    // Serving (`whoowns serve`): what waits in the queue, who is connected, and the logins
    // that failed (only once there are some).
    let (raised, serving, failed) = app.room.as_ref().map_or_else(Default::default, |room| {
        let raised = if room.raised.is_empty() {
            String::new()
        } else {
            let key = app
                .keymap
                .key(&[Context::Global], Action::RaisedQueue)
                .map_or_else(String::new, |k| format!(" ({k})"));
            format!("✋ {} raised{key}", room.raised.len())
        };
        let separator = if raised.is_empty() { "" } else { " · " };
        let failed = match room.failed_logins {
            0 => String::new(),
            1 => " · 1 failed login".to_owned(),
            n => format!(" · {n} failed logins"),
        };
        (
            raised,
            format!("{separator}{} connected", room.connected),
            failed,
        )
    });
    let end_of_serving = if app.room.is_some() { " │ " } else { "" };
    let start = format!(" whoowns │ Lens: {lens} │ {view} │ ");
    let rest = format!("{end_of_serving}{filter}");
    // The counts stay whole; the view and filter come next; the workspace's name takes the rest.
    let room_for_left = usize::from(area.width).saturating_sub(width(&counts));
    let parts = [
        (start, theme.header),
        // Raised hands stand out: reversed, in the header's own colours.
        (raised, theme.header.add_modifier(Modifier::REVERSED)),
        (serving, theme.header),
        (failed, theme.header.patch(theme.warning)),
        (rest, theme.header),
    ];
    let wanted: usize = parts.iter().map(|(text, _)| width(text)).sum();
    let mut spans = Vec::new();
    let used = if wanted <= room_for_left {
        for (text, style) in parts {
            spans.push(Span::styled(text, style));
        }
        wanted
    } else {
        let all: String = parts.iter().map(|(text, _)| text.as_str()).collect();
        let left = truncate(&all, room_for_left);
        let used = width(&left);
        spans.push(Span::raw(left));
        used
    };
    let room = usize::from(area.width).saturating_sub(used + width(&counts));
    spans.push(Span::raw(truncate(
        &sanitize(&app.workspace().info.name),
        room,
    )));
    Line::from(spans).render(area, buf);
    let x = area.right().saturating_sub(width(&counts) as u16);
    buf.set_string(x, area.y, &counts, theme.header);
}

/// `text` cut to `max` columns from the front (`…/dir/file.toml ● modified`), so the file name
/// and the `tail` (the unsaved marker) stay readable.
fn truncate_start(text: &str, max: usize, tail: &str) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    let body = text.strip_suffix(&format!("{tail} ")).unwrap_or(text);
    let keep = max.saturating_sub(width(tail) + 2);
    format!("…{}{tail} ", crate::text::tail(body, keep))
}

pub fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    buf.set_style(area, theme.status);
    let dirty = if app.session.is_dirty() {
        " ● modified"
    } else {
        ""
    };
    let hint = match &app.hand {
        Some(hand) if hand.grip != Grip::Pressed && hand.share => " SHARE ".to_owned(),
        Some(hand) if hand.grip != Grip::Pressed => " MOVE ".to_owned(),
        _ => app
            .key_label(Action::ToggleHelp)
            .map_or_else(String::new, |k| format!(" {k} help ")),
    };
    let hint = hint.as_str();
    // While a card is in hand, the status line names the target in full and what the drop
    // would do to the findings.
    let carrying = app.hand_status().map(|text| {
        (
            text,
            theme.status.add_modifier(ratatui::style::Modifier::BOLD),
        )
    });
    let message = carrying.or_else(|| {
        app.status.as_ref().map(|(text, tone)| {
            let style = match tone {
                Tone::Info => theme.status,
                Tone::Success => theme.success,
                Tone::Problem => theme.problem,
            };
            (text.clone(), style)
        })
    });
    let hint_width = width(hint) as u16;
    let available = usize::from(area.width.saturating_sub(hint_width));
    // The unsaved marker and the message come first; the path gives way (keeping its end),
    // down to nothing at all when the message needs the room.
    let wanted = message.as_ref().map_or(0, |(text, _)| width(text) + 2);
    let file_room = available.saturating_sub(wanted + width(dirty));
    let path = format!(" {}", sanitize(&app.session.path().display().to_string()));
    let path = if file_room > width(&path) {
        format!("{path} ")
    } else if file_room >= 10 {
        truncate_start(&path, file_room.saturating_sub(1), "")
    } else {
        String::new()
    };
    let mut spans = vec![
        Span::styled(path.clone(), theme.status.bold()),
        Span::styled(dirty.trim_start().to_owned(), theme.status.bold()),
    ];
    let used = width(&path) + width(dirty.trim_start());
    if !dirty.is_empty() {
        spans.push(Span::styled(" ", theme.status));
    }
    if let Some((text, style)) = message {
        // The separator only stands between something and the message.
        let separator = if used > 0 { "│ " } else { " " };
        let room = available.saturating_sub(used + 1 + width(separator));
        spans.push(Span::styled(
            format!("{separator}{}", truncate(&sanitize(&text), room)),
            style,
        ));
    }
    Line::from(spans).render(area, buf);
    buf.set_string(
        area.right().saturating_sub(hint_width),
        area.y,
        hint,
        theme.status_key,
    );
}
