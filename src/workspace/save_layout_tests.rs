//! Saves keep a file's shape: section comments stay above their kind, new tables go where
//! their kind is (issue 22).
use crate::workspace::Waiver;
use crate::workspace::model::{Decision, Department, Responsibility, Workspace};
use crate::workspace::{parse, update_document};

const TEMPLATES: [(&str, &str); 3] = [
    ("sample", crate::SAMPLE_WORKSPACE),
    ("blank", crate::BLANK_WORKSPACE),
    ("minimal", crate::MINIMAL_WORKSPACE),
];

fn load(text: &str) -> Workspace {
    parse(text).expect("valid").workspace
}

/// Saves `ws` over `text`, checking it reads back as `ws`.
fn save(text: &str, ws: &Workspace) -> String {
    let saved = update_document(text, ws).expect("toml");
    assert_eq!(load(&saved), *ws, "{saved}");
    saved
}

fn decision(id: &str, text: &str) -> Decision {
    Decision {
        id: id.into(),
        date: "2026-11-24".into(),
        responsibility: None,
        department: None,
        text: text.into(),
    }
}

fn responsibility(id: &str) -> Responsibility {
    Responsibility {
        id: id.into(),
        name: format!("Item {id}"),
        accountable: vec!["marketing".into()],
        ..Responsibility::default()
    }
}

fn department(id: &str) -> Department {
    Department {
        id: id.into(),
        name: format!("Dept {id}"),
        lead: None,
        signed: None,
    }
}

/// Where `needle` starts in `text`.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in\n{text}"))
}

/// Where the last `needle` starts in `text`.
fn last(text: &str, needle: &str) -> usize {
    text.rfind(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in\n{text}"))
}

/// Every comment line of `text`, in order.
fn comments(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim_start().starts_with('#'))
        .collect()
}

/// Each table header of `text` in order, by kind (`department`, `responsibility`, ...).
fn kinds(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| {
            l.strip_prefix("[[")
                .and_then(|l| l.strip_suffix("]]"))
                .or_else(|| l.strip_prefix('[').and_then(|l| l.strip_suffix(']')))
        })
        .collect()
}

/// Whether the kinds run in the usual order, each in one run.
fn in_usual_order(text: &str) -> bool {
    const ORDER: [&str; 8] = [
        "workspace",
        "role",
        "rules",
        "department",
        "responsibility",
        "decision",
        "conflict",
        "waiver",
    ];
    let ranks: Vec<usize> = kinds(text)
        .iter()
        .map(|k| ORDER.iter().position(|o| o == k).expect("known kind"))
        .collect();
    ranks.windows(2).all(|w| w[0] <= w[1])
}

/// Whether every section comment (`# --- Responsibilities ---`) stands above all the tables of
/// its kind and below all the tables of the kinds before it.
fn sections_in_place(text: &str) -> bool {
    let ranks: Vec<(bool, usize)> = text
        .lines()
        .filter_map(|line| {
            if let Some(kind) = super::header_kind(line) {
                return Some((true, kind));
            }
            let kind = line.strip_prefix("[[")?.strip_suffix("]]")?;
            Some((false, super::KINDS.iter().position(|k| *k == kind)?))
        })
        .collect();
    ranks.iter().enumerate().all(|(i, &(header, kind))| {
        !header
            || (ranks[..i].iter().all(|&(h, k)| h || k < kind)
                && ranks[i..].iter().all(|&(h, k)| h || k >= kind))
    })
}

#[test]
fn adding_each_kind_to_each_template_keeps_the_comments_and_puts_it_after_its_kind() {
    for (name, text) in TEMPLATES {
        let comments_before = comments(text);
        type Add = fn(&mut Workspace);
        let adds: [(&str, &str, Add); 4] = [
            ("decision", "id = \"d-new\"", |ws| {
                ws.decisions.push(decision("d-new", "Marketing keeps 5."));
            }),
            ("department", "id = \"new-dept\"", |ws| {
                ws.departments.push(department("new-dept"));
            }),
            ("responsibility", "id = \"new-item\"", |ws| {
                ws.responsibilities.push(responsibility("new-item"));
            }),
            ("waiver", "reason = \"On purpose\"", |ws| {
                ws.waivers.push(Waiver {
                    rule: "overload".into(),
                    responsibility: None,
                    department: Some("marketing".into()),
                    reason: "On purpose".into(),
                    date: "2026-11-24".into(),
                });
            }),
        ];
        for (kind, marker, add) in adds {
            let mut ws = load(text);
            add(&mut ws);
            let saved = save(text, &ws);
            assert_eq!(
                comments(&saved),
                comments_before,
                "{name} + {kind}:\n{saved}"
            );
            assert!(in_usual_order(&saved), "{name} + {kind}:\n{saved}");
            assert!(sections_in_place(&saved), "{name} + {kind}:\n{saved}");
            let header = format!("\n[[{kind}]]");
            let new = at(&saved, marker);
            // The new table is the last of its kind, right after the one before it.
            assert!(new > last(&saved, &header), "{name} + {kind}:\n{saved}");
            if text.contains(&header) {
                let heads = kinds(&saved[..new]);
                let n = heads.len();
                assert!(
                    n >= 2 && heads[n - 1] == kind && heads[n - 2] == kind,
                    "{name} + {kind}: not right after the last {kind}:\n{saved}"
                );
            }
        }
    }
}

#[test]
fn the_blank_templates_section_comment_stays_above_the_responsibilities() {
    let text = crate::BLANK_WORKSPACE;
    let heading = "# --- Responsibilities ---";
    // Decisions first, as the room made them: the comment stays where the responsibilities go.
    let mut ws = load(text);
    ws.decisions
        .push(decision("d1", "Marketing keeps 5 accountabilities."));
    let saved = save(text, &ws);
    assert!(
        at(&saved, heading) > last(&saved, "\n[[department]]"),
        "{saved}"
    );
    assert!(
        at(&saved, heading) < at(&saved, "\n[[decision]]"),
        "{saved}"
    );
    // Then a responsibility, saved over that file: it goes under the comment, before the
    // decisions.
    let mut ws = load(&saved);
    ws.responsibilities.push(responsibility("crisis"));
    let again = save(&saved, &ws);
    let first = at(&again, "\n[[responsibility]]");
    assert!(at(&again, heading) < first, "{again}");
    assert!(
        at(&again, "tie_breaker = \"The COO decides") < first,
        "{again}"
    );
    assert!(first < at(&again, "\n[[decision]]"), "{again}");
    assert!(in_usual_order(&again), "{again}");
    // More responsibilities follow the last one, still before the decisions.
    let mut ws = load(&again);
    for id in ["a", "b"] {
        ws.responsibilities.push(responsibility(id));
    }
    let third = save(&again, &ws);
    assert!(
        at(&third, "id = \"b\"") < at(&third, "\n[[decision]]"),
        "{third}"
    );
    assert!(
        at(&third, "id = \"a\"") > at(&third, "id = \"crisis\""),
        "{third}"
    );
    assert_eq!(comments(&third), comments(text));
    // The file reads as a person would write it: a blank line before each table.
    assert!(!third.contains("\n\n\n"), "{third}");
    assert!(
        third.contains("office\"\n\n# --- Responsibilities"),
        "{third}"
    );
    assert!(
        third.contains("\"\n\n[[responsibility]]\nid = \"crisis\""),
        "{third}"
    );
}

#[test]
fn a_first_responsibility_in_the_blank_template_goes_under_its_comment() {
    let text = crate::BLANK_WORKSPACE;
    let mut ws = load(text);
    ws.responsibilities.push(responsibility("crisis"));
    let saved = save(text, &ws);
    assert!(
        saved.ends_with("# tie_breaker = \"The COO decides within 2 hours.\"\n\n[[responsibility]]\nid = \"crisis\"\nname = \"Item crisis\"\naccountable = [\"marketing\"]\nresponsible = []\nconsulted = []\ninformed = []\n"),
        "{saved}"
    );
}

#[test]
fn the_last_of_a_kind_gone_leaves_its_section_comment() {
    let text = crate::BLANK_WORKSPACE;
    let mut ws = load(text);
    ws.responsibilities.push(responsibility("crisis"));
    ws.decisions.push(decision("d1", "Agreed."));
    let saved = save(text, &ws);
    // The responsibility is undone: the comment stays, above where they go.
    ws.responsibilities.clear();
    let undone = save(&saved, &ws);
    assert_eq!(comments(&undone), comments(text), "{undone}");
    assert!(at(&undone, "# --- Responsibilities") < at(&undone, "\n[[decision]]"));
    // And the sample's decision log heading survives the log being emptied.
    let sample = crate::SAMPLE_WORKSPACE;
    let mut ws = load(sample);
    ws.decisions.clear();
    let saved = save(sample, &ws);
    assert_eq!(comments(&saved), comments(sample), "{saved}");
}

#[test]
fn claims_parking_and_signatures_keep_every_comment() {
    for (name, text) in TEMPLATES {
        let mut ws = load(text);
        if ws.responsibilities.is_empty() {
            continue;
        }
        let last = ws.responsibilities.len() - 1;
        let r = &mut ws.responsibilities[last];
        r.parked = Some("after the budget talk".into());
        r.claims.insert(
            "pr".into(),
            crate::workspace::Claim::open("We answer the press"),
        );
        ws.departments[0].signed = Some(crate::workspace::Signature {
            by: "Ana".into(),
            date: "2026-11-24".into(),
            part: None,
            open: Some("2 warnings".into()),
        });
        let saved = save(text, &ws);
        assert_eq!(comments(&saved), comments(text), "{name}:\n{saved}");
    }
}

#[test]
fn a_custom_models_role_tables_go_after_the_workspace_table() {
    use crate::workspace::{ModelKind, RoleModel};
    let text = crate::BLANK_WORKSPACE;
    let mut ws = load(text);
    let defs = RoleModel::builtin(ModelKind::Rasci)
        .expect("a built-in model")
        .defs()
        .to_vec();
    ws.model = RoleModel::custom(defs).expect("valid");
    let saved = save(text, &ws);
    let first_role = at(&saved, "\n[[role]]");
    assert!(at(&saved, "[workspace]") < first_role, "{saved}");
    assert!(first_role < at(&saved, "# --- Departments"), "{saved}");
    assert_eq!(comments(&saved), comments(text));
    assert!(sections_in_place(&saved), "{saved}");
}

#[test]
fn undoing_the_delete_of_a_kinds_first_table_puts_it_back_under_its_section_comment() {
    // The blank template with three responsibilities, the first right under its comment.
    let text = crate::BLANK_WORKSPACE;
    let mut ws = load(text);
    for id in ["a", "b", "c"] {
        ws.responsibilities.push(responsibility(id));
    }
    let three = save(text, &ws);
    assert!(sections_in_place(&three), "{three}");
    let first = ws.responsibilities.remove(0);
    let two = save(&three, &ws);
    assert!(sections_in_place(&two), "{two}");
    assert_eq!(comments(&two), comments(text), "{two}");
    ws.responsibilities.insert(0, first);
    let back = save(&two, &ws);
    assert!(sections_in_place(&back), "{back}");
    assert_eq!(back, three);

    // The sample's first responsibility stands under its area's comment.
    let sample = crate::SAMPLE_WORKSPACE;
    let mut ws = load(sample);
    let first = ws.responsibilities.remove(0);
    let without = save(sample, &ws);
    assert_eq!(comments(&without), comments(sample), "{without}");
    assert!(
        at(&without, "# --- Brand & content") < at(&without, "id = \"content-calendar\""),
        "{without}"
    );
    ws.responsibilities.insert(0, first);
    let back = save(&without, &ws);
    assert_eq!(comments(&back), comments(sample), "{back}");
    assert!(
        at(&back, "# --- Brand & content") < at(&back, "id = \"brand-voice\""),
        "{back}"
    );
}

#[test]
fn new_items_go_where_their_kind_is() {
    let sample = crate::SAMPLE_WORKSPACE;
    let mut ws = load(sample);
    // A responsibility put first goes first, under the kind's first comment; one put last
    // after the last responsibility, above the decision log's comment.
    ws.responsibilities.insert(0, responsibility("first"));
    ws.responsibilities.push(responsibility("last"));
    ws.departments.insert(0, department("zero"));
    let saved = save(sample, &ws);
    assert_eq!(comments(&saved), comments(sample), "{saved}");
    assert!(sections_in_place(&saved), "{saved}");
    let first = at(&saved, "id = \"first\"");
    assert!(at(&saved, "# --- Brand & content") < first, "{saved}");
    assert!(first < at(&saved, "id = \"brand-voice\""), "{saved}");
    let end = at(&saved, "id = \"last\"");
    assert!(at(&saved, "id = \"social-budget\"") < end, "{saved}");
    assert!(end < at(&saved, "# --- Decision log"), "{saved}");
    let zero = at(&saved, "id = \"zero\"");
    assert!(at(&saved, "# --- Departments") < zero, "{saved}");
    assert!(zero < at(&saved, "id = \"marketing\""), "{saved}");
}
