//! Conflict analysis: hot potatoes, contested decisions, silos, overload, unfunded work...
//!
//! [`analyze`] is a pure function of the workspace; it runs in linear time so the board can
//! re-run it on every change.

mod rules;

use serde::Serialize;

pub use rules::{RULES, RuleId, RuleInfo};

use crate::workspace::{Responsibility, Role, Severity, Workspace, format_amount};

/// One conflict found in a workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// The responsibility concerned, by id.
    pub responsibility: Option<String>,
    /// The department concerned, by id.
    pub department: Option<String>,
    /// A sentence a workshop can read aloud.
    pub message: String,
}

/// All findings of a workspace, worst first, with an index by responsibility.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Findings, worst first; within a severity in file order.
    pub findings: Vec<Finding>,
    /// For each responsibility (by position), the positions of its findings in `findings`.
    by_responsibility: Vec<Vec<usize>>,
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
}

impl Analysis {
    /// Findings about the responsibility at `index`, worst first.
    pub fn for_responsibility(&self, index: usize) -> impl Iterator<Item = &Finding> {
        self.by_responsibility
            .get(index)
            .into_iter()
            .flatten()
            .map(|&i| &self.findings[i])
    }

    /// The worst severity among the findings of the responsibility at `index`.
    pub fn worst_for(&self, index: usize) -> Option<Severity> {
        self.for_responsibility(index).map(|f| f.severity).max()
    }

    /// Findings about a department that concern no particular responsibility.
    pub fn for_department<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings
            .iter()
            .filter(move |f| f.responsibility.is_none() && f.department.as_deref() == Some(id))
    }

    /// How many findings of each severity there are.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for finding in &self.findings {
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.info += 1,
            }
        }
        summary
    }
}

/// Finds every conflict in `workspace`, honouring its `[rules]` settings.
pub fn analyze(workspace: &Workspace) -> Analysis {
    let mut collector = Collector {
        workspace,
        findings: Vec::new(),
        owners: Vec::new(),
    };
    for (index, responsibility) in workspace.responsibilities.iter().enumerate() {
        collector.responsibility(index, responsibility);
    }
    collector.departments();
    let Collector {
        findings, owners, ..
    } = collector;

    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(findings[i].severity));
    let mut by_responsibility = vec![Vec::new(); workspace.responsibilities.len()];
    let mut sorted = Vec::with_capacity(findings.len());
    let mut owner_of = Vec::with_capacity(findings.len());
    let mut findings: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    for i in order {
        if let Some(finding) = findings[i].take() {
            owner_of.push(owners[i]);
            sorted.push(finding);
        }
    }
    for (position, owner) in owner_of.into_iter().enumerate() {
        if let Some(index) = owner {
            by_responsibility[index].push(position);
        }
    }
    Analysis {
        findings: sorted,
        by_responsibility,
    }
}

struct Collector<'w> {
    workspace: &'w Workspace,
    findings: Vec<Finding>,
    /// The responsibility position each finding belongs to.
    owners: Vec<Option<usize>>,
}

impl Collector<'_> {
    fn severity(&self, rule: RuleId) -> Option<Severity> {
        let rules = &self.workspace.rules;
        if rules.disable.iter().any(|d| d == rule.as_str()) {
            return None;
        }
        Some(
            rules
                .severity
                .get(rule.as_str())
                .copied()
                .unwrap_or(rule.info().default_severity),
        )
    }

    fn push(
        &mut self,
        rule: RuleId,
        owner: Option<usize>,
        department: Option<&str>,
        message: impl FnOnce() -> String,
    ) {
        let Some(severity) = self.severity(rule) else {
            return;
        };
        let responsibility = owner.map(|i| self.workspace.responsibilities[i].id.clone());
        self.findings.push(Finding {
            rule,
            severity,
            responsibility,
            department: department.map(str::to_owned),
            message: message(),
        });
        self.owners.push(owner);
    }

    fn names(&self, ids: &[String]) -> String {
        let names: Vec<&str> = ids
            .iter()
            .map(|id| self.workspace.department_name(id))
            .collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    }

    fn money(&self, amount: f64) -> String {
        match &self.workspace.info.currency {
            Some(currency) if !currency.is_empty() => {
                format!("{} {currency}", format_amount(amount))
            }
            _ => format_amount(amount),
        }
    }

    fn responsibility(&mut self, index: usize, r: &Responsibility) {
        let ws = self.workspace;
        let name = &r.name;
        if r.accountable.is_empty() {
            self.push(RuleId::HotPotato, Some(index), None, || {
                format!("Nobody is accountable for \"{name}\": it is a hot potato until a department decides and answers for it.")
            });
        }
        if r.accountable.len() >= 2 && r.tie_breaker_text().is_none() {
            let owners = self.names(&r.accountable);
            let all = if r.accountable.len() == 2 {
                "both"
            } else {
                "all"
            };
            self.push(RuleId::Contested, Some(index), None, || {
                format!("{owners} are {all} accountable for \"{name}\" with no tie-breaker: agree how they settle a disagreement.")
            });
        }
        if r.responsible.is_empty() {
            self.push(RuleId::NoDoer, Some(index), None, || {
                format!(
                    "Nobody is responsible for \"{name}\": name the department that does the work."
                )
            });
        }
        for department in r.claims.keys() {
            if !r.has(Role::Accountable, department) && !r.has(Role::Responsible, department) {
                let who = ws.department_name(department);
                self.push(RuleId::UnresolvedClaim, Some(index), Some(department), || {
                    format!("{who} claims \"{name}\" but is neither accountable nor responsible for it: accept or decline the claim.")
                });
            }
        }
        let mut involved: Vec<&str> = Role::ALL
            .iter()
            .flat_map(|&role| r.role(role))
            .map(String::as_str)
            .collect();
        involved.sort_unstable();
        involved.dedup();
        if let [only] = involved.as_slice() {
            let who = ws.department_name(only);
            self.push(RuleId::Silo, Some(index), Some(only), || {
                format!("{who} alone does, decides and hears about \"{name}\": consult or inform another department.")
            });
        }
        if let Some(budget) = r.budget.filter(|&b| b > 0.0) {
            let funded = r.funded();
            if funded < budget {
                let (budget_text, funded_text) = (self.money(budget), self.money(funded));
                self.push(RuleId::Underfunded, Some(index), None, || {
                    format!("\"{name}\" has a budget of {budget_text} but its funding covers only {funded_text}.")
                });
            }
            let mut funders = r.funding.iter().filter(|(_, amount)| **amount > 0.0);
            if let (Some((only, _)), None) = (funders.next(), funders.next()) {
                let who = ws.department_name(only);
                self.push(RuleId::SingleFunder, Some(index), Some(only), || {
                    format!("Only {who} funds \"{name}\": a shared budget broadens support.")
                });
            }
        }
    }

    fn departments(&mut self) {
        let ws = self.workspace;
        let count = ws.departments.len();
        if count == 0 {
            return;
        }
        let mut accountable = vec![0usize; count];
        let mut involved = vec![false; count];
        let position: std::collections::HashMap<&str, usize> = ws
            .departments
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        for r in &ws.responsibilities {
            for role in Role::ALL {
                for id in r.role(role) {
                    if let Some(&i) = position.get(id.as_str()) {
                        involved[i] = true;
                        if role == Role::Accountable {
                            accountable[i] += 1;
                        }
                    }
                }
            }
        }
        let total: usize = accountable.iter().sum();
        let mean = total as f64 / count as f64;
        for (i, department) in ws.departments.iter().enumerate() {
            let held = accountable[i];
            let limit = ws.rules.max_accountable;
            let overloaded = match limit {
                Some(max) => held > max as usize,
                None => held >= 3 && held as f64 > 2.0 * mean,
            };
            if overloaded {
                let why = match limit {
                    Some(max) => format!("the limit is {max}"),
                    None => format!("the mean is {mean:.1} per department"),
                };
                let who = &department.name;
                self.push(RuleId::Overload, None, Some(&department.id), || {
                    format!(
                        "{who} is accountable for {held} responsibilities ({why}): share the load."
                    )
                });
            }
            if !involved[i] {
                let who = &department.name;
                self.push(RuleId::Absent, None, Some(&department.id), || {
                    format!("{who} holds no role anywhere: it has no part in the charter yet.")
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
