//! Faithful saves: special files, standard output, mode, owner, attributes, ACLs, hard links,
//! read-only files, leftovers of killed saves and the board's export beside a symbolic link.
#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;
use whoowns::session::{SaveError, Session};
use whoowns::workspace::{Role, WriteOptions};

const TEXT: &str = "whoowns = 1\n[workspace]\nname = \"T\"\n\n[[department]]\nid = \"a\"\nname = \"A\"\n\n[[department]]\nid = \"b\"\nname = \"B\"\n\n[[responsibility]]\nid = \"x\"\nname = \"X\"\naccountable = [\"a\"]\n";

fn workspace(dir: &Path) -> PathBuf {
    let path = dir.join("w.toml");
    std::fs::write(&path, TEXT).expect("write");
    path
}

/// A session on `path` with one unsaved edit (accountable moves from A to B).
fn edited(path: &Path) -> Session {
    let mut session = Session::open(path).expect("valid");
    let change = whoowns::edit::move_role(
        session.workspace(),
        0,
        Role::Accountable,
        Some("a"),
        Some("b"),
        whoowns::edit::DropMode::Move,
    )
    .expect("moves");
    session.apply(change).expect("applies");
    session
}

fn saved_edit(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .expect("read")
        .contains("accountable = [\"b\"]")
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o7777
}

fn charter_of_sample() -> Vec<u8> {
    cargo_bin_cmd!("whoowns")
        .args(["export", "assets/sample.toml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
        .stdout
}

#[test]
fn export_to_dash_and_dev_stdout_writes_standard_output() {
    let expected = charter_of_sample();
    assert!(expected.starts_with(b"# "));
    for target in ["-", "/dev/stdout"] {
        let out = cargo_bin_cmd!("whoowns")
            .args(["export", "assets/sample.toml", "-o", target])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("runs");
        assert!(out.status.success(), "-o {target}: {out:?}");
        assert_eq!(out.stdout, expected, "-o {target}");
    }
}

#[test]
fn export_into_a_fifo_writes_into_it_and_keeps_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe");
    match Command::new("mkfifo").arg(&fifo).status() {
        Ok(status) if status.success() => {}
        _ => {
            println!("skipped: `mkfifo` is not available to make a FIFO");
            return;
        }
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).expect("read the FIFO"))
    };
    let out = cargo_bin_cmd!("whoowns")
        .args(["export", "assets/sample.toml", "-o"])
        .arg(&fifo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(reader.join().expect("reader"), charter_of_sample());
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(&fifo).expect("meta").file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by {kind:?}");
}

#[test]
fn export_to_a_device_writes_into_it_and_a_socket_is_refused() {
    use std::os::unix::fs::FileTypeExt;
    let out = cargo_bin_cmd!("whoowns")
        .args(["export", "assets/sample.toml", "-o", "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let null = std::fs::symlink_metadata("/dev/null").expect("meta");
    assert!(null.file_type().is_char_device());
    // A full device: the error is reported and the device stays a device.
    if Path::new("/dev/full").exists() {
        let out = cargo_bin_cmd!("whoowns")
            .args(["export", "assets/sample.toml", "-o", "/dev/full"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("No space left"),
            "{out:?}"
        );
        let full = std::fs::symlink_metadata("/dev/full").expect("meta");
        assert!(full.file_type().is_char_device(), "/dev/full was replaced");
    } else {
        println!("skipped the /dev/full part: there is no /dev/full here");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let socket = dir.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind");
    let out = cargo_bin_cmd!("whoowns")
        .args(["export", "assets/sample.toml", "-o"])
        .arg(&socket)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a socket"));
    let kind = std::fs::symlink_metadata(&socket)
        .expect("meta")
        .file_type();
    assert!(kind.is_socket());
}

#[test]
fn the_temporary_file_has_the_target_mode_from_the_start_and_the_mode_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workspace(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let mut session = edited(&path);
    let pending = session
        .begin_save(WriteOptions::default(), false)
        .expect("prepares");
    let temps: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert_eq!(temps.len(), 1, "{temps:?}");
    assert_eq!(
        mode(&temps[0]),
        0o600,
        "the temporary copy is readable by others"
    );
    session.finish_save(pending).expect("saves");
    assert!(saved_edit(&path));
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn owner_and_group_are_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workspace(dir.path());
    if std::os::unix::fs::chown(&path, Some(4242), Some(4243)).is_err() {
        println!("skipped: not allowed to give a file another owner here (run as root to test)");
        return;
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).expect("chmod");
    edited(&path).save().expect("saves");
    let meta = std::fs::metadata(&path).expect("meta");
    assert_eq!((meta.uid(), meta.gid()), (4242, 4243));
    assert_eq!(mode(&path), 0o664);
    assert!(saved_edit(&path));
}

#[test]
fn extended_attributes_are_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workspace(dir.path());
    if let Err(e) = xattr::set(&path, "user.whoowns.test", b"kept") {
        println!("skipped: this file system takes no user extended attributes ({e})");
        return;
    }
    edited(&path).save().expect("saves");
    assert!(saved_edit(&path));
    assert_eq!(
        xattr::get(&path, "user.whoowns.test").expect("get"),
        Some(b"kept".to_vec())
    );
}

/// A POSIX access ACL as Linux stores it: user::rw- user:4242:rw- group::r-- mask::rw- other::---.
fn acl_blob() -> Vec<u8> {
    let entries: [(u16, u16, u32); 5] = [
        (0x01, 6, u32::MAX),
        (0x02, 6, 4242),
        (0x04, 4, u32::MAX),
        (0x10, 6, u32::MAX),
        (0x20, 0, u32::MAX),
    ];
    let mut blob = 2u32.to_le_bytes().to_vec();
    for (tag, perm, id) in entries {
        blob.extend(tag.to_le_bytes());
        blob.extend(perm.to_le_bytes());
        blob.extend(id.to_le_bytes());
    }
    blob
}

#[test]
fn an_acl_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workspace(dir.path());
    if let Err(e) = xattr::set(&path, "system.posix_acl_access", &acl_blob()) {
        println!("skipped: this file system takes no POSIX ACLs ({e})");
        return;
    }
    edited(&path).save().expect("saves");
    assert!(saved_edit(&path));
    assert_eq!(
        xattr::get(&path, "system.posix_acl_access").expect("get"),
        Some(acl_blob()),
        "the ACL granting user 4242 was dropped"
    );
}

#[test]
fn a_hard_linked_file_is_not_split_without_asking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workspace(dir.path());
    let other = dir.path().join("other-name.toml");
    std::fs::hard_link(&path, &other).expect("link");
    let mut session = edited(&path);
    match session.save() {
        Err(SaveError::CannotKeep(_, what)) => assert!(what.contains("hard links"), "{what}"),
        other => panic!("expected a question about the links, got {other:?}"),
    }
    assert!(!saved_edit(&path), "nothing written before asking");
    session
        .save_with(WriteOptions {
            overwrite_read_only: false,
            in_place_if_needed: true,
        })
        .expect("saves in place");
    assert!(
        saved_edit(&path) && saved_edit(&other),
        "both names see the save"
    );
    assert_eq!(std::fs::metadata(&path).expect("meta").nlink(), 2);
    assert!(!session.is_dirty());
}

#[test]
fn a_read_only_file_is_written_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workspace(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let mut session = edited(&path);
    assert!(matches!(session.save(), Err(SaveError::ReadOnly(_))));
    assert!(!saved_edit(&path));
    session
        .save_with(WriteOptions {
            overwrite_read_only: true,
            in_place_if_needed: false,
        })
        .expect("saves when asked");
    assert!(saved_edit(&path));
    assert_eq!(mode(&path), 0o444);
    // The CLI cannot ask: it refuses.
    let charter = dir.path().join("c.md");
    std::fs::write(&charter, "keep").expect("write");
    std::fs::set_permissions(&charter, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let out = cargo_bin_cmd!("whoowns")
        .arg("export")
        .arg(&path)
        .arg("-o")
        .arg(&charter)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
    assert_eq!(std::fs::read_to_string(&charter).expect("read"), "keep");
}

#[test]
fn leftovers_of_a_killed_save_are_cleaned_but_a_save_in_progress_is_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workspace(dir.path());
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let leftover = dir.path().join(".whoowns-dead01.tmp");
    let busy = dir.path().join(".whoowns-busy01.tmp");
    for p in [&leftover, &busy] {
        let file = std::fs::File::create(p).expect("create");
        file.set_modified(old).expect("age it");
    }
    // Another saver still writing holds a lock on its temporary file.
    let held = std::fs::File::open(&busy).expect("open");
    held.lock().expect("lock");
    edited(&path).save().expect("saves");
    assert!(!leftover.exists(), "the leftover of a killed save stays");
    assert!(busy.exists(), "a temporary file in use was removed");
    drop(held);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn the_board_export_never_replaces_the_workspace_through_a_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = workspace(dir.path());
    std::os::unix::fs::symlink("w.toml", dir.path().join("w.charter.md")).expect("symlink");
    let session = edited(&path);
    let err = session.export_charter(None).expect_err("refused");
    assert!(err.to_string().contains("workspace itself"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), TEXT);
}
