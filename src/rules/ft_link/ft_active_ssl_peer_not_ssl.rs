//! An `ssl://` ft_active needs an `ssl://` listen on the peer: the initiating server uses
//! its ft_ssl_* parameters, and "the receiving server validates the incoming connection
//! against its own ssl_ parameters" (EMS 8.7 users-guide tls.htm).

use crate::ems::url::Scheme;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::{ft_active, listen_list};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT008",
    name: "ft-active-ssl-peer-not-ssl",
    severity: Severity::Error,
    category: "ft-link",
    summary: "an ssl:// ft_active, and the peer has no ssl listen",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for (server, peer) in pair.both_ways() {
        let Some((param, target)) = ft_active(server) else {
            continue;
        };
        let listens = peer.listens();
        if target.scheme != Scheme::Ssl
            || listens.is_empty()
            || listens.iter().any(|(_, l)| l.scheme == Scheme::Ssl)
        {
            continue;
        }
        let mut finding = Finding::new(
            &META,
            format!(
                "{}'s ft_active {target} uses TLS, but {} has no ssl:// listen ({})",
                server.side().as_str(),
                peer.side().as_str(),
                listen_list(peer)
            ),
        ).about("parameter", "ft_active")
        .at(server.side(), server.main(), param.line_span.clone())
        .help(format!(
            "add an ssl:// listen with ssl_server_identity and ssl_server_key to {}, or use its tcp:// listen in ft_active",
            peer.side().as_str()
        ));
        for (listen_param, _) in &listens {
            finding = finding.at(peer.side(), peer.main(), listen_param.line_span.clone());
        }
        out.push(finding);
    }
}
