//! Rules about the files themselves: reading, syntax, unknown and repeated names.

pub mod acl_unknown_principal;
pub mod baseline_stale;
pub mod destination_property_conflict;
pub mod destination_unknown_store;
pub mod duplicate_entry;
pub mod duplicate_parameter;
pub mod invalid_value;
pub mod json_unknown_key;
pub mod missing_file;
pub mod not_utf8;
pub mod path_fallback;
pub mod path_outside_tree;
pub mod route_to_self;
pub mod syntax;
pub mod transport_reference_undefined;
pub mod unknown_parameter;
pub mod unused_suppression;
pub mod value_out_of_range;

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::{Pair, Problem, ProblemKind};

/// Every problem the model found that `wanted` selects, as a finding of `rule`, in the order
/// the model found them.
pub(crate) fn report_problems(
    pair: &Pair<'_>,
    wanted: impl Fn(ProblemKind) -> bool,
    rule: &'static RuleMeta,
    out: &mut Vec<Finding>,
) {
    for problem in pair.problems().filter(|p| wanted(p.kind)) {
        out.push(finding(problem, rule));
    }
}

/// One problem as a finding of `rule`; a syntax warning keeps its lower severity.
pub(crate) fn finding(problem: &Problem, rule: &'static RuleMeta) -> Finding {
    // What reading and parsing find is about a line (whose text the baseline's
    // fingerprint holds) or a whole file.
    let entity = if problem.span.is_some() {
        "line"
    } else {
        "file"
    };
    let mut finding = Finding::new(rule, problem.message.clone()).about(entity, "");
    if problem.kind == ProblemKind::SyntaxWarning {
        finding = finding.severity(Severity::Warning);
    }
    finding = match &problem.span {
        Some(span) => finding.at(problem.side, &problem.file, span.clone()),
        None => finding.at_file(problem.side, &problem.file),
    };
    match &problem.help {
        Some(help) => finding.help(help.clone()),
        None => finding,
    }
}
