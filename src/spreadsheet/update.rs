//! `import SHEET --into WORKSPACE`: the roles of an existing workspace updated from a sheet.
//!
//! Responsibilities and departments are matched by id, then by name. Only what the sheet
//! carries changes (roles, and names, areas, descriptions and notes where it has them);
//! everything else (ids, tie-breakers, budgets, funding, claims, decisions, sign-off, and the
//! file's comments, which the caller's save keeps) stays as it was.

use std::collections::{HashMap, HashSet};

use super::read::Imported;
use super::slug;
use crate::workspace::{Department, Responsibility, Workspace};

/// What an update did besides changing roles (the diff says which roles).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateReport {
    /// Responsibilities of the sheet that the workspace did not have, added (by name).
    pub added: Vec<String>,
    /// Responsibilities of the workspace the sheet does not list (by name): kept, or removed
    /// when pruning.
    pub missing: Vec<String>,
    /// Whether the missing ones were removed.
    pub pruned: bool,
    /// Departments of the sheet that the workspace did not have, added (by name).
    pub departments_added: Vec<String>,
    /// Departments of the workspace that the sheet has no column (or name) for: their roles
    /// are kept.
    pub departments_missing: Vec<String>,
}

fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `existing` with the roles `imported` gives; `prune` removes the responsibilities the sheet
/// does not list. The sheet must be read in the workspace's model.
pub fn update_roles(
    existing: &Workspace,
    imported: &Imported,
    prune: bool,
) -> (Workspace, UpdateReport) {
    let mut ws = existing.clone();
    let mut report = UpdateReport {
        pruned: prune,
        ..UpdateReport::default()
    };
    let sheet = &imported.workspace;

    // Departments: the sheet's id (a heading that is an id), then name, then slug.
    let mut dept_ids: HashSet<String> = ws.departments.iter().map(|d| d.id.clone()).collect();
    let by_id: HashMap<&str, usize> = existing
        .departments
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    for (i, d) in existing.departments.iter().enumerate() {
        by_name.entry(key(&d.name)).or_insert(i);
        by_slug.entry(slug(&d.name)).or_insert(i);
    }
    let mut dept_map: HashMap<&str, String> = HashMap::new();
    let mut seen_departments = HashSet::new();
    for d in &sheet.departments {
        let found = by_id
            .get(d.name.trim())
            .or_else(|| by_name.get(&key(&d.name)))
            .or_else(|| by_id.get(d.id.as_str()))
            .or_else(|| by_slug.get(&d.id))
            .copied();
        let id = match found {
            Some(i) => existing.departments[i].id.clone(),
            None => {
                let id = unused(&d.id, &mut dept_ids);
                ws.departments.push(Department {
                    id: id.clone(),
                    name: d.name.clone(),
                    ..Department::default()
                });
                report.departments_added.push(d.name.clone());
                id
            }
        };
        seen_departments.insert(id.clone());
        dept_map.insert(d.id.as_str(), id);
    }
    report.departments_missing = existing
        .departments
        .iter()
        .filter(|d| !seen_departments.contains(&d.id))
        .map(|d| d.name.clone())
        .collect();
    let in_sheet: HashSet<&str> = existing
        .departments
        .iter()
        .map(|d| d.id.as_str())
        .filter(|id| seen_departments.contains(*id))
        .collect();

    // Responsibilities: by id (from an id column), then by name.
    let r_by_id: HashMap<&str, usize> = existing
        .responsibilities
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut r_by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in existing.responsibilities.iter().enumerate().rev() {
        r_by_name.entry(key(&r.name)).or_default().push(i);
    }
    let mut matched = vec![false; existing.responsibilities.len()];
    let mut r_ids: HashSet<String> = ws.responsibilities.iter().map(|r| r.id.clone()).collect();
    let model = &ws.model.clone();
    for (n, row) in sheet.responsibilities.iter().enumerate() {
        let explicit = imported.explicit_ids.get(n).copied().unwrap_or(false);
        let by_id = explicit
            .then(|| r_by_id.get(row.id.as_str()).copied())
            .flatten()
            .filter(|&i| !matched[i]);
        let found = by_id.or_else(|| {
            let list = r_by_name.get_mut(&key(&row.name))?;
            while let Some(i) = list.pop() {
                if !matched[i] {
                    return Some(i);
                }
            }
            None
        });
        match found {
            Some(i) => {
                matched[i] = true;
                let target = &mut ws.responsibilities[i];
                for role in model.roles() {
                    let want: Vec<&str> = row
                        .role(role)
                        .iter()
                        .filter_map(|d| dept_map.get(d.as_str()).map(String::as_str))
                        .collect();
                    let wanted: HashSet<&str> = want.iter().copied().collect();
                    let list = target.role_mut(role);
                    let had: HashSet<String> = list.iter().cloned().collect();
                    list.retain(|d| !in_sheet.contains(d.as_str()) || wanted.contains(d.as_str()));
                    for d in want {
                        if !had.contains(d) {
                            list.push(d.to_owned());
                        }
                    }
                }
                // Renamed in the sheet: only a row that its id matched can say so.
                if by_id == Some(i) && target.name != row.name {
                    target.name.clone_from(&row.name);
                }
                if imported.carries.areas {
                    target.area.clone_from(&row.area);
                }
                if imported.carries.descriptions {
                    target.description.clone_from(&row.description);
                }
                if imported.carries.notes {
                    target.notes.clone_from(&row.notes);
                }
            }
            None => {
                let mut added = Responsibility {
                    id: unused(&row.id, &mut r_ids),
                    name: row.name.clone(),
                    area: row.area.clone(),
                    description: row.description.clone(),
                    notes: row.notes.clone(),
                    ..Responsibility::default()
                };
                for role in model.roles() {
                    let list: Vec<String> = row
                        .role(role)
                        .iter()
                        .filter_map(|d| dept_map.get(d.as_str()).cloned())
                        .collect();
                    *added.role_mut(role) = list;
                }
                report.added.push(row.name.clone());
                ws.responsibilities.push(added);
            }
        }
    }
    report.missing = existing
        .responsibilities
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(r, _)| r.name.clone())
        .collect();
    if prune {
        let mut index = 0;
        ws.responsibilities.retain(|_| {
            let keep = matched.get(index).copied().unwrap_or(true);
            index += 1;
            keep
        });
    }
    (ws, report)
}

/// `base`, or `base-2`, ... when taken; recorded as taken.
fn unused(base: &str, taken: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "item" } else { base };
    let mut candidate = base.to_owned();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}
