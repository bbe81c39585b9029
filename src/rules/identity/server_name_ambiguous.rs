//! `--discover`: three or more servers share one `server` name and their ft_active ↔ listen
//! links do not sort them into pairs. An FT pair is two servers ("more than two servers
//! sharing state is not allowed"), so at least one of them is in the wrong place or named
//! wrongly, and emsftlint cannot tell which servers to compare.

use std::ops::Range;
use std::sync::Arc;

use crate::finding::{Finding, PairLabel, RuleMeta, Severity, Side};
use crate::source::FileRef;

pub static META: RuleMeta = RuleMeta {
    code: "FT305",
    name: "server-name-ambiguous",
    severity: Severity::Warning,
    category: "identity",
    summary: "three or more discovered servers share a `server` name and cannot be paired",
};

crate::rules::checked_outside_a_pair!();

/// One of the servers `all` named `name` (this one is `display`, its main file `file`, its
/// `server` line `at`) that the links do not sort into pairs.
pub fn finding(
    name: &str,
    all: &[&str],
    display: &str,
    file: &FileRef,
    at: Option<Range<usize>>,
    label: &Arc<PairLabel>,
) -> Finding {
    let mut finding = Finding::new(
        &META,
        format!(
            "{} servers are named `{name}` ({}), and the ft_active ↔ listen links do not tell which of them is {display}'s partner",
            all.len(),
            all.join(", "),
        ),
    )
    .help("an FT pair is two servers: give each pair its own `server` name, or make each server's `ft_active` reach its partner's `listen`")
    .about("server", name);
    finding = match at {
        Some(span) => finding.at(Side::Primary, file, span),
        None => finding.at_file(Side::Primary, file),
    };
    finding.pair = Some(label.clone());
    finding
}
