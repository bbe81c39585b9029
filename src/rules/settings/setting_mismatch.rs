//! Every other tibemsd.conf parameter is equal on both servers, by meaning: "All but two
//! configuration settings are shared by both EMS servers: the listen and ft_active
//! parameters are configured separately" (EMS 10.1 GUID-83179030-D449-4C70-9A55-6EE85D0C2951).
//! Per-server parameters (listen, ft_active, logfile, health_check_listen, `per_server` in
//! emsftlint.toml), those with a rule of their own, key passwords (each opens its own key),
//! and file parameters (their contents are compared instead) are left out.

use std::collections::BTreeSet;

use crate::ems::params::{self, ParamType};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::secrets::is_secret;
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::ft_timing::HEARTBEAT_PARAMS;
use crate::rules::settings::listed;
use crate::rules::{at_param, setting};

pub static META: RuleMeta = RuleMeta {
    code: "FT022",
    name: "setting-mismatch",
    severity: Severity::Warning,
    category: "settings",
    summary: "a tibemsd.conf parameter differs between the servers",
};

/// Compared by rules of their own.
const OWN_RULES: [&str; 9] = [
    "server",
    "password",
    "authorization",
    "ft_heartbeat",
    "ft_activation",
    "ft_reconnect_timeout",
    "store",
    "ft_active",
    "handshake_timeout",
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
        let a = pair.primary.values_in_force(name);
        let b = backup.values_in_force(name);
        if a == b {
            continue;
        }
        let shown = |server: &Server<'_>, values: &[String]| {
            if !params::lookup(name).is_some_and(|s| s.repeatable) {
                setting(server, name).describe()
            } else if values.is_empty() && server.line_of(name).is_some() {
                "written empty".to_string()
            } else {
                listed(values)
            }
        };
        let message = format!(
            "`{name}` differs: {} on primary, {} on backup",
            shown(&pair.primary, &a),
            shown(backup, &b)
        );
        let lines = |s: &Server<'_>| -> String {
            let lines: Vec<String> = s
                .conf()
                .all(name)
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
            .about("parameter", name)
            .help(format!("set `{name}` alike on both servers, or list it in per_server in emsftlint.toml if it must differ"))
            .diff(lines(&pair.primary), lines(backup));
        out.push(at_param(
            at_param(finding, &pair.primary, name),
            backup,
            name,
        ));
    }
}

fn skipped(pair: &Pair<'_>, name: &str) -> bool {
    OWN_RULES.contains(&name) || HEARTBEAT_PARAMS.contains(&name) || !shared_setting(pair, name)
}

/// Whether `name` is a tibemsd.conf parameter both servers must set alike, whichever rule
/// compares it: known to EMS, neither per-server nor a secret nor a file's name (for
/// `--fix-from`, which never writes the others).
pub(crate) fn shared_setting(pair: &Pair<'_>, name: &str) -> bool {
    let spec = params::lookup(name);
    // EMS ignores a parameter it does not know: unknown-parameter reports it.
    !(spec.is_none()
        || is_secret(name)
        || spec.is_some_and(|s| s.per_server || s.names_file)
        || spec.is_some_and(|s| s.ty == ParamType::Secret)
        || pair
            .settings
            .parameters
            .per_server
            .iter()
            .any(|p| p.eq_ignore_ascii_case(name)))
}
