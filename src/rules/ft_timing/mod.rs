//! Rules about the heartbeat, activation and reconnect timings of the pair.

pub mod connection_heartbeats_absent;
pub mod ft_activation_mismatch;
pub mod ft_activation_too_short;
pub mod ft_heartbeat_mismatch;
pub mod ft_reconnect_timeout_mismatch;
pub mod heartbeat_mismatch;
pub mod heartbeat_timeout_incoherent;

/// The client and server heartbeats and timeouts that `heartbeat-mismatch` compares.
pub const HEARTBEAT_PARAMS: [&str; 6] = [
    "client_heartbeat_server",
    "server_heartbeat_client",
    "server_timeout_client_connection",
    "client_timeout_server_connection",
    "server_heartbeat_server",
    "server_timeout_server_connection",
];
