//! An adapter whose `.tra` turns fault tolerance on (`tibco.sdk.faultTolerance.ems.enabled`)
//! without what the adapter needs to hold a token: the JMS session
//! (`tibco.sdk.faultTolerance.ems.sessionName`) or, without one, the provider URL
//! (`…providerUrl`), and the token queue (`…queueName`). TIBCO: the adapter "checks if
//! tibco.sdk.faultTolerance.ems.sessionName has been specified. If not, [it] reports an error
//! regarding the missing property"; without the session in its project it "will use …
//! providerUrl [and] queueName [to] navigate to token queue" (KB 46111).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::clients::AdapterFt;
use crate::model::Pair;
use crate::rules::clients::client_finding;

pub static META: RuleMeta = RuleMeta {
    code: "FT129",
    name: "adapter-ft-incomplete",
    severity: Severity::Error,
    category: "clients",
    summary:
        "an adapter turns fault tolerance on without a session or provider URL and a token queue",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for ft in pair.clients.adapters_ft() {
        let missing = missing(&ft);
        if missing.is_empty() {
            continue;
        }
        out.push(
            client_finding(
                &META,
                ft.client,
                ft.enabled,
                format!(
                    "adapter fault tolerance is on, but the .tra sets no {}",
                    missing.join(" and no ")
                ),
            )
            .help("set tibco.sdk.faultTolerance.ems.sessionName (or providerUrl) and tibco.sdk.faultTolerance.ems.queueName, the token queue defined with prefetch=none on both servers"),
        );
    }
}

fn missing(ft: &AdapterFt<'_, '_>) -> Vec<&'static str> {
    let mut out = Vec::new();
    if ft.session.is_none() && ft.provider_url.is_none() {
        out.push("`tibco.sdk.faultTolerance.ems.sessionName` (nor `…providerUrl`)");
    }
    if ft.queue.is_none() {
        out.push("`tibco.sdk.faultTolerance.ems.queueName` (the token queue)");
    }
    out
}
