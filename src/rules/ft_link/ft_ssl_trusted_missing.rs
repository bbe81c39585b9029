//! A server that reaches its peer over `ssl://` verifies the peer's certificate unless
//! `ft_ssl_verify_host` is disabled (it is enabled by default, EMS 8.7 users-guide
//! ft-ssl-verify-host.htm); without `ft_ssl_trusted` there is nothing to verify it against.

use crate::ems::url::Scheme;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::ft_active;
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT009",
    name: "ft-ssl-trusted-missing",
    severity: Severity::Error,
    category: "ft-link",
    summary: "an ssl:// ft_active without ft_ssl_trusted while ft_ssl_verify_host is on",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        let Some((param, target)) = ft_active(server) else {
            continue;
        };
        if target.scheme != Scheme::Ssl
            || server.param("ft_ssl_trusted").is_some()
            || !verify_host(server)
        {
            continue;
        }
        out.push(
            Finding::new(
                &META,
                format!(
                    "{}'s ft_active {target} uses TLS and verifies the peer (ft_ssl_verify_host), but sets no ft_ssl_trusted",
                    server.side().as_str()
                ),
            ).about("parameter", "ft_active")
            .at(server.side(), server.main(), param.line_span.clone())
            .help("set ft_ssl_trusted to the CA certificate(s) that issued the peer's ssl_server_identity"),
        );
    }
}

fn verify_host(server: &crate::model::server::Server<'_>) -> bool {
    match server.param("ft_ssl_verify_host") {
        None => true,
        Some(_) => server.flag("ft_ssl_verify_host"),
    }
}
