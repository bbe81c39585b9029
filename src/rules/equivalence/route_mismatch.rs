//! A route defined on one server only, or with another `url` or other properties (selectors
//! as sets, URL lists without white space). "Both FT members need the same routes.conf":
//! EMS 8.6 https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-6F0131C5-667E-4B05-B3DA-FD5DA7171F1D.html ;
//! TIBCO requires identical routes for unshared pairs (https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-21ACEF74-2C3E-4712-8E21-44348D528E42.html).

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT106",
    name: "route-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "a route is on one server only, or has a different url or properties",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions::all(&META);
    compare::report_differences(pair, &compare::ROUTES, &reporting, out);
}
