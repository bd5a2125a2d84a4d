//! A part per department, in department order: what it answers for, decides, does, supports,
//! is consulted and informed on (each role in the model's words), with a link to each
//! responsibility's section; its claims and their outcomes, its funding share, its lead and
//! where its signature stands. What a department lead reads to learn "what do we own now".

use crate::analysis::Tally;
use crate::signoff::SignState;
use crate::workspace::{Amount, Claim};

use super::anchors::{Files, Plan, part_title};
use super::escape::push_inline;
use super::responsibility::push_claim;
use super::summary::percent;
use super::{Ctx, Doc, count, field, push_label};

/// What each department holds, gathered in one pass over the responsibilities in the
/// charter's order.
pub(super) struct Holdings {
    /// Per department position: (responsibility position, role position) of each role held,
    /// in the charter's order.
    pub(super) roles: Vec<Vec<(u32, u8)>>,
    /// Per department position: the responsibilities it claims, in the charter's order.
    pub(super) claims: Vec<Vec<u32>>,
    /// Per department position: what it funds in all, and how many responsibilities.
    pub(super) funding: Vec<(Amount, usize)>,
    /// All funding shares together.
    pub(super) total_funding: Amount,
}

impl Holdings {
    pub(super) fn new(ctx: &Ctx, plan: &Plan) -> Self {
        let ws = ctx.ws;
        let count = ws.departments.len();
        let fresh;
        let tally = match ctx.tally {
            Some(tally) => tally,
            None => {
                fresh = Tally::new(ws, &ws.department_positions());
                &fresh
            }
        };
        let mut holdings = Holdings {
            roles: vec![Vec::new(); count],
            claims: vec![Vec::new(); count],
            funding: vec![(0.0, 0); count],
            total_funding: 0.0,
        };
        for (_, members) in &plan.groups.list {
            for &index in members {
                let r = &ws.responsibilities[index];
                let mut last = None;
                for &(department, role) in tally.entries(index) {
                    // A department listed twice for one role is told once.
                    if last != Some((department, role)) {
                        holdings.roles[department as usize].push((index as u32, role));
                    }
                    last = Some((department, role));
                }
                for id in r.claims.departments() {
                    if let Some(&d) = ctx.departments.get(id.as_str()) {
                        holdings.claims[d].push(index as u32);
                    }
                }
                for (id, &amount) in &r.funding {
                    holdings.total_funding += amount;
                    if let Some(&d) = ctx.departments.get(id.as_str()) {
                        holdings.funding[d].0 += amount;
                        holdings.funding[d].1 += 1;
                    }
                }
            }
        }
        holdings
    }
}

/// The parts of every department, one `##` section each.
pub(super) fn parts(ctx: &Ctx, doc: &mut Doc, holdings: &Holdings, link: &Link) {
    for position in 0..ctx.ws.departments.len() {
        part(ctx, doc, position, holdings, link);
    }
}

/// Where a responsibility's section is, as a link target: `#anchor` in the one-file charter,
/// `file.md#anchor` in a split one.
pub(super) struct Link<'p> {
    /// Per responsibility position: its anchor.
    pub(super) anchors: &'p [String],
    /// In a split charter, the files the sections are in.
    pub(super) files: Option<&'p Files>,
}

impl Link<'_> {
    fn push(&self, out: &mut String, index: usize) {
        if let Some(files) = self.files {
            let group = files.group_of.get(index).map_or(0, |&g| g as usize);
            out.push_str(files.groups.get(group).map_or("", String::as_str));
        }
        out.push('#');
        out.push_str(self.anchors.get(index).map_or("", String::as_str));
    }
}

/// Appends a link to the section of the responsibility at `index`, labelled with its name.
pub(super) fn push_link(ctx: &Ctx, out: &mut String, index: usize, link: &Link) {
    let r = &ctx.ws.responsibilities[index];
    out.push('[');
    push_label(out, &r.name, &r.id);
    out.push_str("](");
    link.push(out, index);
    out.push(')');
}

/// The part of the department at `position`.
pub(super) fn part(ctx: &Ctx, doc: &mut Doc, position: usize, holdings: &Holdings, link: &Link) {
    let ws = ctx.ws;
    let model = &ws.model;
    let d = &ws.departments[position];
    doc.heading(2, &part_title(&ctx.department_labels[position]));
    doc.block(lead_and_signature(ctx, position));
    let held = &holdings.roles[position];
    if held.is_empty() {
        doc.block("Holds no role in any responsibility yet.");
    } else {
        // Per role, in model order: the responsibilities it is held in.
        let mut by_role: Vec<Vec<u32>> = vec![Vec::new(); model.len()];
        for &(index, role) in held {
            if let Some(list) = by_role.get_mut(usize::from(role)) {
                list.push(index);
            }
        }
        let out = doc.open();
        for (n, role) in model.roles().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            let list = &by_role[n];
            out.push_str("- **");
            push_inline(out, model.label(role));
            out.push_str("** (");
            push_inline(out, model.meaning(role));
            out.push_str("): ");
            if list.is_empty() {
                out.push_str("none");
                continue;
            }
            out.push_str(&list.len().to_string());
            out.push_str(" — ");
            for (k, &index) in list.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                push_link(ctx, out, index as usize, link);
            }
        }
    }
    doc.block(funding_line(ctx, holdings, position));
    claims(ctx, doc, position, &d.id, holdings, link);
}

fn lead_and_signature(ctx: &Ctx, position: usize) -> String {
    let d = &ctx.ws.departments[position];
    let lead = field(d.lead.as_deref()).unwrap_or_else(|| "_none named_".to_owned());
    let state = ctx.parts().state(ctx.ws, position);
    let signed = d.signed.as_ref().map(|s| {
        format!(
            "by {} on {}",
            super::escape_inline(&s.by),
            super::escape_inline(&s.date)
        )
    });
    let status = match (state, signed) {
        (SignState::Unsigned, _) | (_, None) => "not signed".to_owned(),
        (SignState::Stale, Some(by)) => format!("**signed before the last change** ({by})"),
        (SignState::Current, Some(by)) => format!("signed {by}"),
        (SignState::Unchecked, Some(by)) => {
            format!("signed {by} (not checked: no fingerprint)")
        }
    };
    format!("**Lead:** {lead}. **Sign-off:** {status}.")
}

fn funding_line(ctx: &Ctx, holdings: &Holdings, position: usize) -> String {
    let (amount, funded) = holdings.funding[position];
    if funded == 0 {
        return "**Funding:** funds no responsibility.".to_owned();
    }
    let mut line = String::from("**Funding:** ");
    ctx.push_money(&mut line, amount);
    line.push_str(" to ");
    line.push_str(&count(funded, "responsibility", "responsibilities"));
    if holdings.total_funding > 0.0 {
        // Shares in thousandths, so small shares still show.
        let share = percent(
            (amount * 1000.0) as usize,
            (holdings.total_funding * 1000.0) as usize,
        );
        line.push_str(&format!(", {share}% of all funding ("));
        ctx.push_money(&mut line, holdings.total_funding);
        line.push(')');
    }
    line.push('.');
    line
}

fn claims(ctx: &Ctx, doc: &mut Doc, position: usize, id: &str, h: &Holdings, link: &Link) {
    let list = &h.claims[position];
    if list.is_empty() {
        return;
    }
    doc.block("**Claims:**");
    let out = doc.open();
    for (n, &index) in list.iter().enumerate() {
        let r = &ctx.ws.responsibilities[index as usize];
        for (k, claim) in r.claims.of(id).iter().enumerate() {
            if n > 0 || k > 0 {
                out.push('\n');
            }
            claim_line(ctx, out, index as usize, claim, link);
        }
    }
}

/// One claim of a department's part: the responsibility (and the role claimed), the reason and
/// the outcome.
fn claim_line(ctx: &Ctx, out: &mut String, index: usize, claim: &Claim, link: &Link) {
    out.push_str("- ");
    push_link(ctx, out, index, link);
    push_claim(ctx, out, claim);
}
