//! Merging the lists of departments, responsibilities and decisions, matched by id.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::three_way::{conflict, merge_fields, merge_set};
use crate::workspace::{
    Conflict, ConflictTarget, Decision, Department, FieldValue, ITEM_KEPT, ITEM_REMOVED,
    Responsibility, Role,
};

/// An item of a list matched by id across the three versions.
pub trait Keyed: Clone + PartialEq {
    /// The item's id.
    fn key(&self) -> &str;
    /// What a conflict about this item names.
    fn target(id: &str) -> ConflictTarget;
    /// Merges the item present on both sides (`base`: `None` when both added it).
    fn merge(base: Option<&Self>, ours: &Self, theirs: &Self, out: &mut Vec<Conflict>) -> Self;
}

impl Keyed for Department {
    fn key(&self) -> &str {
        &self.id
    }
    fn target(id: &str) -> ConflictTarget {
        ConflictTarget::Department(id.to_owned())
    }
    fn merge(base: Option<&Self>, ours: &Self, theirs: &Self, out: &mut Vec<Conflict>) -> Self {
        merge_fields(base, ours, theirs, &Self::target(&ours.id), out)
    }
}

impl Keyed for Responsibility {
    fn key(&self) -> &str {
        &self.id
    }
    fn target(id: &str) -> ConflictTarget {
        ConflictTarget::Responsibility(id.to_owned())
    }
    fn merge(base: Option<&Self>, ours: &Self, theirs: &Self, out: &mut Vec<Conflict>) -> Self {
        let mut merged = merge_fields(base, ours, theirs, &Self::target(&ours.id), out);
        // Role lists by position (the three sides share one model).
        let lists = [
            base.map_or(0, |b| b.role_lists().count()),
            ours.role_lists().count(),
        ]
        .into_iter()
        .chain([theirs.role_lists().count()])
        .max()
        .unwrap_or(4);
        for role in (0..lists).map(Role::at) {
            let base_list = base.map_or(&[][..], |b| b.role(role));
            *merged.role_mut(role) = merge_set(base_list, ours.role(role), theirs.role(role));
        }
        merged
    }
}

impl Keyed for Decision {
    fn key(&self) -> &str {
        &self.id
    }
    fn target(id: &str) -> ConflictTarget {
        ConflictTarget::Decision(id.to_owned())
    }
    fn merge(base: Option<&Self>, ours: &Self, theirs: &Self, out: &mut Vec<Conflict>) -> Self {
        merge_fields(base, ours, theirs, &Self::target(&ours.id), out)
    }
}

/// The items of a merged list: those in OURS' order, and those only THEIRS has, each with the
/// id of the item (in OURS' list) it followed in THEIRS (`None`: THEIRS had it first).
pub struct Merged<T> {
    pub from_ours: Vec<T>,
    pub from_theirs: Vec<(Option<String>, T)>,
}

impl<T> Merged<T> {
    /// The merged list: THEIRS' items placed after the item they followed in THEIRS.
    pub fn in_place(self) -> Vec<T>
    where
        T: Keyed,
    {
        let mut after: HashMap<Option<String>, Vec<T>> = HashMap::default();
        for (anchor, item) in self.from_theirs {
            after.entry(anchor).or_default().push(item);
        }
        let mut out = after.remove(&None).unwrap_or_default();
        for item in self.from_ours {
            let follow = after.remove(&Some(item.key().to_owned()));
            out.push(item);
            out.extend(follow.into_iter().flatten());
        }
        out
    }
}

/// A conflict on a whole item one side removed while the other changed (or still needs) it.
fn presence(target: ConflictTarget, ours_kept: bool) -> Conflict {
    let word = |kept: bool| FieldValue::Text((if kept { ITEM_KEPT } else { ITEM_REMOVED }).into());
    conflict(
        &target,
        "item",
        Some(word(ours_kept)),
        Some(word(!ours_kept)),
    )
}

/// Merges three versions of a list by id. An item removed on one side goes, unless the other
/// side changed it or `needed` names it (something merged still refers to it): then it stays,
/// with a conflict on its `item` field.
pub fn merge_list<T: Keyed>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    needed: &HashSet<&str>,
    conflicts: &mut Vec<Conflict>,
) -> Merged<T> {
    let index = |list: &'_ [T]| -> HashMap<String, usize> {
        list.iter()
            .enumerate()
            .map(|(i, item)| (item.key().to_owned(), i))
            .collect()
    };
    let (in_base, in_ours, in_theirs) = (index(base), index(ours), index(theirs));
    let mut from_ours = Vec::with_capacity(ours.len());
    for o in ours {
        let id = o.key();
        let b = in_base.get(id).map(|&i| &base[i]);
        match (b, in_theirs.get(id).map(|&i| &theirs[i])) {
            (b, Some(t)) => from_ours.push(T::merge(b, o, t, conflicts)),
            (None, None) => from_ours.push(o.clone()),
            (Some(b), None) => {
                // THEIRS removed it.
                if o != b || needed.contains(id) {
                    conflicts.push(presence(T::target(id), true));
                    from_ours.push(o.clone());
                }
            }
        }
    }
    let mut from_theirs = Vec::new();
    let mut anchor: Option<String> = None;
    for t in theirs {
        let id = t.key();
        if in_ours.contains_key(id) {
            anchor = Some(id.to_owned());
            continue;
        }
        match in_base.get(id).map(|&i| &base[i]) {
            None => from_theirs.push((anchor.clone(), t.clone())),
            Some(b) => {
                // OURS removed it.
                if t != b || needed.contains(id) {
                    conflicts.push(presence(T::target(id), false));
                    from_theirs.push((anchor.clone(), t.clone()));
                }
            }
        }
    }
    Merged {
        from_ours,
        from_theirs,
    }
}
