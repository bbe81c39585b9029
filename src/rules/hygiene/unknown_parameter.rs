//! A tibemsd.conf parameter that no EMS version documents. EMS ignores what it does not
//! know, so a misspelt name silently leaves the default in force.

use crate::ems::params;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::{Pair, ProblemKind};
use crate::rules::hygiene::report_problems;

pub static META: RuleMeta = RuleMeta {
    code: "FT902",
    name: "unknown-parameter",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "a parameter no EMS version documents",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    report_problems(pair, |kind| kind == ProblemKind::UnknownKey, &META, out);
    for server in pair.servers() {
        for param in &server.conf().params {
            if params::lookup(&param.name).is_some() {
                continue;
            }
            let finding = Finding::new(&META, format!("unknown parameter `{}`", param.key))
                .about("parameter", param.key.to_string())
                .at(server.side(), server.main(), param.key_span.clone());
            out.push(match params::did_you_mean(&param.name) {
                Some(near) => finding.help(format!("did you mean `{near}`?")),
                None => {
                    finding.help("remove it, or check the spelling against the EMS documentation")
                }
            });
        }
    }
}
