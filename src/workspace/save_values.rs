//! Writing single values into a table: strings, lists of department ids, maps of department
//! ids (funding, claims) and amounts, each keeping the spacing and comments around the value it
//! replaces.

use std::collections::BTreeMap;

use toml_edit::{Array, InlineTable, Item, Table, TableLike, Value};

use super::model::Amount;

/// Replaces the value at `key`, keeping the comments and spacing around the old one.
pub(super) fn set_value(table: &mut Table, key: &str, mut value: Value) {
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    table.insert(key, Item::Value(value));
}

pub(super) fn set_string(table: &mut Table, key: &str, value: Option<&str>) {
    match value {
        Some(s) if table.get(key).and_then(Item::as_str) == Some(s) => {}
        Some(s) => set_value(table, key, Value::from(s)),
        None => {
            table.remove(key);
        }
    }
}

/// Sets a list of strings; an empty list is written only where the key already was
/// (or `always` asks for it).
pub(super) fn set_string_list(table: &mut Table, key: &str, values: &[String], always: bool) {
    let current: Option<Vec<&str>> = table
        .get(key)
        .and_then(Item::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect());
    if current.as_ref().is_some_and(|c| c.iter().eq(values.iter()))
        && table
            .get(key)
            .and_then(Item::as_array)
            .is_some_and(|a| a.len() == values.len())
    {
        return;
    }
    if values.is_empty() && !always && !table.contains_key(key) {
        return;
    }
    let array: Array = values.iter().map(String::as_str).collect();
    set_value(table, key, Value::Array(array));
}

/// Sets the table `key` of department ids to `values`. Only the entries that changed are
/// written, so the others (and, in a table of its own, their comments) stay as they were; an
/// inline table keeps its closing spacing.
pub(super) fn set_map<T: PartialEq>(
    table: &mut Table,
    key: &str,
    values: &BTreeMap<String, T>,
    to_value: impl Fn(&T) -> Value,
    from_item: impl Fn(&Value) -> Option<T>,
) {
    let current: Option<BTreeMap<String, T>> = table.get(key).and_then(|item| {
        let pairs: Vec<(String, Option<T>)> = match item {
            Item::Value(Value::InlineTable(t)) => t
                .iter()
                .map(|(k, v)| (k.to_owned(), from_item(v)))
                .collect(),
            Item::Table(t) => t
                .iter()
                .map(|(k, v)| (k.to_owned(), v.as_value().and_then(&from_item)))
                .collect(),
            _ => return None,
        };
        pairs.into_iter().map(|(k, v)| v.map(|v| (k, v))).collect()
    });
    if current.as_ref() == Some(values) {
        return;
    }
    if values.is_empty() {
        table.remove(key);
        return;
    }
    match table.get_mut(key) {
        Some(Item::Value(Value::InlineTable(inline))) => {
            let closing = inline.iter().last().and_then(|(_, v)| suffix(v));
            update_entries(inline, values, &to_value, &from_item);
            let count = inline.len();
            for (i, (_, v)) in inline.iter_mut().enumerate() {
                let spacing = suffix(v).is_none_or(|s| s.trim().is_empty());
                match (&closing, i + 1 == count) {
                    (Some(closing), true) if spacing => v.decor_mut().set_suffix(closing.clone()),
                    (_, false) if spacing => v.decor_mut().set_suffix(""),
                    _ => {}
                }
            }
        }
        Some(Item::Table(t)) => update_entries(t, values, &to_value, &from_item),
        _ => {
            let mut inline = InlineTable::new();
            for (k, v) in values {
                inline.insert(k, to_value(v));
            }
            set_value(table, key, Value::InlineTable(inline));
        }
    }
}

/// The text after a value, up to the separator.
fn suffix(value: &Value) -> Option<String> {
    value.decor().suffix()?.as_str().map(str::to_owned)
}

/// Removes the entries of `existing` that `values` does not have and writes those that
/// changed, each keeping the spacing and comments of the value it replaces.
fn update_entries<T: PartialEq>(
    existing: &mut dyn TableLike,
    values: &BTreeMap<String, T>,
    to_value: &impl Fn(&T) -> Value,
    from_item: &impl Fn(&Value) -> Option<T>,
) {
    let stale: Vec<String> = existing
        .iter()
        .filter(|(k, _)| !values.contains_key(*k))
        .map(|(k, _)| k.to_owned())
        .collect();
    for k in stale {
        existing.remove(&k);
    }
    for (k, v) in values {
        let old = existing.get(k).and_then(Item::as_value);
        if old.and_then(from_item).as_ref() == Some(v) {
            continue;
        }
        let mut value = to_value(v);
        if let Some(old) = old {
            *value.decor_mut() = old.decor().clone();
        }
        existing.insert(k, Item::Value(value));
    }
}

pub(super) fn item_amount(item: Option<&impl AsValue>) -> Option<Amount> {
    let value = item?.value()?;
    value
        .as_integer()
        .map(|i| i as f64)
        .or_else(|| value.as_float())
}

/// Items and values both hold numbers; this reads either.
pub(super) trait AsValue {
    fn value(&self) -> Option<&Value>;
}

impl AsValue for Item {
    fn value(&self) -> Option<&Value> {
        self.as_value()
    }
}

impl AsValue for Value {
    fn value(&self) -> Option<&Value> {
        Some(self)
    }
}

pub(super) fn amount_value(amount: Amount) -> Value {
    if amount.fract() == 0.0 && amount.abs() < 9_007_199_254_740_992.0 {
        Value::from(amount as i64)
    } else {
        Value::from(amount)
    }
}
