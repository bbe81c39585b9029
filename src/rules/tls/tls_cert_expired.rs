//! A certificate that has expired or is not yet valid, in any file a TLS parameter names
//! (identity, chain, trusted CAs). OpenSSL refuses such a certificate in a handshake, so a
//! failover that makes this server active, or the FT link to it, fails (security.md §3.5
//! #2: "`notBefore`/`notAfter` of each leaf and chain certificate"). TIBCO's parameter pages
//! for the files: EMS 8.7 users-guide ssl-server-identity.htm, ft-ssl-identity.htm,
//! ft-ssl-trusted.htm. "Now" is the clock, or `EMSFTLINT_NOW` for reproducible reports.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::tls::{at_items, certs_by_source, days, describe_short, param_names};
use crate::time::date;

pub static META: RuleMeta = RuleMeta {
    code: "FT207",
    name: "tls-cert-expired",
    severity: Severity::Error,
    category: "tls",
    summary: "a certificate has expired or is not yet valid",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let now = pair.settings.now();
    for server in pair.servers() {
        for (items, certs) in certs_by_source(server) {
            for cert in certs {
                let when = if now > cert.not_after {
                    format!(
                        "expired on {}, {} ago",
                        date(cert.not_after),
                        days(now - cert.not_after)
                    )
                } else if now < cert.not_before {
                    format!(
                        "is not valid before {}, in {}",
                        date(cert.not_before),
                        days(cert.not_before - now)
                    )
                } else {
                    continue;
                };
                let message = format!(
                    "the certificate {} in {} ({}) {when}",
                    describe_short(cert),
                    items[0].source_name(),
                    param_names(&items)
                );
                let finding = Finding::new(&META, message).about("certificate", param_names(&items)).help(
                    "renew the certificate (or correct the clock of the machine that issued it) and install it on both servers",
                );
                out.push(at_items(finding, server, items.iter().copied()));
            }
        }
    }
}
