//! The two servers' identity certificates (`ssl_server_identity`, and `ft_ssl_identity`)
//! expire more than 30 days apart. Renewing one server's certificate and forgetting the
//! other's is how a pair ends up with an expired standby: "a failover would then surface an
//! expired certificate" (security.md §3.5 #2). For unshared state TIBCO requires the same
//! certificate on both (EMS 10.1
//! https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-21ACEF74-2C3E-4712-8E21-44348D528E42.html).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::tls_slot::{Kind, Link, Slot};
use crate::model::Pair;
use crate::rules::tls::{at_item, days, subject};
use crate::time::date;

pub static META: RuleMeta = RuleMeta {
    code: "FT209",
    name: "tls-expiry-skew",
    severity: Severity::Info,
    category: "tls",
    summary: "the two servers' certificates expire more than 30 days apart",
};

/// More apart than this is reported.
const SKEW: i64 = 30 * 86_400;

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    for link in [Link::Server, Link::Ft] {
        let (Some(a), Some(b)) = (pair.primary.tls.identity(link), backup.tls.identity(link))
        else {
            continue;
        };
        let apart = (a.leaf.not_after - b.leaf.not_after).abs();
        if apart <= SKEW {
            continue;
        }
        let first = if a.leaf.not_after < b.leaf.not_after {
            "primary"
        } else {
            "backup"
        };
        let message = format!(
            "the servers' {} certificates expire {} apart: primary's `{}` on {}, backup's `{}` on {}",
            Slot::of(link, Kind::Identity).param(),
            days(apart),
            subject(a.leaf),
            date(a.leaf.not_after),
            subject(b.leaf),
            date(b.leaf.not_after)
        );
        let finding = Finding::new(&META, message).about("certificate", Slot::of(link, Kind::Identity).param()).help(format!(
            "{first}'s expires first: renew both servers' certificates together, so that neither is left behind"
        ));
        out.push(at_item(
            at_item(finding, &pair.primary, a.item),
            backup,
            b.item,
        ));
    }
}
