//! A client of the pair whose EMS URL cannot fail over: an adapter's or BusinessWorks engine's
//! provider URL (`tibco.clientVar.JmsProviderUrl`, a Designer `JmsProviderUrl`, an adapter's
//! `tibco.sdk.faultTolerance.ems.providerUrl`, a JNDI `java.naming.provider.url` with
//! `tibjmsnaming://` URLs) that does not list a listen of each server. Judged as
//! `factory-ft-urls` judges factories: by the host and port rules of `ft_active`, an error when
//! it reaches one server of the pair and not the other (one server named, one host written
//! twice, host-less or `localhost` URLs for servers on two machines), a warning when it reaches
//! neither (it may be another pair's) or when only DNS can tell; `|` load-balanced alternatives
//! that are the pair's two servers are an error, since a load-balanced client connects to one
//! and never fails over to the other. TIBCO: "A fault tolerant URL should contain at least two
//! entries" (KB0088164); "Specify more than one URL separated by commas (,)" for JNDI lookups
//! (EMS User's Guide, "Perform Fault-Tolerant Lookups").

use crate::ems::url::{self, EmsUrl};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::clients::Clients;
use crate::model::ft_link::{is_local, listen_list, on_different_machines, server_reach, Reach};
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::clients::{client_finding, group_text};

pub static META: RuleMeta = RuleMeta {
    code: "FT127",
    name: "client-ft-urls",
    severity: Severity::Error,
    category: "clients",
    summary: "a client's EMS URL does not list both servers of the pair in a way that fails over",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    let servers = [&pair.primary, backup];
    let apart = on_different_machines(pair.settings, &pair.primary, backup) == Some(true);
    for found in pair.clients.urls() {
        let Ok(list) = url::parse_url_list(&found.text) else {
            continue;
        };
        let shown = Clients::shown(&found);
        let at = |message: String| client_finding(&META, found.client, found.prop, message);
        let reach_of = |urls: &[EmsUrl<'_>], server: &Server<'_>| {
            urls.iter()
                .map(|u| server_reach(pair.settings, u, server))
                .max()
                .unwrap_or(Reach::No)
        };
        if list.is_load_balanced() {
            let alternatives: Vec<Vec<EmsUrl<'_>>> = list
                .alternatives
                .iter()
                .map(|groups| groups.iter().flatten().cloned().collect())
                .collect();
            let reaches_both =
                |urls: &[EmsUrl<'_>]| servers.iter().all(|s| reach_of(urls, s) == Reach::Yes);
            let spread = servers
                .iter()
                .all(|s| alternatives.iter().any(|a| reach_of(a, s) == Reach::Yes));
            if spread && !alternatives.iter().any(|a| reaches_both(a)) {
                out.push(at(format!(
                    "{shown} lists the pair's servers as load-balanced (`|`) alternatives: a client connects to one and does not fail over to the other"
                )).help("join the two servers' URLs with `,`, primary's first: `tcp://<primary>:<port>,tcp://<backup>:<port>`"));
            }
            continue;
        }
        for group in list.alternatives.iter().flatten() {
            if apart && group.iter().all(|u| is_local(u.host)) {
                out.push(at(format!(
                    "{shown} names one machine ({}), but primary ({}) and backup ({}) run on different machines",
                    group_text(group),
                    listen_list(&pair.primary),
                    listen_list(backup),
                )).help("write each server's host: `tcp://<primary host>:<port>,tcp://<backup host>:<port>`"));
                continue;
            }
            let reached: Vec<(&Server<'_>, Reach)> =
                servers.iter().map(|s| (*s, reach_of(group, s))).collect();
            let with = |wanted: Reach| -> Vec<String> {
                reached
                    .iter()
                    .filter(|(_, r)| *r == wanted)
                    .map(|(s, _)| format!("{} ({})", s.side().as_str(), listen_list(s)))
                    .collect()
            };
            let (missed, unverified) = (with(Reach::No), with(Reach::NeedsDns));
            if !missed.is_empty() {
                let severity = if missed.len() == 2 {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                let single = if group.len() < 2 {
                    ": a single URL cannot fail over"
                } else {
                    ""
                };
                out.push(
                    at(format!(
                        "{shown}{} reaches no listen of {}{single}",
                        part_of(&list, group),
                        missed.join(" nor of "),
                    ))
                    .severity(severity)
                    .help("list one listen URL of each server, primary's first, joined by `,`; if a host is an alias, declare it under [hosts] in emsftlint.toml"),
                );
            } else if !unverified.is_empty() {
                out.push(
                    at(format!(
                        "{shown}{} reaches {} only if its hosts name those machines, which cannot be checked without DNS",
                        part_of(&list, group),
                        unverified.join(" and "),
                    ))
                    .severity(Severity::Warning)
                    .help("if a URL's host is another name of the server's listen host, declare it in emsftlint.toml: [hosts] \"<listen host>\" = [\"<url host>\"]"),
                );
            }
        }
    }
}

/// `, whose group tcp://a:1, tcp://b:1,` when the list has more than one group; else nothing.
fn part_of(list: &url::UrlList<'_>, group: &[EmsUrl<'_>]) -> String {
    if list.alternatives.iter().flatten().count() > 1 {
        format!(" (its group {})", group_text(group))
    } else {
        String::new()
    }
}
