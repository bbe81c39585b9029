//! An SSL connection factory whose `ssl_expected_hostname` is not the CN of the certificate
//! of each server of the pair its URLs reach. A client has one factory for both servers, so
//! "`ssl_expected_hostname`, if set, equals the CN of **both** server certificates"
//! (security.md §5, cross-check 5). Client host-name verification is enabled by default
//! (EMS 8.6 https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-B105CAC2-3C1E-4265-911D-3DD356293BBE.html)
//! and compares the CN: "a straightforward string comparison, matching the hostname from the
//! server certificate against … the expected host name if one is set" (EMS 8.7
//! c-and-cobol-reference tibemssslhostnamever.htm). The factory properties are those of
//! "Configure a Connection Factory" (EMS 10.1 GUID-F0250B05-35AA-4995-8946-3E4B41DA57F7).
//! Skipped when the factory disables `ssl_verify_host` or `ssl_verify_hostname`.

use crate::ems::ini::canonical_bool;
use crate::ems::url::Scheme;
use crate::finding::{Finding, Location, RuleMeta, Severity};
use crate::model::ft_link::reaches_server;
use crate::model::server::Server;
use crate::model::tls::TlsItem;
use crate::model::tls_slot::Link;
use crate::model::Pair;
use crate::rules::clients::factories;
use crate::rules::tls::{at_item, cn_list, cn_matches};

pub static META: RuleMeta = RuleMeta {
    code: "FT213",
    name: "factory-ssl-hostname-mismatch",
    severity: Severity::Warning,
    category: "tls",
    summary: "an SSL factory's ssl_expected_hostname is not the CN of both servers' certificates",
};

crate::rules::rule!();

/// One finding in the making: its message, the factories' lines, the certificates.
struct Found<'s, 'a> {
    message: String,
    lines: Vec<Location>,
    certs: Vec<(&'s Server<'a>, &'s TlsItem<'a>)>,
}

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    // One finding per message: the same factory in both servers' factories.conf is one
    // finding with both `ssl_expected_hostname` lines, then the certificates.
    let mut found: Vec<Found<'_, '_>> = Vec::new();
    for factory in factories(pair) {
        let section = factory.section;
        let Some(expected) = section
            .get("ssl_expected_hostname")
            .filter(|p| !p.is_empty())
        else {
            continue;
        };
        let disabled = |key: &str| {
            section
                .get(key)
                .and_then(|p| canonical_bool(p.value))
                .is_some_and(|on| !on)
        };
        if disabled("ssl_verify_host") || disabled("ssl_verify_hostname") {
            continue;
        }
        let ssl_urls: Vec<_> = factory
            .list
            .urls()
            .filter(|u| u.scheme == Scheme::Ssl)
            .collect();
        let mut wrong = Vec::new();
        for server in pair.servers() {
            if !ssl_urls
                .iter()
                .any(|u| reaches_server(pair.settings, u, server))
            {
                continue;
            }
            let Some(identity) = server.tls.identity(Link::Server) else {
                continue;
            };
            if !cn_matches(identity.leaf, expected.value) {
                wrong.push((server, identity.item, identity.leaf));
            }
        }
        if wrong.is_empty() {
            continue;
        }
        let texts: Vec<String> = wrong
            .iter()
            .map(|(server, item, leaf)| {
                format!(
                    "{}'s certificate ({}) has {}",
                    server.side().as_str(),
                    item.source_name(),
                    cn_list(leaf)
                )
            })
            .collect();
        let message = format!(
            "factory `{}` expects the servers' certificates to have the CN `{}`, but {}",
            factory.name(),
            expected.value,
            texts.join(" and ")
        );
        let here = Location {
            side: factory.server.side(),
            file: factory.file.clone(),
            span: Some(expected.line_span.clone()),
        };
        match found.iter_mut().find(|f| f.message == message) {
            Some(f) => f.lines.push(here),
            None => found.push(Found {
                message,
                lines: vec![here],
                certs: wrong.iter().map(|(s, i, _)| (*s, *i)).collect(),
            }),
        }
    }
    for Found {
        message,
        lines,
        certs,
    } in found
    {
        let mut finding = Finding::new(&META, message).about("parameter", "ssl_expected_hostname").help(
            "set ssl_expected_hostname to the CN both servers' certificates share, or give both servers certificates with that CN",
        );
        finding.locations = lines;
        for (server, item) in certs {
            finding = at_item(finding, server, item);
        }
        out.push(finding);
    }
}
