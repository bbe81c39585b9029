//! A route named like the server itself. A route's name must be the `server` name of the
//! server it leads to ("Route name must equal the remote server's `server` name": EMS 8.6
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-2FF22C1B-0154-4471-B8B2-8AE573AED982.html),
//! so this route leads nowhere, usually a routes.conf copied from the other end of the route.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT116",
    name: "route-to-self",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "a route is named like the server itself",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for server in pair.servers() {
        let (Some(routes), Some(name)) = (&server.routes, server.param("server")) else {
            continue;
        };
        for section in routes.data.sections.iter().filter(|s| s.name == name.value) {
            found.push((
                section.name,
                Finding::new(
                    &META,
                    format!(
                        "route `[{}]` is named like this server; a route is named after the server it leads to",
                        section.name
                    ),
                )
                .at(server.side(), routes.file, section.header_span.clone())
                .at(server.side(), server.main(), name.line_span.clone())
                .help("rename the route to the remote server's `server` name, or remove it"),
            ));
        }
    }
    out.extend(merge_twins(found));
}
