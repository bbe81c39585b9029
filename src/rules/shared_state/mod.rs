//! Rules about the stores the two servers share.

pub(crate) mod mounts;
pub mod store_filesystem_no_lock;
pub mod store_location_mismatch;
pub mod store_mount_differs;
pub mod store_not_shared;
pub mod store_type_conflict;
