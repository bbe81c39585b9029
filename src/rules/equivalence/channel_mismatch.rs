//! A multicast channel defined on one server only, or with another address or property:
//! topics that name it (`channel=`) stop reaching multicast consumers after a failover.
//! Format: TIBCO's EMS 8.6 sample channels.conf (formats.md §11); sub-files must be
//! equivalent on both servers (formats.md §13.7,
//! https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-21ACEF74-2C3E-4712-8E21-44348D528E42.html).

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT110",
    name: "channel-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "a multicast channel is on one server only, or is defined differently",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions::all(&META);
    compare::report_differences(pair, &compare::CHANNELS, &reporting, out);
}
