//! Who holds which role where, by department position: kept per responsibility and counted per
//! department, so a change to one responsibility updates the counts without a pass over the
//! others, and the board groups cards by holder without reading an id.

use rustc_hash::FxHashMap;

use crate::workspace::{Meaning, Responsibility, Role, Workspace};

/// The role entries of every responsibility that name a known department, and per-department
/// counts of them.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Role entries, as (department position, role position in the model), in list order.
    entries: Vec<(u32, u8)>,
    /// Per responsibility: where its entries are.
    spans: Vec<Span>,
    /// How many roles the workspace's model has.
    roles: usize,
    /// One bit per role (by position) that answers for the outcome.
    answering: u16,
    /// Per department position: the answering entries that name it.
    accountable: Vec<usize>,
    /// Per department position: the role entries of any kind that name it.
    named: Vec<usize>,
    /// Entries no span points at any more (left by updates); compacted once they pile up.
    dead: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    start: usize,
    len: usize,
    /// One bit per role (by position in the model) whose list is not empty, even if it names
    /// only unknown departments.
    listed: u16,
}

impl Tally {
    /// Tallies every responsibility of `ws`; `positions` are its departments' by id.
    pub fn new(ws: &Workspace, positions: &FxHashMap<&str, usize>) -> Self {
        let mut tally = Tally::empty(ws);
        for r in &ws.responsibilities {
            tally.push(r, positions);
        }
        tally
    }

    /// A tally of no responsibility yet, with room for those of `ws`.
    pub(super) fn empty(ws: &Workspace) -> Self {
        let count = ws.departments.len();
        Tally {
            entries: Vec::with_capacity(ws.responsibilities.len() * 8),
            spans: Vec::with_capacity(ws.responsibilities.len()),
            roles: ws.model.len(),
            answering: ws.model.with(Meaning::Answers).0,
            accountable: vec![0; count],
            named: vec![0; count],
            dead: 0,
        }
    }

    /// Tallies the next responsibility.
    pub(super) fn push(&mut self, r: &Responsibility, positions: &FxHashMap<&str, usize>) {
        let span = self.append(r, positions);
        self.spans.push(span);
    }

    /// How many responsibilities are tallied.
    pub fn responsibilities(&self) -> usize {
        self.spans.len()
    }

    /// How many departments are counted.
    pub fn departments(&self) -> usize {
        self.named.len()
    }

    /// How many responsibilities the department at `position` answers for (is accountable for,
    /// in RACI).
    pub fn accountable(&self, position: usize) -> usize {
        self.accountable.get(position).copied().unwrap_or(0)
    }

    /// Whether the department at `position` holds any role anywhere.
    pub fn involved(&self, position: usize) -> bool {
        self.named.get(position).is_some_and(|&n| n > 0)
    }

    /// The role entries of the responsibility at `index` that name a known department:
    /// (department position, role), in list order.
    pub fn held(&self, index: usize) -> impl Iterator<Item = (usize, Role)> + '_ {
        let entries = self.spans.get(index).map_or(&[][..], |span| {
            &self.entries[span.start..span.start + span.len]
        });
        entries
            .iter()
            .map(|&(d, role)| (d as usize, Role::at(usize::from(role))))
    }

    /// The role entries of the responsibility at `index` as [`Tally::held`] gives them, raw:
    /// (department position, role position in the model), roles in that order.
    pub fn entries(&self, index: usize) -> &[(u32, u8)] {
        self.spans.get(index).map_or(&[][..], |span| {
            &self.entries[span.start..span.start + span.len]
        })
    }

    /// The responsibility positions on each board column for `role`: first those whose list
    /// for `role` is empty, then, per department position, those that name it (in file order).
    pub fn cards(&self, role: Role) -> Vec<Vec<usize>> {
        let bit = role.index() as u8;
        let mut columns: Vec<Vec<usize>> = vec![Vec::new(); self.departments() + 1];
        for (index, span) in self.spans.iter().enumerate() {
            if span.listed & (1 << bit) == 0 {
                columns[0].push(index);
                continue;
            }
            for &(d, r) in &self.entries[span.start..span.start + span.len] {
                if r == bit {
                    columns[d as usize + 1].push(index);
                }
            }
        }
        columns
    }

    /// Brings the tally up to date after the responsibility at `index` changed in place (and
    /// nothing else did); `positions` are the departments' by id.
    pub fn update(&mut self, index: usize, r: &Responsibility, positions: &FxHashMap<&str, usize>) {
        let Some(&old) = self.spans.get(index) else {
            return;
        };
        for i in old.start..old.start + old.len {
            let (d, role) = self.entries[i];
            self.count(d, role, false);
        }
        let span = self.append(r, positions);
        if span.len <= old.len {
            // Fits where the old entries were: move it there and drop the appended copy.
            self.entries
                .copy_within(span.start..span.start + span.len, old.start);
            self.entries.truncate(span.start);
            self.dead += old.len - span.len;
            self.spans[index] = Span {
                start: old.start,
                ..span
            };
        } else {
            self.dead += old.len;
            self.spans[index] = span;
        }
        if self.dead > self.entries.len() / 2 {
            self.compact();
        }
    }

    /// Appends the entries of `r` and counts them; returns where they are.
    fn append(&mut self, r: &Responsibility, positions: &FxHashMap<&str, usize>) -> Span {
        let start = self.entries.len();
        let mut listed = 0;
        for bit in 0..self.roles {
            let ids = r.role(Role::at(bit));
            if !ids.is_empty() {
                listed |= 1 << bit;
            }
            for id in ids {
                if let Some(&d) = positions.get(id.as_str()) {
                    let entry = (d as u32, bit as u8);
                    self.entries.push(entry);
                    self.count(entry.0, entry.1, true);
                }
            }
        }
        Span {
            start,
            len: self.entries.len() - start,
            listed,
        }
    }

    fn count(&mut self, d: u32, role: u8, add: bool) {
        let d = d as usize;
        let step = |n: &mut usize| *n = if add { *n + 1 } else { n.saturating_sub(1) };
        step(&mut self.named[d]);
        if self.answering & (1 << role) != 0 {
            step(&mut self.accountable[d]);
        }
    }

    /// Rewrites the entries without the dead ones.
    fn compact(&mut self) {
        let mut entries = Vec::with_capacity(self.entries.len() - self.dead);
        for span in &mut self.spans {
            let start = entries.len();
            entries.extend_from_slice(&self.entries[span.start..span.start + span.len]);
            span.start = start;
        }
        self.entries = entries;
        self.dead = 0;
    }

    /// The entries of the responsibility at `index`, with its non-empty role lists.
    fn of(&self, index: usize) -> (&[(u32, u8)], u16) {
        let span = self.spans[index];
        (
            &self.entries[span.start..span.start + span.len],
            span.listed,
        )
    }
}

/// Two tallies are equal when they say the same, however their entries are laid out.
impl PartialEq for Tally {
    fn eq(&self, other: &Self) -> bool {
        self.accountable == other.accountable
            && self.named == other.named
            && self.spans.len() == other.spans.len()
            && (0..self.spans.len()).all(|i| self.of(i) == other.of(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The board's columns as reading every id gives them.
    fn naive_cards(ws: &Workspace, role: Role) -> Vec<Vec<usize>> {
        let positions = ws.department_positions();
        let mut columns = vec![Vec::new(); ws.departments.len() + 1];
        for (index, r) in ws.responsibilities.iter().enumerate() {
            if r.role(role).is_empty() {
                columns[0].push(index);
            }
            for id in r.role(role) {
                if let Some(&d) = positions.get(id.as_str()) {
                    columns[d + 1].push(index);
                }
            }
        }
        columns
    }

    #[test]
    fn updates_say_what_a_fresh_tally_says() {
        let mut ws = crate::generate::workspace(9, 400, 3);
        let mut tally = Tally::new(&ws, &ws.department_positions());
        for step in 0..300 {
            let index = (step * 37) % ws.responsibilities.len();
            let other = ws.departments[step % 9].id.clone();
            let r = &mut ws.responsibilities[index];
            match step % 4 {
                0 => r.accountable.clear(),
                1 => {
                    r.informed.retain(|d| *d != other);
                    r.informed.push(other);
                }
                2 => r.responsible = vec!["unknown".into()],
                _ => r.consulted.truncate(1),
            }
            tally.update(
                index,
                &ws.responsibilities[index],
                &ws.department_positions(),
            );
            let fresh = Tally::new(&ws, &ws.department_positions());
            assert_eq!(tally, fresh, "step {step}");
            for role in Role::ALL {
                assert_eq!(tally.cards(role), naive_cards(&ws, role), "step {step}");
            }
        }
        assert!(tally.dead <= tally.entries.len() / 2 + 1);
    }
}
