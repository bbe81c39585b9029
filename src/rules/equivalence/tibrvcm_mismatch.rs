//! A pre-registered RVCM listener (tibrvcm.conf) on one server only: certified delivery to
//! that listener starts only after a failover's first message, and messages sent before are
//! not certified. Format: TIBCO's EMS 8.6 sample tibrvcm.conf (formats.md §11); sub-files
//! must be equivalent on both servers (formats.md §13.7,
//! https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-21ACEF74-2C3E-4712-8E21-44348D528E42.html).

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT112",
    name: "tibrvcm-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "an RVCM listener is on one server only",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions::all(&META);
    compare::report_differences(pair, &compare::TIBRVCM, &reporting, out);
}
