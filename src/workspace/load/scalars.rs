//! Reading the scalar values of a table: required and optional strings, and amounts (budgets,
//! funding shares), each problem reported at its place.

use std::fmt;

use toml::Spanned;
use toml::de::DeValue;

use super::values::{integer, kind, v_text};
use super::{Fields, Reader};
use crate::workspace::model::{Amount, MAX_AMOUNT};

impl Reader {
    pub(super) fn required_string(&mut self, f: &Fields<'_, '_>, key: &str) -> String {
        match f.get(key) {
            None => {
                self.error(f.span.clone(), format!("missing `{key}` in {}", f.what));
                String::new()
            }
            Some(v) => match v.get_ref() {
                DeValue::String(s) if s.trim().is_empty() => {
                    self.error(v.span(), format!("`{key}` in {} must not be empty", f.what));
                    String::new()
                }
                DeValue::String(s) => s.to_string(),
                _ => {
                    self.not_a_string(f, key, v);
                    String::new()
                }
            },
        }
    }

    pub(super) fn optional_string(&mut self, f: &Fields<'_, '_>, key: &str) -> Option<String> {
        let v = f.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.not_a_string(f, key, v);
                None
            }
        }
    }

    /// Reports that `key` holds `v`, which is not a string.
    fn not_a_string(&mut self, f: &Fields<'_, '_>, key: &str, v: &Spanned<DeValue<'_>>) {
        let message = format!(
            "`{key}` in {} must be a string, found {}",
            f.what,
            kind(v.get_ref())
        );
        self.error(v.span(), message);
    }

    pub(super) fn optional_amount(&mut self, f: &Fields<'_, '_>, key: &str) -> Option<Amount> {
        f.get(key)
            .and_then(|v| self.amount(&format_args!("`{key}` in {}", f.what), v))
    }

    /// A budget or funding amount; `what` names it in messages.
    pub(super) fn amount(
        &mut self,
        what: &dyn fmt::Display,
        v: &Spanned<DeValue<'_>>,
    ) -> Option<Amount> {
        let number = match v.get_ref() {
            // An integer beyond 64 bits is still a number: too large (or too negative).
            DeValue::Integer(i) => Some(integer(i).map_or_else(
                || {
                    if i.as_str().starts_with('-') {
                        f64::NEG_INFINITY
                    } else {
                        f64::INFINITY
                    }
                },
                |n| n as f64,
            )),
            DeValue::Float(x) => x.as_str().replace('_', "").parse::<f64>().ok(),
            other => {
                self.error(
                    v.span(),
                    format!("{what} must be a number, found {}", kind(other)),
                );
                return None;
            }
        };
        match number {
            Some(n) if n.is_finite() && (0.0..=MAX_AMOUNT).contains(&n) => Some(n + 0.0),
            Some(n) if n > MAX_AMOUNT => {
                self.error(
                    v.span(),
                    format!("{what} is too large: at most {MAX_AMOUNT:e}"),
                );
                None
            }
            Some(n) if n < 0.0 => {
                self.error(
                    v.span(),
                    format!("{what} must not be negative, found {}", v_text(v, n)),
                );
                None
            }
            _ => {
                self.error(
                    v.span(),
                    format!("{what} must be a finite number of at least 0"),
                );
                None
            }
        }
    }
}
