//! A JSON configuration's listens: `primary_listens` and `secondary_listens` both present and
//! not empty, each with exactly one URL flagged `"ft_active": true`. The flagged URL of one
//! list is where the other server finds its peer: "If FT is triggered but no URL in the peer's
//! list has `ft_active`, the server reports a config error" (EMS 10.1,
//! GUID-3009FAD8-5C36-45B0-8502-40AF989BCDE2; formats.md §12, §13 rule 14).

use crate::ems::json::Node;
use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::model::files::JsonSource;
use crate::model::json_config::truthy;
use crate::model::Pair;
use crate::source::FileRef;

pub static META: RuleMeta = RuleMeta {
    code: "FT301",
    name: "json-ft-listens",
    severity: Severity::Error,
    category: "ft-link",
    summary: "a JSON configuration lacks a server's listens or their one `ft_active` URL",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    // A standalone server (one JSON server, or one .conf server checked against a JSON) has
    // no peer to reach.
    if pair.backup.is_none() {
        return;
    }
    for (files, json) in pair.json_sources() {
        check_json(json, files.side, out);
    }
    if let Some(json) = pair.against_json() {
        check_json(json, Side::Primary, out);
    }
}

/// The listens of a JSON file whose root is an object (what is not is a syntax problem).
fn check_json(json: &JsonSource, side: Side, out: &mut Vec<Finding>) {
    if let Some(root) = json.doc.root.as_ref().filter(|r| r.as_object().is_some()) {
        check_listens(root, side, &json.file, out);
    }
}

/// The listens of the JSON file whose root is `root`, reported at `side`. A server on FTL
/// stores has no listens: "listen … not supported with FTL stores", its fault tolerance is
/// the FTL cluster's (formats.md §13 rule 13).
fn check_listens(root: &Node, side: Side, file: &FileRef, out: &mut Vec<Finding>) {
    if ftl_stores(root) {
        return;
    }
    let Some(tibemsd) = root.get("tibemsd").filter(|t| t.as_object().is_some()) else {
        out.push(
            Finding::new(
                &META,
                "the file has no `tibemsd` object, so neither server has a URL to listen on",
            )
            .about("json key", "tibemsd")
            .at(side, file, root.span.start..root.span.start + 1)
            .help("add a `tibemsd` object with `primary_listens` and `secondary_listens`"),
        );
        return;
    };
    let members = tibemsd.as_object().unwrap_or(&[]);
    let key_span = root
        .as_object()
        .and_then(|m| m.iter().rev().find(|m| m.key == "tibemsd"))
        .map_or(tibemsd.span.clone(), |m| m.key_span.clone());
    for (list, server, peer) in [
        ("primary_listens", "primary", "secondary"),
        ("secondary_listens", "secondary", "primary"),
    ] {
        let Some(member) = members.iter().rev().find(|m| m.key == list) else {
            out.push(
                Finding::new(
                    &META,
                    format!("`tibemsd` has no `{list}`: the {server} server has no URL to listen on, and the {peer} none to reach it by"),
                ).about("json key", list)
                .at(side, file, key_span.clone())
                .help(format!(
                    "add `\"{list}\": [{{\"url\": \"tcp://host:7222\", \"ft_active\": true}}]` with the {server} server's URLs"
                )),
            );
            continue;
        };
        let items = member.value.as_array().unwrap_or(&[]);
        if items.is_empty() {
            out.push(
                Finding::new(
                    &META,
                    format!("`{list}` is empty: the {server} server has no URL to listen on"),
                )
                .about("json key", list)
                .at(side, file, member.span())
                .help(format!("list the {server} server's URLs in `{list}`")),
            );
            continue;
        }
        // Without the peer's list there is no pair: that list's finding says so.
        let peer_list = if list == "primary_listens" {
            "secondary_listens"
        } else {
            "primary_listens"
        };
        if !members.iter().any(|m| m.key == peer_list) {
            continue;
        }
        let flagged: Vec<&Node> = items
            .iter()
            .filter(|item| item.get("ft_active").and_then(truthy) == Some(true))
            .collect();
        match flagged.len() {
            1 => {}
            0 => out.push(
                Finding::new(
                    &META,
                    format!(
                        "no URL of `{list}` is flagged `\"ft_active\": true`: the {peer} server does not know where to reach the {server}"
                    ),
                ).about("json key", list)
                .at(side, file, member.key_span.clone())
                .help(format!(
                    "add `\"ft_active\": true` to the URL of `{list}` the {peer} server connects to"
                )),
            ),
            n => {
                let mut finding = Finding::new(
                    &META,
                    format!(
                        "{n} URLs of `{list}` are flagged `\"ft_active\": true`; the {peer} server connects to one"
                    ),
                ).about("json key", list)
                .help(format!(
                    "keep `\"ft_active\": true` on one URL of `{list}` only"
                ));
                for item in flagged {
                    finding = finding.at(side, file, item.span.clone());
                }
                out.push(finding);
            }
        }
    }
}

/// Every store is an FTL store (`"type": "ftl"`).
fn ftl_stores(root: &Node) -> bool {
    let stores = root.get("stores").and_then(Node::as_array).unwrap_or(&[]);
    !stores.is_empty()
        && stores.iter().all(|s| {
            s.get("type")
                .and_then(Node::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("ftl"))
        })
}
