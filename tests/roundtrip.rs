//! Saving and loading are exact inverses.
//!
//! Properties over random valid workspaces (any Unicode in texts, including quotes, backslashes,
//! line breaks and control characters; integer and fractional amounts; claims, rules and
//! decisions):
//!
//! - `parse(to_toml(ws)) == ws`: a fresh file loads back as what was saved;
//! - `parse(update_document(old, ws)) == ws` for any previous file `old`, whether written by
//!   whoowns for another workspace or kept by hand (the sample and every fixture): saving over a
//!   different file is the identity too;
//! - saving the same workspace again changes nothing.
//!
//! And for every file in the repository: an unchanged workspace saves byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::TestCaseError;
use whoowns::analysis::RuleId;
use whoowns::workspace::{
    Claim, ClaimStatus, Claims, Decision, Department, MAX_AMOUNT, Responsibility, Role,
    RuleSettings, Severity, Signature, Workspace, WorkspaceInfo, parse, to_toml, update_document,
};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

// --- Strategies --------------------------------------------------------------------------------

/// One character, biased towards those that need quoting or escaping in TOML.
fn character() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        3 => select(vec![
            '"', '\\', '\'', '\n', '\r', '\t', ' ', '#', '=', '[', ']', '{', '}', ',', '.', '$',
            '\u{0}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}', '\u{7f}', '\u{85}', '\u{a0}',
            '\u{9b}', '\u{200b}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}', 'é', 'ß', 'Ω',
            '广', '😀', '\u{301}', '\u{202e}',
        ]),
        // Anything at all, control characters and unassigned code points included.
        2 => any::<char>(),
    ]
}

/// Any text, from a handful of awkward fixed ones and random characters.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => select(vec![
            "", " ", "\n", "\r\n", "a\r\nb", "'''", "\"\"\"", "''''''", "\"", "'", "\\", "\\\\",
            "\\n", "\\u0041", "ends with quote'", "ends with quote\"", "\nleading newline",
            "trailing newline\n", "two\n\nlines", "tab\tand\u{7f}del", "#not a comment",
            "key = \"value\"", "[[department]]", "\u{feff}bom", "é\u{301}",
        ])
        .prop_map(str::to_owned),
        6 => proptest::collection::vec(character(), 0..24)
            .prop_map(|chars| chars.into_iter().collect::<String>()),
    ]
}

/// A text that must say something: not empty, not only whitespace.
fn required_text() -> impl Strategy<Value = String> {
    any_text().prop_map(|s| {
        if s.trim().is_empty() {
            format!("{s}x")
        } else {
            s
        }
    })
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::weighted(0.6, any_text())
}

/// A valid id; often one the sample and fixtures use, so saving over them reuses their tables.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "marketing",
            "it",
            "legal",
            "pr",
            "hr",
            "care",
            "sales",
            "exec",
            "a",
            "b",
            "x",
            "y",
            "brand-voice",
            "crisis-response",
            "recruiting",
            "tools",
            "crisis",
            "0",
            "9to5_team-b",
        ])
        .prop_map(str::to_owned),
        "[a-z0-9][a-z0-9_-]{0,12}",
    ]
}

/// Distinct ids in random order.
fn ids(max: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(id(), 0..=max).prop_map(|mut ids| {
        let mut seen = std::collections::HashSet::new();
        ids.retain(|id| seen.insert(id.clone()));
        ids
    })
}

/// A valid amount (0 to `MAX_AMOUNT`): whole or fractional, tiny or huge.
fn amount() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => (0u32..1_000_000).prop_map(f64::from),
        2 => (0u64..10_000_000).prop_map(|cents| cents as f64 / 100.0),
        1 => (0u64..=1_000_000_000_000_000).prop_map(|n| n as f64),
        1 => select(vec![0.0, 0.1, 0.30000000000000004, 1e-7, 5e-324, 999_999_999_999_999.9, MAX_AMOUNT]),
        2 => proptest::num::f64::POSITIVE
            | proptest::num::f64::ZERO
            | proptest::num::f64::NORMAL
            | proptest::num::f64::SUBNORMAL,
    ]
    .prop_filter("a valid amount", |a| a.is_finite() && (0.0..=MAX_AMOUNT).contains(a))
}

/// A list of distinct departments from `ids`, in random order.
fn role_list(ids: &[String]) -> BoxedStrategy<Vec<String>> {
    if ids.is_empty() {
        return Just(Vec::new()).boxed();
    }
    subsequence(ids.to_vec(), 0..=ids.len().min(4))
        .prop_shuffle()
        .boxed()
}

fn department_map<T: std::fmt::Debug + Clone + 'static>(
    ids: &[String],
    value: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<BTreeMap<String, T>> {
    if ids.is_empty() {
        return Just(BTreeMap::new()).boxed();
    }
    proptest::collection::btree_map(select(ids.to_vec()), value, 0..=3).boxed()
}

fn info() -> impl Strategy<Value = WorkspaceInfo> {
    (
        required_text(),
        optional_text(),
        optional_text(),
        optional_text(),
        proptest::option::of(prop_oneof![
            select(vec!["EUR", "USD", "CHF", "¥", ""]).prop_map(str::to_owned),
            any_text()
        ]),
        proptest::option::of(date()),
        proptest::option::of(date()),
    )
        .prop_map(
            |(name, organization, facilitator, purpose, currency, date, review_by)| WorkspaceInfo {
                name,
                organization,
                facilitator,
                purpose,
                currency,
                date,
                review_by,
            },
        )
}

fn rules() -> impl Strategy<Value = RuleSettings> {
    let all: Vec<String> = RuleId::ALL.iter().map(|r| r.as_str().to_owned()).collect();
    let severity = select(vec![Severity::Error, Severity::Warning, Severity::Info]);
    prop_oneof![
        1 => Just(RuleSettings::default()),
        2 => (
            proptest::option::of(any::<u32>()),
            subsequence(all.clone(), 0..=4).prop_shuffle(),
            proptest::collection::btree_map(select(all), severity, 0..=4),
        )
            .prop_map(|(max_accountable, disable, severity)| RuleSettings {
                max_accountable,
                disable,
                severity,
            }),
    ]
}

fn signature() -> impl Strategy<Value = Signature> {
    (
        required_text(),
        date(),
        proptest::option::of("[0-9a-f]{16}"),
        proptest::option::of(prop_oneof![
            Just("2 warnings and 1 parked item".to_owned()),
            required_text(),
        ]),
    )
        .prop_map(|(by, date, part, open)| Signature {
            by,
            date,
            part,
            open,
        })
}

fn department(id: String) -> impl Strategy<Value = Department> {
    (
        required_text(),
        optional_text(),
        proptest::option::of(signature()),
    )
        .prop_map(move |(name, lead, signed)| Department {
            id: id.clone(),
            name,
            lead,
            signed,
        })
}

/// An open claim (its bare reason) or a settled one with its outcome.
fn claim() -> impl Strategy<Value = Claim> {
    prop_oneof![
        any_text().prop_map(Claim::open),
        (
            any_text(),
            select(ClaimStatus::ALL.to_vec()),
            optional_text(),
            proptest::option::of(date()),
        )
            .prop_map(|(reason, status, answer, date)| Claim {
                role: None,
                reason,
                status,
                answer,
                date,
                raised_by: None,
            }),
    ]
}

/// One department's claims: one to three, each on another role (or on no particular role).
fn department_claims() -> impl Strategy<Value = Vec<Claim>> {
    let roles = vec![
        None,
        Some("accountable"),
        Some("responsible"),
        Some("consulted"),
        Some("informed"),
    ];
    (
        proptest::sample::subsequence(roles, 1..=3),
        proptest::collection::vec((claim(), proptest::option::of(any_text())), 3),
    )
        .prop_map(|(roles, claims)| {
            roles
                .into_iter()
                .zip(claims)
                .map(|(role, (claim, by))| Claim {
                    role: role.map(str::to_owned),
                    raised_by: by,
                    ..claim
                })
                .collect()
        })
}

fn responsibility(
    id: String,
    departments: &[String],
) -> impl Strategy<Value = Responsibility> + use<> {
    (
        (
            required_text(),
            optional_text(),
            optional_text(),
            optional_text(),
        ),
        [
            role_list(departments),
            role_list(departments),
            role_list(departments),
            role_list(departments),
        ],
        proptest::option::of(amount()),
        department_map(departments, amount()),
        department_map(departments, department_claims()),
        (optional_text(), proptest::option::of(any_text())),
    )
        .prop_map(
            move |(
                (name, description, area, tie_breaker),
                roles,
                budget,
                funding,
                claims,
                (notes, parked),
            )| {
                let mut r = Responsibility {
                    id: id.clone(),
                    name,
                    description,
                    area,
                    tie_breaker,
                    budget,
                    funding,
                    claims: claims
                        .into_iter()
                        .fold(Claims::new(), |mut all, (d, list)| {
                            all.set_department(d, list);
                            all
                        }),
                    notes,
                    parked,
                    ..Responsibility::default()
                };
                for (role, list) in Role::ALL.into_iter().zip(roles) {
                    *r.role_mut(role) = list;
                }
                r
            },
        )
}

/// A real calendar date, `YYYY-MM-DD`, years 0000 to 9999 (leap days included).
fn date() -> impl Strategy<Value = String> {
    (0u32..=9999, 1u32..=12, 1u32..=31).prop_map(|(year, month, day)| {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 31,
        };
        format!("{year:04}-{month:02}-{:02}", day.min(days))
    })
}

fn decision(responsibilities: &[String]) -> impl Strategy<Value = Decision> + use<> {
    let about = if responsibilities.is_empty() {
        Just(None).boxed()
    } else {
        proptest::option::of(select(responsibilities.to_vec())).boxed()
    };
    (date(), about, required_text()).prop_map(|(date, responsibility, text)| Decision {
        department: None,
        id: String::new(),
        date,
        responsibility,
        text,
    })
}

/// A random valid workspace.
fn workspace() -> impl Strategy<Value = Workspace> {
    (ids(6), ids(8), info(), rules())
        .prop_flat_map(|(department_ids, responsibility_ids, info, rules)| {
            let departments: Vec<_> = department_ids.iter().cloned().map(department).collect();
            let responsibilities: Vec<_> = responsibility_ids
                .iter()
                .cloned()
                .map(|id| responsibility(id, &department_ids))
                .collect();
            let decisions = proptest::collection::vec(decision(&responsibility_ids), 0..=3);
            (
                Just(info),
                Just(rules),
                departments,
                responsibilities,
                decisions,
            )
        })
        .prop_map(|(info, rules, departments, responsibilities, decisions)| {
            let mut ws = Workspace {
                info,
                rules,
                departments,
                responsibilities,
                decisions,
                conflicts: Vec::new(),
                waivers: Vec::new(),
                model: Default::default(),
            };
            ws.fill_decision_ids();
            ws
        })
}

// --- Files in the repository -------------------------------------------------------------------

/// The sample and every valid fixture (anything not under an `invalid` directory).
fn valid_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "invalid") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    let root = Path::new(ROOT);
    let mut files = vec![root.join("assets/sample.toml")];
    walk(&root.join("tests/fixtures"), &mut files);
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The texts of the sample and every valid fixture: previous files to save over.
fn hand_kept_texts() -> Vec<String> {
    let mut texts: Vec<String> = valid_files().iter().map(|p| read(p)).collect();
    texts.push(whoowns::SAMPLE_WORKSPACE.to_owned());
    texts
}

fn reload(text: &str) -> Result<Workspace, String> {
    parse(text)
        .map(|p| p.workspace)
        .map_err(|d| format!("the saved text does not load: {d:?}\n--- text ---\n{text}"))
}

// --- Properties --------------------------------------------------------------------------------

/// `after` with the items that `before` also has (matched by id) moved to the front of their
/// list, in `before`'s order; new items follow in their own order. This is how the board edits a
/// workspace (items are only appended or removed); the properties after these cover any order.
fn keeping_the_order_of(before: &Workspace, mut after: Workspace) -> Workspace {
    fn reorder<T>(old: &[String], items: Vec<T>, id: impl Fn(&T) -> &str) -> Vec<T> {
        let (mut kept, new): (Vec<T>, Vec<T>) = items
            .into_iter()
            .partition(|item| old.iter().any(|o| o == id(item)));
        kept.sort_by_key(|item| old.iter().position(|o| o == id(item)));
        kept.extend(new);
        kept
    }
    let departments: Vec<String> = before.departments.iter().map(|d| d.id.clone()).collect();
    let responsibilities: Vec<String> = before
        .responsibilities
        .iter()
        .map(|r| r.id.clone())
        .collect();
    after.departments = reorder(&departments, after.departments, |d| d.id.as_str());
    after.responsibilities = reorder(&responsibilities, after.responsibilities, |r| r.id.as_str());
    after
}

/// Saves `after` over `original` and checks it loads back as `after`, and that saving it again
/// changes nothing.
fn check_save_over(original: &str, after: &Workspace) -> Result<(), TestCaseError> {
    let saved = update_document(original, after).expect("the original is valid TOML");
    prop_assert_eq!(
        reload(&saved),
        Ok(after.clone()),
        "--- saved over ---\n{}\n--- giving ---\n{}",
        original,
        saved
    );
    let again = update_document(&saved, after).expect("valid TOML");
    prop_assert_eq!(
        again,
        saved,
        "a second save of the same workspace changed the file"
    );
    Ok(())
}

// 256 cases unless PROPTEST_CASES says otherwise.
proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn a_fresh_file_loads_back_identical(ws in workspace()) {
        let text = to_toml(&ws);
        prop_assert_eq!(reload(&text), Ok(ws.clone()), "text:\n{}", text);
        // Saving what was loaded over the same text changes nothing.
        prop_assert_eq!(update_document(&text, &ws).expect("valid TOML"), text);
    }

    #[test]
    fn saving_over_another_workspace_file_loads_back_identical(
        before in workspace(),
        after in workspace(),
    ) {
        let after = keeping_the_order_of(&before, after);
        check_save_over(&to_toml(&before), &after)?;
    }

    #[test]
    fn saving_over_a_hand_kept_file_loads_back_identical(
        original in select(hand_kept_texts()),
        after in workspace(),
    ) {
        let before = parse(&original).expect("a valid file").workspace;
        let after = keeping_the_order_of(&before, after);
        check_save_over(&original, &after)?;
    }
}

// The full identity, with items in any order. Both fail today: see
// `reordered_items_keep_their_new_order_when_saved_over_a_file` for the minimal case.
// 256 cases unless PROPTEST_CASES says otherwise.
proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn saving_over_another_workspace_file_is_the_identity(before in workspace(), after in workspace()) {
        check_save_over(&to_toml(&before), &after)?;
    }

    #[test]
    fn saving_over_a_hand_kept_file_is_the_identity(
        original in select(hand_kept_texts()),
        after in workspace(),
    ) {
        check_save_over(&original, &after)?;
    }
}

#[test]
fn reordered_items_keep_their_new_order_when_saved_over_a_file() {
    let before = "whoowns = 1\n\n[workspace]\nname = \"W\"\n\n\
        [[department]]\nid = \"a\"\nname = \"A\"\n\n\
        [[department]]\nid = \"b\"\nname = \"B\"\n";
    let mut ws = parse(before).expect("valid").workspace;
    ws.departments.swap(0, 1);
    let saved = update_document(before, &ws).expect("TOML");
    let order: Vec<String> = reload(&saved)
        .expect("loads")
        .departments
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(order, ["b", "a"], "saved:\n{saved}");
}

#[test]
fn deleting_and_re_adding_a_department_on_the_board_survives_a_save() {
    use whoowns::edit::{add_department, delete_department};
    let mut ws = parse(whoowns::SAMPLE_WORKSPACE).expect("valid").workspace;
    let marketing = ws.department_index("marketing").expect("in the sample");
    let change = delete_department(&ws, marketing).expect("a change");
    change.edit.apply(&mut ws).expect("applies");
    let change = add_department(&ws, "Marketing").expect("a change");
    change.edit.apply(&mut ws).expect("applies");
    assert_eq!(
        ws.departments.last().map(|d| d.id.as_str()),
        Some("marketing"),
        "the re-added department comes last, with its old id"
    );
    let saved = update_document(whoowns::SAMPLE_WORKSPACE, &ws).expect("TOML");
    assert_eq!(reload(&saved), Ok(ws), "saved:\n{saved}");
}

// --- Examples ----------------------------------------------------------------------------------

#[test]
fn unchanged_workspaces_save_byte_for_byte() {
    let files = valid_files();
    let fixtures = files
        .iter()
        .filter(|p| p.starts_with(Path::new(ROOT).join("tests/fixtures")));
    assert!(
        fixtures.count() >= 11,
        "the rule fixtures, clean and rules-config at least"
    );
    for path in &files {
        let text = read(path);
        let parsed =
            parse(&text).unwrap_or_else(|d| panic!("{} does not load: {d:?}", path.display()));
        let saved = update_document(&text, &parsed.workspace).expect("valid TOML");
        assert!(
            saved == text,
            "{} changed on a no-op save:\n--- before ---\n{text}\n--- after ---\n{saved}",
            path.display()
        );
    }
    let sample = parse(whoowns::SAMPLE_WORKSPACE)
        .expect("the sample loads")
        .workspace;
    assert_eq!(
        update_document(whoowns::SAMPLE_WORKSPACE, &sample).expect("TOML"),
        whoowns::SAMPLE_WORKSPACE
    );
}

#[test]
fn every_repository_file_also_round_trips_through_a_fresh_file() {
    for path in valid_files() {
        let ws = parse(&read(&path)).expect("loads").workspace;
        assert_eq!(
            reload(&to_toml(&ws)),
            Ok(ws),
            "{} through to_toml",
            path.display()
        );
    }
}

#[test]
fn awkward_texts_survive_a_save() {
    let awkward = [
        "'''",
        "\"\"\"",
        "a\r\nb",
        "\r",
        "\nleading",
        "trailing\n",
        "ends with '",
        "ends with \"",
        "back\\slash",
        "nul \u{0} esc \u{1b} del \u{7f}",
        "\u{feff}",
        "line\u{2028}separator",
        "😀 广 é\u{301}",
    ];
    for text in awkward {
        let mut ws = Workspace::default();
        ws.info.name = format!("{text}x");
        ws.info.purpose = Some(text.to_owned());
        ws.departments.push(Department {
            id: "d".into(),
            name: format!("x{text}"),
            lead: Some(text.to_owned()),
            signed: None,
        });
        ws.responsibilities.push(Responsibility {
            id: "r".into(),
            name: format!("x{text}"),
            notes: Some(text.to_owned()),
            claims: {
                let mut claims = Claims::new();
                claims.insert("d".to_owned(), Claim::open(text));
                claims
            },
            accountable: vec!["d".into()],
            ..Responsibility::default()
        });
        assert_eq!(reload(&to_toml(&ws)), Ok(ws.clone()), "{text:?}");
        let over = update_document(whoowns::SAMPLE_WORKSPACE, &ws).expect("TOML");
        assert_eq!(reload(&over), Ok(ws), "{text:?} over the sample");
    }
}

#[test]
fn awkward_amounts_survive_a_save() {
    for amount in [
        0.0,
        0.1,
        0.30000000000000004,
        1e-7,
        5e-324,
        2.5,
        999_999_999_999_999.0,
        999_999_999_999_999.9,
        MAX_AMOUNT,
    ] {
        let mut ws = Workspace::default();
        ws.info.name = "Amounts".into();
        ws.departments.push(Department {
            id: "d".into(),
            name: "D".into(),
            lead: None,
            signed: None,
        });
        ws.responsibilities.push(Responsibility {
            id: "r".into(),
            name: "R".into(),
            budget: Some(amount),
            funding: BTreeMap::from([("d".to_owned(), amount)]),
            ..Responsibility::default()
        });
        let text = to_toml(&ws);
        let back = reload(&text).unwrap_or_else(|e| panic!("{amount}: {e}"));
        assert_eq!(back.responsibilities[0].budget, Some(amount), "{text}");
        assert_eq!(
            back.responsibilities[0].funding["d"].to_bits(),
            amount.to_bits(),
            "{text}"
        );
    }
}

#[test]
fn a_department_inserted_first_stays_first_when_rules_follow_the_departments() {
    // As after undoing the deletion of the first department, once the deletion was saved.
    let before = "whoowns = 1\n\n[workspace]\nname = \"W\"\n\n\
        [[department]]\nid = \"b\"\nname = \"B\"\n\n\
        [rules]\nmax_accountable = 1\n\n\
        [[responsibility]]\nid = \"x\"\nname = \"X\"\naccountable = [\"b\"]\n";
    let mut ws = parse(before).expect("valid").workspace;
    ws.departments.insert(
        0,
        Department {
            id: "a".into(),
            name: "A".into(),
            lead: None,
            signed: None,
        },
    );
    let saved = update_document(before, &ws).expect("TOML");
    assert_eq!(reload(&saved), Ok(ws), "saved:\n{saved}");
}
