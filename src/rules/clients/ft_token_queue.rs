//! The queues named in `ft_token_queues` (emsftlint.toml), and those the `.tra` of an FT adapter
//! attached with `--clients` names (`tibco.sdk.faultTolerance.ems.queueName`), hold the tokens of TIBCO adapters
//! that run fault-tolerant: "Fault Tolerance is based on the JMS queue. Before enabling Fault
//! Tolerance, you have to define a JMS queue, set the prefetch parameter of the JMS queue to
//! none, and then put several JMS messages in the JMS queue as tokens" (TIBCO ActiveMatrix
//! Adapter for Files,
//! https://docs.tibco.com/pub/adfilesbs/1.2.0/doc/html/GUID-9FB88643-13D0-4BC0-871A-D0704B4B4C86.html).
//! Each must be defined in queues.conf on both servers and have `prefetch=none` in effect: set
//! on the queue, or inherited from the wildcard queues above it by TIBCO's rule for prefetch
//! ("When all parent destinations set the value none, then the child destination inherits the
//! value none. When any parent destination sets a non-zero numeric value, then the child
//! destination inherits the largest value from among the entire parent chain",
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-3E55A62D-435F-44D1-8151-A6375CB07CB2.html;
//! the model computes it, `model::destinations`). Where the docs leave the rule open (a parent
//! that sets no prefetch beside one that says `none`), a reading that gives `none` is enough.
//! With any prefetch a consumer holds tokens it does not own, and after a failover a standby
//! adapter takes over while the primary still runs.

use crate::ems::destinations::{DestKind, Destination};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::destinations::Effective;
use crate::model::server::SubFile;
use crate::model::Pair;
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT122",
    name: "ft-token-queue",
    severity: Severity::Error,
    category: "clients",
    summary: "an adapter FT token queue is missing or does not have prefetch=none",
};

crate::rules::rule!();

/// What is wrong with a token queue on one server: the same on both servers is one finding.
#[derive(PartialEq, Eq, Hash)]
enum Fault {
    NoQueuesFile,
    NotDefined,
    /// Its prefetch, as the message says it.
    Prefetch(String),
}

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    // The hand list of emsftlint.toml, then each queue an FT adapter's .tra names
    // (`tibco.sdk.faultTolerance.ems.queueName`), each once.
    let mut names: Vec<(String, String)> = pair
        .settings
        .clients
        .ft_token_queues
        .iter()
        .map(|n| (n.clone(), String::new()))
        .collect();
    for ft in pair.clients.adapters_ft() {
        if let Some(queue) = ft.queue {
            let queue = queue.value.trim().to_string();
            if !names.iter().any(|(n, _)| *n == queue) {
                let named_by = format!(" (the token queue of {})", ft.client.file().display);
                names.push((queue, named_by));
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for server in pair.servers() {
        let queues = match server.sub_file("queues") {
            SubFile::Unreadable => continue,
            SubFile::NotNamed => None,
            SubFile::Read(_) => server.queues.as_ref(),
        };
        for (name, named_by) in &names {
            let defined = queues.and_then(|q| q.data.destination(name));
            let (fault, finding) = match (queues, defined) {
                (None, _) => (
                    Fault::NoQueuesFile,
                    Finding::new(
                        &META,
                        format!(
                        "FT token queue `{name}`{named_by} is not defined: tibemsd.conf names no queues file"
                    ),
                    )
                    .about("queue", name.to_string())
                    .at_file(server.side(), server.main()),
                ),
                (Some(file), None) => (
                    Fault::NotDefined,
                    Finding::new(
                        &META,
                        format!("FT token queue `{name}`{named_by} is not defined in queues.conf"),
                    )
                    .about("queue", name.to_string())
                    .at_file(server.side(), file.file),
                ),
                (Some(file), Some(queue)) => {
                    let Some(destinations) = server.destinations(DestKind::Queue) else {
                        continue;
                    };
                    let effective = destinations.effective(queue.name);
                    if effective.may_be("prefetch", "none") {
                        continue;
                    }
                    let said = describe(queue, &effective);
                    let finding = Finding::new(
                        &META,
                        format!("FT token queue `{name}`{named_by} has {said}; adapters need prefetch=none"),
                    )
                    .about("queue", name.to_string())
                    .at(
                        server.side(),
                        file.file,
                        queue
                            .prop("prefetch")
                            .map_or(queue.line_span.clone(), |p| p.span.clone()),
                    );
                    (Fault::Prefetch(said), finding)
                }
            };
            found.push(((name, fault), finding.help(format!(
                "define the queue on both servers with prefetch=none: `{name} prefetch=none` in queues.conf"
            ))));
        }
    }
    out.extend(merge_twins(found));
}

/// The queue's prefetch in effect, and where it comes from.
fn describe(queue: &Destination<'_>, effective: &Effective) -> String {
    let value = effective
        .fields()
        .get("prefetch")
        .map_or("", String::as_str);
    let from = effective.inherited_from("prefetch", queue.name);
    if !from.is_empty() {
        let from: Vec<String> = from.iter().map(|n| format!("`{n}`")).collect();
        return format!("prefetch={value}, inherited from {}", from.join(", "));
    }
    match queue.prop("prefetch").and_then(|p| p.value) {
        Some(written) if written.trim() != "0" => format!("prefetch={written}"),
        _ => format!("no prefetch (the default prefetches {value})"),
    }
}
