//! What each list overlay shows: its title, its rows and the keys that act on them. Pure
//! functions of the app state, shared by `update` (how many rows) and the view (what to draw).

use super::app::{App, ListKind};
use super::filter::FilterBy;
use crate::edit::InfoField;
use crate::signoff::SignState;
use crate::text::sanitize;
use crate::workspace::{ClaimStatus, Role};

/// How a row should stand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// Something still to do (an open claim, an unsigned department).
    Todo,
    /// Done and current.
    Done,
    /// Needs attention (a stale signature).
    Warn,
    /// A heading or context line, not selectable in spirit.
    Note,
}

/// One row of a list overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub text: String,
    pub mark: Mark,
}

pub(super) fn row(text: impl Into<String>, mark: Mark) -> Row {
    Row {
        text: text.into(),
        mark,
    }
}

/// The role choices when a claim is accepted, in the order shown.
pub const CLAIM_ROLES: [&[Role]; 3] = [
    &[Role::Accountable],
    &[Role::Responsible],
    &[Role::Accountable, Role::Responsible],
];

impl App {
    /// The title of a list overlay.
    pub fn list_title(&self, kind: ListKind) -> String {
        let ws = self.workspace();
        let name = |r: usize| {
            ws.responsibilities
                .get(r)
                .map_or_else(String::new, |x| sanitize(&x.name))
        };
        match kind {
            ListKind::Claims(r) => format!("Claims on \"{}\"", name(r)),
            ListKind::ClaimRoles {
                responsibility,
                department,
            } => format!(
                "Accept {}'s claim on \"{}\": which role?",
                ws.departments
                    .get(department)
                    .map_or_else(String::new, |d| sanitize(&d.name)),
                name(responsibility)
            ),
            ListKind::Decisions => format!("Decision log ({})", ws.decisions.len()),
            ListKind::Parked => "Parking lot: set aside for later".to_owned(),
            ListKind::Facts => "The workshop".to_owned(),
            ListKind::GiveRole {
                responsibility,
                role,
            } => format!(
                "Who is {} for \"{}\"? ({})",
                role.label(),
                name(responsibility),
                role.meaning()
            ),
            ListKind::SignOff => "Sign-off: each lead signs their department's part".to_owned(),
            ListKind::Changes => "Changes since the workspace was opened".to_owned(),
            ListKind::FilterBy => {
                "Show only the cards of an area or with a kind of finding".to_owned()
            }
            ListKind::Conflicts => self.conflicts_title(),
        }
    }

    /// The rows of a list overlay.
    pub fn list_rows(&self, kind: ListKind) -> Vec<Row> {
        let ws = self.workspace();
        match kind {
            ListKind::Claims(r) => ws.responsibilities.get(r).map_or_else(Vec::new, |x| {
                x.open_claims()
                    .map(|(d, claim)| {
                        row(
                            format!(
                                "{}: {}",
                                sanitize(ws.department_name(d)),
                                sanitize(&claim.reason)
                            ),
                            Mark::Todo,
                        )
                    })
                    .collect()
            }),
            ListKind::ClaimRoles { .. } => CLAIM_ROLES
                .iter()
                .map(|roles| {
                    let words: Vec<String> = roles
                        .iter()
                        .map(|r| format!("{} ({})", r.label(), r.meaning()))
                        .collect();
                    row(words.join(" and "), Mark::Plain)
                })
                .collect(),
            ListKind::Decisions => ws
                .decisions
                .iter()
                .map(|d| {
                    let about = d
                        .responsibility
                        .as_deref()
                        .and_then(|id| ws.responsibility(id))
                        .map_or_else(|| "workspace".to_owned(), |r| sanitize(&r.name));
                    row(
                        format!("{} [{about}] {}", sanitize(&d.date), sanitize(&d.text)),
                        Mark::Plain,
                    )
                })
                .collect(),
            ListKind::Parked => ws
                .responsibilities
                .iter()
                .filter_map(|r| {
                    let note = r.parked.as_deref()?;
                    let text = if note.is_empty() {
                        sanitize(&r.name)
                    } else {
                        format!("{}: {}", sanitize(&r.name), sanitize(note))
                    };
                    Some(row(text, Mark::Todo))
                })
                .collect(),
            ListKind::Facts => InfoField::ALL
                .iter()
                .map(|f| {
                    let value = f.text(&ws.info);
                    let shown = if value.is_empty() {
                        "—".to_owned()
                    } else {
                        sanitize(&value)
                    };
                    row(format!("{:<13} {shown}", f.label()), Mark::Plain)
                })
                .collect(),
            ListKind::GiveRole {
                responsibility,
                role,
            } => ws
                .departments
                .iter()
                .map(|d| {
                    let holds = ws
                        .responsibilities
                        .get(responsibility)
                        .is_some_and(|r| r.has(role, &d.id));
                    let claims = ws
                        .responsibilities
                        .get(responsibility)
                        .and_then(|r| r.claims.get(&d.id))
                        .filter(|c| c.status == ClaimStatus::Open)
                        .map_or_else(String::new, |_| " (claims it)".to_owned());
                    let text = format!(
                        "{}{claims}{}",
                        sanitize(&d.name),
                        if holds { " — already" } else { "" }
                    );
                    row(text, if holds { Mark::Done } else { Mark::Plain })
                })
                .collect(),
            ListKind::SignOff => ws
                .departments
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let lead = d.lead.as_deref().map_or_else(
                        || "no lead set (W sets one)".to_owned(),
                        |l| format!("lead {}", sanitize(l)),
                    );
                    let state = self.session.sign_state(i);
                    let when = d.signed.as_ref().map_or_else(String::new, |s| {
                        format!(" by {} on {}", sanitize(&s.by), sanitize(&s.date))
                    });
                    let (word, mark) = match state {
                        SignState::Unsigned => ("✗ not signed".to_owned(), Mark::Todo),
                        SignState::Current => (format!("✔ signed{when}"), Mark::Done),
                        SignState::Stale => {
                            (format!("⚠ signed before the last change{when}"), Mark::Warn)
                        }
                        SignState::Unchecked => (format!("✔ signed{when} (unchecked)"), Mark::Done),
                    };
                    row(format!("{} ({lead}): {word}", sanitize(&d.name)), mark)
                })
                .collect(),
            ListKind::Conflicts => self.conflict_rows(),
            ListKind::Changes => self
                .changes
                .iter()
                .map(|line| {
                    let mark = match line.trim_start().chars().next() {
                        Some('+') => Mark::Done,
                        Some('-') => Mark::Warn,
                        _ if !line.starts_with(' ') => Mark::Note,
                        _ => Mark::Plain,
                    };
                    row(sanitize(line), mark)
                })
                .collect(),
            ListKind::FilterBy => self
                .filter_choices()
                .into_iter()
                .map(|(by, count)| {
                    let current = by == self.filter.by;
                    let what = match by {
                        None => "every card (no area or finding filter)".to_owned(),
                        Some(FilterBy::Area(area)) => format!("area: {}", sanitize(&area)),
                        Some(FilterBy::Finding(rule)) => {
                            format!("finding: {} ({})", rule.info().label, rule.as_str())
                        }
                    };
                    let mark = if current { Mark::Done } else { Mark::Plain };
                    let now = if current { "  ◀ now" } else { "" };
                    row(format!("{what}: {count} card(s){now}"), mark)
                })
                .collect(),
        }
    }

    /// The keys of a list overlay, for its bottom line.
    pub fn list_keys(kind: ListKind) -> &'static str {
        match kind {
            ListKind::Claims(_) => "a/Enter accept │ d decline │ Esc close",
            ListKind::ClaimRoles { .. } => "Enter choose │ Esc back",
            ListKind::Decisions => "Enter/e edit │ x delete │ Esc close",
            ListKind::Parked => "Enter go to │ p un-park │ Esc close",
            ListKind::Facts => "Enter edit │ Esc close",
            ListKind::GiveRole { .. } => "Enter give the role │ Esc cancel",
            ListKind::SignOff => "Enter/s sign │ w withdraw │ Esc close",
            ListKind::Changes => "↑↓ scroll │ Esc close",
            ListKind::FilterBy => "Enter show │ Esc close",
            ListKind::Conflicts => "o keep ours │ t take theirs │ Esc close",
        }
    }
}
