//! A file the configuration names (or the main file) is absent, not a regular file, or unreadable.

use crate::finding::{RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "FT901",
    name: "missing-file",
    severity: Severity::Error,
    category: "hygiene",
    summary: "a file the configuration names cannot be read",
};

crate::rules::reported_elsewhere!();
