//! The built-in role models' roles, in their order: RACI, RASCI, DACI, RAPID and
//! does / decides / answers, each role with its letter, meanings and plain words.

use super::roles::{Meaning, Meanings, ModelKind, RoleDef};

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
    use Meaning::*;
    Some(match kind {
        ModelKind::Raci => vec![
            def(
                "accountable",
                "Accountable",
                'A',
                &[Answers, Decides],
                "decides and answers",
            ),
            def("responsible", "Responsible", 'R', &[Does], "does the work"),
            def(
                "consulted",
                "Consulted",
                'C',
                &[Consulted],
                "is asked before",
            ),
            def("informed", "Informed", 'I', &[Informed], "is told after"),
        ],
        ModelKind::Rasci => vec![
            def(
                "accountable",
                "Accountable",
                'A',
                &[Answers, Decides],
                "decides and answers",
            ),
            def("responsible", "Responsible", 'R', &[Does], "does the work"),
            def(
                "supportive",
                "Supportive",
                'S',
                &[Supports],
                "helps those who do the work",
            ),
            def(
                "consulted",
                "Consulted",
                'C',
                &[Consulted],
                "is asked before",
            ),
            def("informed", "Informed", 'I', &[Informed], "is told after"),
        ],
        ModelKind::Daci => vec![
            def("driver", "Driver", 'D', &[Does], "drives the work"),
            def(
                "approver",
                "Approver",
                'A',
                &[Answers, Decides],
                "decides and answers",
            ),
            def(
                "contributors",
                "Contributors",
                'C',
                &[Consulted],
                "contributes, asked before",
            ),
            def("informed", "Informed", 'I', &[Informed], "is told after"),
        ],
        ModelKind::Rapid => vec![
            def(
                "recommend",
                "Recommend",
                'R',
                &[Recommends],
                "recommends what to do",
            ),
            def(
                "agree",
                "Agree",
                'A',
                &[Approves],
                "must agree and can veto",
            ),
            def("perform", "Perform", 'P', &[Does], "does the work"),
            def("input", "Input", 'I', &[Consulted], "is asked before"),
            def(
                "decide",
                "Decide",
                'D',
                &[Answers, Decides],
                "decides and answers",
            ),
        ],
        ModelKind::DoesDecidesAnswers => vec![
            def("does", "Does", 'W', &[Does], "does the work"),
            def("decides", "Decides", 'D', &[Decides], "decides"),
            def(
                "answers",
                "Answers",
                'A',
                &[Answers],
                "answers for the outcome",
            ),
            def(
                "consulted",
                "Consulted",
                'C',
                &[Consulted],
                "is asked before",
            ),
            def("informed", "Informed", 'I', &[Informed], "is told after"),
        ],
        ModelKind::Custom => return None,
    })
}
