//! The `## Contents` section: a link to every section but the responsibilities' own (the
//! department parts and the areas lead to those), with the anchors GitHub gives the headings.

use super::anchors::{Plan, part_title};
use super::pages::push_page_links;
use super::{Ctx, Doc};

/// The section, from the anchors of `plan`.
pub(super) fn section(ctx: &Ctx, doc: &mut Doc, plan: &Plan) {
    doc.heading(2, "Contents");
    let out = doc.open();
    let mut first = true;
    let mut item = |out: &mut String, depth: usize, title: &str, target: &str| {
        if !std::mem::take(&mut first) {
            out.push('\n');
        }
        for _ in 0..depth {
            out.push_str("  ");
        }
        out.push_str("- [");
        out.push_str(title);
        out.push_str("](");
        out.push_str(target);
        out.push(')');
    };
    item(out, 0, "Summary", &format!("#{}", plan.summary));
    item(out, 0, "Departments", &format!("#{}", plan.departments));
    let files = plan.files.as_ref();
    for (n, label) in ctx.department_labels.iter().enumerate() {
        let target = match files {
            Some(files) => files.parts[n].clone(),
            None => format!("#{}", plan.parts[n]),
        };
        item(out, 1, &part_title(label), &target);
    }
    if plan.groups.list.is_empty() {
        if let (Some(anchor), None) = (plan.group_slugs.first(), files) {
            item(out, 0, "Responsibilities", &format!("#{anchor}"));
        }
    } else {
        for (n, (area, members)) in plan.groups.list.iter().enumerate() {
            let target = match files {
                Some(files) => files.groups[n][0].clone(),
                None => format!("#{}", plan.group_slugs[n]),
            };
            item(out, 0, &plan.groups.title(*area), &target);
            // A large area of a split charter is in several files: each is linked.
            if let Some(files) = files.filter(|f| f.groups[n].len() > 1) {
                out.push_str(": responsibilities ");
                push_page_links(out, &files.groups[n], files.area_page, members.len());
            }
        }
    }
    for (title, anchor) in &plan.tail {
        item(out, 0, title, &format!("#{anchor}"));
    }
}
