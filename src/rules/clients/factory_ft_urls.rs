//! An FT connection factory (URLs joined by `,`) whose URLs do not reach a `listen` of each
//! server of the pair: clients of that factory cannot fail over. "FT factories must list both
//! servers' URLs, comma-separated" (EMS 8.6
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-C526E58C-12C5-4E04-A036-B2AE92CF2521.html ;
//! formats.md §13.11). Hosts match as for `ft_active` (equal ignoring case, `[hosts]`
//! aliases, or a listen on every interface); a URL without a host or with `localhost` is the
//! machine the client looks the factory up from, so only its scheme and port count. In a
//! `+` or `|` list, groups that reach neither server belong to another pair and are skipped.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::listen_list;
use crate::model::Pair;
use crate::rules::clients::{factories, ft_groups, group_text, reaches_server};
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT117",
    name: "factory-ft-urls",
    severity: Severity::Warning,
    category: "clients",
    summary: "an FT factory's URLs do not reach a listen of each server",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    let mut found = Vec::new();
    for factory in factories(pair) {
        let plain = !factory.list.is_unshared() && !factory.list.is_load_balanced();
        for group in ft_groups(&factory.list) {
            let reach = |server| {
                group
                    .iter()
                    .any(|u| reaches_server(pair.settings, u, server))
            };
            let missed: Vec<_> = [&pair.primary, backup]
                .into_iter()
                .filter(|s| !reach(s))
                .collect();
            if missed.is_empty() || (!plain && missed.len() == 2) {
                continue;
            }
            let who: Vec<String> = missed
                .iter()
                .map(|s| format!("{} ({})", s.side().as_str(), listen_list(s)))
                .collect();
            let message = format!(
                "FT factory `{}` lists {}, which reaches no listen of {}",
                factory.name(),
                group_text(group),
                who.join(" nor of "),
            );
            let help = "list one listen URL of each server, primary's first, joined by `,`; if a host is an alias, declare it under [hosts] in emsftlint.toml";
            found.push((
                (factory.name(), group_text(group), who),
                factory.finding(&META, message).help(help),
            ));
        }
    }
    out.extend(merge_twins(found));
}
