//! A `# emsftlint: allow(rule)` comment that silences nothing, or names no rule: the entry
//! it was meant for moved or was fixed, and the comment now hides nothing but may mislead.

use crate::finding::{RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "FT908",
    name: "unused-suppression",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "an `emsftlint: allow(…)` comment silences nothing",
};

crate::rules::reported_elsewhere!();
