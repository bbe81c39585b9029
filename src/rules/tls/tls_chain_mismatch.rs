//! The two servers' issuer chains or trusted CA sets differ (by SHA-256 fingerprint, as
//! sets; a self-signed root in a chain is left out, as the verifier's own trust decides). A client of the pair has one `ssl_trusted` list for both servers, and each server
//! verifies the other with `ft_ssl_trusted` (security.md §3.4, §3.5): after a failover the
//! active server's chain and trust must be the ones the other side was set up for. TIBCO:
//! `ssl_server_issuer` and `ft_ssl_issuer` hold the chain ("Supply the entire chain,
//! including the CA root", EMS 8.7 users-guide ft-ssl-issuer.htm), `ssl_server_trusted` and
//! `ft_ssl_trusted` the CA certificates trusted for the other side (ssl-server-trusted.htm,
//! ft-ssl-trusted.htm).

use std::collections::BTreeMap;

use crate::ems::tls::CertInfo;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::server::Server;
use crate::model::tls::TlsItem;
use crate::model::tls_slot::{Kind, Link, Slot};
use crate::model::Pair;
use crate::rules::tls::{at_items, subject};

pub static META: RuleMeta = RuleMeta {
    code: "FT202",
    name: "tls-chain-mismatch",
    severity: Severity::Warning,
    category: "tls",
    summary: "the two servers' issuer chains or trusted CA certificates differ",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    for link in [Link::Server, Link::Ft] {
        // The chain of each identity: the identity file's other certificates and the issuers.
        let identity = Slot::of(link, Kind::Identity);
        let issuer = Slot::of(link, Kind::Issuer);
        let both_read = pair.primary.tls.complete(issuer) && backup.tls.complete(issuer);
        if let (true, Some(a), Some(b)) = (
            both_read,
            pair.primary.tls.identity(link),
            backup.tls.identity(link),
        ) {
            // A root sent in the chain changes nothing: the verifier's own trust decides.
            let sides = [
                (&pair.primary, intermediates(a.chain)),
                (backup, intermediates(b.chain)),
            ];
            compare(
                sides.map(|(server, chain)| Side {
                    server,
                    certs: chain,
                    items: chain_items(server, identity, issuer),
                }),
                &format!("the {} chains differ", identity.param()),
                "has",
                issuer.param(),
                out,
            );
        }
        let trusted = Slot::of(link, Kind::Trusted);
        if !pair.primary.tls.complete(trusted) || !backup.tls.complete(trusted) {
            continue;
        }
        let sides = [&pair.primary, backup].map(|server| Side {
            server,
            certs: server.tls.certs(trusted),
            items: server.tls.of(trusted).collect(),
        });
        compare(
            sides,
            &format!("`{}` differs", trusted.param()),
            "trusts",
            trusted.param(),
            out,
        );
    }
}

fn intermediates(chain: Vec<&CertInfo>) -> Vec<&CertInfo> {
    chain.into_iter().filter(|c| !c.is_self_issued()).collect()
}

struct Side<'s, 'a> {
    server: &'s Server<'a>,
    certs: Vec<&'s CertInfo>,
    items: Vec<&'s TlsItem<'a>>,
}

fn chain_items<'s, 'a>(
    server: &'s Server<'a>,
    identity: Slot,
    issuer: Slot,
) -> Vec<&'s TlsItem<'a>> {
    let mut items: Vec<&TlsItem<'a>> = server.tls.of(identity).last().into_iter().collect();
    items.extend(server.tls.of(issuer));
    items
}

fn compare(sides: [Side<'_, '_>; 2], what: &str, verb: &str, param: &str, out: &mut Vec<Finding>) {
    let set = |s: &Side<'_, '_>| -> BTreeMap<[u8; 32], (String, String)> {
        s.certs
            .iter()
            .map(|c| (c.sha256, (subject(c), c.fingerprint_hex())))
            .collect()
    };
    let [a, b] = [set(&sides[0]), set(&sides[1])];
    if a.keys().eq(b.keys()) {
        return;
    }
    type Set = BTreeMap<[u8; 32], (String, String)>;
    let only = |x: &Set, y: &Set| -> Vec<String> {
        x.iter()
            .filter(|(k, _)| !y.contains_key(*k))
            .map(|(_, (s, fp))| format!("`{s}` (SHA-256 {fp})"))
            .collect()
    };
    let mut parts = Vec::new();
    for (side, mine, theirs) in [(&sides[0], &a, &b), (&sides[1], &b, &a)] {
        let extra = only(mine, theirs);
        if !extra.is_empty() {
            parts.push(format!(
                "only {}'s {verb} {}",
                side.server.side().as_str(),
                extra.join(", ")
            ));
        }
    }
    let list = |m: &Set| -> String {
        let mut lines: Vec<String> = m
            .values()
            .map(|(s, fp)| format!("{s}\n  sha256 {fp}\n"))
            .collect();
        lines.sort();
        if lines.is_empty() {
            "(none)\n".into()
        } else {
            lines.concat()
        }
    };
    let message = format!("{what}: {}", parts.join("; "));
    let mut finding = Finding::new(&META, message).about("parameter", param)
        .help(format!(
            "give both servers the same CA certificates in {param}, so that whichever server is active is verified and verifies alike"
        ))
        .diff_labeled(
            (format!("primary {param}"), list(&a)),
            (format!("backup {param}"), list(&b)),
        );
    for side in &sides {
        finding = if side.items.is_empty() {
            finding.at_file(side.server.side(), side.server.main())
        } else {
            at_items(finding, side.server, side.items.iter().copied())
        };
    }
    out.push(finding);
}
