//! Rules about `startup_abort_list`: what makes a server of the pair exit at startup instead
//! of starting in a state its peer cannot see (EMS 8.6, 10.1
//! GUID-778F6CA4-F781-4891-98C3-A34AD6060DB4).

pub mod startup_abort_list_truncated;
pub mod startup_abort_unknown_condition;
pub mod startup_abort_without_config_errors;
pub mod startup_abort_without_db_files;

use crate::ems::startup_abort::Condition;
use crate::finding::{Finding, RuleMeta};
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::at_param;

/// The servers of a pair whose `startup_abort_list` misses `condition` (written after an
/// unquoted space counts as written: `startup-abort-list-truncated` reports it), as one finding
/// of `rule` that points at each of them; `consequence` says what the server then does.
pub(crate) fn report_missing(
    pair: &Pair<'_>,
    condition: Condition,
    rule: &'static RuleMeta,
    consequence: &str,
    help: &str,
    out: &mut Vec<Finding>,
) {
    if pair.backup.is_none() {
        return;
    }
    let missing: Vec<&Server<'_>> = pair
        .servers()
        .filter(|server| {
            let list = server.startup_abort_list();
            !list.holds(condition) && !list.drops(condition)
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    let unset = |server: &&Server<'_>| server.param("startup_abort_list").is_none();
    let said = if missing.len() == 2 && missing.iter().all(unset) {
        format!(
            "neither server sets startup_abort_list, so neither holds {}",
            condition.as_str()
        )
    } else if missing.len() == 2 && same_list(&missing) {
        describe(missing[0], condition).replacen(
            &format!("{}'s", missing[0].side().as_str()),
            "both servers'",
            1,
        )
    } else {
        let each: Vec<String> = missing
            .iter()
            .map(|server| describe(server, condition))
            .collect();
        each.join(", and ")
    };
    let message = format!("{said}: {consequence}");
    let mut finding = Finding::new(rule, message)
        .about("parameter", "startup_abort_list")
        .help(help);
    for server in missing {
        finding = at_param(finding, server, "startup_abort_list");
    }
    out.push(finding);
}

/// `primary sets no startup_abort_list`, `primary's startup_abort_list (SSL,CONFIG_FILES)
/// holds no CONFIG_ERRORS`.
fn describe(server: &Server<'_>, condition: Condition) -> String {
    let side = server.side().as_str();
    if server.param("startup_abort_list").is_none() {
        return format!("{side} sets no startup_abort_list");
    }
    let read: Vec<&str> = server
        .startup_abort_list()
        .read
        .iter()
        .map(|e| e.text)
        .collect();
    format!(
        "{side}'s startup_abort_list ({}) holds no {}",
        read.join(","),
        condition.as_str()
    )
}

/// Every server writes the list alike (always so for the two servers of one tibemsd.json).
fn same_list(servers: &[&Server<'_>]) -> bool {
    let values: Vec<Option<&str>> = servers
        .iter()
        .map(|s| s.param("startup_abort_list").map(|p| p.value.as_str()))
        .collect();
    values.windows(2).all(|w| w[0] == w[1])
}
