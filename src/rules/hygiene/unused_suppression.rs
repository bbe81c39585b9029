//! A `# emsftlint: allow(rule)` comment that silences nothing, or names no rule: the entry
//! it was meant for moved or was fixed, and the comment now hides nothing but may mislead.

use std::ops::Range;

use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::rules;
use crate::source::FileRef;

pub static META: RuleMeta = RuleMeta {
    code: "FT908",
    name: "unused-suppression",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "an `emsftlint: allow(…)` comment silences nothing",
};

crate::rules::reported_elsewhere!();

/// What a suppression comment at `comment` that names `rule` says, once the findings have
/// been matched against it (`used`): nothing when it silenced one.
pub fn finding(
    rule: &str,
    used: bool,
    side: Side,
    file: &FileRef,
    comment: Range<usize>,
) -> Option<Finding> {
    let message = match rules::find(rule) {
        None => rules::did_you_mean(rule).map_or_else(
            || format!("`allow({rule})` names no rule"),
            |near| format!("`allow({rule})` names no rule; did you mean `{near}`?"),
        ),
        Some(_) if !used => format!("`allow({rule})` silences nothing on the next entry"),
        Some(_) => return None,
    };
    Some(
        Finding::new(&META, message)
            .at(side, file, comment)
            .help("remove the comment, or move it to the line before the entry it is meant for"),
    )
}
