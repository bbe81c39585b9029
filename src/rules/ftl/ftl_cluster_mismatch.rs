//! Both servers of an FTL-store pair are EMS servers of one FTL server cluster: their data and
//! the FT protocol go through it ("the specifics of fault-tolerance are handled by the FTL
//! server cluster", EMS 10.4 users-guide/fault-tolerance-with2.htm), and `ftl_url` names "the
//! FTL server URL list for the FTL server cluster to connect to" (EMS 10.1 GUID-57F8A32C).
//! Two servers whose `ftl_url` lists share no FTL server, or a server whose `ftl_url` names
//! none of the cluster configuration's `core.servers`, use different clusters: each activates
//! on its own data.

use std::collections::BTreeSet;

use crate::ems::tibemsd::Param;
use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::at_param;
use crate::settings::Settings;

pub static META: RuleMeta = RuleMeta {
    code: "FT033",
    name: "ftl-cluster-mismatch",
    severity: Severity::Error,
    category: "ftl",
    summary:
        "the two servers, or a server and the cluster configuration, name different FTL clusters",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    if let [(a, Some((pa, ea))), (b, Some((pb, eb)))] = pair
        .servers()
        .map(|s| (s, urls(s)))
        .collect::<Vec<_>>()
        .as_slice()
    {
        if !ea
            .iter()
            .any(|x| eb.iter().any(|y| same(pair.settings, x, y)))
        {
            let finding = Finding::new(
                &META,
                format!(
                    "the servers name different FTL clusters: `ftl_url` is `{}` on primary and `{}` on backup, with no FTL server in common",
                    pa.value, pb.value
                ),
            )
            .about("parameter", "ftl_url")
            .help("point `ftl_url` of both servers at the FTL servers of the one cluster they share")
            .diff(format!("ftl_url = {}\n", pa.value), format!("ftl_url = {}\n", pb.value));
            out.push(at_param(at_param(finding, a, "ftl_url"), b, "ftl_url"));
        }
    }
    let Some(config) = pair.deployment.and_then(|d| d.ftl.as_ref()) else {
        return;
    };
    let Some(core) = &config.cluster.core_servers else {
        return;
    };
    let members: Vec<(String, String)> = core
        .members
        .iter()
        .filter_map(|m| endpoints(&m.location).into_iter().next())
        .collect();
    if members.is_empty() {
        return;
    }
    for server in pair.servers() {
        let Some((param, ends)) = urls(server) else {
            continue;
        };
        if ends
            .iter()
            .any(|x| members.iter().any(|y| same(pair.settings, x, y)))
        {
            continue;
        }
        out.push(
            Finding::new(
                &META,
                format!(
                    "{}'s `ftl_url` `{}` names none of the FTL servers of {} (`core.servers`)",
                    server.side().as_str(),
                    param.value,
                    config.file.display
                ),
            )
            .at(server.side(), server.main(), param.line_span.clone())
            .at(Side::Primary, &config.file, core.span.clone())
            .about("parameter", "ftl_url")
            .help("point `ftl_url` at the FTL servers listed in `core.servers`"),
        );
    }
}

/// A server on FTL stores with its `ftl_url` and the endpoints it names.
fn urls<'a>(server: &Server<'a>) -> Option<(&'a Param, BTreeSet<(String, String)>)> {
    server.ftl_store()?;
    let param = server.param("ftl_url")?;
    Some((param, endpoints(&param.value)))
}

/// The `host:port` of each URL of an FTL URL list (`http://h1:8585|http://h2:8585`, also
/// with `,`), the host in lower case; a location without a scheme is read the same way.
fn endpoints(list: &str) -> BTreeSet<(String, String)> {
    list.split(['|', ','])
        .filter_map(|url| {
            let url = url.trim();
            let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
            let authority = rest.split('/').next().unwrap_or_default();
            let (host, port) = authority.rsplit_once(':')?;
            let host = host.trim_start_matches('[').trim_end_matches(']');
            (!host.is_empty()).then(|| (host.to_ascii_lowercase(), port.to_string()))
        })
        .collect()
}

fn same(settings: &Settings, a: &(String, String), b: &(String, String)) -> bool {
    a.1 == b.1 && (a.0 == b.0 || settings.same_host(&a.0, &b.0))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_endpoints_of_an_ftl_url_list() {
        let ends = super::endpoints("http://FTL1:8585|https://ftl2:8585/x, host3:9000");
        let ends: Vec<_> = ends.iter().map(|(h, p)| format!("{h}:{p}")).collect();
        assert_eq!(ends, ["ftl1:8585", "ftl2:8585", "host3:9000"]);
    }
}
