//! With `--discover`: a route, on any server of the tree, that leads to an FT pair of the tree
//! must list both servers of the pair, and its name must be the pair's `server` name. TIBCO:
//! "a route specification can specify primary and secondary passive servers, so that if the
//! route to the active-state server fails, the active-route server can connect to the
//! standby-state server and resume routing" (EMS User's Guide, "Routes to Fault-Tolerant
//! Servers"); "name is the name of the server at the other end of the route" ("Configure
//! Routes and Zones"; `create route`: "The name must be the name of the other server to which
//! the route connects"). A route that reaches one server of the pair breaks at failover; one
//! named otherwise is not the route that server accepts. Hosts match as for `ft_active`.
//!
//! A route whose URLs name no host (`tcp://7222`, `localhost`) leads to a server of the
//! pair only when both run on one machine, which the files of two servers cannot show: such a
//! finding is a warning (TIBCO's own samples put a route and an FT pair on one machine this
//! way).

use crate::ems::host::Host;
use crate::ems::url;
use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::model::clients::estate::{Estate, EstateRoute, EstateServer};
use crate::model::ft_link::{reach, Reach};
use crate::settings::Settings;

pub static META: RuleMeta = RuleMeta {
    code: "FT133",
    name: "route-to-pair",
    severity: Severity::Error,
    category: "clients",
    summary: "a route to an FT pair does not list both servers, or is not named after the pair",
};

crate::rules::checked_outside_a_pair!();

/// The findings of every route of the estate that leads to one of its FT pairs.
pub fn findings(estate: &Estate<'_>, settings: &Settings) -> Vec<Finding> {
    let mut out = Vec::new();
    for (from, server) in estate.servers.iter().enumerate() {
        for route in &server.routes {
            let Ok(list) = url::parse_url_list(route.url) else {
                continue;
            };
            for &(p, b) in &estate.pairs {
                if from == p || from == b {
                    continue;
                }
                let (primary, backup) = (&estate.servers[p], &estate.servers[b]);
                let reached = |target: &EstateServer<'_>| {
                    list.urls().any(|u| {
                        target
                            .listens
                            .iter()
                            .any(|l| reach(settings, u, l) == Reach::Yes)
                    })
                };
                // Every URL host-less or loopback: the same machine only if the servers share one.
                let by_machine_only = list.urls().all(|u| {
                    matches!(
                        u.host_meaning(),
                        None | Some(Host::Unspecified | Host::Loopback)
                    )
                });
                let judged = |span, message: String| {
                    let finding = at(route, span, message);
                    if by_machine_only {
                        finding.severity(Severity::Warning)
                    } else {
                        finding
                    }
                };
                let (to_primary, to_backup) = (reached(primary), reached(backup));
                if !to_primary && !to_backup {
                    continue;
                }
                if to_primary != to_backup {
                    let (hit, missed) = if to_primary {
                        (primary, backup)
                    } else {
                        (backup, primary)
                    };
                    out.push(
                        judged(route.url_span.clone(), format!(
                            "route `{}` on {} reaches {} of an FT pair but not its partner {}: the route breaks at failover",
                            route.name, server.display, hit.display, missed.display
                        ))
                        .help("list both servers' URLs, joined by `,`: url = tcp://<primary>:<port>,tcp://<backup>:<port>"),
                    );
                }
                let pair_name = primary.name.or(backup.name);
                if let Some(name) = pair_name.filter(|n| *n != route.name) {
                    out.push(
                        judged(route.name_span.clone(), format!(
                            "route `{}` on {} leads to the FT pair named `{name}` ({} and {}): a route's name must be the server name of the other end",
                            route.name, server.display, primary.display, backup.display
                        ))
                        .help(format!("rename the route [{name}]")),
                    );
                }
            }
        }
    }
    out
}

fn at(route: &EstateRoute<'_>, span: std::ops::Range<usize>, message: String) -> Finding {
    Finding::new(&META, message)
        .about("route", route.name)
        .at(Side::Primary, route.file, span)
}
