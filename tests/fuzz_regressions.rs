//! Every input on which a fuzz target once crashed, replayed through the target's own code
//! (`fuzz/fuzz_targets/targets.rs`): `tests/fuzz_regressions/<target>/<file>`.

#[path = "../fuzz/fuzz_targets/targets.rs"]
mod targets;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Runs `f` on every input of `target` and returns the inputs that panicked.
fn replay(target: &str, f: impl Fn(&[u8])) -> Vec<String> {
    let mut failed = Vec::new();
    for path in inputs(target) {
        let data = std::fs::read(&path).unwrap();
        if catch_unwind(AssertUnwindSafe(|| f(&data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    failed
}

#[test]
fn no_parser_crash_input_crashes_again() {
    let failed: Vec<String> = targets::TARGETS
        .iter()
        .flat_map(|(name, f)| replay(name, f))
        .collect();
    assert!(failed.is_empty(), "these inputs still panic: {failed:#?}");
}

#[test]
fn no_pair_crash_input_crashes_again() {
    let failed = replay("pair", |data| {
        let dir = tempfile::tempdir().unwrap();
        targets::pair(dir.path(), data);
    });
    assert!(failed.is_empty(), "these inputs still panic: {failed:#?}");
}

#[test]
fn every_input_directory_names_a_target() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            name == "pair" || targets::TARGETS.iter().any(|(t, _)| *t == name),
            "tests/fuzz_regressions/{name} names no fuzz target"
        );
    }
}
