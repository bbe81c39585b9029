//! A factory URL with `+` groups (unshared state, "tcp://server0:7222+tcp://server1:7344")
//! while emsftlint checks a shared-state pair (`mode = "shared"`). Unshared-state URLs need
//! the unshared-state client library and cannot be used by server lookups (EMS 10.1
//! factories.conf, https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-270D7C10-7686-44B0-BC11-D7BFF1F33A7E.html ;
//! formats.md §7): worth a look, not necessarily wrong.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::clients::factories;
use crate::rules::twins::merge_twins;
use crate::settings::Mode;

pub static META: RuleMeta = RuleMeta {
    code: "FT119",
    name: "factory-unshared-in-shared-mode",
    severity: Severity::Info,
    category: "clients",
    summary: "a factory uses unshared-state `+` URLs while the pair shares its state",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    if pair.settings.mode != Mode::Shared {
        return;
    }
    let mut found = Vec::new();
    for factory in factories(pair).iter().filter(|f| f.list.is_unshared()) {
        let message = format!(
            "factory `{}` uses `+` (unshared-state) URLs, and the pair is checked as shared-state",
            factory.name()
        );
        let help = "join the two servers' URLs with `,` for a shared-state pair, or set mode = \"unshared\" in emsftlint.toml";
        found.push((factory.name(), factory.finding(&META, message).help(help)));
    }
    out.extend(merge_twins(found));
}
