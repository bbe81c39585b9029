//! Rules about the stores the two servers share.

pub mod store_location_mismatch;
pub mod store_not_shared;
pub mod store_type_conflict;
