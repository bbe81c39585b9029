//! Rules about the stores the two servers share, and what the mount rules share: the paths
//! of a server that must be on shared storage (its `store` directory, its file stores, the
//! directories of its configuration files), and what a mount gives EMS's lock. EMS locks a
//! file store with `fcntl(F_SETLK)` (EMS 10.1
//! GUID-62DB13C2 "Managing Access to Shared File-Based Stores"), and TIBCO's "Distributed
//! File Locking" criterion asks that "the storage solution must not assign the locks to two
//! servers simultaneously" (EMS 8.6 GUID-108D0417 "Support Criteria"). nfs(5): `nolock`
//! keeps locks on the client only, `local_lock=posix|all` makes fcntl locks local, NFS v2 and
//! v3 lock through the separate NLM protocol, NFS v4 in the protocol itself; mount.cifs(8):
//! `nobrl` sends no byte-range lock to the server.

pub mod store_filesystem_no_lock;
pub mod store_location_mismatch;
pub mod store_mount_differs;
pub mod store_not_shared;
pub mod store_type_conflict;

use std::ops::Range;

use crate::ems::mounts::{self, Mount};
use crate::model::server::Server;
use crate::model::subfiles::SUB_FILES;
use crate::source::FileRef;

/// A path a shared-state pair keeps on shared storage, and where the configuration names it.
pub struct SharedPath<'a> {
    /// `store`, `store `orders.store``, `configuration file `users``.
    pub what: String,
    /// Absolute and normalized.
    pub path: String,
    pub file: &'a FileRef,
    pub span: Range<usize>,
}

/// The server's absolute `store` directory, each file store's file (relative to it), and the
/// directory of each configuration file named by an absolute path.
pub fn shared_paths<'a>(server: &Server<'a>) -> Vec<SharedPath<'a>> {
    let mut out = Vec::new();
    let store_dir = server
        .param("store")
        .filter(|p| p.value.starts_with('/'))
        .map(|p| mounts::normalize(&p.value));
    if let (Some(dir), Some(param)) = (&store_dir, server.param("store")) {
        out.push(SharedPath {
            what: "`store`".into(),
            path: dir.clone(),
            file: server.main(),
            span: param.value_span.clone(),
        });
    }
    if let Some(stores) = &server.stores {
        for section in &stores.data.sections {
            let kind = section.get("type").map_or("file", |t| t.value.trim());
            let Some(file) = section.get("file") else {
                continue;
            };
            if !["file", "mstore"]
                .iter()
                .any(|k| kind.eq_ignore_ascii_case(k))
            {
                continue;
            }
            let path = if file.value.starts_with('/') {
                mounts::normalize(file.value)
            } else if let Some(dir) = &store_dir {
                mounts::normalize(&format!("{dir}/{}", file.value))
            } else {
                continue;
            };
            out.push(SharedPath {
                what: format!("store `{}`", section.name),
                path,
                file: stores.file,
                span: file.value_span.clone(),
            });
        }
    }
    for row in &SUB_FILES {
        let Some(param) = server.param(row.param).filter(|p| p.value.starts_with('/')) else {
            continue;
        };
        let path = mounts::normalize(&param.value);
        let dir = path.rsplit_once('/').map_or("/", |(dir, _)| dir);
        out.push(SharedPath {
            what: format!("the directory of `{}`", row.param),
            path: if dir.is_empty() {
                "/".into()
            } else {
                dir.into()
            },
            file: server.main(),
            span: param.value_span.clone(),
        });
    }
    out
}

/// `` `store` `/shared/ems/datastore` `` and, when there are more, the other paths: what one
/// finding about one mount names.
pub fn describe_paths(paths: &[&SharedPath<'_>]) -> String {
    match paths {
        [] => String::new(),
        [one] => format!("{} `{}`", one.what, one.path),
        [first, rest @ ..] => format!(
            "{} `{}` (and {} other path{} on the same mount: {})",
            first.what,
            first.path,
            rest.len(),
            if rest.len() == 1 { "" } else { "s" },
            rest.iter()
                .map(|p| p.what.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// What a mount gives EMS's exclusive lock.
#[derive(Debug, PartialEq, Eq)]
pub enum Lock {
    /// A network or cluster filesystem whose locks the other host sees.
    Shared,
    /// A filesystem of this host alone: the other host has its own copy.
    Local,
    /// Locks that the other host does not see, or that are not exclusive; why.
    Broken(String),
    /// Cannot be told from the file; why.
    Unproven(String),
    /// A type this table does not know.
    Unknown,
}

const LOCAL: [&str; 20] = [
    "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "tmpfs", "ramfs", "overlay", "vfat", "exfat",
    "ntfs", "ntfs3", "f2fs", "jfs", "reiserfs", "devtmpfs", "squashfs", "iso9660", "rootfs",
];
const NETWORK: [&str; 9] = [
    "nfs4",
    "cifs",
    "smb3",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
    "lustre",
    "gpfs",
    "beegfs",
];
/// Filesystems on a shared block device, with their own cluster lock manager.
const CLUSTER: [&str; 2] = ["gfs2", "ocfs2"];
/// Network filesystems with no locks the server enforces.
const NO_LOCKS: [&str; 2] = ["fuse.sshfs", "sshfs"];

/// What `mount` gives EMS's lock; `live` when read from findmnt (the options in force).
pub fn lock(mount: &Mount, live: bool) -> Lock {
    let fstype = mount.fstype.as_str();
    if LOCAL.contains(&fstype) {
        return Lock::Local;
    }
    if NO_LOCKS.contains(&fstype) {
        return Lock::Broken(format!("{fstype} passes no file lock to the server"));
    }
    if mount.option("nolock").is_some() {
        return Lock::Broken("`nolock` keeps every lock on this host".into());
    }
    if let Some(local) = mount.option("local_lock") {
        if matches!(local, "posix" | "all") {
            return Lock::Broken(format!(
                "`local_lock={local}` keeps the fcntl locks EMS takes on this host"
            ));
        }
    }
    if fstype.starts_with("cifs") || fstype == "smb3" {
        if mount.option("nobrl").is_some() {
            return Lock::Broken("`nobrl` sends no byte-range lock to the server".into());
        }
        return Lock::Shared;
    }
    if fstype == "nfs" {
        let version = mount.option("vers").or_else(|| mount.option("nfsvers"));
        return match version.map(|v| v.split('.').next().unwrap_or(v)) {
            Some("2" | "3") => Lock::Broken(format!(
                "NFS v{} locks through the separate NLM lock manager, which does not give the exclusive, ownership-checked lock TIBCO's shared-storage criteria ask for",
                version.unwrap_or_default()
            )),
            Some(_) => Lock::Shared,
            None if live => Lock::Unproven("the mount shows no NFS version".into()),
            None => Lock::Unproven(
                "no `vers=` option: the NFS version is negotiated at mount time and may fall back to v3".into(),
            ),
        };
    }
    if NETWORK.contains(&fstype) || CLUSTER.contains(&fstype) {
        return Lock::Shared;
    }
    Lock::Unknown
}

/// Where a path is on shared storage: the export (or device) it is mounted from and the path
/// under it, the host of an export in lower case; `None` for a local filesystem.
pub fn remote_location(mount: &Mount, path: &str) -> Option<(String, String)> {
    if lock(mount, true) == Lock::Local {
        return None;
    }
    let under = path.strip_prefix(mount.target.as_str()).unwrap_or_default();
    let source = mount.source.trim();
    let (host, export) = if let Some(rest) = source.strip_prefix("//") {
        rest.split_once('/').map_or((rest, ""), |(h, e)| (h, e))
    } else if let Some((host, export)) = source.split_once(":/") {
        (host, export)
    } else {
        ("", source)
    };
    let location = mounts::normalize(&format!("/{export}/{under}"));
    Some((host.to_ascii_lowercase(), location))
}

#[cfg(test)]
mod tests;
