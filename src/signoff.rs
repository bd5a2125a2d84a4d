//! Department sign-off: each lead signs its department's part of the charter, and a later change
//! to that part makes the signature stale.
//!
//! A department's *part* is every responsibility in which it holds a role. Signing records a
//! fingerprint of the part; the signature stays current while the fingerprint matches. The
//! fingerprint is a sum of per-responsibility hashes, so it does not depend on the order of the
//! file and can be brought up to date for one changed responsibility without a full pass.

use crate::workspace::{Responsibility, RoleModel, Signature, Workspace};

/// Where a department's signature stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignState {
    /// Nobody signed for the department.
    Unsigned,
    /// Signed, and its part has not changed since.
    Current,
    /// Signed, but its part changed afterwards ("signed before the last change").
    Stale,
    /// Signed by hand in the file, without a fingerprint: whether it is current is unknown.
    Unchecked,
}

impl SignState {
    /// A short description for screens and the charter.
    pub fn describe(self) -> &'static str {
        match self {
            SignState::Unsigned => "not signed",
            SignState::Current => "signed",
            SignState::Stale => "signed before the last change",
            SignState::Unchecked => "signed (not checked: no fingerprint)",
        }
    }
}

/// The fingerprints of every department's part, kept up to date incrementally.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts {
    /// Per responsibility: its hash and the positions of the departments involved in it.
    items: Vec<(u64, Vec<usize>)>,
    /// Per department position: the sum of the hashes of its responsibilities.
    sums: Vec<u64>,
}

impl Parts {
    /// Fingerprints every department's part of `ws`.
    pub fn new(ws: &Workspace) -> Self {
        let positions = ws.department_positions();
        let mut parts = Parts {
            items: Vec::with_capacity(ws.responsibilities.len()),
            sums: vec![0; ws.departments.len()],
        };
        for r in &ws.responsibilities {
            let item = (hash_responsibility(&ws.model, r), involved(r, &positions));
            parts.add(&item);
            parts.items.push(item);
        }
        parts
    }

    /// Brings the fingerprints up to date after the responsibility at `index` changed in place
    /// (and nothing else did).
    pub fn update(&mut self, ws: &Workspace, index: usize) {
        let (Some(r), true) = (
            ws.responsibilities.get(index),
            index < self.items.len() && self.sums.len() == ws.departments.len(),
        ) else {
            *self = Parts::new(ws);
            return;
        };
        let item = (
            hash_responsibility(&ws.model, r),
            involved(r, &ws.department_positions()),
        );
        let old = std::mem::replace(&mut self.items[index], item.clone());
        for &d in &old.1 {
            self.sums[d] = self.sums[d].wrapping_sub(old.0);
        }
        self.add(&item);
    }

    fn add(&mut self, (hash, departments): &(u64, Vec<usize>)) {
        for &d in departments {
            self.sums[d] = self.sums[d].wrapping_add(*hash);
        }
    }

    /// The fingerprint of the part of the department at `index`, as written in the file.
    pub fn fingerprint(&self, index: usize) -> Option<String> {
        self.sums.get(index).map(|sum| format!("{sum:016x}"))
    }

    /// Where the signature of the department at `index` stands.
    pub fn state(&self, ws: &Workspace, index: usize) -> SignState {
        let Some(department) = ws.departments.get(index) else {
            return SignState::Unsigned;
        };
        match &department.signed {
            None => SignState::Unsigned,
            Some(Signature { part: None, .. }) => SignState::Unchecked,
            Some(Signature {
                part: Some(part), ..
            }) if Some(part.as_str()) == self.fingerprint(index).as_deref() => SignState::Current,
            Some(_) => SignState::Stale,
        }
    }
}

/// What is still open in the charter when a lead signs: the findings that count (errors and
/// warnings, not waived ones) and the parked items. Said before signing, and kept with the
/// signature in words, so the charter notes what was open at that moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpenItems {
    pub errors: usize,
    pub warnings: usize,
    pub parked: usize,
}

impl OpenItems {
    /// What is open in `ws`, whose analysis is `analysis`.
    pub fn of(ws: &Workspace, analysis: &crate::analysis::Analysis) -> Self {
        let summary = analysis.summary();
        OpenItems {
            errors: summary.errors,
            warnings: summary.warnings,
            parked: ws.responsibilities.iter().filter(|r| r.is_parked()).count(),
        }
    }

    /// Whether nothing is open.
    pub fn is_empty(&self) -> bool {
        *self == OpenItems::default()
    }

    /// Each count that is not zero, with its noun: `2 warnings`, `1 parked item`.
    fn parts(&self) -> Vec<String> {
        let counted = |n: usize, one: &str, many: &str| {
            (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
        };
        [
            counted(self.errors, "error", "errors"),
            counted(self.warnings, "warning", "warnings"),
            counted(self.parked, "parked item", "parked items"),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The counts as a list: `2 warnings, 1 parked item` (empty when nothing is open).
    pub fn list(&self) -> String {
        self.parts().join(", ")
    }

    /// The counts as words in a sentence: `1 error, 2 warnings and 1 parked item`, or `None`
    /// when nothing is open. This is what a signature keeps.
    pub fn words(&self) -> Option<String> {
        let mut parts = self.parts();
        let last = parts.pop()?;
        Some(if parts.is_empty() {
            last
        } else {
            format!("{} and {last}", parts.join(", "))
        })
    }
}

/// What is open in `ws`, by name, worst first: `hot potato: "Crisis response"`,
/// `overload: Marketing`, `parked: "Influencer relations"`; at most `most` of them, then
/// `and 3 more`. What a lead is told before signing with items open.
pub fn open_names(
    ws: &Workspace,
    analysis: &crate::analysis::Analysis,
    most: usize,
) -> Vec<String> {
    use crate::rules::Severity;
    let responsibility_name = |id: &str| {
        ws.responsibility(id)
            .map_or_else(|| id.to_owned(), |r| format!("\"{}\"", r.name))
    };
    let finding_name = |f: &crate::analysis::Finding| {
        let what = match (&f.responsibility, &f.department) {
            (Some(r), Some(d)) => {
                format!("{} of {}", responsibility_name(r), ws.department_name(d))
            }
            (Some(r), None) => responsibility_name(r),
            (None, Some(d)) => ws.department_name(d).to_owned(),
            (None, None) => "the charter".to_owned(),
        };
        format!("{}: {what}", f.rule.info().label)
    };
    // Only the first `most` are named (a name looks its item up); the rest are only counted.
    let findings = analysis
        .findings
        .iter()
        .filter(|f| f.waived.is_none() && f.severity != Severity::Info);
    let parked = ws.responsibilities.iter().filter(|r| r.is_parked());
    let mut named: Vec<String> = findings.clone().take(most).map(finding_name).collect();
    let parked_room = most - named.len();
    named.extend(
        parked
            .clone()
            .take(parked_room)
            .map(|r| format!("parked: \"{}\"", r.name)),
    );
    let more = findings.count().saturating_sub(most) + parked.count().saturating_sub(parked_room);
    if more > 0 {
        named.push(format!("and {more} more"));
    }
    named
}

/// The fingerprint of `department`'s part of `ws`, computed afresh.
pub fn fingerprint(ws: &Workspace, department: &str) -> String {
    let sum = ws
        .responsibilities
        .iter()
        .filter(|r| r.involves(department))
        .fold(0u64, |sum, r| {
            sum.wrapping_add(hash_responsibility(&ws.model, r))
        });
    format!("{sum:016x}")
}

fn involved(r: &Responsibility, positions: &rustc_hash::FxHashMap<&str, usize>) -> Vec<usize> {
    let mut out: Vec<usize> = r
        .role_lists()
        .flat_map(|(_, list)| list)
        .filter_map(|id| positions.get(id.as_str()).copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A stable 64-bit hash (FNV-1a) of everything a responsibility says.
pub(crate) fn hash_responsibility(model: &RoleModel, r: &Responsibility) -> u64 {
    let mut h = Fnv::default();
    h.text(&r.id);
    h.text(&r.name);
    h.option(r.description.as_deref());
    h.option(r.area.as_deref());
    for role in model.roles() {
        h.text(model.key(role));
        for d in r.role(role) {
            h.text(d);
        }
    }
    h.option(r.tie_breaker.as_deref());
    h.u64(r.budget.map_or(u64::MAX, f64::to_bits));
    for (d, amount) in &r.funding {
        h.text(d);
        h.u64(amount.to_bits());
    }
    for (d, claim) in &r.claims {
        h.text(d);
        // Only a claim that names a role adds it, so older parts hash as they did.
        if let Some(role) = &claim.role {
            h.text(role);
        }
        h.text(&claim.reason);
        h.text(claim.status.as_str());
        h.option(claim.answer.as_deref());
    }
    h.option(r.notes.as_deref());
    h.option(r.parked.as_deref());
    h.0
}

/// FNV-1a, 64 bits: stable across builds and platforms. The sign-off fingerprints and the
/// charter's version ([`crate::charter`]) are both made with it; its values must never change,
/// or every signature goes stale.
pub(crate) struct Fnv(pub(crate) u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// A number, as its 8 little-endian bytes.
    pub(crate) fn u64(&mut self, n: u64) {
        self.bytes(&n.to_le_bytes());
    }

    /// Length-prefixed, so `("ab", "c")` and `("a", "bc")` differ.
    pub(crate) fn text(&mut self, text: &str) {
        self.u64(text.len() as u64);
        self.bytes(text.as_bytes());
    }

    /// `0`, or `1` and the text.
    pub(crate) fn option(&mut self, text: Option<&str>) {
        match text {
            Some(t) => {
                self.bytes(&[1]);
                self.text(t);
            }
            None => self.bytes(&[0]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::parse;

    #[test]
    fn open_items_are_named_worst_first_and_cut_with_a_count() {
        let ws = sample();
        let analysis = crate::analysis::analyze(&ws);
        let open = OpenItems::of(&ws, &analysis);
        let total = open.errors + open.warnings + open.parked;
        assert!(total > 3, "the sample has more than three open items");
        let named = open_names(&ws, &analysis, 3);
        assert_eq!(named.len(), 4, "{named:?}");
        assert_eq!(named[3], format!("and {} more", total - 3));
        let first = analysis.findings.first().expect("a finding");
        assert!(
            named[0].starts_with(&format!("{}: ", first.rule.info().label)),
            "{named:?}"
        );
        let everything = open_names(&ws, &analysis, usize::MAX);
        assert_eq!(everything.len(), total, "{everything:?}");
    }

    #[test]
    fn open_items_are_counted_and_said_in_words() {
        let ws = sample();
        let open = OpenItems::of(&ws, &crate::analysis::analyze(&ws));
        let summary = crate::analysis::analyze(&ws).summary();
        assert_eq!(
            (open.errors, open.warnings),
            (summary.errors, summary.warnings)
        );
        let two = OpenItems {
            errors: 0,
            warnings: 2,
            parked: 1,
        };
        assert_eq!(two.list(), "2 warnings, 1 parked item");
        assert_eq!(two.words().as_deref(), Some("2 warnings and 1 parked item"));
        let all = OpenItems {
            errors: 1,
            warnings: 1,
            parked: 3,
        };
        assert_eq!(
            all.words().as_deref(),
            Some("1 error, 1 warning and 3 parked items")
        );
        assert!(OpenItems::default().is_empty());
        assert_eq!(OpenItems::default().words(), None);
    }

    fn sample() -> Workspace {
        parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace
    }

    #[test]
    fn fingerprints_ignore_order_and_follow_changes() {
        let ws = sample();
        let parts = Parts::new(&ws);
        let legal = ws.department_index("legal").expect("legal");
        assert_eq!(
            parts.fingerprint(legal),
            Some(fingerprint(&ws, "legal")),
            "incremental and fresh agree"
        );
        let mut reordered = ws.clone();
        reordered.responsibilities.reverse();
        assert_eq!(fingerprint(&reordered, "legal"), fingerprint(&ws, "legal"));

        let mut changed = ws.clone();
        let crisis = changed
            .responsibility_index("crisis-response")
            .expect("crisis");
        changed.responsibilities[crisis].tie_breaker = Some("The CEO decides.".into());
        assert_ne!(fingerprint(&changed, "legal"), fingerprint(&ws, "legal"));
        assert!(!ws.responsibilities[crisis].involves("sales"));
        assert_eq!(fingerprint(&changed, "sales"), fingerprint(&ws, "sales"));
    }

    #[test]
    fn incremental_update_equals_a_fresh_pass() {
        let ws = sample();
        let mut parts = Parts::new(&ws);
        let mut changed = ws.clone();
        let r = &mut changed.responsibilities[2];
        r.accountable.push("legal".into());
        r.informed.clear();
        parts.update(&changed, 2);
        assert_eq!(parts, Parts::new(&changed));
    }

    #[test]
    fn a_signature_goes_stale_when_its_part_changes() {
        let mut ws = sample();
        let legal = ws.department_index("legal").expect("legal");
        ws.departments[legal].signed = Some(Signature {
            by: "Carla Jensen".into(),
            date: "2026-11-24".into(),
            part: Some(fingerprint(&ws, "legal")),
            open: None,
        });
        assert_eq!(Parts::new(&ws).state(&ws, legal), SignState::Current);
        let crisis = ws.responsibility_index("crisis-response").expect("crisis");
        ws.responsibilities[crisis].consulted.push("sales".into());
        assert_eq!(Parts::new(&ws).state(&ws, legal), SignState::Stale);
        // Losing its last role in a responsibility changes the part too.
        let mut ws2 = sample();
        let part = fingerprint(&ws2, "legal");
        let records = ws2
            .responsibility_index("compliance-records")
            .expect("records");
        ws2.responsibilities[records].accountable.clear();
        assert_ne!(fingerprint(&ws2, "legal"), part);
        ws2.departments[legal].signed = Some(Signature {
            by: "x".into(),
            date: "2026-11-24".into(),
            part: None,
            open: None,
        });
        assert_eq!(Parts::new(&ws2).state(&ws2, legal), SignState::Unchecked);
    }
}
