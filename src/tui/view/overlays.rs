//! Overlays: help, prompts and questions, drawn on top of everything.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

use super::super::action::{Action, Direction};
use super::super::app::{App, DecisionAbout, Prompt, PromptKind, Question};
use super::super::keymap::{Context, MOUSE_HELP};
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
pub fn help_lines(app: &App, room: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let lens = app
        .keymap
        .key(&[Context::Global], Action::NextLens)
        .map_or_else(String::new, |k| format!(" ({k})"));
    let mut lines = vec![
        Line::styled(
            "Who does, decides and answers for each responsibility, department by department.",
            theme.dim,
        ),
        Line::styled(
            format!(
                "The lens{lens} picks which role the columns show; drop a card on a column to give it that role."
            ),
            theme.dim,
        ),
    ];
    let model = &app.workspace().model;
    if !model.is_raci() {
        let roles: Vec<String> = model
            .roles()
            .map(|role| {
                format!(
                    "{} ({}) {}",
                    model.label(role),
                    model.letter(role),
                    model.meaning(role)
                )
            })
            .collect();
        let text = format!("Role model {}: {}.", model.name(), roles.join("; "));
        for line in wrap_words(&sanitize(&text), 88) {
            lines.push(Line::styled(line, theme.dim));
        }
    }
    // The lens keys' help names the model's roles, in its order.
    let lens_help = (!model.is_raci()).then(|| {
        let labels: Vec<&str> = model.roles().map(|role| model.label(role)).collect();
        sanitize(&format!("next lens: {}", labels.join(", ")))
    });
    if !app.settings_problems.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Settings (what could not be read keeps its default)",
            theme.column_title,
        ));
        // The help is 94 columns inside: each problem wraps at word boundaries.
        for problem in &app.settings_problems {
            for (i, line) in wrap_words(&sanitize(problem), 88).into_iter().enumerate() {
                let indent = if i == 0 { "  " } else { "    " };
                lines.push(Line::styled(format!("{indent}{line}"), theme.warning));
            }
        }
    }
    for context in Context::ALL {
        let bindings: Vec<_> = app
            .keymap
            .bindings()
            .iter()
            .filter(|b| b.context == context && !b.keys.is_empty())
            .collect();
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(context.title().to_owned(), theme.column_title));
        for binding in bindings {
            let keys = binding
                .keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(" / ");
            let head = format!("  {keys:<18}");
            let description = match &lens_help {
                Some(text) if binding.action == Action::NextLens => text,
                _ => &binding.description,
            };
            push_wrapped(&mut lines, head, description, room, theme.key);
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Mouse", theme.column_title));
    for (gesture, what) in MOUSE_HELP {
        push_wrapped(
            &mut lines,
            format!("  {gesture:<34}"),
            what,
            room,
            theme.key,
        );
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Card badges: ✖ error, ▲ warning, ● info, ✔ settled; ⇄N = shared by N departments.",
        theme.dim,
    ));
    lines
}

/// The help overlay; the cursor stands at its first line.
pub fn help(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let rect = centered(area, 96, area.height.saturating_sub(2));
    super::clear(app, rect, buf);
    let lines = help_lines(app, usize::from(rect.width.saturating_sub(2)));
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(format!(" Help │ {} ", help_keys(app)))
        .style(app.theme.dialog);
    let max_scroll = (lines.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    Paragraph::new(lines)
        .block(block)
        .scroll((scroll.min(max_scroll), 0))
        .render(rect, buf);
    super::cursor::inside(rect)
}

/// `head` (a key column) then `text`, wrapped under itself within `room` columns.
fn push_wrapped(
    lines: &mut Vec<Line<'static>>,
    head: String,
    text: &str,
    room: usize,
    style: ratatui::style::Style,
) {
    let indent = width(&head);
    let parts = wrap_words(text, room.saturating_sub(indent).max(20));
    for (i, part) in parts.into_iter().enumerate() {
        let lead = if i == 0 {
            Span::styled(head.clone(), style)
        } else {
            Span::raw(" ".repeat(indent))
        };
        lines.push(Line::from(vec![lead, Span::raw(part)]));
    }
}

/// `text` in lines of at most `room` columns, broken between words (a longer word alone).
fn wrap_words(text: &str, room: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && width(&line) + 1 + width(word) > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// The keys of the help overlay, for its title.
fn help_keys(app: &App) -> String {
    let keys = app
        .keymap
        .hint(&[Context::Help])
        .pair(
            Action::Move(Direction::Up),
            Action::Move(Direction::Down),
            "scroll",
        )
        .join("");
    if keys.is_empty() {
        "any key closes".to_owned()
    } else {
        format!("{keys}, any other key closes")
    }
}

/// The widest a prompt gets.
const PROMPT_WIDTH: u16 = 72;

/// The most lines a prompt's error or hint wraps onto.
const PROMPT_BELOW_LINES: usize = 4;

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
        PromptKind::DepartmentLead(d)
        | PromptKind::SignerLead {
            department: d,
            then_sign: false,
        } => format!(
            "Lead of \"{}\"",
            sanitize(ws.departments.get(d).map_or("", |x| &x.name))
        ),
        PromptKind::SignerLead {
            department: d,
            then_sign: true,
        } => format!(
            "Who signs for \"{}\"? Its lead's name",
            sanitize(ws.departments.get(d).map_or("", |x| &x.name))
        ),
        PromptKind::RecordDecision(about) => {
            let subject = match about {
                DecisionAbout::Responsibility(r) => format!(
                    "on \"{}\"",
                    sanitize(ws.responsibilities.get(r).map_or("", |x| &x.name))
                ),
                DecisionAbout::Department(d) => format!(
                    "about the department {}",
                    sanitize(ws.departments.get(d).map_or("", |x| &x.name))
                ),
                DecisionAbout::Charter => "for the whole charter".to_owned(),
            };
            format!("Decision {subject} (dated {})", app.today)
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
            role,
        } => format!(
            "Why decline {}'s claim{} on \"{}\"?",
            sanitize(ws.departments.get(department).map_or("", |d| &d.name)),
            role.map_or_else(String::new, |r| format!(
                " to be {}",
                sanitize(ws.model.label(r))
            )),
            sanitize(
                ws.responsibilities
                    .get(responsibility)
                    .map_or("", |x| &x.name)
            )
        ),
        PromptKind::Waive(i) => {
            // The rule and what it is about, as the room says it: `overload of "Marketing"`.
            let finding = app.session.analysis().findings.get(i);
            let about = finding
                .and_then(|f| {
                    f.responsibility
                        .as_deref()
                        .and_then(|id| ws.responsibility(id))
                        .map(|r| r.name.as_str())
                        .or_else(|| f.department.as_deref().map(|d| ws.department_name(d)))
                })
                .map_or_else(String::new, |name| format!(" of \"{}\"", sanitize(name)));
            format!(
                "Waive {}{about}: why does the room accept it?",
                finding.map_or("", |f| f.rule.as_str())
            )
        }
        PromptKind::RecordClaim {
            responsibility,
            department,
            role,
        } => format!(
            // The question first: a narrow screen cuts the end of a title.
            "Why should {} be {} for \"{}\"?",
            sanitize(ws.departments.get(department).map_or("", |d| &d.name)),
            sanitize(ws.model.label(role)),
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
    // An error (or the hint) wraps under the input (the funding prompt names the departments
    // there are), and the prompt grows to show it whole.
    let (below, below_style) = match &prompt.error {
        Some(error) => (Some(format!("✖ {}", sanitize(error))), app.theme.error),
        None => (prompt_hint(app, prompt), app.theme.dim),
    };
    let below_lines = below.map_or_else(Vec::new, |text| {
        let inner = usize::from(PROMPT_WIDTH.min(area.width).saturating_sub(2));
        crate::text::wrap(&text, inner, PROMPT_BELOW_LINES)
    });
    let extra = below_lines.len().saturating_sub(1) as u16;
    let rect = centered(area, PROMPT_WIDTH, 6 + extra);
    let buf = frame.buffer_mut();
    super::clear(app, rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(format!(" {title} "))
        .title_bottom(format!(
            " {} ",
            app.keymap
                .hint(&[Context::Prompt])
                .key(Action::Activate, accept_word(prompt.kind))
                .key(Action::Cancel, "cancel")
                .join(" │ ")
        ))
        .style(app.theme.dialog);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let room = usize::from(inner.width.saturating_sub(1));
    let shown = sanitize(&prompt.input);
    let before_cursor: String = shown.chars().take(prompt.cursor).collect();
    let skip = width(&before_cursor).saturating_sub(room);
    let visible = crate::text::skip_columns(&shown, skip);
    buf.set_stringn(inner.x, inner.y + 1, visible, room, app.theme.dialog);
    for (n, line) in below_lines.iter().enumerate() {
        let y = inner.y + 2 + n as u16;
        if y < inner.bottom() {
            buf.set_stringn(inner.x, y, line, usize::from(inner.width), below_style);
        }
    }
    let cursor_x = inner.x + (width(&before_cursor) - skip).min(room) as u16;
    frame.set_cursor_position((cursor_x, inner.y + 1));
}

/// What Enter does in a prompt, in the prompt's own words (a claim's reason is recorded, not
/// accepted: "accept" would read as accepting the claim).
fn accept_word(kind: PromptKind) -> &'static str {
    match kind {
        PromptKind::RecordClaim { .. } | PromptKind::RecordDecision(_) => "record",
        PromptKind::DeclineClaim { .. } => "decline",
        PromptKind::Waive(_) => "waive",
        PromptKind::Park(_) => "park",
        PromptKind::SignerLead {
            then_sign: true, ..
        } => "sign",
        _ => "accept",
    }
}

/// A line under the input that says what it expects.
fn prompt_hint(app: &App, prompt: &Prompt) -> Option<String> {
    let key = |action| app.keymap.key(&[Context::Prompt], action);
    match prompt.kind {
        PromptKind::EditField(_, crate::edit::Field::Funding) => {
            let names =
                crate::edit::funding_candidates(app.workspace(), &prompt.input, prompt.cursor);
            let tab = key(Action::Complete);
            Some(match tab {
                Some(tab) if !names.is_empty() => {
                    let names: Vec<String> = names.iter().map(|n| sanitize(n)).collect();
                    format!("{tab}: {}", names.join(" │ "))
                }
                Some(tab) => {
                    format!("Department = amount, comma separated; {tab} completes a name")
                }
                None => "Department = amount, comma separated".to_owned(),
            })
        }
        PromptKind::EditField(_, crate::edit::Field::Budget) => {
            Some("an amount such as 12,000 (empty: no budget)".to_owned())
        }
        PromptKind::EditInfo(crate::edit::InfoField::Date) => {
            Some("YYYY-MM-DD, or empty".to_owned())
        }
        PromptKind::RecordDecision(_) => key(Action::Complete).map(|k| {
            format!("{k} chooses what it is about: the responsibility, a department or the whole charter")
        }),
        PromptKind::EditInfo(crate::edit::InfoField::ReviewBy) => Some(
            "YYYY-MM-DD: after it, check reports review-due (empty: no review date)".to_owned(),
        ),
        PromptKind::DeclineClaim { .. } => {
            Some("a reason the claimant can live with; it goes into the decision log".to_owned())
        }
        PromptKind::Park(_) => Some(key(Action::Activate).map_or_else(
            || "The note may stay empty".to_owned(),
            |k| format!("{k} parks it (the note may stay empty)"),
        )),
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

/// A question; the cursor stands at the start of its text.
pub fn question(app: &App, question: &Question, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let ws = app.workspace();
    // The answers' keys (two of the cancel keys: `n/Esc`), from the bindings in effect.
    let choices = |answers: &[(Action, &str)]| {
        answers
            .iter()
            .fold(
                app.keymap.hint(&[Context::Question]),
                |hint, &(action, words)| {
                    hint.keys(action, if action == Action::Cancel { 2 } else { 1 }, words)
                },
            )
            .join(" │ ")
    };
    let (title, text, choices) = match question {
        Question::DeleteResponsibility(r) => (
            "Delete responsibility",
            format!(
                "Delete \"{}\"? Decisions about it stay in the log. Undo brings it back.",
                sanitize(ws.responsibilities.get(*r).map_or("", |x| &x.name))
            ),
            choices(&[(Action::Yes, "delete"), (Action::Cancel, "keep")]),
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
                choices(&[(Action::Yes, "delete"), (Action::Cancel, "keep")]),
            )
        }
        Question::QuitUnsaved => (
            "Unsaved changes",
            "Save your changes before quitting?".to_owned(),
            choices(&[
                (Action::SaveAndQuit, "save and quit"),
                (Action::DiscardAndQuit, "discard and quit"),
                (Action::Cancel, "cancel"),
            ]),
        ),
        Question::ChangedOnDisk => (
            "File changed on disk",
            format!(
                "{} was changed by someone else since you opened it.",
                crate::text::sanitize_path(app.session.path())
            ),
            choices(&[
                (Action::ReloadTheirs, "reload theirs (drop yours)"),
                (Action::OverwriteTheirs, "overwrite with yours"),
                (Action::Cancel, "cancel"),
            ]),
        ),
        Question::SaveAnyway(reason) => (
            "Save anyway?",
            format!(
                "{}. Save anyway (into the file itself where a replace would lose something)?",
                sanitize(reason)
            ),
            choices(&[(Action::Yes, "save"), (Action::Cancel, "cancel")]),
        ),
        Question::SignWithOpen { department, open } => (
            "Sign with items open?",
            format!(
                "Still open: {} ({}). Sign the charter for {} anyway? The signature notes what was open.",
                open.list(),
                sanitize(&crate::signoff::open_names(ws, app.session.analysis(), 3).join("; ")),
                sanitize(ws.departments.get(*department).map_or("", |d| &d.name))
            ),
            choices(&[(Action::Yes, "sign anyway"), (Action::Cancel, "not yet")]),
        ),
        Question::Confirm(reason) => (
            "Are you sure?",
            sanitize(reason),
            choices(&[(Action::Yes, "yes, go ahead"), (Action::Cancel, "cancel")]),
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
                    "Write the charter to {}? It includes the changes agreed in this session.",
                    crate::text::sanitize_path(&app.session.charter_path())
                )
            },
            if *overwrite {
                choices(&[
                    (Action::Yes, "overwrite"),
                    (Action::WithoutChanges, "overwrite, without the changes"),
                    (Action::Cancel, "cancel"),
                ])
            } else {
                app.keymap
                    .hint(&[Context::Question])
                    .pair(Action::Activate, Action::Yes, "write")
                    .key(Action::WithoutChanges, "write without the changes")
                    .keys(Action::Cancel, 2, "cancel")
                    .join(" │ ")
            },
        ),
        Question::DeleteDecision(i) => (
            "Delete decision",
            format!(
                "Delete the decision of {} from the log? Undo brings it back.",
                sanitize(ws.decisions.get(*i).map_or("", |d| &d.date))
            ),
            choices(&[(Action::Yes, "delete"), (Action::Cancel, "keep")]),
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
    super::cursor::inside(rect)
}
