//! Resolving merge conflicts: take one side's value for the field, as one undoable edit.

use super::{Change, Edit, delete_department, delete_responsibility};
use crate::workspace::{ConflictTarget, Fields, ITEM_REMOVED, Side, Workspace, WorkspaceFields};

/// Resolves the conflict at `index` with `side`'s value: the field takes it (or, for an item one
/// side removed, the item goes when that side is chosen), and the conflict is removed.
pub fn resolve_conflict(ws: &Workspace, index: usize, side: Side) -> Result<Change, String> {
    let conflict = ws.conflicts.get(index).ok_or("no such conflict")?;
    let value = conflict.value(side).cloned();
    let shown = conflict.shown(side, ws.info.currency.as_deref());
    let mut edits = Vec::new();
    let label;
    if conflict.field == "item" {
        let removes = value.as_ref().and_then(|v| v.as_text()) == Some(ITEM_REMOVED);
        label = format!(
            "resolve the merge conflict on {} with {}: {}",
            conflict.target,
            side.as_str(),
            if removes { "removed" } else { "kept" }
        );
        if removes {
            let removal = match &conflict.target {
                ConflictTarget::Department(id) => ws
                    .department_index(id)
                    .and_then(|i| delete_department(ws, i)),
                ConflictTarget::Responsibility(id) => ws
                    .responsibility_index(id)
                    .and_then(|i| delete_responsibility(ws, i)),
                ConflictTarget::Decision(id) => {
                    ws.decisions
                        .iter()
                        .position(|d| d.id == *id)
                        .map(|i| Change {
                            edit: Edit::Batch(with_conflicts_removed(
                                ws,
                                &conflict.target,
                                vec![Edit::RemoveDecision { index: i }],
                            )),
                            label: String::new(),
                        })
                }
                ConflictTarget::Workspace => None,
            };
            // The deletion also removes every conflict about the item, this one included.
            let change = removal.ok_or("the item is gone already")?;
            return Ok(Change {
                edit: change.edit,
                label,
            });
        }
    } else {
        label = format!(
            "resolve the merge conflict on the {} of {} with {}: {shown}",
            conflict.field,
            conflict.target,
            side.as_str()
        );
        let field = conflict.field.as_str();
        let edit = match &conflict.target {
            ConflictTarget::Workspace => {
                let (mut info, mut rules) = (ws.info.clone(), ws.rules.clone());
                WorkspaceFields {
                    info: &mut info,
                    rules: &mut rules,
                }
                .set(field, value)?;
                if field.starts_with("rules.") {
                    Edit::SetRules(rules)
                } else {
                    Edit::SetInfo(info)
                }
            }
            ConflictTarget::Department(id) => {
                let index = ws.department_index(id).ok_or("the department is gone")?;
                let mut value_item = ws.departments[index].clone();
                value_item.set_field(field, value)?;
                Edit::SetDepartment {
                    index,
                    value: value_item,
                }
            }
            ConflictTarget::Responsibility(id) => {
                let index = ws
                    .responsibility_index(id)
                    .ok_or("the responsibility is gone")?;
                let mut value_item = ws.responsibilities[index].clone();
                value_item.set_field(field, value)?;
                Edit::SetResponsibility {
                    index,
                    value: value_item,
                }
            }
            ConflictTarget::Decision(id) => {
                let index = ws
                    .decisions
                    .iter()
                    .position(|d| d.id == *id)
                    .ok_or("the decision is gone")?;
                if let Some(about) = value.as_ref().and_then(|v| v.as_text())
                    && field == "responsibility"
                    && ws.responsibility(about).is_none()
                {
                    return Err(format!("responsibility \"{about}\" no longer exists"));
                }
                let mut value_item = ws.decisions[index].clone();
                value_item.set_field(field, value)?;
                Edit::SetDecision {
                    index,
                    value: value_item,
                }
            }
        };
        edits.push(edit);
    }
    edits.push(Edit::RemoveConflict { index });
    Ok(Change {
        edit: Edit::Batch(edits),
        label,
    })
}

/// `edits` followed by the removal of every conflict about `target` (newest first, so the
/// positions stay right), for deleting an item.
pub fn with_conflicts_removed(
    ws: &Workspace,
    target: &ConflictTarget,
    mut edits: Vec<Edit>,
) -> Vec<Edit> {
    let about = |field: &str| {
        let department = crate::workspace::field_department(field);
        matches!(target, ConflictTarget::Department(id) if department == Some(id.as_str()))
    };
    edits.extend(
        ws.conflicts
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, c)| c.target == *target || about(&c.field))
            .map(|(index, _)| Edit::RemoveConflict { index }),
    );
    edits
}
