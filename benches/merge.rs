//! `whoowns merge` on a generated workspace of 100 departments x 10,000 responsibilities: two
//! branches that each change a tenth of the responsibilities (a few of them the same field two
//! ways), merged in memory and as the merge driver does (merge, write over OURS' text, read back).

use std::hint::black_box;
use std::sync::OnceLock;

use whoowns::merge::{Version, merge, merge_texts, merge_versions};
use whoowns::workspace::{Workspace, parse, to_toml};

struct Sides {
    base: Workspace,
    ours: Workspace,
    theirs: Workspace,
    texts: [String; 3],
}

fn sides() -> &'static Sides {
    static SIDES: OnceLock<Sides> = OnceLock::new();
    SIDES.get_or_init(|| {
        let base = whoowns::generate::workspace(100, 10_000, 7);
        let mut ours = base.clone();
        let mut theirs = base.clone();
        for (i, r) in ours.responsibilities.iter_mut().enumerate().step_by(10) {
            r.accountable = vec![format!("dept-{}", 1 + i % 100)];
            r.notes = Some("Ours".into());
        }
        for (i, r) in theirs.responsibilities.iter_mut().enumerate().step_by(7) {
            r.informed.retain(|d| d != "dept-1");
            let added = format!("dept-{}", 2 + (i * 3) % 99);
            if !r.informed.contains(&added) {
                r.informed.push(added);
            }
            r.notes = Some("Theirs".into());
        }
        let texts = [to_toml(&base), to_toml(&ours), to_toml(&theirs)];
        Sides {
            base,
            ours,
            theirs,
            texts,
        }
    })
}

/// The merge of the models alone.
#[divan::bench(sample_count = 20)]
fn merge_models() {
    let s = sides();
    black_box(merge(&s.base, &s.ours, &s.theirs));
}

/// What the driver does after loading: merge, write over OURS' text, read the result back.
#[divan::bench(sample_count = 10)]
fn merge_and_write() {
    let s = sides();
    let parsed: Vec<Workspace> = s
        .texts
        .iter()
        .map(|t| parse(t).expect("valid").workspace)
        .collect();
    black_box(merge_texts(&parsed[0], &parsed[1], &s.texts[1], &parsed[2]).expect("merges"));
}

/// The driver's whole merge with comments: the three texts each carry a comment per
/// responsibility, and THEIRS edits every seventh one (placed by id in the merged file).
#[divan::bench(sample_count = 10)]
fn merge_and_write_with_comments() {
    static TEXTS: OnceLock<[String; 3]> = OnceLock::new();
    let s = sides();
    let texts = TEXTS.get_or_init(|| {
        let commented = |text: &str, every: usize, word: &str| {
            let mut n = 0;
            text.split("[[responsibility]]\n")
                .enumerate()
                .map(|(i, piece)| {
                    if i == 0 {
                        return piece.to_owned();
                    }
                    n += 1;
                    let note = if every > 0 && n % every == 0 {
                        word
                    } else {
                        "Agreed"
                    };
                    format!("# {note} {n}.\n[[responsibility]]\n{piece}")
                })
                .collect::<String>()
        };
        [
            commented(&s.texts[0], 0, ""),
            commented(&s.texts[1], 0, ""),
            commented(&s.texts[2], 7, "Reviewed"),
        ]
    });
    let parsed: Vec<Workspace> = texts
        .iter()
        .map(|t| parse(t).expect("valid").workspace)
        .collect();
    let version = |i: usize| Version {
        workspace: &parsed[i],
        text: &texts[i],
    };
    black_box(merge_versions(version(0), version(1), version(2)).expect("merges"));
}

fn main() {
    divan::main();
}
