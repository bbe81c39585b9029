//! The client and server heartbeat and timeout settings are the same on both servers, so
//! clients and routes see the same liveness checks after a failover (formats.md §13 rule 10).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::compare_param;
use crate::rules::ft_timing::HEARTBEAT_PARAMS;

pub static META: RuleMeta = RuleMeta {
    code: "FT018",
    name: "heartbeat-mismatch",
    severity: Severity::Warning,
    category: "ft-timing",
    summary: "a client or server heartbeat or timeout differs between the servers",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for name in HEARTBEAT_PARAMS {
        compare_param(pair, name, &META, out);
    }
}
