//! The charter split into files, for workspaces too large for one: `index.md` (the facts, the
//! summary, the contents, the departments, the matrix, the findings, the decisions and the
//! sign-off), one file per department's part and one per area, linked to each other with
//! relative links. File names come from ids (and area names), so they stay the same from one
//! export to the next.
//!
//! The index stays small at any size: an area of more than [`Limits::area`] responsibilities
//! continues in further files, and a matrix, findings table, decision log or list of parked
//! items too large for one page goes into files of its own that the index links to (see
//! [`super::elsewhere`]). The files are handed over one at a time as they are written, so a
//! large charter is never held whole.

use std::io;

use crate::analysis::Analysis;
use crate::workspace::Workspace;

use super::anchors::{Files, Plan};

use super::context::positions_by_id;
use super::departments::{Holdings, Link};
use super::elsewhere::{self, Elsewhere, Listed};
use super::matrix::{self, Rows};
use super::pages::{Limits, Namer, nav, page_count};
use super::responsibility::subsection;
use super::{CharterOptions, Ctx, Doc, after_areas, contents, departments, findings, summary};
use super::{version, walk};

/// The name of the split charter's first file.
pub const INDEX: &str = "index.md";

/// One file of a split charter: its name (no directory) and its Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitFile {
    pub name: String,
    pub text: String,
}

/// Renders the charter of `workspace` as files: [`INDEX`] first, then the departments' parts in
/// department order, then each area's files in the charter's order (with the area's matrix and
/// findings files when those are not in the index), then the decision log's and the parked
/// items' files when they are not. Pure and deterministic, like [`super::render`], and escaped
/// alike.
pub fn render_split(
    workspace: &Workspace,
    analysis: &Analysis,
    options: &CharterOptions,
) -> Vec<SplitFile> {
    let mut files = Vec::new();
    let collected = render_split_to(workspace, analysis, options, &mut |file| {
        files.push(file);
        Ok(())
    });
    debug_assert!(collected.is_ok(), "collecting cannot fail");
    // The index is written last (it tells what the others hold); it is the one to read first.
    files.rotate_right(1);
    files
}

/// [`render_split`], handing each file to `sink` as soon as it is written (the index last)
/// instead of holding them all; stops at the first error of `sink`.
pub fn render_split_to(
    workspace: &Workspace,
    analysis: &Analysis,
    options: &CharterOptions,
    sink: &mut dyn FnMut(SplitFile) -> io::Result<()>,
) -> io::Result<()> {
    split_with(workspace, analysis, options, &Limits::DEFAULT, sink)
}

/// [`render_split_to`] with files that hold at most `limits`.
pub(super) fn split_with(
    ws: &Workspace,
    analysis: &Analysis,
    options: &CharterOptions,
    limits: &Limits,
    sink: &mut dyn FnMut(SplitFile) -> io::Result<()>,
) -> io::Result<()> {
    let mut ctx = Ctx::new(ws, analysis);
    let mut plan = Plan::new(&ctx, options, Some(limits));
    let Some(mut namer) = plan.files.as_mut().map(|f| std::mem::take(&mut f.namer)) else {
        return Ok(());
    };
    let version = version::version(ws);
    let back = back_link(&ctx, &version);
    let by_id = positions_by_id(ws);
    let distinct_ids = by_id.len() == ws.responsibilities.len();
    let _ = ctx.responsibilities.set(by_id);
    ctx.log_link = format!("{INDEX}{}", plan.tail_link("Decision log"));
    let mut elsewhere = Elsewhere::default();
    let decisions = (ws.decisions.len() > limits.decisions).then(|| Listed {
        title: "Decision log".to_owned(),
        count: ws.decisions.len(),
        per_page: limits.decisions.max(1),
        names: namer.pages(
            "",
            "decision log",
            page_count(ws.decisions.len(), limits.decisions),
        ),
    });
    let log_links = decisions.as_ref().map(|listed| log_links(&ctx, listed));
    let plan = plan;
    let Some(files) = plan.files.as_ref() else {
        return Ok(());
    };
    let link = Link {
        anchors: &plan.responsibilities,
        files: Some(files),
    };
    let holdings = Holdings::new(&ctx, &plan);
    for position in 0..ws.departments.len() {
        let mut doc = Doc::default();
        doc.block(&back);
        departments::part(&ctx, &mut doc, position, &holdings, &link);
        sink(SplitFile {
            name: files.parts[position].clone(),
            text: doc.finish(),
        })?;
    }
    drop(holdings);
    let mut pass = Pass {
        ctx: &ctx,
        plan: &plan,
        files,
        back: &back,
        log_links: log_links.as_deref(),
        findings_apart: ctx
            .analysis
            .findings
            .iter()
            .filter(|f| f.waived.is_none())
            .count()
            > limits.findings
            && distinct_ids
            && findings::in_walk(&ctx),
        matrix_apart: ws.responsibilities.len() * matrix::table_count(ws.departments.len())
            > limits.matrix_cells,
        limits,
        walked: walk::Walked {
            rows: Vec::new(),
            finding_rows: None,
            distinct_ids,
            parked: Vec::new(),
            decided: vec![None; ctx.decision_groups.len()],
        },
        elsewhere: &mut elsewhere,
    };
    pass.run(&mut namer, sink)?;
    let mut walked = pass.walked;
    if let Some(listed) = decisions {
        for (page, chunk) in ws.decisions.chunks(listed.per_page).enumerate() {
            let mut doc = listed.page(&back, "Decision log", page, "Decisions");
            ctx.push_decisions(doc.open(), chunk, &walked.decided);
            sink(listed.file(page, doc))?;
        }
        elsewhere.decisions = Some(listed);
    }
    if walked.parked.len() > limits.parked {
        let count = walked.parked.len();
        let listed = Listed {
            title: "Parked for later".to_owned(),
            count,
            per_page: limits.parked.max(1),
            names: namer.pages("", "parked for later", page_count(count, limits.parked)),
        };
        for (page, chunk) in walked.parked.chunks(listed.per_page).enumerate() {
            let mut doc = listed.page(&back, "Parked for later", page, "Parked responsibilities");
            ctx.push_parked(doc.open(), chunk);
            sink(listed.file(page, doc))?;
        }
        elsewhere.parked = Some(listed);
        walked.parked = Vec::new();
    }
    if let Some(groups) = &mut elsewhere.findings {
        // The findings about departments or the whole charter, after the areas'.
        let mut rows = findings::texts(&ctx);
        let positions = ctx.analysis.responsibility_positions();
        let mut counts = [0; 3];
        for (f, position) in ctx.analysis.findings.iter().zip(positions) {
            if position.is_none() && f.waived.is_none() {
                findings::row(&ctx, &mut rows[findings::rank(f.severity)], f, None);
                counts[findings::rank(f.severity)] += 1;
            }
        }
        let total: usize = counts.iter().sum();
        if total > 0 {
            let listed = Listed {
                title: "Departments and the whole charter".to_owned(),
                count: total,
                per_page: limits.findings.max(1),
                names: namer.pages(
                    "findings-",
                    "departments",
                    page_count(total, limits.findings),
                ),
            };
            elsewhere::findings_pages(&back, &listed, &rows, sink)?;
            groups.push((listed, counts));
        }
    }
    let mut index = Doc::default();
    ctx.header(&mut index, options, &version);
    let figures = summary::Figures::new(&ctx);
    let findings = plan.tail_link("Open findings");
    summary::section(&ctx, &mut index, &figures, &link, &findings);
    contents::section(&ctx, &mut index, &plan);
    ctx.departments(&mut index);
    after_areas(&ctx, &mut index, walked, options, &version, &elsewhere);
    sink(SplitFile {
        name: INDEX.to_owned(),
        text: index.finish(),
    })
}

/// Per entry of [`Ctx::decision_groups`]: where the first decision about its responsibility is
/// in the decision log's files `listed`.
fn log_links(ctx: &Ctx, listed: &Listed) -> Vec<String> {
    let mut first = vec![usize::MAX; ctx.decision_groups.len()];
    for (at, d) in ctx.ws.decisions.iter().enumerate() {
        let group = (d.responsibility.as_deref()).and_then(|id| ctx.decision_groups.get(id));
        if let Some(&group) = group {
            first[group as usize] = first[group as usize].min(at);
        }
    }
    first
        .into_iter()
        .map(|at| {
            let page = (at / listed.per_page).min(listed.names.len() - 1);
            format!("{}#decision-log", listed.names[page])
        })
        .collect()
}

/// The one pass over the responsibilities, area by area: each area's files, and its matrix and
/// findings files when those leave the index.
struct Pass<'p, 'a> {
    ctx: &'p Ctx<'a>,
    plan: &'p Plan<'a>,
    files: &'p Files,
    back: &'p str,
    /// Per decision group: its link into the decision log's files, when the log is in files.
    log_links: Option<&'p [String]>,
    /// Whether the findings table goes into files per area.
    findings_apart: bool,
    /// Whether the matrix goes into files per area.
    matrix_apart: bool,
    limits: &'p Limits,
    /// What the index's sections after the areas read.
    walked: walk::Walked,
    elsewhere: &'p mut Elsewhere,
}

impl Pass<'_, '_> {
    fn run(
        &mut self,
        namer: &mut Namer,
        sink: &mut dyn FnMut(SplitFile) -> io::Result<()>,
    ) -> io::Result<()> {
        let ctx = self.ctx;
        let ws = ctx.ws;
        let mut fresh = None;
        let tally = ctx.tally_or(&mut fresh);
        if !self.findings_apart && findings::in_walk(ctx) && self.walked.distinct_ids {
            self.walked.finding_rows = Some(findings::texts(ctx));
        }
        let limits = self.limits;
        let tables = matrix::table_count(ws.departments.len()).max(1);
        let rows_per_page = (limits.matrix_cells / tables).max(1);
        let area_page = self.files.area_page;
        let mut matrix_files = Vec::new();
        let mut finding_files = Vec::new();
        for (g, (area, members)) in self.plan.groups.list.iter().enumerate() {
            let title = self.plan.groups.title(*area);
            let base = &self.files.bases[g];
            let matrix = self.matrix_apart.then(|| Listed {
                title: title.clone(),
                count: members.len(),
                per_page: rows_per_page,
                names: namer.pages("matrix-", base, page_count(members.len(), rows_per_page)),
            });
            let finding_counts = elsewhere::counts(ctx, members);
            let total: usize = finding_counts.iter().sum();
            let own_findings = (self.findings_apart && total > 0).then(|| Listed {
                title: title.clone(),
                count: total,
                per_page: limits.findings.max(1),
                names: namer.pages("findings-", base, page_count(total, limits.findings)),
            });
            let mut finding_rows = own_findings.as_ref().map(|_| findings::texts(ctx));
            let pages = &self.files.groups[g];
            let mut rows = Rows::default();
            let mut matrix_page = 0;
            for (page, chunk) in members.chunks(area_page).enumerate() {
                let mut doc = Doc::default();
                doc.block(self.back);
                doc.heading(2, &title);
                nav(
                    &mut doc,
                    pages,
                    page,
                    area_page,
                    members.len(),
                    "Responsibilities",
                );
                for &index in chunk {
                    let r = &ws.responsibilities[index];
                    if r.parked.is_some() {
                        self.walked.parked.push(index);
                    }
                    let (decisions, log) = match ctx.decisions_about(&r.id) {
                        Some((group, decisions)) => {
                            self.walked.decided[group as usize] = Some(index);
                            let log = (self.log_links)
                                .and_then(|links| links.get(group as usize))
                                .unwrap_or(&ctx.log_link);
                            (decisions, log.as_str())
                        }
                        None => (&[][..], ctx.log_link.as_str()),
                    };
                    let label = subsection(ctx, &mut doc, index, decisions, log);
                    rows.push(&doc.text[label], tally.entries(index));
                    if let Some(listed) = &matrix
                        && rows.len() == rows_per_page
                    {
                        sink(matrix_file(ctx, self.back, listed, matrix_page, rows))?;
                        rows = Rows::default();
                        matrix_page += 1;
                    }
                    let texts = finding_rows.as_mut().or(self.walked.finding_rows.as_mut());
                    if let Some(texts) = texts {
                        for &f in ctx.findings_about(index) {
                            let f = &ctx.analysis.findings[f as usize];
                            findings::row(ctx, &mut texts[findings::rank(f.severity)], f, Some(r));
                        }
                    }
                }
                sink(SplitFile {
                    name: pages[page].clone(),
                    text: doc.finish(),
                })?;
            }
            match matrix {
                Some(listed) => {
                    if rows.len() > 0 {
                        sink(matrix_file(ctx, self.back, &listed, matrix_page, rows))?;
                    }
                    matrix_files.push(listed);
                }
                None => self.walked.rows.push(rows),
            }
            if let (Some(listed), Some(texts)) = (own_findings, finding_rows) {
                elsewhere::findings_pages(self.back, &listed, &texts, sink)?;
                finding_files.push((listed, finding_counts));
            }
        }
        if self.matrix_apart {
            self.elsewhere.matrix = Some(matrix_files);
        }
        if self.findings_apart {
            self.elsewhere.findings = Some(finding_files);
        }
        Ok(())
    }
}

/// The matrix file `page` of a group, holding `rows`.
fn matrix_file(ctx: &Ctx, back: &str, listed: &Listed, page: usize, rows: Rows) -> SplitFile {
    let heading = format!("Role matrix: {}", listed.title);
    let mut doc = listed.page(back, &heading, page, "Responsibilities");
    doc.block(matrix::legend(ctx));
    matrix::tables(ctx, &mut doc, &mut [rows]);
    listed.file(page, doc)
}

/// The line each file but the index starts with: which charter and version it belongs to.
fn back_link(ctx: &Ctx, version: &str) -> String {
    let mut line = String::from("Part of [");
    super::push_label(&mut line, &ctx.ws.info.name, "Social media charter");
    line.push_str("](");
    line.push_str(INDEX);
    line.push_str("), version ");
    line.push_str(version);
    line.push('.');
    line
}
