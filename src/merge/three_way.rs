//! The three-way rule for one value, role lists as sets, and the per-field merge of one item.

use rustc_hash::FxHashSet as HashSet;

use crate::workspace::{Conflict, ConflictTarget, FieldValue, Fields};

/// What the three-way rule says about one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Both agree, or only OURS changed it: keep OURS.
    Ours,
    /// Only THEIRS changed it: take THEIRS.
    Theirs,
    /// Both changed it, two different ways.
    Conflict,
}

/// The three-way rule: a side that changed the value wins over one that did not.
pub fn pick<T: PartialEq + ?Sized>(base: Option<&T>, ours: Option<&T>, theirs: Option<&T>) -> Pick {
    if ours == theirs || base == theirs {
        Pick::Ours
    } else if base == ours {
        Pick::Theirs
    } else {
        Pick::Conflict
    }
}

/// Merges a role list (or any list of ids) as a set: what either side added is in, what either
/// side removed is out. OURS' order is kept; THEIRS' additions follow in THEIRS' order.
pub fn merge_set(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let in_base: HashSet<&str> = base.iter().map(String::as_str).collect();
    let in_ours: HashSet<&str> = ours.iter().map(String::as_str).collect();
    let in_theirs: HashSet<&str> = theirs.iter().map(String::as_str).collect();
    let mut out: Vec<String> = ours
        .iter()
        .filter(|id| !in_base.contains(id.as_str()) || in_theirs.contains(id.as_str()))
        .cloned()
        .collect();
    out.extend(
        theirs
            .iter()
            .filter(|id| !in_base.contains(id.as_str()) && !in_ours.contains(id.as_str()))
            .cloned(),
    );
    out
}

/// The union of the field names of the sides, in a stable order.
pub fn field_names(names: impl IntoIterator<Item = Vec<String>>) -> Vec<String> {
    let mut all: Vec<String> = names.into_iter().flatten().collect();
    all.sort();
    all.dedup();
    all
}

/// Merges every field of one item present on both sides (`base` is `None` when both added it):
/// OURS with what only THEIRS changed, and a conflict (keeping OURS) for each field changed
/// two ways.
pub fn merge_fields<T: Fields + Clone>(
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    target: &ConflictTarget,
    conflicts: &mut Vec<Conflict>,
) -> T {
    let mut out = ours.clone();
    let names = field_names([
        base.map(Fields::field_names).unwrap_or_default(),
        ours.field_names(),
        theirs.field_names(),
    ]);
    for name in names {
        let b = base.and_then(|x| x.field(&name));
        let o = ours.field(&name);
        let t = theirs.field(&name);
        match pick(b.as_ref(), o.as_ref(), t.as_ref()) {
            Pick::Ours => {}
            Pick::Theirs => {
                // THEIRS' value was valid in THEIRS' file, so it fits.
                let _ = out.set_field(&name, t);
            }
            Pick::Conflict => conflicts.push(conflict(target, &name, o, t)),
        }
    }
    out
}

/// A conflict on `field` of `target`.
pub fn conflict(
    target: &ConflictTarget,
    field: &str,
    ours: Option<FieldValue>,
    theirs: Option<FieldValue>,
) -> Conflict {
    Conflict {
        target: target.clone(),
        field: field.to_owned(),
        ours,
        theirs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_side_that_changed_wins() {
        assert_eq!(pick(Some(&1), Some(&1), Some(&2)), Pick::Theirs);
        assert_eq!(pick(Some(&1), Some(&2), Some(&1)), Pick::Ours);
        assert_eq!(pick(Some(&1), Some(&2), Some(&2)), Pick::Ours);
        assert_eq!(pick(Some(&1), Some(&2), Some(&3)), Pick::Conflict);
        assert_eq!(pick(None, Some(&2), None), Pick::Ours);
        assert_eq!(pick(None, None, Some(&2)), Pick::Theirs);
    }

    #[test]
    fn role_lists_merge_as_sets() {
        let base = ids(&["pr", "it"]);
        // Ours adds Legal, theirs removes PR: both happen.
        let merged = merge_set(&base, &ids(&["pr", "it", "legal"]), &ids(&["it"]));
        assert_eq!(merged, ids(&["it", "legal"]));
        // Both add the same department once.
        let merged = merge_set(&base, &ids(&["pr", "it", "hr"]), &ids(&["hr", "pr", "it"]));
        assert_eq!(merged, ids(&["pr", "it", "hr"]));
        // Added on both sides with no base: the union.
        assert_eq!(
            merge_set(&[], &ids(&["a"]), &ids(&["b", "a"])),
            ids(&["a", "b"])
        );
    }
}
