//! A file the configuration names (or the main file) leads outside the directories emsftlint
//! reads, and was not opened (DESIGN §3, "Hostile text and reading").

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::{Pair, ProblemKind};
use crate::rules::hygiene::report_problems;

pub static META: RuleMeta = RuleMeta {
    code: "FT909",
    name: "path-outside-tree",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "a file the configuration names is outside the directories emsftlint reads",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    report_problems(pair, |kind| kind == ProblemKind::OutsideTree, &META, out);
}
