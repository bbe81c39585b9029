//! A route named like the server itself. A route's name must be the `server` name of the
//! server it leads to ("Route name must equal the remote server's `server` name": EMS 8.6
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-2FF22C1B-0154-4471-B8B2-8AE573AED982.html),
//! so this route leads nowhere, usually a routes.conf copied from the other end of the route.
//! Also a route whose URL reaches a listen of this server or of its FT peer (hosts by meaning,
//! as for `ft_active`; a host-less or loopback URL names this server's own machine): a route
//! connects two different servers, and the two servers of one pair are one server to clients.

use crate::ems::url;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::ft_link::{is_local, server_reach, Reach};
use crate::model::Pair;
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT116",
    name: "route-to-self",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "a route is named like the server itself, or leads back to its own pair",
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
                (section.name, String::new()),
                Finding::new(
                    &META,
                    format!(
                        "route `[{}]` is named like this server; a route is named after the server it leads to",
                        section.name
                    ),
                ).about("route", section.name.to_string())
                .at(server.side(), routes.file, section.header_span.clone())
                .at(server.side(), server.main(), name.line_span.clone())
                .help("rename the route to the remote server's `server` name, or remove it"),
            ));
        }
    }
    for server in pair.servers() {
        let Some(routes) = &server.routes else {
            continue;
        };
        let own_name = server.param("server").map(|p| p.value.as_str());
        for section in &routes.data.sections {
            if Some(section.name) == own_name {
                continue;
            }
            let Some(url) = section.get("url") else {
                continue;
            };
            let Ok(list) = url::parse_url_list(url.value) else {
                continue;
            };
            let back = list.urls().find_map(|u| {
                pair.servers()
                    .find(|s| {
                        let own = s.side() == server.side();
                        (own || !is_local(u.host))
                            && server_reach(pair.settings, u, s) == Reach::Yes
                    })
                    .map(|s| (u.to_string(), s))
            });
            let Some((reached, target)) = back else {
                continue;
            };
            let message = format!(
                "route `[{}]` connects to {reached}, a listen of {} of this pair; a route leads to another server",
                section.name,
                target.side().as_str()
            );
            found.push((
                (section.name, target.side().as_str().to_string()),
                Finding::new(&META, message).about("route", section.name.to_string())
                .at(server.side(), routes.file, url.line_span.clone())
                .help("set the route's url to the listens of the server it is named after, or remove the route"),
            ));
        }
    }
    out.extend(merge_twins(found));
}
