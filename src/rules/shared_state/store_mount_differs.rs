//! With `--mounts` for both hosts, in shared mode: the two servers' store (and configuration
//! directories) must be one location on shared storage, so each host must mount the same
//! export at the path it uses. TIBCO: the shared state "must be accessible to both primary and
//! backup servers" (EMS 10.1 GUID-83DE9D55; 8.6 GUID-108D0417). Two exports (or two devices)
//! are two stores, whatever the paths say: the standby activates on another store than the
//! one the active server wrote.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::shared_state::mounts::{remote_location, shared_paths};
use crate::settings::Mode;

pub static META: RuleMeta = RuleMeta {
    code: "FT035",
    name: "store-mount-differs",
    severity: Severity::Error,
    category: "shared-state",
    summary: "the two hosts mount different exports at the shared store's path (--mounts)",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    if pair.settings.mode != Mode::Shared {
        return;
    }
    let Some(deployment) = pair.deployment else {
        return;
    };
    let (Some(host_a), Some(host_b)) = (
        deployment.mounts(pair.primary.side()),
        deployment.mounts(backup.side()),
    ) else {
        return;
    };
    let paths_b = shared_paths(backup);
    for a in shared_paths(&pair.primary) {
        let Some(b) = paths_b.iter().find(|b| b.what == a.what) else {
            continue;
        };
        let (Some(mount_a), Some(mount_b)) = (
            host_a.table.covering(&a.path),
            host_b.table.covering(&b.path),
        ) else {
            continue;
        };
        let (Some(on_a), Some(on_b)) = (
            remote_location(mount_a, &a.path),
            remote_location(mount_b, &b.path),
        ) else {
            continue;
        };
        let same_host = on_a.0 == on_b.0 || pair.settings.same_host(&on_a.0, &on_b.0);
        if same_host && on_a.1 == on_b.1 {
            continue;
        }
        let shown = |(host, path): &(String, String)| {
            if host.is_empty() {
                path.clone()
            } else {
                format!("{host}:{path}")
            }
        };
        out.push(
            Finding::new(
                &META,
                format!(
                    "the servers' {} are different locations: {} on primary ({} mounted at {}), {} on backup ({} mounted at {})",
                    a.what,
                    shown(&on_a),
                    mount_a.source,
                    mount_a.target,
                    shown(&on_b),
                    mount_b.source,
                    mount_b.target
                ),
            )
            .at(pair.primary.side(), a.file, a.span.clone())
            .at(pair.primary.side(), &host_a.file, mount_a.span.clone())
            .at(backup.side(), b.file, b.span.clone())
            .at(backup.side(), &host_b.file, mount_b.span.clone())
            .help("mount the same export at the store's path on both hosts"),
        );
    }
}
