//! `ft_reconnect_timeout` is the same on both servers: it is how long the new active server
//! keeps the state of clients that have not reconnected yet (EMS 8.7 users-guide
//! ft-reconnect-timeout.htm).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::compare_param;

pub static META: RuleMeta = RuleMeta {
    code: "FT016",
    name: "ft-reconnect-timeout-mismatch",
    severity: Severity::Warning,
    category: "ft-timing",
    summary: "`ft_reconnect_timeout` differs between the servers",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    compare_param(pair, "ft_reconnect_timeout", &META, out);
}
