//! What every section of the charter needs: the workspace and its analysis, with the lookups
//! that need no pass over the responsibilities (the one pass is in [`super::walk`]).

use std::cell::OnceCell;

use rustc_hash::FxHashMap;

use crate::analysis::{Analysis, Tally};
use crate::signoff::Parts;
use crate::workspace::{Decision, Workspace};

use super::{department_label, field};

/// What every section needs: the workspace and its analysis, with lookups built once so that
/// large workspaces export in linear time.
pub(super) struct Ctx<'a> {
    pub(super) ws: &'a Workspace,
    pub(super) analysis: &'a Analysis,
    /// Escaped department labels, by department position.
    pub(super) department_labels: Vec<String>,
    /// Department positions by id (the last one of a repeated id).
    pub(super) departments: FxHashMap<&'a str, usize>,
    /// The analysis' tally when it is the workspace's: who holds which role, by position.
    pub(super) tally: Option<&'a Tally>,
    /// The escaped currency, if any.
    pub(super) currency: Option<String>,
    /// Responsibility positions by id (the last one of a repeated id), built when first needed.
    pub(super) responsibilities: OnceCell<FxHashMap<&'a str, usize>>,
    /// Decisions about one responsibility id each, oldest first.
    decisions: Vec<Vec<&'a Decision>>,
    /// The entry in `decisions` of each responsibility id decided about.
    pub(super) decision_groups: FxHashMap<&'a str, u32>,
    /// Positions in the analysis' findings, by responsibility: those of the responsibility at
    /// position `i` are `finding_list[finding_starts[i]..finding_starts[i + 1]]`, worst first.
    finding_list: Vec<u32>,
    finding_starts: Vec<u32>,
    /// The fingerprints of the departments' parts, built when first needed.
    parts: OnceCell<Parts>,
    /// Where the decision log is, as a link target (`#decision-log`).
    pub(super) log_link: String,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(ws: &'a Workspace, analysis: &'a Analysis) -> Self {
        let mut decision_groups: FxHashMap<&str, u32> = FxHashMap::default();
        let mut decisions: Vec<Vec<&Decision>> = Vec::new();
        for d in &ws.decisions {
            if let Some(id) = d.responsibility.as_deref() {
                let group = *decision_groups.entry(id).or_insert_with(|| {
                    decisions.push(Vec::new());
                    (decisions.len() - 1) as u32
                });
                decisions[group as usize].push(d);
            }
        }
        let count = ws.responsibilities.len();
        let (finding_list, finding_starts) = findings_by_responsibility(analysis, count);
        Ctx {
            ws,
            analysis,
            department_labels: ws.departments.iter().map(department_label).collect(),
            departments: ws.department_positions(),
            tally: Some(analysis.tally()).filter(|tally| {
                tally.responsibilities() == count && tally.departments() == ws.departments.len()
            }),
            currency: field(ws.info.currency.as_deref()),
            responsibilities: OnceCell::new(),
            decisions,
            decision_groups,
            finding_list,
            finding_starts,
            parts: OnceCell::new(),
            log_link: "#decision-log".to_owned(),
        }
    }

    /// The decisions about the responsibility id `id`, oldest first, and their entry in
    /// [`Ctx::decision_groups`]; `None` when there are none.
    pub(super) fn decisions_about(&self, id: &str) -> Option<(u32, &[&'a Decision])> {
        if self.decisions.is_empty() {
            return None;
        }
        let group = *self.decision_groups.get(id)?;
        Some((group, &self.decisions[group as usize]))
    }

    /// The analysis' tally when it is the workspace's, else one made now into `fresh`.
    pub(super) fn tally_or<'t>(&'t self, fresh: &'t mut Option<Tally>) -> &'t Tally {
        match self.tally {
            Some(tally) => tally,
            None => fresh.insert(Tally::new(self.ws, &self.ws.department_positions())),
        }
    }

    /// The fingerprints of the departments' parts, computed once and only when a signature
    /// carries one (the others need none to tell where they stand).
    pub(super) fn parts(&self) -> &Parts {
        self.parts.get_or_init(|| {
            let fingerprinted = (self.ws.departments.iter())
                .any(|d| d.signed.as_ref().is_some_and(|s| s.part.is_some()));
            if fingerprinted {
                Parts::new(self.ws)
            } else {
                Parts::default()
            }
        })
    }

    /// Positions in the analysis' findings of those about the responsibility at `index`,
    /// worst first (as [`Analysis::for_responsibility`] gives them).
    pub(super) fn findings_about(&self, index: usize) -> &[u32] {
        match (
            self.finding_starts.get(index),
            self.finding_starts.get(index + 1),
        ) {
            (Some(&start), Some(&end)) => &self.finding_list[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// The positions in `analysis.findings` of the findings about each of `count` responsibilities,
/// grouped by responsibility in one pass (a counting sort): the list and where each
/// responsibility's part starts (`count + 1` entries). Within a responsibility they keep the
/// analysis' order, worst first.
fn findings_by_responsibility(analysis: &Analysis, count: usize) -> (Vec<u32>, Vec<u32>) {
    let mut starts = vec![0u32; count + 1];
    for position in analysis.responsibility_positions().flatten() {
        if position < count {
            starts[position + 1] += 1;
        }
    }
    for i in 0..count {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut list = vec![0u32; starts[count] as usize];
    for (finding, position) in analysis.responsibility_positions().enumerate() {
        if let Some(position) = position.filter(|&p| p < count) {
            list[next[position] as usize] = finding as u32;
            next[position] += 1;
        }
    }
    (list, starts)
}

/// Responsibility positions by id, the last one of a repeated id.
pub(super) fn positions_by_id(ws: &Workspace) -> FxHashMap<&str, usize> {
    ws.responsibilities
        .iter()
        .enumerate()
        .map(|(index, r)| (r.id.as_str(), index))
        .collect()
}
