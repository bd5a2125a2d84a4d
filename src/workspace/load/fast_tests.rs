//! The fast way in must build exactly what the general way builds, and must never take a file
//! the general way rejects.
use proptest::prelude::*;

use super::{fast, parse_general};

const SAMPLE: &str = include_str!("../../../assets/sample.toml");
const MINIMAL: &str = include_str!("../../../assets/minimal.toml");
const BLANK: &str = include_str!("../../../assets/blank.toml");

/// When the fast way takes `text`, the general way takes it too and builds the same.
fn agree(text: &str) -> bool {
    let Some((fast, layout)) = fast::parse(text) else {
        return false;
    };
    let general = parse_general(text).unwrap_or_else(|problems| {
        panic!("the fast way took a file the general way rejects: {problems:?}\n{text}")
    });
    assert_eq!(fast.workspace, general.workspace, "{text}");
    assert_eq!(fast.source_map, general.source_map, "{text}");
    assert_eq!(
        layout.responsibilities.len(),
        general.workspace.responsibilities.len()
    );
    for (piece, header) in layout
        .responsibilities
        .iter()
        .zip(&general.source_map.responsibilities)
    {
        assert_eq!(piece.start, header.start);
        assert!(piece.end >= header.end && piece.end <= text.len());
    }
    true
}

#[test]
fn the_bundled_and_generated_workspaces_go_the_fast_way_and_agree() {
    for text in [SAMPLE, MINIMAL, BLANK] {
        assert!(agree(text), "not taken the fast way:\n{text}");
    }
    for (departments, responsibilities, seed) in [(3, 10, 1), (30, 300, 2), (100, 1000, 3)] {
        let ws = crate::generate::workspace(departments, responsibilities, seed);
        let text = crate::workspace::to_toml(&ws);
        assert!(agree(&text));
    }
}

#[test]
fn every_way_of_writing_values_goes_the_fast_way_and_agrees() {
    let text = "\u{feff}# a comment\r\nwhoowns = 0x1 # hex\r\n\r\n  [ workspace ]\r\n\
        \"name\" = 'Literal \\ name'\r\norganization = \"\"\"Multi\r\nline\"\"\"\r\n\
        date = 2026-11-24\r\ncurrency = \"EUR \\u00e9\"\r\n\
        [rules]\nmax_accountable = 1_0\ndisable = [\"silo\",\n  # in a list\n  \"overload\",\n]\n\
        severity = { hot-potato = \"error\" }\n\
        [[department]]\nid = \"pr\"\nname = \"PR\"\nsigned = { by = \"Ana\", date = \"2026-11-24\", part = \"abc\", open = \"2 warnings\" }\n\
        [[department]]\nid = \"legal\"\nname = \"Legal\"\nlead = \"Bo\"\n\
        [[responsibility]]\nid = \"r1\"\nname = \"One\"\naccountable = [\"pr\"]\nresponsible = [\"pr\", \"legal\"]\n\
        budget = 1.5e3\nfunding = { pr = 1_000, legal = 500.5 }\n\
        claims = { legal = \"why\", pr = { reason = \"\", status = \"declined\", answer = \"no\", date = 2026-11-25 } }\n\
        parked = \"later\"\nnotes = '''\nraw\n'''\n\
        [[decision]]\ndate = \"2026-11-24\"\ntext = \"Agreed\"\nresponsibility = \"r1\"\n\
        [[decision]]\ndate = \"2026-11-24\"\ntext = \"Agreed\"\n\
        [[responsibility]]\nid = \"r2\"\nname = \"Two\"\nparked = true\n\
        [[decision]]\nid = \"d-1\"\ndate = \"2026-11-26\"\ntext = \"More\"\n";
    assert!(agree(text), "not taken the fast way");
}

#[test]
fn unusual_shapes_and_problems_go_the_general_way() {
    let base =
        "whoowns = 1\n[workspace]\nname = \"X\"\n[[department]]\nid = \"pr\"\nname = \"PR\"\n";
    let cases = [
        "[[responsibility]]\nid = \"r\"\nname = \"R\"\nfunding.pr = 5\n",
        "[[responsibility]]\nid = \"r\"\nname = \"R\"\n[responsibility.funding]\npr = 5\n",
        "[[responsibility]]\nid = \"r\"\nname = \"R\"\nname = \"S\"\n",
        "[[responsibility]]\nid = \"r\"\nname = \"R\"\naccountable = [\"pr\", \"pr\"]\n",
        "[[responsibility]]\nid = \"r\"\nname = \"R\"\naccountable = [\"ghost\"]\n",
        "[[responsibility]]\nid = \"R R\"\nname = \"R\"\n",
        "[[responsibility]]\nid = \"r\"\nname = \"  \"\n",
        "[[responsibility]]\nid = \"r\"\nname = \"R\"\nbudget = -1\n",
        "[[responsibility]]\nid = \"r\"\nname = \"R\"\n[[department]]\nid = \"it\"\nname = \"IT\"\n",
        "[[responsibility]]\nid = \"r\"\nname = \"R\"\n[[responsibility]]\nid = \"r\"\nname = \"S\"\n",
        "[[conflict]]\ndepartment = \"pr\"\nfield = \"name\"\nours = \"a\"\ntheirs = \"b\"\n",
        "[[decision]]\ndate = \"2026-02-30\"\ntext = \"x\"\n",
        "[[decision]]\ndate = \"2026-02-03\"\ntext = \"x\"\nresponsibility = \"ghost\"\n",
        "[workspace]\nname = \"again\"\n",
        "bad = [1,\n",
        "x = 1\n",
    ];
    for case in cases {
        let text = format!("{base}{case}");
        assert!(fast::parse(&text).is_none(), "taken the fast way:\n{text}");
    }
}

/// Bits of TOML that, dropped into a workspace, make it unusual, wrong or still fine.
const SNIPPETS: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    ".",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "#",
    "\n",
    "\r\n",
    " ",
    "\t",
    "\\",
    "\\u",
    "x",
    "1",
    "-1",
    "_",
    "1e9",
    "inf",
    "nan",
    "true",
    "2026-11-24",
    "\"pr\"",
    "\"legal\"",
    "\"ghost\"",
    "[[department]]\n",
    "[[responsibility]]\n",
    "[[decision]]\n",
    "[workspace]\n",
    "[rules]\n",
    "id = \"x\"\n",
    "name = \"Y\"\n",
    "accountable = [\"pr\"]\n",
    "funding = { pr = 1 }\n",
    "a.b = 1\n",
    "\u{0}",
    "\u{7f}",
    "\u{feff}",
    "é",
];

/// `text` with `cut` bytes from about `at` replaced by `snippet`; at the start of a line when
/// `line` is set (where a key or a header would go).
fn mutate(text: &str, at: usize, cut: usize, snippet: &str, line: bool) -> String {
    let mut start = at % (text.len() + 1);
    if line {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        start = starts[at % starts.len()];
    }
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + cut).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{}{}", &text[..start], snippet, &text[end..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        if std::env::var_os("CI").is_some() { 1500 } else { 400 }
    ))]

    /// Whatever a few edits do to the sample, the fast way either stands aside or agrees.
    #[test]
    fn the_fast_way_never_takes_what_the_general_way_rejects_or_builds_otherwise(
        edits in proptest::collection::vec(
            (any::<usize>(), 0usize..8, proptest::sample::select(SNIPPETS), any::<bool>()),
            1..4,
        ),
        minimal in any::<bool>(),
    ) {
        let mut text = if minimal { MINIMAL.to_owned() } else { SAMPLE.to_owned() };
        for (at, cut, snippet, line) in edits {
            text = mutate(&text, at, if line { 0 } else { cut }, snippet, line);
        }
        agree(&text);
    }
}
