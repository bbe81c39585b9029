//! Every other tibemsd.conf parameter is equal on both servers, by meaning: "All but two
//! configuration settings are shared by both EMS servers: the listen and ft_active
//! parameters are configured separately" (EMS 10.1 GUID-83179030-D449-4C70-9A55-6EE85D0C2951).
//! Per-server parameters (listen, ft_active, logfile, health_check_listen, `per_server` in
//! emsftlint.toml), those with a rule of their own, key passwords (each opens its own key),
//! and file parameters (their contents are compared instead) are left out.

use std::collections::BTreeSet;

use crate::ems::params::{self, ParamType};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::rules::{at_param, heartbeat_mismatch, Pair};
use crate::server::{is_secret, Server};

pub static META: RuleMeta = RuleMeta {
    code: "FT022",
    name: "setting-mismatch",
    severity: Severity::Warning,
    category: "settings",
    summary: "a tibemsd.conf parameter differs between the servers",
};

/// Compared by rules of their own.
const OWN_RULES: [&str; 8] = [
    "server",
    "password",
    "authorization",
    "ft_heartbeat",
    "ft_activation",
    "ft_reconnect_timeout",
    "store",
    "ft_active",
];

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    let names: BTreeSet<&str> = pair
        .servers()
        .flat_map(|s| {
            s.conf()
                .params
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| p.name.as_str())
        })
        .collect();
    for name in names {
        if skipped(pair, name) {
            continue;
        }
        let a = meaning(&pair.primary, name);
        let b = meaning(backup, name);
        if a == b {
            continue;
        }
        let message = format!(
            "`{name}` differs: {} on primary, {} on backup",
            shown(&a),
            shown(&b)
        );
        let lines = |s: &Server<'_>| -> String {
            let lines: Vec<String> = s
                .conf()
                .values(name)
                .filter_map(|p| s.main().text.get(p.line_span.clone()))
                .map(|line| format!("{line}\n"))
                .collect();
            if lines.is_empty() {
                format!("# {name} not set\n")
            } else {
                lines.concat()
            }
        };
        let finding = Finding::new(&META, message)
            .help(format!("set `{name}` alike on both servers, or list it in per_server in emsftlint.toml if it must differ"))
            .diff(lines(&pair.primary), lines(backup));
        out.push(at_param(
            at_param(finding, &pair.primary, pair.primary.param(name)),
            backup,
            backup.param(name),
        ));
    }
}

fn skipped(pair: &Pair<'_>, name: &str) -> bool {
    let spec = params::lookup(name);
    // EMS ignores a parameter it does not know: unknown-parameter reports it.
    spec.is_none()
        || OWN_RULES.contains(&name)
        || heartbeat_mismatch::PARAMS.contains(&name)
        || is_secret(name)
        || spec.is_some_and(|s| s.per_server || s.names_file)
        || spec.is_some_and(|s| s.ty == ParamType::Secret)
        || pair
            .settings
            .per_server
            .iter()
            .any(|p| p.eq_ignore_ascii_case(name))
}

/// A setting's values as a message shows them: comma-joined, or `not set`.
pub fn shown(values: &[String]) -> String {
    if values.is_empty() {
        "not set".to_string()
    } else {
        values.join(", ")
    }
}

/// The values in force by meaning: every occurrence for an additive parameter, else the last;
/// a documented default counts as set.
pub fn meaning(server: &Server<'_>, name: &str) -> Vec<String> {
    let spec = params::lookup(name);
    let canon = |raw: &str| match spec {
        Some(spec) => params::canonical(spec, raw)
            .map(|c| c.to_string())
            .unwrap_or_else(|_| raw.trim().to_string()),
        None => raw.trim().to_string(),
    };
    let mut values: Vec<String> = if spec.is_some_and(|s| s.repeatable) {
        server
            .conf()
            .values(name)
            .map(|p| canon(&p.value))
            .collect()
    } else {
        server
            .param(name)
            .map(|p| canon(&p.value))
            .into_iter()
            .collect()
    };
    if values.is_empty() {
        if let Some(default) = spec.and_then(|s| s.default) {
            values.push(canon(default));
        }
    }
    values.sort();
    values
}
