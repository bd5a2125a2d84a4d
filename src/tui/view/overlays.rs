//! Overlays: help, prompts and questions, drawn on top of everything.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

use super::super::app::{App, Prompt, PromptKind, Question};
use super::super::keymap::{BINDINGS, Context, MOUSE_HELP};
use crate::text::{sanitize, width};

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

/// The help lines, generated from the keymap in effect.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = vec![
        Line::styled(
            "Who does, decides and answers for each responsibility, department by department.",
            theme.dim,
        ),
        Line::styled(
            "The lens (l) picks which role the columns show; drop a card on a column to give it that role.",
            theme.dim,
        ),
    ];
    let contexts = [
        Context::Global,
        Context::Board,
        Context::Carrying,
        Context::Matrix,
        Context::Findings,
        Context::Detail,
    ];
    for context in contexts {
        lines.push(Line::raw(""));
        lines.push(Line::styled(context.title().to_owned(), theme.column_title));
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
            let keys = binding
                .keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(" / ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.key),
                Span::raw(binding.description),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Mouse", theme.column_title));
    for (gesture, what) in MOUSE_HELP {
        lines.push(Line::from(vec![
            Span::styled(format!("  {gesture:<34}"), theme.key),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Card badges: ✖ error, ▲ warning, ● info, ✔ settled; ⇄N = shared by N departments.",
        theme.dim,
    ));
    lines
}

pub fn help(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 96, area.height.saturating_sub(2));
    super::clear(app, rect, buf);
    let lines = help_lines(app);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(" Help │ ↑↓ scroll, any other key closes ")
        .style(app.theme.dialog);
    let max_scroll = (lines.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    Paragraph::new(lines)
        .block(block)
        .scroll((scroll.min(max_scroll), 0))
        .render(rect, buf);
}

pub fn prompt(app: &App, prompt: &Prompt, area: Rect, frame: &mut Frame) {
    let ws = app.workspace();
    let title = match prompt.kind {
        PromptKind::AddResponsibility => "New responsibility: name".to_owned(),
        PromptKind::AddDepartment => "New department: name".to_owned(),
        PromptKind::RenameResponsibility(r) => format!(
            "Rename \"{}\"",
            sanitize(ws.responsibilities.get(r).map_or("", |x| &x.name))
        ),
        PromptKind::RenameDepartment(d) => format!(
            "Rename department \"{}\"",
            sanitize(ws.departments.get(d).map_or("", |x| &x.name))
        ),
        PromptKind::EditField(r, field) => format!(
            "{} of \"{}\"",
            field.label(),
            sanitize(ws.responsibilities.get(r).map_or("", |x| &x.name))
        ),
        PromptKind::DepartmentLead(d) => format!(
            "Lead of \"{}\"",
            sanitize(ws.departments.get(d).map_or("", |x| &x.name))
        ),
        PromptKind::RecordDecision(Some(r)) => format!(
            "Decision on \"{}\" (dated {})",
            sanitize(ws.responsibilities.get(r).map_or("", |x| &x.name)),
            app.today
        ),
        PromptKind::RecordDecision(None) => {
            format!("Decision for the whole workspace (dated {})", app.today)
        }
        PromptKind::EditDecision(i) => format!(
            "Decision of {}",
            sanitize(ws.decisions.get(i).map_or("", |d| &d.date))
        ),
        PromptKind::Park(r) => format!(
            "Park \"{}\" for later: a note (optional)",
            sanitize(ws.responsibilities.get(r).map_or("", |x| &x.name))
        ),
        PromptKind::DeclineClaim {
            responsibility,
            department,
        } => format!(
            "Decline {}'s claim on \"{}\": why?",
            sanitize(ws.departments.get(department).map_or("", |d| &d.name)),
            sanitize(
                ws.responsibilities
                    .get(responsibility)
                    .map_or("", |x| &x.name)
            )
        ),
        PromptKind::EditInfo(field) => field.label().to_owned(),
        PromptKind::FilterText => "Filter the cards: name, id, area or notes".to_owned(),
        PromptKind::JumpToDepartment => "Jump to a department: its first letters".to_owned(),
    };
    let rect = centered(area, 72, 6);
    let buf = frame.buffer_mut();
    super::clear(app, rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(format!(" {title} "))
        .title_bottom(" Enter accept │ Esc cancel ")
        .style(app.theme.dialog);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let room = usize::from(inner.width.saturating_sub(1));
    let shown = sanitize(&prompt.input);
    let before_cursor: String = shown.chars().take(prompt.cursor).collect();
    let skip = width(&before_cursor).saturating_sub(room);
    let visible: String = {
        let mut used = 0;
        shown
            .chars()
            .skip_while(|c| {
                let w = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                if used < skip {
                    used += w;
                    true
                } else {
                    false
                }
            })
            .collect()
    };
    buf.set_stringn(inner.x, inner.y + 1, &visible, room, app.theme.dialog);
    if let Some(error) = &prompt.error {
        buf.set_stringn(
            inner.x,
            inner.y + 2,
            format!("✖ {}", sanitize(error)),
            usize::from(inner.width),
            app.theme.error,
        );
    } else if let Some(hint) = prompt_hint(app, prompt) {
        buf.set_stringn(
            inner.x,
            inner.y + 2,
            hint,
            usize::from(inner.width),
            app.theme.dim,
        );
    }
    let cursor_x = inner.x + (width(&before_cursor) - skip).min(room) as u16;
    frame.set_cursor_position((cursor_x, inner.y + 1));
}

/// A line under the input that says what it expects.
fn prompt_hint(app: &App, prompt: &Prompt) -> Option<String> {
    match prompt.kind {
        PromptKind::EditField(_, crate::edit::Field::Funding) => {
            let names =
                crate::edit::funding_candidates(app.workspace(), &prompt.input, prompt.cursor);
            Some(if names.is_empty() {
                "Department = amount, comma separated; Tab completes a name".to_owned()
            } else {
                let names: Vec<String> = names.iter().map(|n| sanitize(n)).collect();
                format!("Tab: {}", names.join(" │ "))
            })
        }
        PromptKind::EditField(_, crate::edit::Field::Budget) => {
            Some("an amount such as 12,000 (empty: no budget)".to_owned())
        }
        PromptKind::EditInfo(crate::edit::InfoField::Date) => {
            Some("YYYY-MM-DD, or empty".to_owned())
        }
        PromptKind::DeclineClaim { .. } => {
            Some("a reason the claimant can live with; it goes into the decision log".to_owned())
        }
        PromptKind::Park(_) => Some("Enter parks it (the note may stay empty)".to_owned()),
        PromptKind::FilterText => Some(format!(
            "{} of {} cards shown; empty shows all",
            app.shown_cards(),
            app.workspace().responsibilities.len()
        )),
        PromptKind::JumpToDepartment => app
            .selected_department()
            .and_then(|d| app.workspace().departments.get(d))
            .map(|d| format!("→ {}", sanitize(&d.name))),
        _ => None,
    }
}

pub fn question(app: &App, question: &Question, area: Rect, buf: &mut Buffer) {
    let ws = app.workspace();
    let (title, text, choices) = match question {
        Question::DeleteResponsibility(r) => (
            "Delete responsibility",
            format!(
                "Delete \"{}\"? Decisions about it stay in the log. Undo brings it back.",
                sanitize(ws.responsibilities.get(*r).map_or("", |x| &x.name))
            ),
            "y delete │ n / Esc keep",
        ),
        Question::DeleteDepartment(d) => {
            let dept = ws.departments.get(*d);
            let id = dept.map_or("", |x| x.id.as_str());
            let roles = ws
                .responsibilities
                .iter()
                .filter(|r| r.involves(id))
                .count();
            (
                "Delete department",
                format!(
                    "Delete \"{}\"? It is removed from every role ({roles} responsibilities), funding and claim. Undo brings everything back.",
                    sanitize(dept.map_or("", |x| &x.name))
                ),
                "y delete │ n / Esc keep",
            )
        }
        Question::QuitUnsaved => (
            "Unsaved changes",
            "Save your changes before quitting?".to_owned(),
            "s save and quit │ d discard and quit │ Esc cancel",
        ),
        Question::ChangedOnDisk => (
            "File changed on disk",
            format!(
                "{} was changed by someone else since you opened it.",
                crate::text::sanitize_path(app.session.path())
            ),
            "r reload theirs (drop yours) │ o overwrite with yours │ Esc cancel",
        ),
        Question::SaveAnyway(reason) => (
            "Save anyway?",
            format!(
                "{}. Save anyway (into the file itself where a replace would lose something)?",
                sanitize(reason)
            ),
            "y save │ n / Esc cancel",
        ),
        Question::Export { overwrite } => (
            "Export the charter",
            if *overwrite {
                format!(
                    "{} exists. Overwrite it? It includes the changes agreed in this session.",
                    crate::text::sanitize_path(&app.session.charter_path())
                )
            } else {
                format!(
                    "Write the charter to {} ? It includes the changes agreed in this session.",
                    crate::text::sanitize_path(&app.session.charter_path())
                )
            },
            if *overwrite {
                "y overwrite │ p overwrite, without the changes │ n / Esc cancel"
            } else {
                "Enter / y write │ p write without the changes │ Esc cancel"
            },
        ),
        Question::DeleteDecision(i) => (
            "Delete decision",
            format!(
                "Delete the decision of {} from the log? Undo brings it back.",
                sanitize(ws.decisions.get(*i).map_or("", |d| &d.date))
            ),
            "y delete │ n / Esc keep",
        ),
    };
    let rect = centered(area, 70, 8);
    super::clear(app, rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(format!(" {title} "))
        .style(app.theme.dialog);
    let lines = vec![
        Line::raw(text),
        Line::raw(""),
        Line::styled(choices, app.theme.key),
    ];
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: true })
        .render(rect, buf);
}
