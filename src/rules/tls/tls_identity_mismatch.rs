//! The two servers present different certificates (SHA-256 fingerprints of the
//! `ssl_server_identity` leaves, and of the `ft_ssl_identity` leaves). For unshared state
//! TIBCO says "When TLS is deployed, both servers must use the same certificate(s)" (EMS
//! 10.1 https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-21ACEF74-2C3E-4712-8E21-44348D528E42.html),
//! so it is an error with `mode = "unshared"`. For shared state the docs say nothing, but a
//! client has one factory for both servers, with one trust list and one expected host name
//! (security.md §3.4): a warning, to be confirmed or silenced.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::tls_slot::{Kind, Link, Slot};
use crate::model::Pair;
use crate::rules::tls::{at_item, cert_block, describe_with_fingerprint};
use crate::settings::Mode;

pub static META: RuleMeta = RuleMeta {
    code: "FT201",
    name: "tls-identity-mismatch",
    severity: Severity::Warning,
    category: "tls",
    summary: "the two servers present different certificates (an error in unshared mode)",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    let severity = match pair.settings.mode {
        Mode::Unshared => Severity::Error,
        Mode::Shared => Severity::Warning,
    };
    for link in [Link::Server, Link::Ft] {
        let name = Slot::of(link, Kind::Identity).param();
        let a = pair.primary.tls.identity(link);
        let b = backup.tls.identity(link);
        let finding = match (&a, &b) {
            (Some(a), Some(b)) if a.leaf.sha256 != b.leaf.sha256 => {
                let message = format!(
                    "the servers' {name} certificates differ: primary's is {}, backup's is {}",
                    describe_with_fingerprint(a.leaf),
                    describe_with_fingerprint(b.leaf)
                );
                let finding = Finding::new(&META, message).about("certificate", name)
                    .help(format!(
                        "give both servers the same {name} (certificate and key), or confirm that two certificates are intended and silence this rule"
                    ))
                    .diff_labeled(
                        (a.item.source_name(), cert_block(a.leaf)),
                        (b.item.source_name(), cert_block(b.leaf)),
                    );
                at_item(at_item(finding, &pair.primary, a.item), backup, b.item)
            }
            (Some(one), None) | (None, Some(one)) => {
                let (has, lacks) = if a.is_some() {
                    (&pair.primary, backup)
                } else {
                    (backup, &pair.primary)
                };
                // A parameter that is set but unreadable is reported by other rules; an
                // ft_ssl_identity on one side only matters when the peer requires it
                // (ft-ssl-identity-missing).
                if lacks.conf().get(name).is_some() || link == Link::Ft {
                    continue;
                }
                let message = format!(
                    "only {} has an {name}: {}; {} sets none",
                    has.side().as_str(),
                    describe_with_fingerprint(one.leaf),
                    lacks.side().as_str()
                );
                let finding = Finding::new(&META, message)
                    .about("certificate", name)
                    .help(format!(
                        "set {name} (and its key) on {} too, to the same certificate",
                        lacks.side().as_str()
                    ));
                at_item(finding, has, one.item).at_file(lacks.side(), lacks.main())
            }
            _ => continue,
        };
        out.push(finding.severity(severity));
    }
}
