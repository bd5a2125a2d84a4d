//! The completion scripts of `whoowns completions bash|zsh|fish`, driven in the real shells:
//! bash through `COMP_WORDS` and the completion function, zsh in a pseudo-terminal (`zpty`)
//! with `compadd` recording what it is given, fish through `complete -C`. After every
//! subcommand its options and values are offered, and file arguments offer only their files.
//!
//! zsh and fish may be missing on a developer's machine: their cases are then skipped with a
//! note, unless `CI` is set (`.ci/run` installs them).

use std::collections::BTreeSet;
use std::process::Command;

use clap::CommandFactory;

/// What typing each line and pressing Tab must offer (directories without their `/`).
fn cases() -> Vec<(&'static str, BTreeSet<String>)> {
    let set = |items: &[&str]| {
        items
            .iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>()
    };
    let mut subcommands: Vec<String> = whoowns::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    subcommands.push("help".into());
    let commands: BTreeSet<String> = subcommands.into_iter().collect();
    let workspaces = set(&["a.toml", "sub"]);
    let mut first = commands.clone();
    first.extend(workspaces.clone());
    vec![
        // The first word: a subcommand or the board's workspace file.
        ("whoowns ", first),
        (
            "whoowns --theme ",
            set(&["default", "high-contrast", "light", "mono"]),
        ),
        // After a subcommand: its own options, values and files.
        ("whoowns check ", workspaces.clone()),
        ("whoowns check -q --strict ", workspaces.clone()),
        (
            "whoowns check --",
            set(&[
                "--color", "--date", "--format", "--help", "--quiet", "--strict",
            ]),
        ),
        ("whoowns check --format ", set(&["github", "json", "text"])),
        ("whoowns check --color ", set(&["always", "auto", "never"])),
        (
            "whoowns export --format ",
            set(&["csv", "html", "markdown"]),
        ),
        (
            "whoowns export -o ",
            set(&["a.toml", "notes.json", "sheet.csv", "sub"]),
        ),
        ("whoowns diff a.toml ", workspaces.clone()),
        ("whoowns diff --color never a.toml ", workspaces.clone()),
        ("whoowns import ", set(&["sheet.csv", "sub"])),
        (
            "whoowns completions ",
            set(&["bash", "elvish", "fish", "powershell", "zsh"]),
        ),
        ("whoowns help ", commands),
        // The board takes one file: nothing after it.
        ("whoowns a.toml ", BTreeSet::new()),
    ]
}

/// A directory holding a workspace, a spreadsheet, another file and a subdirectory, and the
/// script for `shell` in a directory of its own (bash would offer a hidden one too, as its
/// `match-hidden-files` setting does by default).
fn setup(shell: &str) -> (tempfile::TempDir, tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    for file in ["a.toml", "sheet.csv", "notes.json"] {
        std::fs::write(dir.path().join(file), "").expect("write");
    }
    std::fs::create_dir(dir.path().join("sub")).expect("dir");
    let out = Command::new(env!("CARGO_BIN_EXE_whoowns"))
        .args(["completions", shell])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{shell}");
    let name = if shell == "zsh" {
        "_whoowns".to_owned()
    } else {
        format!("whoowns.{shell}")
    };
    let scripts = tempfile::tempdir().expect("tempdir");
    let script = scripts.path().join(name);
    std::fs::write(&script, &out.stdout).expect("write");
    (dir, scripts, script)
}

/// Whether `shell` can be run; a missing one fails under CI.
fn available(shell: &str) -> bool {
    let found = Command::new(shell)
        .arg("-c")
        .arg("exit 0")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{shell} is needed to test its completions"
        );
        eprintln!("{shell} is not installed: its completions were not driven");
    }
    found
}

fn offered(output: &[u8]) -> BTreeSet<String> {
    String::from_utf8_lossy(output)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default())
        .map(|l| l.trim_end_matches('/').to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

fn check(shell: &str, results: Vec<(&str, BTreeSet<String>, BTreeSet<String>)>) {
    let wrong: Vec<String> = results
        .into_iter()
        .filter(|(_, got, expected)| got != expected)
        .map(|(line, got, expected)| format!("{line:?}: offered {got:?}, expected {expected:?}"))
        .collect();
    assert!(wrong.is_empty(), "{shell}:\n{}", wrong.join("\n"));
}

#[test]
fn bash_completes_after_every_subcommand() {
    let (dir, _scripts, script) = setup("bash");
    let driver = "source \"$1\"; shift\n\
        COMP_WORDS=(\"$@\"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n\
        COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}\n\
        _whoowns\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    let mut results = Vec::new();
    for (line, expected) in cases() {
        let mut words: Vec<&str> = line.split(' ').collect();
        if words.last() == Some(&"") {
            words.pop();
            words.push("");
        }
        let out = Command::new("bash")
            .arg("-c")
            .arg(driver)
            .arg("bash")
            .arg(&script)
            .args(&words)
            .current_dir(dir.path())
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        results.push((line, offered(&out.stdout), expected));
    }
    check("bash", results);
}

#[test]
fn fish_completes_after_every_subcommand() {
    if !available("fish") {
        return;
    }
    let (dir, _scripts, script) = setup("fish");
    let mut results = Vec::new();
    for (line, expected) in cases() {
        let out = Command::new("fish")
            .args(["--no-config", "-c"])
            .arg("source $argv[1]; complete -C $argv[2]")
            .arg(&script)
            .arg(line)
            .current_dir(dir.path())
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path().join(".config"))
            .env("XDG_DATA_HOME", dir.path().join(".data"))
            .output()
            .expect("fish runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        results.push((line, offered(&out.stdout), expected));
    }
    check("fish", results);
    // Values come with what they mean.
    let out = Command::new("fish")
        .args(["--no-config", "-c"])
        .arg("source $argv[1]; complete -C 'whoowns check --format '")
        .arg(&script)
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .output()
        .expect("fish runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("text\tLines like a linter, for people"),
        "{said}"
    );
}

/// Types a line and Tab into an interactive zsh in a pseudo-terminal (`zpty`), with `compinit`
/// loading the script from FPATH and `compadd` printing each candidate it adds between `<<`
/// and `>>`.
const ZSH_DRIVER: &str = r#"
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''; RPROMPT=''; PS2=''"
zpty -w z "fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits
  builtin compadd -A __hits "$@"
  local h; for h in $__hits; do print -r -- "<<$h>>"; done
  builtin compadd "$@"
}'
zpty -w z "bindkey '^I' complete-word"
zpty -w z 'print -r -- READY$((1+1))'
zpty -r z junk '*READY2*'
zpty -w -n z "$2"$'\t'
sleep $3
zpty -w z $'\x15''print -r -- $((6*7))DONE'
zpty -r z out '*42DONE*'
print -r -- "$out" | tr -d '\r' | grep -ao '<<[^>]*>>' | sed 's/^<<//; s/>>$//'
zpty -d z
"#;

#[test]
fn zsh_completes_after_every_subcommand() {
    if !available("zsh") {
        return;
    }
    let (dir, scripts, script) = setup("zsh");
    let driver = scripts.path().join("driver.zsh");
    std::fs::write(&driver, ZSH_DRIVER).expect("write");
    let fpath = script.parent().expect("dir").to_path_buf();
    let run = |line: &str, wait: &str| {
        let out = Command::new("zsh")
            .arg("-f")
            .arg(&driver)
            .arg(&fpath)
            .arg(line)
            .arg(wait)
            .current_dir(dir.path())
            .env("HOME", dir.path())
            .output()
            .expect("zsh runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        offered(&out.stdout)
    };
    let mut results = Vec::new();
    for (line, expected) in cases() {
        let mut got = run(line, "1");
        if got != expected {
            // A loaded machine may answer late: once more, with time to spare.
            got = run(line, "4");
        }
        results.push((line, got, expected));
    }
    check("zsh", results);
}
