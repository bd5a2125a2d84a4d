//! How a split charter stays readable at any size: how much one file may hold, the names of its
//! files (from ids and area names, short enough for every file system, told apart when two
//! come out the same), and the line that leads from one page of a long part to the next.

use rustc_hash::FxHashSet;

use super::{Doc, push_integer};

/// How much one file of a split charter may hold; a part that holds more continues in further
/// files (an area), or leaves the index for files of its own (the matrix, the findings, the
/// decision log, the parked items). At the [`Limits::DEFAULT`] such a file stays under about
/// 400 KB (a department's part is one file whatever it holds: at 300 departments x 100,000
/// responsibilities, about 400 KB too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Limits {
    /// Most responsibilities in one area file.
    pub(super) area: usize,
    /// Most matrix rows times matrix tables (of up to 8 departments each) in one file, and in
    /// the index (about 90 bytes a row and table).
    pub(super) matrix_cells: usize,
    /// Most rows of the findings table in one file, and in the index.
    pub(super) findings: usize,
    /// Most decisions in one file, and in the index.
    pub(super) decisions: usize,
    /// Most parked responsibilities in one file, and in the index.
    pub(super) parked: usize,
}

impl Limits {
    /// The limits of `export --split`.
    pub(super) const DEFAULT: Limits = Limits {
        area: 500,
        matrix_cells: 4_000,
        findings: 1_000,
        decisions: 1_000,
        parked: 1_000,
    };
}

/// Most bytes of a name's slug (file systems allow 255 for the whole name).
const MOST_SLUG: usize = 80;

/// Gives the split charter's files their names, each once: `prefix` and the slug of a name,
/// `-p2`, `-p3`... for the further pages of one part, `-2`, `-3`... when two names meet.
#[derive(Debug, Default)]
pub(super) struct Namer {
    taken: FxHashSet<String>,
}

impl Namer {
    /// The name of page `page` (from 1) of the part called `base`.
    pub(super) fn name(&mut self, prefix: &str, base: &str, page: usize) -> String {
        let mut slug = crate::workspace::slug(base);
        // Slugs are ASCII: any byte is a character boundary.
        slug.truncate(MOST_SLUG);
        while slug.ends_with('-') {
            slug.pop();
        }
        let mut stem = format!("{prefix}{slug}");
        if page > 1 {
            stem.push_str("-p");
            push_integer(&mut stem, page as i64);
        }
        let mut candidate = stem.clone();
        let mut n = 1;
        while !self.taken.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{stem}-{n}");
        }
        candidate.push_str(".md");
        candidate
    }

    /// The names of the `pages` files of the part called `base` (at least one).
    pub(super) fn pages(&mut self, prefix: &str, base: &str, pages: usize) -> Vec<String> {
        (1..=pages.max(1))
            .map(|page| self.name(prefix, base, page))
            .collect()
    }
}

/// How many pages `items` things take at `per_page` a page (at least one).
pub(super) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// Appends `n` with its thousands separated by commas (`12,500`).
pub(super) fn push_count(out: &mut String, n: usize) {
    super::push_amount(out, n as f64);
}

/// Appends the range of the things on page `page` (from 0) of `total` at `per_page` a page:
/// `1–500`.
pub(super) fn push_range(out: &mut String, page: usize, per_page: usize, total: usize) {
    let first = page * per_page + 1;
    let last = (first + per_page - 1).min(total);
    push_count(out, first);
    out.push('–');
    push_count(out, last);
}

/// The line under a page's heading when its part takes more than one file: which of the
/// `total` things `what` it holds and links to the page before and after it.
pub(super) fn nav(
    doc: &mut Doc,
    names: &[String],
    page: usize,
    per_page: usize,
    total: usize,
    what: &str,
) {
    if names.len() < 2 {
        return;
    }
    let out = doc.open();
    out.push_str(what);
    out.push(' ');
    push_range(out, page, per_page, total);
    out.push_str(" of ");
    push_count(out, total);
    out.push_str(" (page ");
    push_count(out, page + 1);
    out.push_str(" of ");
    push_count(out, names.len());
    out.push(')');
    if page > 0 {
        out.push_str(" · [previous page](");
        out.push_str(&names[page - 1]);
        out.push(')');
    }
    if let Some(next) = names.get(page + 1) {
        out.push_str(" · [next page](");
        out.push_str(next);
        out.push(')');
    }
    out.push('.');
}

/// Appends links to every page of a part: `[1–500](a.md), [501–1,000](a-p2.md)`.
pub(super) fn push_page_links(out: &mut String, names: &[String], per_page: usize, total: usize) {
    for (page, name) in names.iter().enumerate() {
        if page > 0 {
            out.push_str(", ");
        }
        out.push('[');
        push_range(out, page, per_page, total);
        out.push_str("](");
        out.push_str(name);
        out.push(')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_short_distinct_and_paged() {
        let mut namer = Namer::default();
        // In this order: a page, a second page, a name that meets the first, one that meets
        // the second page.
        for (base, page, name) in [
            ("Brand & content", 1, "area-brand-content.md"),
            ("Brand & content", 2, "area-brand-content-p2.md"),
            ("brand content", 1, "area-brand-content-2.md"),
            ("Brand content p2", 1, "area-brand-content-p2-2.md"),
        ] {
            assert_eq!(namer.name("area-", base, page), name);
        }
        let long = namer.name("department-", &"x".repeat(10_000), 1);
        assert!(long.len() < 100, "{long}");
        assert_eq!(namer.name("", "", 1), "item.md");
    }

    #[test]
    fn ranges_and_links_count_with_separators() {
        let mut out = String::new();
        push_range(&mut out, 2, 500, 1_200);
        assert_eq!(out, "1,001–1,200");
        let mut out = String::new();
        push_page_links(&mut out, &["a.md".into(), "b.md".into()], 1_000, 1_500);
        assert_eq!(out, "[1–1,000](a.md), [1,001–1,500](b.md)");
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(21, 10), 3);
    }
}
