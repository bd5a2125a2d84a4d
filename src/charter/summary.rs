//! The `## Summary` section: the charter at a glance, short enough for one printed page however
//! large the workspace (lists of names are cut short and point to the section that has them all).

use std::fmt::Write as _;

use crate::analysis::RuleId;
use crate::signoff::SignState;
use crate::workspace::{Meaning, Severity};

use super::departments::{Link, push_link};
use super::{Ctx, Doc, Thousands, count, field};

/// Most hot potatoes named in the summary; the rest are counted.
pub(super) const MOST_NAMED: usize = 10;

/// The numbers the summary tells, computed in one pass over the responsibilities.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Figures {
    /// How many responsibilities there are.
    pub(crate) responsibilities: usize,
    /// Responsibilities with no error or warning about them.
    pub(crate) settled: usize,
    /// Responsibilities with at least one error about them.
    pub(crate) with_errors: usize,
    /// Responsibilities with warnings but no error about them.
    pub(crate) with_warnings: usize,
    /// Responsibilities parked for later.
    pub(crate) parked: usize,
    /// Positions of the responsibilities the analysis calls hot potatoes, in file order.
    pub(crate) hot_potatoes: Vec<usize>,
    /// Responsibilities that two or more departments own (answer for, decide or do).
    pub(crate) co_owned: usize,
    /// Departments whose signature is current (or unchecked: signed by hand).
    pub(crate) signed: usize,
    /// Departments that signed before the last change to their part.
    pub(crate) stale: usize,
    /// How many departments there are.
    pub(crate) departments: usize,
}

impl Figures {
    /// The figures of the charter of `ctx`.
    pub(super) fn new(ctx: &Ctx) -> Self {
        let ws = ctx.ws;
        let count = ws.responsibilities.len();
        let mut fresh = None;
        let tally = ctx.tally_or(&mut fresh);
        let model = &ws.model;
        let owning = model.with(Meaning::Answers).0
            | model.with(Meaning::Decides).0
            | model.with(Meaning::Does).0;
        let mut figures = Figures {
            responsibilities: count,
            departments: ws.departments.len(),
            ..Figures::default()
        };
        for (index, r) in ws.responsibilities.iter().enumerate() {
            let mut worst = None;
            for &f in ctx.findings_about(index) {
                let f = &ctx.analysis.findings[f as usize];
                worst = worst.max(Some(f.severity));
                if f.rule == RuleId::HotPotato && figures.hot_potatoes.last() != Some(&index) {
                    figures.hot_potatoes.push(index);
                }
            }
            match worst {
                Some(Severity::Error) => figures.with_errors += 1,
                Some(Severity::Warning) => figures.with_warnings += 1,
                _ => figures.settled += 1,
            }
            figures.parked += usize::from(r.parked.is_some());
            // Entries come in model order, so the owning ones are read without a lookup.
            let mut first: Option<u32> = None;
            let shared = tally.entries(index).iter().any(|&(department, role)| {
                if owning & (1 << role) == 0 {
                    return false;
                }
                match first {
                    Some(d) => d != department,
                    None => {
                        first = Some(department);
                        false
                    }
                }
            });
            figures.co_owned += usize::from(shared);
        }
        let parts = ctx.parts();
        for i in 0..ws.departments.len() {
            match parts.state(ws, i) {
                SignState::Current | SignState::Unchecked => figures.signed += 1,
                SignState::Stale => figures.stale += 1,
                SignState::Unsigned => {}
            }
        }
        figures
    }

    /// How many responsibilities are still open (an error or a warning about them).
    pub(crate) fn open(&self) -> usize {
        self.with_errors + self.with_warnings
    }
}

/// `part` of `whole` as a whole percentage, rounded down but never to 0 for a part above 0.
pub(super) fn percent(part: usize, whole: usize) -> usize {
    if whole == 0 {
        return 0;
    }
    let share = part * 100 / whole;
    if share == 0 && part > 0 { 1 } else { share }
}

/// The section, from `figures` (see [`Figures::new`]); `findings` is where the open findings
/// section is, as a link target (`#open-findings`).
pub(super) fn section(ctx: &Ctx, doc: &mut Doc, figures: &Figures, link: &Link, findings: &str) {
    let ws = ctx.ws;
    doc.heading(2, "Summary");
    let mut items: Vec<String> = Vec::with_capacity(8);
    items.push(responsibilities_line(figures));
    let summary = ctx.analysis.summary();
    items.push(if ctx.analysis.findings.is_empty() {
        "**Open findings:** none.".to_owned()
    } else {
        format!(
            "**Open findings:** {}, {}, {} (see [Open findings]({findings})).",
            count(summary.errors, "error", "errors"),
            count(summary.warnings, "warning", "warnings"),
            count(summary.info, "info", "info"),
        )
    });
    items.push(hot_potatoes_line(
        ctx,
        &figures.hot_potatoes,
        link,
        findings,
    ));
    items.push(co_owned_line(ctx, figures));
    items.push(signed_line(figures));
    if let Some(date) = field(ws.info.date.as_deref()) {
        items.push(format!("**Workshop held:** {date}."));
    }
    if let Some(date) = field(ws.info.review_by.as_deref()) {
        let due = ctx
            .analysis
            .findings
            .iter()
            .any(|f| f.rule == RuleId::ReviewDue);
        items.push(if due {
            format!("**Review by:** {date}: **the charter is due for review**.")
        } else {
            format!("**Review by:** {date}.")
        });
    }
    doc.list(items);
}

fn responsibilities_line(f: &Figures) -> String {
    if f.responsibilities == 0 {
        return "**Responsibilities:** none mapped yet.".to_owned();
    }
    let mut line = format!(
        "**Responsibilities:** {} in all: {} settled, {} open",
        Thousands(f.responsibilities),
        Thousands(f.settled),
        Thousands(f.open())
    );
    if f.open() > 0 {
        let _ = write!(
            line,
            " ({} with errors, {} with warnings only)",
            Thousands(f.with_errors),
            Thousands(f.with_warnings)
        );
    }
    if f.parked > 0 {
        let _ = write!(line, "; {} parked for later", Thousands(f.parked));
    }
    line.push('.');
    line
}

fn hot_potatoes_line(ctx: &Ctx, hot: &[usize], link: &Link, findings: &str) -> String {
    let mut line = String::from("**Hot potatoes still open:** ");
    if hot.is_empty() {
        line.push_str("none.");
        return line;
    }
    for (n, &index) in hot.iter().take(MOST_NAMED).enumerate() {
        if n > 0 {
            line.push_str(", ");
        }
        push_link(ctx, &mut line, index, link);
    }
    if hot.len() > MOST_NAMED {
        let _ = write!(
            line,
            " and {} more (see [Open findings]({findings}))",
            Thousands(hot.len() - MOST_NAMED)
        );
    }
    line.push('.');
    line
}

fn co_owned_line(ctx: &Ctx, f: &Figures) -> String {
    let model = &ctx.ws.model;
    let owning: Vec<String> = model
        .roles()
        .filter(|&role| {
            [Meaning::Answers, Meaning::Decides, Meaning::Does]
                .into_iter()
                .any(|meaning| model.role_means(role, meaning))
        })
        .map(|role| super::escape_inline(model.label(role)))
        .collect();
    let roles = match owning.as_slice() {
        [] => String::new(),
        [one] => format!(" as {one}"),
        [init @ .., last] => format!(" among {} and {last}", init.join(", ")),
    };
    format!(
        "**Co-owned:** {} of {} ({}%) have two or more departments{roles}.",
        Thousands(f.co_owned),
        count(f.responsibilities, "responsibility", "responsibilities"),
        percent(f.co_owned, f.responsibilities),
    )
}

fn signed_line(f: &Figures) -> String {
    if f.departments == 0 {
        return "**Signed:** no departments to sign yet.".to_owned();
    }
    let mut line = format!(
        "**Signed:** {} of {}",
        Thousands(f.signed),
        count(f.departments, "department", "departments")
    );
    if f.stale > 0 {
        let _ = write!(
            line,
            "; {} signed before the last change",
            Thousands(f.stale)
        );
    }
    line.push('.');
    line
}
