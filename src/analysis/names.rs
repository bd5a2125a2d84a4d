//! The `duplicate-name` rule: two departments, or two responsibilities, whose names are equal
//! ignoring case and spacing (`Marketing` and `marketing `), which a room cannot tell apart.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::{Collector, RuleId};
use crate::workspace::{Responsibility, Workspace};

/// A name as the rule compares it: lowercase, without any spacing.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A short fingerprint of [`name_key`], for counting names without keeping them.
pub(super) fn name_hash(name: &str) -> u64 {
    let mut hasher = FxHasher::default();
    name_key(name).hash(&mut hasher);
    hasher.finish()
}

/// How many responsibilities carry each name, by [`name_hash`], and each one's hash.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Names {
    pub(super) hashes: Vec<u64>,
    counts: FxHashMap<u64, u32>,
}

impl Names {
    pub(super) fn new(ws: &Workspace) -> Self {
        let hashes: Vec<u64> = ws
            .responsibilities
            .iter()
            .map(|r| name_hash(&r.name))
            .collect();
        let mut counts = FxHashMap::default();
        for &h in &hashes {
            *counts.entry(h).or_insert(0) += 1;
        }
        Names { hashes, counts }
    }

    /// Whether the responsibility at `index` shares its name with another one.
    pub(super) fn shared(&self, index: usize) -> bool {
        self.hashes
            .get(index)
            .and_then(|h| self.counts.get(h))
            .is_some_and(|&n| n > 1)
    }
}

/// The position of another department of `ws` named like `name`, apart from `except`.
pub fn department_named(ws: &Workspace, name: &str, except: Option<usize>) -> Option<usize> {
    let key = name_key(name);
    ws.departments
        .iter()
        .enumerate()
        .position(|(i, d)| Some(i) != except && name_key(&d.name) == key)
}

/// The position of another responsibility of `ws` named like `name`, apart from `except`.
pub fn responsibility_named(ws: &Workspace, name: &str, except: Option<usize>) -> Option<usize> {
    let key = name_key(name);
    ws.responsibilities
        .iter()
        .enumerate()
        .position(|(i, r)| Some(i) != except && name_key(&r.name) == key)
}

impl<'w> Collector<'w> {
    /// The finding of a responsibility named like another one.
    pub(super) fn responsibility_name(&mut self, index: usize, r: &Responsibility, shared: bool) {
        if shared {
            let name = &r.name;
            self.push(RuleId::DuplicateName, Some(index), None, || {
                format!("Another responsibility is also named \"{name}\" (ignoring case and spacing): rename one or merge them.")
            });
        }
    }

    /// The finding of the department at `i` when `names` (from [`department_names`]) counts
    /// its name more than once.
    pub(super) fn department_name(&mut self, i: usize, names: &DepartmentNames) {
        let department = &self.workspace.departments[i];
        if names.counts.get(&names.keys[i]).is_some_and(|&n| n > 1) {
            let name = &department.name;
            self.push(RuleId::DuplicateName, None, Some(&department.id), || {
                format!("Another department is also named \"{name}\" (ignoring case and spacing): rename one or merge them.")
            });
        }
    }
}

/// Each department's [`name_key`] and how many departments carry it.
pub(super) struct DepartmentNames {
    keys: Vec<String>,
    counts: FxHashMap<String, u32>,
}

/// Counts the departments' names (linear in the departments).
pub(super) fn department_names(ws: &Workspace) -> DepartmentNames {
    let keys: Vec<String> = ws.departments.iter().map(|d| name_key(&d.name)).collect();
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    for key in &keys {
        *counts.entry(key.clone()).or_insert(0) += 1;
    }
    DepartmentNames { keys, counts }
}
