//! An FT URL list (joined by `,`) that mixes `tcp` and `ssl`: "both URLs must use the same
//! protocol (tcp or ssl)" (EMS 10.1 factories.conf,
//! https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-270D7C10-7686-44B0-BC11-D7BFF1F33A7E.html ;
//! formats.md §7). The client's TLS settings fit one of the two, so one server is unreachable.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::clients::{factories, ft_groups, group_text};
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT118",
    name: "factory-mixed-schemes",
    severity: Severity::Error,
    category: "clients",
    summary: "an FT factory mixes tcp and ssl URLs",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for factory in factories(pair) {
        for group in ft_groups(&factory.list) {
            let Some(first) = group.first().map(|u| u.scheme) else {
                continue;
            };
            if group.iter().all(|u| u.scheme == first) {
                continue;
            }
            let message = format!(
                "FT factory `{}` mixes schemes in {}; every URL of an FT list must use the same protocol",
                factory.name(),
                group_text(group)
            );
            let help = "use ssl:// (or tcp://) for every URL of the list, with listens of that scheme on both servers";
            found.push((
                (factory.name(), group_text(group)),
                factory.finding(&META, message).help(help),
            ));
        }
    }
    out.extend(merge_twins(found));
}
