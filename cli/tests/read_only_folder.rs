//! An archive in a folder this account cannot write (a read-only disk, a share, a colleague's
//! folder) opens for reading; every change is refused with a message that says why.

mod common;

use common::recollect_bin;

use std::{
    os::unix::fs::PermissionsExt,
    path::Path,
    process::{Command, Output},
};

/// Runs the CLI as an account that cannot write `folder`: as `nobody` when the tests run as
/// root (whom file modes do not stop), as this account otherwise.
fn run_without_write(archive: &Path, args: &[&str]) -> Output {
    let root = unsafe { libc::geteuid() } == 0;
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(recollect_bin());
        c
    } else {
        Command::new(recollect_bin())
    };
    command
        .env_remove("RECOLLECT_ARCHIVE")
        .arg("--archive")
        .arg(archive)
        .args(args)
        .output()
        .expect("setpriv (util-linux) runs the command as another account")
}

#[test]
fn an_archive_in_a_read_only_folder_opens_for_reading_and_refuses_changes_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let archive = folder.join("a.db");
    let made = Command::new(recollect_bin())
        .arg("--archive")
        .arg(&archive)
        .arg("sample")
        .output()
        .unwrap();
    assert!(made.status.success());
    // Readable by everyone, writable by nobody but its owner; the folder likewise.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for entry in std::fs::read_dir(&folder).unwrap().flatten() {
        let mode = if entry.path().is_dir() { 0o555 } else { 0o444 };
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let before: Vec<(String, u64)> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().len(),
            )
        })
        .collect();
    let probe = run_without_write(&folder.join("probe.db"), &["interviews", "list"]);
    assert!(
        !probe.status.success(),
        "the folder really cannot be written by the account the command runs as"
    );

    let listed = run_without_write(&archive, &["interviews", "list", "--json"]);
    assert!(
        listed.status.success(),
        "read: {}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let interviews: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(
        interviews.as_array().unwrap().len(),
        4 + 1,
        "the sample's interviews"
    );
    let search = run_without_write(&archive, &["search", "Smilga", "--json"]);
    assert!(
        search.status.success(),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );

    let change = run_without_write(&archive, &["people", "add", "--name", "Nadezhda Joffe"]);
    assert!(!change.status.success());
    let message = String::from_utf8_lossy(&change.stderr);
    assert!(
        message.contains("cannot be changed") && message.contains("cannot write to"),
        "{message}"
    );
    let after: Vec<(String, u64)> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(before, after, "nothing changed on disk");
    // Let the temp folder be removed.
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}
