//! Who carries what: each department's share of the roles and of the funding, for the board's
//! load view (and anything else that wants the figures).

use crate::analysis::{Analysis, RuleId};
use crate::workspace::{Amount, Meaning, Workspace};

/// One department's load.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentLoad {
    /// Position of the department in the workspace.
    pub department: usize,
    /// How many responsibilities it is accountable for, and responsible for.
    pub accountable: usize,
    pub responsible: usize,
    /// What it contributes to the funding, and its share of all funding (0 to 1).
    pub funding: Amount,
    pub funding_share: f64,
    /// The `overload` finding fired for it.
    pub overloaded: bool,
}

/// The load of every department, in workspace order. Linear in the size of the workspace.
pub fn department_loads(ws: &Workspace, analysis: &Analysis) -> Vec<DepartmentLoad> {
    let positions = ws.department_positions();
    let mut loads: Vec<DepartmentLoad> = (0..ws.departments.len())
        .map(|department| DepartmentLoad {
            department,
            accountable: 0,
            responsible: 0,
            funding: 0.0,
            funding_share: 0.0,
            overloaded: false,
        })
        .collect();
    let mut total_funding = 0.0;
    for r in &ws.responsibilities {
        for (meaning, count) in [(Meaning::Answers, 0), (Meaning::Does, 1)] {
            for role in ws.model.with(meaning).iter() {
                for id in r.role(role) {
                    if let Some(&d) = positions.get(id.as_str()) {
                        let load = &mut loads[d];
                        if count == 0 {
                            load.accountable += 1;
                        } else {
                            load.responsible += 1;
                        }
                    }
                }
            }
        }
        for (id, amount) in &r.funding {
            if let Some(&d) = positions.get(id.as_str()) {
                loads[d].funding += amount;
                total_funding += amount;
            }
        }
    }
    for finding in &analysis.findings {
        if finding.rule == RuleId::Overload
            && let Some(&d) = finding
                .department
                .as_deref()
                .and_then(|id| positions.get(id))
        {
            loads[d].overloaded = true;
        }
    }
    if total_funding > 0.0 {
        for load in &mut loads {
            load.funding_share = load.funding / total_funding;
        }
    }
    loads
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::workspace::parse;

    #[test]
    fn sample_loads_add_up_and_mark_overload() {
        let ws = parse(crate::SAMPLE_WORKSPACE)
            .expect("the sample loads")
            .workspace;
        let analysis = analyze(&ws);
        let loads = department_loads(&ws, &analysis);
        assert_eq!(loads.len(), ws.departments.len());
        let accountable: usize = ws
            .responsibilities
            .iter()
            .map(|r| r.accountable.len())
            .sum();
        assert_eq!(
            loads.iter().map(|l| l.accountable).sum::<usize>(),
            accountable
        );
        let responsible: usize = ws
            .responsibilities
            .iter()
            .map(|r| r.responsible.len())
            .sum();
        assert_eq!(
            loads.iter().map(|l| l.responsible).sum::<usize>(),
            responsible
        );
        let share: f64 = loads.iter().map(|l| l.funding_share).sum();
        assert!((share - 1.0).abs() < 1e-9, "{share}");
        let marketing = ws.department_index("marketing").expect("marketing");
        assert!(loads[marketing].overloaded);
        assert_eq!(loads.iter().filter(|l| l.overloaded).count(), 1);
    }
}
