//! Rules about the fault-tolerant link: each server's `ft_active` and the peer's `listen`.

pub mod ft_active_local_host;
pub mod ft_active_missing;
pub mod ft_active_multiple_urls;
pub mod ft_active_not_reciprocal;
pub mod ft_active_points_at_self;
pub mod ft_active_ssl_peer_not_ssl;
pub mod ft_partner_missing;
pub mod ft_ssl_trusted_missing;
pub mod json_ft_listens;
