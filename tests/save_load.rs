//! Property: saving then loading gives back exactly what was saved, for fresh files and for
//! saves over an existing, hand-kept file; and an unchanged workspace saves byte for byte.

use std::collections::BTreeMap;

use proptest::prelude::*;
use whoowns::workspace::{
    Decision, Department, Responsibility, Role, Workspace, parse, to_toml, update_document,
};

fn text() -> impl Strategy<Value = String> {
    // Quotes, backslashes, newlines, tabs, non-ASCII and wide characters all must survive.
    "[a-zA-Z0-9 \"'\\\\\n\t.,:;|<>&*_#\u{e9}\u{5e7f}\u{1f600}-]{1,20}"
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

fn amount() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u32..1_000_000).prop_map(f64::from),
        (0.0f64..1e6).prop_map(|x| (x * 100.0).round() / 100.0)
    ]
}

fn workspace() -> impl Strategy<Value = Workspace> {
    (
        1usize..6,
        0usize..8,
        text(),
        optional_text(),
        optional_text(),
    )
        .prop_flat_map(
            |(departments, responsibilities, name, organization, currency)| {
                let ids: Vec<String> = (0..departments).map(|i| format!("d{i}")).collect();
                let department_values =
                    proptest::collection::vec((text(), optional_text()), departments);
                let pick = proptest::sample::subsequence(ids.clone(), 0..=ids.len());
                let responsibility = (
                    text(),
                    optional_text(),
                    optional_text(),
                    [pick.clone(), pick.clone(), pick.clone(), pick.clone()],
                    optional_text(),
                    proptest::option::of(amount()),
                    proptest::collection::btree_map(
                        proptest::sample::select(ids.clone()),
                        amount(),
                        0..3,
                    ),
                    proptest::collection::btree_map(
                        proptest::sample::select(ids.clone()),
                        text(),
                        0..3,
                    ),
                    optional_text(),
                );
                let decisions = proptest::collection::vec((1u32..=28, text(), any::<bool>()), 0..3);
                (
                    Just(ids),
                    department_values,
                    proptest::collection::vec(responsibility, responsibilities),
                    decisions,
                    Just((name, organization, currency)),
                )
            },
        )
        .prop_map(
            |(ids, departments, responsibilities, decisions, (name, organization, currency))| {
                let mut ws = Workspace::default();
                ws.info.name = name;
                ws.info.organization = organization;
                ws.info.currency = currency;
                ws.departments = ids
                    .iter()
                    .zip(departments)
                    .map(|(id, (name, lead))| Department {
                        id: id.clone(),
                        name,
                        lead,
                    })
                    .collect();
                ws.responsibilities = responsibilities
                    .into_iter()
                    .enumerate()
                    .map(
                        |(
                            i,
                            (
                                name,
                                description,
                                area,
                                roles,
                                tie_breaker,
                                budget,
                                funding,
                                claims,
                                notes,
                            ),
                        )| {
                            let mut r = Responsibility {
                                id: format!("r{i}"),
                                name,
                                description,
                                area,
                                tie_breaker,
                                budget,
                                funding: funding.into_iter().collect::<BTreeMap<_, _>>(),
                                claims: claims.into_iter().collect(),
                                notes,
                                ..Responsibility::default()
                            };
                            for (role, list) in Role::ALL.into_iter().zip(roles) {
                                *r.role_mut(role) = list;
                            }
                            r
                        },
                    )
                    .collect();
                let count = ws.responsibilities.len();
                ws.decisions = decisions
                    .into_iter()
                    .map(|(day, text, about)| Decision {
                        date: format!("2026-11-{day:02}"),
                        responsibility: (about && count > 0)
                            .then(|| format!("r{}", day as usize % count)),
                        text,
                    })
                    .collect();
                ws
            },
        )
        // Required texts must say something once trimmed.
        .prop_filter("required names are not blank", |ws| {
            !ws.info.name.trim().is_empty()
                && ws.departments.iter().all(|d| !d.name.trim().is_empty())
                && ws
                    .responsibilities
                    .iter()
                    .all(|r| !r.name.trim().is_empty())
                && ws.decisions.iter().all(|d| !d.text.trim().is_empty())
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_fresh_save_loads_back_identical(ws in workspace()) {
        let text = to_toml(&ws);
        let loaded = parse(&text).map(|p| p.workspace).map_err(|d| format!("{d:?}\n{text}"));
        prop_assert_eq!(loaded, Ok(ws));
    }

    #[test]
    fn saving_over_another_file_loads_back_identical(before in workspace(), after in workspace()) {
        let original = to_toml(&before);
        let text = update_document(&original, &after).expect("the original is TOML");
        let loaded = parse(&text).map(|p| p.workspace).map_err(|d| format!("{d:?}\n{text}"));
        prop_assert_eq!(loaded, Ok(after));
    }
}

#[test]
fn unchanged_files_save_byte_for_byte() {
    let mut files = vec![
        std::path::PathBuf::from("assets/sample.toml"),
        "tests/fixtures/board.toml".into(),
    ];
    for entry in std::fs::read_dir("tests/fixtures/lint").expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    assert!(files.len() > 10);
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read");
        let ws = parse(&text).expect("valid").workspace;
        assert_eq!(
            update_document(&text, &ws).expect("TOML"),
            text,
            "{} changed on a no-op save",
            path.display()
        );
    }
}
