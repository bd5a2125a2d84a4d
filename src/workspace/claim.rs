//! A department's claim on a responsibility and, once the room settled it, its outcome.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::roles::RoleModel;

/// Where a department's claim on a responsibility stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    /// Not settled yet.
    #[default]
    Open,
    /// The claimant was given a role.
    Accepted,
    /// Turned down, with a reason.
    Declined,
}

impl ClaimStatus {
    /// Every status, in file order.
    pub const ALL: [ClaimStatus; 3] = [
        ClaimStatus::Open,
        ClaimStatus::Accepted,
        ClaimStatus::Declined,
    ];

    /// The word used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Open => "open",
            ClaimStatus::Accepted => "accepted",
            ClaimStatus::Declined => "declined",
        }
    }

    /// Parses the word used in files.
    pub fn parse(word: &str) -> Option<ClaimStatus> {
        ClaimStatus::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

impl fmt::Display for ClaimStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A department's claim on a responsibility ("we should own monitoring, because...") and, once
/// settled, its outcome. In the file an open claim for no particular role is just its reason
/// (`it = "We run the tools."`); any other is a table (`it = { role = "accountable", reason =
/// "...", status = "declined", answer = "...", date = "2026-11-24" }`), and a department with
/// claims on several roles lists them (`it = [{ role = "accountable", reason = "..." }, ...]`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(from = "ClaimRepr", into = "ClaimRepr")]
pub struct Claim {
    /// The role asked for (a key of the workspace's role model); `None` for "some role", as
    /// claims were before they named one.
    pub role: Option<String>,
    /// Why the department wants it.
    pub reason: String,
    pub status: ClaimStatus,
    /// The room's answer: why it was declined, or how it was accepted.
    pub answer: Option<String>,
    /// When it was settled, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Who raised it, when someone other than the department did (a remote participant, the
    /// facilitator): a field of its own, not words in the reason.
    pub raised_by: Option<String>,
}

impl Claim {
    /// An open claim with this reason, for no particular role.
    pub fn open(reason: impl Into<String>) -> Self {
        Claim {
            reason: reason.into(),
            ..Claim::default()
        }
    }

    /// An open claim on `role` (a role key; `None` for any role) with this reason.
    pub fn for_role(role: Option<&str>, reason: impl Into<String>) -> Self {
        Claim {
            role: role.map(str::to_owned),
            ..Claim::open(reason)
        }
    }

    /// The name of the role claimed, as `model` calls it (the key itself if the model has no
    /// such role); `None` for a claim on no particular role.
    pub fn role_label<'a>(&'a self, model: &'a RoleModel) -> Option<&'a str> {
        let key = self.role.as_deref()?;
        Some(model.by_key(key).map_or(key, |r| model.label(r)))
    }

    /// Whether the claim still waits for an answer.
    pub fn is_open(&self) -> bool {
        self.status == ClaimStatus::Open
    }

    /// Whether the file writes this claim as a bare reason string.
    pub fn is_bare(&self) -> bool {
        self.role.is_none()
            && self.is_open()
            && self.answer.is_none()
            && self.date.is_none()
            && self.raised_by.is_none()
    }
}

impl From<&str> for Claim {
    /// An open claim with this reason.
    fn from(reason: &str) -> Self {
        Claim::open(reason)
    }
}

/// The file shape of a [`Claim`]: a bare reason or a table.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
enum ClaimRepr {
    /// An open claim for no particular role: the department's reason.
    Reason(String),
    /// A claim naming its role, or with its outcome.
    Settled(SettledRepr),
}

/// A claim written as a table: `{ role = "accountable", reason = "...", status = "declined",
/// answer = "..." }`.
#[derive(Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct SettledRepr {
    /// The role asked for: a key of the workspace's role model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    reason: String,
    #[serde(default)]
    status: ClaimStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// Who raised the claim, when someone other than the department did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    raised_by: Option<String>,
}

impl From<ClaimRepr> for Claim {
    fn from(repr: ClaimRepr) -> Self {
        match repr {
            ClaimRepr::Reason(reason) => Claim::open(reason),
            ClaimRepr::Settled(SettledRepr {
                role,
                reason,
                status,
                answer,
                date,
                raised_by,
            }) => Claim {
                role,
                reason,
                status,
                answer,
                date,
                raised_by,
            },
        }
    }
}

impl From<Claim> for ClaimRepr {
    fn from(claim: Claim) -> Self {
        if claim.is_bare() {
            ClaimRepr::Reason(claim.reason)
        } else {
            ClaimRepr::Settled(SettledRepr {
                role: claim.role,
                reason: claim.reason,
                status: claim.status,
                answer: claim.answer,
                date: claim.date,
                raised_by: claim.raised_by,
            })
        }
    }
}

/// One department's claims on a responsibility, in file order, at most one per role (and one
/// for no particular role). Never empty inside [`Claims`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(from = "DepartmentClaimsRepr", into = "DepartmentClaimsRepr")]
pub struct DepartmentClaims(pub Vec<Claim>);

/// The file shape of a department's claims: one claim, or a list of them.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
enum DepartmentClaimsRepr {
    /// The department's only claim.
    One(Claim),
    /// Its claims on several roles.
    Several(Vec<Claim>),
}

impl From<DepartmentClaimsRepr> for DepartmentClaims {
    fn from(repr: DepartmentClaimsRepr) -> Self {
        match repr {
            DepartmentClaimsRepr::One(claim) => DepartmentClaims(vec![claim]),
            DepartmentClaimsRepr::Several(claims) => DepartmentClaims(claims),
        }
    }
}

impl From<DepartmentClaims> for DepartmentClaimsRepr {
    fn from(claims: DepartmentClaims) -> Self {
        let mut list = claims.0;
        if list.len() == 1 {
            DepartmentClaimsRepr::One(list.remove(0))
        } else {
            DepartmentClaimsRepr::Several(list)
        }
    }
}

/// The claims on a responsibility: per department id, its claims, at most one per role.
/// Iterating yields `(department, claim)` pairs in department order, then file order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Claims(BTreeMap<String, DepartmentClaims>);

impl Claims {
    /// No claims.
    pub fn new() -> Self {
        Claims::default()
    }

    /// Whether there are no claims.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many claims there are, over all departments.
    pub fn len(&self) -> usize {
        self.0.values().map(|c| c.0.len()).sum()
    }

    /// Every claim with its department, in department order, then file order.
    pub fn iter(&self) -> ClaimsIter<'_> {
        ClaimsIter {
            departments: self.0.iter(),
            current: None,
        }
    }

    /// The departments holding a claim, each once, in order.
    pub fn departments(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }

    /// Each department with its claims, in order.
    pub fn by_department(&self) -> impl Iterator<Item = (&String, &[Claim])> {
        self.0.iter().map(|(d, c)| (d, c.0.as_slice()))
    }

    /// Whether `department` holds any claim.
    pub fn contains_department(&self, department: &str) -> bool {
        self.0.contains_key(department)
    }

    /// The claims of `department`, in file order.
    pub fn of(&self, department: &str) -> &[Claim] {
        self.0.get(department).map_or(&[], |c| c.0.as_slice())
    }

    /// The claim of `department` on `role` (`None`: the claim for no particular role).
    pub fn get(&self, department: &str, role: Option<&str>) -> Option<&Claim> {
        self.of(department)
            .iter()
            .find(|c| c.role.as_deref() == role)
    }

    /// The claim of `department` on `role`, for changing (keep its role: it is the key).
    pub fn get_mut(&mut self, department: &str, role: Option<&str>) -> Option<&mut Claim> {
        (self.0.get_mut(department)?.0.iter_mut()).find(|c| c.role.as_deref() == role)
    }

    /// Records `claim` for `department`, replacing its claim on the same role (returned).
    pub fn insert(&mut self, department: String, claim: Claim) -> Option<Claim> {
        let list = &mut self.0.entry(department).or_default().0;
        match list.iter_mut().find(|c| c.role == claim.role) {
            Some(old) => Some(std::mem::replace(old, claim)),
            None => {
                list.push(claim);
                None
            }
        }
    }

    /// Removes the claim of `department` on `role`.
    pub fn remove(&mut self, department: &str, role: Option<&str>) -> Option<Claim> {
        let list = &mut self.0.get_mut(department)?.0;
        let at = list.iter().position(|c| c.role.as_deref() == role)?;
        let claim = list.remove(at);
        if list.is_empty() {
            self.0.remove(department);
        }
        Some(claim)
    }

    /// Removes every claim.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Removes every claim of `department`.
    pub fn remove_department(&mut self, department: &str) -> Vec<Claim> {
        self.0.remove(department).map(|c| c.0).unwrap_or_default()
    }

    /// Sets the claims of `department` (in this order); an empty list removes them.
    pub fn set_department(&mut self, department: impl Into<String>, claims: Vec<Claim>) {
        let department = department.into();
        if claims.is_empty() {
            self.0.remove(&department);
        } else {
            self.0.insert(department, DepartmentClaims(claims));
        }
    }

    /// Each department's claims, as the file keys them.
    pub fn as_map(&self) -> &BTreeMap<String, DepartmentClaims> {
        &self.0
    }

    /// Keeps only the departments for which `keep` holds.
    pub fn retain_departments(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.0.retain(|d, _| keep(d));
    }

    /// The field names of the claims (see [`claim_field`]), in iteration order.
    pub fn field_names(&self) -> impl Iterator<Item = String> + '_ {
        self.iter().map(|(d, c)| claim_field(d, c.role.as_deref()))
    }
}

/// The claims of a [`Claims`] with their departments (see [`Claims::iter`]).
pub struct ClaimsIter<'a> {
    departments: std::collections::btree_map::Iter<'a, String, DepartmentClaims>,
    current: Option<(&'a String, std::slice::Iter<'a, Claim>)>,
}

impl<'a> Iterator for ClaimsIter<'a> {
    type Item = (&'a String, &'a Claim);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((department, claims)) = &mut self.current
                && let Some(claim) = claims.next()
            {
                return Some((*department, claim));
            }
            let (department, claims) = self.departments.next()?;
            self.current = Some((department, claims.0.iter()));
        }
    }
}

impl<'a> IntoIterator for &'a Claims {
    type Item = (&'a String, &'a Claim);
    type IntoIter = ClaimsIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The field name of a claim, as conflicts and merges name it: `claims.it` for the claim of
/// `it` on no particular role, `claims.it.accountable` for its claim on `accountable`.
pub fn claim_field(department: &str, role: Option<&str>) -> String {
    match role {
        None => format!("claims.{department}"),
        Some(role) => format!("claims.{department}.{role}"),
    }
}

/// The department and role of a claim's field name (`claims.it.accountable`), if it is one.
pub fn parse_claim_field(field: &str) -> Option<(&str, Option<&str>)> {
    let rest = field.strip_prefix("claims.")?;
    Some(match rest.split_once('.') {
        Some((department, role)) => (department, Some(role)),
        None => (rest, None),
    })
}

/// The department a field names: `funding.pr`, `claims.it`, `claims.it.accountable`.
pub fn field_department(field: &str) -> Option<&str> {
    field
        .strip_prefix("funding.")
        .or_else(|| parse_claim_field(field).map(|(d, _)| d))
}
