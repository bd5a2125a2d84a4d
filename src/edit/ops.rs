//! The changes people make, built as [`Edit`] values with a label for the undo message.

use super::Edit;
use super::funding::{funding_text, parse_funding, parse_optional_amount};
use crate::workspace::{
    ConflictTarget, Decision, Department, Responsibility, Role, RoleModel, Workspace, format_amount,
};

/// An edit and the words that describe it ("move Crisis response from Legal to PR").
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub edit: Edit,
    pub label: String,
}

/// Whether a drop replaces the source department or adds the target beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropMode {
    /// The target takes the role from the source.
    Move,
    /// The target holds the role too; the source keeps it.
    Share,
}

/// Moves (or shares) `role` of the responsibility at `index` from one department to another.
/// `None` stands for the Unowned column: from it a role is given, onto it a role is removed.
/// Returns `None` when the drop would change nothing.
pub fn move_role(
    ws: &Workspace,
    index: usize,
    role: Role,
    from: Option<&str>,
    to: Option<&str>,
    mode: DropMode,
) -> Option<Change> {
    let current = ws.responsibilities.get(index)?;
    let mut value = current.clone();
    let list = value.role_mut(role);
    let name = &current.name;
    let dept = |id: &str| ws.department_name(id).to_owned();
    let label = match (from, to) {
        (_, Some(target)) if ws.department(target).is_none() => return None,
        (Some(source), Some(target)) if source == target => return None,
        (None, Some(target)) => {
            if list.iter().any(|d| d == target) {
                return None;
            }
            list.push(target.to_owned());
            format!(
                "give {} of \"{name}\" to {}",
                ws.model.label(role),
                dept(target)
            )
        }
        (Some(source), None) => {
            if mode == DropMode::Share {
                return None;
            }
            let before = list.len();
            list.retain(|d| d != source);
            if list.len() == before {
                return None;
            }
            format!(
                "take {} of \"{name}\" from {}",
                ws.model.label(role),
                dept(source)
            )
        }
        (Some(source), Some(target)) => {
            let position = list.iter().position(|d| d == source)?;
            let target_holds = list.iter().any(|d| d == target);
            match mode {
                DropMode::Share if target_holds => return None,
                DropMode::Share => {
                    list.push(target.to_owned());
                    format!(
                        "share {} of \"{name}\" between {} and {}",
                        ws.model.label(role),
                        dept(source),
                        dept(target)
                    )
                }
                DropMode::Move => {
                    if target_holds {
                        list.remove(position);
                    } else {
                        list[position] = target.to_owned();
                    }
                    format!(
                        "move {} of \"{name}\" from {} to {}",
                        ws.model.label(role),
                        dept(source),
                        dept(target)
                    )
                }
            }
        }
        (None, None) => return None,
    };
    Some(Change {
        edit: Edit::SetResponsibility { index, value },
        label,
    })
}

/// The role combinations a matrix cell cycles through, in order.
pub const CELL_CYCLE: [&[Role]; 6] = [
    &[],
    &[Role::Responsible],
    &[Role::Accountable, Role::Responsible],
    &[Role::Accountable],
    &[Role::Consulted],
    &[Role::Informed],
];

/// The role combinations a matrix cell cycles through in `model`: [`CELL_CYCLE`] in RACI, else
/// no role, then each role alone in model order.
pub fn cell_cycle(model: &RoleModel) -> Vec<Vec<Role>> {
    if model.is_raci() {
        return CELL_CYCLE.iter().map(|combo| combo.to_vec()).collect();
    }
    std::iter::once(Vec::new())
        .chain(model.roles().map(|role| vec![role]))
        .collect()
}

/// Sets the cell (responsibility `index`, department) of the matrix to the next combination of
/// [`cell_cycle`]. A combination outside the cycle moves to the empty cell.
pub fn cycle_cell(ws: &Workspace, index: usize, department: &str) -> Option<Change> {
    let current = ws.responsibilities.get(index)?;
    ws.department(department)?;
    let held: Vec<Role> = current.roles_of(department).collect();
    let cycle = cell_cycle(&ws.model);
    let next = cycle
        .iter()
        .position(|combo| *combo == held)
        .map_or(0, |i| (i + 1) % cycle.len());
    let mut value = current.clone();
    for role in ws.model.roles() {
        let wanted = cycle[next].contains(&role);
        let list = value.role_mut(role);
        let has = list.iter().any(|d| d == department);
        if wanted && !has {
            list.push(department.to_owned());
        } else if !wanted && has {
            list.retain(|d| d != department);
        }
    }
    let letters: String = cycle[next].iter().map(|&r| ws.model.letter(r)).collect();
    let shown = if letters.is_empty() {
        "no role".to_owned()
    } else {
        letters
    };
    Some(Change {
        edit: Edit::SetResponsibility { index, value },
        label: format!(
            "set {} on \"{}\" to {shown}",
            ws.department_name(department),
            current.name
        ),
    })
}

/// The text fields of a responsibility that can be edited in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Description,
    Area,
    TieBreaker,
    Budget,
    Funding,
    Notes,
}

impl Field {
    /// Every editable field, in the order the detail panel shows them.
    pub const ALL: [Field; 7] = [
        Field::Name,
        Field::Description,
        Field::Area,
        Field::TieBreaker,
        Field::Budget,
        Field::Funding,
        Field::Notes,
    ];

    /// The field's label on screen.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Description => "Description",
            Field::Area => "Area",
            Field::TieBreaker => "Tie-breaker",
            Field::Budget => "Budget",
            Field::Funding => "Funding",
            Field::Notes => "Notes",
        }
    }

    /// The field's current value as editable text, with funding by department id
    /// (`pr=8000`). Prefer [`Field::text_in`], which writes department names.
    pub fn text(self, r: &Responsibility) -> String {
        match self {
            Field::Name => r.name.clone(),
            Field::Description => r.description.clone().unwrap_or_default(),
            Field::Area => r.area.clone().unwrap_or_default(),
            Field::TieBreaker => r.tie_breaker.clone().unwrap_or_default(),
            Field::Budget => r.budget.map(format_amount).unwrap_or_default(),
            Field::Funding => r
                .funding
                .iter()
                .map(|(d, a)| format!("{d}={}", format_amount(*a)))
                .collect::<Vec<_>>()
                .join(", "),
            Field::Notes => r.notes.clone().unwrap_or_default(),
        }
    }

    /// The field's current value as editable text, funding by department name in workspace
    /// order (`PR / Communications = 8000, Legal & Compliance = 4000`, see [`funding_text`]).
    /// [`set_field`] with this text changes nothing.
    pub fn text_in(self, ws: &Workspace, r: &Responsibility) -> String {
        match self {
            Field::Funding => funding_text(ws, &r.funding),
            _ => self.text(r),
        }
    }
}

/// Sets a field of the responsibility at `index` from text typed by a person.
/// Returns an explanation when the text is not acceptable for the field.
pub fn set_field(
    ws: &Workspace,
    index: usize,
    field: Field,
    text: &str,
) -> Result<Option<Change>, String> {
    let Some(current) = ws.responsibilities.get(index) else {
        return Ok(None);
    };
    let mut value = current.clone();
    let trimmed = text.trim();
    let optional = (!trimmed.is_empty()).then(|| trimmed.to_owned());
    match field {
        Field::Name if trimmed.is_empty() => return Err("a responsibility needs a name".into()),
        Field::Name => value.name = trimmed.to_owned(),
        Field::Description => value.description = optional,
        Field::Area => value.area = optional,
        Field::TieBreaker => value.tie_breaker = optional,
        Field::Notes => value.notes = optional,
        Field::Budget => value.budget = parse_optional_amount(trimmed)?,
        Field::Funding => value.funding = parse_funding(ws, trimmed)?,
    }
    if value == *current {
        return Ok(None);
    }
    Ok(Some(Change {
        edit: Edit::SetResponsibility { index, value },
        label: format!(
            "edit {} of \"{}\"",
            field.label().to_lowercase(),
            current.name
        ),
    }))
}

/// Adds a responsibility named `name` at the end, with a fresh id.
pub fn add_responsibility(ws: &Workspace, name: &str, area: Option<&str>) -> Option<Change> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let value = Responsibility {
        id: ws.unused_responsibility_id(name),
        name: name.to_owned(),
        area: area.map(str::to_owned),
        ..Responsibility::default()
    };
    Some(Change {
        edit: Edit::InsertResponsibility {
            index: ws.responsibilities.len(),
            value,
        },
        label: format!("add responsibility \"{name}\""),
    })
}

/// Deletes the responsibility at `index`; decisions about it stay in the log, detached.
pub fn delete_responsibility(ws: &Workspace, index: usize) -> Option<Change> {
    let current = ws.responsibilities.get(index)?;
    let mut edits: Vec<Edit> = ws
        .decisions
        .iter()
        .enumerate()
        .filter(|(_, d)| d.responsibility.as_deref() == Some(current.id.as_str()))
        .map(|(i, d)| Edit::SetDecision {
            index: i,
            value: Decision {
                responsibility: None,
                ..d.clone()
            },
        })
        .collect();
    edits.push(Edit::RemoveResponsibility { index });
    let target = ConflictTarget::Responsibility(current.id.clone());
    let edits = super::with_conflicts_removed(ws, &target, edits);
    Some(Change {
        edit: Edit::Batch(edits),
        label: format!("delete responsibility \"{}\"", current.name),
    })
}

/// Renames the responsibility at `index` (its id stays, so files and decisions still match).
pub fn rename_responsibility(
    ws: &Workspace,
    index: usize,
    name: &str,
) -> Result<Option<Change>, String> {
    set_field(ws, index, Field::Name, name)
}

/// Adds a department named `name` at the end, with a fresh id.
pub fn add_department(ws: &Workspace, name: &str) -> Option<Change> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let value = Department {
        id: ws.unused_department_id(name),
        name: name.to_owned(),
        lead: None,
        signed: None,
    };
    Some(Change {
        edit: Edit::InsertDepartment {
            index: ws.departments.len(),
            value,
        },
        label: format!("add department \"{name}\""),
    })
}

/// Renames the department at `index` (its id stays).
pub fn rename_department(
    ws: &Workspace,
    index: usize,
    name: &str,
) -> Result<Option<Change>, String> {
    let Some(current) = ws.departments.get(index) else {
        return Ok(None);
    };
    let name = name.trim();
    if name.is_empty() {
        return Err("a department needs a name".into());
    }
    if name == current.name {
        return Ok(None);
    }
    Ok(Some(Change {
        edit: Edit::SetDepartment {
            index,
            value: Department {
                name: name.to_owned(),
                ..current.clone()
            },
        },
        label: format!("rename department \"{}\" to \"{name}\"", current.name),
    }))
}

/// Sets the lead of the department at `index`.
pub fn set_department_lead(ws: &Workspace, index: usize, lead: &str) -> Option<Change> {
    let current = ws.departments.get(index)?;
    let lead = lead.trim();
    let lead = (!lead.is_empty()).then(|| lead.to_owned());
    if lead == current.lead {
        return None;
    }
    Some(Change {
        edit: Edit::SetDepartment {
            index,
            value: Department {
                lead,
                ..current.clone()
            },
        },
        label: format!("set the lead of \"{}\"", current.name),
    })
}

/// Deletes the department at `index` and removes it from every role, funding share and claim.
pub fn delete_department(ws: &Workspace, index: usize) -> Option<Change> {
    let department = ws.departments.get(index)?;
    let id = department.id.as_str();
    let mut edits: Vec<Edit> = ws
        .responsibilities
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.involves(id) || r.funding.contains_key(id) || r.claims.contains_department(id)
        })
        .map(|(i, r)| {
            let mut value = r.clone();
            for role in ws.model.roles() {
                value.role_mut(role).retain(|d| d != id);
            }
            value.funding.remove(id);
            value.claims.remove_department(id);
            Edit::SetResponsibility { index: i, value }
        })
        .collect();
    let touched = edits.len();
    edits.push(Edit::RemoveDepartment { index });
    let target = ConflictTarget::Department(department.id.clone());
    let edits = super::with_conflicts_removed(ws, &target, edits);
    Some(Change {
        edit: Edit::Batch(edits),
        label: match touched {
            0 => format!(
                "delete department \"{}\" (it held no roles)",
                department.name
            ),
            _ => format!(
                "delete department \"{}\" (and its roles in {touched} responsibilit{})",
                department.name,
                if touched == 1 { "y" } else { "ies" }
            ),
        },
    })
}

/// Adds an entry to the decision log.
pub fn add_decision(
    ws: &Workspace,
    date: &str,
    responsibility: Option<&str>,
    text: &str,
) -> Option<Change> {
    let text = text.trim();
    if text.is_empty() || !crate::workspace::is_valid_date(date) {
        return None;
    }
    Some(Change {
        edit: Edit::InsertDecision {
            index: ws.decisions.len(),
            value: Decision {
                department: None,
                id: ws.new_decision_id(date, text),
                date: date.to_owned(),
                responsibility: responsibility.map(str::to_owned),
                text: text.to_owned(),
            },
        },
        label: match responsibility.and_then(|id| ws.responsibility(id)) {
            Some(r) => format!("record a decision about \"{}\"", r.name),
            None => "record a decision about the whole charter".into(),
        },
    })
}
