use super::*;
use crate::workspace::{Department, Responsibility};

fn department(id: &str) -> Department {
    Department {
        id: id.into(),
        name: id.to_uppercase(),
        lead: None,
        signed: None,
    }
}

fn workspace(departments: &[&str], responsibilities: Vec<Responsibility>) -> Workspace {
    let mut ws = Workspace::default();
    ws.info.name = "Test".into();
    ws.departments = departments.iter().map(|id| department(id)).collect();
    ws.responsibilities = responsibilities;
    ws
}

fn resp(id: &str, a: &[&str], r: &[&str]) -> Responsibility {
    Responsibility {
        id: id.into(),
        name: id.into(),
        accountable: a.iter().map(|s| s.to_string()).collect(),
        responsible: r.iter().map(|s| s.to_string()).collect(),
        ..Responsibility::default()
    }
}

fn rules_of(analysis: &Analysis) -> Vec<(RuleId, Option<&str>, Option<&str>)> {
    analysis
        .findings
        .iter()
        .map(|f| (f.rule, f.responsibility.as_deref(), f.department.as_deref()))
        .collect()
}

#[test]
fn hot_potato_and_no_doer() {
    let ws = workspace(&["a"], vec![resp("x", &[], &[]), resp("y", &["a"], &["a"])]);
    let analysis = analyze(&ws);
    assert_eq!(
        rules_of(&analysis),
        vec![
            (RuleId::HotPotato, Some("x"), None),
            (RuleId::NoDoer, Some("x"), None),
            (RuleId::Silo, Some("y"), Some("a")),
        ]
    );
    assert_eq!(analysis.worst_for(0), Some(Severity::Error));
    assert_eq!(analysis.worst_for(1), Some(Severity::Warning));
}

#[test]
fn contested_needs_a_tie_breaker() {
    let mut r = resp("x", &["a", "b"], &["a"]);
    let ws = workspace(&["a", "b"], vec![r.clone()]);
    assert_eq!(
        rules_of(&analyze(&ws)),
        vec![(RuleId::Contested, Some("x"), None)]
    );
    r.tie_breaker = Some("   ".into());
    let ws = workspace(&["a", "b"], vec![r.clone()]);
    assert_eq!(
        analyze(&ws).findings.len(),
        1,
        "a blank tie-breaker settles nothing"
    );
    r.tie_breaker = Some("The COO decides.".into());
    let ws = workspace(&["a", "b"], vec![r]);
    assert!(analyze(&ws).findings.is_empty());
}

#[test]
fn claims_by_outsiders_are_unresolved() {
    let mut r = resp("x", &["a"], &["b"]);
    r.claims.insert("a".into(), "ours".into());
    r.claims.insert("b".into(), "ours".into());
    r.claims.insert("c".into(), "ours too".into());
    let ws = workspace(&["a", "b", "c"], vec![r]);
    assert_eq!(
        rules_of(&analyze(&ws)),
        vec![
            (RuleId::UnresolvedClaim, Some("x"), Some("c")),
            (RuleId::Absent, None, Some("c")),
        ]
    );
}

#[test]
fn funding_rules() {
    let mut r = resp("x", &["a"], &["b"]);
    r.budget = Some(100.0);
    r.funding.insert("a".into(), 60.0);
    let ws = workspace(&["a", "b"], vec![r.clone()]);
    assert_eq!(
        rules_of(&analyze(&ws)),
        vec![
            (RuleId::Underfunded, Some("x"), None),
            (RuleId::SingleFunder, Some("x"), Some("a")),
        ]
    );
    r.funding.insert("b".into(), 40.0);
    let ws = workspace(&["a", "b"], vec![r.clone()]);
    assert!(analyze(&ws).findings.is_empty());
    r.budget = Some(0.0);
    r.funding.clear();
    let ws = workspace(&["a", "b"], vec![r]);
    assert!(
        analyze(&ws).findings.is_empty(),
        "a zero budget needs no funding"
    );
}

#[test]
fn overload_by_mean_and_by_limit() {
    let many: Vec<Responsibility> = (0..4)
        .map(|i| resp(&format!("r{i}"), &["a"], &["b"]))
        .collect();
    let ws = workspace(&["a", "b", "c"], many.clone());
    // a: 4 accountable, mean 4/3: 4 > 2.67 and 4 >= 3.
    let analysis = analyze(&ws);
    assert!(rules_of(&analysis).contains(&(RuleId::Overload, None, Some("a"))));
    assert!(rules_of(&analysis).contains(&(RuleId::Absent, None, Some("c"))));
    let mut ws = workspace(&["a", "b"], many);
    ws.rules.max_accountable = Some(4);
    assert!(
        !rules_of(&analyze(&ws))
            .iter()
            .any(|f| f.0 == RuleId::Overload)
    );
    ws.rules.max_accountable = Some(3);
    assert!(rules_of(&analyze(&ws)).contains(&(RuleId::Overload, None, Some("a"))));
}

#[test]
fn rules_can_be_disabled_and_reweighted() {
    let mut ws = workspace(&["a"], vec![resp("y", &["a"], &["a"])]);
    ws.rules.severity.insert("silo".into(), Severity::Error);
    assert_eq!(analyze(&ws).findings[0].severity, Severity::Error);
    ws.rules.disable.push("silo".into());
    assert!(analyze(&ws).findings.is_empty());
}

#[test]
fn findings_are_worst_first() {
    let ws = workspace(
        &["a", "b"],
        vec![resp("y", &["a"], &[]), resp("x", &[], &["b"])],
    );
    let severities: Vec<Severity> = analyze(&ws).findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(severities, sorted);
}

#[test]
fn incremental_update_equals_a_full_analysis() {
    let mut ws = workspace(
        &["a", "b", "c"],
        vec![
            resp("x", &["a"], &["b"]),
            resp("y", &[], &["a"]),
            resp("z", &["a", "b"], &[]),
        ],
    );
    let mut analysis = analyze(&ws);
    let steps: [(usize, &[&str]); 5] = [
        (1, &["c"]),
        (0, &[]),
        (2, &["c"]),
        (1, &["a", "b", "c"]),
        (0, &["a"]),
    ];
    for (index, accountable) in steps {
        ws.responsibilities[index].accountable =
            accountable.iter().map(|s| s.to_string()).collect();
        analysis.update_responsibility(&ws, index);
        assert_eq!(
            analysis,
            analyze(&ws),
            "after setting {index} to {accountable:?}"
        );
    }
}
