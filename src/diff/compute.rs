//! Computing a [`Diff`]: one pass over each workspace, with hash maps by id.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use super::{
    Change, DecisionChange, DepartmentChange, DepartmentField, Diff, FindingChange, InfoChange,
    ItemRef, Presence, ResponsibilityChange,
};
use crate::analysis::{Analysis, Finding, RuleId, analyze};
use crate::signoff::{Parts, SignState};
use crate::workspace::{Claim, ClaimStatus, Department, Responsibility, Role, Workspace};

/// Compares `before` with `after`, analysing both for the findings resolved and introduced.
pub fn diff(before: &Workspace, after: &Workspace) -> Diff {
    diff_with_analyses(before, &analyze(before), after, &analyze(after))
}

/// Like [`diff`], with analyses the caller already has (`analyze(before)`, `analyze(after)`).
pub fn diff_with_analyses(
    before: &Workspace,
    before_analysis: &Analysis,
    after: &Workspace,
    after_analysis: &Analysis,
) -> Diff {
    let names = Names::new(before, after);
    let (mut by_responsibility, findings_resolved, findings_introduced) =
        findings(&names, before_analysis, after_analysis);
    let (decisions_added, decisions_removed) = decisions(&names, before, after);
    let responsibilities = responsibilities(&names, before, after, &mut by_responsibility);
    Diff {
        info: info(before, after),
        departments: departments(before, after),
        responsibilities,
        decisions_added,
        decisions_removed,
        findings_resolved,
        findings_introduced,
    }
}

/// Display names by id, AFTER's first, then BEFORE's.
struct Names<'w> {
    departments: HashMap<&'w str, &'w str>,
    responsibilities: HashMap<&'w str, &'w str>,
}

impl<'w> Names<'w> {
    fn new(before: &'w Workspace, after: &'w Workspace) -> Self {
        let mut departments = HashMap::default();
        let mut responsibilities = HashMap::default();
        for ws in [before, after] {
            departments.extend(
                ws.departments
                    .iter()
                    .map(|d| (d.id.as_str(), d.name.as_str())),
            );
            responsibilities.extend(
                ws.responsibilities
                    .iter()
                    .map(|r| (r.id.as_str(), r.name.as_str())),
            );
        }
        Names {
            departments,
            responsibilities,
        }
    }

    fn department(&self, id: &str) -> ItemRef {
        item(id, self.departments.get(id).copied())
    }

    fn responsibility(&self, id: &str) -> ItemRef {
        item(id, self.responsibilities.get(id).copied())
    }
}

fn item(id: &str, name: Option<&str>) -> ItemRef {
    ItemRef {
        id: id.to_owned(),
        name: name.unwrap_or(id).to_owned(),
    }
}

fn info(before: &Workspace, after: &Workspace) -> Vec<InfoChange> {
    let (b, a) = (&before.info, &after.info);
    let fields: [(&'static str, Option<&String>, Option<&String>); 6] = [
        ("name", Some(&b.name), Some(&a.name)),
        (
            "organization",
            b.organization.as_ref(),
            a.organization.as_ref(),
        ),
        (
            "facilitator",
            b.facilitator.as_ref(),
            a.facilitator.as_ref(),
        ),
        ("purpose", b.purpose.as_ref(), a.purpose.as_ref()),
        ("date", b.date.as_ref(), a.date.as_ref()),
        ("currency", b.currency.as_ref(), a.currency.as_ref()),
    ];
    fields
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(field, b, a)| InfoChange {
            field,
            before: b.cloned(),
            after: a.cloned(),
        })
        .collect()
}

fn departments(before: &Workspace, after: &Workspace) -> Vec<DepartmentChange> {
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

type FindingKey<'a> = (RuleId, Option<&'a str>, Option<&'a str>);
type PerResponsibility = HashMap<String, (Vec<FindingChange>, Vec<FindingChange>)>;

fn key(f: &Finding) -> FindingKey<'_> {
    (f.rule, f.responsibility.as_deref(), f.department.as_deref())
}

/// Findings only in one analysis: those about a responsibility by its id (resolved, introduced),
/// then the others (resolved, introduced).
fn findings(
    names: &Names,
    before: &Analysis,
    after: &Analysis,
) -> (PerResponsibility, Vec<FindingChange>, Vec<FindingChange>) {
    let mut grouped = PerResponsibility::default();
    let mut resolved = Vec::new();
    let mut introduced = Vec::new();
    for (gone, from, to) in [(true, before, after), (false, after, before)] {
        let mut remaining: HashMap<FindingKey, usize> = HashMap::default();
        for f in &to.findings {
            *remaining.entry(key(f)).or_default() += 1;
        }
        for f in &from.findings {
            match remaining.get_mut(&key(f)) {
                Some(n) if *n > 0 => *n -= 1,
                _ => {
                    let change = finding_change(names, f);
                    let list = match &f.responsibility {
                        Some(id) => {
                            let entry = grouped.entry(id.clone()).or_default();
                            if gone { &mut entry.0 } else { &mut entry.1 }
                        }
                        None if gone => &mut resolved,
                        None => &mut introduced,
                    };
                    list.push(change);
                }
            }
        }
    }
    (grouped, resolved, introduced)
}

fn finding_change(names: &Names, f: &Finding) -> FindingChange {
    FindingChange {
        rule: f.rule,
        severity: f.severity,
        responsibility: f
            .responsibility
            .as_deref()
            .map(|id| names.responsibility(id)),
        department: f.department.as_deref().map(|id| names.department(id)),
        message: f.message.clone(),
    }
}

fn decisions(
    names: &Names,
    before: &Workspace,
    after: &Workspace,
) -> (Vec<DecisionChange>, Vec<DecisionChange>) {
    let mut lists = [Vec::new(), Vec::new()];
    for (list, from, to) in [(0, after, before), (1, before, after)] {
        let mut remaining: HashMap<(&str, Option<&str>, &str), usize> = HashMap::default();
        for d in &to.decisions {
            let k = (
                d.date.as_str(),
                d.responsibility.as_deref(),
                d.text.as_str(),
            );
            *remaining.entry(k).or_default() += 1;
        }
        for d in &from.decisions {
            let k = (
                d.date.as_str(),
                d.responsibility.as_deref(),
                d.text.as_str(),
            );
            match remaining.get_mut(&k) {
                Some(n) if *n > 0 => *n -= 1,
                _ => lists[list].push(DecisionChange {
                    date: d.date.clone(),
                    responsibility: d
                        .responsibility
                        .as_deref()
                        .map(|id| names.responsibility(id)),
                    text: d.text.clone(),
                }),
            }
        }
    }
    let [added, removed] = lists;
    (added, removed)
}

fn responsibilities(
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
            Some(b) if *b == r => push(r, Presence::Changed, Vec::new()),
            Some(b) => push(r, Presence::Changed, changes(names, b, r)),
            None => {
                let blank = Responsibility {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    ..Responsibility::default()
                };
                push(r, Presence::Added, changes(names, &blank, r));
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
fn changes(names: &Names, b: &Responsibility, a: &Responsibility) -> Vec<Change> {
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
    for role in Role::ALL {
        let (old, new) = (b.role(role), a.role(role));
        if old == new {
            continue;
        }
        for d in new.iter().filter(|d| !old.contains(d)) {
            out.push(Change::RoleGained {
                department: names.department(d),
                role,
            });
        }
        for d in old.iter().filter(|d| !new.contains(d)) {
            out.push(Change::RoleLost {
                department: names.department(d),
                role,
            });
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
    for (id, before, after) in merge(&b.claims, &a.claims) {
        out.extend(claim_change(names.department(id), before, after));
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

fn claim_change(department: ItemRef, b: Option<&Claim>, a: Option<&Claim>) -> Option<Change> {
    Some(match (b, a) {
        (None, Some(a)) => Change::ClaimAdded {
            department,
            reason: a.reason.clone(),
            status: a.status,
            answer: a.answer.clone(),
        },
        (Some(b), None) => Change::ClaimWithdrawn {
            department,
            reason: b.reason.clone(),
        },
        (Some(b), Some(a)) if b == a => return None,
        (Some(b), Some(a)) if b.status != a.status && a.status == ClaimStatus::Open => {
            Change::ClaimReopened {
                department,
                reason: a.reason.clone(),
            }
        }
        (Some(b), Some(a)) if b.status != a.status => Change::ClaimSettled {
            department,
            reason: a.reason.clone(),
            status: a.status,
            answer: a.answer.clone(),
        },
        (Some(_), Some(a)) => Change::ClaimEdited {
            department,
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
