//! A user whose description differs between the two users.conf files (quotes do not
//! matter). Descriptions change no behaviour, so this stays `info` even in unshared mode;
//! it shows that the files are edited apart. Format: EMS 8.6 users.conf,
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-54D7EE98-6D67-4505-A57F-304BEB9FE19F.html .

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT103",
    name: "user-description-mismatch",
    severity: Severity::Info,
    category: "equivalence",
    summary: "a user's description differs between the servers",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions {
        rule: &META,
        keep: |_, change| compare::description_only(change),
        unshared_error: false,
    };
    compare::report_differences(pair, &compare::USERS, &reporting, out);
}
