//! The workshop's agenda: a walk through the open findings, one at a time, in an order that
//! stays put while the room settles them ("finding 3 of 16, 2 settled").
//!
//! Items keep their place once listed: settling the current one never shifts the rest, so the
//! walk never skips an item. Findings that appear later join at the end. Findings about a
//! parked responsibility leave the walk until it is un-parked.

use rustc_hash::FxHashSet;

use crate::analysis::{Analysis, Finding, RuleId};
use crate::workspace::Workspace;

/// What identifies a finding across changes: its rule and what it is about.
pub type ItemKey = (RuleId, Option<String>, Option<String>);

fn key(finding: &Finding) -> ItemKey {
    (
        finding.rule,
        finding.responsibility.clone(),
        finding.department.clone(),
    )
}

/// Where the room stands in the walk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    /// The current item's place (1-based) among the items not parked, once the walk started.
    pub position: Option<usize>,
    /// Items in the walk (open or settled, not parked).
    pub total: usize,
    /// Items settled since they were listed.
    pub settled: usize,
    /// Open items left out because their responsibility is parked (settled ones still count
    /// as settled).
    pub parked: usize,
    /// Items the room accepted on purpose (waived), out of the walk.
    pub waived: usize,
    /// The walk started (`n`), though its current item may have left it (waived, parked).
    pub walking: bool,
}

impl Standing {
    /// "finding 3 of 16 · 2 settled · 1 parked", or "16 findings to walk" before the walk.
    pub fn describe(&self) -> String {
        let all_settled = self.total > 0 && self.settled == self.total;
        let mut text = match self.position {
            Some(position) => format!("finding {position} of {}", self.total),
            None if all_settled => {
                format!("all {} settled", self.total)
            }
            None if self.walking => {
                format!("{} open of {}", self.total - self.settled, self.total)
            }
            None => format!(
                "{} finding{} to walk",
                self.total,
                if self.total == 1 { "" } else { "s" }
            ),
        };
        if self.settled > 0 && (self.position.is_some() || !all_settled) {
            text.push_str(&format!(" · {} settled", self.settled));
        }
        if self.parked > 0 {
            text.push_str(&format!(" · {} parked", self.parked));
        }
        if self.waived > 0 {
            text.push_str(&format!(" · {} waived", self.waived));
        }
        text
    }
}

impl Step {
    /// The finding a step led to; panics otherwise (for tests).
    #[cfg(test)]
    fn at(self) -> usize {
        match self {
            Step::To(index) => index,
            other => panic!("no finding: {other:?}"),
        }
    }
}

/// The walk through the findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Agenda {
    items: Vec<ItemKey>,
    /// For each item, the undo depth of the workspace it was found in: an undo below it takes
    /// away the change that brought the finding, so an item gone then was not settled.
    depths: Vec<usize>,
    listed: FxHashSet<ItemKey>,
    /// Items that are findings now.
    open: FxHashSet<ItemKey>,
    /// Ids of parked responsibilities.
    parked: FxHashSet<String>,
    /// Items that are findings now, waived.
    waived: FxHashSet<ItemKey>,
    current: Option<usize>,
    /// The room heard "End of the agenda" at the current item: the next step wraps around.
    ended: bool,
    standing: Standing,
}

/// Where a step of the walk leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// To the finding at this position in `analysis.findings`.
    To(usize),
    /// Past the last item: the room hears the totals once; the next step starts over.
    End,
    /// Nowhere: no open item is left to walk.
    Nothing,
}

impl Agenda {
    /// An agenda of the findings of `analysis`, in their order (worst first); `depth` is the
    /// session's undo depth ([`crate::session::Session::undo_depth`]).
    pub fn new(ws: &Workspace, analysis: &Analysis, depth: usize) -> Self {
        let mut agenda = Agenda::default();
        agenda.sync(ws, analysis, depth);
        agenda
    }

    /// Takes in the findings after a change, undo or redo, the session now at undo `depth`:
    /// new ones join at the end, settled ones keep their place, and an item that an undo took
    /// away (found after the undone change, gone now) leaves the walk instead of counting as
    /// settled. Linear in the items, findings and responsibilities.
    pub fn sync(&mut self, ws: &Workspace, analysis: &Analysis, depth: usize) {
        self.open.clear();
        self.waived.clear();
        for finding in &analysis.findings {
            let key = key(finding);
            if self.listed.insert(key.clone()) {
                self.items.push(key.clone());
                self.depths.push(depth);
            }
            if finding.waived.is_some() {
                self.waived.insert(key);
            } else {
                self.open.insert(key);
            }
        }
        self.forget_undone(depth);
        self.parked = ws
            .responsibilities
            .iter()
            .filter(|r| r.is_parked())
            .map(|r| r.id.clone())
            .collect();
        self.tally();
    }

    fn is_parked(&self, item: &ItemKey) -> bool {
        item.1.as_ref().is_some_and(|id| self.parked.contains(id))
    }

    fn in_walk(&self, item: &ItemKey) -> bool {
        self.open.contains(item) && !self.is_parked(item)
    }

    /// Drops the items found only after undo `depth` that are gone now (the current one stays
    /// so the walk goes on from it); items there now count as found at `depth`.
    fn forget_undone(&mut self, depth: usize) {
        let (open, waived) = (&self.open, &self.waived);
        let mut kept = 0;
        let mut current = None;
        let mut forgotten = Vec::new();
        for i in 0..self.items.len() {
            let present = open.contains(&self.items[i]) || waived.contains(&self.items[i]);
            if present {
                self.depths[i] = self.depths[i].min(depth);
            } else if self.depths[i] > depth && self.current != Some(i) {
                forgotten.push(i);
                continue;
            }
            if self.current == Some(i) {
                current = Some(kept);
            }
            self.items.swap(kept, i);
            self.depths.swap(kept, i);
            kept += 1;
        }
        if forgotten.is_empty() {
            return;
        }
        for key in self.items.drain(kept..) {
            self.listed.remove(&key);
        }
        self.depths.truncate(kept);
        self.current = current;
    }

    fn tally(&mut self) {
        let mut standing = Standing {
            walking: self.current.is_some(),
            ..Standing::default()
        };
        for (i, item) in self.items.iter().enumerate() {
            if self.waived.contains(item) {
                standing.waived += 1;
                continue;
            }
            let open = self.open.contains(item);
            // Parking sets aside what is still open; what the room already settled stays
            // counted.
            if open && self.is_parked(item) {
                standing.parked += 1;
                continue;
            }
            standing.total += 1;
            standing.settled += usize::from(!open);
            if self.current == Some(i) {
                standing.position = Some(standing.total);
            }
        }
        self.standing = standing;
    }

    /// Where the room stands.
    pub fn standing(&self) -> Standing {
        self.standing
    }

    /// The item the room is on, if the walk started.
    pub fn current(&self) -> Option<&ItemKey> {
        self.current.and_then(|i| self.items.get(i))
    }

    /// Moves to the next (or previous) open item that is not parked, wrapping around. Going
    /// forward past the last open item first says [`Step::End`] (the current item stays);
    /// the step after that starts over.
    pub fn step(&mut self, analysis: &Analysis, forward: bool) -> Step {
        let beyond = self
            .current
            .is_some_and(|i| !self.items[i + 1..].iter().any(|item| self.in_walk(item)));
        if forward && beyond && !self.ended {
            self.ended = true;
            return Step::End;
        }
        match self.advance(analysis, forward) {
            Some(index) => Step::To(index),
            None if self.current.is_some() => {
                self.ended = true;
                Step::End
            }
            None => Step::Nothing,
        }
    }

    fn advance(&mut self, analysis: &Analysis, forward: bool) -> Option<usize> {
        let count = self.items.len();
        if count == 0 {
            return None;
        }
        let start = match (self.current, forward) {
            (Some(i), true) => i + 1,
            (Some(i), false) => i + count - 1,
            (None, true) => 0,
            (None, false) => count - 1,
        };
        let found = (0..count)
            .map(|n| {
                if forward {
                    (start + n) % count
                } else {
                    (start + count - n) % count
                }
            })
            .find(|&i| self.in_walk(&self.items[i]))?;
        self.current = Some(found);
        self.ended = false;
        self.tally();
        self.finding_index(analysis)
    }

    /// Makes the item of `finding` the current one (the room jumped to it).
    pub fn go_to(&mut self, finding: &Finding) {
        let key = key(finding);
        if let Some(i) = self.items.iter().position(|item| *item == key) {
            if self.current != Some(i) {
                self.ended = false;
            }
            self.current = Some(i);
            self.tally();
        }
    }

    /// Follows the room to the responsibility `id`: unless the current item is about it, the
    /// first open item about it (not parked) becomes the current one. Returns whether the
    /// current item is now about `id`. Linear in the items.
    pub fn follow(&mut self, id: &str) -> bool {
        let about = |item: &ItemKey| item.1.as_deref() == Some(id);
        if self.current().is_some_and(about) {
            return true;
        }
        match self
            .items
            .iter()
            .position(|item| about(item) && self.in_walk(item))
        {
            Some(i) => {
                self.current = Some(i);
                self.ended = false;
                self.tally();
                true
            }
            None => false,
        }
    }

    /// Whether the current item is open and not parked (still to settle in the walk).
    pub fn current_in_walk(&self) -> bool {
        self.current().is_some_and(|item| self.in_walk(item))
    }

    /// "End of the agenda: 12 settled, 1 parked, 1 waived".
    pub fn end_summary(&self) -> String {
        let s = self.standing;
        format!(
            "End of the agenda: {} settled, {} parked, {} waived",
            s.settled, s.parked, s.waived
        )
    }

    /// The position in `analysis.findings` of the current item, if it is still open.
    pub fn finding_index(&self, analysis: &Analysis) -> Option<usize> {
        let current = self.current()?;
        analysis.findings.iter().position(|f| key(f) == *current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::workspace::{Role, parse};

    #[test]
    fn settling_the_current_item_never_skips_the_next() {
        let mut ws = parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace;
        let analysis = analyze(&ws);
        let mut agenda = Agenda::new(&ws, &analysis, 0);
        let total = agenda.standing().total;
        assert_eq!(total, analysis.findings.len());
        let first = agenda.step(&analysis, true).at();
        assert_eq!(first, 0);
        let second_key = key(&analysis.findings[1]);
        // Give the first hot potato a home: its finding is settled.
        let id = analysis.findings[0]
            .responsibility
            .clone()
            .expect("about an item");
        let index = ws.responsibility_index(&id).expect("exists");
        ws.responsibilities[index]
            .role_mut(Role::Accountable)
            .push("marketing".into());
        let analysis = analyze(&ws);
        agenda.sync(&ws, &analysis, 1);
        assert_eq!(agenda.standing().settled, 1);
        assert_eq!(agenda.standing().position, Some(1));
        let next = agenda.step(&analysis, true).at();
        assert_eq!(key(&analysis.findings[next]), second_key, "not skipped");
        assert_eq!(agenda.standing().position, Some(2));
        assert_eq!(
            agenda.standing().describe(),
            format!("finding 2 of {total} · 1 settled")
        );
    }

    #[test]
    fn parked_items_leave_the_walk() {
        let mut ws = parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace;
        let analysis = analyze(&ws);
        let mut agenda = Agenda::new(&ws, &analysis, 0);
        let total = agenda.standing().total;
        let id = analysis.findings[0].responsibility.clone().expect("item");
        let index = ws.responsibility_index(&id).expect("exists");
        ws.responsibilities[index].parked = Some("later".into());
        agenda.sync(&ws, &analysis, 1);
        let on_it = analysis
            .findings
            .iter()
            .filter(|f| f.responsibility.as_deref() == Some(id.as_str()))
            .count();
        assert_eq!(agenda.standing().parked, on_it);
        assert_eq!(agenda.standing().total, total - on_it);
        for _ in 0..total {
            if let Step::To(at) = agenda.step(&analysis, true) {
                assert_ne!(
                    analysis.findings[at].responsibility.as_deref(),
                    Some(id.as_str())
                );
            }
        }
        let back = agenda.step(&analysis, false).at();
        assert_ne!(
            analysis.findings[back].responsibility.as_deref(),
            Some(id.as_str())
        );
    }

    #[test]
    fn past_the_last_item_the_walk_says_the_end_once_then_starts_over() {
        let ws = parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace;
        let analysis = analyze(&ws);
        let mut agenda = Agenda::new(&ws, &analysis, 0);
        let total = agenda.standing().total;
        for n in 0..total {
            assert_eq!(agenda.step(&analysis, true), Step::To(n));
        }
        assert_eq!(agenda.step(&analysis, true), Step::End);
        assert_eq!(
            agenda.standing().position,
            Some(total),
            "the current item stays"
        );
        assert_eq!(
            agenda.end_summary(),
            "End of the agenda: 0 settled, 0 parked, 0 waived"
        );
        assert_eq!(agenda.step(&analysis, true), Step::To(0), "starts over");
    }

    #[test]
    fn an_item_an_undo_took_away_is_not_counted_as_settled() {
        let mut ws = parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace;
        let analysis = analyze(&ws);
        let mut agenda = Agenda::new(&ws, &analysis, 0);
        let before = agenda.standing();
        agenda.step(&analysis, true).at();
        // A change (undo depth 1) brings a finding that was not there: an item with nobody
        // accountable.
        let mut changed = ws.clone();
        let r = changed
            .responsibilities
            .iter()
            .position(|r| !r.role(Role::Accountable).is_empty())
            .expect("a settled item");
        changed.responsibilities[r]
            .role_mut(Role::Accountable)
            .clear();
        let after = analyze(&changed);
        assert!(after.findings.len() > analysis.findings.len());
        agenda.sync(&changed, &after, 1);
        assert_eq!(agenda.standing().total, before.total + 1);
        // Undo (depth 0): the new item is gone and was never settled.
        agenda.sync(&ws, &analysis, 0);
        assert_eq!(
            agenda.standing(),
            Standing {
                position: Some(1),
                walking: true,
                ..before
            }
        );
        // A finding the room settles by a change stays counted; an unrelated undo keeps it.
        let id = analysis.findings[0].responsibility.clone().expect("item");
        let index = ws.responsibility_index(&id).expect("exists");
        ws.responsibilities[index]
            .role_mut(Role::Accountable)
            .push("marketing".into());
        let settled = analyze(&ws);
        agenda.sync(&ws, &settled, 1);
        agenda.sync(&ws, &settled, 2);
        agenda.sync(&ws, &settled, 1);
        assert_eq!(agenda.standing().settled, 1);
        assert_eq!(agenda.standing().total, before.total);
    }

    #[test]
    fn a_walk_whose_item_left_it_says_what_is_open() {
        let standing = Standing {
            position: None,
            total: 10,
            settled: 9,
            parked: 2,
            waived: 1,
            walking: true,
        };
        assert_eq!(
            standing.describe(),
            "1 open of 10 · 9 settled · 2 parked · 1 waived"
        );
        let before = Standing {
            walking: false,
            settled: 0,
            ..standing
        };
        assert!(before.describe().starts_with("10 findings to walk"));
    }

    #[test]
    fn parking_an_item_keeps_its_settled_findings_counted() {
        let mut ws = parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace;
        let analysis = analyze(&ws);
        let mut agenda = Agenda::new(&ws, &analysis, 0);
        agenda.step(&analysis, true).at();
        let id = analysis.findings[0].responsibility.clone().expect("item");
        let index = ws.responsibility_index(&id).expect("exists");
        ws.responsibilities[index]
            .role_mut(Role::Accountable)
            .push("marketing".into());
        let settled = analyze(&ws);
        agenda.sync(&ws, &settled, 1);
        assert_eq!(agenda.standing().settled, 1);
        ws.responsibilities[index].parked = Some(String::new());
        agenda.sync(&ws, &settled, 2);
        assert_eq!(agenda.standing().settled, 1, "still settled");
    }
}
