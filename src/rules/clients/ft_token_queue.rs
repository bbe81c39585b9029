//! The queues named in `ft_token_queues` (emsftlint.toml) hold the tokens of TIBCO adapters
//! that run fault-tolerant: "Fault Tolerance is based on the JMS queue. Before enabling Fault
//! Tolerance, you have to define a JMS queue, set the prefetch parameter of the JMS queue to
//! none, and then put several JMS messages in the JMS queue as tokens" (TIBCO ActiveMatrix
//! Adapter for Files,
//! https://docs.tibco.com/pub/adfilesbs/1.2.0/doc/html/GUID-9FB88643-13D0-4BC0-871A-D0704B4B4C86.html).
//! Each must be defined in queues.conf on both servers with `prefetch=none`, set on the queue
//! or inherited from a wildcard queue that matches it (formats.md §5); with any prefetch a
//! consumer holds tokens it does not own, and after a failover a standby adapter takes over
//! while the primary still runs.

use crate::ems::destinations::Destination;
use crate::ems::names::wildcard_match;
use crate::finding::{Finding, RuleMeta, Severity};
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
    if pair.settings.clients.ft_token_queues.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for server in pair.servers() {
        let queues = match server.sub_file("queues") {
            SubFile::Unreadable => continue,
            SubFile::NotNamed => None,
            SubFile::Read(_) => server.queues.as_ref(),
        };
        for name in &pair.settings.clients.ft_token_queues {
            let defined = queues.and_then(|q| q.data.destination(name));
            let (fault, finding) = match (queues, defined) {
                (None, _) => (
                    Fault::NoQueuesFile,
                    Finding::new(
                        &META,
                        format!(
                        "FT token queue `{name}` is not defined: tibemsd.conf names no queues file"
                    ),
                    )
                    .at_file(server.side(), server.main()),
                ),
                (Some(file), None) => (
                    Fault::NotDefined,
                    Finding::new(
                        &META,
                        format!("FT token queue `{name}` is not defined in queues.conf"),
                    )
                    .at_file(server.side(), file.file),
                ),
                (Some(file), Some(queue)) => {
                    let wildcards = file
                        .data
                        .destinations
                        .iter()
                        .filter(|d| d.name != queue.name && wildcard_match(d.name, name));
                    match prefetch(queue, wildcards) {
                        Prefetch::None => continue,
                        other => {
                            let said = other.describe();
                            let finding = Finding::new(
                                &META,
                                format!(
                                    "FT token queue `{name}` has {said}; adapters need prefetch=none"
                                ),
                            )
                            .at(
                                server.side(),
                                file.file,
                                queue
                                    .prop("prefetch")
                                    .map_or(queue.line_span.clone(), |p| p.span.clone()),
                            );
                            (Fault::Prefetch(said), finding)
                        }
                    }
                }
            };
            found.push(((name, fault), finding.help(format!(
                "define the queue on both servers with prefetch=none: `{name} prefetch=none` in queues.conf"
            ))));
        }
    }
    out.extend(merge_twins(found));
}

enum Prefetch<'a> {
    None,
    Value(&'a str),
    Unset,
}

impl Prefetch<'_> {
    fn describe(&self) -> String {
        match self {
            Prefetch::None => "prefetch=none".into(),
            Prefetch::Value(v) => format!("prefetch={v}"),
            Prefetch::Unset => "no prefetch (the default prefetches)".into(),
        }
    }
}

/// The queue's own prefetch, else one inherited from a matching wildcard queue.
fn prefetch<'a>(
    queue: &Destination<'a>,
    mut wildcards: impl Iterator<Item = &'a Destination<'a>>,
) -> Prefetch<'a> {
    let of = |d: &Destination<'a>| {
        d.prop("prefetch").map(|p| match p.value {
            Some(v) if v.eq_ignore_ascii_case("none") => Prefetch::None,
            Some(v) => Prefetch::Value(v),
            None => Prefetch::Unset,
        })
    };
    of(queue)
        .or_else(|| wildcards.find_map(|d| of(d).filter(|p| matches!(p, Prefetch::None))))
        .unwrap_or(Prefetch::Unset)
}
