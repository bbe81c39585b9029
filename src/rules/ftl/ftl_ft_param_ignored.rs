//! With FTL stores, the FTL server cluster runs fault tolerance: "Aside from
//! ft_reconnect_timeout, none of the parameters in this section are applicable when using FTL
//! stores" (EMS 10.5 users-guide/fault-tolerance-para.htm), and `server_heartbeat_server` and
//! `server_timeout_server_connection` "only affect server-to-server route connections. They
//! have no effect on the behavior of fault-tolerance" (EMS 10.4
//! users-guide/tibemsd.conf_Parameters.htm). Setting them is harmless but misleading: info.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::ftl::ftl_store;

pub static META: RuleMeta = RuleMeta {
    code: "FT030",
    name: "ftl-ft-param-ignored",
    severity: Severity::Info,
    category: "ftl",
    summary: "an FT parameter that does not apply with FTL stores",
};

crate::rules::rule!();

/// The one `ft_*` parameter that still applies with FTL stores.
const STILL_APPLIES: &str = "ft_reconnect_timeout";
/// Parameters that act on routes only with FTL stores.
const ROUTES_ONLY: [&str; 2] = [
    "server_heartbeat_server",
    "server_timeout_server_connection",
];

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        let Some((store, _, _)) = ftl_store(server) else {
            continue;
        };
        for param in &server.conf().params {
            let name = param.name.as_str();
            let effect = if name.starts_with("ft_") && name != STILL_APPLIES {
                "is ignored: the FTL server cluster runs fault tolerance, and of the ft_* parameters only ft_reconnect_timeout applies"
            } else if ROUTES_ONLY.contains(&name) {
                "acts on routes only: with FTL stores it has no effect on fault tolerance"
            } else {
                continue;
            };
            if param.value.is_empty() {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "{}'s `{}` {effect} (store `{store}` is of type ftl)",
                        server.side().as_str(),
                        param.key
                    ),
                )
                .at(server.side(), server.main(), param.line_span.clone())
                .help(format!(
                    "remove `{}`; FTL stores take fault tolerance from the FTL server cluster configuration",
                    param.key
                )),
            );
        }
    }
}
