//! A cipher list a server cannot use: `ssl_server_ciphers` on a server with an `ssl://`
//! listen, `ft_ssl_ciphers` on a server whose `ft_active` is `ssl://`.
//! - A `/` after the first item: "This modifier can only be used at the beginning of the
//!   list. If the / appears elsewhere, the syntax of the cipher suite list will be incorrect
//!   and cause an error." (EMS 8.6, 10.1 GUID-76ED1BAF-5BB5-4945-8FD4-8047BC84836C): an error.
//! - A list that provably enables no TLS 1.2 suite (`-ALL` alone, `/` with only TLS 1.3
//!   names): "At least one cipher suite must be present, otherwise the SSL connection fails to
//!   initialize. So, if you use -ALL, you must subsequently add the desired ciphers to the
//!   list." (EMS 8.4.1 User's Guide, Syntax for Cipher Suites). A warning: TLS 1.3 suites,
//!   which these lists do not restrict (10.1), may still serve where the release has them.

use crate::ems::tls::ciphers;
use crate::ems::url::Scheme;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::ft_active;
use crate::model::server::Server;
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT217",
    name: "tls-cipher-list-unusable",
    severity: Severity::Error,
    category: "tls",
    summary: "a cipher list EMS rejects, or one that enables no TLS 1.2 suite",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        let ssl_listen = server
            .listens()
            .iter()
            .any(|(_, url)| url.scheme == Scheme::Ssl);
        let ssl_ft = ft_active(server).is_some_and(|(_, url)| url.scheme == Scheme::Ssl);
        for (name, used, what) in [
            ("ssl_server_ciphers", ssl_listen, "its ssl:// listen"),
            ("ft_ssl_ciphers", ssl_ft, "the FT link to its peer"),
        ] {
            if let Some(finding) = used.then(|| unusable(server, name, what)).flatten() {
                out.push(finding);
            }
        }
    }
}

fn unusable(server: &Server<'_>, name: &str, what: &str) -> Option<Finding> {
    let param = server.param(name)?;
    let side = server.side().as_str();
    let finding = if ciphers::misplaced_slash(&param.value) {
        Finding::new(
            &META,
            format!("{side}'s {name} has a `/` after its first item, which EMS rejects as a syntax error: TLS on {what} cannot start"),
        )
        .help(format!("write `/` only at the start of {name}, to start from an empty list"))
    } else if ciphers::resolve(&param.value).is_some_and(|set| set.is_empty()) {
        Finding::new(
            &META,
            format!("{side}'s {name} enables no TLS 1.2 cipher suite: TLS on {what} can only use TLS 1.3, and fails to initialize on a release without it"),
        )
        .severity(Severity::Warning)
        .help(format!("add the suites to use after `-ALL` (or `/`) in {name}"))
    } else {
        return None;
    };
    Some(finding.about("parameter", name.to_string()).at(
        server.side(),
        server.main(),
        param.value_span.clone(),
    ))
}
