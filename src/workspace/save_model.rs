//! Saving the role model: `[workspace] model = "..."`, a custom model's `[[role]]` tables, and
//! the role lists of a responsibility after a conversion to another model.

use toml_edit::{Array, Item, Table, Value};

use super::model::{FIXED_KEYS, Meaning, Meanings, ModelKind, RoleModel, RoleSet};
use super::save::{put_tables, set_string, set_value, take_tables};

/// Writes the model's name into `[workspace]` (RACI, the default, stays unwritten unless the
/// file names it) and a custom model's `[[role]]` tables, reusing those with the same key.
pub(super) fn write_model(root: &mut Table, model: &RoleModel) {
    if let Some(info) = root.get_mut("workspace").and_then(Item::as_table_mut) {
        let named = info
            .get("model")
            .and_then(Item::as_str)
            .and_then(ModelKind::parse);
        if named != Some(model.kind()) {
            let name = (!model.is_raci()).then(|| model.name());
            set_string(info, "model", name);
        }
    }
    let mut existing = take_tables(root, "role");
    if model.kind() != ModelKind::Custom {
        put_tables(root, "role", Vec::new());
        return;
    }
    let tables = model
        .defs()
        .iter()
        .map(|def| {
            let found = existing
                .iter()
                .position(|t| t.get("key").and_then(Item::as_str) == Some(def.key.as_str()));
            let mut table = found.map(|i| existing.swap_remove(i)).unwrap_or_default();
            set_string(&mut table, "key", Some(&def.key));
            set_string(&mut table, "name", Some(&def.name));
            set_string(&mut table, "letter", Some(&def.letter.to_string()));
            let means: Vec<&str> = def.means.iter().map(Meaning::key).collect();
            let current: Option<Vec<&str>> = match table.get("means").and_then(Item::as_value) {
                Some(Value::String(s)) => Some(vec![s.value().as_str()]),
                Some(Value::Array(a)) => Some(a.iter().filter_map(Value::as_str).collect()),
                _ => None,
            };
            let same = current.is_some_and(|mut c| {
                c.sort_unstable();
                let mut m = means.clone();
                m.sort_unstable();
                c == m
            });
            if !same {
                let value = match means.as_slice() {
                    [one] => Value::from(*one),
                    many => Value::Array(many.iter().copied().collect::<Array>()),
                };
                set_value(&mut table, "means", value);
            }
            let implied: Vec<&str> = def.means.iter().map(Meaning::words).collect();
            let written = table.get("meaning").and_then(Item::as_str);
            if written != Some(def.meaning.as_str()) && def.meaning != implied.join(" and ") {
                set_string(&mut table, "meaning", Some(&def.meaning));
            }
            table
        })
        .collect();
    put_tables(root, "role", tables);
}

/// Removes from a responsibility's table the lists of roles `model` does not have (left by a
/// conversion from another model), putting this model's lists where the first of them stood.
/// Gives the roles whose lists are then written even when empty: those whose meanings some
/// list of the table carried (so converting back gives the same keys); none when nothing was
/// converted.
pub(super) fn replace_other_roles(table: &mut Table, model: &RoleModel) -> RoleSet {
    let foreign = |key: &str| !FIXED_KEYS.contains(&key) && model.by_key(key).is_none();
    if !table.iter().any(|(key, _)| foreign(key)) {
        return RoleSet::default();
    }
    let carried = table
        .iter()
        .map(|(key, _)| key)
        .filter(|key| !FIXED_KEYS.contains(key))
        .fold(Meanings::default(), |m, key| {
            m.union(meanings_of(model, key))
        });
    let mut written = RoleSet::default();
    for role in model.roles() {
        if model.means(role).iter().any(|m| carried.contains(m)) {
            written.0 |= 1 << role.index();
        }
    }
    let keys: Vec<String> = table.iter().map(|(key, _)| key.to_owned()).collect();
    let mut entries = Vec::with_capacity(keys.len());
    for key in &keys {
        if let Some(entry) = table.remove_entry(key) {
            entries.push(entry);
        }
    }
    let mut placed = false;
    for (key, item) in entries {
        let name = key.get().to_owned();
        if !foreign(&name) {
            if model.by_key(&name).is_none() || !placed {
                table.insert_formatted(&key, item);
            }
            continue;
        }
        if !placed {
            placed = true;
            for role in written.iter() {
                let key = model.key(role);
                let item = table
                    .remove(key)
                    .unwrap_or_else(|| Item::Value(Value::Array(Array::new())));
                table.insert(key, item);
            }
        }
    }
    written
}

/// What the list `key` meant: in `model`, else in the first built-in model that has the key;
/// every meaning when none does (a custom model's key).
fn meanings_of(model: &RoleModel, key: &str) -> Meanings {
    if let Some(role) = model.by_key(key) {
        return model.means(role);
    }
    ModelKind::ALL
        .into_iter()
        .filter_map(RoleModel::builtin)
        .find_map(|m| m.by_key(key).map(|role| m.means(role)))
        .unwrap_or_else(|| Meanings::of(&Meaning::ALL))
}
