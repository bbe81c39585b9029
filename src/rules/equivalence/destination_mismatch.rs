//! A queue or topic defined on one server only, or with different properties (compared by
//! meaning: property order, case of names, sizes and times in any unit, quoting of lists).
//! After a failover the clients find a destination missing or behaving differently (other
//! limits, another store, no `secure`). TIBCO requires identical destinations for unshared
//! pairs (https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-21ACEF74-2C3E-4712-8E21-44348D528E42.html); with shared state the
//! configuration is not replicated, so TIBCO's own FT sample points both servers at the same
//! queues.conf and topics.conf (formats.md §13.7). Properties: EMS 8.6
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-EE423898-3C90-4F54-84D6-026F85ACD6E4.html .

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT101",
    name: "destination-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "a queue or topic is on one server only, or has different properties",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions::all(&META);
    compare::report_differences(pair, &compare::QUEUES, &reporting, out);
    compare::report_differences(pair, &compare::TOPICS, &reporting, out);
}
