//! The board finds `whoowns.toml` like cargo finds `Cargo.toml`, and says which file it opened.
#![cfg(unix)]

#[path = "common/pty.rs"]
#[allow(dead_code)]
mod pty;

use pty::Pty;

#[test]
fn the_board_opens_the_workspace_of_a_parent_directory_and_says_so() {
    let home = tempfile::tempdir().expect("tempdir");
    let repo = home.path().join("repo");
    let nested = repo.join("docs/social");
    std::fs::create_dir_all(&nested).expect("dirs");
    std::fs::create_dir(repo.join(".git")).expect(".git");
    std::fs::write(repo.join("whoowns.toml"), whoowns::MINIMAL_WORKSPACE).expect("write");
    let data = home.path().join("data");
    let state = home.path().join("state");
    let mut board = Pty::start_in(
        &nested,
        &[],
        &[
            ("HOME", home.path()),
            ("XDG_DATA_HOME", &data),
            ("XDG_STATE_HOME", &state),
        ],
    );
    let screen = board.wait_for("Opened ../../whoowns.toml");
    assert!(screen.contains("Content calendar"), "{screen}");
    board.send("q");
    assert_eq!(board.exit_code(), 0);
    // The default workspace in the data directory was never needed.
    assert!(!data.join("whoowns/workspace.toml").exists());
}
