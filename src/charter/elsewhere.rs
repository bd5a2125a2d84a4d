//! What the index of a large split charter only links to: the role matrix, the findings, the
//! decision log and the parked items, each in files of their own once they outgrow what one
//! page can hold (see [`super::pages`]). The index then says how many there are and links to
//! every file; each file starts with a link back to the index and to the pages around it.

use super::findings::rank;
use super::pages::{nav, push_count, push_page_links};
use super::{Ctx, Doc, SplitFile, Thousands, count, matrix};

/// The sections of a split charter that are in files of their own; `None` for those that are
/// in the index (always, in the one-file charter).
#[derive(Default)]
pub(super) struct Elsewhere {
    /// Per group of responsibilities: its matrix files.
    pub(super) matrix: Option<Vec<Listed>>,
    /// Per group with open findings (then those about departments or the whole charter): its
    /// findings files and how many findings of each severity, worst first.
    pub(super) findings: Option<Vec<(Listed, [usize; 3])>>,
    /// The decision log's files.
    pub(super) decisions: Option<Listed>,
    /// The parked responsibilities' files.
    pub(super) parked: Option<Listed>,
}

/// A part of the charter in files: its escaped title, how many things it holds, how many go
/// in one file, and the files' names.
pub(super) struct Listed {
    pub(super) title: String,
    pub(super) count: usize,
    pub(super) per_page: usize,
    pub(super) names: Vec<String>,
}

impl Listed {
    /// A file of this part: the line back to the index, the `##` heading `heading` (escaped)
    /// and, when the part has several files, which things this one holds.
    pub(super) fn page(&self, back: &str, heading: &str, page: usize, what: &str) -> Doc {
        let mut doc = Doc::default();
        doc.block(back);
        doc.heading(2, heading);
        nav(&mut doc, &self.names, page, self.per_page, self.count, what);
        doc
    }

    /// The file `page` of this part, holding `doc`.
    pub(super) fn file(&self, page: usize, doc: Doc) -> SplitFile {
        SplitFile {
            name: self.names[page].clone(),
            text: doc.finish(),
        }
    }
}

/// The index's `## Role matrix` when the matrix is in files: the legend, why, and per group a
/// link to each of its files.
pub(super) fn matrix(ctx: &Ctx, doc: &mut Doc, groups: &[Listed]) {
    let ws = ctx.ws;
    doc.heading(2, "Role matrix");
    doc.block(matrix::legend(ctx));
    let per_page = groups.first().map_or(0, |g| g.per_page);
    let out = doc.open();
    out.push_str("The matrix of ");
    push_count(out, ws.responsibilities.len());
    out.push_str(" responsibilities by ");
    push_count(out, ws.departments.len());
    out.push_str(" departments is too large for one page. Each file below holds every department (in tables of ");
    push_count(out, matrix::COLUMNS_PER_TABLE);
    out.push_str(") for at most ");
    push_count(out, per_page);
    out.push_str(" responsibilities of one area:");
    items(doc, groups, "responsibilities");
}

/// The index's `## Open findings` when the findings are in files: how many there are, and per
/// group how many of each severity, with links to its files.
pub(super) fn findings(ctx: &Ctx, doc: &mut Doc, groups: &[(Listed, [usize; 3])]) {
    let summary = ctx.analysis.summary();
    doc.heading(2, "Open findings");
    doc.block(format!(
        "A charter never hides an unresolved conflict. Still open: {}, {}, {}. Too many to list \
         here: they are in files of their own, per area, worst first, at most {} a file.",
        count(summary.errors, "error", "errors"),
        count(summary.warnings, "warning", "warnings"),
        count(summary.info, "info", "info"),
        Thousands(groups.first().map_or(0, |(g, _)| g.per_page)),
    ));
    let out = doc.open();
    out.push_str(
        "| Findings about | Errors | Warnings | Info | Files |\n| --- | --: | --: | --: | --- |",
    );
    for (listed, counts) in groups {
        out.push_str("\n| ");
        out.push_str(&listed.title);
        for &n in counts {
            out.push_str(" | ");
            push_count(out, n);
        }
        out.push_str(" | ");
        push_page_links(out, &listed.names, listed.per_page, listed.count);
        out.push_str(" |");
    }
}

/// The index's section `heading` of a list in files (the decision log, the parked items): its
/// first line `intro`, how many things and a link to each file.
pub(super) fn list(doc: &mut Doc, heading: &str, intro: &str, listed: &Listed) {
    doc.heading(2, heading);
    let out = doc.open();
    out.push_str(intro);
    out.push(' ');
    push_count(out, listed.count);
    out.push_str(" in all, too many to list here; at most ");
    push_count(out, listed.per_page);
    out.push_str(" a file: ");
    push_page_links(out, &listed.names, listed.per_page, listed.count);
    out.push('.');
}

/// One list item per part: its title, how many `what` and a link to each of its files.
fn items(doc: &mut Doc, parts: &[Listed], what: &str) {
    let out = doc.open();
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str("- ");
        out.push_str(&part.title);
        out.push_str(" (");
        push_count(out, part.count);
        out.push(' ');
        out.push_str(what);
        out.push_str("): ");
        push_page_links(out, &part.names, part.per_page, part.count);
    }
}

/// The rows of the findings table of one group, worst first, one `\n| ... |` each, written
/// into the files of `listed` and handed to `sink`.
pub(super) fn findings_pages(
    back: &str,
    listed: &Listed,
    rows: &[String; 3],
    sink: &mut dyn FnMut(SplitFile) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let heading = format!("Open findings: {}", listed.title);
    let mut page = 0;
    let mut doc = None;
    let mut in_page = 0;
    for text in rows {
        // Every row starts with a line break: the rows are the text between them.
        let mut rest = text.as_str();
        while let Some(row) = next_row(&mut rest) {
            let current = doc.get_or_insert_with(|| {
                let mut d = listed.page(back, &heading, page, "Findings");
                d.open().push_str(
                    "| Severity | Rule | Concerns | Finding |\n| --- | --- | --- | --- |",
                );
                d
            });
            current.text.push_str(row);
            in_page += 1;
            if in_page == listed.per_page {
                if let Some(done) = doc.take() {
                    sink(listed.file(page, done))?;
                }
                page += 1;
                in_page = 0;
            }
        }
    }
    if let Some(done) = doc.take() {
        sink(listed.file(page, done))?;
    }
    Ok(())
}

/// Takes the first row (`\n| ... |`) off `rest`.
fn next_row<'t>(rest: &mut &'t str) -> Option<&'t str> {
    if rest.is_empty() {
        return None;
    }
    let end = rest[1..].find('\n').map_or(rest.len(), |at| at + 1);
    let (row, after) = rest.split_at(end);
    *rest = after;
    Some(row)
}

/// How many findings of each severity, worst first, are about the responsibilities at
/// `members`, leaving out those accepted on purpose.
pub(super) fn counts(ctx: &Ctx, members: &[usize]) -> [usize; 3] {
    let mut counts = [0; 3];
    for &index in members {
        for &f in ctx.findings_about(index) {
            let f = &ctx.analysis.findings[f as usize];
            if f.waived.is_none() {
                counts[rank(f.severity)] += 1;
            }
        }
    }
    counts
}
