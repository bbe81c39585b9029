//! In shared-state mode the store must be storage both machines reach; a relative path
//! (resolved against each server's working directory), `/tmp` or the like is local to one
//! machine (formats.md §13 rule 4; the corpus has `store = local`).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::settings::Mode;

pub static META: RuleMeta = RuleMeta {
    code: "FT021",
    name: "store-not-shared",
    severity: Severity::Warning,
    category: "shared-state",
    summary: "`store` looks local to one machine (shared mode)",
};

crate::rules::rule!();

const LOCAL_PREFIXES: [&str; 4] = ["/tmp", "/var/tmp", "/dev/shm", "/run"];

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    if pair.settings.mode != Mode::Shared || pair.backup.is_none() {
        return;
    }
    for server in pair.servers() {
        let Some(store) = server.param("store") else {
            continue;
        };
        let value = store.value.as_str();
        let absolute = value.starts_with(['/', '\\']) || value.get(1..2) == Some(":");
        let why = if !absolute {
            "is a relative path, resolved against each server's own working directory"
        } else if LOCAL_PREFIXES
            .iter()
            .any(|p| value == *p || value.starts_with(&format!("{p}/")))
        {
            "is a temporary directory local to one machine"
        } else {
            continue;
        };
        out.push(
            Finding::new(&META, format!("{}'s store `{value}` {why}", server.side().as_str())).about("parameter", "store")
                .at(server.side(), server.main(), store.value_span.clone())
                .help("use an absolute path on shared storage that both servers mount, or set mode = \"unshared\" in emsftlint.toml"),
        );
    }
}
