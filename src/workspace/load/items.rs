//! Reading the tables of a workspace: `[workspace]`, `[rules]`, departments, responsibilities
//! (with their claims) and decisions.

use std::ops::Range;

use rustc_hash::FxHashSet;

use toml::de::{DeTable, DeValue};

use super::{
    DECISION_KEYS, DEPARTMENT_KEYS, Fields, INFO_KEYS, Ids, RESPONSIBILITY_KEYS, RULES_KEYS,
    Reader, SIGNED_KEYS, describe, integer, is_valid_date, kind,
};
use crate::rules::RuleId;
use crate::workspace::model::{
    Decision, Department, Responsibility, RoleModel, RuleSettings, Severity, Signature,
    WorkspaceInfo,
};

impl Reader {
    /// A date written `"YYYY-MM-DD"` (or as a TOML date), checked against the calendar.
    pub(super) fn optional_date(&mut self, f: &Fields<'_, '_>, key: &str) -> Option<String> {
        let v = f.get(key)?;
        let text = match v.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Datetime(d) => d.to_string(),
            other => {
                self.error(
                    v.span(),
                    format!(
                        "`{key}` in {} must be a date written \"YYYY-MM-DD\", found {}",
                        f.what,
                        kind(other)
                    ),
                );
                return None;
            }
        };
        if !is_valid_date(&text) {
            self.error(
                v.span(),
                format!(
                    "`{key}` in {} must be a calendar date written YYYY-MM-DD, found \"{text}\"",
                    f.what
                ),
            );
        }
        Some(text)
    }

    pub(super) fn info(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
    ) -> (WorkspaceInfo, super::model::ModelName) {
        let f = self.fields(table, span, INFO_KEYS, "`[workspace]`");
        let model = self.model_name(&f);
        let info = WorkspaceInfo {
            name: self.required_string(&f, "name"),
            organization: self.optional_string(&f, "organization"),
            facilitator: self.optional_string(&f, "facilitator"),
            purpose: self.optional_string(&f, "purpose"),
            currency: self.optional_string(&f, "currency"),
            date: self.optional_date(&f, "date"),
            review_by: self.optional_date(&f, "review_by"),
        };
        (info, model)
    }

    pub(super) fn rules(&mut self, table: &DeTable<'_>, span: Range<usize>) -> RuleSettings {
        let f = self.fields(table, span, RULES_KEYS, "`[rules]`");
        let mut rules = RuleSettings::default();
        if let Some(v) = f.get("max_accountable") {
            match v.get_ref() {
                DeValue::Integer(i) => match integer(i).map(u32::try_from) {
                    Some(Ok(n)) => rules.max_accountable = Some(n),
                    Some(Err(_)) | None if !i.as_str().starts_with('-') => self.error(
                        v.span(),
                        format!("`max_accountable` is too large: at most {}", u32::MAX),
                    ),
                    _ => self.error(
                        v.span(),
                        "`max_accountable` must be a whole number of at least 0",
                    ),
                },
                other => self.error(
                    v.span(),
                    format!(
                        "`max_accountable` must be a whole number, found {}",
                        kind(other)
                    ),
                ),
            }
        }
        let known_rules = || {
            RuleId::ALL
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (id, span) in self.string_list(&f, "disable") {
            if RuleId::parse(id).is_none() {
                self.error(
                    span,
                    format!(
                        "unknown rule `{id}` in `disable`; known rules: {}",
                        known_rules()
                    ),
                );
            } else if rules.disable.iter().any(|d| d == id) {
                self.error(span, format!("rule `{id}` is listed twice in `disable`"));
            } else {
                rules.disable.push(id.to_owned());
            }
        }
        if let Some(v) = f.get("severity") {
            match v.get_ref() {
                DeValue::Table(t) => {
                    for (key, value) in t.iter() {
                        let id = key.get_ref().as_ref();
                        if RuleId::parse(id).is_none() {
                            self.error(
                                key.span(),
                                format!(
                                    "unknown rule `{id}` in `severity`; known rules: {}",
                                    known_rules()
                                ),
                            );
                            continue;
                        }
                        match value.get_ref() {
                            DeValue::String(s) => match Severity::parse(s) {
                                Some(sev) => {
                                    rules.severity.insert(id.to_owned(), sev);
                                }
                                None => self.error(
                                    value.span(),
                                    format!("severity of `{id}` must be \"error\", \"warning\" or \"info\", found \"{s}\""),
                                ),
                            },
                            other => self.error(
                                value.span(),
                                format!("severity of `{id}` must be \"error\", \"warning\" or \"info\", found {}", kind(other)),
                            ),
                        }
                    }
                }
                other => self.error(
                    v.span(),
                    format!(
                        "`severity` must be a table such as {{ silo = \"error\" }}, found {}",
                        kind(other)
                    ),
                ),
            }
        }
        rules
    }

    pub(super) fn department(&mut self, table: &DeTable<'_>, span: Range<usize>) -> Department {
        let what = describe("department", table);
        let f = self.fields(table, span, DEPARTMENT_KEYS, what);
        Department {
            id: self.id(&f),
            name: self.required_string(&f, "name"),
            lead: self.optional_string(&f, "lead"),
            signed: self.signature(&f, "signed"),
        }
    }

    /// `signed = { by = "...", date = "YYYY-MM-DD", part = "..." }` of a department.
    pub(super) fn signature(&mut self, f: &Fields<'_, '_>, key: &str) -> Option<Signature> {
        let v = f.get(key)?;
        let DeValue::Table(table) = v.get_ref() else {
            self.error(
                v.span(),
                format!(
                    "`{key}` in {} must be a table such as {{ by = \"Ana Ruiz\", date = \"2026-11-24\" }}, found {}",
                    f.what,
                    kind(v.get_ref())
                ),
            );
            return None;
        };
        let what = format!("the signature of {}", f.what);
        let s = self.fields(table, v.span(), SIGNED_KEYS, what);
        let by = self.required_string(&s, "by");
        let date = match s.get("date") {
            Some(_) => self.optional_date(&s, "date").unwrap_or_default(),
            None => {
                self.error(
                    s.span.clone(),
                    format!("missing `date` (YYYY-MM-DD) in {}", s.what),
                );
                String::new()
            }
        };
        let part = self.optional_string(&s, "part");
        let open = self.optional_string(&s, "open");
        Some(Signature {
            by,
            date,
            part,
            open,
        })
    }

    pub(super) fn responsibility(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        departments: &Ids<'_>,
        model: &RoleModel,
    ) -> Responsibility {
        let what = describe("responsibility", table);
        let f = self.fields_with_roles(table, span, RESPONSIBILITY_KEYS, Some(model), what);
        let mut r = Responsibility {
            id: self.id(&f),
            name: self.required_string(&f, "name"),
            description: self.optional_string(&f, "description"),
            area: self.optional_string(&f, "area"),
            tie_breaker: self.optional_string(&f, "tie_breaker"),
            budget: self.optional_amount(&f, "budget"),
            notes: self.optional_string(&f, "notes"),
            ..Responsibility::default()
        };
        for role in model.roles() {
            let key = model.key(role);
            let items = self.list_items(&f, key);
            r.role_mut(role).reserve_exact(items.len());
            // A short list is searched for repeats; a long one gets a set.
            let mut seen: Option<FxHashSet<&str>> = (items.len() > 16).then(FxHashSet::default);
            for item in items {
                let Some(department) = self.list_string(&f, key, item) else {
                    continue;
                };
                let span = item.span();
                let repeated = match &mut seen {
                    Some(seen) => !seen.insert(department),
                    None => r.role(role).iter().any(|d| d == department),
                };
                if !departments.contains(department) {
                    self.error(
                        span,
                        format!(
                            "unknown department `{department}` in `{key}` of {}{}",
                            f.what,
                            departments.hint(department)
                        ),
                    );
                } else if repeated {
                    self.error(
                        span,
                        format!(
                            "department `{department}` is listed twice in `{key}` of {}",
                            f.what
                        ),
                    );
                } else {
                    r.role_mut(role).push(department.to_owned());
                }
            }
        }
        r.funding = self.department_map(&f, "funding", departments, |reader, key, value| {
            reader.amount(key, value)
        });
        r.claims = self.claims(&f, departments, model);
        r.parked = match f.get("parked") {
            None => None,
            Some(v) => match v.get_ref() {
                DeValue::Boolean(true) => Some(String::new()),
                DeValue::Boolean(false) => None,
                DeValue::String(note) => Some(note.to_string()),
                other => {
                    self.error(
                        v.span(),
                        format!(
                            "`parked` in {} must be true or a note such as \"needs the CFO\", found {}",
                            f.what,
                            kind(other)
                        ),
                    );
                    None
                }
            },
        };
        r
    }

    pub(super) fn decision(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        number: usize,
        responsibilities: &Ids<'_>,
        departments: &Ids<'_>,
    ) -> Decision {
        let f = self.fields(table, span, DECISION_KEYS, format!("decision #{number}"));
        let date = match f.get("date") {
            None => {
                self.error(
                    f.span.clone(),
                    format!("missing `date` (YYYY-MM-DD) in {}", f.what),
                );
                String::new()
            }
            Some(_) => self.optional_date(&f, "date").unwrap_or_default(),
        };
        let responsibility = self.optional_string(&f, "responsibility");
        if let (Some(id), Some(v)) = (&responsibility, f.get("responsibility"))
            && !responsibilities.contains(id.as_str())
        {
            self.error(
                v.span(),
                format!(
                    "unknown responsibility `{id}` in {}{}",
                    f.what,
                    responsibilities.hint(id)
                ),
            );
        }
        let department = self.optional_string(&f, "department");
        if let (Some(id), Some(v)) = (&department, f.get("department")) {
            if !departments.contains(id.as_str()) {
                self.error(
                    v.span(),
                    format!(
                        "unknown department `{id}` in {}{}",
                        f.what,
                        departments.hint(id)
                    ),
                );
            } else if responsibility.is_some() {
                self.error(
                    v.span(),
                    format!(
                        "{} names both a responsibility and a department: a decision is about one of them (or, with neither, the whole charter)",
                        f.what
                    ),
                );
            }
        }
        let id = match f.get("id") {
            Some(_) => self.id(&f),
            None => String::new(),
        };
        Decision {
            id,
            date,
            responsibility,
            department,
            text: self.required_string(&f, "text"),
        }
    }
}
