//! A factory with one URL and reconnect settings: a client reconnects only when the URL
//! list has more than one member, so a single server must be listed twice
//! (`tcp://localhost:7222,tcp://localhost:7222`) for the `reconnect_attempt_*` settings to
//! take effect (EMS 10.1 factories.conf,
//! https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-270D7C10-7686-44B0-BC11-D7BFF1F33A7E.html ;
//! formats.md §7).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::clients::{factories, RECONNECT_KEYS};
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT120",
    name: "factory-single-url-reconnect",
    severity: Severity::Info,
    category: "clients",
    summary: "a factory with one URL sets reconnect parameters, which need the URL listed twice",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for factory in factories(pair) {
        let Some(single) = factory.list.single() else {
            continue;
        };
        let Some(first) = RECONNECT_KEYS.iter().find_map(|k| factory.section.get(k)) else {
            continue;
        };
        let message = format!(
            "factory `{}` sets `{}` but lists one URL, so its clients never reconnect",
            factory.name(),
            first.key
        );
        let help = format!(
            "list the URL twice (`url = {single},{single}`) to reconnect to one server, or list both servers of the pair"
        );
        found.push((
            (factory.name(), first.key),
            factory.finding(&META, message).help(help),
        ));
    }
    out.extend(merge_twins(found));
}
