//! An entry of the `--baseline` file that matches no finding of this run: the drift it
//! recorded was fixed or changed, and the entry would hide nothing today.

use std::ops::Range;

use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::source::FileRef;

pub static META: RuleMeta = RuleMeta {
    code: "FT910",
    name: "baseline-stale",
    severity: Severity::Info,
    category: "hygiene",
    summary: "a baseline entry matches no finding any more",
};

crate::rules::checked_outside_a_pair!();

/// Whether `finding` is this rule's (a baseline never records its own stale entries).
pub fn raised(finding: &Finding) -> bool {
    std::ptr::eq(finding.rule, &META)
}

/// What a stale entry says: `what` describes it (rule, entity, file), `span` is its line in
/// the baseline file, if found there.
pub fn finding(what: &str, file: &FileRef, span: Option<Range<usize>>) -> Finding {
    let finding = Finding::new(
        &META,
        format!("baseline entry matches no finding: {what}"),
    )
    .help("the drift it records was fixed or has changed; `--write-baseline` rewrites the file without it")
    .about("baseline entry", what);
    // The baseline belongs to no server; its location is named as the primary's.
    match span {
        Some(span) => finding.at(Side::Primary, file, span),
        None => finding.at_file(Side::Primary, file),
    }
}
