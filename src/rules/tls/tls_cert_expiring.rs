//! A certificate that expires within `tls_expiry_warning_days` (30 by default), in any
//! file a TLS parameter names. An FT pair's standby may run for months without a TLS
//! handshake: its certificate expiring unnoticed surfaces only at failover (security.md
//! §3.5 #2: "Warn on expired or soon-to-expire certificates"; TIBCO's parameter pages
//! EMS 8.7 users-guide ssl-server-identity.htm, ft-ssl-identity.htm). "Now" is the clock,
//! or `EMSFTLINT_NOW` for reproducible reports.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::tls::{at_items, certs_by_source, days, describe_short, param_names};
use crate::time::date;

pub static META: RuleMeta = RuleMeta {
    code: "FT208",
    name: "tls-cert-expiring",
    severity: Severity::Warning,
    category: "tls",
    summary: "a certificate expires soon (within 30 days by default)",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let now = pair.settings.now();
    let window = i64::from(pair.settings.tls.expiry_warning_days) * 86_400;
    for server in pair.servers() {
        for (items, certs) in certs_by_source(server) {
            for cert in certs {
                let left = cert.not_after - now;
                if left < 0 || left > window || now < cert.not_before {
                    continue;
                }
                let message = format!(
                    "the certificate {} in {} ({}) expires on {}, in {}",
                    describe_short(cert),
                    items[0].source_name(),
                    param_names(&items),
                    date(cert.not_after),
                    days(left)
                );
                let finding = Finding::new(&META, message)
                    .about("certificate", param_names(&items))
                    .help("renew the certificate and install it on both servers before it expires");
                out.push(at_items(finding, server, items.iter().copied()));
            }
        }
    }
}
