#![no_main]
//! See [`targets::ftl_yaml`].

use libfuzzer_sys::fuzz_target;

#[path = "targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::ftl_yaml(data));
