//! A bridge (source → target) defined on one server only, or with a different selector
//! (white space in the selector does not matter). After a failover messages stop flowing to
//! the target, or flow with another filter. Format: EMS 8.6 bridges.conf,
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-6CA6B691-37EC-4D5E-B08D-62BE08D30375.html ;
//! sub-files must be equivalent on both servers (formats.md §13.7).

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT107",
    name: "bridge-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "a bridge is on one server only, or has a different selector",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions::all(&META);
    compare::report_differences(pair, &compare::BRIDGES, &reporting, out);
}
