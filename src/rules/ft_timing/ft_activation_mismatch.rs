//! `ft_activation` is the same on both servers, so failover takes as long whichever one is
//! active (EMS 8.7 users-guide ft-activation.htm; formats.md §13 rule 3).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::compare_param;

pub static META: RuleMeta = RuleMeta {
    code: "FT015",
    name: "ft-activation-mismatch",
    severity: Severity::Warning,
    category: "ft-timing",
    summary: "`ft_activation` differs between the servers",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    compare_param(pair, "ft_activation", &META, out);
}
