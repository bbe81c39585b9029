//! A queue or topic whose `store=` names a store that stores.conf does not define: EMS
//! refuses the destination ("`store=` must name a store defined in stores.conf";
//! `$sys.meta`, `$sys.failsafe` and `$sys.nonfailsafe` always exist). EMS 8.6 destination
//! properties, https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-EE423898-3C90-4F54-84D6-026F85ACD6E4.html ;
//! default stores, https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-5DE35370-FE67-47E7-9DE6-670F5E45A7D0.html .
//!
//! Likewise a destination whose `import=` or `export=` names a transport that transports.conf
//! does not define: "Destination definitions … can set the import and export properties to
//! specify one or more transports", which transports.conf defines
//! (https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-8FA0C21D-2DB1-4D5A-91C5-67A5E88A1BEF.html,
//! https://docs.tibco.com/pub/ems/10.4.0/doc/html/users-guide/transports.conf.htm). Then no
//! message crosses to or from the other messaging system; the docs do not say that the server
//! refuses the destination (TIBCO's own route sample exports to a transport it does not
//! define), so this is a warning.

use std::collections::BTreeSet;

use crate::ems::suggest::nearest_jaro_winkler;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::server::{Server, SubFile};
use crate::model::Pair;
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT115",
    name: "destination-unknown-store",
    severity: Severity::Error,
    category: "hygiene",
    summary: "a destination's `store=`, `import=` or `export=` names a store or transport that is not defined",
};

/// The stores every server has.
pub const DEFAULT_STORES: [&str; 3] = ["$sys.meta", "$sys.failsafe", "$sys.nonfailsafe"];

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for server in pair.servers() {
        let mut defined: BTreeSet<&str> = DEFAULT_STORES.into_iter().collect();
        let where_defined = match server.sub_file("stores") {
            // missing-file reports it; which stores it defines is unknown.
            SubFile::Unreadable => continue,
            SubFile::NotNamed => "tibemsd.conf names no stores file, so only the $sys stores exist",
            SubFile::Read(_) => "stores.conf does not define it",
        };
        if let Some(stores) = &server.stores {
            defined.extend(stores.data.sections.iter().map(|s| s.name));
        }
        for (noun, file) in [("queue", &server.queues), ("topic", &server.topics)] {
            let Some(file) = file else { continue };
            for destination in &file.data.destinations {
                let Some(prop) = destination.prop("store") else {
                    continue;
                };
                let Some(store) = prop.value.filter(|s| !defined.contains(s)) else {
                    continue;
                };
                let near = nearest_jaro_winkler(store, defined.iter().copied());
                let help = match near {
                    Some(name) => format!("did you mean `{name}`?"),
                    None => format!(
                        "define `[{store}]` in stores.conf, or name a store it defines (or $sys.failsafe, $sys.nonfailsafe)"
                    ),
                };
                found.push((
                    (noun, destination.name, store, where_defined),
                    Finding::new(
                        &META,
                        format!(
                            "{noun} `{}` uses store `{store}`, and {where_defined}",
                            destination.name
                        ),
                    )
                    .about(noun, destination.name.to_string())
                    .at(server.side(), file.file, prop.span.clone())
                    .help(help),
                ));
            }
        }
    }
    for server in pair.servers() {
        unknown_transports(server, &mut found);
    }
    out.extend(merge_twins(found));
}

/// What a finding is about: the destination's noun and name, the name it refers to, and where
/// (or why not) that is defined.
type About<'a> = (&'static str, &'a str, &'a str, &'static str);

/// Each `import=` and `export=` name that transports.conf does not define.
fn unknown_transports<'a>(server: &Server<'a>, found: &mut Vec<(About<'a>, Finding)>) {
    let where_defined = match server.sub_file("transports") {
        SubFile::Unreadable => return,
        SubFile::NotNamed => "tibemsd.conf names no transports file",
        SubFile::Read(_) => "transports.conf does not define it",
    };
    let defined: BTreeSet<&str> = server
        .transports
        .iter()
        .flat_map(|t| t.data.sections.iter().map(|s| s.name))
        .collect();
    for (noun, file) in [("queue", &server.queues), ("topic", &server.topics)] {
        let Some(file) = file else { continue };
        for destination in &file.data.destinations {
            for property in ["import", "export"] {
                let Some(prop) = destination.prop(property) else {
                    continue;
                };
                let Some(list) = prop.value else { continue };
                let named: Vec<&str> = list.split(',').map(str::trim).collect();
                for &transport in &named {
                    if transport.is_empty() || defined.contains(transport) {
                        continue;
                    }
                    // A near miss of a name the list does not already hold.
                    let others = defined.iter().copied().filter(|d| !named.contains(d));
                    let help = match nearest_jaro_winkler(transport, others) {
                        Some(name) => format!("did you mean `{name}`?"),
                        None => format!("define `[{transport}]` in transports.conf, or name a transport it defines"),
                    };
                    let verb = if property == "import" {
                        "imports from"
                    } else {
                        "exports to"
                    };
                    found.push((
                        (noun, destination.name, transport, property),
                        Finding::new(
                            &META,
                            format!(
                                "{noun} `{}` {verb} transport `{transport}`, and {where_defined}",
                                destination.name
                            ),
                        )
                        .about(noun, destination.name.to_string())
                        .severity(Severity::Warning)
                        .at(server.side(), file.file, prop.span.clone())
                        .help(help),
                    ));
                }
            }
        }
    }
}
