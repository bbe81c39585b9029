//! The client and server heartbeat and timeout settings are the same on both servers, so
//! clients and routes see the same liveness checks after a failover (formats.md §13 rule 10).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::rules::{compare_param, Pair};

pub static META: RuleMeta = RuleMeta {
    code: "FT018",
    name: "heartbeat-mismatch",
    severity: Severity::Warning,
    category: "ft-timing",
    summary: "a client or server heartbeat or timeout differs between the servers",
};

pub const PARAMS: [&str; 6] = [
    "client_heartbeat_server",
    "server_heartbeat_client",
    "server_timeout_client_connection",
    "client_timeout_server_connection",
    "server_heartbeat_server",
    "server_timeout_server_connection",
];

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for name in PARAMS {
        compare_param(pair, name, &META, out);
    }
}
