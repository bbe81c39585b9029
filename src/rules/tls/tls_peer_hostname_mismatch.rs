//! The peer's certificate does not carry the name the connecting server expects. With
//! `ft_ssl_verify_hostname` on (the default) a server verifies "the name in the CN field of
//! the other server's certificate" against `ft_ssl_expected_hostname`, or, when that is
//! not set, "the hostname of the server" it connects to: the host of its `ft_active` (EMS
//! 8.7 users-guide ft-ssl-verify-hostna.htm, ft-ssl-expected-host.htm).
//!
//! EMS documents a comparison with the CN only ("a straightforward string comparison",
//! c-and-cobol-reference tibemssslhostnamever.htm; security.md §3.4, §3.5 #5), so the CN is
//! what is checked, ignoring case and a trailing dot, without wildcards. A CN that does not
//! match while a SAN does is a warning rather than an error: EMS promises no SAN check. An
//! `ft_active` without a host (the local machine) is not checked: ft-active-local-host
//! reports it. Hostname verification is part of verifying the peer, so nothing is checked
//! with `ft_ssl_verify_host` disabled.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::tls_slot::Link;
use crate::model::Pair;
use crate::rules::tls::{
    at_item, cn_list, cn_matches, describe, on_unless_disabled, tls_ft_active, verifies_peer,
};

pub static META: RuleMeta = RuleMeta {
    code: "FT211",
    name: "tls-peer-hostname-mismatch",
    severity: Severity::Error,
    category: "tls",
    summary: "the FT peer's certificate CN is not the host name the server expects",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for (server, peer) in pair.both_ways() {
        let Some((ft_active, target)) = tls_ft_active(server) else {
            continue;
        };
        if !verifies_peer(server) || !on_unless_disabled(server, "ft_ssl_verify_hostname") {
            continue;
        }
        let Some(identity) = peer.tls.identity(Link::Server) else {
            continue;
        };
        let (expected, param, from) = match server.param("ft_ssl_expected_hostname") {
            Some(p) => (p.value.as_str(), p, "its ft_ssl_expected_hostname"),
            None => match target.host {
                Some(host) => (host, ft_active, "the host of its ft_active"),
                None => continue,
            },
        };
        let leaf = identity.leaf;
        if cn_matches(leaf, expected) {
            continue;
        }
        let san = leaf.matches_hostname(expected);
        let message = format!(
            "{} expects {}'s certificate to be for `{expected}` ({from}), but {}'s ssl_server_identity {} has {}{}",
            server.side().as_str(),
            peer.side().as_str(),
            peer.side().as_str(),
            describe(leaf),
            cn_list(leaf),
            if san {
                format!("; its SAN lists `{expected}`, but EMS documents a check of the CN only")
            } else {
                String::new()
            }
        );
        let help = format!(
            "set {}'s ft_ssl_expected_hostname to the CN of {}'s certificate, or give {} a certificate whose CN is `{expected}`",
            server.side().as_str(),
            peer.side().as_str(),
            peer.side().as_str()
        );
        let finding = Finding::new(&META, message)
            .about("parameter", param.key.to_string())
            .help(help)
            .at(server.side(), server.main(), param.line_span.clone());
        let finding = at_item(finding, peer, identity.item);
        out.push(if san {
            finding.severity(Severity::Warning)
        } else {
            finding
        });
    }
}
