//! How long clients keep reconnecting after a failover, against how long the standby takes to
//! activate: what the factory and the client reconnect rules both judge. "By default, a client
//! will attempt reconnection 4 times with a 500 ms delay between each attempt" (EMS User's
//! Guide, "Set Reconnection Failure Parameters",
//! https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-C38562C0-4B3C-4A42-B902-CDDB2F327F51.html).

use crate::model::Pair;

pub const DEFAULT_RECONNECT_COUNT: u64 = 4;
pub const DEFAULT_RECONNECT_DELAY_MS: u64 = 500;

/// The longest `ft_activation` of the pair's servers (seconds, the default included), when
/// the pair is fault-tolerant: what clients must outlast.
pub fn standby_activation(pair: &Pair<'_>) -> Option<u64> {
    if pair.backup.is_none() && pair.primary.param("ft_active").is_none() {
        return None;
    }
    pair.servers()
        .filter_map(|s| s.number("ft_activation"))
        .max()
}

/// `count × (delay + timeout)` milliseconds: how long reconnecting lasts, a connection attempt
/// without a timeout counted as nothing.
pub fn window_ms(count: u64, delay_ms: u64, timeout_ms: u64) -> u64 {
    count.saturating_mul(delay_ms.saturating_add(timeout_ms))
}

/// Whether a reconnect window of `window_ms` lasts until a standby activating after
/// `activation_s` seconds can take the connections.
pub fn outlasts(window_ms: u64, activation_s: u64) -> bool {
    window_ms >= activation_s.saturating_mul(1000)
}

/// The attempts that outlast twice the activation at `step_ms` per attempt: a margin for
/// recovery.
pub fn attempts_needed(activation_s: u64, step_ms: u64) -> u64 {
    activation_s.saturating_mul(2000).div_ceil(step_ms.max(1))
}

/// `2s`, `1.5s`.
pub fn seconds(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.1}s", ms as f64 / 1000.0)
    }
}
