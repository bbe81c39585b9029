//! A line that cannot be parsed. Reported by the parsers; parsing goes on after it.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::{Pair, ProblemKind};
use crate::rules::hygiene::report_problems;

pub static META: RuleMeta = RuleMeta {
    code: "FT900",
    name: "syntax",
    severity: Severity::Error,
    category: "hygiene",
    summary: "a line that cannot be parsed",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    report_problems(
        pair,
        |kind| matches!(kind, ProblemKind::Syntax | ProblemKind::SyntaxWarning),
        &META,
        out,
    );
}
