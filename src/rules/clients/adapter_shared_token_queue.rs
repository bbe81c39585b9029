//! Database adapters that share one FT token queue, so that several can hold a token and run
//! as primaries, without `adb.noDupDetection` on: "For multiple primary instances, you must
//! enable load balancing for these instances and set the adb.noDupDetection property to on
//! before you enable Fault Tolerance" (ActiveMatrix Adapter for Database 7.3, "Fault
//! Tolerance"). How many tokens the queue holds is not in any file, so sharing is the risk
//! shown: a warning on each adapter that lacks the property.

use std::collections::BTreeMap;

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::clients::adapter_is_on;
use crate::model::Pair;
use crate::rules::clients::client_finding;

pub static META: RuleMeta = RuleMeta {
    code: "FT130",
    name: "adapter-shared-token-queue",
    severity: Severity::Warning,
    category: "clients",
    summary: "Database adapters share an FT token queue without adb.noDupDetection on",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let adapters = pair.clients.adapters_ft();
    let mut by_queue: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, ft) in adapters.iter().enumerate() {
        if let Some(queue) = ft.queue {
            by_queue
                .entry(queue.value.trim().to_string())
                .or_default()
                .push(i);
        }
    }
    for (queue, sharing) in by_queue.iter().filter(|(_, s)| s.len() > 1) {
        for &i in sharing {
            let ft = &adapters[i];
            if !ft.is_database_adapter
                || ft.no_dup_detection.is_some_and(|p| adapter_is_on(&p.value))
            {
                continue;
            }
            let prop = ft.no_dup_detection.unwrap_or(ft.enabled);
            out.push(
                client_finding(
                    &META,
                    ft.client,
                    prop,
                    format!(
                        "{} adapters share the FT token queue `{queue}` and this one does not set adb.noDupDetection=on",
                        sharing.len()
                    ),
                )
                .help("with more than one token (several primaries), set adb.noDupDetection=on in each adapter's .tra and enable load balancing"),
            );
        }
    }
}
