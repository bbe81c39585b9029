//! A key of a JSON configuration that EMS does not know. "Unknown parameters are silently
//! ignored" (EMS 10.1, GUID-DCF4C8FB-9D55-40F5-82DE-FB9E18FABBBF), so a misspelt key leaves
//! the default in force without a word.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::{Pair, ProblemKind};
use crate::rules::hygiene::report_problems;

pub static META: RuleMeta = RuleMeta {
    code: "FT302",
    name: "json-unknown-key",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "a key of tibemsd.json that EMS does not know and silently ignores",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    report_problems(pair, |kind| kind == ProblemKind::JsonUnknownKey, &META, out);
}
