//! Tests of role models: the built-ins, custom models and their problems.

use super::super::builtin_models::def;
use super::*;

#[test]
fn raci_is_the_default_in_its_order() {
    let m = RoleModel::default();
    assert!(m.is_raci());
    let keys: Vec<&str> = m.keys().collect();
    assert_eq!(
        keys,
        ["accountable", "responsible", "consulted", "informed"]
    );
    assert_eq!(m.answering(), Role::Accountable);
    assert!(!m.decides_apart());
    assert_eq!(m.next(Role::Informed), Role::Accountable);
}

#[test]
fn builtins_have_an_answering_role_and_unique_letters() {
    for kind in ModelKind::ALL {
        let Some(m) = RoleModel::builtin(kind) else {
            continue;
        };
        assert!(!m.with(Meaning::Answers).is_empty(), "{kind:?}");
        let roles = m.defs().to_vec();
        RoleModel::custom(roles).expect("a built-in is a valid custom model");
    }
    let dda = RoleModel::builtin(ModelKind::DoesDecidesAnswers).expect("a built-in model");
    assert!(dda.decides_apart());
    assert_eq!(dda.by_letter('d'), dda.by_key("decides"));
}

#[test]
fn custom_models_report_every_problem() {
    let role = |key: &str, letter, means: &[Meaning]| def(key, key, letter, means, "");
    let problems = RoleModel::custom(vec![
        role("owner", 'O', &[Meaning::Does]),
        role("owner", 'O', &[Meaning::Informed]),
        role("budget", 'B', &[]),
    ])
    .expect_err("problems reported");
    let text: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("duplicate role key `owner`"))
    );
    assert!(text.iter().any(|t| t.contains("duplicate role letter `O`")));
    assert!(text.iter().any(|t| t.contains("responsibility's own key")));
    assert!(text.iter().any(|t| t.contains("answers for the outcome")));
    assert!(RoleModel::custom(Vec::new()).is_err());
}
