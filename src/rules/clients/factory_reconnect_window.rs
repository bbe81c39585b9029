//! An FT factory whose clients stop trying to reconnect before the standby server can have
//! taken over: `reconnect_attempt_count × (reconnect_attempt_delay +
//! reconnect_attempt_timeout)` (milliseconds; defaults 4 attempts, 500 ms delay, no timeout)
//! is shorter than the servers' `ft_activation` (default 10 s). "Reconnect defaults (4 × 500
//! ms) are usually too short for failover" (EMS 8.6
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-770DD64C-72E1-4295-91E9-5F5505F8E3D5.html ,
//! https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-C38562C0-4B3C-4A42-B902-CDDB2F327F51.html ;
//! formats.md §13.11). The window is an estimate: a connection attempt without a timeout
//! lasts as long as the network takes to refuse it, counted here as nothing.

use crate::ems::ini::{self, IniKind};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::clients::window;
use crate::model::Pair;
use crate::rules::clients::{factories, ft_groups, Factory, RECONNECT_KEYS};
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT121",
    name: "factory-reconnect-window",
    severity: Severity::Warning,
    category: "clients",
    summary: "an FT factory gives up reconnecting before the standby server activates",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    // Only a fault-tolerant server has a standby to wait for; the longer ft_activation of the
    // two is what clients must outlast.
    let Some(activation) = window::standby_activation(pair) else {
        return;
    };
    let mut found = Vec::new();
    for factory in factories(pair) {
        if ft_groups(&factory.list).next().is_none() {
            continue;
        }
        let Some([count, delay, timeout]) = settings(&factory) else {
            continue;
        };
        let window_ms = window::window_ms(count, delay, timeout);
        if window::outlasts(window_ms, activation) {
            continue;
        }
        let message = format!(
            "FT factory `{}` stops reconnecting after {} ({count} attempts × ({delay} ms delay + {timeout} ms timeout)), before the standby activates (ft_activation = {activation}s)",
            factory.name(),
            window::seconds(window_ms)
        );
        let mut finding = factory.finding(&META, message);
        // The line that sets the longest ft_activation, the factory's own server's if it does.
        let longest = std::iter::once(factory.server)
            .chain(pair.servers())
            .find(|s| s.number("ft_activation") == Some(activation));
        if let Some((server, param)) = longest.and_then(|s| Some((s, s.param("ft_activation")?))) {
            finding = finding.at(server.side(), server.main(), param.line_span.clone());
        }
        let needed = window::attempts_needed(activation, delay.saturating_add(timeout));
        let about = (factory.name(), count, delay, timeout);
        found.push((about, finding.help(format!(
            "raise reconnect_attempt_count and/or reconnect_attempt_delay so that the window outlasts ft_activation with a margin for recovery, e.g. reconnect_attempt_count = {needed} with reconnect_attempt_delay = {delay}"
        ))));
    }
    out.extend(merge_twins(found));
}

/// count, delay and timeout, from the factory or EMS's defaults; None if one is not a number.
fn settings(factory: &Factory<'_, '_>) -> Option<[u64; 3]> {
    let mut values = [0; 3];
    for (slot, key) in values.iter_mut().zip(RECONNECT_KEYS) {
        let written = factory.section.get(key).map(|prop| prop.value);
        *slot = written
            .or_else(|| ini::default_of(IniKind::Factories, key, None))?
            .trim()
            .parse()
            .ok()?;
    }
    Some(values)
}
