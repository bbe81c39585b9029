//! `ft_activation` is at least twice `ft_heartbeat`. TIBCO: "The activation interval must be
//! at least twice the heartbeat interval" (EMS 8.5.1 FT concepts,
//! GUID-160E5483-16F1-45DD-ABDF-E9A28D7DAB49). The standby waits its own activation
//! interval after the active server's heartbeats stop, so across a pair each server's
//! activation is measured against the peer's heartbeat too. Defaults: heartbeat 3, activation 10.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::{at_setting, setting};

pub static META: RuleMeta = RuleMeta {
    code: "FT017",
    name: "ft-activation-too-short",
    severity: Severity::Error,
    category: "ft-timing",
    summary: "`ft_activation` is less than twice `ft_heartbeat`",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        let activation = setting(server, "ft_activation");
        let Some(act) = server.number("ft_activation") else {
            continue;
        };
        // The longest heartbeat that this server's activation must cover: its own, and its peer's.
        let mut worst: Option<(u64, &crate::model::server::Server<'_>)> = None;
        for hb_server in std::iter::once(server).chain(peer_of(pair, server)) {
            if let Some(hb) = hb_server.number("ft_heartbeat") {
                if act < 2 * hb && worst.is_none_or(|(w, _)| hb > w) {
                    worst = Some((hb, hb_server));
                }
            }
        }
        let Some((hb, hb_server)) = worst else {
            continue;
        };
        let heartbeat = setting(hb_server, "ft_heartbeat");
        let whose = if hb_server.side() == server.side() {
            "its".to_string()
        } else {
            format!("{}'s", hb_server.side().as_str())
        };
        let message = format!(
            "{}'s ft_activation ({} s{}) is less than twice {whose} ft_heartbeat ({} s{})",
            server.side().as_str(),
            act,
            default_note(activation.param.is_none()),
            hb,
            default_note(heartbeat.param.is_none()),
        );
        let mut finding = at_setting(
            Finding::new(&META, message).about("parameter", "ft_activation"),
            server,
            &activation,
        )
        .help(format!(
            "set ft_activation to at least {} on both servers",
            2 * hb
        ));
        if let Some(p) = heartbeat.param {
            finding = finding.at(hb_server.side(), hb_server.main(), p.line_span.clone());
        }
        out.push(finding);
    }
}

fn peer_of<'p, 'a>(
    pair: &'p Pair<'a>,
    server: &crate::model::server::Server<'a>,
) -> Option<&'p crate::model::server::Server<'a>> {
    pair.servers().find(|s| s.side() != server.side())
}

fn default_note(is_default: bool) -> &'static str {
    if is_default {
        ", the default"
    } else {
        ""
    }
}
