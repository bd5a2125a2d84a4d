//! Departments added, removed, renamed, with a new lead, or whose signature changed or went stale.

use rustc_hash::FxHashMap as HashMap;

use super::compute::item;
use super::{DepartmentChange, DepartmentField, Presence};
use crate::signoff::{Parts, SignState};
use crate::workspace::{Department, Workspace};

pub(super) fn departments(before: &Workspace, after: &Workspace) -> Vec<DepartmentChange> {
    let old: HashMap<&str, usize> = before.department_positions();
    let new: HashMap<&str, usize> = after.department_positions();
    // Fingerprints are only needed where somebody signed.
    let parts = |ws: &Workspace| {
        ws.departments
            .iter()
            .any(|d| d.signed.is_some())
            .then(|| Parts::new(ws))
    };
    let (before_parts, after_parts) = (parts(before), parts(after));
    let mut out = Vec::new();
    for (i, d) in after.departments.iter().enumerate() {
        let reference = item(&d.id, Some(&d.name));
        let after_state = after_parts
            .as_ref()
            .map_or(SignState::Unsigned, |p| p.state(after, i));
        let Some(&j) = old.get(d.id.as_str()) else {
            let mut changes = Vec::new();
            if let Some(s) = &d.signed {
                changes.push(DepartmentField::Signed {
                    by: s.by.clone(),
                    date: s.date.clone(),
                    stale: after_state == SignState::Stale,
                    open: s.open.clone(),
                });
            }
            out.push(DepartmentChange {
                department: reference,
                presence: Presence::Added,
                changes,
            });
            continue;
        };
        let b = &before.departments[j];
        let before_state = before_parts
            .as_ref()
            .map_or(SignState::Unsigned, |p| p.state(before, j));
        let changes = department_fields(b, d, before_state, after_state);
        if !changes.is_empty() {
            out.push(DepartmentChange {
                department: reference,
                presence: Presence::Changed,
                changes,
            });
        }
    }
    out.extend(
        before
            .departments
            .iter()
            .filter(|d| !new.contains_key(d.id.as_str()))
            .map(|d| DepartmentChange {
                department: item(&d.id, Some(&d.name)),
                presence: Presence::Removed,
                changes: Vec::new(),
            }),
    );
    out
}

fn department_fields(
    b: &Department,
    a: &Department,
    before_state: SignState,
    after_state: SignState,
) -> Vec<DepartmentField> {
    let mut out = Vec::new();
    if b.name != a.name {
        out.push(DepartmentField::Renamed {
            before: b.name.clone(),
            after: a.name.clone(),
        });
    }
    if b.lead != a.lead {
        out.push(DepartmentField::Lead {
            before: b.lead.clone(),
            after: a.lead.clone(),
        });
    }
    match (&b.signed, &a.signed) {
        (Some(old), None) => out.push(DepartmentField::Unsigned {
            by: old.by.clone(),
            date: old.date.clone(),
        }),
        (old, Some(new)) if old.as_ref() != Some(new) => out.push(DepartmentField::Signed {
            by: new.by.clone(),
            date: new.date.clone(),
            stale: after_state == SignState::Stale,
            open: new.open.clone(),
        }),
        (Some(_), Some(new))
            if after_state == SignState::Stale && before_state != SignState::Stale =>
        {
            out.push(DepartmentField::NowStale {
                by: new.by.clone(),
                date: new.date.clone(),
            });
        }
        _ => {}
    }
    out
}
