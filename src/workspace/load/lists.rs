//! Reading lists and tables of department ids: role lists, `disable`, `funding` and `claims`.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::refs::Ids;
use super::{Fields, Reader, kind};

impl Reader {
    /// The strings of the list `key`, borrowed from the parsed file, each with its span.
    pub(super) fn string_list<'t>(
        &mut self,
        f: &Fields<'t, '_>,
        key: &str,
    ) -> Vec<(&'t str, Range<usize>)> {
        let items = self.list_items(f, key);
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let Some(s) = self.list_string(f, key, item) {
                out.push((s, item.span()));
            }
        }
        out
    }

    /// The items of the list `key` (none when it is missing or not a list, which is reported);
    /// read each with [`Reader::list_string`].
    pub(super) fn list_items<'t, 'i>(
        &mut self,
        f: &Fields<'t, 'i>,
        key: &str,
    ) -> &'t [Spanned<DeValue<'i>>] {
        let Some(v) = f.get(key) else {
            return &[];
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.error(
                v.span(),
                format!(
                    "`{key}` in {} must be a list of strings such as [\"a\", \"b\"], found {}",
                    f.what,
                    kind(v.get_ref())
                ),
            );
            return &[];
        };
        items.as_ref()
    }

    /// An item of the list `key` as a string borrowed from the parsed file; anything else is
    /// reported.
    pub(super) fn list_string<'t>(
        &mut self,
        f: &Fields<'_, '_>,
        key: &str,
        item: &'t Spanned<DeValue<'_>>,
    ) -> Option<&'t str> {
        match item.get_ref() {
            DeValue::String(s) => Some(s.as_ref()),
            other => {
                self.error(
                    item.span(),
                    format!(
                        "`{key}` in {} must hold strings, found {}",
                        f.what,
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    pub(super) fn department_map<T>(
        &mut self,
        f: &Fields<'_, '_>,
        key: &str,
        departments: &Ids<'_>,
        mut read: impl FnMut(&mut Self, &dyn fmt::Display, &Spanned<DeValue<'_>>) -> Option<T>,
    ) -> BTreeMap<String, T> {
        let mut out = BTreeMap::new();
        let Some(v) = f.get(key) else {
            return out;
        };
        let DeValue::Table(table) = v.get_ref() else {
            self.error(v.span(), format!("`{key}` in {} must be a table of department ids such as {{ pr = ... }}, found {}", f.what, kind(v.get_ref())));
            return out;
        };
        for (entry_key, value) in table.iter() {
            let department = entry_key.get_ref().as_ref();
            if !departments.contains(department) {
                self.error(
                    entry_key.span(),
                    format!(
                        "unknown department `{department}` in `{key}` of {}{}",
                        f.what,
                        departments.hint(department)
                    ),
                );
                continue;
            }
            let what = format_args!("`{key}.{department}` in {}", f.what);
            if let Some(item) = read(self, &what, value) {
                out.insert(department.to_owned(), item);
            }
        }
        out
    }
}
