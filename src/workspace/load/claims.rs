//! Reading a responsibility's `claims`: per department one claim (its reason, or a table with
//! the role asked for and the outcome) or a list of them, at most one per role.

use std::fmt;

use toml::Spanned;
use toml::de::DeValue;

use super::refs::Ids;
use super::values::did_you_mean;
use super::{CLAIM_KEYS, Fields, Reader, kind};
use crate::workspace::model::{Claim, ClaimStatus, Claims, RoleModel};

impl Reader {
    /// The `claims` of a responsibility, each role checked against `model`.
    pub(super) fn claims(
        &mut self,
        f: &Fields<'_, '_>,
        departments: &Ids<'_>,
        model: &RoleModel,
    ) -> Claims {
        let map = self.department_map(f, "claims", departments, |reader, what, value| {
            reader.department_claims(what, value, model)
        });
        let mut claims = Claims::new();
        for (department, list) in map {
            claims.set_department(department, list);
        }
        claims
    }

    /// One department's claims: a claim, or a list of claims on different roles.
    fn department_claims(
        &mut self,
        what: &dyn fmt::Display,
        value: &Spanned<DeValue<'_>>,
        model: &RoleModel,
    ) -> Option<Vec<Claim>> {
        let DeValue::Array(items) = value.get_ref() else {
            return self.claim(what, value, Some(model)).map(|c| vec![c]);
        };
        if items.is_empty() {
            self.error(
                value.span(),
                format!("{what} is an empty list: give the department's claims, or leave it out"),
            );
            return None;
        }
        let mut out: Vec<Claim> = Vec::with_capacity(items.len());
        for item in items.iter() {
            let Some(claim) = self.claim(what, item, Some(model)) else {
                continue;
            };
            if out.iter().any(|c| c.role == claim.role) {
                let role = claim
                    .role
                    .as_deref()
                    .map_or_else(|| "no particular role".to_owned(), |r| format!("`{r}`"));
                self.error(
                    item.span(),
                    format!(
                        "{what} holds two claims on {role}: a department claims each role once; merge their reasons or name another role"
                    ),
                );
                continue;
            }
            out.push(claim);
        }
        (!out.is_empty()).then_some(out)
    }

    /// A claim: its reason as a string, or a table with the role asked for, the reason and the
    /// outcome. The role is checked against `model` when there is one.
    pub(super) fn claim(
        &mut self,
        what: &dyn fmt::Display,
        value: &Spanned<DeValue<'_>>,
        model: Option<&RoleModel>,
    ) -> Option<Claim> {
        match value.get_ref() {
            DeValue::String(s) => Some(Claim::open(s.to_string())),
            DeValue::Table(table) => {
                let c = self.fields(table, value.span(), CLAIM_KEYS, what.to_string());
                // A reason may be empty (as a bare claim may), but it must be there.
                if c.get("reason").is_none() {
                    self.error(c.span.clone(), format!("missing `reason` in {what}"));
                }
                let role = self.optional_string(&c, "role");
                if let (Some(role), Some(model), Some(v)) = (&role, model, c.get("role"))
                    && model.by_key(role).is_none()
                {
                    let keys: Vec<&str> = model.keys().collect();
                    let hint = did_you_mean(role, &keys);
                    self.error(
                        v.span(),
                        format!(
                            "unknown role `{role}` in {what}; {hint}the workspace's roles are: {}",
                            keys.join(", ")
                        ),
                    );
                    return None;
                }
                let reason = self.optional_string(&c, "reason").unwrap_or_default();
                let status = match c.get("status") {
                    None => ClaimStatus::Open,
                    Some(v) => match v.get_ref() {
                        DeValue::String(word) => ClaimStatus::parse(word).unwrap_or_else(|| {
                            self.error(
                                v.span(),
                                format!(
                                    "`status` of {what} must be \"open\", \"accepted\" or \"declined\", found \"{word}\""
                                ),
                            );
                            ClaimStatus::Open
                        }),
                        other => {
                            self.error(
                                v.span(),
                                format!("`status` of {what} must be a string, found {}", kind(other)),
                            );
                            ClaimStatus::Open
                        }
                    },
                };
                Some(Claim {
                    role,
                    reason,
                    status,
                    answer: self.optional_string(&c, "answer"),
                    date: self.optional_date(&c, "date"),
                    raised_by: self.optional_string(&c, "raised_by"),
                })
            }
            other => {
                self.error(
                    value.span(),
                    format!(
                        "{what} must be a string (the reason), a table such as {{ role = \"accountable\", reason = \"...\" }}, or a list of such tables (one per role), found {}",
                        kind(other)
                    ),
                );
                None
            }
        }
    }
}
