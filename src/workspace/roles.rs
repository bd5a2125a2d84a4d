//! Role models as data: which roles a workspace's responsibilities list departments under
//! (RACI, RASCI, DACI, RAPID, does / decides / answers, or custom `[[role]]` tables), and what
//! each role *means*, which is all the rules read.
//!
//! A [`RoleModel`] is built once, when a workspace is read, and shared by everything after
//! it. A [`Role`] is a position in the model's roles; each role's meanings are a small bitset,
//! and the model keeps, per meaning, the set of roles that carry it, so a hot path asks
//! "does anyone answer?" with a mask, never with a string.

use std::fmt;
use std::sync::Arc;

/// What holding a role means; the rules read meanings, never role keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Meaning {
    /// The single point that answers for the outcome.
    Answers,
    /// Makes the call.
    Decides,
    /// Does the work.
    Does,
    /// Must agree; can veto.
    Approves,
    /// Recommends what to do.
    Recommends,
    /// Helps those who do the work.
    Supports,
    /// Asked before a decision.
    Consulted,
    /// Told after a decision.
    Informed,
}

impl Meaning {
    /// Every meaning, in this order.
    pub const ALL: [Meaning; 8] = [
        Meaning::Answers,
        Meaning::Decides,
        Meaning::Does,
        Meaning::Approves,
        Meaning::Recommends,
        Meaning::Supports,
        Meaning::Consulted,
        Meaning::Informed,
    ];

    /// The word in files (`means = ["answers", "decides"]`).
    pub fn key(self) -> &'static str {
        match self {
            Meaning::Answers => "answers",
            Meaning::Decides => "decides",
            Meaning::Does => "does",
            Meaning::Approves => "approves",
            Meaning::Recommends => "recommends",
            Meaning::Supports => "supports",
            Meaning::Consulted => "consulted",
            Meaning::Informed => "informed",
        }
    }

    /// Plain words for the meaning, as in "Legal *answers for the outcome*".
    pub fn words(self) -> &'static str {
        match self {
            Meaning::Answers => "answers for the outcome",
            Meaning::Decides => "decides",
            Meaning::Does => "does the work",
            Meaning::Approves => "must agree and can veto",
            Meaning::Recommends => "recommends what to do",
            Meaning::Supports => "helps those who do the work",
            Meaning::Consulted => "is asked before",
            Meaning::Informed => "is told after",
        }
    }

    /// The meaning a file's word names.
    pub fn parse(word: &str) -> Option<Meaning> {
        Meaning::ALL.into_iter().find(|m| m.key() == word)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of meanings (one bit each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Meanings(u8);

impl Meanings {
    /// The set of `meanings`.
    pub fn of(meanings: &[Meaning]) -> Meanings {
        Meanings(meanings.iter().fold(0, |bits, m| bits | m.bit()))
    }

    /// Whether the set holds `meaning`.
    pub fn contains(self, meaning: Meaning) -> bool {
        self.0 & meaning.bit() != 0
    }

    /// The meanings of the set, in [`Meaning::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Meaning> {
        Meaning::ALL.into_iter().filter(move |m| self.contains(*m))
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The meanings of both sets.
    pub fn union(self, other: Meanings) -> Meanings {
        Meanings(self.0 | other.0)
    }

    /// Whether every meaning of `other` is in the set.
    pub fn contains_all(self, other: Meanings) -> bool {
        self.0 & other.0 == other.0
    }

    /// The set with `meaning` added.
    pub fn with(self, meaning: Meaning) -> Meanings {
        Meanings(self.0 | meaning.bit())
    }
}

/// A set of roles of one model (one bit per role position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct RoleSet(pub u16);

impl RoleSet {
    /// Whether `role` is in the set.
    pub fn contains(self, role: Role) -> bool {
        self.0 & (1 << role.0) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The roles of the set, in model order.
    pub fn iter(self) -> impl Iterator<Item = Role> {
        (0..MAX_ROLES as u8)
            .filter(move |i| self.0 & (1 << i) != 0)
            .map(Role)
    }
}

/// The most roles a model may have.
pub const MAX_ROLES: usize = 16;

/// A role of the workspace's model: its position in [`RoleModel::roles`].
///
/// The constants name the four roles of RACI, the default model, by position; in any other
/// model the same positions are that model's first four roles.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Role(u8);

#[allow(non_upper_case_globals)]
impl Role {
    /// RACI's A: decides and answers.
    pub const Accountable: Role = Role(0);
    /// RACI's R: does the work.
    pub const Responsible: Role = Role(1);
    /// RACI's C: asked before.
    pub const Consulted: Role = Role(2);
    /// RACI's I: told after.
    pub const Informed: Role = Role(3);

    /// The roles of RACI, the default model, in matrix order (A, R, C, I).
    pub const ALL: [Role; 4] = [
        Role::Accountable,
        Role::Responsible,
        Role::Consulted,
        Role::Informed,
    ];

    /// The role at `index` of a model (see [`RoleModel::role`] for a checked one).
    pub(crate) const fn at(index: usize) -> Role {
        Role(index as u8)
    }

    /// The role's position in its model.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// A role serializes as its position; whoever writes it out names it by its model's key.
impl serde::Serialize for Role {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

impl fmt::Debug for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => f.write_str("Accountable"),
            1 => f.write_str("Responsible"),
            2 => f.write_str("Consulted"),
            3 => f.write_str("Informed"),
            n => write!(f, "Role({n})"),
        }
    }
}

/// One role of a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDef {
    /// The key of the role's list in a responsibility (`accountable`, `does`...).
    pub key: String,
    /// Capitalized name, as shown on screen.
    pub name: String,
    /// The matrix letter, unique in the model.
    pub letter: char,
    /// What holding the role means.
    pub means: Meanings,
    /// The role in plain words, for the charter's legend and the board.
    pub meaning: String,
}

/// Which model a workspace uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelKind {
    Raci,
    Rasci,
    Daci,
    Rapid,
    DoesDecidesAnswers,
    Custom,
}

impl ModelKind {
    /// Every model, as `model = ...` names them.
    pub const ALL: [ModelKind; 6] = [
        ModelKind::Raci,
        ModelKind::Rasci,
        ModelKind::Daci,
        ModelKind::Rapid,
        ModelKind::DoesDecidesAnswers,
        ModelKind::Custom,
    ];

    /// The name in files.
    pub fn key(self) -> &'static str {
        match self {
            ModelKind::Raci => "raci",
            ModelKind::Rasci => "rasci",
            ModelKind::Daci => "daci",
            ModelKind::Rapid => "rapid",
            ModelKind::DoesDecidesAnswers => "does-decides-answers",
            ModelKind::Custom => "custom",
        }
    }

    /// The model a file's `model = ...` names.
    pub fn parse(name: &str) -> Option<ModelKind> {
        ModelKind::ALL.into_iter().find(|k| k.key() == name)
    }
}

/// The roles of a workspace and what they mean; cheap to clone (shared).
#[derive(Clone)]
pub struct RoleModel(Arc<Inner>);

#[derive(Debug, PartialEq, Eq)]
struct Inner {
    kind: ModelKind,
    roles: Vec<RoleDef>,
    /// Per meaning (in [`Meaning::ALL`] order), the roles that carry it.
    by_meaning: [RoleSet; 8],
}

impl PartialEq for RoleModel {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl fmt::Debug for RoleModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Default for RoleModel {
    fn default() -> Self {
        RoleModel::builtin(ModelKind::Raci).expect("RACI is built in")
    }
}

/// A problem with a custom model's `[[role]]` tables: which table (by position) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelProblem {
    /// The `[[role]]` table concerned (from 0), if one.
    pub role: Option<usize>,
    /// The field of that table, if one.
    pub field: Option<&'static str>,
    pub message: String,
}

/// Keys a responsibility has besides its role lists: no role may use them.
pub const FIXED_KEYS: &[&str] = &[
    "id",
    "name",
    "description",
    "area",
    "tie_breaker",
    "budget",
    "funding",
    "claims",
    "notes",
    "parked",
];

impl RoleModel {
    /// A built-in model; `None` for [`ModelKind::Custom`].
    pub fn builtin(kind: ModelKind) -> Option<RoleModel> {
        let roles = super::builtin_models::roles(kind)?;
        Some(RoleModel::build(kind, roles))
    }

    /// A custom model of `roles`, or every problem with them.
    pub fn custom(roles: Vec<RoleDef>) -> Result<RoleModel, Vec<ModelProblem>> {
        let mut problems = Vec::new();
        let mut problem = |role: Option<usize>, field, message: String| {
            problems.push(ModelProblem {
                role,
                field,
                message,
            });
        };
        if roles.is_empty() {
            problem(
                None,
                None,
                "a `custom` model needs its roles: add `[[role]]` tables with `key`, `name`, `letter` and `means`".into(),
            );
        }
        if roles.len() > MAX_ROLES {
            problem(
                Some(MAX_ROLES),
                None,
                format!(
                    "a model has at most {MAX_ROLES} roles, found {}",
                    roles.len()
                ),
            );
        }
        for (i, role) in roles.iter().enumerate() {
            if FIXED_KEYS.contains(&role.key.as_str()) {
                problem(
                    Some(i),
                    Some("key"),
                    format!(
                        "role key `{}` is a responsibility's own key; choose another",
                        role.key
                    ),
                );
            }
            if let Some(first) = roles[..i].iter().position(|r| r.key == role.key) {
                problem(
                    Some(i),
                    Some("key"),
                    format!(
                        "duplicate role key `{}`: role #{} already uses it",
                        role.key,
                        first + 1
                    ),
                );
            }
            if let Some(first) = roles[..i].iter().position(|r| r.letter == role.letter) {
                problem(
                    Some(i),
                    Some("letter"),
                    format!(
                        "duplicate role letter `{}`: role #{} (`{}`) already uses it",
                        role.letter,
                        first + 1,
                        roles[first].key
                    ),
                );
            }
        }
        if !roles.is_empty() && !roles.iter().any(|r| r.means.contains(Meaning::Answers)) {
            problem(
                None,
                None,
                "no role of the custom model answers for the outcome: give one role `means = [\"answers\", ...]`".into(),
            );
        }
        if problems.is_empty() {
            Ok(RoleModel::build(ModelKind::Custom, roles))
        } else {
            Err(problems)
        }
    }

    /// A custom model of `roles` without its checks (for reading on after a reported
    /// problem); RACI when there are none.
    pub(crate) fn unchecked(mut roles: Vec<RoleDef>) -> RoleModel {
        roles.truncate(MAX_ROLES);
        if roles.is_empty() {
            return RoleModel::default();
        }
        RoleModel::build(ModelKind::Custom, roles)
    }

    fn build(kind: ModelKind, roles: Vec<RoleDef>) -> RoleModel {
        let mut by_meaning = [RoleSet::default(); 8];
        for (i, role) in roles.iter().enumerate().take(MAX_ROLES) {
            for meaning in role.means.iter() {
                by_meaning[meaning as usize].0 |= 1 << i;
            }
        }
        RoleModel(Arc::new(Inner {
            kind,
            roles,
            by_meaning,
        }))
    }

    /// Which model this is.
    pub fn kind(&self) -> ModelKind {
        self.0.kind
    }

    /// The model's name in files (`raci`, `does-decides-answers`, `custom`).
    pub fn name(&self) -> &'static str {
        self.0.kind.key()
    }

    /// Whether this is RACI, the model of a file without `model`.
    pub fn is_raci(&self) -> bool {
        self.0.kind == ModelKind::Raci
    }

    /// The roles' definitions, in model order.
    pub fn defs(&self) -> &[RoleDef] {
        &self.0.roles
    }

    /// The roles, in model order.
    pub fn roles(&self) -> impl DoubleEndedIterator<Item = Role> + ExactSizeIterator + use<> {
        (0..self.0.roles.len()).map(Role::at)
    }

    /// How many roles the model has.
    pub fn len(&self) -> usize {
        self.0.roles.len()
    }

    /// Whether the model has no roles (never, once built).
    pub fn is_empty(&self) -> bool {
        self.0.roles.is_empty()
    }

    /// The role at `index`, if the model has one there.
    pub fn role(&self, index: usize) -> Option<Role> {
        (index < self.len()).then(|| Role::at(index))
    }

    /// The definition of `role` (the first role's for one the model does not have).
    pub fn def(&self, role: Role) -> &RoleDef {
        self.0.roles.get(role.index()).unwrap_or(&self.0.roles[0])
    }

    /// The key of `role`'s list in the file.
    pub fn key(&self, role: Role) -> &str {
        &self.def(role).key
    }

    /// Capitalized name of `role`.
    pub fn label(&self, role: Role) -> &str {
        &self.def(role).name
    }

    /// The matrix letter of `role`.
    pub fn letter(&self, role: Role) -> char {
        self.def(role).letter
    }

    /// `role` in plain words.
    pub fn meaning(&self, role: Role) -> &str {
        &self.def(role).meaning
    }

    /// What holding `role` means.
    pub fn means(&self, role: Role) -> Meanings {
        self.def(role).means
    }

    /// Whether `role` carries `meaning`.
    pub fn role_means(&self, role: Role, meaning: Meaning) -> bool {
        self.with(meaning).contains(role)
    }

    /// The roles that carry `meaning`.
    pub fn with(&self, meaning: Meaning) -> RoleSet {
        self.0.by_meaning[meaning as usize]
    }

    /// The first role that carries `meaning`, in model order.
    pub fn first_with(&self, meaning: Meaning) -> Option<Role> {
        self.with(meaning).iter().next()
    }

    /// The role whose list has `key`.
    pub fn by_key(&self, key: &str) -> Option<Role> {
        let i = self.0.roles.iter().position(|r| r.key == key)?;
        Some(Role::at(i))
    }

    /// The role whose letter is `letter` (case-insensitive when that is unambiguous).
    pub fn by_letter(&self, letter: char) -> Option<Role> {
        let exact = self.0.roles.iter().position(|r| r.letter == letter);
        let i = exact.or_else(|| {
            let mut found = self
                .0
                .roles
                .iter()
                .enumerate()
                .filter(|(_, r)| r.letter.to_lowercase().eq(letter.to_lowercase()));
            match (found.next(), found.next()) {
                (Some((i, _)), None) => Some(i),
                _ => None,
            }
        })?;
        Some(Role::at(i))
    }

    /// The role after `role` in model order, wrapping around.
    pub fn next(&self, role: Role) -> Role {
        Role::at((role.index() + 1) % self.len().max(1))
    }

    /// The role keys, in model order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.roles.iter().map(|r| r.key.as_str())
    }

    /// Whether deciding is a role of its own here (some role decides without answering), so
    /// that `undecided` applies.
    pub fn decides_apart(&self) -> bool {
        let decides = self.with(Meaning::Decides).0;
        decides & !self.with(Meaning::Answers).0 != 0
    }

    /// The role that answers: the first one meaning `answers` (every model has one).
    pub fn answering(&self) -> Role {
        self.first_with(Meaning::Answers).unwrap_or(Role::at(0))
    }

    /// The role that does the work, if the model has one.
    pub fn doing(&self) -> Option<Role> {
        self.first_with(Meaning::Does)
    }
}

#[cfg(test)]
#[path = "roles_tests.rs"]
mod tests;
