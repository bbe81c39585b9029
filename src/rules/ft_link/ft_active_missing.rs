//! Both servers of a pair set `ft_active`. TIBCO: "In the configuration file of the primary
//! server, set this parameter to the URL of the secondary server. In the configuration file
//! of the secondary server, set this parameter to the URL of the active server."
//! (EMS 10.3 users-guide ft-active.htm)

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT004",
    name: "ft-active-missing",
    severity: Severity::Error,
    category: "ft-link",
    summary: "a server of the pair has no `ft_active`",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for (server, peer) in pair.both_ways() {
        // On FTL stores the FTL server cluster runs fault tolerance and `ft_active` does not
        // apply (EMS 10.4 users-guide/fault-tolerance-with2.htm); ftl-ft-param-ignored says so.
        if server.param("ft_active").is_some() || server.ftl_store().is_some() {
            continue;
        }
        let message = format!(
            "{} has no `ft_active`, so it never connects to its peer and both servers may become active",
            server.side().as_str()
        );
        let help = match peer.listens().first() {
            Some((_, url)) => format!(
                "set `ft_active` to the {} server's listen URL, e.g. `ft_active = {url}`",
                peer.side().as_str()
            ),
            None => format!(
                "set `ft_active` to the {} server's listen URL",
                peer.side().as_str()
            ),
        };
        // Point at an empty `ft_active =` line if the file has one.
        let finding = Finding::new(&META, message)
            .about("parameter", "ft_active")
            .help(help);
        out.push(match server.conf().all("ft_active").last() {
            Some(empty) => finding.at(server.side(), server.main(), empty.line_span.clone()),
            None => finding.at_file(server.side(), server.main()),
        });
    }
}
