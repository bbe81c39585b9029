#![no_main]
//! See [`targets::pair`]: one temporary directory for the whole run, rewritten per input.

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary directory"));
    targets::pair(dir.path(), data);
});
