//! A server that connects to its peer over `ssl://` without a certificate to present, while
//! the peer requires one. The receiving server "validates the incoming connection against
//! its own ssl_ parameters" (EMS 8.7 users-guide tls.htm): with `ssl_require_client_cert`
//! enabled it refuses connections without a certificate (ssl-require-client-c.htm), and
//! unless `ssl_require_route_cert_only` restricts that to routes, the FT peer is one of them
//! (the tibemsd.conf template: "all types of SSL connections (clients, routes, FT peer)";
//! security.md §3.1, §3.5 #4). The certificate a server presents to its peer is
//! `ft_ssl_identity` (ft-ssl-identity.htm).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::tls::{requires_peer_cert, tls_ft_active};

pub static META: RuleMeta = RuleMeta {
    code: "FT212",
    name: "ft-ssl-identity-missing",
    severity: Severity::Error,
    category: "tls",
    summary: "the FT peer requires a client certificate and the server sets no ft_ssl_identity",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for (server, peer) in pair.both_ways() {
        let Some((ft_active, target)) = tls_ft_active(server) else {
            continue;
        };
        if !requires_peer_cert(peer) || server.param("ft_ssl_identity").is_some() {
            continue;
        }
        let message = format!(
            "{} connects to {target} over TLS without a certificate (no ft_ssl_identity), but {} requires one from every TLS connection (ssl_require_client_cert)",
            server.side().as_str(),
            peer.side().as_str()
        );
        let mut finding = Finding::new(&META, message).about("parameter", "ft_ssl_identity")
            .help(format!(
                "set ft_ssl_identity and ft_ssl_private_key on {} to a certificate issued by a CA in {}'s ssl_server_trusted",
                server.side().as_str(),
                peer.side().as_str()
            ))
            .at(server.side(), server.main(), ft_active.line_span.clone());
        if let Some(p) = peer.param("ssl_require_client_cert") {
            finding = finding.at(peer.side(), peer.main(), p.line_span.clone());
        }
        out.push(finding);
    }
}
