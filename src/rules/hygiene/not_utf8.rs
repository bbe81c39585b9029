//! A file that is not valid UTF-8. `tibemsconf2json -confencoding` shows EMS files may use
//! other encodings, so this is a warning: the file is read with replacement characters.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::{Pair, ProblemKind};
use crate::rules::hygiene::report_problems;

pub static META: RuleMeta = RuleMeta {
    code: "FT907",
    name: "not-utf8",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "a file is not valid UTF-8",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    report_problems(pair, |kind| kind == ProblemKind::NotUtf8, &META, out);
}
