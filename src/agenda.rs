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
    /// Open items left out because their responsibility is parked.
    pub parked: usize,
    /// Items the room accepted on purpose (waived), out of the walk.
    pub waived: usize,
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

/// The walk through the findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Agenda {
    items: Vec<ItemKey>,
    listed: FxHashSet<ItemKey>,
    /// Items that are findings now.
    open: FxHashSet<ItemKey>,
    /// Ids of parked responsibilities.
    parked: FxHashSet<String>,
    /// Items that are findings now, waived.
    waived: FxHashSet<ItemKey>,
    current: Option<usize>,
    standing: Standing,
}

impl Agenda {
    /// An agenda of the findings of `analysis`, in their order (worst first).
    pub fn new(ws: &Workspace, analysis: &Analysis) -> Self {
        let mut agenda = Agenda::default();
        agenda.sync(ws, analysis);
        agenda
    }

    /// Takes in the findings after a change: new ones join at the end, settled ones keep their
    /// place. Linear in the findings and responsibilities.
    pub fn sync(&mut self, ws: &Workspace, analysis: &Analysis) {
        self.open.clear();
        self.waived.clear();
        for finding in &analysis.findings {
            let key = key(finding);
            if self.listed.insert(key.clone()) {
                self.items.push(key.clone());
            }
            if finding.waived.is_some() {
                self.waived.insert(key);
            } else {
                self.open.insert(key);
            }
        }
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

    fn tally(&mut self) {
        let mut standing = Standing::default();
        for (i, item) in self.items.iter().enumerate() {
            if self.waived.contains(item) {
                standing.waived += 1;
                continue;
            }
            let open = self.open.contains(item);
            if self.is_parked(item) {
                standing.parked += usize::from(open);
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

    /// Moves to the next (or previous) open item that is not parked, wrapping around, and
    /// returns its position in `analysis.findings`. `None` when nothing is left to walk.
    pub fn step(&mut self, analysis: &Analysis, forward: bool) -> Option<usize> {
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
        self.tally();
        self.finding_index(analysis)
    }

    /// Makes the item of `finding` the current one (the room jumped to it).
    pub fn go_to(&mut self, finding: &Finding) {
        let key = key(finding);
        if let Some(i) = self.items.iter().position(|item| *item == key) {
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
                self.tally();
                true
            }
            None => false,
        }
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
        let mut agenda = Agenda::new(&ws, &analysis);
        let total = agenda.standing().total;
        assert_eq!(total, analysis.findings.len());
        let first = agenda.step(&analysis, true).expect("a finding");
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
        agenda.sync(&ws, &analysis);
        assert_eq!(agenda.standing().settled, 1);
        assert_eq!(agenda.standing().position, Some(1));
        let next = agenda.step(&analysis, true).expect("a finding");
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
        let mut agenda = Agenda::new(&ws, &analysis);
        let total = agenda.standing().total;
        let id = analysis.findings[0].responsibility.clone().expect("item");
        let index = ws.responsibility_index(&id).expect("exists");
        ws.responsibilities[index].parked = Some("later".into());
        agenda.sync(&ws, &analysis);
        let on_it = analysis
            .findings
            .iter()
            .filter(|f| f.responsibility.as_deref() == Some(id.as_str()))
            .count();
        assert_eq!(agenda.standing().parked, on_it);
        assert_eq!(agenda.standing().total, total - on_it);
        for _ in 0..total {
            let at = agenda.step(&analysis, true).expect("a finding");
            assert_ne!(
                analysis.findings[at].responsibility.as_deref(),
                Some(id.as_str())
            );
        }
        let back = agenda.step(&analysis, false).expect("a finding");
        assert_ne!(
            analysis.findings[back].responsibility.as_deref(),
            Some(id.as_str())
        );
    }
}
