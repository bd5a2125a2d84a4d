//! Large, realistic, deterministic workspaces for benchmarks and stress tests.

use std::collections::BTreeMap;

use crate::workspace::{Claim, Decision, Department, Responsibility, Workspace, WorkspaceInfo};

const AREAS: [&str; 8] = [
    "Brand & content",
    "Community & service",
    "Risk & compliance",
    "People",
    "Platforms & data",
    "Money & growth",
    "Regions",
    "Partnerships",
];

const TOPICS: [&str; 18] = [
    "brand voice",
    "content calendar",
    "community management",
    "customer service",
    "social listening",
    "crisis response",
    "social media policy",
    "record keeping",
    "employee advocacy",
    "executive presence",
    "paid social",
    "tool administration",
    "account security",
    "analytics",
    "influencer relations",
    "recruiting",
    "investor relations",
    "budget",
];

/// A small, fast, deterministic random number generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// `count` distinct department ids.
    fn departments(&mut self, ids: &[String], count: usize) -> Vec<String> {
        let mut picked: Vec<String> = Vec::with_capacity(count);
        while picked.len() < count.min(ids.len()) {
            let id = &ids[self.below(ids.len())];
            if !picked.contains(id) {
                picked.push(id.clone());
            }
        }
        picked
    }
}

/// A workspace of `departments` departments and `responsibilities` responsibilities with
/// realistic role spreads: mostly one accountable department (some none, some two or three),
/// one to three doers, a few consulted and informed, budgets, funding, claims and tie-breakers.
/// The same arguments always give the same workspace.
pub fn workspace(departments: usize, responsibilities: usize, seed: u64) -> Workspace {
    let mut rng = Rng(seed);
    let departments: Vec<Department> = (1..=departments)
        .map(|n| Department {
            id: format!("dept-{n}"),
            name: format!("Department {n}"),
            lead: rng.chance(80).then(|| format!("Lead {n}")),
            signed: None,
        })
        .collect();
    let ids: Vec<String> = departments.iter().map(|d| d.id.clone()).collect();
    let responsibilities = (1..=responsibilities)
        .map(|n| responsibility(&mut rng, &ids, n))
        .collect::<Vec<_>>();
    let decisions = (0..responsibilities.len().min(50))
        .step_by(7)
        .map(|i| Decision {
            department: None,
            id: format!("decision-{i}"),
            date: format!("2026-11-{:02}", 1 + i % 28),
            responsibility: Some(responsibilities[i].id.clone()),
            text: format!("Settled the owners of {}.", responsibilities[i].name),
        })
        .collect();
    Workspace {
        info: WorkspaceInfo {
            name: "Generated charter".into(),
            organization: Some("Example Group".into()),
            facilitator: Some("Benchmark".into()),
            purpose: Some("Measure whoowns on a large organization.".into()),
            currency: Some("EUR".into()),
            date: None,
            review_by: None,
        },
        departments,
        responsibilities,
        decisions,
        ..Workspace::default()
    }
}

fn responsibility(rng: &mut Rng, ids: &[String], n: usize) -> Responsibility {
    let accountable = match rng.below(100) {
        0..5 => 0,
        5..80 => 1,
        80..95 => 2,
        _ => 3,
    };
    let responsible = if rng.chance(3) { 0 } else { 1 + rng.below(3) };
    let consulted = rng.below(5);
    let informed = rng.below(7);
    let accountable = rng.departments(ids, accountable);
    let responsible = rng.departments(ids, responsible);
    let consulted = rng.departments(ids, consulted);
    let informed = rng.departments(ids, informed);
    let mut funding = BTreeMap::new();
    let budget = rng.chance(40).then(|| {
        let budget = (1 + rng.below(100)) as f64 * 1000.0;
        let funders = 1 + rng.below(3);
        for funder in rng.departments(ids, funders) {
            funding.insert(funder, (1 + rng.below(50)) as f64 * 500.0);
        }
        budget
    });
    let mut claims = crate::workspace::Claims::new();
    if rng.chance(20) {
        let claimants = 1 + rng.below(2);
        for claimant in rng.departments(ids, claimants) {
            claims.insert(
                claimant,
                Claim::open("We should own this: it is close to our daily work."),
            );
        }
    }
    let topic = TOPICS[n % TOPICS.len()];
    Responsibility {
        id: format!("resp-{n}"),
        name: format!("Responsibility {n}: {topic} (region {})", 1 + n % 12),
        description: rng
            .chance(60)
            .then(|| format!("Everything about {topic} in region {}.", 1 + n % 12)),
        area: Some(AREAS[rng.below(AREAS.len())].to_owned()),
        accountable,
        responsible,
        consulted,
        informed,
        tie_breaker: rng
            .chance(30)
            .then(|| "The steering group decides within a week.".to_owned()),
        budget,
        funding,
        claims,
        notes: rng
            .chance(10)
            .then(|| "Reviewed at the last workshop.".to_owned()),
        parked: None,
        more: Default::default(),
    }
}

/// The move a benchmark measures: the Accountable role of the first owned responsibility, to
/// another department (what one drop on the board does). `None` when nothing can move.
pub fn typical_move(ws: &Workspace) -> Option<crate::edit::Change> {
    let (index, from) = ws
        .responsibilities
        .iter()
        .enumerate()
        .find_map(|(i, r)| r.accountable.first().map(|d| (i, d.clone())))?;
    let to = ws.departments.iter().find(|d| d.id != from)?.id.clone();
    crate::edit::move_role(
        ws,
        index,
        crate::workspace::Role::Accountable,
        Some(&from),
        Some(&to),
        crate::edit::DropMode::Move,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{parse, to_toml};

    #[test]
    fn generated_workspaces_are_valid_and_deterministic() {
        let ws = workspace(12, 300, 42);
        assert_eq!(ws.departments.len(), 12);
        assert_eq!(ws.responsibilities.len(), 300);
        assert_eq!(ws, workspace(12, 300, 42));
        assert_ne!(ws, workspace(12, 300, 43));
        let parsed = parse(&to_toml(&ws)).expect("valid").workspace;
        assert_eq!(parsed, ws);
        let hot_potatoes = ws
            .responsibilities
            .iter()
            .filter(|r| r.accountable.is_empty())
            .count();
        assert!(
            (1..60).contains(&hot_potatoes),
            "about 5% have no owner: {hot_potatoes}"
        );
        for r in &ws.responsibilities {
            assert!(r.accountable.len() <= 3 && r.responsible.len() <= 3);
            assert!(r.consulted.len() <= 4 && r.informed.len() <= 6);
            for list in [&r.accountable, &r.responsible, &r.consulted, &r.informed] {
                let mut distinct = list.clone();
                distinct.sort();
                distinct.dedup();
                assert_eq!(distinct.len(), list.len(), "distinct departments per list");
            }
        }
    }
}
