//! The charter split into files, for workspaces too large for one: `index.md` (the facts, the
//! summary, the contents, the departments, the matrix, the findings, the decisions and the
//! sign-off), one file per department's part and one per area, linked to each other with
//! relative links. File names come from ids (and area names), so they stay the same from one
//! export to the next.

use super::anchors::Plan;
use super::{CharterOptions, Ctx, Doc, after_areas, contents, departments, summary, version, walk};
use crate::analysis::Analysis;
use crate::workspace::Workspace;

/// The name of the split charter's first file.
pub const INDEX: &str = "index.md";

/// One file of a split charter: its name (no directory) and its Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitFile {
    pub name: String,
    pub text: String,
}

/// Renders the charter of `workspace` as files: [`INDEX`] first, then the departments' parts in
/// department order, then the areas in the charter's order. Pure and deterministic, like
/// [`super::render`], and escaped alike.
pub fn render_split(
    workspace: &Workspace,
    analysis: &Analysis,
    options: &CharterOptions,
) -> Vec<SplitFile> {
    let mut ctx = Ctx::new(workspace, analysis);
    let plan = Plan::new(&ctx, options, true);
    if let Some((_, anchor)) = plan.tail.iter().find(|(title, _)| *title == "Decision log") {
        ctx.log_link = format!("{INDEX}#{anchor}");
    }
    let version = version::version(workspace);
    let link = departments::Link {
        anchors: &plan.responsibilities,
        files: plan.files.as_ref(),
    };
    let mut index = Doc::default();
    ctx.header(&mut index, options, &version);
    let figures = summary::Figures::new(&ctx);
    summary::section(&ctx, &mut index, &figures, &link);
    contents::section(&ctx, &mut index, &plan);
    ctx.departments(&mut index);
    // The areas, written as in one file, then cut at their `##` headings (workspace text can
    // never start a line with `#`: it is escaped).
    let mut areas = Doc::default();
    let walked = walk::sections(&ctx, &mut areas);
    after_areas(&ctx, &mut index, walked, options, &version);
    let mut files = Vec::with_capacity(1 + workspace.departments.len() + plan.groups.list.len());
    files.push(SplitFile {
        name: INDEX.to_owned(),
        text: index.finish(),
    });
    let back = back_link(&ctx, &version);
    let holdings = departments::Holdings::new(&ctx, &plan);
    let names = plan.files.as_ref();
    for position in 0..workspace.departments.len() {
        let mut doc = Doc::default();
        doc.block(&back);
        departments::part(&ctx, &mut doc, position, &holdings, &link);
        let name = names.map_or_else(String::new, |f| f.parts[position].clone());
        files.push(SplitFile {
            name,
            text: doc.finish(),
        });
    }
    if !plan.groups.list.is_empty() {
        let text = areas.text;
        let mut starts: Vec<usize> = text
            .match_indices("\n\n## ")
            .map(|(at, _)| at + 2)
            .collect();
        starts.insert(0, 0);
        starts.push(text.len());
        for (n, window) in starts.windows(2).enumerate() {
            let mut doc = Doc::default();
            doc.block(&back);
            doc.block(text[window[0]..window[1]].trim_end());
            let name = names
                .and_then(|f| f.groups.get(n))
                .cloned()
                .unwrap_or_default();
            files.push(SplitFile {
                name,
                text: doc.finish(),
            });
        }
    }
    files
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
