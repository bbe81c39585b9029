#![no_main]
//! See [`targets::sharedjmscon`].

use libfuzzer_sys::fuzz_target;

#[path = "targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::sharedjmscon(data));
