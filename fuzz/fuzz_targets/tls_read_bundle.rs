#![no_main]
//! See [`targets::tls_read_bundle`].

use libfuzzer_sys::fuzz_target;

#[path = "targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::tls_read_bundle(data));
