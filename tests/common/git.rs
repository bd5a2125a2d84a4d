//! A git repository set up with whoowns as its merge driver, as the README says.

use std::path::PathBuf;
use std::process::{Command, Output};

use assert_cmd::cargo::cargo_bin;

/// The workspace file the repositories hold.
pub const FILE: &str = "whoowns.toml";

/// A git repository in a temporary directory, with the driver set up as the README says.
pub struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    pub fn new(base: &str) -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Test"]);
        repo.git(&["config", "user.email", "test@example.com"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo.git(&["config", "merge.whoowns.name", "whoowns semantic merge"]);
        let driver = format!("'{}' merge %O %A %B -o %A", cargo_bin("whoowns").display());
        repo.git(&["config", "merge.whoowns.driver", &driver]);
        std::fs::write(repo.path(".gitattributes"), "whoowns.toml merge=whoowns\n").expect("write");
        repo.write(base);
        repo.git(&["add", "."]);
        repo.git(&["commit", "-q", "-m", "base"]);
        repo
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run_git(&self, args: &[&str]) -> Output {
        Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join(".data"))
            .env("XDG_STATE_HOME", self.dir.path().join(".state"))
            .output()
            .expect("git runs")
    }

    pub fn git(&self, args: &[&str]) -> Output {
        let out = self.run_git(args);
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn write(&self, text: &str) {
        std::fs::write(self.path(FILE), text).expect("write");
    }

    pub fn read(&self) -> String {
        std::fs::read_to_string(self.path(FILE)).expect("read")
    }

    pub fn commit(&self, message: &str) {
        self.git(&["commit", "-q", "-am", message]);
    }

    /// Commits `theirs` on a branch and `ours` on main, then merges the branch into main.
    /// Returns `git merge`'s output.
    pub fn merge(&self, ours: &str, theirs: &str) -> Output {
        self.git(&["checkout", "-q", "-b", "theirs"]);
        self.write(theirs);
        self.commit("theirs");
        self.git(&["checkout", "-q", "main"]);
        self.write(ours);
        self.commit("ours");
        self.run_git(&["merge", "--no-edit", "theirs"])
    }
}
