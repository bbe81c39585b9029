//! `ft_heartbeat` is the same on both servers: each one's standby measures its activation
//! interval against the other's heartbeat (EMS 10.3 users-guide ft-heartbeat.htm; formats.md §13 rule 3).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::compare_param;

pub static META: RuleMeta = RuleMeta {
    code: "FT014",
    name: "ft-heartbeat-mismatch",
    severity: Severity::Warning,
    category: "ft-timing",
    summary: "`ft_heartbeat` differs between the servers",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    compare_param(pair, "ft_heartbeat", &META, out);
}
