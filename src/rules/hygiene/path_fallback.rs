//! Files named by paths outside the directories emsftlint reads, or by absolute paths that do
//! not exist here, were read from beside the main file (DESIGN §2).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::{Pair, ProblemKind};
use crate::rules::hygiene::report_problems;

pub static META: RuleMeta = RuleMeta {
    code: "FT906",
    name: "path-fallback",
    severity: Severity::Info,
    category: "hygiene",
    summary: "files were read from beside the main file instead of where the configuration says",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    report_problems(pair, |kind| kind == ProblemKind::PathFallback, &META, out);
}
