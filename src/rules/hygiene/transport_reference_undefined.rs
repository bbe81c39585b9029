//! The Rendezvous certified-messaging references between the transport files, on each
//! server:
//!
//! * a `tibrvcm` transport in transports.conf names the `tibrv` transport it runs on with
//!   `rv_tport`, "mandatory" in the transport-specific syntax (EMS 8.5,
//!   https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-9CBFC6E8-C45B-4D87-BE3D-31143544C2AB.html);
//!   Rendezvous builds a CM transport on "a valid transport for network communications"
//!   (tibrvcmTransport_Create,
//!   https://docs.tibco.com/pub/rendezvous/latest/doc/html/c-reference/tibrvcmTransport_Create__.htm),
//!   so `rv_tport` must name a `[section]` of type `tibrv`;
//! * each line of tibrvcm.conf names, first, the `tibrvcm` transport whose listener it
//!   preregisters (EMS 8.6 tibrvcm.conf,
//!   https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-8F3408C9-7A07-4D98-AB3E-4078FC0F1752.html).
//!
//! What the server does with a reference to nothing is not documented: a warning. Without it
//! the certified listener is not preregistered (the first messages are not guaranteed) or the
//! CM transport does not run at all. Legacy two-word tibrvcm.conf lines name no transport and
//! are not looked at.

use std::collections::BTreeMap;

use crate::ems::suggest::nearest_jaro_winkler;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::server::{Server, SubFile};
use crate::model::Pair;
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT911",
    name: "transport-reference-undefined",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "a tibrvcm transport's `rv_tport`, or a tibrvcm.conf listener, names no transport of the kind it needs",
};

crate::rules::rule!();

/// What a finding is about: the file's role, the entry and the name it refers to.
type About<'a> = (&'static str, &'a str, &'a str);

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for server in pair.servers() {
        if matches!(server.sub_file("transports"), SubFile::Unreadable) {
            continue;
        }
        let types = server.transport_types();
        rv_tports(server, &types, &mut found);
        listeners(server, &types, &mut found);
    }
    out.extend(merge_twins(found));
}

/// Where `name` fails to be a transport of type `wanted`, as the end of a sentence.
fn fault(types: &BTreeMap<&str, String>, name: &str, wanted: &str) -> Option<String> {
    match types.get(name) {
        None => Some("which transports.conf does not define".to_string()),
        Some(ty) if ty == wanted => None,
        Some(ty) if ty.is_empty() => Some("which has no `type`".to_string()),
        Some(ty) => Some(format!("which is of type `{ty}`, not `{wanted}`")),
    }
}

fn help(types: &BTreeMap<&str, String>, name: &str, wanted: &str) -> String {
    let candidates = types.iter().filter(|(_, t)| *t == wanted).map(|(n, _)| *n);
    match nearest_jaro_winkler(name, candidates) {
        Some(near) if near != name => format!("did you mean `{near}`?"),
        _ => format!("name a `type = {wanted}` transport that transports.conf defines"),
    }
}

fn add_rv_tport(types: &BTreeMap<&str, String>, section: &str) -> String {
    let mut rv = types.iter().filter(|(_, t)| *t == "tibrv").map(|(n, _)| *n);
    match (rv.next(), rv.next()) {
        (Some(only), None) => format!("add `rv_tport = {only}` to `[{section}]`"),
        _ => format!("add `rv_tport = <a tibrv transport>` to `[{section}]`"),
    }
}

fn rv_tports<'a>(
    server: &Server<'a>,
    types: &BTreeMap<&'a str, String>,
    found: &mut Vec<(About<'a>, Finding)>,
) {
    let Some(transports) = &server.transports else {
        return;
    };
    for section in &transports.data.sections {
        let is_cm = section
            .get("type")
            .is_some_and(|t| t.value.trim().eq_ignore_ascii_case("tibrvcm"));
        if !is_cm {
            continue;
        }
        let finding = match section.get("rv_tport") {
            None => Finding::new(
                &META,
                format!(
                    "tibrvcm transport `{}` has no `rv_tport`, which EMS requires: the tibrv transport it runs on",
                    section.name
                ),
            )
            .at(server.side(), transports.file, section.header_span.clone())
            .help(add_rv_tport(types, section.name)),
            Some(prop) => {
                let Some(why) = fault(types, prop.value, "tibrv") else {
                    continue;
                };
                Finding::new(
                    &META,
                    format!(
                        "tibrvcm transport `{}` runs on `rv_tport` `{}`, {why}",
                        section.name, prop.value
                    ),
                )
                .at(server.side(), transports.file, prop.line_span.clone())
                .help(help(types, prop.value, "tibrv"))
            }
        };
        let target = section.get("rv_tport").map_or("", |p| p.value);
        let finding = finding.about("transport", section.name);
        found.push((("transports.conf", section.name, target), finding));
    }
}

fn listeners<'a>(
    server: &Server<'a>,
    types: &BTreeMap<&'a str, String>,
    found: &mut Vec<(About<'a>, Finding)>,
) {
    let Some(tibrvcm) = &server.tibrvcm else {
        return;
    };
    for listener in &tibrvcm.data.listeners {
        let Some(transport) = listener.transport else {
            continue;
        };
        let Some(why) = fault(types, transport, "tibrvcm") else {
            continue;
        };
        found.push((
            ("tibrvcm.conf", listener.listener, transport),
            Finding::new(
                &META,
                format!(
                    "tibrvcm.conf preregisters listener `{}` on transport `{transport}`, {why}",
                    listener.listener
                ),
            )
            .about("listener", listener.listener)
            .at(server.side(), tibrvcm.file, listener.line_span.clone())
            .help(help(types, transport, "tibrvcm")),
        ));
    }
}
