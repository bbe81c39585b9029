//! The time a server gives an incoming connection, the FT peer's included, to complete its
//! (TLS) handshake. TIBCO: "If either [server_timeout_server_connection or
//! server_timeout_client_connection] is specified, the connection handshake times out only
//! after the duration mentioned in one of these properties. If both are specified, the largest
//! of the two values is used. If neither is specified, you can set the period (in seconds)
//! using handshake_timeout. The period specified must be a positive integer. If absent, the
//! timeout defaults to 3 seconds." It also bounds "the amount of time the server waits for an
//! incoming TLS connection to complete the TLS handshake" (EMS 10.1
//! GUID-93C0E010-4296-42FB-8FEF-08A46946C3D2; 8.5 the same page). Compared by effective value:
//! a `handshake_timeout` that a server timeout overrides changes nothing.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::at_param;

pub static META: RuleMeta = RuleMeta {
    code: "FT216",
    name: "handshake-timeout-mismatch",
    severity: Severity::Warning,
    category: "tls",
    summary: "the servers give a connection's handshake different times, or less than the default",
};

crate::rules::rule!();

const DEFAULT: u64 = 3;
const OVERRIDES: [&str; 2] = [
    "server_timeout_server_connection",
    "server_timeout_client_connection",
];

/// A server's handshake timeout in seconds, and the parameter it comes from (none: the default).
fn effective(server: &Server<'_>) -> (u64, Option<&'static str>) {
    let overriding = OVERRIDES
        .iter()
        .filter_map(|&name| server.number(name).filter(|&n| n > 0).map(|n| (n, name)))
        .max_by_key(|&(n, _)| n);
    if let Some((n, name)) = overriding {
        return (n, Some(name));
    }
    match server
        .param("handshake_timeout")
        .and_then(|_| server.number("handshake_timeout"))
    {
        Some(n) => (n, Some("handshake_timeout")),
        None => (DEFAULT, None),
    }
}

fn describe(server: &Server<'_>) -> String {
    match effective(server) {
        (n, Some(name)) => format!("{n} s ({name})"),
        (n, None) => format!("{n} s (the default)"),
    }
}

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        let (n, from) = effective(server);
        if from == Some("handshake_timeout") && n < DEFAULT {
            let message = format!(
                "{}'s handshake_timeout is {n} s, below the default of {DEFAULT} s: the server closes an incoming connection (the FT peer's, a client's) whose TLS handshake takes longer{}",
                server.side().as_str(),
                if n == 0 { "; 0 is not the positive integer the docs ask for" } else { "" }
            );
            out.push(
                at_param(
                    Finding::new(&META, message).about("parameter", "handshake_timeout"),
                    server,
                    "handshake_timeout",
                )
                .help("remove handshake_timeout (3 s), or set it to 3 or more on both servers"),
            );
        }
    }
    let Some(backup) = &pair.backup else { return };
    let (a, b) = (effective(&pair.primary), effective(backup));
    // Without handshake_timeout on either side, a difference comes from the server timeouts:
    // `heartbeat-mismatch` reports those.
    let written = |from: Option<&str>| from == Some("handshake_timeout");
    if a.0 == b.0 || !(written(a.1) || written(b.1)) {
        return;
    }
    let message = format!(
        "the servers wait different times for an incoming connection's handshake: {} on primary, {} on backup, so the FT link and clients' TLS handshakes time out differently after a failover",
        describe(&pair.primary),
        describe(backup)
    );
    let mut finding = Finding::new(&META, message)
        .about("parameter", "handshake_timeout")
        .help(
        "set handshake_timeout (and the server timeouts that override it) alike on both servers",
    );
    for (server, (_, from)) in [(&pair.primary, a), (backup, b)] {
        finding = at_param(finding, server, from.unwrap_or("handshake_timeout"));
    }
    out.push(finding);
}
