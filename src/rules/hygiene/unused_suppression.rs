//! A `# emsftlint: allow(rule)` comment that silences nothing, or names no rule: the entry
//! it was meant for moved or was fixed, and the comment now hides nothing but may mislead.

use std::ops::Range;

use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::source::FileRef;

pub static META: RuleMeta = RuleMeta {
    code: "FT908",
    name: "unused-suppression",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "an `emsftlint: allow(…)` comment silences nothing",
};

crate::rules::checked_outside_a_pair!();

/// What the registry knows of a name a suppression comment gives.
pub enum Named {
    Rule,
    /// No rule, maybe a misspelling of the rule named here.
    Unknown(Option<&'static str>),
}

/// What a suppression comment at `comment` that names `rule` says, once the findings have
/// been matched against it (`used`): nothing when it silenced one.
pub fn finding(
    rule: &str,
    named: Named,
    used: bool,
    side: Side,
    file: &FileRef,
    comment: Range<usize>,
) -> Option<Finding> {
    let message = match named {
        Named::Unknown(near) => near.map_or_else(
            || format!("`allow({rule})` names no rule"),
            |near| format!("`allow({rule})` names no rule; did you mean `{near}`?"),
        ),
        Named::Rule if !used => format!("`allow({rule})` silences nothing on the next entry"),
        Named::Rule => return None,
    };
    Some(
        Finding::new(&META, message)
            .about("suppression", rule)
            .at(side, file, comment)
            .help("remove the comment, or move it to the line before the entry it is meant for"),
    )
}
