//! Responsibilities added, removed or changed, field by field, with the findings they gained or
//! lost.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use super::compute::{Names, PerResponsibility, item};
use super::{Change, ItemRef, Presence, ResponsibilityChange};
use crate::workspace::{Claim, ClaimStatus, Responsibility, RoleModel, Workspace};

pub(super) fn responsibilities(
    names: &Names,
    before: &Workspace,
    after: &Workspace,
    findings: &mut PerResponsibility,
) -> Vec<ResponsibilityChange> {
    let old: HashMap<&str, &Responsibility> = before
        .responsibilities
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let new: HashMap<&str, &Responsibility> = after
        .responsibilities
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let models = [&before.model, &after.model];
    let same_model = before.model == after.model;
    let mut out = Vec::new();
    let mut push = |r: &Responsibility, presence, changes: Vec<Change>| {
        let (resolved, introduced) = findings.remove(r.id.as_str()).unwrap_or_default();
        if presence != Presence::Changed
            || !changes.is_empty()
            || !resolved.is_empty()
            || !introduced.is_empty()
        {
            out.push(ResponsibilityChange {
                responsibility: item(&r.id, Some(&r.name)),
                presence,
                changes,
                findings_resolved: resolved,
                findings_introduced: introduced,
            });
        }
    };
    for r in &after.responsibilities {
        match old.get(r.id.as_str()) {
            Some(b) if same_model && *b == r => push(r, Presence::Changed, Vec::new()),
            Some(b) => push(r, Presence::Changed, changes(names, models, b, r)),
            None => {
                let blank = Responsibility {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    ..Responsibility::default()
                };
                push(r, Presence::Added, changes(names, models, &blank, r));
            }
        }
    }
    for r in &before.responsibilities {
        if !new.contains_key(r.id.as_str()) {
            push(r, Presence::Removed, Vec::new());
        }
    }
    out
}

/// The field-by-field changes from `b` to `a` (the same responsibility).
fn changes(
    names: &Names,
    [before_model, after_model]: [&RoleModel; 2],
    b: &Responsibility,
    a: &Responsibility,
) -> Vec<Change> {
    let mut out = Vec::new();
    let text = |field, before: Option<&String>, after: Option<&String>| {
        (before != after).then(|| Change::Text {
            field,
            before: before.cloned(),
            after: after.cloned(),
        })
    };
    out.extend(text("name", Some(&b.name), Some(&a.name)));
    out.extend(text(
        "description",
        b.description.as_ref(),
        a.description.as_ref(),
    ));
    out.extend(text("area", b.area.as_ref(), a.area.as_ref()));
    // Roles are compared by key: a role lost is one of BEFORE's model, a role gained one of
    // AFTER's (the same positions when both have the same model).
    let same_model = before_model == after_model;
    let lists = after_model.roles().map(|role| {
        let old = match same_model {
            true => Some(role),
            false => before_model.by_key(after_model.key(role)),
        };
        (old, Some(role))
    });
    let gone = (!same_model)
        .then(|| {
            before_model
                .roles()
                .filter(|&role| after_model.by_key(before_model.key(role)).is_none())
                .map(|role| (Some(role), None))
        })
        .into_iter()
        .flatten();
    for (old_role, new_role) in lists.chain(gone) {
        let old = old_role.map_or(&[][..], |role| b.role(role));
        let new = new_role.map_or(&[][..], |role| a.role(role));
        if old == new {
            continue;
        }
        if let Some(role) = new_role {
            for d in new.iter().filter(|d| !old.contains(d)) {
                out.push(Change::RoleGained {
                    department: names.department(d),
                    role,
                });
            }
        }
        if let Some(role) = old_role {
            for d in old.iter().filter(|d| !new.contains(d)) {
                out.push(Change::RoleLost {
                    department: names.department(d),
                    role,
                });
            }
        }
    }
    out.extend(text(
        "tie_breaker",
        b.tie_breaker.as_ref(),
        a.tie_breaker.as_ref(),
    ));
    if b.budget != a.budget {
        out.push(Change::Budget {
            before: b.budget,
            after: a.budget,
        });
    }
    for (id, before, after) in merge(&b.funding, &a.funding) {
        if before != after {
            out.push(Change::Funding {
                department: names.department(id),
                before: before.copied(),
                after: after.copied(),
            });
        }
    }
    for (id, before, after) in merge(b.claims.as_map(), a.claims.as_map()) {
        let (before, after) = (
            before.map_or(&[][..], |c| &c.0),
            after.map_or(&[][..], |c| &c.0),
        );
        // Each role claimed on either side, in BEFORE's order, then AFTER's new ones.
        let mut roles: Vec<Option<&str>> = Vec::with_capacity(before.len() + after.len());
        for c in before.iter().chain(after) {
            if !roles.contains(&c.role.as_deref()) {
                roles.push(c.role.as_deref());
            }
        }
        for role in roles {
            let find = |list: &[Claim]| list.iter().find(|c| c.role.as_deref() == role).cloned();
            let label = role.map(|key| role_label([before_model, after_model], key));
            out.extend(claim_change(
                names.department(id),
                label,
                find(before).as_ref(),
                find(after).as_ref(),
            ));
        }
    }
    match (&b.parked, &a.parked) {
        (None, Some(note)) => out.push(Change::Parked { note: note.clone() }),
        (Some(note), None) => out.push(Change::Unparked { note: note.clone() }),
        (Some(old), Some(new)) if old != new => out.push(Change::ParkNote {
            before: old.clone(),
            after: new.clone(),
        }),
        _ => {}
    }
    out.extend(text("notes", b.notes.as_ref(), a.notes.as_ref()));
    out
}

/// The name of the role `key`, AFTER's model first (the key itself if neither has it).
fn role_label([before, after]: [&RoleModel; 2], key: &str) -> String {
    [after, before]
        .into_iter()
        .find_map(|model| model.by_key(key).map(|r| model.label(r).to_owned()))
        .unwrap_or_else(|| key.to_owned())
}

fn claim_change(
    department: ItemRef,
    role: Option<String>,
    b: Option<&Claim>,
    a: Option<&Claim>,
) -> Option<Change> {
    Some(match (b, a) {
        (None, Some(a)) => Change::ClaimAdded {
            department,
            role,
            reason: a.reason.clone(),
            status: a.status,
            answer: a.answer.clone(),
        },
        (Some(b), None) => Change::ClaimWithdrawn {
            department,
            role,
            reason: b.reason.clone(),
        },
        (Some(b), Some(a)) if b == a => return None,
        (Some(b), Some(a)) if b.status != a.status && a.status == ClaimStatus::Open => {
            Change::ClaimReopened {
                department,
                role,
                reason: a.reason.clone(),
            }
        }
        (Some(b), Some(a)) if b.status != a.status => Change::ClaimSettled {
            department,
            role,
            reason: a.reason.clone(),
            status: a.status,
            answer: a.answer.clone(),
        },
        (Some(_), Some(a)) => Change::ClaimEdited {
            department,
            role,
            status: a.status,
            reason: a.reason.clone(),
            answer: a.answer.clone(),
        },
        (None, None) => return None,
    })
}

/// Walks two sorted maps together: every key with its value on each side.
fn merge<'a, V>(
    b: &'a BTreeMap<String, V>,
    a: &'a BTreeMap<String, V>,
) -> Vec<(&'a str, Option<&'a V>, Option<&'a V>)> {
    use std::cmp::Ordering;
    let mut out = Vec::with_capacity(b.len().max(a.len()));
    let (mut old, mut new) = (b.iter().peekable(), a.iter().peekable());
    loop {
        let order = match (old.peek(), new.peek()) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((kb, _)), Some((ka, _))) => kb.cmp(ka),
        };
        match order {
            Ordering::Less => {
                if let Some((k, v)) = old.next() {
                    out.push((k.as_str(), Some(v), None));
                }
            }
            Ordering::Greater => {
                if let Some((k, v)) = new.next() {
                    out.push((k.as_str(), None, Some(v)));
                }
            }
            Ordering::Equal => {
                if let (Some((k, vb)), Some((_, va))) = (old.next(), new.next()) {
                    out.push((k.as_str(), Some(vb), Some(va)));
                }
            }
        }
    }
    out
}
