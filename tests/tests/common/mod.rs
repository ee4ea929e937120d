//! What every cross-crate test needs: the `recollect` binary, built once per test run.

use std::{
    path::{Path, PathBuf},
    process::Command,
    sync::OnceLock,
};

/// The CLI binary, built once for this test run.
pub fn recollect_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "-p", "recollect-cli"])
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the CLI builds");
        // target/debug/deps/<this test> -> target/debug/recollect
        let exe = std::env::current_exe().unwrap();
        exe.parent()
            .unwrap()
            .parent()
            .unwrap()
            .join(format!("recollect{}", std::env::consts::EXE_SUFFIX))
    })
}
