//! The workspace data model: departments, responsibilities, their roles and the decision log.
//!
//! These types know nothing of files or terminals. They serialize with serde in the same shape as
//! the TOML format (version 1), so a schema can be generated from them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use super::claim::{
    Claim, ClaimStatus, Claims, ClaimsIter, DepartmentClaims, claim_field, field_department,
    parse_claim_field,
};
pub use super::conflict::{Conflict, ConflictTarget, FieldValue, Side};
pub use super::roles::{
    FIXED_KEYS, MAX_ROLES, Meaning, Meanings, ModelKind, ModelProblem, Role, RoleDef, RoleModel,
    RoleSet,
};
pub use crate::rules::Severity;

/// The workspace file format version this build reads and writes.
pub const FORMAT_VERSION: i64 = 1;

/// A money amount (budget or funding share), always finite, non-negative and at most
/// [`MAX_AMOUNT`] once validated.
pub type Amount = f64;

/// The largest amount a workspace may hold (a thousand trillion), so sums stay exact and finite.
pub const MAX_AMOUNT: Amount = 1e15;

/// A whole shared-ownership map: who does, decides, answers, is consulted and informed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Workspace {
    /// The `[workspace]` table: name, organization and other descriptive fields.
    #[serde(rename = "workspace")]
    pub info: WorkspaceInfo,
    /// The `[rules]` table: thresholds and per-rule settings.
    #[serde(default)]
    pub rules: RuleSettings,
    /// The `[[department]]` tables, in file order.
    #[serde(rename = "department", default)]
    pub departments: Vec<Department>,
    /// The `[[responsibility]]` tables, in file order.
    #[serde(rename = "responsibility", default)]
    pub responsibilities: Vec<Responsibility>,
    /// The `[[decision]]` tables: the workshop's decision log, oldest first.
    #[serde(rename = "decision", default)]
    pub decisions: Vec<Decision>,
    /// The `[[conflict]]` tables: fields a merge found changed two ways, not yet resolved.
    #[serde(rename = "conflict", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<super::conflict::ConflictTable>")]
    pub conflicts: Vec<Conflict>,
    /// The `[[waiver]]` tables: findings accepted on purpose.
    #[serde(rename = "waiver", default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<super::Waiver>,
    /// The role model (`[workspace] model`, and `[[role]]` tables for a custom one): RACI
    /// unless the file names another. Built once when the file is read.
    #[serde(skip)]
    #[schemars(skip)]
    pub model: RoleModel,
}

/// Descriptive fields of a workspace.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct WorkspaceInfo {
    /// The charter's title.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilitator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Currency code shown next to budgets, such as `EUR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The day of the workshop session, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The day by which the charter is to be reviewed, `YYYY-MM-DD`; after it, `check` reports
    /// `review-due`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<String>,
}

/// The `[rules]` table: how the conflict analysis is tuned.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RuleSettings {
    /// Most responsibilities one department may be accountable for before `overload` fires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_accountable: Option<u32>,
    /// Rule ids turned off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disable: Vec<String>,
    /// Severity overrides by rule id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Severity>,
}

/// A department (or business unit) that can hold roles.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Department {
    /// Stable identifier: `[a-z0-9][a-z0-9_-]*`.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub id: String,
    /// Display name.
    pub name: String,
    /// The person who signs the charter for this department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The department's signature on the charter, if its lead signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<Signature>,
}

/// A department lead's sign-off: who signed, when, and a fingerprint of the department's part
/// of the charter at that moment (see [`crate::signoff`]), so a later change marks it stale.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Signature {
    /// Who signed.
    pub by: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Fingerprint of the department's part when it signed; absent in hand-written signatures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// What was still open when it was signed, in words (`2 warnings and 1 parked item`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<String>,
}

/// One social-media responsibility and who holds which role for it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Responsibility {
    /// Stable identifier: `[a-z0-9][a-z0-9_-]*`.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub id: String,
    /// Display name.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Optional grouping, such as "Risk".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// The departments of the model's first role (RACI's `accountable`). The role lists are
    /// kept by position in the workspace's model: these four fields hold its first four roles,
    /// [`Responsibility::more`] any further ones; read them with [`Responsibility::role`].
    #[serde(default)]
    pub accountable: Vec<String>,
    /// The departments of the model's second role (RACI's `responsible`).
    #[serde(default)]
    pub responsible: Vec<String>,
    /// The departments of the model's third role (RACI's `consulted`).
    #[serde(default)]
    pub consulted: Vec<String>,
    /// The departments of the model's fourth role (RACI's `informed`).
    #[serde(default)]
    pub informed: Vec<String>,
    /// The role lists past the fourth, for models with more roles.
    #[serde(skip)]
    #[schemars(skip)]
    pub more: MoreRoles,
    /// How co-owners settle a disagreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie_breaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Amount>,
    /// Department id to the amount it contributes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub funding: BTreeMap<String, Amount>,
    /// Department id to its claims on this responsibility (one per role it asks for: the
    /// reason and, once settled, the outcome).
    #[serde(default, skip_serializing_if = "Claims::is_empty")]
    #[schemars(with = "BTreeMap<String, DepartmentClaims>")]
    pub claims: Claims,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Set aside for later: `Some(note)` (the note may be empty) while parked. In the file,
    /// `parked = true` or `parked = "the note"`.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "parked_repr")]
    #[schemars(with = "Option<parked_repr::Repr>")]
    pub parked: Option<String>,
}

/// The role lists past a model's fourth role, by position; trailing empty lists are no
/// different from absent ones.
#[derive(Debug, Clone, Default)]
pub struct MoreRoles(pub Vec<Vec<String>>);

impl PartialEq for MoreRoles {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.0, &other.0);
        let n = a.len().max(b.len());
        (0..n).all(|i| {
            let empty = Vec::new();
            a.get(i).unwrap_or(&empty) == b.get(i).unwrap_or(&empty)
        })
    }
}

/// `parked = true` or `parked = "note"` in the file; `Some(note)` in the model.
mod parked_repr {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// `true` (parked without a note) or the note.
    #[derive(Serialize, Deserialize, schemars::JsonSchema)]
    #[serde(untagged)]
    pub(super) enum Repr {
        Flag(bool),
        Note(String),
    }

    pub fn serialize<S: Serializer>(value: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        match value.as_deref() {
            None => Repr::Flag(false).serialize(s),
            Some("") => Repr::Flag(true).serialize(s),
            Some(note) => Repr::Note(note.to_owned()).serialize(s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(match Repr::deserialize(d)? {
            Repr::Flag(false) => None,
            Repr::Flag(true) => Some(String::new()),
            Repr::Note(note) => Some(note),
        })
    }
}

impl Responsibility {
    /// The departments holding `role`.
    pub fn role(&self, role: Role) -> &[String] {
        match role.index() {
            0 => &self.accountable,
            1 => &self.responsible,
            2 => &self.consulted,
            3 => &self.informed,
            n => self.more.0.get(n - 4).map_or(&[], Vec::as_slice),
        }
    }

    /// The departments holding `role`, for changing.
    pub fn role_mut(&mut self, role: Role) -> &mut Vec<String> {
        match role.index() {
            0 => &mut self.accountable,
            1 => &mut self.responsible,
            2 => &mut self.consulted,
            3 => &mut self.informed,
            n => {
                let extra = &mut self.more.0;
                if extra.len() <= n - 4 {
                    extra.resize_with(n - 3, Vec::new);
                }
                &mut extra[n - 4]
            }
        }
    }

    /// Every role list held, by position (lists past the model's roles are empty).
    pub fn role_lists(&self) -> impl Iterator<Item = (Role, &[String])> {
        let four = [
            &self.accountable,
            &self.responsible,
            &self.consulted,
            &self.informed,
        ];
        four.into_iter()
            .chain(self.more.0.iter())
            .enumerate()
            .map(|(i, list)| (Role::at(i), list.as_slice()))
    }

    /// Whether `department` holds `role`.
    pub fn has(&self, role: Role, department: &str) -> bool {
        self.role(role).iter().any(|d| d == department)
    }

    /// The roles `department` holds, in model order.
    pub fn roles_of<'a>(&'a self, department: &'a str) -> impl Iterator<Item = Role> + 'a {
        self.role_lists()
            .filter(move |(_, list)| list.iter().any(|d| d == department))
            .map(|(role, _)| role)
    }

    /// Whether `department` holds any role.
    pub fn involves(&self, department: &str) -> bool {
        self.roles_of(department).next().is_some()
    }

    /// Whether any department holds a role that carries `meaning` in `model`.
    pub fn anyone(&self, model: &RoleModel, meaning: Meaning) -> bool {
        model
            .with(meaning)
            .iter()
            .any(|role| !self.role(role).is_empty())
    }

    /// The departments holding a role that carries `meaning` in `model`, each once, in model
    /// order of the roles.
    pub fn holders(&self, model: &RoleModel, meaning: Meaning) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for role in model.with(meaning).iter() {
            for d in self.role(role) {
                if !out.contains(&d.as_str()) {
                    out.push(d);
                }
            }
        }
        out
    }

    /// Sum of all funding shares.
    pub fn funded(&self) -> Amount {
        self.funding.values().sum()
    }

    /// Whether the responsibility is parked for later.
    pub fn is_parked(&self) -> bool {
        self.parked.is_some()
    }

    /// The open claims, by department id.
    pub fn open_claims(&self) -> impl Iterator<Item = (&String, &Claim)> {
        self.claims.iter().filter(|(_, c)| c.is_open())
    }

    /// The tie-breaker, if it says anything.
    pub fn tie_breaker_text(&self) -> Option<&str> {
        self.tie_breaker
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }
}

/// An entry of the workshop's decision log.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Decision {
    /// Stable id, so branches can be merged entry by entry; derived from the date and text
    /// when the file has none (see [`super::derived_decision_id`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The responsibility the decision is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibility: Option<String>,
    /// The department the decision is about, if any (neither: the charter as a whole).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// What was decided.
    pub text: String,
}

impl Workspace {
    /// The department with this id.
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    /// The position of the department with this id.
    pub fn department_index(&self, id: &str) -> Option<usize> {
        self.departments.iter().position(|d| d.id == id)
    }

    /// The position of every department by id, for lookups in loops over many items.
    pub fn department_positions(&self) -> rustc_hash::FxHashMap<&str, usize> {
        self.departments
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect()
    }

    /// The display name of a department id, falling back to the id itself.
    pub fn department_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.department(id).map_or(id, |d| d.name.as_str())
    }

    /// The responsibility with this id.
    pub fn responsibility(&self, id: &str) -> Option<&Responsibility> {
        self.responsibilities.iter().find(|r| r.id == id)
    }

    /// The position of the responsibility with this id.
    pub fn responsibility_index(&self, id: &str) -> Option<usize> {
        self.responsibilities.iter().position(|r| r.id == id)
    }

    /// Decisions about one responsibility, oldest first.
    pub fn decisions_about<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Decision> + 'a {
        self.decisions
            .iter()
            .filter(move |d| d.responsibility.as_deref() == Some(id))
    }

    /// A fresh id based on `base` that no department uses yet.
    pub fn unused_department_id(&self, base: &str) -> String {
        unused_id(base, |id| self.department(id).is_some())
    }

    /// A fresh id based on `base` that no responsibility uses yet.
    pub fn unused_responsibility_id(&self, base: &str) -> String {
        unused_id(base, |id| self.responsibility(id).is_some())
    }
}

/// Whether `id` follows the id rule `[a-z0-9][a-z0-9_-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Turns a display name into a valid id (`"PR / Comms"` -> `"pr-comms"`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "item".into() } else { out }
}

fn unused_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = slug(base);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}

/// Formats an amount without a needless fraction: `12000`, `99.5`.
pub fn format_amount(amount: Amount) -> String {
    if amount.fract() == 0.0 && amount.abs() < 1e15 {
        // Whole amounts print as integers (exact below 1e15, and far cheaper than float formatting).
        format!("{}", amount as i64)
    } else {
        format!("{amount}")
    }
}

/// An amount as people read it: digits grouped by three with commas, then the currency when
/// there is one (`5,000 EUR`, `1,234.5`).
pub fn format_money(amount: Amount, currency: Option<&str>) -> String {
    let plain = format_amount(amount);
    let (whole, fraction) = plain
        .split_once('.')
        .map_or((plain.as_str(), None), |(w, f)| (w, Some(f)));
    let (sign, digits) = whole.strip_prefix('-').map_or(("", whole), |d| ("-", d));
    let mut grouped = String::with_capacity(plain.len() + digits.len() / 3 + 8);
    grouped.push_str(sign);
    let group = digits.bytes().all(|b| b.is_ascii_digit());
    for (i, c) in digits.chars().enumerate() {
        if group && i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if let Some(fraction) = fraction {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    match currency {
        Some(currency) if !currency.is_empty() => format!("{grouped} {currency}"),
        _ => grouped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands_and_names_the_currency() {
        assert_eq!(format_money(5000.0, Some("EUR")), "5,000 EUR");
        assert_eq!(format_money(1234.5, None), "1,234.5");
        assert_eq!(format_money(-1_234_567.0, Some("")), "-1,234,567");
        assert_eq!(format_money(999.0, Some("CHF")), "999 CHF");
    }

    #[test]
    fn ids_follow_the_rule() {
        assert!(is_valid_id("pr"));
        assert!(is_valid_id("9to5_team-b"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("-pr"));
        assert!(!is_valid_id("PR"));
        assert!(!is_valid_id("p r"));
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("PR / Communications"), "pr-communications");
        assert_eq!(slug("  !! "), "item");
        assert!(is_valid_id(&slug("Ünïcode Team 2")));
    }

    #[test]
    fn amounts_print_without_needless_fraction() {
        assert_eq!(format_amount(12000.0), "12000");
        assert_eq!(format_amount(99.5), "99.5");
    }
}
