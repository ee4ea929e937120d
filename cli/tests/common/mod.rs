//! What every test of the command line needs: the `recollect` binary Cargo built for them.

use std::path::Path;

/// The CLI binary, built by Cargo before the tests run (no test runs cargo itself).
pub fn recollect_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_recollect"))
}
