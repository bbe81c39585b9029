//! A server of an FT pair that watches its connections in neither direction: no
//! `client_heartbeat_server` with `server_timeout_client_connection` (the server drops a silent
//! client), and no `server_heartbeat_client` with `client_timeout_server_connection` (a client
//! drops a silent server and reconnects). Without them, a connection that dies without a reset
//! (a host that fails, a firewall that forgets the flow) is noticed only when the operating
//! system reports it, and a client does not move to the new active server after a failover.
//!
//! Effective values, not the text: `client_heartbeat_server` omitted or 0 is disabled (EMS
//! 10.4 client-heartbeat-ser.htm); `server_heartbeat_client` omitted or 0 is 5 seconds (EMS
//! 8.5.1, 10.2.1 server-heartbeat-cli.htm), so the server to client direction is on exactly
//! when `client_timeout_server_connection` is set and not 0 (8.6
//! GUID-0D987141-A7FF-47EA-91BF-B64862433AC6: 0 disables); `server_timeout_client_connection`
//! 0 disables (8.7 server-timeout-clien.htm). The default of 5 is documented from 8.5.1 on, the
//! oldest release the catalog covers; a server of an older release without it would have the
//! server-to-client direction off, which this rule cannot see.
//!
//! When the pair's clients include FT adapters (`--clients`), it is an error: TIBCO's adapter
//! FT documentation makes the adapters' failover rest on the server detecting a broken
//! connection quickly (`client_heartbeat_server = 3` on both servers), and with neither
//! direction watched an adapter holding the FT token on a dead connection keeps it, so the
//! standby instance never takes over. adapter-client-heartbeat checks the value itself.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::setting;

pub static META: RuleMeta = RuleMeta {
    code: "FT028",
    name: "connection-heartbeats-absent",
    severity: Severity::Warning,
    category: "ft-timing",
    summary: "a server of the pair detects dead client connections in neither direction",
};

crate::rules::rule!();

/// (heartbeat, the timeout that watches it)
const DIRECTIONS: [(&str, &str); 2] = [
    (
        "client_heartbeat_server",
        "server_timeout_client_connection",
    ),
    (
        "server_heartbeat_client",
        "client_timeout_server_connection",
    ),
];

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    if pair.backup.is_none() {
        return;
    }
    let silent: Vec<(&Server<'_>, String)> = pair
        .servers()
        .filter(|server| {
            !DIRECTIONS
                .iter()
                .any(|&(hb, timeout)| on(server, hb) && on(server, timeout))
        })
        .map(|server| (server, described(server)))
        .collect();
    let groups: Vec<Vec<&(&Server<'_>, String)>> = match silent.as_slice() {
        [a, b] if a.1 == b.1 => vec![vec![a, b]],
        _ => silent.iter().map(|s| vec![s]).collect(),
    };
    for group in groups {
        let Some((first, values)) = group.first().map(|(s, v)| (*s, v)) else {
            continue;
        };
        let who = if group.len() == 2 {
            "neither server watches client connections in either direction".to_string()
        } else {
            format!(
                "{} watches client connections in neither direction",
                first.side().as_str()
            )
        };
        let message = format!(
            "{who} ({values}): a connection that dies without a reset is noticed only when the operating system reports it, and clients may not reconnect to the new active server after a failover"
        );
        let mut finding = Finding::new(&META, message)
            .about("parameter", "client_heartbeat_server")
            .help(
            "set on both servers a heartbeat and a timeout of about three heartbeats, in both directions: client_heartbeat_server = 10, server_timeout_client_connection = 30, server_heartbeat_client = 10, client_timeout_server_connection = 30",
        );
        let adapters = pair.clients.adapters_ft().len();
        if adapters > 0 {
            finding = finding.severity(Severity::Error);
            finding.message.push_str(&format!(
                "; {adapters} fault-tolerant adapter(s) use the pair and fail over only when the server notices a dead connection"
            ));
        }
        for (server, _) in group {
            let line = DIRECTIONS
                .iter()
                .flat_map(|&(hb, timeout)| [hb, timeout])
                .find_map(|name| server.line_of(name));
            finding = match line {
                Some(p) => finding.at(server.side(), server.main(), p.line_span.clone()),
                None => finding.at_file(server.side(), server.main()),
            };
        }
        out.push(finding);
    }
}

/// `client_heartbeat_server 0 (EMS uses disabled), …` for the four parameters.
fn described(server: &Server<'_>) -> String {
    let each: Vec<String> = DIRECTIONS
        .iter()
        .flat_map(|&(hb, timeout)| [hb, timeout])
        .map(|name| format!("{name} {}", setting(server, name).describe()))
        .collect();
    each.join(", ")
}

/// The parameter's effective value is a positive number of seconds.
fn on(server: &Server<'_>, name: &str) -> bool {
    server.number(name).is_some_and(|n| n > 0)
}
