//! A Rendezvous, FTL or other transport defined on one server only, or with other
//! properties: imports and exports through it stop or change after a failover. Format:
//! TIBCO's EMS 8.6 sample transports.conf and EMS 10.5
//! https://docs.tibco.com/pub/ems/10.5.0/doc/html/users-guide/transport-specific-p.htm
//! (formats.md §11); sub-files must be equivalent on both servers (formats.md §13.7).

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT111",
    name: "transport-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "a transport is on one server only, or is defined differently",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions::all(&META);
    compare::report_differences(pair, &compare::TRANSPORTS, &reporting, out);
}
