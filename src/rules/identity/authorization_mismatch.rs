//! `authorization` is the same on both servers: after a failover, the other setting would
//! let in, or lock out, every client (formats.md §13 rule 6).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::compare_param;

pub static META: RuleMeta = RuleMeta {
    code: "FT010",
    name: "authorization-mismatch",
    severity: Severity::Error,
    category: "identity",
    summary: "`authorization` differs between the servers",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    compare_param(pair, "authorization", &META, out);
}
