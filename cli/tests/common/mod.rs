//! What every test of the command line needs: the `recollect` binary Cargo built for them, run
//! on an archive as a curator's script would run it.

// Each test file is a crate of its own and uses some of these.
#![allow(dead_code)]

use std::{
    path::Path,
    process::{Command, Output},
};

use serde_json::Value;

/// The CLI binary, built by Cargo before the tests run (no test runs cargo itself).
pub fn recollect_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_recollect"))
}

/// `recollect --archive ARCHIVE ARGS...`, run to its end.
pub fn run(archive: &Path, args: &[&str]) -> Output {
    command()
        .arg("--archive")
        .arg(archive)
        .args(args)
        .output()
        .expect("recollect runs")
}

/// `recollect ARGS...` with no archive, for the commands that read only the files they are given.
pub fn run_without_archive(args: &[&str]) -> Output {
    command().args(args).output().expect("recollect runs")
}

/// The binary as every test runs it: the curator is "Curator" whatever the machine's user is
/// (provenance names them), and no archive comes from the environment.
fn command() -> Command {
    let mut command = Command::new(recollect_bin());
    command
        .env("USER", "Curator")
        .env_remove("RECOLLECT_ARCHIVE");
    command
}

/// What a command that must succeed printed.
pub fn succeeded(out: &Output) -> String {
    printed(out, "recollect")
}

/// What `recollect --archive ARCHIVE ARGS...` printed; it must succeed.
pub fn ok(archive: &Path, args: &[&str]) -> String {
    printed(&run(archive, args), &format!("{args:?}"))
}

fn printed(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("recollect prints UTF-8")
}

/// The JSON `recollect --archive ARCHIVE ARGS...` printed; it must succeed.
pub fn json(archive: &Path, args: &[&str]) -> Value {
    let printed = ok(archive, args);
    serde_json::from_str(&printed)
        .unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {printed}"))
}

/// What a command that must be refused said on stderr.
pub fn refused(archive: &Path, args: &[&str]) -> String {
    let out = run(archive, args);
    assert!(
        !out.status.success(),
        "{args:?} should be refused: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}
