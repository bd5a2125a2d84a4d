//! The `## Contents` section: a link to every section but the responsibilities' own (the
//! department parts and the areas lead to those), with the anchors GitHub gives the headings.

use super::anchors::{Plan, part_title};
use super::{Ctx, Doc};

/// The section, from the anchors of `plan`.
pub(super) fn section(ctx: &Ctx, doc: &mut Doc, plan: &Plan) {
    doc.heading(2, "Contents");
    let out = doc.open();
    let mut first = true;
    let mut item = |out: &mut String, depth: usize, title: &str, anchor: &str| {
        if !std::mem::take(&mut first) {
            out.push('\n');
        }
        for _ in 0..depth {
            out.push_str("  ");
        }
        out.push_str("- [");
        out.push_str(title);
        out.push_str("](#");
        out.push_str(anchor);
        out.push(')');
    };
    item(out, 0, "Summary", &plan.summary);
    item(out, 0, "Departments", &plan.departments);
    for (label, anchor) in ctx.department_labels.iter().zip(&plan.parts) {
        item(out, 1, &part_title(label), anchor);
    }
    if plan.groups.list.is_empty() {
        if let Some(anchor) = plan.group_slugs.first() {
            item(out, 0, "Responsibilities", anchor);
        }
    } else {
        for ((area, _), anchor) in plan.groups.list.iter().zip(&plan.group_slugs) {
            item(out, 0, &plan.groups.title(*area), anchor);
        }
    }
    for (title, anchor) in &plan.tail {
        item(out, 0, title, anchor);
    }
}
