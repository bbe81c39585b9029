//! A line that cannot be parsed. Reported by the parsers; parsing goes on after it.

use crate::finding::{RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "FT900",
    name: "syntax",
    severity: Severity::Error,
    category: "hygiene",
    summary: "a line that cannot be parsed",
};

crate::rules::reported_elsewhere!();
