//! The built-in role models' roles, in their order: RACI, RASCI, DACI, RAPID and
//! does / decides / answers, each role with its letter, meanings and plain words.
//!
//! Each model is a list of [`Spec`]s built into [`RoleDef`]s by one builder; the roles several
//! models share (RACI's four) are written once.

use super::roles::{Meaning, Meanings, ModelKind, RoleDef};
use Meaning::{Answers, Approves, Consulted, Decides, Does, Informed, Recommends, Supports};

/// A role as data: key, name, letter, meanings and the plain words for them.
type Spec = (
    &'static str,
    &'static str,
    char,
    &'static [Meaning],
    &'static str,
);

const ACCOUNTABLE: Spec = (
    "accountable",
    "Accountable",
    'A',
    &[Answers, Decides],
    "decides and answers",
);
const RESPONSIBLE: Spec = ("responsible", "Responsible", 'R', &[Does], "does the work");
const CONSULTED: Spec = (
    "consulted",
    "Consulted",
    'C',
    &[Consulted],
    "is asked before",
);
const INFORMED: Spec = ("informed", "Informed", 'I', &[Informed], "is told after");

const RACI: &[Spec] = &[ACCOUNTABLE, RESPONSIBLE, CONSULTED, INFORMED];
const RASCI: &[Spec] = &[
    ACCOUNTABLE,
    RESPONSIBLE,
    (
        "supportive",
        "Supportive",
        'S',
        &[Supports],
        "helps those who do the work",
    ),
    CONSULTED,
    INFORMED,
];
const DACI: &[Spec] = &[
    ("driver", "Driver", 'D', &[Does], "drives the work"),
    (
        "approver",
        "Approver",
        'A',
        &[Answers, Decides],
        "decides and answers",
    ),
    (
        "contributors",
        "Contributors",
        'C',
        &[Consulted],
        "contributes, asked before",
    ),
    INFORMED,
];
const RAPID: &[Spec] = &[
    (
        "recommend",
        "Recommend",
        'R',
        &[Recommends],
        "recommends what to do",
    ),
    (
        "agree",
        "Agree",
        'A',
        &[Approves],
        "must agree and can veto",
    ),
    ("perform", "Perform", 'P', &[Does], "does the work"),
    ("input", "Input", 'I', &[Consulted], "is asked before"),
    (
        "decide",
        "Decide",
        'D',
        &[Answers, Decides],
        "decides and answers",
    ),
];
const DOES_DECIDES_ANSWERS: &[Spec] = &[
    ("does", "Does", 'W', &[Does], "does the work"),
    ("decides", "Decides", 'D', &[Decides], "decides"),
    (
        "answers",
        "Answers",
        'A',
        &[Answers],
        "answers for the outcome",
    ),
    CONSULTED,
    INFORMED,
];

/// One role of a model.
pub(super) fn def(
    key: &str,
    name: &str,
    letter: char,
    means: &[Meaning],
    meaning: &str,
) -> RoleDef {
    RoleDef {
        key: key.into(),
        name: name.into(),
        letter,
        means: Meanings::of(means),
        meaning: meaning.into(),
    }
}

/// The roles of the built-in model `kind`; `None` for [`ModelKind::Custom`].
pub(super) fn roles(kind: ModelKind) -> Option<Vec<RoleDef>> {
    let specs = match kind {
        ModelKind::Raci => RACI,
        ModelKind::Rasci => RASCI,
        ModelKind::Daci => DACI,
        ModelKind::Rapid => RAPID,
        ModelKind::DoesDecidesAnswers => DOES_DECIDES_ANSWERS,
        ModelKind::Custom => return None,
    };
    Some(
        specs
            .iter()
            .map(|&(key, name, letter, means, meaning)| def(key, name, letter, means, meaning))
            .collect(),
    )
}
