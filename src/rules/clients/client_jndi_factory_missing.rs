//! A BusinessWorks JMS Connection resource that looks its connection factory up by JNDI
//! (`UseJNDI` true) at the pair (`NamingURL`) under a name (`QueueFactoryName`,
//! `TopicFactoryName`) that the factories.conf of a server of the pair does not define: the
//! lookup fails while that server is active, so the engine cannot connect. "The connection
//! factory data stored on the EMS server is located in the factories.conf file" (EMS User's
//! Guide, "Create and Modify Administered Objects in EMS"); a server whose tibemsd.conf names
//! no factories file defines none. The factories the EMS samples ship (`QueueConnectionFactory`
//! and the others) are lines of the sample factories.conf, not built into the server: a
//! factories.conf without them does not define them.
//!
//! An error when every name the resource looks up is missing on a server (whichever kind of
//! destination its activities use, the lookup fails there); a warning when only some are (the
//! activities, in the project's processes, may use only the kind that is defined). A server
//! whose factories come from tibemsd.json is not judged: its `jndinames` aliases are names too.

use std::collections::HashSet;

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::clients::shown_value;
use crate::model::server::{Server, SubFile};
use crate::model::Pair;
use crate::rules::clients::{client_finding, connects_to_pair};

pub static META: RuleMeta = RuleMeta {
    code: "FT134",
    name: "client-jndi-factory-missing",
    severity: Severity::Error,
    category: "clients",
    summary: "a JMS Connection resource looks up a connection factory that a server of the pair does not define",
};

crate::rules::rule!();

/// The factory names a server defines, or `None` when that cannot be told from the files.
fn defined<'a>(server: &Server<'a>) -> Option<Vec<&'a str>> {
    match server.sub_file("factories") {
        SubFile::NotNamed => Some(Vec::new()),
        SubFile::Unreadable => None,
        SubFile::Read(file) if file.origin.is_some() => None,
        SubFile::Read(_) => server
            .factories
            .as_ref()
            .map(|f| f.data.sections.iter().map(|s| s.name).collect()),
    }
}

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let servers: Vec<(&Server<'_>, Vec<&str>)> = pair
        .servers()
        .filter_map(|s| Some((s, defined(s)?)))
        .collect();
    let mut seen = HashSet::new();
    for connection in pair.clients.jms_connections() {
        if !connection.use_jndi || !connects_to_pair(pair, &connection) {
            continue;
        }
        let lacks = |names: &[&str], wanted: &str| !names.contains(&wanted);
        for (prop, name) in &connection.factory_names {
            // A reference no variable defines is not a name.
            if name.contains("%%") {
                continue;
            }
            if !seen.insert((
                prop.span.clone(),
                connection.resource.file().display.clone(),
                name.clone(),
            )) {
                continue;
            }
            let missing: Vec<&(&Server<'_>, Vec<&str>)> = servers
                .iter()
                .filter(|(_, names)| lacks(names, name))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let every_name_missing = missing.iter().any(|(_, names)| {
                connection
                    .factory_names
                    .iter()
                    .all(|(_, n)| lacks(names, n))
            });
            let on: Vec<String> = missing
                .iter()
                .map(|(server, names)| {
                    let side = server.side().as_str();
                    match server.sub_file("factories") {
                        SubFile::NotNamed => {
                            format!("{side} (its tibemsd.conf names no factories file)")
                        }
                        _ if names.is_empty() => {
                            format!("{side} (its factories.conf defines none)")
                        }
                        _ => format!("{side} (it defines {})", names.join(", ")),
                    }
                })
                .collect();
            let shown = shown_value(prop, name, "");
            let consequence = if every_name_missing {
                "the lookup fails and the engine cannot connect while that server is active"
            } else {
                "a lookup of it fails while that server is active, if the resource's activities use it"
            };
            out.push(
                client_finding(
                    &META,
                    connection.resource,
                    prop,
                    format!(
                        "{shown}{}: no factory of that name on {}; {consequence}",
                        connection.under(),
                        on.join(" nor on "),
                    ),
                )
                .about("factory", name.clone())
                .severity(if every_name_missing {
                    Severity::Error
                } else {
                    Severity::Warning
                })
                .help(format!(
                    "define `[{name}]` in the factories.conf of both servers (an FT url, `tcp://<primary>:<port>,tcp://<backup>:<port>`), or name a factory they define"
                )),
            );
        }
    }
}
