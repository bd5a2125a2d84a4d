//! The fields of workspace items by name, for the three-way merge and for resolving merge
//! conflicts: read a field as a [`FieldValue`], list an item's fields, set one field.
//!
//! Role lists are not fields here: the merge treats them as sets, and they never conflict.

use super::conflict::FieldValue;
use super::model::{
    Claim, Decision, Department, MAX_AMOUNT, Responsibility, RuleSettings, Severity, WorkspaceInfo,
    parse_claim_field,
};

/// Named fields of an item, each read and written as a [`FieldValue`].
pub trait Fields {
    /// The names of the fields this item has a value for (or may have), such as
    /// `tie_breaker` or `funding.pr`.
    fn field_names(&self) -> Vec<String>;
    /// The value of `name`; `None` when absent (or unknown).
    fn field(&self, name: &str) -> Option<FieldValue>;
    /// Sets `name` to `value` (`None` removes it), or says why it cannot.
    fn set_field(&mut self, name: &str, value: Option<FieldValue>) -> Result<(), String>;
}

const INFO_FIELDS: [&str; 7] = [
    "name",
    "organization",
    "facilitator",
    "purpose",
    "currency",
    "date",
    "review_by",
];
const DEPARTMENT_FIELDS: [&str; 3] = ["name", "lead", "signed"];
const RESPONSIBILITY_FIELDS: [&str; 7] = [
    "name",
    "description",
    "area",
    "tie_breaker",
    "budget",
    "notes",
    "parked",
];
const DECISION_FIELDS: [&str; 4] = ["date", "responsibility", "department", "text"];

fn text(value: Option<&String>) -> Option<FieldValue> {
    value.map(|t| FieldValue::Text(t.clone()))
}

fn want_text(name: &str, value: Option<FieldValue>) -> Result<Option<String>, String> {
    match value {
        None => Ok(None),
        Some(FieldValue::Text(t)) => Ok(Some(t)),
        Some(other) => Err(format!("`{name}` must be text, found {other}")),
    }
}

fn want_required(name: &str, value: Option<FieldValue>) -> Result<String, String> {
    want_text(name, value)?
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| format!("`{name}` is required and must not be empty"))
}

fn want_date(name: &str, value: Option<FieldValue>) -> Result<Option<String>, String> {
    let date = want_text(name, value)?;
    match &date {
        Some(d) if !super::load::is_valid_date(d) => {
            Err(format!("`{name}` must be a date written YYYY-MM-DD"))
        }
        _ => Ok(date),
    }
}

fn want_amount(name: &str, value: Option<FieldValue>) -> Result<Option<f64>, String> {
    match value {
        None => Ok(None),
        Some(FieldValue::Number(n)) if n.is_finite() && (0.0..=MAX_AMOUNT).contains(&n) => {
            Ok(Some(n))
        }
        Some(other) => Err(format!(
            "`{name}` must be an amount from 0 to {MAX_AMOUNT:e}, found {other}"
        )),
    }
}

fn unknown(name: &str) -> String {
    format!("unknown field `{name}`")
}

/// The workspace-level fields: `[workspace]` facts and `[rules]` settings (`rules.…`).
pub struct WorkspaceFields<'a> {
    pub info: &'a mut WorkspaceInfo,
    pub rules: &'a mut RuleSettings,
}

/// Reads the workspace-level field `name`.
pub fn workspace_field(
    info: &WorkspaceInfo,
    rules: &RuleSettings,
    name: &str,
) -> Option<FieldValue> {
    match name {
        "name" => Some(FieldValue::Text(info.name.clone())),
        "organization" => text(info.organization.as_ref()),
        "facilitator" => text(info.facilitator.as_ref()),
        "purpose" => text(info.purpose.as_ref()),
        "currency" => text(info.currency.as_ref()),
        "date" => text(info.date.as_ref()),
        "review_by" => text(info.review_by.as_ref()),
        "rules.max_accountable" => rules.max_accountable.map(|n| FieldValue::Number(n.into())),
        _ => {
            let rule = name.strip_prefix("rules.severity.")?;
            rules
                .severity
                .get(rule)
                .map(|s| FieldValue::Text(s.as_str().to_owned()))
        }
    }
}

/// The names of the workspace-level fields of `rules` and the `[workspace]` table.
pub fn workspace_field_names(rules: &RuleSettings) -> Vec<String> {
    let mut names: Vec<String> = INFO_FIELDS.iter().map(|s| (*s).to_owned()).collect();
    names.push("rules.max_accountable".into());
    names.extend(rules.severity.keys().map(|k| format!("rules.severity.{k}")));
    names
}

impl WorkspaceFields<'_> {
    /// Sets the workspace-level field `name`.
    pub fn set(&mut self, name: &str, value: Option<FieldValue>) -> Result<(), String> {
        let info = &mut *self.info;
        match name {
            "name" => info.name = want_required(name, value)?,
            "organization" => info.organization = want_text(name, value)?,
            "facilitator" => info.facilitator = want_text(name, value)?,
            "purpose" => info.purpose = want_text(name, value)?,
            "currency" => info.currency = want_text(name, value)?,
            "date" => info.date = want_date(name, value)?,
            "review_by" => info.review_by = want_date(name, value)?,
            "rules.max_accountable" => {
                self.rules.max_accountable = match value {
                    None => None,
                    Some(FieldValue::Number(n))
                        if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) =>
                    {
                        Some(n as u32)
                    }
                    Some(other) => {
                        return Err(format!("`{name}` must be a whole number, found {other}"));
                    }
                }
            }
            _ => {
                let rule = name
                    .strip_prefix("rules.severity.")
                    .filter(|r| crate::rules::RuleId::parse(r).is_some())
                    .ok_or_else(|| unknown(name))?;
                match want_text(name, value)? {
                    None => {
                        self.rules.severity.remove(rule);
                    }
                    Some(word) => {
                        let severity = Severity::parse(&word).ok_or_else(|| {
                            format!("`{name}` must be \"error\", \"warning\" or \"info\"")
                        })?;
                        self.rules.severity.insert(rule.to_owned(), severity);
                    }
                }
            }
        }
        Ok(())
    }
}

impl Fields for Department {
    fn field_names(&self) -> Vec<String> {
        DEPARTMENT_FIELDS.iter().map(|s| (*s).to_owned()).collect()
    }

    fn field(&self, name: &str) -> Option<FieldValue> {
        match name {
            "name" => Some(FieldValue::Text(self.name.clone())),
            "lead" => text(self.lead.as_ref()),
            "signed" => self.signed.clone().map(FieldValue::Signature),
            _ => None,
        }
    }

    fn set_field(&mut self, name: &str, value: Option<FieldValue>) -> Result<(), String> {
        match name {
            "name" => self.name = want_required(name, value)?,
            "lead" => self.lead = want_text(name, value)?,
            "signed" => {
                self.signed = match value {
                    None => None,
                    Some(FieldValue::Signature(s)) => Some(s),
                    Some(other) => {
                        return Err(format!("`signed` must be a signature, found {other}"));
                    }
                }
            }
            _ => return Err(unknown(name)),
        }
        Ok(())
    }
}

impl Fields for Responsibility {
    fn field_names(&self) -> Vec<String> {
        let mut names: Vec<String> = RESPONSIBILITY_FIELDS
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        names.extend(self.funding.keys().map(|d| format!("funding.{d}")));
        names.extend(self.claims.field_names());
        names
    }

    fn field(&self, name: &str) -> Option<FieldValue> {
        match name {
            "name" => Some(FieldValue::Text(self.name.clone())),
            "description" => text(self.description.as_ref()),
            "area" => text(self.area.as_ref()),
            "tie_breaker" => text(self.tie_breaker.as_ref()),
            "budget" => self.budget.map(FieldValue::Number),
            "notes" => text(self.notes.as_ref()),
            "parked" => text(self.parked.as_ref()),
            _ => {
                if let Some(d) = name.strip_prefix("funding.") {
                    self.funding.get(d).map(|a| FieldValue::Number(*a))
                } else {
                    let (d, role) = parse_claim_field(name)?;
                    self.claims.get(d, role).cloned().map(FieldValue::Claim)
                }
            }
        }
    }

    fn set_field(&mut self, name: &str, value: Option<FieldValue>) -> Result<(), String> {
        match name {
            "name" => self.name = want_required(name, value)?,
            "description" => self.description = want_text(name, value)?,
            "area" => self.area = want_text(name, value)?,
            "tie_breaker" => self.tie_breaker = want_text(name, value)?,
            "budget" => self.budget = want_amount(name, value)?,
            "notes" => self.notes = want_text(name, value)?,
            "parked" => self.parked = want_text(name, value)?,
            _ => {
                if let Some(d) = name.strip_prefix("funding.") {
                    match want_amount(name, value)? {
                        Some(a) => self.funding.insert(d.to_owned(), a),
                        None => self.funding.remove(d),
                    };
                } else if let Some((d, role)) = parse_claim_field(name) {
                    let claim = match value {
                        None => {
                            self.claims.remove(d, role);
                            return Ok(());
                        }
                        Some(FieldValue::Claim(c)) => c,
                        // A bare reason is an open claim, as in the `claims` table.
                        Some(FieldValue::Text(reason)) => Claim::for_role(role, reason),
                        Some(other) => {
                            return Err(format!("`{name}` must be a claim, found {other}"));
                        }
                    };
                    if claim.role.as_deref() != role {
                        return Err(format!(
                            "`{name}` must hold a claim on {}, found one on {}",
                            role.unwrap_or("no particular role"),
                            claim.role.as_deref().unwrap_or("no particular role")
                        ));
                    }
                    self.claims.insert(d.to_owned(), claim);
                } else {
                    return Err(unknown(name));
                }
            }
        }
        Ok(())
    }
}

impl Fields for Decision {
    fn field_names(&self) -> Vec<String> {
        DECISION_FIELDS.iter().map(|s| (*s).to_owned()).collect()
    }

    fn field(&self, name: &str) -> Option<FieldValue> {
        match name {
            "date" => Some(FieldValue::Text(self.date.clone())),
            "responsibility" => text(self.responsibility.as_ref()),
            "department" => text(self.department.as_ref()),
            "text" => Some(FieldValue::Text(self.text.clone())),
            _ => None,
        }
    }

    fn set_field(&mut self, name: &str, value: Option<FieldValue>) -> Result<(), String> {
        match name {
            "date" => {
                self.date = want_date(name, value)?.ok_or("a decision needs a date")?;
            }
            "responsibility" => self.responsibility = want_text(name, value)?,
            "department" => self.department = want_text(name, value)?,
            "text" => self.text = want_required(name, value)?,
            _ => return Err(unknown(name)),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_field_reads_and_writes_back() {
        let mut r = Responsibility {
            id: "r".into(),
            name: "R".into(),
            budget: Some(10.0),
            parked: Some(String::new()),
            ..Responsibility::default()
        };
        r.funding.insert("pr".into(), 5.0);
        r.claims.insert("it".into(), "Ours.".into());
        let before = r.clone();
        for name in r.field_names() {
            let value = r.field(&name);
            r.set_field(&name, value).expect("same value fits");
        }
        assert_eq!(r, before);
        r.set_field("funding.pr", None).expect("removable");
        assert!(r.funding.is_empty());
        assert!(r.set_field("name", None).is_err());
        assert!(
            r.set_field("budget", Some(FieldValue::Number(-1.0)))
                .is_err()
        );
        assert!(r.set_field("nope", None).is_err());
    }

    #[test]
    fn workspace_fields_include_rules() {
        let mut info = WorkspaceInfo::default();
        let mut rules = RuleSettings::default();
        let mut fields = WorkspaceFields {
            info: &mut info,
            rules: &mut rules,
        };
        fields
            .set(
                "rules.severity.silo",
                Some(FieldValue::Text("error".into())),
            )
            .expect("a rule");
        fields
            .set("rules.max_accountable", Some(FieldValue::Number(4.0)))
            .expect("a count");
        assert!(fields.set("rules.severity.nope", None).is_err());
        assert_eq!(
            workspace_field(&info, &rules, "rules.severity.silo"),
            Some(FieldValue::Text("error".into()))
        );
        assert!(workspace_field_names(&rules).contains(&"rules.severity.silo".to_owned()));
    }
}
