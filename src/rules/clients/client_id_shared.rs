//! Two JMS connections of the pair's clients that set the same fixed JMS client ID: two
//! BusinessWorks JMS Connection resources (in one project or in two), or one resource under
//! two `.tra` deployments whose `%%Var%%` client ID comes out the same, each with
//! `autoGenClientID` false and a `clientID` that is not empty once resolved. "Each connection
//! must use a unique Client ID … If the value specified in the Client ID field is already in
//! use, an exception is thrown" (BW 5.16 Palette Reference, JMS Connection); EMS: "Setting a
//! connection's client ID to an invalid or duplicate value results in this exception. (A
//! duplicate value is one that is already in use by another connection.)" (EMS API,
//! `InvalidClientIDException`). The second engine to connect is refused while the first is
//! connected. A warning: the files do not say that the two run at the same time.

use std::collections::BTreeMap;

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::clients::shown_value;
use crate::model::clients::JmsConnection;
use crate::model::Pair;
use crate::rules::clients::{client_finding, connects_to_pair};

pub static META: RuleMeta = RuleMeta {
    code: "FT135",
    name: "client-id-shared",
    severity: Severity::Warning,
    category: "clients",
    summary: "two JMS connections of the pair's clients set the same fixed client ID",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let connections = pair.clients.jms_connections();
    let mut by_id: BTreeMap<&str, Vec<&JmsConnection<'_, '_>>> = BTreeMap::new();
    for connection in &connections {
        let Some((_, id)) = &connection.client_id else {
            continue;
        };
        // A reference no variable defines is not a value.
        if id.contains("%%") || !connects_to_pair(pair, connection) {
            continue;
        }
        by_id.entry(id.as_str()).or_default().push(connection);
    }
    for (id, group) in by_id {
        let Some((first, rest)) = group.split_first() else {
            continue;
        };
        for other in rest {
            let Some((prop, _)) = &other.client_id else {
                continue;
            };
            let shown = shown_value(prop, id, "");
            out.push(
                client_finding(
                    &META,
                    other.resource,
                    prop,
                    format!(
                        "{shown}{} is also the fixed client ID of {}{}: EMS refuses the second connection with that client ID while the first is connected",
                        other.under(),
                        first.resource.file().display,
                        first.under(),
                    ),
                )
                .about("client ID", id.to_string())
                .help("give each deployment its own client ID (a `tibco.clientVar.<Var>` per .tra), or check Auto-Generate Client ID (`autoGenClientID` true) where no durable subscription needs a fixed one"),
            );
        }
    }
}
