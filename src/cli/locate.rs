//! Where in a workspace file a finding stands: the table of its item (for the text report and
//! the annotations) and the key at fault inside it (for the JSON report).

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::analysis::Finding;
use crate::rules::RuleId;
use crate::workspace::{LoadedFile, Meaning, RoleModel};

/// Finds where in the file a finding's item stands.
pub(super) struct Locator<'a> {
    loaded: &'a LoadedFile,
    responsibility_at: HashMap<&'a str, usize>,
    /// Each department's position by id (the first of a repeated id, as
    /// `Workspace::department_index` finds it), so locating a finding is no linear search.
    department_at: HashMap<&'a str, usize>,
    /// Where every item's header starts, in file order: an item's body ends at the next one.
    starts: Vec<usize>,
}

/// The kind of table an item is.
#[derive(Clone, Copy)]
enum Kind {
    Department,
    Responsibility,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Department => "department",
            Kind::Responsibility => "responsibility",
        }
    }
}

impl<'a> Locator<'a> {
    pub(super) fn new(loaded: &'a LoadedFile) -> Self {
        let responsibility_at = loaded
            .workspace
            .responsibilities
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let mut department_at = HashMap::with_capacity(loaded.workspace.departments.len());
        for (i, d) in loaded.workspace.departments.iter().enumerate() {
            department_at.entry(d.id.as_str()).or_insert(i);
        }
        let map = &loaded.source_map;
        let mut starts: Vec<usize> = (map.departments.iter())
            .chain(&map.responsibilities)
            .map(|span| span.start)
            .collect();
        starts.sort_unstable();
        Locator {
            loaded,
            responsibility_at,
            department_at,
            starts,
        }
    }

    /// The header span of the finding's item and what kind of item it is.
    fn item(&self, finding: &Finding) -> Option<(Range<usize>, Kind)> {
        let map = &self.loaded.source_map;
        if let Some(id) = &finding.responsibility {
            let span = self
                .responsibility_at
                .get(id.as_str())
                .and_then(|&i| map.responsibilities.get(i))?;
            return Some((span.clone(), Kind::Responsibility));
        }
        let id = finding.department.as_ref()?;
        let span = self
            .department_at
            .get(id.as_str())
            .and_then(|&i| map.departments.get(i))?;
        Some((span.clone(), Kind::Department))
    }

    /// The byte offset a finding points at (its item's header), and a label for the item.
    pub(super) fn locate(&self, finding: &Finding) -> (usize, String) {
        let offset = self.item(finding).map_or_else(
            || self.workspace_key(finding).map_or(0, |span| span.start),
            |(span, _)| span.start,
        );
        let label = match (&finding.responsibility, &finding.department) {
            (Some(id), _) => format!("responsibility \"{id}\""),
            (None, Some(id)) => format!("department \"{id}\""),
            (None, None) => "workspace".into(),
        };
        (offset, label)
    }

    /// The byte range of the key at fault: the role list, tie-breaker, funding or claim the
    /// finding is about, else its item's header (the whole first line of the file for a
    /// finding about the workspace as a whole).
    pub(super) fn key_span(&self, finding: &Finding) -> Range<usize> {
        let text = &self.loaded.text;
        let Some((header, kind)) = self.item(finding) else {
            return self
                .workspace_key(finding)
                .unwrap_or_else(|| 0..line_end(text, 0));
        };
        let fallback = header.start..header.end.max(line_end(text, header.start));
        let keys = keys_at_fault(finding, &self.loaded.workspace.model);
        if keys.is_empty() {
            return fallback;
        }
        let next = self.starts.partition_point(|&s| s <= header.start);
        let end = self.starts.get(next).copied().unwrap_or(text.len());
        let Some(body) = text.get(header.start..end) else {
            return fallback;
        };
        find_key(body, kind, &keys)
            .map(|span| span.start + header.start..span.end + header.start)
            .unwrap_or(fallback)
    }
}

impl Locator<'_> {
    /// The line of the `[workspace]` key a finding about the workspace is about: `review_by`
    /// for `review-due`.
    fn workspace_key(&self, finding: &Finding) -> Option<Range<usize>> {
        if finding.rule != RuleId::ReviewDue {
            return None;
        }
        let text = &self.loaded.text;
        let start = if text.starts_with("review_by") {
            0
        } else {
            text.find("\nreview_by")? + 1
        };
        Some(start..line_end(text, start))
    }
}

/// Where the line holding `offset` ends (before its line break).
fn line_end(text: &str, offset: usize) -> usize {
    text.get(offset..)
        .and_then(|rest| rest.find(['\n', '\r']))
        .map_or(text.len(), |n| offset + n)
}

/// The keys a finding is about, most precise first: `["claims", "it"]` is `claims.it`. Role
/// lists are named by the workspace's model: the roles that answer for a hot potato, decide for
/// a contested or undecided one, do the work for a responsibility without a doer.
fn keys_at_fault(finding: &Finding, model: &RoleModel) -> Vec<Vec<String>> {
    let one = |key: &str| vec![key.to_owned()];
    let roles = |meaning: Meaning| -> Vec<Vec<String>> {
        model
            .with(meaning)
            .iter()
            .map(|role| one(model.key(role)))
            .collect()
    };
    let department = finding.department.clone().unwrap_or_default();
    match finding.rule {
        RuleId::HotPotato => roles(Meaning::Answers),
        RuleId::Undecided => roles(Meaning::Decides),
        RuleId::Contested => std::iter::once(one("tie_breaker"))
            .chain(roles(Meaning::Decides))
            .collect(),
        RuleId::NoDoer => roles(Meaning::Does),
        RuleId::UnresolvedClaim => vec![vec!["claims".into(), department], one("claims")],
        RuleId::Silo => model.keys().map(one).collect(),
        RuleId::Underfunded => vec![one("funding"), one("budget")],
        RuleId::SingleFunder => vec![vec!["funding".into(), department], one("funding")],
        // About a department as a whole (overload, absent) or a merge conflict: its header.
        _ => Vec::new(),
    }
}

/// The span (in `body`) of the first of `keys` present in the one `kind` table `body` holds.
fn find_key(body: &str, kind: Kind, keys: &[Vec<String>]) -> Option<Range<usize>> {
    let root = DeTable::parse(body).ok()?;
    let items = root.get_ref().get(kind.key())?;
    let DeValue::Array(items) = items.get_ref() else {
        return None;
    };
    let DeValue::Table(table) = items.first()?.get_ref() else {
        return None;
    };
    keys.iter().find_map(|path| key_in(table, path))
}

/// The span of the key at `path` (dotted, through tables) in `table`.
fn key_in(table: &DeTable<'_>, path: &[String]) -> Option<Range<usize>> {
    let (first, rest) = path.split_first()?;
    let (key, value) = table
        .iter()
        .find(|(k, _)| AsRef::<str>::as_ref(k.get_ref()) == first.as_str())?;
    if rest.is_empty() {
        return Some(key.span());
    }
    match value.get_ref() {
        DeValue::Table(inner) => key_in(inner, rest),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_plain_dotted_and_inline_keys() {
        let body = "[[responsibility]]\nid = \"x\"\nname = \"X\"\n\nclaims = { it = \"ours\" }\nfunding.pr = 3\n";
        let span = find_key(
            body,
            Kind::Responsibility,
            &[vec!["claims".into(), "it".into()]],
        )
        .expect("found");
        assert_eq!(&body[span], "it");
        let span = find_key(
            body,
            Kind::Responsibility,
            &[vec!["funding".into(), "pr".into()]],
        )
        .expect("found");
        assert_eq!(&body[span], "pr");
        let span = find_key(
            body,
            Kind::Responsibility,
            &[vec!["tie_breaker".into()], vec!["name".into()]],
        )
        .expect("found");
        assert_eq!(&body[span], "name");
        assert_eq!(
            find_key(body, Kind::Responsibility, &[vec!["budget".into()]]),
            None
        );
    }
}
