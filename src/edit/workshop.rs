//! The changes a workshop makes beyond moving roles: settling claims, recording and editing
//! decisions, parking items, signing off, and the workspace's own facts. Each is an [`Edit`]
//! value, so undo restores the exact state.

use super::{Change, Edit};
use crate::signoff;
use crate::workspace::{
    ClaimStatus, Decision, Department, Role, Signature, Workspace, WorkspaceInfo, is_valid_date,
};

/// How the room answers a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The claimant gets these roles (accountable, responsible or both).
    Accept(Vec<Role>),
    /// Turned down, with a reason the claimant can live with.
    Decline(String),
}

/// Settles `department`'s open claim on `role` (a role key; `None`: its claim on no particular
/// role) on the responsibility at `index`, dated `date`, and records the decision in the log, as
/// one step. Accepting gives the claimant the chosen roles; a claim on a role gets exactly that
/// role (pass it, or no role at all).
pub fn answer_claim(
    ws: &Workspace,
    index: usize,
    department: &str,
    role: Option<&str>,
    answer: &Answer,
    date: &str,
) -> Result<Change, String> {
    let current = ws
        .responsibilities
        .get(index)
        .ok_or("no such responsibility")?;
    let claim = current
        .claims
        .get(department, role)
        .filter(|c| c.is_open())
        .ok_or("that department has no such open claim here")?;
    let who = ws.department_name(department);
    let claimed = match role {
        None => None,
        Some(key) => Some(
            ws.model
                .by_key(key)
                .ok_or_else(|| format!("the claim names `{key}`, which is not a role here"))?,
        ),
    };
    let name = match claimed {
        Some(r) => format!("{} as {}", current.name, ws.model.label(r)),
        None => current.name.clone(),
    };
    let mut value = current.clone();
    let mut settled = claim.clone();
    settled.date = Some(date.to_owned());
    let text = match (answer, claimed) {
        (Answer::Accept(roles), Some(r)) if !roles.is_empty() && roles.as_slice() != [r] => {
            return Err(format!(
                "the claim is on {}: accepting gives exactly that role",
                ws.model.label(r)
            ));
        }
        (Answer::Accept(roles), None) if roles.is_empty() => {
            return Err("choose the role the claimant takes".into());
        }
        (Answer::Accept(chosen), _) => {
            let roles = match claimed {
                Some(r) => vec![r],
                None => chosen.clone(),
            };
            for &role in &roles {
                let list = value.role_mut(role);
                if !list.iter().any(|d| d == department) {
                    list.push(department.to_owned());
                }
            }
            let roles: Vec<&str> = roles.iter().map(|&r| ws.model.meaning(r)).collect();
            settled.status = ClaimStatus::Accepted;
            settled.answer = Some(format!("{who} {}", roles.join(" and ")));
            format!(
                "Accepted {who}'s claim on {name}: {who} {}.",
                roles.join(" and ")
            )
        }
        (Answer::Decline(reason), _) => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err("give a reason the claimant can live with".into());
            }
            settled.status = ClaimStatus::Declined;
            settled.answer = Some(reason.to_owned());
            format!("Declined {who}'s claim on {name}: {reason}")
        }
    };
    value.claims.insert(department.to_owned(), settled);
    let decision = Decision {
        department: None,
        id: ws.new_decision_id(date, &text),
        date: date.to_owned(),
        responsibility: Some(current.id.clone()),
        text,
    };
    let label = match answer {
        Answer::Accept(_) => format!("accept {who}'s claim on \"{}\"", current.name),
        Answer::Decline(_) => format!("decline {who}'s claim on \"{}\"", current.name),
    };
    Ok(Change {
        edit: Edit::Batch(vec![
            Edit::SetResponsibility { index, value },
            Edit::InsertDecision {
                index: ws.decisions.len(),
                value: decision,
            },
        ]),
        label,
    })
}

/// Parks the responsibility at `index` for later, with an optional note.
pub fn park(ws: &Workspace, index: usize, note: &str) -> Option<Change> {
    let current = ws.responsibilities.get(index)?;
    let note = note.trim().to_owned();
    if current.parked.as_ref() == Some(&note) {
        return None;
    }
    let mut value = current.clone();
    value.parked = Some(note);
    Some(Change {
        edit: Edit::SetResponsibility { index, value },
        label: format!("park \"{}\" for later", current.name),
    })
}

/// Takes the responsibility at `index` out of the parking lot.
pub fn unpark(ws: &Workspace, index: usize) -> Option<Change> {
    let current = ws.responsibilities.get(index)?;
    current.parked.as_ref()?;
    let mut value = current.clone();
    value.parked = None;
    Some(Change {
        edit: Edit::SetResponsibility { index, value },
        label: format!("un-park \"{}\"", current.name),
    })
}

/// Signs the charter for the department at `index` on `date`, by its lead (or, without one,
/// in the department's name): the signature covers the department's part as it is now, and
/// notes what was still `open` in the charter then (see [`signoff::OpenItems`]).
pub fn sign(ws: &Workspace, index: usize, date: &str, open: Option<&str>) -> Option<Change> {
    let current = ws.departments.get(index)?;
    let by = current
        .lead
        .clone()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| current.name.clone());
    let signed = Signature {
        by,
        date: date.to_owned(),
        part: Some(signoff::fingerprint(ws, &current.id)),
        open: open.map(str::to_owned),
    };
    if current.signed.as_ref() == Some(&signed) {
        return None;
    }
    Some(Change {
        edit: Edit::SetDepartment {
            index,
            value: Department {
                signed: Some(signed),
                ..current.clone()
            },
        },
        label: format!("sign the charter for \"{}\"", current.name),
    })
}

/// Withdraws the signature of the department at `index`.
pub fn unsign(ws: &Workspace, index: usize) -> Option<Change> {
    let current = ws.departments.get(index)?;
    current.signed.as_ref()?;
    Some(Change {
        edit: Edit::SetDepartment {
            index,
            value: Department {
                signed: None,
                ..current.clone()
            },
        },
        label: format!("withdraw the signature of \"{}\"", current.name),
    })
}

/// Records `department`'s (position) open claim on `role` (`None`: no particular role) on the
/// responsibility at `index`, with its reason and who raised it (the facilitator, when named).
/// A department claims each role once: a second open claim on the same role is refused.
pub fn record_claim(
    ws: &Workspace,
    index: usize,
    department: usize,
    role: Option<Role>,
    reason: &str,
    raised_by: Option<&str>,
) -> Result<Change, String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err("say why the department claims it".into());
    }
    let (Some(current), Some(d)) = (
        ws.responsibilities.get(index),
        ws.departments.get(department),
    ) else {
        return Err("that responsibility or department is gone".into());
    };
    let key = role.map(|r| ws.model.key(r));
    if current.claims.get(&d.id, key).is_some_and(|c| c.is_open()) {
        return Err(match role {
            Some(r) => format!(
                "{} already claims {} on \"{}\"",
                d.name,
                ws.model.label(r),
                current.name
            ),
            None => format!(
                "{} already has an open claim on \"{}\"",
                d.name, current.name
            ),
        });
    }
    let mut value = current.clone();
    let claim = crate::workspace::Claim {
        raised_by: raised_by.map(str::to_owned),
        ..crate::workspace::Claim::for_role(key, reason)
    };
    value.claims.insert(d.id.clone(), claim);
    let on = role.map_or_else(String::new, |r| format!(" to be {}", ws.model.label(r)));
    Ok(Change {
        edit: Edit::SetResponsibility { index, value },
        label: format!("record {}'s claim{on} on \"{}\"", d.name, current.name),
    })
}

/// Makes a decision `change` of [`super::add_decision`] about `department` (an id) instead of
/// the charter as a whole; the change is returned as it is without one.
pub fn about_department(ws: &Workspace, mut change: Change, department: Option<&str>) -> Change {
    if let (Edit::InsertDecision { value, .. }, Some(id)) = (&mut change.edit, department) {
        value.department = Some(id.to_owned());
        value.responsibility = None;
        change.label = format!("record a decision about {}", ws.department_name(id));
    }
    change
}

/// Replaces the text of the decision at `index` (its date and subject stay).
pub fn edit_decision(ws: &Workspace, index: usize, text: &str) -> Result<Option<Change>, String> {
    let Some(current) = ws.decisions.get(index) else {
        return Ok(None);
    };
    let text = text.trim();
    if text.is_empty() {
        return Err("a decision needs words (delete it instead)".into());
    }
    if text == current.text {
        return Ok(None);
    }
    Ok(Some(Change {
        edit: Edit::SetDecision {
            index,
            value: Decision {
                text: text.to_owned(),
                ..current.clone()
            },
        },
        label: format!("edit the decision of {}", current.date),
    }))
}

/// Deletes the decision at `index` from the log.
pub fn delete_decision(ws: &Workspace, index: usize) -> Option<Change> {
    let current = ws.decisions.get(index)?;
    let target = crate::workspace::ConflictTarget::Decision(current.id.clone());
    let edits = super::with_conflicts_removed(ws, &target, vec![Edit::RemoveDecision { index }]);
    Some(Change {
        edit: if edits.len() == 1 {
            Edit::RemoveDecision { index }
        } else {
            Edit::Batch(edits)
        },
        label: format!("delete the decision of {}", current.date),
    })
}

/// The workspace's own facts, editable in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InfoField {
    Name,
    Organization,
    Facilitator,
    Purpose,
    Date,
    Currency,
    /// The day by which the charter is to be reviewed (`review_by`).
    ReviewBy,
}

impl InfoField {
    /// Every field, in the order the form shows them.
    pub const ALL: [InfoField; 7] = [
        InfoField::Name,
        InfoField::Organization,
        InfoField::Facilitator,
        InfoField::Purpose,
        InfoField::Date,
        InfoField::Currency,
        InfoField::ReviewBy,
    ];

    /// The field's label on screen.
    pub fn label(self) -> &'static str {
        match self {
            InfoField::Name => "Charter name",
            InfoField::Organization => "Organization",
            InfoField::Facilitator => "Facilitator",
            InfoField::Purpose => "Purpose",
            InfoField::Date => "Session date",
            InfoField::Currency => "Currency",
            InfoField::ReviewBy => "Review by",
        }
    }

    fn slot(self, info: &mut WorkspaceInfo) -> Option<&mut Option<String>> {
        match self {
            InfoField::Name => None,
            InfoField::Organization => Some(&mut info.organization),
            InfoField::Facilitator => Some(&mut info.facilitator),
            InfoField::Purpose => Some(&mut info.purpose),
            InfoField::Date => Some(&mut info.date),
            InfoField::Currency => Some(&mut info.currency),
            InfoField::ReviewBy => Some(&mut info.review_by),
        }
    }

    /// The field's current value as editable text.
    pub fn text(self, info: &WorkspaceInfo) -> String {
        let mut info = info.clone();
        match self.slot(&mut info) {
            None => info.name,
            Some(value) => value.take().unwrap_or_default(),
        }
    }
}

/// Sets one of the workspace's facts from text typed by a person.
pub fn set_info(ws: &Workspace, field: InfoField, text: &str) -> Result<Option<Change>, String> {
    let text = text.trim();
    let mut info = ws.info.clone();
    match field.slot(&mut info) {
        None if text.is_empty() => return Err("the charter needs a name".into()),
        None => info.name = text.to_owned(),
        Some(_)
            if matches!(field, InfoField::Date | InfoField::ReviewBy)
                && !text.is_empty()
                && !is_valid_date(text) =>
        {
            return Err(format!(
                "\"{text}\" is not a calendar date written YYYY-MM-DD"
            ));
        }
        Some(slot) => *slot = (!text.is_empty()).then(|| text.to_owned()),
    }
    if info == ws.info {
        return Ok(None);
    }
    Ok(Some(Change {
        edit: Edit::SetInfo(info),
        label: format!("set the {}", field.label().to_lowercase()),
    }))
}
