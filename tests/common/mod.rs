//! Helpers shared by the integration tests (each test file includes the ones it uses).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// A path under the repository's `testdata/`.
pub fn testdata(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(path)
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The shared corpus of real configurations, when `EMSFTLINT_CORPUS` names it.
pub fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("EMSFTLINT_CORPUS")?);
    assert!(
        dir.is_dir(),
        "EMSFTLINT_CORPUS={} is not a directory",
        dir.display()
    );
    Some(dir)
}
