//! Store types a server cannot run with. EMS 10.3 stores.conf: "EMS does not support
//! configuration of multiple store types in the same server. If using FTL stores, all stores
//! in the configuration must be of type ftl"; EMS 10.1: "When using FTL stores, the EMS server
//! requires the configuration to be JSON-based", and grid stores (`as`) likewise
//! (users-guide/stores.conf_Parameters.htm; 10.1 GUID-C247BE47 family). 8.x mixes file and
//! database stores freely (8.5: "a combination of database and file-based stores"). A mix
//! with `ftl` or `as` is an error; `ftl` or `as` stores in a .conf configuration are a warning,
//! as the file may be the input of `tibemsconf2json` rather than what a server runs.

use crate::ems::ini::IniProp;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT125",
    name: "store-type-conflict",
    severity: Severity::Error,
    category: "shared-state",
    summary: "FTL or grid stores mixed with other store types, or outside a JSON configuration",
};

crate::rules::rule!();

/// The store types that need every store of the server to be of their type, and JSON.
const ALONE_AND_JSON: [&str; 2] = ["ftl", "as"];

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for server in pair.servers() {
        let Some(stores) = &server.stores else {
            continue;
        };
        let types: Vec<(&str, &IniProp<'_>)> = stores
            .data
            .sections
            .iter()
            .filter_map(|s| s.get("type").map(|t| (s.name, t)))
            .collect();
        let lowered = |t: &IniProp<'_>| t.value.trim().to_ascii_lowercase();
        let Some((name, special)) = types
            .iter()
            .find(|(_, t)| ALONE_AND_JSON.contains(&lowered(t).as_str()))
        else {
            continue;
        };
        let kind = lowered(special);
        if let Some((other_name, other)) = types.iter().find(|(_, t)| lowered(t) != kind) {
            let message = format!(
                "store `{name}` is of type `{kind}` and store `{other_name}` of type `{}`: a server with {kind} stores takes no other type",
                lowered(other)
            );
            found.push((
                message.clone(),
                Finding::new(&META, message)
                    .about("store", *name)
                    .at(server.side(), stores.file, special.line_span.clone())
                    .at(server.side(), stores.file, other.line_span.clone())
                    .help(format!("make every store of type `{kind}`, or none")),
            ));
        } else if server.files.json.is_none() && server.main().origin.is_none() {
            // (A server generated from a tibemsd.json, the backup of a JSON pair included,
            // runs from that JSON.)
            let message = format!(
                "store `{name}` is of type `{kind}`, which EMS runs only from a JSON configuration (tibemsd.json)"
            );
            found.push((
                message.clone(),
                Finding::new(&META, message).about("store", *name)
                    .severity(Severity::Warning)
                    .at(server.side(), stores.file, special.line_span.clone())
                    .help("convert the configuration with `tibemsconf2json` and lint the tibemsd.json the servers run"),
            ));
        }
    }
    out.extend(merge_twins(found));
}
