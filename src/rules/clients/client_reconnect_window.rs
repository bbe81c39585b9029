//! A client of the pair that stops reconnecting before the standby server can have taken
//! over: its reconnect attempts × delay (BusinessWorks'
//! `java.property.com.tibco.tibjms.reconnect.attempts = count, delay`, an adapter's
//! `tibco.jmsReconnectCount` / `tibco.jmsReconnectDelay`, EMS's defaults 4 and 500 ms for the
//! one not written) end before the longer `ft_activation` of the two servers (default 10 s), as
//! `factory-reconnect-window` judges factories (the computation is `model::clients::window`).
//! Only a client that writes a reconnect setting and names an FT list (`,`) is judged (a
//! BusinessWorks `.tra` also by the JMS Connection resources it deploys): one that writes none
//! takes its factory's settings, which that rule checks.

use crate::ems::url;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::clients::window::{self, standby_activation};
use crate::model::Pair;
use crate::rules::clients::client_finding;

pub static META: RuleMeta = RuleMeta {
    code: "FT128",
    name: "client-reconnect-window",
    severity: Severity::Warning,
    category: "clients",
    summary: "a client gives up reconnecting before the standby server activates",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(activation) = standby_activation(pair) else {
        return;
    };
    let urls = pair.clients.urls();
    for client in &pair.clients.list {
        // A `.tra` names the lists of the JMS Connection resources it deploys, too.
        let names_ft_list = urls.iter().any(|u| {
            (std::ptr::eq(u.client, client)
                || u.deployment.is_some_and(|d| std::ptr::eq(d, client)))
                && url::parse_url_list(&u.text)
                    .is_ok_and(|l| l.alternatives.iter().flatten().any(|g| g.len() > 1))
        });
        if !names_ft_list {
            continue;
        }
        let Some(reconnect) = client.reconnect() else {
            continue;
        };
        let window_ms = window::window_ms(reconnect.count, reconnect.delay_ms, 0);
        if window::outlasts(window_ms, activation) {
            continue;
        }
        let needed = window::attempts_needed(activation, reconnect.delay_ms);
        out.push(
            client_finding(
                &META,
                client,
                reconnect.prop,
                format!(
                    "`{}` stops reconnecting after {} ({} attempts × {} ms), before the standby activates (ft_activation = {activation}s)",
                    reconnect.prop.key,
                    window::seconds(window_ms),
                    reconnect.count,
                    reconnect.delay_ms,
                ),
            )
            .help(format!(
                "raise the attempts and/or the delay so that reconnecting outlasts ft_activation with a margin, e.g. {} attempts at {} ms",
                needed, reconnect.delay_ms
            )),
        );
    }
}
