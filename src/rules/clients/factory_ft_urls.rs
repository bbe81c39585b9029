//! An FT connection factory (URLs joined by `,`) whose URLs do not reach a `listen` of each
//! server of the pair: clients of that factory cannot fail over. "FT factories must list both
//! servers' URLs, comma-separated" (EMS 8.6
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-C526E58C-12C5-4E04-A036-B2AE92CF2521.html ;
//! formats.md §13.11). Hosts match as for `ft_active` (by meaning, `[hosts]` aliases, or a
//! listen on every interface); a name against an address, or a short name against a fully
//! qualified one, needs DNS and is said so. A URL without a host is expanded at lookup to the
//! host of the server that serves the factory, and `localhost` is the client's own machine
//! (S86/factories.conf, "Important Note"): such a URL is checked by scheme and port, and a group
//! of only such URLs names one machine, which misses one server when the files show the two on
//! different machines. In a `+` or `|` list, groups that reach neither server belong to another
//! pair and are skipped. An error when the list reaches one server of the pair and not the
//! other: its clients cannot follow a failover. A warning when a plain list reaches neither
//! (it may be meant for another pair) or when only DNS can settle it.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::{is_local, listen_list, on_different_machines, server_reach, Reach};
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::clients::{factories, ft_groups, group_text};
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT117",
    name: "factory-ft-urls",
    severity: Severity::Error,
    category: "clients",
    summary: "an FT factory's URLs do not reach a listen of each server",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    let servers = [&pair.primary, backup];
    let apart = on_different_machines(pair.settings, &pair.primary, backup) == Some(true);
    let mut found = Vec::new();
    for factory in factories(pair) {
        let plain = !factory.list.is_unshared() && !factory.list.is_load_balanced();
        for group in ft_groups(&factory.list) {
            if apart && group.iter().all(|u| is_local(u.host)) {
                let message = format!(
                    "FT factory `{}` lists {}, which names one machine, but primary ({}) and backup ({}) run on different machines",
                    factory.name(),
                    group_text(group),
                    listen_list(&pair.primary),
                    listen_list(backup),
                );
                let help = "a URL without a host is expanded at lookup to the host of the server that serves it, and `localhost` is the client's own machine: write each server's host, `tcp://<primary host>:<port>,tcp://<backup host>:<port>`";
                found.push((
                    (factory.name(), group_text(group), Vec::new()),
                    factory.finding(&META, message).help(help),
                ));
                continue;
            }
            let reached: Vec<(&Server<'_>, Reach)> = servers
                .into_iter()
                .map(|server| {
                    let best = group
                        .iter()
                        .map(|u| server_reach(pair.settings, u, server))
                        .max();
                    (server, best.unwrap_or(Reach::No))
                })
                .collect();
            let with = |wanted: Reach| -> Vec<&Server<'_>> {
                reached
                    .iter()
                    .filter(|(_, r)| *r == wanted)
                    .map(|(s, _)| *s)
                    .collect()
            };
            let (missed, unverified) = (with(Reach::No), with(Reach::NeedsDns));
            let who = |servers: &[&Server<'_>]| -> Vec<String> {
                servers
                    .iter()
                    .map(|s| format!("{} ({})", s.side().as_str(), listen_list(s)))
                    .collect()
            };
            if !missed.is_empty() && (plain || missed.len() < 2) {
                let who = who(&missed);
                let message = format!(
                    "FT factory `{}` lists {}, which reaches no listen of {}",
                    factory.name(),
                    group_text(group),
                    who.join(" nor of "),
                );
                let help = "list one listen URL of each server, primary's first, joined by `,`; if a host is an alias, declare it under [hosts] in emsftlint.toml";
                // A list that reaches neither server may be meant for another pair.
                let severity = if missed.len() == 2 {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                found.push((
                    (factory.name(), group_text(group), who),
                    factory
                        .finding(&META, message)
                        .help(help)
                        .severity(severity),
                ));
            } else if missed.is_empty() && !unverified.is_empty() {
                let who = who(&unverified);
                let message = format!(
                    "FT factory `{}` lists {}, which reaches {} only if its hosts name those machines, which cannot be checked without DNS",
                    factory.name(),
                    group_text(group),
                    who.join(" and "),
                );
                let help = "if a URL's host is another name of the server's listen host, declare it in emsftlint.toml: [hosts] \"<listen host>\" = [\"<url host>\"]";
                found.push((
                    (factory.name(), group_text(group), who),
                    factory
                        .finding(&META, message)
                        .help(help)
                        .severity(Severity::Warning),
                ));
            }
        }
    }
    out.extend(merge_twins(found));
}
