//! The charter's version: a short fingerprint of everything the workspace says that the charter
//! shows, printed among its facts and beside each signature, so a printed page can be told to
//! belong to one version. Signatures are left out: signing does not change what is signed.

use crate::signoff::hash_responsibility;
use crate::workspace::Workspace;

/// How many hexadecimal digits the version has.
pub(crate) const DIGITS: usize = 10;

/// The version of the charter of `ws`: [`DIGITS`] lowercase hexadecimal digits.
pub(crate) fn version(ws: &Workspace) -> String {
    let mut h = Fnv::default();
    let info = &ws.info;
    h.text(&info.name);
    for field in [
        &info.organization,
        &info.facilitator,
        &info.purpose,
        &info.currency,
        &info.date,
        &info.review_by,
    ] {
        h.option(field.as_deref());
    }
    h.text(ws.model.name());
    for role in ws.model.roles() {
        h.text(ws.model.key(role));
        h.text(ws.model.label(role));
    }
    let rules = &ws.rules;
    h.u64(rules.max_accountable.map_or(u64::MAX, u64::from));
    for rule in &rules.disable {
        h.text(rule);
    }
    for (rule, severity) in &rules.severity {
        h.text(rule);
        h.text(severity.as_str());
    }
    h.u64(ws.departments.len() as u64);
    for d in &ws.departments {
        h.text(&d.id);
        h.text(&d.name);
        h.option(d.lead.as_deref());
    }
    h.u64(ws.responsibilities.len() as u64);
    for r in &ws.responsibilities {
        h.u64(hash_responsibility(&ws.model, r));
    }
    h.u64(ws.decisions.len() as u64);
    for d in &ws.decisions {
        h.text(&d.date);
        h.option(d.responsibility.as_deref());
        h.text(&d.text);
    }
    h.u64(ws.conflicts.len() as u64);
    let full = format!("{:016x}", h.0);
    full[..DIGITS].to_owned()
}

/// FNV-1a, 64 bits: stable across builds and platforms.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn u64(&mut self, n: u64) {
        self.bytes(&n.to_le_bytes());
    }

    /// Length-prefixed, so `("ab", "c")` and `("a", "bc")` differ.
    fn text(&mut self, text: &str) {
        self.u64(text.len() as u64);
        self.bytes(text.as_bytes());
    }

    fn option(&mut self, text: Option<&str>) {
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
    use crate::charter::tests::sample;
    use crate::workspace::Signature;

    #[test]
    fn any_change_but_a_signature_gives_another_version() {
        let ws = sample();
        let v = version(&ws);
        assert_eq!(v.len(), DIGITS);
        assert!(
            v.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(v, version(&ws.clone()), "deterministic");
        let mut signed = ws.clone();
        signed.departments[0].signed = Some(Signature {
            by: "Ann".into(),
            date: "2024-05-01".into(),
            part: None,
            open: None,
        });
        assert_eq!(version(&signed), v, "signing changes nothing signed");
        let mut edits: Vec<Workspace> = Vec::new();
        let mut e = ws.clone();
        e.info.review_by = Some("2027-01-01".into());
        edits.push(e);
        let mut e = ws.clone();
        e.responsibilities[0].budget = Some(1.0);
        edits.push(e);
        let mut e = ws.clone();
        e.departments[1].lead = Some("Someone else".into());
        edits.push(e);
        let mut e = ws.clone();
        e.decisions[0].text.push('!');
        edits.push(e);
        let mut e = ws.clone();
        e.responsibilities.swap(0, 1);
        edits.push(e);
        for edited in edits {
            assert_ne!(version(&edited), v);
        }
    }
}
