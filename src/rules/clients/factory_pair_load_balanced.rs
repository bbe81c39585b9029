//! A factory whose `|` (load-balanced) alternatives split the two servers of this pair: one
//! alternative reaches the primary, another the backup, and none lists both. TIBCO: "A set of
//! URLs separated by vertical bars specifies a load balancing among those servers", while "To
//! enable reconnection behavior and fault tolerance, the connection factory's server URL
//! parameter must be a comma-separated list of two or more URLs" (EMS 10.1 factories.conf
//! GUID-270D7C10-7686-44B0-BC11-D7BFF1F33A7E; tibemsConnectionFactory_SetServerURL, EMS 8.6
//! GUID-96874939-721E-4202-B5C4-4BCE2ECB1B99). A client connects to one alternative and
//! reconnects within it only: after a failover it does not reach the other server.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::{listen_list, reaches_server};
use crate::model::Pair;
use crate::rules::clients::{factories, group_text};
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT124",
    name: "factory-pair-load-balanced",
    severity: Severity::Error,
    category: "clients",
    summary:
        "a factory balances the load across the two servers of one pair instead of failing over",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    let mut found = Vec::new();
    for factory in factories(pair).iter().filter(|f| f.list.is_load_balanced()) {
        let reach: Vec<(bool, bool)> = factory
            .list
            .alternatives
            .iter()
            .map(|groups| {
                let urls = || groups.iter().flatten();
                (
                    urls().any(|u| reaches_server(pair.settings, u, &pair.primary)),
                    urls().any(|u| reaches_server(pair.settings, u, backup)),
                )
            })
            .collect();
        let split = reach.iter().any(|&(p, b)| p && !b)
            && reach.iter().any(|&(p, b)| b && !p)
            && !reach.iter().any(|&(p, b)| p && b);
        if !split {
            continue;
        }
        let alternatives: Vec<String> = factory
            .list
            .alternatives
            .iter()
            .map(|groups| {
                let urls: Vec<_> = groups.iter().flatten().cloned().collect();
                group_text(&urls)
            })
            .collect();
        let message = format!(
            "factory `{}` balances its load over {} with `|`: primary ({}) and backup ({}) are in different alternatives, so its clients do not reconnect to the other server after a failover",
            factory.name(),
            alternatives.join(" | "),
            listen_list(&pair.primary),
            listen_list(backup),
        );
        found.push((
            (factory.name(), alternatives.join("|")),
            factory.finding(&META, message).help(
                "join the two servers of the pair with `,` (`tcp://ems-a:7222,tcp://ems-b:7222`); keep `|` between the alternatives of different pairs",
            ),
        ));
    }
    out.extend(merge_twins(found));
}
