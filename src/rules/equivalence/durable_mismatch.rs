//! A static durable subscriber defined on one server only, or with other options (`route`,
//! `clientid`, `nolocal`, selector). After a failover the durable is not created, and
//! messages for it are not kept. Format: EMS 8.6 durables.conf,
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-65F9AC62-C78E-411D-A7B0-50485812CE71.html ;
//! sub-files must be equivalent on both servers (formats.md §13.7).

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT108",
    name: "durable-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "a static durable is on one server only, or has different options",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions::all(&META);
    compare::report_differences(pair, &compare::DURABLES, &reporting, out);
}
