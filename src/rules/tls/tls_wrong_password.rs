//! A private key or PKCS#12 file that the configured password does not decrypt:
//! `ssl_password` for the `ssl_server_*` files, `ft_ssl_password` for the `ft_ssl_*` ones
//! (un-mangled when written as `$man$…`). TIBCO: `ssl_password` is the "Private key or
//! password for private keys" (EMS 8.7 users-guide ssl-password.htm), `ft_ssl_password` the
//! password of the key the server uses towards its FT peer (ft-ssl-password.htm). A wrong
//! password stops the server's TLS at startup, or the FT link.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::tls_slot::Link;
use crate::model::Pair;
use crate::rules::tls::{at_items, by_source, param_names};

pub static META: RuleMeta = RuleMeta {
    code: "FT204",
    name: "tls-wrong-password",
    severity: Severity::Error,
    category: "tls",
    summary: "the configured password does not decrypt a private key or PKCS#12 file",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        for link in [Link::Server, Link::Ft] {
            let failed = server.tls.items.iter().filter(|i| {
                i.role.link() == link && i.error == Some(crate::ems::tls::TlsError::WrongPassword)
            });
            for group in by_source(failed) {
                let password = link.password_param();
                let message = format!(
                    "`{password}` does not decrypt {} ({})",
                    group[0].source_name(),
                    param_names(&group)
                );
                let mut finding = Finding::new(&META, message).about("parameter", password).secret_content().help(format!(
                    "set `{password}` to the password of this file (`tibemsadmin -mangle` writes it mangled), or re-export the key with the configured password"
                ));
                finding = at_items(finding, server, group.iter().copied());
                if let Some(p) = server.tls.password_param(link) {
                    finding = finding.at(server.side(), server.main(), p.line_span.clone());
                }
                out.push(finding);
            }
        }
    }
}
