//! The findings panel and the detail panel.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::super::action::{Action, Direction};
use super::super::app::{App, Focus};
use super::super::keymap::Context;
use super::super::layout::ScreenLayout;
use super::super::theme::glyph;
use crate::edit::Field;
use crate::text::{sanitize, width};

pub fn findings(app: &App, layout: &ScreenLayout, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Findings;
    let total = app.session.analysis().findings.len();
    let standing = if app.finding_visited {
        app.agenda.standing().describe()
    } else {
        app.key_label(Action::NextFinding).map_or_else(
            || "not started".to_owned(),
            |k| format!("{k} starts the walk"),
        )
    };
    let contexts = [Context::Findings, Context::Global];
    // Enter fixes a finding only when the room looks at it: the agenda's, on its card.
    let target = app.agenda_target();
    let hint = app
        .keymap
        .hint(&contexts)
        .pair(Action::NextFinding, Action::PreviousFinding, "walk")
        .key(Action::FocusFindings, "focus");
    let keys = if focused || target.is_some() {
        hint.key(Action::Activate, "fix")
    } else {
        hint
    }
    .join(", ");
    let title = format!(" Findings ({total}) │ Agenda: {standing} │ {keys} ");
    let block = Block::bordered().title(title).border_style(if focused {
        theme.drop_target
    } else {
        theme.column
    });
    block.render(area, buf);
    if total == 0 {
        buf.set_string(area.x + 2, area.y + 1, "✔ No open conflicts", theme.ok);
        return;
    }
    let findings = &app.session.analysis().findings;
    for &(i, rect) in &layout.finding_rows {
        let Some(finding) = findings.get(i) else {
            continue;
        };
        // The item the room is on (the agenda's current finding) is pointed at.
        // (or, while the panel has the keys, the one Enter fixes).
        let pointer = if (focused && i == app.finding) || (!focused && target == Some(i)) {
            "▶"
        } else {
            " "
        };
        let head = format!(
            "{pointer}{} {:<7} {:<16} ",
            glyph(finding.severity),
            finding.severity.as_str(),
            finding.rule.as_str()
        );
        // The message wraps under itself, on as many lines as the layout gave the finding.
        let lines =
            super::super::layout::finding_lines(app, i, rect.width, usize::from(rect.height));
        let indent = " ".repeat(width(&head));
        for (n, text) in lines.iter().take(usize::from(rect.height)).enumerate() {
            let lead = if n == 0 {
                Span::styled(head.clone(), theme.severity(finding.severity))
            } else {
                Span::raw(indent.clone())
            };
            let row = Rect {
                y: rect.y + n as u16,
                height: 1,
                ..rect
            };
            Line::from(vec![lead, Span::raw(text.clone())]).render(row, buf);
        }
        if i == app.finding && focused {
            buf.set_style(rect, theme.cursor);
        }
    }
}

/// The detail panel; while it has the keys, returns where its focused field is drawn.
pub fn detail(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let theme = &app.theme;
    let focused = app.focus == Focus::Detail;
    let keys = if focused {
        app.keymap
            .hint(&[Context::Detail])
            .pair(
                Action::Move(Direction::Up),
                Action::Move(Direction::Down),
                "field",
            )
            .key(Action::Activate, "edit")
            .key(Action::Cancel, "back")
            .join(", ")
    } else {
        app.keymap
            .hint(&[Context::Global])
            .key(Action::FocusDetail, "to edit")
            .join("")
    };
    let block = Block::bordered()
        .title(format!(" Detail │ {keys} "))
        .border_style(if focused {
            theme.drop_target
        } else {
            theme.column
        });
    let inner = block.inner(area);
    block.render(area, buf);
    let ws = app.workspace();
    let Some(r) = app.selected.and_then(|i| ws.responsibilities.get(i)) else {
        buf.set_string(inner.x, inner.y, "No responsibility selected", theme.dim);
        return focused.then(|| inner.as_position());
    };
    let index = app.selected.unwrap_or(0);
    let mut lines: Vec<Line> = Vec::new();
    let label = |text: &str| Span::styled(format!("{text}: "), theme.column_title);
    let names = |ids: &[String]| super::department_list(ws, ids, "—");
    lines.push(Line::styled(
        sanitize(&r.name),
        theme.column_title.add_modifier(Modifier::UNDERLINED),
    ));
    lines.push(Line::styled(format!("id {}", sanitize(&r.id)), theme.dim));
    for role in ws.model.roles() {
        let style = if role == app.lens {
            theme.drop_target
        } else {
            theme.card
        };
        lines.push(Line::from(vec![
            label(&sanitize(ws.model.label(role))),
            Span::styled(names(r.role(role)), style),
        ]));
    }
    for (i, field) in Field::ALL.iter().enumerate() {
        if *field == Field::Name {
            continue;
        }
        let value = sanitize(&field.text_in(ws, r));
        let value = match *field {
            Field::Budget if !value.is_empty() => match r.budget {
                Some(budget) => format!(
                    "{} (funded {})",
                    super::money(ws, budget),
                    super::money(ws, r.funded())
                ),
                None => value,
            },
            // Each share as the room reads an amount: `PR 8,000 EUR, Legal 4,000 EUR`.
            Field::Funding if !value.is_empty() => ws
                .departments
                .iter()
                .filter_map(|d| {
                    let amount = r.funding.get(&d.id)?;
                    Some(format!(
                        "{} {}",
                        sanitize(&d.name),
                        super::money(ws, *amount)
                    ))
                })
                .chain(
                    r.funding
                        .iter()
                        .filter(|(id, _)| ws.department(id).is_none())
                        .map(|(id, amount)| {
                            format!("{} {}", sanitize(id), super::money(ws, *amount))
                        }),
                )
                .collect::<Vec<_>>()
                .join(", "),
            _ if value.is_empty() => "—".to_owned(),
            _ => value,
        };
        let mut spans = vec![label(field.label()), Span::raw(value)];
        if focused && i == app.field {
            spans.insert(0, Span::styled("▶ ", theme.key));
        }
        let line = Line::from(spans);
        lines.push(if focused && i == app.field {
            line.style(theme.cursor)
        } else {
            line
        });
    }
    if focused && app.field == 0 {
        let rename = app
            .keymap
            .hint(&[Context::Detail])
            .key(Action::Activate, "to rename")
            .join("");
        let name = if rename.is_empty() {
            "▶ Name".to_owned()
        } else {
            format!("▶ Name ({rename})")
        };
        lines.insert(0, Line::styled(name, theme.cursor));
    }
    if !r.claims.is_empty() {
        lines.push(Line::from(label("Claims")));
        for (department, claim) in &r.claims {
            let outcome = match (claim.status, claim.answer.as_deref()) {
                (crate::workspace::ClaimStatus::Open, _) => " [open]".to_owned(),
                (status, Some(answer)) => format!(" [{status}: {}]", sanitize(answer)),
                (status, None) => format!(" [{status}]"),
            };
            let by = claim
                .raised_by
                .as_deref()
                .map_or_else(String::new, |by| format!(" (raised by {})", sanitize(by)));
            let role = claim
                .role_label(&ws.model)
                .map_or_else(String::new, |r| format!(" as {}", sanitize(r)));
            lines.push(Line::raw(format!(
                "  {}{role}: {}{by}{outcome}",
                sanitize(ws.department_name(department)),
                sanitize(&claim.reason)
            )));
        }
    }
    let decisions: Vec<_> = ws.decisions_about(&r.id).collect();
    if !decisions.is_empty() {
        lines.push(Line::from(label("Decisions")));
        for d in decisions {
            lines.push(Line::raw(format!(
                "  {} {}",
                sanitize(&d.date),
                sanitize(&d.text)
            )));
        }
    }
    let findings: Vec<_> = app.session.analysis().for_responsibility(index).collect();
    lines.push(Line::from(label("Findings")));
    if findings.is_empty() {
        lines.push(Line::styled("  ✔ none", theme.ok));
    }
    for f in findings {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {} ", glyph(f.severity)),
                theme.severity(f.severity),
            ),
            Span::raw(sanitize(&f.message)),
        ]));
    }
    // One column of margin: a wide character wrapped at the edge must not cover the border.
    let text_area = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(text_area, buf);
    focused
        .then(|| super::cursor::pointer_in(buf, text_area))
        .flatten()
}
