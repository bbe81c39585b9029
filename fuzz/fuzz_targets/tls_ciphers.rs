#![no_main]
//! See [`targets::tls_ciphers`].

use libfuzzer_sys::fuzz_target;

#[path = "targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::tls_ciphers(data));
