//! The charter's version: a short fingerprint of everything the workspace says that the charter
//! shows, printed among its facts and beside each signature, so a printed page can be told to
//! belong to one version. Signatures are left out: signing does not change what is signed.

use crate::signoff::{Fnv, hash_responsibility};
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

#[cfg(test)]
mod pinned {
    use crate::signoff::fingerprint;
    use crate::workspace::parse;

    /// The sample's version and fingerprints, as main computed them before the charter's
    /// version and the sign-off shared one hasher: a change here makes every signature stale.
    #[test]
    fn the_samples_version_and_fingerprints_keep_their_values() {
        let ws = parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace;
        assert_eq!(super::version(&ws), "2927c1a0ec");
        let got: Vec<(&str, String)> = (ws.departments.iter())
            .map(|d| (d.id.as_str(), fingerprint(&ws, &d.id)))
            .collect();
        let want = [
            ("marketing", "113f94192ec9a347"),
            ("it", "cd96cfc1f14e7c2e"),
            ("legal", "56a7721f6b873a9c"),
            ("pr", "3f7286d08e0176a5"),
            ("hr", "1f95fe62f3faa58f"),
            ("care", "42fbd551526c20ec"),
            ("sales", "eb10970b16d1b48f"),
            ("exec", "15932531df7568d8"),
        ]
        .map(|(id, f)| (id, f.to_owned()));
        assert_eq!(got, want);
    }
}
