//! Heartbeats fit their timeouts. `server_timeout_client_connection` set without
//! `client_heartbeat_server` is a configuration error at startup, and TIBCO recommends a
//! timeout of about three heartbeats (EMS 8.7 users-guide server-timeout-clien.htm;
//! client_timeout_server_connection and server_timeout_server_connection: EMS 8.6
//! GUID-0D987141-A7FF-47EA-91BF-B64862433AC6, EMS 8.7 server-timeout-serve.htm). The server
//! to server timeout is measured against the peer's heartbeat.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::{at_setting, setting};

pub static META: RuleMeta = RuleMeta {
    code: "FT019",
    name: "heartbeat-timeout-incoherent",
    severity: Severity::Warning,
    category: "ft-timing",
    summary: "a timeout without its heartbeat, or a heartbeat above a third of its timeout",
};

crate::rules::rule!();

/// (timeout, the heartbeat it watches, whether that heartbeat comes from the peer)
const PAIRS: [(&str, &str, bool); 3] = [
    (
        "server_timeout_client_connection",
        "client_heartbeat_server",
        false,
    ),
    (
        "client_timeout_server_connection",
        "server_heartbeat_client",
        false,
    ),
    (
        "server_timeout_server_connection",
        "server_heartbeat_server",
        true,
    ),
];

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        for (timeout_name, heartbeat_name, from_peer) in PAIRS {
            let timeout = setting(server, timeout_name);
            let Some(t) = server.number(timeout_name).filter(|&t| t > 0) else {
                continue;
            };
            let hb_server: &Server<'_> = if from_peer {
                pair.servers()
                    .find(|s| s.side() != server.side())
                    .unwrap_or(server)
            } else {
                server
            };
            let heartbeat = setting(hb_server, heartbeat_name);
            let hb = hb_server.number(heartbeat_name).unwrap_or(0);
            let without_heartbeat = hb == 0;
            let message = if without_heartbeat {
                if timeout_name != "server_timeout_client_connection" {
                    continue;
                }
                format!("{} sets {timeout_name} ({t} s) without {heartbeat_name}; EMS reports a configuration error at startup and disconnects every client after {t} s", server.side().as_str())
            } else if 3 * hb > t {
                format!(
                    "{}'s {timeout_name} ({t} s) is less than three times {} {heartbeat_name} ({hb} s)",
                    server.side().as_str(),
                    if hb_server.side() == server.side() { "its".to_string() } else { format!("{}'s", hb_server.side().as_str()) }
                )
            } else {
                continue;
            };
            let mut finding = at_setting(
                Finding::new(&META, message).about("parameter", timeout_name),
                server,
                &timeout,
            )
            .help(format!(
                "set {heartbeat_name} to at most a third of {timeout_name}"
            ));
            // TIBCO: "clients will be disconnected after server_timeout_client_connection
            // seconds" (or the server does not start, with CONFIG_ERRORS).
            if without_heartbeat {
                finding = finding.severity(Severity::Error);
            }
            if let Some(p) = heartbeat.param {
                finding = finding.at(hb_server.side(), hb_server.main(), p.line_span.clone());
            }
            out.push(finding);
        }
    }
}
