//! Conflict analysis: hot potatoes, contested decisions, silos, overload, unfunded work...
//!
//! [`analyze`] is a pure function of the workspace; it runs in linear time so the board can
//! re-run it on every change.

mod conflicts;
mod names;
mod review;
mod tally;
mod waivers;

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

pub use crate::rules::{RULES, RuleId, RuleInfo};
pub use names::{department_named, name_key, responsibility_named};
pub use review::{is_due, today};
pub use tally::Tally;
pub use waivers::Waived;

use crate::workspace::{Meaning, Responsibility, RoleSet, Severity, Workspace};

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
    /// Set when a `[[waiver]]` accepts the finding on purpose: it is listed, not counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waived: Option<Waived>,
}

/// All findings of a workspace, worst first, with fast access by responsibility.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Findings, worst first; within a severity in file order (responsibilities, then
    /// departments).
    pub findings: Vec<Finding>,
    /// The sort key of each finding, parallel to `findings` and sorted.
    keys: Vec<Key>,
    /// How many responsibilities the workspace had: groups at or past it are departments.
    responsibilities: usize,
    /// Who holds which role where.
    tally: Tally,
    /// The responsibilities' names, for `duplicate-name`.
    names: names::Names,
    /// Waivers whose finding no longer occurs, by position.
    stale_waivers: Vec<usize>,
    /// The day the analysis was made for (`YYYY-MM-DD`), for the date-bound rules
    /// (`review-due`); `None` leaves them out.
    today: Option<String>,
}

/// Orders findings: worst severity first, then by the item they are about (responsibilities in
/// file order, then departments), then in rule order within the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    severity: std::cmp::Reverse<Severity>,
    group: usize,
    sequence: usize,
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
    /// Findings accepted on purpose: listed, counted in none of the above.
    #[serde(skip_serializing_if = "is_zero")]
    pub waived: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Analysis {
    fn from_collector(collector: Collector<'_>, tally: Tally, names: names::Names) -> Self {
        let today = collector.today.clone();
        let (keys, findings) = collector.into_sorted();
        Analysis {
            findings,
            keys,
            responsibilities: tally.responsibilities(),
            tally,
            names,
            stale_waivers: Vec::new(),
            today,
        }
    }

    /// The day the analysis was made for, if it was given one (see [`analyze_on`]).
    pub fn today(&self) -> Option<&str> {
        self.today.as_deref()
    }

    /// Who holds which role where, kept up to date with the findings.
    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// The positions in `findings` of the findings of `group` with `severity`.
    fn band(&self, severity: Severity, group: usize) -> std::ops::Range<usize> {
        let at = |sequence| Key {
            severity: std::cmp::Reverse(severity),
            group,
            sequence,
        };
        let start = self.keys.partition_point(|k| *k < at(0));
        let end = self.keys.partition_point(|k| *k <= at(usize::MAX));
        start..end
    }

    /// Findings about the responsibility at `index`, worst first.
    pub fn for_responsibility(&self, index: usize) -> impl Iterator<Item = &Finding> {
        let index = if index < self.responsibilities {
            index
        } else {
            usize::MAX
        };
        Severity::WORST_FIRST
            .into_iter()
            .flat_map(move |severity| &self.findings[self.band(severity, index)])
    }

    /// For each finding, in order, the position of the responsibility it is about (`None` for
    /// department-wide ones): what [`Analysis::for_responsibility`] groups by, read in one pass.
    pub fn responsibility_positions(&self) -> impl ExactSizeIterator<Item = Option<usize>> + '_ {
        self.keys
            .iter()
            .map(|k| (k.group < self.responsibilities).then_some(k.group))
    }

    /// The worst severity among the findings of the responsibility at `index`.
    pub fn worst_for(&self, index: usize) -> Option<Severity> {
        self.for_responsibility(index).next().map(|f| f.severity)
    }

    /// Findings about a department that concern no particular responsibility.
    pub fn for_department<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings
            .iter()
            .filter(move |f| f.responsibility.is_none() && f.department.as_deref() == Some(id))
    }

    /// Like [`Analysis::for_department`] for the department at `position` in the workspace
    /// analysed, worst first, without a pass over all findings (what the board's column titles
    /// read).
    pub fn for_department_at(&self, position: usize) -> impl Iterator<Item = &Finding> {
        let group = self.responsibilities.saturating_add(position);
        Severity::WORST_FIRST
            .into_iter()
            .flat_map(move |severity| &self.findings[self.band(severity, group)])
    }

    /// How many findings of each severity there are.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for finding in &self.findings {
            if finding.waived.is_some() {
                summary.waived += 1;
                continue;
            }
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.info += 1,
            }
        }
        summary
    }

    /// Brings the analysis up to date after only the responsibility at `index` changed (as a
    /// move does): its findings and the department-wide ones are recomputed, the rest kept.
    /// Gives exactly what [`analyze`] would, in a fraction of the time on large workspaces.
    pub fn update_responsibility(&mut self, workspace: &Workspace, index: usize) {
        let count = workspace.responsibilities.len();
        let Some(responsibility) = workspace.responsibilities.get(index) else {
            *self = analyze_on(workspace, self.today.as_deref());
            return;
        };
        // A renamed responsibility may start or end a duplicate elsewhere: analyse it all.
        if count != self.responsibilities
            || self.tally.responsibilities() != count
            || self.tally.departments() != workspace.departments.len()
            || self.names.hashes.get(index) != Some(&names::name_hash(&responsibility.name))
        {
            *self = analyze_on(workspace, self.today.as_deref());
            return;
        }
        self.tally
            .update(index, responsibility, &workspace.department_positions());
        let mut collector = Collector::new(workspace, self.today.as_deref());
        collector.responsibility(index, responsibility);
        collector.responsibility_name(index, responsibility, self.names.shared(index));
        collector.departments(&self.tally);
        let mut fresh = collector.into_pairs();
        fresh.sort_by_key(|(key, _)| *key);
        // One pass: the findings kept and the fresh ones, merged in key order.
        let stale = |key: &Key| key.group == index || key.group >= count;
        let keys = std::mem::take(&mut self.keys);
        let findings = std::mem::take(&mut self.findings);
        self.keys.reserve(keys.len() + fresh.len());
        self.findings.reserve(keys.len() + fresh.len());
        let mut fresh = fresh.into_iter().peekable();
        for (key, finding) in keys.into_iter().zip(findings) {
            if stale(&key) {
                continue;
            }
            while let Some((k, f)) = fresh.next_if(|(k, _)| *k < key) {
                self.keys.push(k);
                self.findings.push(f);
            }
            self.keys.push(key);
            self.findings.push(finding);
        }
        for (k, f) in fresh {
            self.keys.push(k);
            self.findings.push(f);
        }
        if !workspace.waivers.is_empty() || !self.stale_waivers.is_empty() {
            self.mark_waivers(workspace);
        }
    }
}

/// Finds every conflict in `workspace`, honouring its `[rules]` settings; the rules bound to a
/// date (`review-due`) are left out: see [`analyze_on`].
pub fn analyze(workspace: &Workspace) -> Analysis {
    analyze_on(workspace, None)
}

/// [`analyze`] on the day `today` (`YYYY-MM-DD`), with the rules bound to a date: `review-due`
/// when the workspace's review date is before it.
pub fn analyze_on(workspace: &Workspace, today: Option<&str>) -> Analysis {
    let mut collector = Collector::new(workspace, today);
    // One pass over the responsibilities for the findings and the tally, so each one's role
    // lists are read while they are at hand.
    let positions = workspace.department_positions();
    let mut tally = Tally::empty(workspace);
    let names = names::Names::new(workspace);
    for (index, responsibility) in workspace.responsibilities.iter().enumerate() {
        tally.push(responsibility, &positions);
        collector.responsibility(index, responsibility);
        collector.responsibility_name(index, responsibility, names.shared(index));
    }
    collector.departments(&tally);
    let mut analysis = Analysis::from_collector(collector, tally, names);
    analysis.mark_waivers(workspace);
    analysis
}

/// Each department's position and name by id; the first of a repeated id.
fn department_names(workspace: &Workspace) -> HashMap<&str, (usize, &str)> {
    let mut names = HashMap::default();
    names.reserve(workspace.departments.len());
    for (i, d) in workspace.departments.iter().enumerate() {
        names.entry(d.id.as_str()).or_insert((i, d.name.as_str()));
    }
    names
}

struct Collector<'w> {
    workspace: &'w Workspace,
    /// The findings so far, in one band per severity (worst first), each in the order found.
    bands: [(Vec<Key>, Vec<Finding>); 3],
    /// The item of the last finding and how many findings it has so far.
    group: Option<(usize, usize)>,
    /// Whether items came in order (each band is then already in key order).
    in_order: bool,
    /// Department positions and names by id (the first of a repeated id, as
    /// [`Workspace::department`] finds it), so findings need no linear search.
    names: HashMap<&'w str, (usize, &'w str)>,
    /// Merge conflicts by the item they concern.
    conflicts: conflicts::ByItem<'w>,
    /// The day of the analysis, for the rules bound to a date.
    today: Option<String>,
}

impl<'w> Collector<'w> {
    fn new(workspace: &'w Workspace, today: Option<&str>) -> Self {
        Collector {
            workspace,
            today: today.map(str::to_owned),
            bands: Default::default(),
            group: None,
            in_order: true,
            names: department_names(workspace),
            conflicts: conflicts::ByItem::new(workspace),
        }
    }

    /// The findings as (key, finding) pairs, in no particular order.
    fn into_pairs(self) -> Vec<(Key, Finding)> {
        (self.bands.into_iter())
            .flat_map(|(keys, findings)| keys.into_iter().zip(findings))
            .collect()
    }

    /// The keys and the findings in key order. Findings are collected item by item, so the
    /// bands are usually in order already and are just put one after the other, in time
    /// proportional to their number; any other order is sorted.
    fn into_sorted(self) -> (Vec<Key>, Vec<Finding>) {
        if !self.in_order {
            let mut pairs = self.into_pairs();
            pairs.sort_by_key(|(key, _)| *key);
            return pairs.into_iter().unzip();
        }
        let [(mut keys, mut findings), warnings, info] = self.bands;
        for (more_keys, more_findings) in [warnings, info] {
            keys.extend(more_keys);
            findings.extend(more_findings);
        }
        (keys, findings)
    }

    /// The display name of a department id, falling back to the id itself.
    fn name(&self, id: &'w str) -> &'w str {
        self.names.get(id).map_or(id, |&(_, name)| name)
    }

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

    /// Records a finding about responsibility `owner` (or, without one, about `department`).
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
        let ws = self.workspace;
        let group = match (owner, department) {
            (Some(index), _) => index,
            (None, Some(id)) => {
                let position = self.names.get(id).map_or(0, |&(position, _)| position);
                ws.responsibilities.len() + position
            }
            (None, None) => usize::MAX,
        };
        // Findings of one item are pushed together: `sequence` is the position within the item.
        let sequence = match self.group {
            Some((last, count)) if last == group => count,
            Some((last, _)) => {
                self.in_order &= last < group;
                0
            }
            None => 0,
        };
        self.group = Some((group, sequence + 1));
        let key = Key {
            severity: std::cmp::Reverse(severity),
            group,
            sequence,
        };
        let band = Severity::WORST_FIRST
            .iter()
            .position(|&s| s == severity)
            .unwrap_or(0);
        let (keys, findings) = &mut self.bands[band];
        keys.push(key);
        findings.push(Finding {
            rule,
            severity,
            responsibility: owner.map(|i| ws.responsibilities[i].id.clone()),
            department: department.map(str::to_owned),
            message: message(),
            waived: None,
        });
    }

    fn names<'a>(&self, ids: impl Iterator<Item = &'a str>) -> String {
        let names: Vec<&str> = ids
            .map(|id| self.names.get(id).map_or(id, |&(_, name)| name))
            .collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    }

    fn money(&self, amount: f64) -> String {
        crate::workspace::format_money(amount, self.workspace.info.currency.as_deref())
    }

    fn responsibility(&mut self, index: usize, r: &'w Responsibility) {
        self.responsibility_conflicts(index, r);
        let name = &r.name;
        let model = &self.workspace.model;
        let raci = model.is_raci();
        if !r.anyone(model, Meaning::Answers) {
            self.push(RuleId::HotPotato, Some(index), None, || {
                if raci {
                    format!("Nobody is accountable for \"{name}\": it is a hot potato until a department decides and answers for it.")
                } else {
                    let role = model.label(model.answering());
                    format!("Nobody answers for \"{name}\" ({role}): it is a hot potato until a department answers for it.")
                }
            });
        }
        if model.decides_apart() && !r.anyone(model, Meaning::Decides) {
            let role = model
                .first_with(Meaning::Decides)
                .map_or("", |role| model.label(role));
            self.push(RuleId::Undecided, Some(index), None, || {
                format!(
                    "Nobody decides \"{name}\" ({role}): name the department that makes the call."
                )
            });
        }
        let deciders = r.holders(model, Meaning::Decides);
        if deciders.len() >= 2 && r.tie_breaker_text().is_none() {
            let owners = self.names(deciders.iter().copied());
            let all = if deciders.len() == 2 { "both" } else { "all" };
            self.push(RuleId::Contested, Some(index), None, || {
                if raci {
                    format!("{owners} are {all} accountable for \"{name}\" with no tie-breaker: agree how they settle a disagreement.")
                } else {
                    format!("{owners} {all} decide \"{name}\" with no tie-breaker: agree how they settle a disagreement.")
                }
            });
        }
        if let Some(doing) = model.doing()
            && !r.anyone(model, Meaning::Does)
        {
            self.push(RuleId::NoDoer, Some(index), None, || {
                if raci {
                    format!(
                        "Nobody is responsible for \"{name}\": name the department that does the work."
                    )
                } else {
                    let role = model.label(doing);
                    format!("Nobody does \"{name}\" ({role}): name the department that does the work.")
                }
            });
        }
        let owning = model.with(Meaning::Answers).0
            | model.with(Meaning::Decides).0
            | model.with(Meaning::Does).0;
        // One finding per claimant: a claim on a role is unresolved while the claimant does not
        // hold it, one on no particular role while it neither answers for, decides nor does it.
        for (department, claims) in r.claims.by_department() {
            let mut roles: Vec<&str> = Vec::new();
            let mut any = false;
            for claim in claims.iter().filter(|c| c.is_open()) {
                match claim.role.as_deref().map(|key| (key, model.by_key(key))) {
                    Some((_, Some(role))) if r.has(role, department) => {}
                    Some((key, role)) => roles.push(role.map_or(key, |role| model.label(role))),
                    None => any |= !RoleSet(owning).iter().any(|role| r.has(role, department)),
                }
            }
            if roles.is_empty() && !any {
                continue;
            }
            let who = self.name(department);
            self.push(RuleId::UnresolvedClaim, Some(index), Some(department), || {
                if !roles.is_empty() {
                    format!(
                        "{who} claims to be {} for \"{name}\" and is not: accept or decline the claim.",
                        roles.join(" and ")
                    )
                } else if raci {
                    format!("{who} claims \"{name}\" but is neither accountable nor responsible for it: accept or decline the claim.")
                } else {
                    format!("{who} claims \"{name}\" but neither answers for, decides nor does it: accept or decline the claim.")
                }
            });
        }
        // Silo: every role entry names one and the same department.
        let mut entries = model
            .roles()
            .flat_map(|role| r.role(role))
            .map(String::as_str);
        let only = entries
            .next()
            .filter(|first| entries.all(|other| other == *first));
        if let Some(only) = only {
            let who = self.name(only);
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
                let who = self.name(only);
                self.push(RuleId::SingleFunder, Some(index), Some(only), || {
                    format!("Only {who} funds \"{name}\": a shared budget broadens support.")
                });
            }
        }
    }

    /// The findings about departments: overload and absence, from the counts in `tally`,
    /// and the merge conflicts about the workspace and each department.
    fn departments(&mut self, tally: &Tally) {
        self.workspace_conflicts();
        self.review();
        let ws = self.workspace;
        let count = ws.departments.len();
        if count == 0 {
            return;
        }
        let total: usize = (0..count).map(|i| tally.accountable(i)).sum();
        let mean = total as f64 / count as f64;
        let names = names::department_names(ws);
        for (i, department) in ws.departments.iter().enumerate() {
            self.department_conflicts(department);
            let held = tally.accountable(i);
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
                let raci = ws.model.is_raci();
                self.push(RuleId::Overload, None, Some(&department.id), || {
                    if raci {
                        format!(
                            "{who} is accountable for {held} responsibilities ({why}): share the load."
                        )
                    } else {
                        format!("{who} answers for {held} responsibilities ({why}): share the load.")
                    }
                });
            }
            if !tally.involved(i) {
                let who = &department.name;
                self.push(RuleId::Absent, None, Some(&department.id), || {
                    format!("{who} holds no role anywhere: it has no part in the charter yet.")
                });
            }
            self.department_name(i, &names);
        }
    }
}

#[cfg(test)]
mod tests;
