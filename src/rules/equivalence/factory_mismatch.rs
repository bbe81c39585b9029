//! A connection factory defined on one server only, or with another URL, type or reconnect
//! setting: clients that look it up by JNDI get a different factory after a failover. A
//! warning, as factories change how clients connect, not the messages they exchange.
//! Format: EMS 10.1 factories.conf,
//! https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-270D7C10-7686-44B0-BC11-D7BFF1F33A7E.html ;
//! sub-files must be equivalent on both servers (formats.md §13.7).

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT113",
    name: "factory-mismatch",
    severity: Severity::Warning,
    category: "equivalence",
    summary: "a connection factory is on one server only, or is defined differently",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions::all(&META);
    compare::report_differences(pair, &compare::FACTORIES, &reporting, out);
}
