//! Computing a [`Diff`]: one pass over each workspace, with hash maps by id.

use rustc_hash::FxHashMap as HashMap;

use super::departments::departments;
use super::responsibilities::responsibilities;
use super::{DecisionChange, Diff, FindingChange, InfoChange, ItemRef};
use crate::analysis::{Analysis, Finding, RuleId, analyze};
use crate::workspace::Workspace;

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
        before_model: before.model.clone(),
        after_model: after.model.clone(),
    }
}

/// Display names by id, AFTER's first, then BEFORE's.
pub(super) struct Names<'w> {
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

    pub(super) fn department(&self, id: &str) -> ItemRef {
        item(id, self.departments.get(id).copied())
    }

    fn responsibility(&self, id: &str) -> ItemRef {
        item(id, self.responsibilities.get(id).copied())
    }
}

pub(super) fn item(id: &str, name: Option<&str>) -> ItemRef {
    ItemRef {
        id: id.to_owned(),
        name: name.unwrap_or(id).to_owned(),
    }
}

fn info(before: &Workspace, after: &Workspace) -> Vec<InfoChange> {
    let (b, a) = (&before.info, &after.info);
    let fields: [(&'static str, Option<&String>, Option<&String>); 7] = [
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
        ("review_by", b.review_by.as_ref(), a.review_by.as_ref()),
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

type FindingKey<'a> = (RuleId, Option<&'a str>, Option<&'a str>);
pub(super) type PerResponsibility = HashMap<String, (Vec<FindingChange>, Vec<FindingChange>)>;

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
        waived: f.waived.as_ref().map(|w| w.reason.clone()),
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
