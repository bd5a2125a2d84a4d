//! Stable ids of decision log entries, so two branches of a workspace can be merged entry by
//! entry.
//!
//! A decision written with `id = "..."` keeps that id. A decision without one (every file
//! written before ids existed) gets an id derived from its date and text: `DATE-HASH`, where
//! HASH is 8 hex digits of an FNV-1a hash of the text; the second entry without an id that
//! derives the same id gets `-2`, the third `-3` (in file order). Both branches of a merge
//! derive the same ids for the same legacy entries, and a file whose decisions keep their
//! derived ids is saved without adding any.

use std::collections::HashMap;

use super::model::{Decision, Workspace};

/// The id a decision without one derives from its date and text (before numbering duplicates).
pub fn derived_decision_id(date: &str, text: &str) -> String {
    // FNV-1a: the same in every build and on every machine.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let short = (hash >> 32) ^ (hash & 0xffff_ffff);
    format!("{date}-{short:08x}")
}

/// Numbers repeated derived ids in order: the first keeps it, the next get `-2`, `-3`...
#[derive(Debug, Default)]
pub struct ImplicitIds {
    seen: HashMap<String, usize>,
}

impl ImplicitIds {
    /// The id the next entry without an id and with this date and text gets.
    pub fn next(&mut self, date: &str, text: &str) -> String {
        let base = derived_decision_id(date, text);
        let n = self.seen.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    }

    /// The id the next entry would get, without counting it.
    pub fn peek(&self, date: &str, text: &str) -> String {
        let base = derived_decision_id(date, text);
        match self.seen.get(&base) {
            None | Some(0) => base,
            Some(n) => format!("{base}-{}", n + 1),
        }
    }
}

impl Workspace {
    /// A fresh decision id for an entry with this date and text, unused in the log.
    pub fn new_decision_id(&self, date: &str, text: &str) -> String {
        let base = derived_decision_id(date, text);
        let taken = |id: &str| self.decisions.iter().any(|d| d.id == id);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or(base)
    }

    /// Gives every decision without an id (an empty one) a fresh id, in log order.
    pub fn fill_decision_ids(&mut self) {
        for i in 0..self.decisions.len() {
            if self.decisions[i].id.is_empty() {
                let Decision { date, text, .. } = &self.decisions[i];
                let id = self.new_decision_id(date, text);
                self.decisions[i].id = id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_and_valid() {
        let id = derived_decision_id("2026-11-20", "PR owns crisis response.");
        assert_eq!(
            id,
            derived_decision_id("2026-11-20", "PR owns crisis response.")
        );
        assert!(id.starts_with("2026-11-20-"));
        assert_eq!(id.len(), "2026-11-20-".len() + 8);
        assert!(crate::workspace::is_valid_id(&id));
        assert_ne!(
            id,
            derived_decision_id("2026-11-20", "PR owns crisis response")
        );
    }

    #[test]
    fn derived_ids_never_change_between_versions() {
        // The README's example; files in git rely on this staying the same.
        assert_eq!(
            derived_decision_id(
                "2026-11-20",
                "Legal and PR co-own crisis response; the COO breaks ties."
            ),
            "2026-11-20-b5a0e191"
        );
    }

    #[test]
    fn repeated_entries_are_numbered() {
        let mut ids = ImplicitIds::default();
        let first = ids.next("2026-01-01", "x");
        assert_eq!(ids.peek("2026-01-01", "x"), format!("{first}-2"));
        assert_eq!(ids.next("2026-01-01", "x"), format!("{first}-2"));
        assert_eq!(ids.next("2026-01-01", "x"), format!("{first}-3"));
    }
}
