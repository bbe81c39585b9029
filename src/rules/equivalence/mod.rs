//! Rules that the two servers' sub-files agree, entry by entry, by meaning.

pub mod acl_mismatch;
pub mod bridge_mismatch;
pub mod channel_mismatch;
pub mod destination_mismatch;
pub mod durable_mismatch;
pub mod factory_mismatch;
pub mod group_mismatch;
pub mod json_conf_mismatch;
pub mod route_mismatch;
pub mod store_mismatch;
pub mod tibrvcm_mismatch;
pub mod transport_mismatch;
pub mod user_description_mismatch;
pub mod user_mismatch;
