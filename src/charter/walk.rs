//! The one pass over the responsibilities, in file order: each one's subsection (into the text
//! of its area), its matrix row and its rows of the findings table. A large workspace is so read
//! once and sequentially, however its areas interleave, and the sections after the areas read
//! only what this pass leaves.

use std::hash::BuildHasher as _;

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use super::context::{Ctx, positions_by_id};
use super::escape::push_inline;
use super::matrix::Rows;
use super::responsibility::subsection;
use super::{Doc, findings};

/// What the pass leaves for the sections after the areas.
pub(super) struct Walked {
    /// The matrix rows of each group of responsibilities, in the charter's order.
    pub(super) rows: Vec<Rows>,
    /// The findings table's rows about responsibilities, one text per severity (worst first),
    /// when the pass could write them (see [`findings::in_walk`]).
    pub(super) finding_rows: Option<[String; 3]>,
    /// Whether no two responsibilities share an id.
    pub(super) distinct_ids: bool,
    /// The positions of the parked responsibilities.
    pub(super) parked: Vec<usize>,
    /// Per entry of [`Ctx::decision_groups`]: the position of the (last) responsibility with
    /// its id, if any.
    pub(super) decided: Vec<Option<usize>>,
}

/// The responsibilities of one area (or of none): their subsections and matrix rows.
struct Group<'a> {
    area: Option<&'a str>,
    /// The subsections; those of the first area go straight into the document instead.
    doc: Doc,
    rows: Rows,
}

impl<'a> Group<'a> {
    /// An empty group: its texts grow as it does (a workspace may have an area per
    /// responsibility).
    fn new(area: Option<&'a str>) -> Self {
        Group {
            area,
            doc: Doc::default(),
            rows: Rows::default(),
        }
    }
}

/// One `##` section per area, areas in order of first appearance, then the responsibilities
/// without one; within each, the responsibilities in file order.
pub(super) fn sections(ctx: &Ctx, doc: &mut Doc) -> Walked {
    let ws = ctx.ws;
    let count = ws.responsibilities.len();
    let mut fresh = None;
    let tally = ctx.tally_or(&mut fresh);
    let mut finding_rows = findings::in_walk(ctx).then(|| findings::texts(ctx));
    let mut groups: Vec<Group> = Vec::new();
    let mut others: Option<Group> = None;
    let mut areas: FxHashMap<&str, usize> = FxHashMap::default();
    // Ids are told apart by hash first (a small table); only a repeated hash needs the ids.
    let mut hashes = FxHashSet::with_capacity_and_hasher(count, FxBuildHasher);
    let mut repeated_hash = false;
    let mut parked = Vec::new();
    let mut decided = vec![None; ctx.decision_groups.len()];
    for (index, r) in ws.responsibilities.iter().enumerate() {
        repeated_hash |= !hashes.insert(FxBuildHasher.hash_one(r.id.as_str()));
        if r.parked.is_some() {
            parked.push(index);
        }
        let decisions = match ctx.decisions_about(&r.id) {
            Some((group, decisions)) => {
                decided[group as usize] = Some(index);
                decisions
            }
            None => &[],
        };
        let area = r.area.as_deref().map(str::trim).filter(|a| !a.is_empty());
        let group = area.map(|area| match areas.get(area) {
            Some(&group) => group,
            None => {
                if groups.is_empty() {
                    heading(doc, Some(area), true);
                }
                areas.insert(area, groups.len());
                groups.push(Group::new(Some(area)));
                groups.len() - 1
            }
        });
        let (target, rows) = match group {
            Some(0) => (&mut *doc, &mut groups[0].rows),
            Some(group) => {
                let group = &mut groups[group];
                (&mut group.doc, &mut group.rows)
            }
            None => {
                let group = others.get_or_insert_with(|| Group::new(None));
                (&mut group.doc, &mut group.rows)
            }
        };
        let label = subsection(ctx, target, index, decisions, &ctx.log_link);
        rows.push(&target.text[label], tally.entries(index));
        if let Some(texts) = &mut finding_rows {
            for &f in ctx.findings_about(index) {
                let f = &ctx.analysis.findings[f as usize];
                findings::row(ctx, &mut texts[findings::rank(f.severity)], f, Some(r));
            }
        }
    }
    drop(hashes);
    let distinct_ids = !repeated_hash || {
        let by_id = positions_by_id(ws);
        let distinct = by_id.len() == count;
        let _ = ctx.responsibilities.set(by_id);
        distinct
    };
    let any_area = !groups.is_empty();
    if !any_area && others.is_none() {
        doc.heading(2, "Responsibilities");
        doc.block("No responsibilities mapped yet.");
    }
    let mut rows = Vec::with_capacity(groups.len() + 1);
    for (n, group) in groups.into_iter().chain(others).enumerate() {
        if n > 0 || !any_area {
            heading(doc, group.area, any_area);
            doc.open().push_str(&group.doc.text);
        }
        rows.push(group.rows);
    }
    Walked {
        rows,
        finding_rows: finding_rows.filter(|_| distinct_ids),
        distinct_ids,
        parked,
        decided,
    }
}

/// The `##` heading of the group of `area`.
fn heading(doc: &mut Doc, area: Option<&str>, any_area: bool) {
    match area {
        Some(area) => {
            let out = doc.heading_start(2);
            out.push_str("Area: ");
            push_inline(out, area);
        }
        None if any_area => doc.heading(2, "Other responsibilities"),
        None => doc.heading(2, "Responsibilities"),
    }
}
