//! A group defined on one server only, or with other members (a set: order and repeats do not
//! matter) or another description. Permissions granted to the group change with it on
//! failover. A group whose only difference is its description grants the same permissions:
//! that one is reported at info. TIBCO requires identical access control for unshared pairs
//! (https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-21ACEF74-2C3E-4712-8E21-44348D528E42.html); format: EMS 8.6
//! groups.conf, https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-3B809C03-3375-41F1-8C02-80C5183585A7.html .

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT104",
    name: "group-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "a group is on one server only, or its members or description differ",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions::all(&META);
    let mut found = Vec::new();
    compare::report_differences(pair, &compare::GROUPS, &reporting, &mut found);
    let descriptions = ReportOptions {
        rule: &META,
        keep: |_, change| compare::description_only(change),
        unshared_error: false,
    };
    let mut described = Vec::new();
    compare::report_differences(pair, &compare::GROUPS, &descriptions, &mut described);
    // A description changes no permission: the same behaviour written differently.
    for finding in &mut found {
        if described.iter().any(|d| d.message == finding.message) {
            finding.severity = Severity::Info;
        }
    }
    out.extend(found);
}
