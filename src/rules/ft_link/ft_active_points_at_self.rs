//! A server's `ft_active` names one of its own `listen`s: a copy-paste error that makes the
//! server wait for itself (security.md §6, rule 4).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::{ft_active, own_listen};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT006",
    name: "ft-active-points-at-self",
    severity: Severity::Error,
    category: "ft-link",
    summary: "`ft_active` names the server's own listen",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        let Some((param, target)) = ft_active(server) else {
            continue;
        };
        let own = own_listen(pair.settings, server, &target);
        if let Some((listen_param, listen)) = own {
            out.push(
                Finding::new(
                    &META,
                    format!("`ft_active = {target}` names this server's own `listen = {listen}`"),
                )
                .about("parameter", "ft_active")
                .at(server.side(), server.main(), param.line_span.clone())
                .at(server.side(), server.main(), listen_param.line_span.clone())
                .help("set `ft_active` to the peer server's listen URL"),
            );
        }
    }
}
