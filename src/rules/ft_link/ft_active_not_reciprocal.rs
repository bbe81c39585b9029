//! Each server's `ft_active` matches a `listen` of its peer: same scheme and port, and a
//! host that names the peer (equal ignoring case, an alias from `[hosts]`, or any host when
//! the peer listens on every interface). TIBCO, Shared State (EMS 8.6
//! GUID-A14BD313-44E3-4138-AE52-B7FB8582B625); the sample pair swaps 7222 and 7224.

use crate::ems::tibemsd::Param;
use crate::ems::url::EmsUrl;
use crate::ems::url::Scheme;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::{ft_active, is_local, listen_list, own_listen, reach, Reach};
use crate::model::server::Server;
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT003",
    name: "ft-active-not-reciprocal",
    severity: Severity::Error,
    category: "ft-link",
    summary: "`ft_active` matches no listen of the peer",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for (server, peer) in pair.both_ways() {
        let Some((param, target)) = ft_active(server) else {
            continue;
        };
        // A URL naming the server itself is ft-active-points-at-self.
        if own_listen(pair.settings, server, &target).is_some() {
            continue;
        }
        let listens = peer.listens();
        if listens.is_empty() {
            continue;
        }
        // An ssl:// ft_active against a peer without any ssl listen is ft-active-ssl-peer-not-ssl.
        if target.scheme == Scheme::Ssl && !listens.iter().any(|(_, l)| l.scheme == Scheme::Ssl) {
            continue;
        }
        let same_port: Vec<_> = listens
            .iter()
            .filter(|(_, l)| l.scheme == target.scheme && l.port == target.port)
            .collect();
        let reached: Vec<Reach> = listens
            .iter()
            .map(|(_, l)| reach(pair.settings, &target, l))
            .collect();
        if reached.contains(&Reach::Yes) {
            continue;
        }
        let needs_dns = listens
            .iter()
            .zip(&reached)
            .find(|(_, r)| **r == Reach::NeedsDns)
            .map(|((p, l), _)| (*p, l.clone()));
        // A host-less ft_active against a named peer host is ft-active-local-host.
        if is_local(target.host) && !same_port.is_empty() {
            continue;
        }
        let (side, other) = (server.side().as_str(), peer.side().as_str());
        if let Some((listen_param, listen)) = needs_dns {
            out.push(unverifiable(
                server,
                peer,
                param,
                &target,
                listen_param,
                &listen,
            ));
            continue;
        }
        let message = format!(
            "{side}'s ft_active {target} matches no listen of {other} ({})",
            listen_list(peer)
        );
        let help = if same_port.is_empty() {
            format!("set ft_active on {side} to one of {other}'s listen URLs")
        } else {
            format!("if {} names the same machine as {other}'s listen host, declare it in [hosts] in emsftlint.toml; otherwise set ft_active on {side} to one of {other}'s listen URLs", target.host.unwrap_or("this host"))
        };
        let mut finding = Finding::new(&META, message)
            .about("parameter", "ft_active")
            .at(server.side(), server.main(), param.line_span.clone())
            .help(help);
        for (listen_param, _) in &listens {
            finding = finding.at(peer.side(), peer.main(), listen_param.line_span.clone());
        }
        if let Some((listen_param, _)) = same_port.first().copied().or(listens.first()) {
            finding = finding.diff_labeled(
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
                        "{}
",
                        listen_param.value
                    ),
                ),
            );
        }
        out.push(finding);
    }
}

/// `ft_active` and the peer's listen agree on scheme and port, and their hosts are a name and
/// an address, or a short and a fully qualified name: whether they name one machine needs DNS.
fn unverifiable(
    server: &Server<'_>,
    peer: &Server<'_>,
    param: &Param,
    target: &EmsUrl<'_>,
    listen_param: &Param,
    listen: &EmsUrl<'_>,
) -> Finding {
    let (side, other) = (server.side().as_str(), peer.side().as_str());
    let (written, listening) = (
        target.host.unwrap_or_default(),
        listen.host.unwrap_or_default(),
    );
    Finding::new(
        &META,
        format!(
            "{side}'s ft_active {target} reaches {other}'s listen {listen} only if `{written}` and `{listening}` name one machine, which cannot be checked without DNS"
        ),
    ).about("parameter", "ft_active")
    .severity(Severity::Warning)
    .at(server.side(), server.main(), param.line_span.clone())
    .at(peer.side(), peer.main(), listen_param.line_span.clone())
    .help(format!(
        "if they do, declare it in emsftlint.toml: [hosts] {listening:?} = [{written:?}]; otherwise set ft_active on {side} to `{listen}`"
    ))
}
