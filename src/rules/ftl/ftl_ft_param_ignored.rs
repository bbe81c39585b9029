//! With FTL stores, the FTL server cluster runs fault tolerance: "Aside from
//! ft_reconnect_timeout, none of the parameters in this section are applicable when using FTL
//! stores" (EMS 10.5 users-guide/fault-tolerance-para.htm), and `server_heartbeat_server` and
//! `server_timeout_server_connection` "only affect server-to-server route connections. They
//! have no effect on the behavior of fault-tolerance" (EMS 10.4
//! users-guide/tibemsd.conf_Parameters.htm). Setting them is harmless but misleading: info.

use crate::ems::tibemsd::Param;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

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
        let Some((store, _, _)) = server.ftl_store() else {
            continue;
        };
        let set = |keep: &dyn Fn(&str) -> bool| -> Vec<&Param> {
            server
                .conf()
                .params
                .iter()
                .filter(|p| keep(&p.name) && !p.value.is_empty())
                .collect()
        };
        let ignored = set(&|name| name.starts_with("ft_") && name != STILL_APPLIES);
        let routes_only = set(&|name| ROUTES_ONLY.contains(&name));
        let names = |params: &[&Param]| {
            params
                .iter()
                .map(|p| format!("`{}`", p.key))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts = Vec::new();
        if !ignored.is_empty() {
            parts.push(format!(
                "{} {} ignored: the FTL server cluster runs fault tolerance, and of the ft_* parameters only ft_reconnect_timeout applies",
                names(&ignored),
                if ignored.len() == 1 { "is" } else { "are" }
            ));
        }
        if !routes_only.is_empty() {
            parts.push(format!(
                "{} {} on routes only, not on fault tolerance",
                names(&routes_only),
                if routes_only.len() == 1 {
                    "acts"
                } else {
                    "act"
                }
            ));
        }
        if parts.is_empty() {
            continue;
        }
        let mut finding = Finding::new(
            &META,
            format!(
                "{} runs on FTL stores (store `{store}` is of type ftl): {}",
                server.side().as_str(),
                parts.join("; ")
            ),
        )
        .about("server", server.side().as_str())
        .help("remove these lines; FTL stores take fault tolerance from the FTL server cluster configuration");
        for param in ignored.iter().chain(&routes_only) {
            finding = finding.at(server.side(), server.main(), param.line_span.clone());
        }
        out.push(finding);
    }
}
