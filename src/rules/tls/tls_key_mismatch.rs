//! A private key that is not the key of its certificate: `ssl_server_key` (or the key in the
//! `ssl_server_identity` file) against `ssl_server_identity`, `ft_ssl_private_key` against
//! `ft_ssl_identity`. TIBCO: `ssl_server_identity` is "the server's digital certificate" and
//! `ssl_server_key` "the server's private key" (EMS 8.7 users-guide ssl-server-identity.htm,
//! ssl-server-key.htm; ft-ssl-identity, ft-ssl-private-key.htm for the FT link); a pair that
//! does not match stops the server's TLS at startup, or the FT link (security.md §3.5 #1).
//! Keys whose public half is not derived (DSA, P-521 without its public point, …) are not
//! compared.

use crate::ems::tls::key_matches_cert;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::tls_slot::Link;
use crate::model::Pair;
use crate::rules::tls::{at_item, describe};

pub static META: RuleMeta = RuleMeta {
    code: "FT203",
    name: "tls-key-mismatch",
    severity: Severity::Error,
    category: "tls",
    summary: "a private key does not match its certificate",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        for link in [Link::Server, Link::Ft] {
            let Some(identity) = server.tls.identity(link) else {
                continue;
            };
            let Some((key_item, key)) = identity.key else {
                continue;
            };
            if key.public_key_der().is_none()
                || identity
                    .item
                    .certs()
                    .iter()
                    .any(|c| key_matches_cert(key, c))
            {
                continue;
            }
            let message = format!(
                "{}'s private key in `{}` ({}; {}) does not belong to the certificate of `{}` ({}): {}",
                server.side().as_str(),
                key_item.param.key,
                key_item.source_name(),
                key.describe(),
                identity.item.param.key,
                identity.item.source_name(),
                describe(identity.leaf)
            );
            let mut finding = Finding::new(&META, message).about("private key", key_item.param.key.to_string()).help(
                "give the key that was issued with this certificate (`openssl x509 -noout -pubkey -in CERT` and `openssl pkey -pubout -in KEY` print the same public key), or the certificate of this key",
            );
            if !std::ptr::eq(key_item, identity.item) {
                finding = at_item(finding, server, key_item);
            }
            finding = at_item(finding, server, identity.item);
            out.push(finding);
        }
    }
}
