//! `--against tibemsd.json`: the JSON configuration says what the .conf pair says, as
//! `tibemsconf2json -conf primary.conf -secondaryconf backup.conf` would write it (EMS 10.1,
//! GUID-E8B55F17-5C6C-4B33-BA32-DB78465FC76F). The .conf primary is compared with the JSON's
//! primary server and the .conf backup with its secondary: every tibemsd.conf parameter by
//! meaning (the per-server ones too: `listen` against the server's listens, `ft_active`
//! against the URL flagged in the peer's), and every sub-file through the comparison engine
//! of the equivalence rules, queues and topics judged by their effective properties as
//! destination-mismatch judges them (a property moved to a wildcard in the JSON is info).
//! Each difference is reported at the .conf line and the JSON text.

use std::collections::BTreeSet;

use crate::compare::{self, ReportOptions};
use crate::ems::params;
use crate::ems::secret;
use crate::ems::tibemsd::Param;
use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::model::json_config::Role;
use crate::model::secrets::is_secret;
use crate::model::server::Server;
use crate::model::subfiles;
use crate::model::Pair;
use crate::rules::settings::listed;

pub static META: RuleMeta = RuleMeta {
    code: "FT303",
    name: "json-conf-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "tibemsd.json does not say what the .conf server it replaces says",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(against) = &pair.against else { return };
    for comparison in &against.comparisons {
        compare_with_json(&comparison.pair, comparison.role, &comparison.label, out);
    }
}

/// Compares a .conf server (`pair.primary`) with the JSON's server of the same role
/// (`pair.backup`, named `json_label`, e.g. `cfg/tibemsd.json (secondary)`); findings are at
/// the .conf server's side.
fn compare_with_json(pair: &Pair<'_>, role: Role, json_label: &str, out: &mut Vec<Finding>) {
    let side = pair.primary.side();
    let conf_label = pair.primary.main().display.clone();
    let Some(json) = &pair.backup else { return };
    let mut found = Vec::new();
    compare_params(
        &pair.primary,
        json,
        role,
        &conf_label,
        json_label,
        &mut found,
    );
    let reporting = ReportOptions {
        rule: &META,
        keep: |_, _| true,
        unshared_error: false,
    };
    let mut entries = Vec::new();
    compare::report_destinations(pair, &reporting, &mut entries);
    for spec in compare::ALL {
        if ![&compare::QUEUES, &compare::TOPICS]
            .iter()
            .any(|d| std::ptr::eq(*d, spec))
        {
            compare::report_differences(pair, spec, &reporting, &mut entries);
        }
    }
    for mut finding in entries {
        finding.message = reword(&finding.message, &conf_label, json_label);
        finding.help = Some(format!(
            "make {json_label} say what {conf_label} says: convert the .conf pair again with `tibemsconf2json -conf … -secondaryconf …`, or edit the JSON"
        ));
        let conf_file = finding
            .locations
            .first()
            .map_or(conf_label.clone(), |l| l.file.display.clone());
        if let Some(diff) = &mut finding.diff {
            diff.labels = Some(match diff.labels.take() {
                Some((a, b)) => (
                    replace_sides(&a, &conf_label, json_label),
                    replace_sides(&b, &conf_label, json_label),
                ),
                None => (conf_file, json_label.to_string()),
            });
        }
        found.push(finding);
    }
    for mut finding in found {
        for location in &mut finding.locations {
            location.side = side;
        }
        out.push(finding);
    }
}

/// Every tibemsd.conf parameter set on either server, by meaning.
fn compare_params(
    conf: &Server<'_>,
    json: &Server<'_>,
    role: Role,
    conf_label: &str,
    json_label: &str,
    out: &mut Vec<Finding>,
) {
    let names: BTreeSet<&str> = [conf, json]
        .iter()
        .flat_map(|s| s.conf().params.iter())
        .filter(|p| !p.is_empty())
        .map(|p| p.name.as_str())
        .filter(|n| params::lookup(n).is_some())
        .filter(|n| subfiles::by_param(n).is_none())
        .filter(|n| role == Role::Primary || !shared_in_json(n))
        .collect();
    for name in names {
        let finding = if is_secret(name) {
            let reveal = |s: &Server<'_>| s.param(name).map(|p| secret::reveal(&p.value));
            match (reveal(conf), reveal(json)) {
                (Some(Ok(a)), Some(Ok(b))) if a == b => continue,
                (None, None) => continue,
                // A corrupt mangled value is invalid-value's finding.
                (Some(Err(_)), _) | (_, Some(Err(_))) => continue,
                (Some(_), Some(_)) => Finding::new(
                    &META,
                    format!("`{name}` differs between {conf_label} and {json_label} (compared after un-mangling)"),
                ).about("parameter", name).secret_content(),
                (Some(_), None) => Finding::new(
                    &META,
                    format!("`{name}` is set in {conf_label} and not in {json_label}"),
                ).about("parameter", name).secret_content(),
                (None, Some(_)) => Finding::new(
                    &META,
                    format!("`{name}` is set in {json_label} and not in {conf_label}"),
                ).about("parameter", name).secret_content(),
            }
        } else {
            let (a, b) = (conf.values_in_force(name), json.values_in_force(name));
            if a == b {
                continue;
            }
            let line = |s: &Server<'_>| -> String {
                let lines: Vec<String> = s
                    .conf()
                    .values(name)
                    .map(|p| format!("{name} = {}\n", p.value))
                    .collect();
                if lines.is_empty() {
                    format!("# {name} not set\n")
                } else {
                    lines.concat()
                }
            };
            Finding::new(
                &META,
                format!(
                    "`{name}` differs: {} in {conf_label}, {} in {json_label}",
                    listed(&a),
                    listed(&b)
                ),
            )
            .about("parameter", name)
            .diff_labeled(
                (conf_label.to_string(), line(conf)),
                (json_label.to_string(), line(json)),
            )
        };
        let finding = finding.help(format!(
            "make {json_label} say what {conf_label} says for `{name}`: convert the .conf pair again with `tibemsconf2json`, or edit the JSON"
        ));
        let finding = at(finding, conf, conf.param(name));
        out.push(at(finding, json, json.param(name)));
    }
}

/// A parameter each .conf server sets for itself that a JSON configuration holds once for
/// both (`logfile`, a key's password, …): tibemsconf2json takes the primary's, so only the
/// primary is compared. The listens are the JSON's per-server settings.
fn shared_in_json(name: &str) -> bool {
    const PER_SERVER_IN_JSON: [&str; 6] = [
        "listen",
        "ft_active",
        "health_check_listen",
        "monitor_listen",
        "secondary_health_check_listen",
        "secondary_monitor_listen",
    ];
    params::lookup(name).is_some_and(|s| s.per_server) && !PER_SERVER_IN_JSON.contains(&name)
}

fn at(finding: Finding, server: &Server<'_>, param: Option<&Param>) -> Finding {
    match param {
        Some(p) => finding.at(Side::Primary, server.main(), p.line_span.clone()),
        None => finding.at_file(Side::Primary, server.main()),
    }
}

/// The engine's words for the two sides ("on primary", "backup's tibemsd.conf names no …")
/// in the words of a migration: the .conf file and the JSON server.
fn reword(text: &str, conf: &str, json: &str) -> String {
    let mut out = replace_sides(text, conf, json);
    if !out.contains(conf) && !out.contains(json) {
        out.push_str(&format!(" between {conf} and {json}"));
    }
    out
}

fn replace_sides(text: &str, conf: &str, json: &str) -> String {
    text.replace(
        "primary's tibemsd.conf names no",
        &format!("{conf} names no"),
    )
    .replace(
        "backup's tibemsd.conf names no",
        &format!("{json} names no"),
    )
    .replace(
        "primary (tibemsd.conf names no",
        &format!("{conf} (names no"),
    )
    .replace(
        "backup (tibemsd.conf names no",
        &format!("{json} (names no"),
    )
    .replace("on primary only", &format!("only in {conf}"))
    .replace("on backup only", &format!("only in {json}"))
    .replace("on primary", &format!("in {conf}"))
    .replace("on backup", &format!("in {json}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engines_words_become_the_two_files() {
        assert_eq!(
            reword("queue `q` is defined on primary only (backup's tibemsd.conf names no `queues` file)", "p/tibemsd.conf", "t.json (primary)"),
            "queue `q` is defined only in p/tibemsd.conf (t.json (primary) names no `queues` file)"
        );
        assert_eq!(
            reword(
                "user `u` differs: a password is set on primary, none on backup",
                "p/tibemsd.conf",
                "t.json (primary)"
            ),
            "user `u` differs: a password is set in p/tibemsd.conf, none in t.json (primary)"
        );
        assert_eq!(
            reword(
                "queue `q` differs in `prefetch`",
                "p/tibemsd.conf",
                "t.json (primary)"
            ),
            "queue `q` differs in `prefetch` between p/tibemsd.conf and t.json (primary)"
        );
    }
}
