//! "A client making a fault-tolerant connection to these EMS servers would specify only the
//! URLs of the fault-tolerant EMS server pair. The URL of the standby_only EMS server should
//! not be used since that EMS server will never activate" (EMS 10.4
//! users-guide/fault-tolerance-with2.htm). A factory URL that reaches the standby-only EMS
//! server (a `-listens` URL of its tibemsd service; one on every interface stands for the
//! host of its FTL server in `core.servers`) is an error: a client that tries it waits on a
//! server that never accepts it.

use std::collections::HashMap;
use std::ops::Range;

use crate::ems::url::EmsUrl;
use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::model::ft_link::reaches;
use crate::model::Pair;
use crate::rules::clients::factories;
use crate::rules::ftl::{core_host, listen_urls, standby_only};
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT032",
    name: "ftl-standby-only-in-client-urls",
    severity: Severity::Error,
    category: "ftl",
    summary: "a factory lists the URL of the standby_only EMS server, which never activates",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(config) = pair.deployment.and_then(|d| d.ftl.as_ref()) else {
        return;
    };
    let Some((server, service)) = standby_only(config) else {
        return;
    };
    let host = core_host(config, &server.name);
    // Each listen as clients reach it, with how it is written.
    let standby: Vec<(EmsUrl<'_>, String, Range<usize>)> = listen_urls(service)
        .into_iter()
        .filter_map(|(url, span)| {
            let written = url.to_string();
            if !url.listens_on_all_interfaces() {
                return Some((url, written, span));
            }
            let h = host?;
            let reached = EmsUrl {
                host: Some(h),
                ..url
            };
            Some((reached, format!("{written} on {h}"), span))
        })
        .collect();
    let mut found = Vec::new();
    for factory in factories(pair) {
        for url in factory.list.urls() {
            let Some((_, listen, span)) = standby
                .iter()
                .find(|(listen, _, _)| reaches(pair.settings, url, listen))
            else {
                continue;
            };
            let message = format!(
                "factory `{}` lists {url}, the EMS server of FTL server `{}`, which is standby_only and never activates (it listens at {listen})",
                factory.name(),
                server.name
            );
            found.push((
                (message.clone(), span.clone()),
                factory.finding(&META, message).help(
                    "list only the listen URLs of the two EMS servers that are not standby_only",
                ),
            ));
        }
    }
    let spans: HashMap<String, Range<usize>> =
        found.iter().map(|(about, _)| about.clone()).collect();
    // Each finding also points at the standby-only listen in the cluster configuration, once.
    out.extend(merge_twins(found).into_iter().map(|finding| {
        match spans.get(&finding.message).cloned() {
            Some(span) => finding.at(Side::Primary, &config.file, span),
            None => finding,
        }
    }));
}
