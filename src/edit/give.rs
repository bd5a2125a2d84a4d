//! Giving a role to departments in one step (a fix of the agenda), and spotting a role that
//! another role of the same department on the same item already covers.

use super::{Change, Edit};
use crate::workspace::{Meaning, Meanings, Responsibility, Role, RoleModel, Workspace};

/// Whether holding `role` in `model` only means being asked before or told after (RACI's
/// Consulted and Informed), not doing, deciding or answering.
pub fn only_told(model: &RoleModel, role: Role) -> bool {
    let means = model.means(role);
    !means.is_empty() && Meanings::of(&[Meaning::Consulted, Meaning::Informed]).contains_all(means)
}

/// Whether holding `held` makes `given` say nothing more: the doer and the one who decides or
/// answers know anyway (asked or told beside them), and whoever is asked before is told after.
fn covers(model: &RoleModel, held: Role, given: Role) -> bool {
    if !only_told(model, given) {
        return false;
    }
    let held_means = model.means(held);
    let acts = [Meaning::Answers, Meaning::Decides, Meaning::Does]
        .into_iter()
        .any(|m| held_means.contains(m));
    acts || (held_means.contains(Meaning::Consulted)
        && Meanings::of(&[Meaning::Informed]).contains_all(model.means(given)))
}

/// Another role `department` holds on `r` that already covers `role` in `model` (Consulted
/// given to the doer, Informed to the one who answers).
pub fn overlapping_role(
    model: &RoleModel,
    r: &Responsibility,
    role: Role,
    department: &str,
) -> Option<Role> {
    r.roles_of(department)
        .find(|&held| held != role && covers(model, held, role))
}

/// A role `department` holds on `r` that `role` would cover in `model` (Consulted, for a
/// department that is to become the doer).
pub fn covered_role(
    model: &RoleModel,
    r: &Responsibility,
    role: Role,
    department: &str,
) -> Option<Role> {
    r.roles_of(department)
        .find(|&held| held != role && covers(model, role, held))
}

/// Like [`give_role`], and each department gives up the roles `role` covers (the new doer is no
/// longer listed as Consulted).
pub fn give_role_instead(
    ws: &Workspace,
    index: usize,
    role: Role,
    departments: &[String],
) -> Option<Change> {
    let mut change = give_role(ws, index, role, departments)?;
    let Edit::SetResponsibility { value, .. } = &mut change.edit else {
        return Some(change);
    };
    let mut dropped = Vec::new();
    for id in departments {
        while let Some(held) = covered_role(&ws.model, value, role, id) {
            value.role_mut(held).retain(|d| d != id);
            dropped.push(format!(
                "{} no longer {}",
                ws.department_name(id),
                ws.model.label(held)
            ));
        }
    }
    if !dropped.is_empty() {
        change.label = format!("{} ({})", change.label, dropped.join(", "));
    }
    Some(change)
}

/// Gives `role` of the responsibility at `index` to each department of `departments` (ids)
/// that does not hold it yet, as one undoable step. `None` when nothing would change.
pub fn give_role(
    ws: &Workspace,
    index: usize,
    role: Role,
    departments: &[String],
) -> Option<Change> {
    let current = ws.responsibilities.get(index)?;
    let mut value = current.clone();
    let mut names = Vec::new();
    for id in departments {
        if ws.department(id).is_none() || value.has(role, id) {
            continue;
        }
        value.role_mut(role).push(id.clone());
        names.push(ws.department_name(id).to_owned());
    }
    if names.is_empty() {
        return None;
    }
    let label = format!(
        "give {} of \"{}\" to {}",
        ws.model.label(role),
        current.name,
        names.join(", ")
    );
    Some(Change {
        edit: Edit::SetResponsibility { index, value },
        label,
    })
}

/// Waives `finding` (accepts it on purpose) with `reason`, dated `today`: one undoable step.
/// `None` without a reason, or when it is waived already.
pub fn waive(
    ws: &Workspace,
    finding: &crate::analysis::Finding,
    reason: &str,
    today: &str,
) -> Option<Change> {
    let reason = reason.trim();
    let rule = finding.rule.as_str();
    let (responsibility, department) = (
        finding.responsibility.as_deref(),
        finding.department.as_deref(),
    );
    if reason.is_empty()
        || ws
            .waivers
            .iter()
            .any(|w| w.matches(rule, responsibility, department))
    {
        return None;
    }
    let mut waivers = ws.waivers.clone();
    waivers.push(crate::workspace::Waiver {
        rule: rule.to_owned(),
        responsibility: responsibility.map(str::to_owned),
        department: department.map(str::to_owned),
        reason: reason.to_owned(),
        date: today.to_owned(),
    });
    let about = responsibility
        .and_then(|id| ws.responsibility(id))
        .map(|r| r.name.as_str())
        .or(department.map(|id| ws.department_name(id)))
        .unwrap_or("the workspace");
    Some(Change {
        edit: Edit::SetWaivers(waivers),
        label: format!("waive {rule} on \"{about}\""),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::parse;

    #[test]
    fn consulted_beside_the_doer_overlaps_and_a_second_doer_does_not() {
        let ws = parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace;
        let r = ws.responsibility("compliance-records").expect("item");
        let m = &ws.model;
        assert_eq!(
            covered_role(m, r, Role::Responsible, "it"),
            Some(Role::Consulted)
        );
        assert_eq!(overlapping_role(m, r, Role::Responsible, "it"), None);
        assert_eq!(
            overlapping_role(m, r, Role::Consulted, "legal"),
            Some(Role::Accountable)
        );
        assert_eq!(
            overlapping_role(m, r, Role::Informed, "legal"),
            Some(Role::Accountable)
        );
    }

    #[test]
    fn giving_to_several_is_one_step_and_skips_holders() {
        let ws = parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace;
        let index = ws.responsibility_index("compliance-records").expect("item");
        let ids = ["it".to_owned(), "legal".to_owned()];
        let change = give_role(&ws, index, Role::Responsible, &ids).expect("a change");
        assert!(
            change.label.ends_with("to IT, Legal & Compliance"),
            "{}",
            change.label
        );
        let again = ["legal".to_owned()];
        let Edit::SetResponsibility { value, .. } = change.edit else {
            panic!("a responsibility edit")
        };
        assert_eq!(value.responsible, ["it", "legal"]);
        let mut after = ws.clone();
        after.responsibilities[index] = value;
        assert!(give_role(&after, index, Role::Responsible, &again).is_none());
        let instead =
            give_role_instead(&ws, index, Role::Responsible, &ids[..1]).expect("a change");
        assert!(
            instead.label.ends_with("(IT no longer Consulted)"),
            "{}",
            instead.label
        );
    }
}
