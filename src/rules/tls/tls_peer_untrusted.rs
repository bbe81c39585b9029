//! A server's certificate that its FT peer will not trust. "The server initializing a
//! secure connection to another server uses the ft_ssl parameters … The receiving server
//! validates the incoming connection against its own ssl_ parameters" (EMS 8.7
//! users-guide tls.htm). So, for a server A whose `ft_active` is `ssl://`:
//! - with `ft_ssl_verify_host` on (the default, ft-ssl-verify-host.htm), the peer's
//!   `ssl_server_identity` must chain (through its own chain certificates) to a root in A's
//!   `ft_ssl_trusted` ("CA certificates trusted for the peer's certificate",
//!   ft-ssl-trusted.htm);
//! - the certificate A presents (`ft_ssl_identity`) must chain to a root in the peer's
//!   `ssl_server_trusted`: clients that present a certificate are always verified against
//!   it (ssl-require-client-c.htm), and a peer that requires client certificates without
//!   any `ssl_server_trusted` accepts none.
//!
//! Signatures are verified for RSA, ECDSA P-256/P-384 and Ed25519 (`ems::tls::chains_to`).
//! A missing `ft_ssl_trusted` is ft-ssl-trusted-missing's finding, not this rule's.

use crate::ems::tls::{chains_to, CertInfo};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::server::Server;
use crate::model::tls::TlsItem;
use crate::model::tls_slot::{Link, Slot};
use crate::model::Pair;
use crate::rules::tls::{
    at_item, at_items, describe, requires_peer_cert, subject, tls_ft_active, verifies_peer,
};

pub static META: RuleMeta = RuleMeta {
    code: "FT210",
    name: "tls-peer-untrusted",
    severity: Severity::Error,
    category: "tls",
    summary: "a server's certificate does not chain to a CA its FT peer trusts",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for (server, peer) in pair.both_ways() {
        let Some((ft_active, target)) = tls_ft_active(server) else {
            continue;
        };
        // The server verifies the peer's ssl_server_identity with its ft_ssl_trusted.
        if verifies_peer(server) {
            if let (Some(identity), Some(trusted)) = (
                peer.tls.identity(Link::Server),
                trusted(server, Slot::FtTrusted),
            ) {
                if !chains_to(identity.leaf, &owned(&identity.chain), &trusted.1) {
                    let message = format!(
                        "{} connects to {target} and verifies it with its ft_ssl_trusted ({}), but {}'s ssl_server_identity {} does not chain to any of them",
                        server.side().as_str(),
                        subjects(&trusted.1),
                        peer.side().as_str(),
                        describe(identity.leaf)
                    );
                    let finding = Finding::new(&META, message).about("certificate", "ssl_server_identity")
                        .help(format!(
                            "add the root CA that issued {}'s certificate to {}'s ft_ssl_trusted, or give {} a certificate from a CA {} trusts (and its intermediates in ssl_server_issuer)",
                            peer.side().as_str(),
                            server.side().as_str(),
                            peer.side().as_str(),
                            server.side().as_str()
                        ));
                    let finding = at_items(finding, server, trusted.0);
                    out.push(at_item(finding, peer, identity.item));
                }
            }
        }
        // The peer verifies the certificate the server presents with its ssl_server_trusted.
        let Some(identity) = server.tls.identity(Link::Ft) else {
            continue;
        };
        match trusted(peer, Slot::ServerTrusted) {
            Some((items, roots)) => {
                if chains_to(identity.leaf, &owned(&identity.chain), &roots) {
                    continue;
                }
                let message = format!(
                    "{} presents its ft_ssl_identity {} to {}, which verifies it with its ssl_server_trusted ({}), and it does not chain to any of them",
                    server.side().as_str(),
                    describe(identity.leaf),
                    peer.side().as_str(),
                    subjects(&roots)
                );
                let finding = Finding::new(&META, message).about("certificate", "ft_ssl_identity").help(format!(
                    "add the root CA that issued {}'s ft_ssl_identity to {}'s ssl_server_trusted, or give {} an ft_ssl_identity from a CA {} trusts",
                    server.side().as_str(),
                    peer.side().as_str(),
                    server.side().as_str(),
                    peer.side().as_str()
                ));
                let finding = at_item(finding, server, identity.item);
                out.push(at_items(finding, peer, items));
            }
            None if requires_peer_cert(peer) && peer.conf().get("ssl_server_trusted").is_none() => {
                let message = format!(
                    "{} requires a certificate from {} (ssl_require_client_cert) but sets no ssl_server_trusted to verify {}'s ft_ssl_identity {} with",
                    peer.side().as_str(),
                    server.side().as_str(),
                    server.side().as_str(),
                    describe(identity.leaf)
                );
                let finding = Finding::new(&META, message)
                    .about("certificate", "ft_ssl_identity")
                    .help(format!(
                    "set ssl_server_trusted on {} to the root CA that issued {}'s ft_ssl_identity",
                    peer.side().as_str(),
                    server.side().as_str()
                ));
                let finding = at_item(finding, server, identity.item).at(
                    server.side(),
                    server.main(),
                    ft_active.line_span.clone(),
                );
                out.push(match peer.param("ssl_require_client_cert") {
                    Some(p) => finding.at(peer.side(), peer.main(), p.line_span.clone()),
                    None => finding.at_file(peer.side(), peer.main()),
                });
            }
            None => {}
        }
    }
}

/// The trusted items of `role` and their certificates, when every one of them was read.
fn trusted<'s, 'a>(
    server: &'s Server<'a>,
    role: Slot,
) -> Option<(Vec<&'s TlsItem<'a>>, Vec<CertInfo>)> {
    let items: Vec<&TlsItem<'a>> = server.tls.of(role).collect();
    let certs: Vec<CertInfo> = items.iter().flat_map(|i| i.certs()).cloned().collect();
    (server.tls.complete(role) && !certs.is_empty()).then_some((items, certs))
}

fn owned(certs: &[&CertInfo]) -> Vec<CertInfo> {
    certs.iter().map(|c| (*c).clone()).collect()
}

/// `` `CN=A`, `CN=B` ``
fn subjects(certs: &[CertInfo]) -> String {
    let names: Vec<String> = certs.iter().map(|c| format!("`{}`", subject(c))).collect();
    names.join(", ")
}
