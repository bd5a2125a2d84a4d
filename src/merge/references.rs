//! Keeping a merged workspace consistent: which departments are still used, no reference to a
//! removed item, and the conflicts the result carries.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::three_way::{Pick, pick};
use crate::workspace::{Conflict, ConflictTarget, Responsibility, Workspace};

/// Every department id the responsibilities name in a role, funding or claim.
pub fn departments_used(responsibilities: &[Responsibility]) -> HashSet<&str> {
    let mut used = HashSet::default();
    for r in responsibilities {
        for (_, list) in r.role_lists() {
            used.extend(list.iter().map(String::as_str));
        }
        used.extend(r.funding.keys().map(String::as_str));
        used.extend(r.claims.departments().map(String::as_str));
    }
    used
}

/// Drops references to departments and responsibilities the merge did not keep. The merge keeps
/// every item still used, so this only guards against inconsistent inputs.
pub fn drop_dangling(ws: &mut Workspace) {
    let departments: HashSet<String> = ws.departments.iter().map(|d| d.id.clone()).collect();
    for r in &mut ws.responsibilities {
        for role in ws.model.roles() {
            r.role_mut(role).retain(|d| departments.contains(d));
        }
        r.funding.retain(|d, _| departments.contains(d));
        r.claims.retain_departments(|d| departments.contains(d));
    }
    let responsibilities: HashSet<&str> =
        ws.responsibilities.iter().map(|r| r.id.as_str()).collect();
    for d in &mut ws.decisions {
        if d.responsibility
            .as_deref()
            .is_some_and(|id| !responsibilities.contains(id))
        {
            d.responsibility = None;
        }
    }
}

type Key<'a> = (&'a ConflictTarget, &'a str);

fn by_key(conflicts: &[Conflict]) -> HashMap<Key<'_>, &Conflict> {
    conflicts
        .iter()
        .map(|c| ((&c.target, c.field.as_str()), c))
        .collect()
}

/// The conflicts the merged workspace carries: those the sides already had (merged by the
/// three-way rule, so one resolved on one side stays resolved), then the ones this merge
/// `found` (replacing an older one on the same field); only those about items that exist.
/// Returns them all, and the new ones alone.
pub fn all_conflicts(
    base: &Workspace,
    ours: &Workspace,
    theirs: &Workspace,
    found: Vec<Conflict>,
    merged: &Workspace,
) -> (Vec<Conflict>, Vec<Conflict>) {
    let items = Items::of(merged);
    let (b, o, t) = (
        by_key(&base.conflicts),
        by_key(&ours.conflicts),
        by_key(&theirs.conflicts),
    );
    let fresh = by_key(&found);
    let mut out: Vec<Conflict> = Vec::new();
    let keep = |c: &Conflict, out: &mut Vec<Conflict>| {
        if !fresh.contains_key(&(&c.target, c.field.as_str())) && items.exist(c) {
            out.push(c.clone());
        }
    };
    for c in &ours.conflicts {
        let key = (&c.target, c.field.as_str());
        let (bc, tc) = (b.get(&key).copied(), t.get(&key).copied());
        match pick(bc, Some(c), tc) {
            Pick::Ours | Pick::Conflict => keep(c, &mut out),
            Pick::Theirs => {
                if let Some(tc) = tc {
                    keep(tc, &mut out);
                }
            }
        }
    }
    for c in &theirs.conflicts {
        let key = (&c.target, c.field.as_str());
        if !o.contains_key(&key) && !b.contains_key(&key) {
            keep(c, &mut out);
        }
    }
    let new: Vec<Conflict> = found.iter().filter(|c| items.exist(c)).cloned().collect();
    out.extend(new.iter().cloned());
    (out, new)
}

/// The ids of a workspace's items, to check what conflicts are about.
struct Items<'a> {
    departments: HashSet<&'a str>,
    responsibilities: HashSet<&'a str>,
    decisions: HashSet<&'a str>,
}

impl<'a> Items<'a> {
    fn of(ws: &'a Workspace) -> Self {
        Items {
            departments: ws.departments.iter().map(|d| d.id.as_str()).collect(),
            responsibilities: ws.responsibilities.iter().map(|r| r.id.as_str()).collect(),
            decisions: ws.decisions.iter().map(|d| d.id.as_str()).collect(),
        }
    }

    /// Whether the item (and the department a `funding.` or `claims.` field names) exists.
    fn exist(&self, c: &Conflict) -> bool {
        let item = match &c.target {
            ConflictTarget::Workspace => true,
            ConflictTarget::Department(id) => self.departments.contains(id.as_str()),
            ConflictTarget::Responsibility(id) => self.responsibilities.contains(id.as_str()),
            ConflictTarget::Decision(id) => self.decisions.contains(id.as_str()),
        };
        let department = crate::workspace::field_department(&c.field);
        item && department.is_none_or(|d| self.departments.contains(d))
    }
}
