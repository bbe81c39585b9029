#![no_main]
//! See [`hostile::hostile`]: one temporary directory for the whole run, rewritten per input.

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "hostile.rs"]
mod hostile;

fuzz_target!(|data: &[u8]| {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary directory"));
    hostile::hostile(dir.path(), data);
});
