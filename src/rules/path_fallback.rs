//! Absolute paths that do not exist here were read from beside the main file (DESIGN §2).

use crate::finding::{RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "FT906",
    name: "path-fallback",
    severity: Severity::Info,
    category: "hygiene",
    summary: "absolute paths were read from beside the main file",
};

crate::rules::reported_elsewhere!();
