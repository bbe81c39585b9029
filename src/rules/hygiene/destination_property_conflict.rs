//! A destination whose properties, with those it inherits from the wildcard destinations
//! above it (`model::destinations`), are ones EMS does not accept together:
//!
//! * two stores: "Only one store is allowed for each destination. If there is a conflict, for
//!   example if overlapping wildcards cause a topic to inherit multiple store properties, the
//!   topic creation will fail" (store,
//!   https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-6FCEEDA6-D979-4739-BBF2-FA4697926462.html).
//!   A destination defined on its own line is an error (EMS cannot create it); a wildcard
//!   whose store differs from a wildcard above it is a warning, since only the destinations
//!   clients create on demand under it fail, and whether they do cannot be told from the files.
//!   Two wildcards that overlap without either matching the other (`a.*` and `*.b`) are not
//!   looked at.
//! * `prefetch=none` on a global queue: "This value cannot be used with topics or global
//!   queues" (prefetch Values,
//!   https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-7687D8CC-02F9-4896-A0DC-80B1DFCA35B0.html).
//!   What EMS does with it is not documented: a warning. Only when every reading of the
//!   inheritance rules gives `none`.
//! * `exclusive` on a routed queue (`name@server`, another server's queue): "It is illegal to
//!   configure a routed queue as exclusive" (Configuration of routed queues,
//!   https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-A8E024E8-8936-43D5-996E-9C0F522B2A9C.html).
//!   "The queue owner recognizes its own name, and ignores the location designation": a
//!   queue at this server's own name is not routed.
//! * `redeliveryDelay` on a routed queue: "The redelivery delay is not available for routed
//!   queues" (redeliveryDelay,
//!   https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-12CB3508-B44A-48FB-B40D-9EF2BB0381FF.html):
//!   a warning, the delay is not applied.
//! * `flowControl` while tibemsd.conf does not enable `flow_control` (disabled by default):
//!   "The flow_control parameter in tibemsd.conf file must be set to enabled before the value
//!   in this property is enforced by the server" (flowControl,
//!   https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-A1F1BA01-1C46-4570-9FFA-8DB03ECF0AA9.html):
//!   a warning at each line that sets it.
//! * one FTL transport imported by two destinations: "An EMS transport for TIBCO FTL may be
//!   specified as an import transport by only one destination. If the topics.conf
//!   configuration has a transport for TIBCO FTL included as an import transport by more than
//!   one destination, the server handles this as a configuration error"
//!   (https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-33F8D6EF-5945-467B-A278-7EE7AF5DA36E.html).
//!   Reported at each destination after the first, queues and topics alike.
//! * a wildcard destination importing from a Pulsar or Kafka transport: "import is not
//!   supported for wildcard topics" (EMS 10.4 Pulsar,
//!   https://docs.tibco.com/pub/ems/10.4.0/doc/html/users-guide/topics-pulsar.htm; 10.5 Kafka,
//!   https://docs.tibco.com/pub/ems/10.5.0/doc/html/users-guide/topics-kafka.htm).

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use crate::ems::destinations::{DestKind, Destination};
use crate::ems::names::is_wildcard;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::destinations::{is_conflict, Destinations};
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT123",
    name: "destination-property-conflict",
    severity: Severity::Error,
    category: "hygiene",
    summary:
        "a destination's properties, with those it inherits, are ones EMS does not accept together",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for server in pair.servers() {
        for kind in [DestKind::Queue, DestKind::Topic] {
            let Some(destinations) = server.destinations(kind) else {
                continue;
            };
            let Some(file) = (match kind {
                DestKind::Queue => server.queues.as_ref(),
                DestKind::Topic => server.topics.as_ref(),
            }) else {
                continue;
            };
            for destination in destinations.in_force() {
                for (fault, severity, span, message) in faults(server, destinations, destination) {
                    let help = help(&fault, destination.name);
                    let finding = Finding::new(&META, message)
                        .about("destination", destination.name.to_string())
                        .severity(severity)
                        .at(server.side(), file.file, span)
                        .help(help);
                    found.push(((kind, destination.name, fault), finding));
                }
            }
        }
    }
    for server in pair.servers() {
        found.extend(transport_faults(server));
    }
    out.extend(merge_twins(found));
}

/// One FTL transport imported by two destinations; Pulsar or Kafka imports on wildcards.
fn transport_faults<'a>(server: &Server<'a>) -> Vec<((DestKind, &'a str, Fault), Finding)> {
    let types = server.transport_types();
    let mut out = Vec::new();
    let mut ftl_importer: HashMap<&str, &str> = HashMap::new();
    for kind in [DestKind::Queue, DestKind::Topic] {
        let Some(parsed) = (match kind {
            DestKind::Queue => server.queues.as_ref(),
            DestKind::Topic => server.topics.as_ref(),
        }) else {
            continue;
        };
        let Some(destinations) = server.destinations(kind) else {
            continue;
        };
        for destination in destinations.in_force() {
            let Some(import) = destination.prop("import") else {
                continue;
            };
            for transport in import.value.unwrap_or_default().split(',').map(str::trim) {
                let finding = match types.get(transport).map(String::as_str) {
                    Some("tibftl") => match ftl_importer.get(transport) {
                        None => {
                            ftl_importer.insert(transport, destination.name);
                            continue;
                        }
                        Some(first) => Finding::new(
                            &META,
                            format!(
                                "FTL transport `{transport}` is imported by `{first}` and again by `{}`; EMS takes an FTL transport as the import of one destination only and handles this as a configuration error",
                                destination.name
                            ),
                        ).about("destination", destination.name.to_string())
                        .help(format!(
                            "import `{transport}` on one destination only; define another FTL transport for `{}`",
                            destination.name
                        )),
                    },
                    Some(ty @ ("pulsar" | "kafka")) if is_wildcard(destination.name) => {
                        Finding::new(
                            &META,
                            format!(
                                "wildcard {} `{}` imports from {ty} transport `{transport}`; EMS does not support import on wildcard destinations from {ty}",
                                noun(kind),
                                destination.name
                            ),
                        ).about("destination", destination.name.to_string())
                        .help("import on each destination by its full name".to_string())
                    }
                    _ => continue,
                };
                out.push((
                    (kind, destination.name, Fault::Import(transport.to_string())),
                    finding.at(server.side(), parsed.file, import.span.clone()),
                ));
            }
        }
    }
    out
}

/// Which fault a finding is about, so that the same one on both servers is one finding.
#[derive(PartialEq, Eq, Hash)]
enum Fault {
    TwoStores(String),
    GlobalPrefetchNone,
    RoutedExclusive,
    RoutedRedeliveryDelay,
    FlowControlOff,
    Import(String),
}

type Found = (Fault, Severity, Range<usize>, String);

fn help(fault: &Fault, name: &str) -> String {
    match fault {
        Fault::TwoStores(_) if is_wildcard(name) => format!(
            "name one store on `{name}` and the wildcards above it, or give each destination under it a `store=` of its own"
        ),
        Fault::TwoStores(_) => format!(
            "give `{name}` a `store=` of its own (it overrides what it inherits), or make the wildcards above it name one store"
        ),
        Fault::GlobalPrefetchNone => format!(
            "take `prefetch=none` off `{name}`, or `global` off it and off the wildcards it inherits it from"
        ),
        Fault::RoutedRedeliveryDelay => format!(
            "take `redeliveryDelay` off `{name}` (and the wildcards it inherits it from), and set it on the home queue"
        ),
        Fault::FlowControlOff => format!(
            "set `flow_control = enabled` in tibemsd.conf, or take `flowControl` off `{name}`"
        ),
        Fault::Import(transport) => format!("import `{transport}` where EMS supports it; see `emsftlint rule destination-property-conflict`"),
        Fault::RoutedExclusive => format!(
            "take `exclusive` off `{name}` and off the wildcards it inherits it from; set it on the home queue, on the server that owns it"
        ),
    }
}

fn noun(kind: DestKind) -> &'static str {
    match kind {
        DestKind::Queue => "queue",
        DestKind::Topic => "topic",
    }
}

/// `span` of the destination's own property `name`, else its line.
fn at(destination: &Destination<'_>, name: &str) -> Range<usize> {
    destination
        .prop(name)
        .map_or(destination.line_span.clone(), |p| p.span)
}

fn faults(
    server: &Server<'_>,
    destinations: Destinations<'_, '_>,
    destination: &Destination<'_>,
) -> Vec<Found> {
    let kind = destinations.kind;
    let name = destination.name;
    let mut out = Vec::new();
    if let Some(prop) = destination.prop("flowControl") {
        if !server.flag("flow_control") {
            out.push((
                Fault::FlowControlOff,
                Severity::Warning,
                prop.span,
                format!(
                    "{} `{name}` sets `flowControl`, but tibemsd.conf does not enable `flow_control` (disabled by default): EMS does not enforce it",
                    noun(kind)
                ),
            ));
        }
    }
    if is_wildcard(name) {
        out.extend(wildcard_stores(destinations, destination));
    } else if destinations
        .parents(name)
        .any(|p| p.prop("store").is_some())
    {
        let effective = destinations.effective(name);
        if let Some(store) = effective.fields().get("store").filter(|s| is_conflict(s)) {
            let from = stores_from(destinations, name);
            out.push((
                Fault::TwoStores(store.clone()),
                Severity::Error,
                destination.line_span.clone(),
                format!(
                    "{} `{name}` inherits more than one store ({from}); EMS allows one store per destination and fails to create it",
                    noun(kind)
                ),
            ));
        }
    }
    let writes = |property| destinations.writes(name, Some(destination), property);
    let looked_at = (writes("global") && writes("prefetch"))
        || (name.contains('@') && (writes("redeliveryDelay") || writes("exclusive")));
    if kind == DestKind::Queue && looked_at {
        let effective = destinations.effective(name);
        let global = effective.fields().contains_key("global");
        let none = effective
            .readings
            .iter()
            .all(|r| r.get("prefetch").map(String::as_str) == Some("none"));
        if global && none {
            let inherited = |field: &str| {
                let from = effective.inherited_from(field, name);
                if from.is_empty() {
                    String::new()
                } else {
                    let from: Vec<String> = from.iter().map(|n| format!("`{n}`")).collect();
                    format!(" (inherited from {})", from.join(", "))
                }
            };
            out.push((
                Fault::GlobalPrefetchNone,
                Severity::Warning,
                at(destination, "prefetch"),
                format!(
                    "queue `{name}` is global{} and has prefetch=none{}; EMS documents that prefetch=none cannot be used with global queues",
                    inherited("global"),
                    inherited("prefetch")
                ),
            ));
        }
        if let Some((_, owner)) = name.rsplit_once('@') {
            let own_server = server.param("server").map(|p| p.value.as_str());
            let routed = own_server != Some(owner);
            if routed && effective.fields().contains_key("redeliverydelay") {
                out.push((
                    Fault::RoutedRedeliveryDelay,
                    Severity::Warning,
                    at(destination, "redeliveryDelay"),
                    format!(
                        "queue `{name}` is a routed queue (owned by server `{owner}`) with a redeliveryDelay; EMS does not apply a redelivery delay to routed queues"
                    ),
                ));
            }
            if routed && effective.fields().contains_key("exclusive") {
                out.push((
                    Fault::RoutedExclusive,
                    Severity::Error,
                    at(destination, "exclusive"),
                    format!(
                        "queue `{name}` is a routed queue (owned by server `{owner}`) and is exclusive; EMS does not allow a routed queue to be exclusive"
                    ),
                ));
            }
        }
    }
    out
}

/// `` `a` from `>`, `b` from `giants.*` ``: the stores a destination's parents give it.
fn stores_from(destinations: Destinations<'_, '_>, name: &str) -> String {
    let parts: Vec<String> = destinations
        .parents(name)
        .filter_map(|p| {
            let store = p.prop("store")?.value?;
            Some(format!("`{store}` from `{}`", p.name))
        })
        .collect();
    parts.join(", ")
}

/// A wildcard with a store of its own under a wildcard with another one: what clients create
/// on demand under it inherits both.
fn wildcard_stores(
    destinations: Destinations<'_, '_>,
    wildcard: &Destination<'_>,
) -> Option<Found> {
    let own = wildcard.prop("store")?;
    let own_store = own.value?;
    let mut stores: BTreeSet<&str> = BTreeSet::from([own_store]);
    let mut from = vec![format!("`{own_store}` from `{}` itself", wildcard.name)];
    for parent in destinations.parents(wildcard.name) {
        let Some(store) = parent.prop("store").and_then(|p| p.value) else {
            continue;
        };
        if stores.insert(store) {
            from.push(format!("`{store}` from `{}`", parent.name));
        }
    }
    if stores.len() < 2 {
        return None;
    }
    let nouns = format!("{}s", noun(destinations.kind));
    Some((
        Fault::TwoStores(stores.into_iter().collect::<Vec<_>>().join(",")),
        Severity::Warning,
        own.span,
        format!(
            "{nouns} created on demand under `{}` inherit more than one store ({}); EMS allows one store per destination and fails to create them (whether clients create {nouns} under it cannot be told from the files)",
            wildcard.name,
            from.join(", ")
        ),
    ))
}
