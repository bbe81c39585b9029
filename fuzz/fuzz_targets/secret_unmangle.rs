#![no_main]
//! See [`targets::secret_unmangle`].

use libfuzzer_sys::fuzz_target;

#[path = "targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::secret_unmangle(data));
