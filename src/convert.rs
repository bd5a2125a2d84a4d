//! Converting a workspace from one role model to another by what the roles mean: each
//! department keeps, per responsibility, the meanings it held, now under the target model's
//! roles. A conversion that would drop a meaning (a RAPID `agree` into RACI, a department that
//! decides without answering into RACI) is refused, naming each loss, unless asked to drop.

use crate::workspace::{Meaning, Meanings, Role, RoleModel, Workspace};

/// A role a department would lose in a conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// The responsibility, by id and name.
    pub responsibility: String,
    pub responsibility_name: String,
    /// The department, by id.
    pub department: String,
    /// The role key in the source model.
    pub role: String,
    /// The meanings the target model cannot hold for it.
    pub meanings: Vec<Meaning>,
}

impl std::fmt::Display for Loss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words: Vec<&str> = self.meanings.iter().map(|m| m.key()).collect();
        write!(
            f,
            "\"{}\" ({}): `{}` of {} ({})",
            self.responsibility_name,
            self.responsibility,
            self.role,
            self.department,
            if words.is_empty() {
                "a role that means nothing the rules read".to_owned()
            } else {
                words.join(", ")
            }
        )
    }
}

/// `ws` in `target`'s roles, and what it loses (nothing when the conversion is lossless). The
/// caller refuses a lossy one unless told otherwise.
pub fn convert(ws: &Workspace, target: &RoleModel) -> (Workspace, Vec<Loss>) {
    let source = &ws.model;
    let mut out = ws.clone();
    out.model = target.clone();
    let mut losses = Vec::new();
    for (r, new) in ws.responsibilities.iter().zip(&mut out.responsibilities) {
        new.accountable.clear();
        new.responsible.clear();
        new.consulted.clear();
        new.informed.clear();
        new.more.0.clear();
        // Departments in the order they first appear, with the meanings they hold.
        let mut held: Vec<(&str, Meanings, Vec<Role>)> = Vec::new();
        for role in source.roles() {
            for d in r.role(role) {
                match held.iter_mut().find(|(id, ..)| *id == d.as_str()) {
                    Some((_, means, roles)) => {
                        *means = means.union(source.means(role));
                        roles.push(role);
                    }
                    None => held.push((d, source.means(role), vec![role])),
                }
            }
        }
        // Each target role goes to the departments holding all it means, in the order of the
        // source lists that carry its meanings.
        for role in target.roles() {
            let wanted = target.means(role);
            if wanted.is_empty() {
                continue;
            }
            let lists = source
                .roles()
                .filter(|&s| wanted.iter().any(|m| source.means(s).contains(m)));
            for s in lists {
                for d in r.role(s) {
                    let holds = held
                        .iter()
                        .any(|(id, means, _)| id == d && means.contains_all(wanted));
                    if holds && !new.has(role, d) {
                        new.role_mut(role).push(d.clone());
                    }
                }
            }
        }
        for (d, _, roles) in &held {
            let kept = target
                .roles()
                .filter(|&t| new.has(t, d))
                .fold(Meanings::default(), |m, t| m.union(target.means(t)));
            for &role in roles {
                let means = source.means(role);
                let missing: Vec<Meaning> = means.iter().filter(|m| !kept.contains(*m)).collect();
                if means.is_empty() || !missing.is_empty() {
                    losses.push(Loss {
                        responsibility: r.id.clone(),
                        responsibility_name: r.name.clone(),
                        department: (*d).to_owned(),
                        role: source.key(role).to_owned(),
                        meanings: missing,
                    });
                }
            }
        }
    }
    (out, losses)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{ModelKind, parse};

    fn sample() -> Workspace {
        parse(include_str!("../assets/sample.toml"))
            .expect("the sample loads")
            .workspace
    }

    fn model(kind: ModelKind) -> RoleModel {
        RoleModel::builtin(kind).expect("built in")
    }

    #[test]
    fn raci_to_does_decides_answers_and_back_is_lossless() {
        let ws = sample();
        let (dda, losses) = convert(&ws, &model(ModelKind::DoesDecidesAnswers));
        assert!(losses.is_empty(), "{losses:?}");
        let r = dda.responsibility("crisis-response").expect("there");
        let role = |key| dda.model.by_key(key).expect("a role");
        assert_eq!(r.role(role("decides")), ["legal", "pr"]);
        assert_eq!(r.role(role("answers")), ["legal", "pr"]);
        assert_eq!(r.role(role("does")), ["pr"]);
        let (back, losses) = convert(&dda, &RoleModel::default());
        assert!(losses.is_empty(), "{losses:?}");
        assert_eq!(back, ws);
    }

    #[test]
    fn a_lossy_conversion_names_each_loss() {
        let ws = sample();
        let (mut dda, _) = convert(&ws, &model(ModelKind::DoesDecidesAnswers));
        let answers = dda.model.by_key("answers").expect("a role");
        let i = dda.responsibility_index("crisis-response").expect("there");
        dda.responsibilities[i]
            .role_mut(answers)
            .retain(|d| d != "legal");
        let (_, losses) = convert(&dda, &RoleModel::default());
        assert_eq!(losses.len(), 1, "{losses:?}");
        assert_eq!(losses[0].department, "legal");
        assert_eq!(losses[0].role, "decides");
        let (_, losses) = convert(&ws, &model(ModelKind::Rapid));
        assert!(losses.iter().all(|l| l.role == "informed"), "{losses:?}");
        assert!(!losses.is_empty());
    }
}
