//! Fault-tolerant adapters use the pair while `client_heartbeat_server` is not set on both
//! servers, or differs between them: "To detect broken connections more quickly, you can add
//! the client_heartbeat_server=3 property to the tibemsd.conf files of all the primary servers
//! and standby servers" (ActiveMatrix Adapter for Files 1.2, "Fault Tolerance"). Not set is
//! the documentation's advice (info); set differently, the adapters detect a broken connection
//! at a pace that depends on which server is active (warning).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::clients::client_finding;

pub static META: RuleMeta = RuleMeta {
    code: "FT131",
    name: "adapter-client-heartbeat",
    severity: Severity::Info,
    category: "clients",
    summary: "FT adapters use the pair while client_heartbeat_server is unset or differs",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let adapters = pair.clients.adapters_ft();
    let Some(first) = adapters.first() else {
        return;
    };
    let values: Vec<(String, Option<String>)> = pair
        .servers()
        .map(|s| {
            let value = s
                .param("client_heartbeat_server")
                .map(|p| p.value.trim().to_string());
            (s.side().as_str().to_string(), value)
        })
        .collect();
    let unset: Vec<&str> = values
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(side, _)| side.as_str())
        .collect();
    let set: Vec<&str> = values.iter().filter_map(|(_, v)| v.as_deref()).collect();
    let finding = if !unset.is_empty() {
        client_finding(
            &META,
            first.client,
            first.enabled,
            format!(
                "{} fault-tolerant adapter(s) use the pair, and client_heartbeat_server is not set on {}",
                adapters.len(),
                unset.join(" nor on ")
            ),
        )
    } else if set.windows(2).any(|w| w[0] != w[1]) {
        client_finding(
            &META,
            first.client,
            first.enabled,
            format!(
                "{} fault-tolerant adapter(s) use the pair, and client_heartbeat_server differs between the servers ({})",
                adapters.len(),
                set.join(" and ")
            ),
        )
        .severity(Severity::Warning)
    } else {
        return;
    };
    out.push(finding.help("set client_heartbeat_server = 3 in both servers' tibemsd.conf (TIBCO's advice for FT adapters)"));
}
