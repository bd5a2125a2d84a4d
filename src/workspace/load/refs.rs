//! The ids other tables may refer to: known ids, a "did you mean" for a near miss, and the
//! intended spelling of a malformed id, so one malformed id is reported once, not again at
//! every reference to it.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};

use crate::workspace::model::is_valid_id;

/// How many different unknown ids get a fuzzy "did you mean" (a pass over every id each);
/// past that, only a match by name is suggested, so a file of many unknown references to
/// many items is still read in time proportional to its size.
const FUZZY_HINTS: usize = 64;

/// Positions by trimmed lowercase name and by the id a name makes.
type NameIndex = (HashMap<String, usize>, HashMap<String, usize>);

/// The ids of one kind of item (departments or responsibilities) with their names.
pub(super) struct Ids<'a> {
    ids: HashSet<&'a str>,
    /// The well-formed spelling of each malformed id, which references may already use.
    intended: HashSet<String>,
    named: Vec<(&'a str, &'a str)>,
    /// Position in `named` of the first item by its trimmed lowercase name, and by the id its
    /// name makes (what a reference by name is matched with).
    by_name: OnceCell<NameIndex>,
    /// The hint given for each unknown id so far (one reference reported many times costs one
    /// search).
    hints: RefCell<HashMap<String, String>>,
}

impl<'a> Ids<'a> {
    /// Indexes `(id, name)` pairs.
    pub(super) fn new(items: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let named: Vec<(&str, &str)> = items.filter(|(id, _)| !id.is_empty()).collect();
        let ids = named.iter().map(|(id, _)| *id).collect();
        let intended = named
            .iter()
            .filter(|(id, _)| !is_valid_id(id))
            .map(|(id, _)| id_from_name(id))
            .filter(|id| !id.is_empty())
            .collect();
        Ids {
            ids,
            intended,
            named,
            by_name: OnceCell::new(),
            hints: RefCell::new(HashMap::new()),
        }
    }

    /// Whether a reference to `id` needs no report of its own: the id exists, or it is the
    /// intended spelling of a malformed id that is already reported.
    pub(super) fn contains(&self, id: &str) -> bool {
        self.ids.contains(id) || (!self.intended.is_empty() && self.intended.contains(id))
    }

    /// `; did you mean `x`?` for the id closest to `unknown` (by id, or by name such as
    /// "Marketing" for `marketing`), or nothing when none is close.
    pub(super) fn hint(&self, unknown: &str) -> String {
        if let Some(hint) = self.hints.borrow().get(unknown) {
            return hint.clone();
        }
        let searched = self.hints.borrow().len();
        let hint = self.search(unknown, searched < FUZZY_HINTS);
        self.hints
            .borrow_mut()
            .insert(unknown.to_owned(), hint.clone());
        hint
    }

    fn search(&self, unknown: &str, fuzzy: bool) -> String {
        let lower = unknown.trim().to_lowercase();
        let wanted = id_from_name(unknown);
        // A malformed id is suggested in its intended spelling.
        let spelled = |id: &str| {
            if is_valid_id(id) {
                id.to_owned()
            } else {
                id_from_name(id)
            }
        };
        let by_name = self.by_name(&lower, &wanted).map(spelled);
        let closest = by_name.or_else(|| {
            fuzzy.then(|| {
                self.named
                    .iter()
                    .map(|(id, _)| spelled(id))
                    .map(|id| (strsim::jaro_winkler(&lower, &id), id))
                    .filter(|(score, _)| *score > 0.8)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, id)| id)
            })?
        });
        closest
            .filter(|id| !id.is_empty())
            .map_or_else(String::new, |id| format!("; did you mean `{id}`?"))
    }

    /// The id of the first item whose trimmed lowercase name is `lower` or whose name makes
    /// the id `wanted`; the index of names is made at the first call (only a file with
    /// problems needs it).
    fn by_name(&self, lower: &str, wanted: &str) -> Option<&'a str> {
        let (by_lower, by_id) = self.by_name.get_or_init(|| {
            let (mut by_lower, mut by_id) = (HashMap::new(), HashMap::new());
            for (i, (_, name)) in self.named.iter().enumerate() {
                by_lower.entry(name.trim().to_lowercase()).or_insert(i);
                by_id.entry(id_from_name(name)).or_insert(i);
            }
            (by_lower, by_id)
        });
        let found = match (by_lower.get(lower), by_id.get(wanted)) {
            (Some(&a), Some(&b)) => Some(a.min(b)),
            (a, b) => a.or(b).copied(),
        };
        found.map(|i| self.named[i].0)
    }
}

/// An id made from a name or a malformed id: lowercase ASCII letters and digits, every other
/// run of characters becomes one `-` (`Legal & Compliance` gives `legal-compliance`).
pub fn id_from_name(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || (c == '_' && !id.is_empty()) {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_get_a_suggestion_and_malformed_ids_their_intended_spelling() {
        let ids = Ids::new(
            [
                ("marketing", "Marketing"),
                ("legal", "Legal & Compliance"),
                ("PR Comms", "PR"),
            ]
            .into_iter(),
        );
        assert_eq!(ids.hint("marketting"), "; did you mean `marketing`?");
        assert_eq!(ids.hint("Legal & Compliance"), "; did you mean `legal`?");
        assert_eq!(ids.hint("zzz"), "");
        assert!(ids.contains("pr-comms") && ids.contains("PR Comms"));
        assert!(!ids.contains("pr"));
        assert_eq!(id_from_name("  PR / Comms "), "pr-comms");
    }

    #[test]
    fn many_unknown_ids_cost_one_search_each_and_names_still_match_past_the_fuzzy_ones() {
        let ids =
            Ids::new([("marketing", "Marketing"), ("legal", "Legal & Compliance")].into_iter());
        for n in 0..FUZZY_HINTS {
            assert_eq!(ids.hint(&format!("ghost-{n}")), "");
        }
        // Past the fuzzy searches: a near miss gets no hint, a name still does.
        assert_eq!(ids.hint("marketting"), "");
        assert_eq!(ids.hint("legal & compliance"), "; did you mean `legal`?");
        // The same unknown id asked again is answered from what was found.
        assert_eq!(ids.hint("ghost-0"), "");
        assert_eq!(ids.hints.borrow().len(), FUZZY_HINTS + 2);
    }
}
