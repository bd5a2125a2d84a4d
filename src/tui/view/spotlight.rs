//! Focus mode: the selected responsibility alone, its name in large type, readable from the
//! back of a room, with who holds each role, its claims and its findings.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::super::action::{Action, Direction};
use super::super::app::App;
use super::super::keymap::Context;
use super::super::theme::glyph;
use crate::text::{sanitize, width, wrap};
use crate::workspace::ClaimStatus;

/// Large-type sizes, largest first, with the cells one letter takes (width, height).
const SIZES: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let hints = hint_line(app);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.column_selected)
        .title(Line::styled(" Focus ", theme.column_title))
        .title_bottom(Line::styled(hints, theme.key).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let ws = app.workspace();
    let Some((index, r)) = app
        .selected
        .and_then(|i| ws.responsibilities.get(i).map(|r| (i, r)))
    else {
        buf.set_string(
            inner.x + 1,
            inner.y,
            "No responsibility selected",
            theme.dim,
        );
        return;
    };
    let name = sanitize(&r.name);
    // The name takes at most half the height, in the largest type that fits.
    let title_height = big_name(
        app,
        &name,
        Rect {
            height: inner.height / 2,
            ..inner
        },
        buf,
    );
    let body = Rect::new(
        inner.x + 1,
        inner.y + title_height + 1,
        inner.width.saturating_sub(2),
        inner.height.saturating_sub(title_height + 1),
    );
    Paragraph::new(facts(app, index))
        .wrap(Wrap { trim: false })
        .render(body, buf);
}

/// Draws `name` in the largest type whose lines fit `area`; returns the rows used.
fn big_name(app: &App, name: &str, area: Rect, buf: &mut Buffer) -> u16 {
    let style = app.theme.big;
    // The 8x8 font covers Latin text; anything else is drawn in ordinary bold type.
    let drawable = name
        .chars()
        .all(|c| c.is_ascii() || ('\u{a0}'..='\u{ff}').contains(&c));
    if drawable {
        for (size, cell_width, cell_height) in SIZES {
            let per_line = usize::from(area.width / cell_width);
            if per_line == 0 {
                continue;
            }
            let lines = wrap(name, per_line, usize::MAX);
            let fits_words = lines.iter().all(|l| width(l) <= per_line)
                && !name.split_whitespace().any(|word| width(word) > per_line);
            let height = lines.len() as u16 * cell_height;
            if fits_words && height <= area.height {
                BigText::builder()
                    .pixel_size(size)
                    .style(style)
                    .alignment(Alignment::Center)
                    .lines(lines.into_iter().map(Line::from).collect::<Vec<_>>())
                    .build()
                    .render(Rect { height, ..area }, buf);
                return height;
            }
        }
    }
    let lines = wrap(
        name,
        usize::from(area.width),
        usize::from(area.height.max(1)),
    );
    let height = lines.len() as u16;
    Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .style(style)
        .alignment(Alignment::Center)
        .render(Rect { height, ..area }, buf);
    height
}

/// Who holds each role, the tie-breaker, the funding, the claims and the findings.
fn facts(app: &App, index: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let ws = app.workspace();
    let r = &ws.responsibilities[index];
    let names = |ids: &[String]| super::department_list(ws, ids, "nobody");
    let model = &ws.model;
    let label_width = model
        .roles()
        .map(|r| width(&sanitize(model.label(r))))
        .max()
        .unwrap_or(0)
        + 2;
    let label = |text: &str| {
        Span::styled(
            crate::text::pad(&format!("{text}:"), label_width),
            theme.column_title,
        )
    };
    let mut lines = Vec::new();
    let mut place = Vec::new();
    if let Some(area) = r.area.as_deref() {
        place.push(format!("Area: {}", sanitize(area)));
    }
    if r.is_parked() {
        place.push("⏸ parked".to_owned());
    }
    if !place.is_empty() {
        lines.push(Line::styled(place.join("  ·  "), theme.dim).centered());
    }
    // What it is, for the room: the description (the id is for files, not for the projector).
    if let Some(description) = r.description.as_deref().filter(|d| !d.trim().is_empty()) {
        lines.push(Line::styled(sanitize(description), theme.card).centered());
    }
    lines.push(Line::default());
    for role in model.roles() {
        let holders = r.role(role);
        let style = if holders.is_empty() && role == model.answering() {
            theme.error
        } else if role == app.lens {
            theme.drop_target
        } else {
            theme.card
        };
        lines.push(Line::from(vec![
            label(&sanitize(model.label(role))),
            Span::styled(names(holders), style),
            Span::styled(format!("  ({})", sanitize(model.meaning(role))), theme.dim),
        ]));
    }
    if let Some(tie) = r.tie_breaker_text() {
        lines.push(Line::from(vec![
            label("Tie-break"),
            Span::styled(sanitize(tie), theme.card),
        ]));
    }
    if r.budget.is_some() || !r.funding.is_empty() {
        // The funded sum reads "5,000 of 5,000 EUR": the currency once, after the budget.
        let no_currency = crate::workspace::Workspace::default();
        let funded: Vec<String> = r
            .funding
            .iter()
            .map(|(id, amount)| {
                format!(
                    "{} {}",
                    sanitize(ws.department_name(id)),
                    super::money(ws, *amount)
                )
            })
            .collect();
        let budget = r.budget.map_or_else(String::new, |b| {
            format!(
                "{} of {} · ",
                super::money(&no_currency, r.funded()),
                super::money(ws, b)
            )
        });
        lines.push(Line::from(vec![
            label("Funding"),
            Span::styled(format!("{budget}{}", funded.join(", ")), theme.card),
        ]));
    }
    if !r.claims.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Claims", theme.heading));
        for (id, claim) in &r.claims {
            let (mark, style) = match claim.status {
                ClaimStatus::Open => ("? open", theme.warning),
                ClaimStatus::Accepted => ("✔ accepted", theme.ok),
                ClaimStatus::Declined => ("✖ declined", theme.dim),
            };
            let role = claim
                .role_label(&ws.model)
                .map_or_else(String::new, |r| format!(" as {}", sanitize(r)));
            lines.push(Line::from(vec![
                Span::styled(format!("{mark}  "), style),
                Span::styled(sanitize(ws.department_name(id)), theme.column_title),
                Span::styled(format!("{role}: {}", sanitize(&claim.reason)), theme.card),
            ]));
        }
    }
    let findings: Vec<_> = app.session.analysis().for_responsibility(index).collect();
    lines.push(Line::default());
    if findings.is_empty() {
        lines.push(Line::styled("✔ Settled: no open findings", theme.ok));
    } else {
        lines.push(Line::styled("Findings", theme.heading));
        for finding in findings {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        "{} {}  ",
                        glyph(finding.severity),
                        finding.rule.info().label
                    ),
                    theme.severity(finding.severity),
                ),
                Span::styled(sanitize(&finding.message), theme.card),
            ]));
        }
    }
    if app.finding_visited {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("Agenda: {}", app.agenda.standing().describe()),
            theme.dim,
        ));
    }
    lines
}

/// ` n next item · N previous · → next · z back `, from the keys in effect.
fn hint_line(app: &App) -> String {
    let contexts = [Context::Spotlight, Context::Global];
    let pairs = [
        (Action::NextFinding, "next item"),
        (Action::PreviousFinding, "previous item"),
        (Action::Activate, "fix"),
        (Action::Move(Direction::Down), "next card"),
        (Action::Cancel, "back"),
    ];
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|&(action, what)| {
            app.keymap
                .key(&contexts, action)
                .map(|k| format!("{k} {what}"))
        })
        .collect();
    format!(" {} ", parts.join(" · "))
}
