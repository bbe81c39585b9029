//! With `--mounts`, in shared mode: the store, and the directories of the configuration
//! files, of each server of the pair must be on storage that gives EMS an exclusive lock
//! across the two hosts. TIBCO's "Distributed File Locking" criterion: "The EMS servers must be
//! able to request and obtain an exclusive lock on the shared storage. The storage solution
//! must not assign the locks to two servers simultaneously … EMS servers use this lock to
//! determine the primary server" (EMS 8.6 GUID-108D0417, "Support Criteria"; 10.1
//! GUID-83DE9D55). A lock the other host does not see lets both servers activate on one store
//! (dual active, a corrupted store); a filesystem local to one host gives each server its own
//! store (the standby activates on an empty one). The lock EMS takes is `fcntl(F_SETLK)`
//! (EMS 10.1 GUID-62DB13C2); what each mount option does to it is in `mounts.rs`.

use crate::ems::mounts::Mount;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::shared_state::{describe_paths, lock, shared_paths, Lock, SharedPath};
use crate::settings::Mode;

pub static META: RuleMeta = RuleMeta {
    code: "FT034",
    name: "store-filesystem-no-lock",
    severity: Severity::Error,
    category: "shared-state",
    summary: "the shared store is on a filesystem that gives EMS no exclusive lock across the hosts (--mounts)",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    if pair.settings.mode != Mode::Shared || pair.backup.is_none() {
        return;
    }
    let Some(deployment) = pair.deployment else {
        return;
    };
    for server in pair.servers() {
        let side = server.side();
        let Some(host) = deployment.mounts(side) else {
            continue;
        };
        let paths = shared_paths(server);
        // The paths on each mount, in the order the configuration names them: one finding a mount.
        let mut by_mount: Vec<(&Mount, Vec<&SharedPath<'_>>)> = Vec::new();
        for shared in &paths {
            let Some(mount) = host.table.covering(&shared.path) else {
                continue;
            };
            match by_mount.iter_mut().find(|(m, _)| std::ptr::eq(*m, mount)) {
                Some((_, list)) => list.push(shared),
                None => by_mount.push((mount, vec![shared])),
            }
        }
        for (mount, on_it) in by_mount {
            let (why, severity) = match lock(mount, host.table.live) {
                Lock::Shared | Lock::Unknown => continue,
                Lock::Local => (
                    format!(
                        "{} on {}, a local {} filesystem of this host: the other host has its own copy",
                        verb(&on_it),
                        mount.target,
                        mount.fstype
                    ),
                    Severity::Error,
                ),
                Lock::Broken(why) => (
                    format!(
                        "{} on {} ({} from {}): {why}",
                        verb(&on_it),
                        mount.target,
                        mount.fstype,
                        mount.source
                    ),
                    Severity::Error,
                ),
                Lock::Unproven(why) => (
                    format!(
                        "{} on {} ({} from {}): {why}; whether EMS gets an exclusive lock cannot be proven offline",
                        verb(&on_it),
                        mount.target,
                        mount.fstype,
                        mount.source
                    ),
                    Severity::Warning,
                ),
            };
            let first = on_it[0];
            out.push(
                Finding::new(
                    &META,
                    format!("{}'s {} {why}", side.as_str(), describe_paths(&on_it)),
                )
                .severity(severity)
                .about("mount", mount.target.to_string())
                .at(side, first.file, first.span.clone())
                .at(side, &host.file, mount.span.clone())
                .help("mount the shared store over NFS v4 (vers=4.1 or later, without nolock or local_lock=posix|all) or another filesystem that locks across hosts, the same export on both hosts"),
            );
        }
    }
}

fn verb(paths: &[&SharedPath<'_>]) -> &'static str {
    if paths.len() == 1 {
        "is"
    } else {
        "are"
    }
}
