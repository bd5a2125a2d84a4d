use super::*;
use crate::workspace::{Department, Responsibility, Role, Workspace};

fn sample() -> Workspace {
    let mut ws = Workspace::default();
    ws.info.name = "T".into();
    for id in ["a", "b", "c"] {
        ws.departments.push(Department {
            id: id.into(),
            name: id.to_uppercase(),
            lead: None,
            signed: None,
        });
    }
    ws.responsibilities.push(Responsibility {
        id: "x".into(),
        name: "X".into(),
        accountable: vec!["a".into()],
        responsible: vec!["b".into()],
        ..Responsibility::default()
    });
    ws.responsibilities.push(Responsibility {
        id: "y".into(),
        name: "Y".into(),
        ..Responsibility::default()
    });
    ws
}

fn run(ws: &mut Workspace, history: &mut History, change: Option<Change>) {
    let change = change.expect("a change");
    history
        .apply(ws, change.edit, change.label)
        .expect("applies");
}

#[test]
fn move_replaces_and_share_adds() {
    let mut ws = sample();
    let mut history = History::default();
    let change = move_role(
        &ws,
        0,
        Role::Accountable,
        Some("a"),
        Some("c"),
        DropMode::Move,
    );
    run(&mut ws, &mut history, change);
    assert_eq!(ws.responsibilities[0].accountable, ["c"]);
    let change = move_role(
        &ws,
        0,
        Role::Accountable,
        Some("c"),
        Some("b"),
        DropMode::Share,
    );
    run(&mut ws, &mut history, change);
    assert_eq!(ws.responsibilities[0].accountable, ["c", "b"]);
    assert!(history.is_dirty());
    assert_eq!(
        history.undo(&mut ws).as_deref(),
        Some("share Accountable of \"X\" between C and B")
    );
    history.undo(&mut ws);
    assert_eq!(ws, sample());
    assert!(!history.is_dirty());
    history.redo(&mut ws);
    assert_eq!(ws.responsibilities[0].accountable, ["c"]);
}

#[test]
fn unowned_gives_and_takes_roles() {
    let ws = sample();
    let give =
        move_role(&ws, 1, Role::Accountable, None, Some("b"), DropMode::Move).expect("gives");
    let mut after = ws.clone();
    give.edit.apply(&mut after).expect("applies");
    assert_eq!(after.responsibilities[1].accountable, ["b"]);
    let take = move_role(
        &after,
        1,
        Role::Accountable,
        Some("b"),
        None,
        DropMode::Move,
    )
    .expect("takes");
    take.edit.apply(&mut after).expect("applies");
    assert!(after.responsibilities[1].accountable.is_empty());
    assert!(
        move_role(
            &ws,
            0,
            Role::Accountable,
            Some("a"),
            Some("a"),
            DropMode::Move
        )
        .is_none()
    );
    assert!(move_role(&ws, 0, Role::Accountable, Some("a"), None, DropMode::Share).is_none());
}

#[test]
fn moving_onto_a_holder_merges() {
    let mut ws = sample();
    ws.responsibilities[0].accountable = vec!["a".into(), "b".into()];
    let change = move_role(
        &ws,
        0,
        Role::Accountable,
        Some("a"),
        Some("b"),
        DropMode::Move,
    )
    .expect("merges");
    change.edit.apply(&mut ws).expect("applies");
    assert_eq!(ws.responsibilities[0].accountable, ["b"]);
}

#[test]
fn deleting_a_department_is_undone_completely() {
    let mut ws = sample();
    ws.responsibilities[0].funding.insert("b".into(), 5.0);
    ws.responsibilities[0]
        .claims
        .insert("b".into(), "ours".into());
    let before = ws.clone();
    let mut history = History::default();
    let change = delete_department(&ws, 1);
    run(&mut ws, &mut history, change);
    assert_eq!(ws.departments.len(), 2);
    assert!(
        ws.responsibilities
            .iter()
            .all(|r| !r.involves("b") && r.funding.is_empty() && r.claims.is_empty())
    );
    history.undo(&mut ws);
    assert_eq!(ws, before);
}

#[test]
fn cell_cycles_through_combinations() {
    let mut ws = sample();
    let mut seen = Vec::new();
    for _ in 0..CELL_CYCLE.len() {
        let change = cycle_cell(&ws, 1, "c").expect("cycles");
        change.edit.apply(&mut ws).expect("applies");
        seen.push(ws.responsibilities[1].roles_of("c").collect::<Vec<_>>());
    }
    assert_eq!(seen.last().expect("some"), &Vec::<Role>::new());
    assert_eq!(seen[0], [Role::Responsible]);
    assert_eq!(seen[1], [Role::Accountable, Role::Responsible]);
}

#[test]
fn fields_validate_typed_text() {
    let ws = sample();
    assert!(set_field(&ws, 0, Field::Budget, "-3").is_err());
    assert!(set_field(&ws, 0, Field::Funding, "zz=3").is_err());
    assert!(set_field(&ws, 0, Field::Name, "  ").is_err());
    let change = set_field(&ws, 0, Field::Funding, "a=10, b = 2.5")
        .expect("ok")
        .expect("changes");
    let mut after = ws.clone();
    change.edit.apply(&mut after).expect("applies");
    assert_eq!(after.responsibilities[0].funding.get("b"), Some(&2.5));
    assert_eq!(
        set_field(&ws, 0, Field::Name, "X"),
        Ok(None),
        "no change, no step"
    );
}

#[test]
fn failed_batch_changes_nothing() {
    let mut ws = sample();
    let before = ws.clone();
    let edit = Edit::Batch(vec![
        Edit::RemoveResponsibility { index: 0 },
        Edit::RemoveDepartment { index: 9 },
    ]);
    assert!(edit.apply(&mut ws).is_err());
    assert_eq!(ws, before);
}

#[test]
fn unsaved_steps_count_the_way_back_to_the_save_either_way() {
    let text = "whoowns = 1\n[workspace]\nname = \"T\"\n[[department]]\nid = \"a\"\nname = \"A\"\n";
    let mut ws = crate::workspace::parse(text).expect("valid").workspace;
    let mut history = History::default();
    let rename = |ws: &Workspace, name: &str| {
        super::rename_department(ws, 0, name)
            .expect("renames")
            .expect("a change")
    };
    assert_eq!(history.unsaved_steps(), 0);
    for name in ["B", "C", "D"] {
        let change = rename(&ws, name);
        history
            .apply(&mut ws, change.edit, change.label)
            .expect("applies");
    }
    assert_eq!(history.unsaved_steps(), 3);
    history.undo(&mut ws);
    history.mark_saved();
    assert_eq!(history.unsaved_steps(), 0);
    history.undo(&mut ws);
    history.undo(&mut ws);
    assert_eq!(
        history.unsaved_steps(),
        2,
        "two redos lead back to the save"
    );
    history.redo(&mut ws);
    assert_eq!(history.unsaved_steps(), 1);
    history.redo(&mut ws);
    history.redo(&mut ws);
    assert_eq!(history.unsaved_steps(), 1, "one undo leads back");
}
