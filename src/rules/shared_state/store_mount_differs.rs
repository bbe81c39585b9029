//! With `--mounts` for both hosts, in shared mode: the two servers' store (and configuration
//! directories) must be one location on shared storage, so each host must mount the same
//! export at the path it uses. TIBCO: the shared state "must be accessible to both primary and
//! backup servers" (EMS 10.1 GUID-83DE9D55; 8.6 GUID-108D0417). Two exports (or two devices)
//! are two stores, whatever the paths say: the standby activates on another store than the
//! one the active server wrote.

use crate::ems::mounts::Mount;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::shared_state::{describe_paths, remote_location, shared_paths, SharedPath};
use crate::settings::Mode;

pub static META: RuleMeta = RuleMeta {
    code: "FT035",
    name: "store-mount-differs",
    severity: Severity::Error,
    category: "shared-state",
    summary: "the two hosts mount different exports at the shared store's path (--mounts)",
};

crate::rules::rule!();

/// The two hosts' mounts, and each path (the primary's, the backup's) under them that is
/// two locations.
type Differing<'m, 's> = (
    (&'m Mount, &'m Mount),
    Vec<(&'s SharedPath<'s>, &'s SharedPath<'s>)>,
);

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
    let paths_a = shared_paths(&pair.primary);
    let paths_b = shared_paths(backup);
    // The differing paths under each two mounts, in the order the primary names them.
    let mut differing: Vec<Differing<'_, '_>> = Vec::new();
    for a in &paths_a {
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
        let mounts = (mount_a, mount_b);
        match differing
            .iter_mut()
            .find(|(m, _)| std::ptr::eq(m.0, mount_a) && std::ptr::eq(m.1, mount_b))
        {
            Some((_, list)) => list.push((a, b)),
            None => differing.push((mounts, vec![(a, b)])),
        }
    }
    for ((mount_a, mount_b), paths) in differing {
        let (a, b) = paths[0];
        let shown = |mount: &Mount, path: &str| {
            remote_location(mount, path).map_or_else(String::new, |(host, path)| {
                if host.is_empty() {
                    path
                } else {
                    format!("{host}:{path}")
                }
            })
        };
        let firsts: Vec<&SharedPath<'_>> = paths.iter().map(|(a, _)| *a).collect();
        out.push(
            Finding::new(
                &META,
                format!(
                    "the servers' {} are different locations on shared storage: {} on primary ({} mounted at {}), {} on backup ({} mounted at {})",
                    describe_paths(&firsts),
                    shown(mount_a, &a.path),
                    mount_a.source,
                    mount_a.target,
                    shown(mount_b, &b.path),
                    mount_b.source,
                    mount_b.target
                ),
            )
            .about("mount", mount_a.target.to_string())
            .at(pair.primary.side(), a.file, a.span.clone())
            .at(pair.primary.side(), &host_a.file, mount_a.span.clone())
            .at(backup.side(), b.file, b.span.clone())
            .at(backup.side(), &host_b.file, mount_b.span.clone())
            .help("mount the same export at the store's path on both hosts"),
        );
    }
}
