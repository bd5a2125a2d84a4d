//! The anchors GitHub gives the charter's headings, so the table of contents and the department
//! parts can link to any section: the heading's rendered text, lowercased, with punctuation
//! removed and spaces turned into `-`; a repeated anchor gets `-1`, `-2`... in document order.
//!
//! The headings are known before the document is written (their order is fixed by the
//! workspace), so every anchor is worked out first, in one pass, in the order GitHub meets them.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::Ctx;
use super::escape::push_inline;
use super::pages::{Limits, Namer, page_count};

/// The anchor GitHub derives from a heading whose rendered text is `text` (before telling
/// repeated ones apart): lowercase letters, digits, marks, `-` and `_` are kept, spaces become
/// `-`, everything else is dropped.
pub(crate) fn github_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' {
            out.push('-');
        } else if c == '-' || c == '_' || c.is_alphanumeric() || is_mark(c) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether `c` is a combining mark of the common blocks (GitHub keeps marks in anchors).
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}'
        | '\u{483}'..='\u{489}'
        | '\u{591}'..='\u{5BD}'
        | '\u{610}'..='\u{61A}'
        | '\u{64B}'..='\u{65F}'
        | '\u{900}'..='\u{903}'
        | '\u{93A}'..='\u{94F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// The text a renderer shows for `escaped`, Markdown written by [`super::escape`]: backslash
/// escapes give their character, `&amp;` gives `&`, and the empty comments that keep e-mail
/// addresses literal show nothing.
pub(crate) fn rendered(escaped: &str) -> Cow<'_, str> {
    if !escaped.contains(['\\', '&', '<']) {
        return Cow::Borrowed(escaped);
    }
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<!-- -->") {
            rest = after;
        } else if let Some(after) = rest.strip_prefix("&amp;") {
            out.push('&');
            rest = after;
        } else if c == '\\'
            && let Some(next) = rest[1..].chars().next().filter(char::is_ascii_punctuation)
        {
            out.push(next);
            rest = &rest[2..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Cow::Owned(out)
}

/// Tells repeated anchors apart as GitHub does (github-slugger): the first keeps the plain
/// anchor, the next ones get `-1`, `-2`..., skipping any already taken.
#[derive(Debug, Default)]
pub(crate) struct Slugger {
    /// Every anchor given so far, with how many times its plain form was asked for again.
    seen: FxHashMap<String, u32>,
}

impl Slugger {
    /// The anchor of the next heading, whose escaped Markdown text is `escaped`.
    pub(crate) fn next(&mut self, escaped: &str) -> String {
        self.next_rendered(&rendered(escaped))
    }

    /// The anchor of the next heading, whose text as rendered is `text`.
    pub(crate) fn next_rendered(&mut self, text: &str) -> String {
        let base = github_slug(text);
        let mut slug = base.clone();
        while self.seen.contains_key(&slug) {
            let n = self.seen.entry(base.clone()).or_insert(0);
            *n += 1;
            slug = format!("{base}-{n}");
        }
        self.seen.insert(slug.clone(), 0);
        slug
    }
}

/// A section every charter has after the areas, by title; those in [`Plan::tail`] come in
/// this order.
pub(super) const TAIL: [&str; 8] = [
    "Role matrix",
    "Open findings",
    "Accepted on purpose",
    "Parked for later",
    "Decision log",
    "Changes agreed in this session",
    "Sign-off",
    "Changed since",
];

/// The responsibilities in the charter's order: one group per area (areas in order of first
/// appearance, each in file order), then those without an area.
pub(super) struct Groups<'a> {
    /// Per group: the area (`None` for the responsibilities without one) and its members'
    /// positions.
    pub(super) list: Vec<(Option<&'a str>, Vec<usize>)>,
}

impl<'a> Groups<'a> {
    pub(super) fn new(ctx: &Ctx<'a>) -> Self {
        let mut list: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
        let mut others = Vec::new();
        let mut areas: FxHashMap<&str, usize> = FxHashMap::default();
        for (index, r) in ctx.ws.responsibilities.iter().enumerate() {
            match r.area.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
                Some(area) => {
                    let group = *areas.entry(area).or_insert_with(|| {
                        list.push((Some(area), Vec::new()));
                        list.len() - 1
                    });
                    list[group].1.push(index);
                }
                None => others.push(index),
            }
        }
        if !others.is_empty() {
            list.push((None, others));
        }
        Groups { list }
    }

    /// Whether any responsibility has an area.
    pub(super) fn any_area(&self) -> bool {
        self.list.first().is_some_and(|(area, _)| area.is_some())
    }

    /// The escaped title of a group's `##` heading, as [`super::walk`] writes it.
    pub(super) fn title(&self, area: Option<&str>) -> String {
        match area {
            Some(area) => {
                let mut out = String::from("Area: ");
                push_inline(&mut out, area);
                out
            }
            None if self.any_area() => "Other responsibilities".to_owned(),
            None => "Responsibilities".to_owned(),
        }
    }
}

/// The anchors of every heading of the charter, worked out in document order: of its one file,
/// or of each file of a split charter (see [`super::split`]).
pub(super) struct Plan<'a> {
    /// In a split charter: the file of each department's part and of each group, by position.
    pub(super) files: Option<Files>,
    pub(super) groups: Groups<'a>,
    /// The anchor of `## Summary`.
    pub(super) summary: String,
    /// The anchor of `## Departments`.
    pub(super) departments: String,
    /// Per department position: the anchor of its part.
    pub(super) parts: Vec<String>,
    /// Per group: the anchor of its heading.
    pub(super) group_slugs: Vec<String>,
    /// Per responsibility position: the anchor of its section.
    pub(super) responsibilities: Vec<String>,
    /// The sections after the areas that this charter has, with their anchors, in order.
    pub(super) tail: Vec<(&'static str, String)>,
}

/// The files of a split charter besides `index.md`.
pub(super) struct Files {
    /// Per department position: the file of its part.
    pub(super) parts: Vec<String>,
    /// Per group (as [`Groups::list`] has them): the files of its pages, `area_page`
    /// responsibilities each; the first is the group's.
    pub(super) groups: Vec<Vec<String>>,
    /// Per group: the name its files are named from (`area Brand`, `other responsibilities`).
    pub(super) bases: Vec<String>,
    /// Per responsibility position: its group and its page in that group.
    pub(super) at: Vec<(u32, u32)>,
    /// Names the charter's further files apart from these.
    pub(super) namer: Namer,
    /// Most responsibilities in one file.
    pub(super) area_page: usize,
}

impl Files {
    fn new(ctx: &Ctx, groups: &Groups, area_page: usize) -> Self {
        let mut namer = Namer::default();
        let parts = (ctx.ws.departments.iter())
            .map(|d| namer.name("department-", &d.id, 1))
            .collect();
        let mut at = vec![(0, 0); ctx.ws.responsibilities.len()];
        let mut bases = Vec::with_capacity(groups.list.len());
        let groups = (groups.list.iter().enumerate())
            .map(|(g, (area, members))| {
                for (k, &index) in members.iter().enumerate() {
                    at[index] = (g as u32, (k / area_page) as u32);
                }
                let base = match area {
                    Some(area) => format!("area {area}"),
                    None => "other responsibilities".to_owned(),
                };
                let pages = namer.pages("", &base, page_count(members.len(), area_page));
                bases.push(base);
                pages
            })
            .collect();
        Files {
            parts,
            groups,
            bases,
            at,
            namer,
            area_page,
        }
    }

    /// The file of the responsibility at `index`.
    pub(super) fn of(&self, index: usize) -> &str {
        let (group, page) = self.at.get(index).copied().unwrap_or_default();
        (self.groups.get(group as usize))
            .and_then(|pages| pages.get(page as usize))
            .map_or("", String::as_str)
    }
}

impl<'a> Plan<'a> {
    /// The plan of the charter of `ctx` with `options` (which sections it has); `split` the
    /// limits of its files when it is split into files (each file's anchors then stand on
    /// their own).
    pub(super) fn new(
        ctx: &Ctx<'a>,
        options: &super::CharterOptions,
        split: Option<&Limits>,
    ) -> Self {
        let ws = ctx.ws;
        let groups = Groups::new(ctx);
        let area_page = split.map_or(usize::MAX, |limits| limits.area.max(1));
        let files = split.map(|_| Files::new(ctx, &groups, area_page));
        let split = split.is_some();
        let mut slugger = Slugger::default();
        let mut title = String::new();
        super::push_label(&mut title, &ws.info.name, "Social media charter");
        slugger.next(&title);
        let summary = slugger.next("Summary");
        slugger.next("Contents");
        let departments = slugger.next("Departments");
        let mut index = Slugger::default();
        let (index_slugs, file) = if split {
            (&mut slugger, &mut index)
        } else {
            (&mut index, &mut slugger)
        };
        // In one file, every heading is the index's; split, each part and group starts afresh.
        let fresh = |file: &mut Slugger| {
            if split {
                *file = Slugger::default();
            }
        };
        let parts = ctx
            .department_labels
            .iter()
            .map(|label| {
                fresh(file);
                file.next(&part_title(label))
            })
            .collect();
        let mut group_slugs = Vec::with_capacity(groups.list.len());
        let mut responsibilities = vec![String::new(); ws.responsibilities.len()];
        if groups.list.is_empty() {
            group_slugs.push(file.next("Responsibilities"));
        }
        let mut label = String::new();
        for (area, members) in &groups.list {
            fresh(file);
            let title = groups.title(*area);
            group_slugs.push(file.next(&title));
            for (k, &index) in members.iter().enumerate() {
                // Split, each page of a large area is a file of its own, under the same heading.
                if split && k > 0 && k % area_page == 0 {
                    fresh(file);
                    file.next(&title);
                }
                let r = &ws.responsibilities[index];
                label.clear();
                super::push_label(&mut label, &r.name, &r.id);
                responsibilities[index] = file.next(&label);
            }
        }
        let slugger = if split { index_slugs } else { file };
        let parked = ws.responsibilities.iter().any(|r| r.parked.is_some());
        let tail = TAIL
            .into_iter()
            .filter(|&title| match title {
                "Parked for later" => parked,
                "Accepted on purpose" => !ws.waivers.is_empty(),
                "Changes agreed in this session" => options.changes.is_some(),
                "Changed since" => options.since.is_some(),
                _ => true,
            })
            .map(|title| (title, slugger.next(title)))
            .collect();
        Plan {
            files,
            groups,
            summary,
            departments,
            parts,
            group_slugs,
            responsibilities,
            tail,
        }
    }
}

impl Plan<'_> {
    /// Where the section `title` (one of [`TAIL`]) is, as a link target within its file
    /// (`#open-findings`); `#` and its plain anchor when this charter has no such section.
    pub(super) fn tail_link(&self, title: &str) -> String {
        let anchor = (self.tail.iter())
            .find(|(t, _)| *t == title)
            .map_or_else(|| github_slug(title), |(_, anchor)| anchor.clone());
        format!("#{anchor}")
    }
}

/// The escaped title of a department's part, from its escaped label.
pub(super) fn part_title(label: &str) -> String {
    format!("Department: {label}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(
            github_slug("Area: Risk & Compliance"),
            "area-risk--compliance"
        );
        assert_eq!(github_slug("Brand voice"), "brand-voice");
        assert_eq!(github_slug("Sign-off"), "sign-off");
        assert_eq!(github_slug("a_b (c) 1.2"), "a_b-c-12");
        assert_eq!(github_slug("Ünïcode Ärger"), "ünïcode-ärger");
        assert_eq!(github_slug("???"), "");
    }

    #[test]
    fn rendered_text_drops_the_escapes() {
        assert_eq!(rendered(r"a\|b \*c\* &amp; d"), "a|b *c* & d");
        assert_eq!(rendered("ann<!-- -->\\@example.com"), "ann@example.com");
        assert_eq!(rendered(r"back\\slash"), r"back\slash");
        assert_eq!(rendered("plain"), "plain");
    }

    #[test]
    fn repeated_anchors_are_numbered_as_github_numbers_them() {
        let mut s = Slugger::default();
        let got: Vec<String> = ["Foo", "Foo", "Foo-1", "Foo", "foo"]
            .into_iter()
            .map(|t| s.next(t))
            .collect();
        // github-slugger: foo, foo-1, then "foo-1" is taken so foo-1-1, then foo-2, foo-3.
        assert_eq!(got, ["foo", "foo-1", "foo-1-1", "foo-2", "foo-3"]);
    }
}
