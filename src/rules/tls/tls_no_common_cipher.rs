//! The FT link over TLS: the initiator's `ft_ssl_ciphers` and the receiver's
//! `ssl_server_ciphers` provably enable no TLS 1.2 suite in common. "The server initializing a
//! secure connection to another server uses the ft_ssl parameters [...] The receiving server
//! validates the incoming connection against its own ssl_ parameters" (EMS 8.7 tls.htm). Lists
//! are read by `ems::tls::ciphers` (EMS 8.6, 10.1 GUID-76ED1BAF-5BB5-4945-8FD4-8047BC84836C);
//! a list with a word that cannot be resolved offline proves nothing and is not reported.
//!
//! A warning, not an error: the cipher syntax "only applies to TLSv1.2 cipher suites. TLSv1.3
//! connections are subject only to the SECLEVEL restrictions" (10.1), so two servers that
//! both speak TLS 1.3 still agree on a TLS 1.3 suite; the files do not say which release runs.

use crate::ems::tls::ciphers::{self, CipherSet};
use crate::ems::url::Scheme;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::ft_active;
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::at_param;

pub static META: RuleMeta = RuleMeta {
    code: "FT215",
    name: "tls-no-common-cipher",
    severity: Severity::Warning,
    category: "tls",
    summary: "the FT link's cipher lists share no TLS 1.2 cipher suite",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for (initiator, receiver) in pair.both_ways() {
        let Some((_, target)) = ft_active(initiator) else {
            continue;
        };
        if target.scheme != Scheme::Ssl {
            continue;
        }
        let (Some(offered), Some(accepted)) = (
            list(initiator, "ft_ssl_ciphers"),
            list(receiver, "ssl_server_ciphers"),
        ) else {
            continue;
        };
        // A list that enables no suite at all is `tls-cipher-list-unusable`'s.
        if offered.is_empty() || accepted.is_empty() || !offered.disjoint(&accepted) {
            continue;
        }
        let message = format!(
            "{}'s ft_ssl_ciphers ({}) and {}'s ssl_server_ciphers ({}) share no TLS 1.2 cipher suite: the FT link from {} can only be set up over TLS 1.3, and fails the handshake on a release or a peer without it",
            initiator.side().as_str(),
            shown(&offered),
            receiver.side().as_str(),
            shown(&accepted),
            initiator.side().as_str(),
        );
        let finding = Finding::new(&META, message)
            .about("parameter", "ft_ssl_ciphers")
            .help(format!(
            "make {}'s ft_ssl_ciphers and {}'s ssl_server_ciphers share at least one suite (the same list on both servers is simplest)",
            initiator.side().as_str(),
            receiver.side().as_str()
        ));
        let finding = at_param(finding, initiator, "ft_ssl_ciphers");
        out.push(at_param(finding, receiver, "ssl_server_ciphers"));
    }
}

/// The parameter's list as resolved; not set or empty is OpenSSL's `DEFAULT`.
fn list(server: &Server<'_>, name: &str) -> Option<CipherSet> {
    ciphers::resolve(server.param(name).map(|p| p.value.as_str()).unwrap_or(""))
}

/// `AES128-SHA, AES256-SHA, suites of its aliases`.
fn shown(set: &CipherSet) -> String {
    let mut names: Vec<&str> = set.suites.iter().copied().collect();
    if set.outside {
        names.push("suites of its aliases");
    }
    names.join(", ")
}
