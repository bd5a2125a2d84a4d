//! What each list overlay shows: its title, its rows and the keys that act on them. Pure
//! functions of the app state, shared by `update` (how many rows) and the view (what to draw).

use super::action::{Action, Direction};
use super::app::{App, ListKind};
use super::filter::FilterBy;
use super::keymap::Context;
use crate::edit::InfoField;
use crate::signoff::SignState;
use crate::text::sanitize;
use crate::workspace::{Claim, Meaning, ModelKind, Role, RoleModel};

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

pub(crate) fn row(text: impl Into<String>, mark: Mark) -> Row {
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

/// The choices of the claim resolver in `model`: [`CLAIM_ROLES`] in RACI, else each role that
/// answers, decides or does, alone, then all of them together.
pub fn claim_roles(model: &RoleModel) -> Vec<Vec<Role>> {
    if model.is_raci() {
        return CLAIM_ROLES.iter().map(|roles| roles.to_vec()).collect();
    }
    let owning: Vec<Role> = model
        .roles()
        .filter(|&role| {
            let means = model.means(role);
            [Meaning::Answers, Meaning::Decides, Meaning::Does]
                .into_iter()
                .any(|m| means.contains(m))
        })
        .collect();
    let mut out: Vec<Vec<Role>> = owning.iter().map(|&role| vec![role]).collect();
    if owning.len() > 1 {
        out.push(owning);
    }
    out
}

/// Who should hold `role` of the responsibility `name`, asked in the role's words: a verb
/// (does / decides / answers) is asked as one ("Who decides ...?"), RAPID's roles as "who has
/// the D", any other as "Who is Accountable for ...?", these two with the role's meaning.
fn role_question(model: &RoleModel, role: Role, name: &str) -> String {
    let label = model.label(role);
    let meaning = model.meaning(role);
    match (model.kind(), label.to_lowercase().as_str()) {
        (_, "does" | "decides") => format!("Who {} \"{name}\"?", label.to_lowercase()),
        (_, "answers") => format!("Who answers for \"{name}\"?"),
        (ModelKind::Rapid, _) => format!("Who has the {label} for \"{name}\"? ({meaning})"),
        _ => format!("Who is {label} for \"{name}\"? ({meaning})"),
    }
}

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
            } => role_question(&ws.model, role, &name(responsibility)),
            ListKind::SignOff => "Sign-off: each lead signs their department's part".to_owned(),
            ListKind::NewClaim(r) => {
                let none = ws
                    .responsibilities
                    .get(r)
                    .is_none_or(|x| x.open_claims().next().is_none());
                let what = if none {
                    "No open claims"
                } else {
                    "Another claim"
                };
                format!("{what} on \"{}\": which department claims it?", name(r))
            }
            ListKind::NewClaimRole {
                responsibility,
                department,
            } => format!(
                "Which role does {} claim on \"{}\"?",
                ws.departments
                    .get(department)
                    .map_or_else(String::new, |d| sanitize(&d.name)),
                name(responsibility)
            ),
            ListKind::Changes => "Changes since the workspace was opened".to_owned(),
            ListKind::FilterBy => {
                "Show only the cards of an area or with a kind of finding".to_owned()
            }
            ListKind::Conflicts => self.conflicts_title(),
            ListKind::Raised => self.raised_title(),
        }
    }

    /// The departments (positions) a fix may give `role` of the responsibility at `r` to: only
    /// those for which it changes something. A role that only consults or informs goes to
    /// departments with no role there yet (a silo is broken only by another department); any
    /// other role to those that do not hold it.
    pub fn give_role_departments(&self, r: usize, role: Role) -> Vec<usize> {
        let ws = self.workspace();
        let Some(item) = ws.responsibilities.get(r) else {
            return Vec::new();
        };
        ws.departments
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                if crate::edit::is_passive(&ws.model, role) {
                    !item.involves(&d.id)
                } else {
                    !item.has(role, &d.id)
                }
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The departments (positions) that may claim a role of the responsibility at `r`: those
    /// with a role there they neither hold nor already claim.
    pub fn claim_departments(&self, r: usize) -> Vec<usize> {
        (0..self.workspace().departments.len())
            .filter(|&d| !self.claimable_roles(r, d).is_empty())
            .collect()
    }

    /// The roles of the responsibility at `r` that the department at `d` may claim: those it
    /// does not hold and has no open claim on, in model order; a role that only consults or
    /// informs only while it holds no role there (another of its roles covers it).
    pub fn claimable_roles(&self, r: usize, d: usize) -> Vec<Role> {
        let ws = self.workspace();
        let (Some(item), Some(d)) = (ws.responsibilities.get(r), ws.departments.get(d)) else {
            return Vec::new();
        };
        ws.model
            .roles()
            .filter(|&role| {
                !item.has(role, &d.id)
                    && (!crate::edit::is_passive(&ws.model, role) || !item.involves(&d.id))
                    && !item
                        .claims
                        .get(&d.id, Some(ws.model.key(role)))
                        .is_some_and(Claim::is_open)
            })
            .collect()
    }

    /// The rows of a list overlay.
    pub fn list_rows(&self, kind: ListKind) -> Vec<Row> {
        let ws = self.workspace();
        match kind {
            ListKind::Claims(r) => ws.responsibilities.get(r).map_or_else(Vec::new, |x| {
                x.open_claims()
                    .map(|(d, claim)| {
                        let by = claim.raised_by.as_deref().map_or_else(String::new, |by| {
                            format!(" (raised by {})", sanitize(by))
                        });
                        let role = claim
                            .role_label(&ws.model)
                            .map_or_else(String::new, |r| format!(" as {}", sanitize(r)));
                        row(
                            format!(
                                "{}{role}: {}{by}",
                                sanitize(ws.department_name(d)),
                                sanitize(&claim.reason)
                            ),
                            Mark::Todo,
                        )
                    })
                    .collect()
            }),
            ListKind::ClaimRoles { .. } => claim_roles(&ws.model)
                .iter()
                .map(|roles| {
                    let words: Vec<String> = roles
                        .iter()
                        .map(|&r| format!("{} ({})", ws.model.label(r), ws.model.meaning(r)))
                        .collect();
                    row(words.join(" and "), Mark::Plain)
                })
                .collect(),
            ListKind::Decisions => ws
                .decisions
                .iter()
                .map(|d| {
                    let about = match (&d.responsibility, &d.department) {
                        (Some(id), _) => {
                            sanitize(ws.responsibility(id).map_or(id.as_str(), |r| &r.name))
                        }
                        (None, Some(id)) => {
                            format!("department {}", sanitize(ws.department_name(id)))
                        }
                        (None, None) => "whole charter".to_owned(),
                    };
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
            } => self
                .give_role_departments(responsibility, role)
                .into_iter()
                .map(|d| {
                    let d = &ws.departments[d];
                    // An open claim on this role, or on no particular one.
                    let key = ws.model.key(role);
                    let claims =
                        ws.responsibilities
                            .get(responsibility)
                            .filter(|r| {
                                r.claims.of(&d.id).iter().any(|c| {
                                    c.is_open() && c.role.as_deref().is_none_or(|k| k == key)
                                })
                            })
                            .map_or_else(String::new, |_| " (claims it)".to_owned());
                    row(format!("{}{claims}", sanitize(&d.name)), Mark::Plain)
                })
                .zip(self.give_role_departments(responsibility, role))
                .map(|(mut row, d)| {
                    if self.marked.contains(&d) {
                        row.text = format!("✔ {}", row.text);
                        row.mark = Mark::Done;
                    }
                    row
                })
                .collect(),
            ListKind::NewClaim(r) => self
                .claim_departments(r)
                .into_iter()
                .map(|d| row(sanitize(&ws.departments[d].name), Mark::Plain))
                .collect(),
            ListKind::NewClaimRole {
                responsibility,
                department,
            } => self
                .claimable_roles(responsibility, department)
                .into_iter()
                .map(|r| {
                    let text = format!("{} ({})", ws.model.label(r), ws.model.meaning(r));
                    row(sanitize(&text), Mark::Plain)
                })
                .collect(),
            ListKind::SignOff => ws
                .departments
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    // `HR (no lead yet): ✗ not signed`: the list's keys say how to name one,
                    // and signing asks for the name.
                    let lead = d.lead.as_deref().map_or_else(
                        || "no lead yet".to_owned(),
                        |l| format!("lead {}", sanitize(l)),
                    );
                    let state = self.session.sign_state(i);
                    let when = d.signed.as_ref().map_or_else(String::new, |s| {
                        let open = s
                            .open
                            .as_deref()
                            .map_or_else(String::new, |o| format!(" with {} open", sanitize(o)));
                        format!(" by {} on {}{open}", sanitize(&s.by), sanitize(&s.date))
                    });
                    let (word, mark) = match state {
                        SignState::Unsigned => ("✗ not signed".to_owned(), Mark::Todo),
                        SignState::Current => (format!("✔ signed{when}"), Mark::Done),
                        SignState::Stale => {
                            (format!("⚠ signed before the last change{when}"), Mark::Warn)
                        }
                        SignState::Unchecked => (format!("✔ signed{when} (unchecked)"), Mark::Done),
                    };
                    // Signed by the lead: the name once (`Marketing: ✔ signed by Ana Ruiz`).
                    let by_lead = d
                        .signed
                        .as_ref()
                        .is_some_and(|s| Some(&s.by) == d.lead.as_ref());
                    let name = sanitize(&d.name);
                    if by_lead {
                        row(format!("{name}: {word}"), mark)
                    } else {
                        row(format!("{name} ({lead}): {word}"), mark)
                    }
                })
                .collect(),
            ListKind::Conflicts => self.conflict_rows(),
            ListKind::Raised => self.raised_rows(),
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
                    let cards = if count == 1 { "card" } else { "cards" };
                    row(format!("{what}: {count} {cards}{now}"), mark)
                })
                .collect(),
        }
    }

    /// The keys of a list overlay, for its bottom line, from the bindings in effect.
    pub fn list_keys(&self, kind: ListKind) -> String {
        let contexts = list_contexts(kind);
        let hint = self.keymap.hint(&contexts);
        let hint = match kind {
            ListKind::Claims(_) => hint
                .keys(Action::Accept, 2, "accept")
                .key(Action::Decline, "decline")
                .key(Action::RecordClaim, "new claim")
                .key(Action::Cancel, "close"),
            ListKind::ClaimRoles { .. } => hint
                .key(Action::Activate, "choose")
                .key(Action::Cancel, "back"),
            ListKind::Decisions => hint
                .keys(Action::Edit, 2, "edit")
                .key(Action::Delete, "delete")
                .key(Action::Cancel, "close"),
            ListKind::Parked => hint
                .key(Action::Activate, "go to")
                .key(Action::Unpark, "un-park")
                .key(Action::Cancel, "close"),
            ListKind::Facts => hint.key(Action::Edit, "edit").key(Action::Cancel, "close"),
            ListKind::GiveRole { .. } => hint
                .key(Action::Mark, "mark several")
                .key(Action::Activate, "give the role")
                .key(Action::Cancel, "cancel"),
            ListKind::NewClaim(_) => hint
                .key(Action::Activate, "choose the role it claims")
                .key(Action::Cancel, "cancel"),
            ListKind::NewClaimRole { .. } => hint
                .key(Action::Activate, "say why")
                .key(Action::Cancel, "back"),
            ListKind::SignOff => hint
                .keys(Action::Sign, 2, "sign")
                .key(Action::Withdraw, "withdraw")
                .key(Action::SetLead, "name the lead")
                .key(Action::Cancel, "close"),
            ListKind::Changes => hint
                .pair(
                    Action::Move(Direction::Up),
                    Action::Move(Direction::Down),
                    "scroll",
                )
                .key(Action::Cancel, "close"),
            ListKind::FilterBy => hint
                .key(Action::Activate, "show")
                .key(Action::Cancel, "close"),
            ListKind::Raised => hint
                .keys(Action::Accept, 2, "accept")
                .key(Action::Decline, "dismiss")
                .key(Action::Cancel, "close"),
            ListKind::Conflicts => hint
                .key(Action::KeepOurs, "keep ours")
                .key(Action::TakeTheirs, "take theirs")
                .key(Action::Cancel, "close"),
        };
        hint.join(" │ ")
    }
}

/// The contexts whose keys act in a list of `kind`, innermost first.
pub fn list_contexts(kind: ListKind) -> Vec<Context> {
    let own = match kind {
        ListKind::Claims(_) => Some(Context::Claims),
        ListKind::Decisions => Some(Context::Decisions),
        ListKind::Parked => Some(Context::ParkingLot),
        ListKind::Facts => Some(Context::Facts),
        ListKind::SignOff => Some(Context::SignOff),
        ListKind::Conflicts => Some(Context::Conflicts),
        ListKind::Raised => Some(Context::Raised),
        ListKind::ClaimRoles { .. }
        | ListKind::GiveRole { .. }
        | ListKind::NewClaim(_)
        | ListKind::NewClaimRole { .. }
        | ListKind::Changes
        | ListKind::FilterBy => None,
    };
    own.into_iter().chain([Context::List]).collect()
}

#[cfg(test)]
mod tests {
    use super::role_question;
    use crate::workspace::{ModelKind, RoleModel};

    #[test]
    fn the_give_role_question_speaks_each_models_words() {
        let ask = |kind, key: &str| {
            let model = RoleModel::builtin(kind).expect("built in");
            let role = model.by_key(key).expect("a role");
            role_question(&model, role, "Press")
        };
        let dda = ModelKind::DoesDecidesAnswers;
        assert_eq!(ask(dda, "decides"), "Who decides \"Press\"?");
        assert_eq!(ask(dda, "does"), "Who does \"Press\"?");
        assert_eq!(ask(dda, "answers"), "Who answers for \"Press\"?");
        assert_eq!(
            ask(ModelKind::Rapid, "decide"),
            "Who has the Decide for \"Press\"? (decides and answers)"
        );
        assert_eq!(
            ask(ModelKind::Raci, "accountable"),
            "Who is Accountable for \"Press\"? (decides and answers)"
        );
    }
}
