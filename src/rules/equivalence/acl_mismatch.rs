//! An ACL entry (one principal on one destination, or `ADMIN`) on one server only, or with
//! different permissions. Permissions compare as a set, `all` as what it grants on that kind
//! of entry, and repeated grants add up as in EMS. TIBCO requires identical access control for
//! unshared pairs (https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-21ACEF74-2C3E-4712-8E21-44348D528E42.html);
//! format: EMS 8.6 acl.conf, https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-7224AA38-DF3A-429F-837A-3DE7FF379D4C.html .

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT105",
    name: "acl-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "an ACL entry is on one server only, or grants different permissions",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions::all(&META);
    compare::report_differences(pair, &compare::ACL, &reporting, out);
}
