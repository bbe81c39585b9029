#![no_main]
//! See [`targets::jndi_properties`].

use libfuzzer_sys::fuzz_target;

#[path = "targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::jndi_properties(data));
