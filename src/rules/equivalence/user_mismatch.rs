//! A user defined on one server only, or with a password on one server and none on the
//! other: after a failover that user's logins fail, or succeed without a password. TIBCO
//! requires identical access control (users.conf, groups.conf, acl.conf) for unshared pairs
//! (https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-21ACEF74-2C3E-4712-8E21-44348D528E42.html).
//! Password hashes are never compared or shown (they may be salted: security.md §2); the
//! user named like the server is left to the server-user rules (its password always, the
//! user itself when authorization is on).

use crate::compare::{self, Difference, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT102",
    name: "user-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "a user is on one server only, or has a password on one server only",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions {
        rule: &META,
        keep: |pair, change| !compare::description_only(change) && !server_user(pair, change),
        unshared_error: true,
    };
    compare::report_differences(pair, &compare::USERS, &reporting, out);
}

/// With authorization on, the user named like the server is the server-user rules' business.
fn server_user(pair: &Pair<'_>, change: &Difference<'_>) -> bool {
    pair.authorization_on()
        && pair
            .servers()
            .filter_map(|s| s.param("server"))
            .any(|p| p.value == change.key().part(0))
}
