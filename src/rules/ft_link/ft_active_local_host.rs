//! A host-less (or `localhost`) `ft_active` means the server's own machine. TIBCO's sample
//! pair runs both servers on one host this way; when the peer's listen names another host,
//! the URL most likely misses it (security.md §6, rule 3).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::{ft_active, is_local};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT007",
    name: "ft-active-local-host",
    severity: Severity::Warning,
    category: "ft-link",
    summary: "`ft_active` names the local machine while the peer listens on another host",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for (server, peer) in pair.both_ways() {
        let Some((param, target)) = ft_active(server) else {
            continue;
        };
        if !is_local(target.host) {
            continue;
        }
        let named = peer.listens().into_iter().find(|(_, l)| {
            l.scheme == target.scheme
                && l.port == target.port
                && !l.listens_on_all_interfaces()
                && !is_local(l.host)
        });
        let Some((listen_param, listen)) = named else {
            continue;
        };
        out.push(
            Finding::new(
                &META,
                format!(
                    "{}'s ft_active {target} names the local machine, but {} listens on {listen}",
                    server.side().as_str(),
                    peer.side().as_str()
                ),
            )
            .about("parameter", "ft_active")
            .at(server.side(), server.main(), param.line_span.clone())
            .at(peer.side(), peer.main(), listen_param.line_span.clone())
            .help(format!(
                "write the peer's host in ft_active: `ft_active = {listen}`"
            ))
            .diff_labeled(
                (
                    format!("{} ft_active", server.main().display),
                    format!(
                        "{target}
"
                    ),
                ),
                (
                    format!("{} listen", peer.main().display),
                    format!(
                        "{listen}
"
                    ),
                ),
            ),
        );
    }
}
