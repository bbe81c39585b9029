//! A file the configuration names (or the main file) is absent, not a regular file, or unreadable.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::{Pair, Problem, ProblemKind};
use crate::rules::hygiene::report_problems;

pub static META: RuleMeta = RuleMeta {
    code: "FT901",
    name: "missing-file",
    severity: Severity::Error,
    category: "hygiene",
    summary: "a file the configuration names cannot be read",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    report_problems(pair, |kind| kind == ProblemKind::Unreadable, &META, out);
}

/// A file that cannot be read, found outside a pair (`--discover`'s walk).
pub fn finding(problem: &Problem) -> Finding {
    crate::rules::hygiene::finding(problem, &META)
}
