//! An unquoted space in `startup_abort_list`. TIBCO: "The list cannot contain spaces between
//! the elements, unless the elements are enclosed in starting and ending double quotes. If a
//! space is included but not enclosed in quotation marks, the server ignores any conditions
//! following the space." (EMS 8.6, 10.1 GUID-778F6CA4-F781-4891-98C3-A34AD6060DB4). The
//! conditions after the space look set but are not: the server starts in the very cases they
//! were written to stop. A value from tibemsd.json is a JSON string, not a .conf line, and is
//! not checked.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::at_param;

pub static META: RuleMeta = RuleMeta {
    code: "FT025",
    name: "startup-abort-list-truncated",
    severity: Severity::Error,
    category: "startup",
    summary: "an unquoted space in `startup_abort_list` drops the conditions after it",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        let list = server.startup_abort_list();
        if list.dropped.is_empty() {
            continue;
        }
        let dropped: Vec<&str> = list.dropped.iter().map(|e| e.text).collect();
        let read: Vec<&str> = list.read.iter().map(|e| e.text).collect();
        let message = format!(
            "{}'s startup_abort_list has an unquoted space: EMS ignores {} after it and aborts only on {}",
            server.side().as_str(),
            dropped.join(", "),
            if read.is_empty() { "nothing".to_string() } else { read.join(", ") },
        );
        let all: Vec<&str> = read.iter().chain(&dropped).copied().collect();
        let mut finding = Finding::new(&META, message).about("parameter", "startup_abort_list");
        if list.dropped.iter().all(|e| e.condition.is_none()) {
            // Only words that are no condition are lost (`startup-abort-unknown-condition`).
            finding = finding.severity(Severity::Warning);
        }
        out.push(
            at_param(finding, server, "startup_abort_list").help(format!(
                "remove the spaces (`startup_abort_list = {}`), or quote the whole list",
                all.join(",")
            )),
        );
    }
}
