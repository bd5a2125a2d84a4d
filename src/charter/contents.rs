//! The `## Contents` section: a link to every section but the responsibilities' own (the
//! department parts and the areas lead to those), with the anchors GitHub gives the headings.

use super::anchors::{Plan, part_title};
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
        for (n, (area, _)) in plan.groups.list.iter().enumerate() {
            let target = match files {
                Some(files) => files.groups[n].clone(),
                None => format!("#{}", plan.group_slugs[n]),
            };
            item(out, 0, &plan.groups.title(*area), &target);
        }
    }
    for (title, anchor) in &plan.tail {
        item(out, 0, title, &format!("#{anchor}"));
    }
}
