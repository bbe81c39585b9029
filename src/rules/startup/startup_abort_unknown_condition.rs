//! A `startup_abort_list` element that is no documented condition. The conditions are SSL,
//! TRANSPORTS, CONFIG_FILES, CONFIG_ERRORS and DB_FILES (EMS 8.6 and 10.1
//! GUID-778F6CA4-F781-4891-98C3-A34AD6060DB4), and MULTICAST up to 8.5 (EMS 8.5.1 "Startup
//! Abort List"). What the server does with another word is not documented: at best it is
//! ignored, like a condition not in the list, so the server starts where the word was meant to
//! stop it (a typing mistake such as `CONFIG_ERROR`).

use crate::ems::startup_abort::Condition;
use crate::ems::suggest::nearest_damerau_levenshtein;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::at_param;

pub static META: RuleMeta = RuleMeta {
    code: "FT027",
    name: "startup-abort-unknown-condition",
    severity: Severity::Warning,
    category: "startup",
    summary: "`startup_abort_list` names a condition EMS does not document",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        let list = server.startup_abort_list();
        for element in list.unknown() {
            let near = nearest_damerau_levenshtein(
                &element.text.to_ascii_uppercase(),
                Condition::ALL.iter().map(|c| c.as_str()),
            );
            let mut message = format!(
                "{}'s startup_abort_list names `{}`, which is no condition EMS documents",
                server.side().as_str(),
                element.text
            );
            if let Some(near) = near {
                message.push_str(&format!(" (did you mean {near}?)"));
            }
            let known: Vec<&str> = Condition::ALL.iter().map(|c| c.as_str()).collect();
            out.push(
                at_param(
                    Finding::new(&META, message).about("parameter", "startup_abort_list"),
                    server,
                    "startup_abort_list",
                )
                .help(format!("use only {}", known.join(", "))),
            );
        }
    }
}
