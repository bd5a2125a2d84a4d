//! The ids other tables may refer to: known ids, a "did you mean" for a near miss, and the
//! intended spelling of a malformed id, so one malformed id is reported once, not again at
//! every reference to it.

use std::collections::HashSet;

use crate::workspace::model::is_valid_id;

/// The ids of one kind of item (departments or responsibilities) with their names.
pub(super) struct Ids<'a> {
    ids: HashSet<&'a str>,
    /// The well-formed spelling of each malformed id, which references may already use.
    intended: HashSet<String>,
    named: Vec<(&'a str, &'a str)>,
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
        let by_name = self
            .named
            .iter()
            .find(|(_, name)| name.trim().to_lowercase() == lower || id_from_name(name) == wanted)
            .map(|(id, _)| spelled(id));
        let closest = by_name.or_else(|| {
            self.named
                .iter()
                .map(|(id, _)| spelled(id))
                .map(|id| (strsim::jaro_winkler(&lower, &id), id))
                .filter(|(score, _)| *score > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, id)| id)
        });
        closest
            .filter(|id| !id.is_empty())
            .map_or_else(String::new, |id| format!("; did you mean `{id}`?"))
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
}
