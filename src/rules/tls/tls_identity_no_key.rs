//! A server identity whose file holds a certificate and no private key, while no key
//! parameter gives one: the server has nothing to prove it owns the certificate with. TIBCO:
//! `ssl_server_identity` names "the server's digital certificate", and `ssl_server_key` the
//! private key "if it is not included in the digital certificate file" (EMS 8.7
//! users-guide ssl-server-identity.htm, ssl-server-key.htm); likewise `ft_ssl_identity` and
//! `ft_ssl_private_key` for the FT link (ft-ssl-identity.htm, ft-ssl-private-key.htm). With an
//! `ssl://` listen (or an `ssl://` ft_active) in use, that TLS cannot start: an error; without
//! one the identity is not used yet: a warning.

use crate::ems::url::Scheme;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::ft_active;
use crate::model::server::Server;
use crate::model::tls_slot::{Kind, Link, Slot};
use crate::model::Pair;
use crate::rules::tls::at_items;

pub static META: RuleMeta = RuleMeta {
    code: "FT214",
    name: "tls-identity-no-key",
    severity: Severity::Error,
    category: "tls",
    summary: "a TLS identity holds no private key, and no key parameter gives one",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        for link in [Link::Server, Link::Ft] {
            let key = Slot::of(link, Kind::Key);
            if server.tls.of(key).next().is_some() || server.tls.unread.contains(&key) {
                continue;
            }
            let Some(item) = server.tls.of(Slot::of(link, Kind::Identity)).last() else {
                continue;
            };
            if item.error.is_some() || item.locked() || item.certs().is_empty() {
                continue;
            }
            if !item.keys().is_empty() {
                continue;
            }
            let in_use = uses_tls(server, link);
            let (what, consequence) = match link {
                Link::Server => ("ssl listen", "cannot accept TLS connections"),
                Link::Ft => ("ssl ft_active", "cannot open the TLS link to its peer"),
            };
            let message = if in_use {
                format!(
                    "{} (`{}`) holds a certificate and no private key, and `{}` is not set: the server {consequence}",
                    item.source_name(),
                    item.param.key,
                    key.param()
                )
            } else {
                format!(
                    "{} (`{}`) holds a certificate and no private key, and `{}` is not set; no {what} uses it yet",
                    item.source_name(),
                    item.param.key,
                    key.param()
                )
            };
            let finding = Finding::new(&META, message).about("certificate", item.param.key.to_string())
                .severity(if in_use {
                    Severity::Error
                } else {
                    Severity::Warning
                })
                .help(format!(
                    "set `{}` to the file of the certificate's private key, or name a file (PEM or PKCS#12) that holds both",
                    key.param()
                ));
            out.push(at_items(finding, server, [item]));
        }
    }
}

fn uses_tls(server: &Server<'_>, link: Link) -> bool {
    match link {
        Link::Server => server
            .listens()
            .iter()
            .any(|(_, l)| l.scheme == Scheme::Ssl),
        Link::Ft => ft_active(server).is_some_and(|(_, url)| url.scheme == Scheme::Ssl),
    }
}
