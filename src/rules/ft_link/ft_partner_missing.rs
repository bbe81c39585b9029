//! `--discover`: a server whose `ft_active` names a peer, with no server of its name under
//! the tree for a partner. Its pair cannot be checked, and if the partner's configuration is
//! truly gone, the failover has nowhere to go.

use std::sync::Arc;

use crate::ems::tibemsd::Param;
use crate::finding::{Finding, PairLabel, RuleMeta, Severity, Side};
use crate::source::FileRef;

pub static META: RuleMeta = RuleMeta {
    code: "FT304",
    name: "ft-partner-missing",
    severity: Severity::Warning,
    category: "ft-link",
    summary: "a discovered server has an `ft_active` and no partner under the tree",
};

crate::rules::checked_outside_a_pair!();

/// The server `name` of `file` (of the discovered pair `label`), whose `ft_active` line is
/// `ft_active`, has no partner under the tree.
pub fn finding(
    name: Option<&str>,
    ft_active: &Param,
    file: &FileRef,
    label: &Arc<PairLabel>,
) -> Finding {
    let name = name.map_or_else(
        || "a server with no `server` name".to_string(),
        |n| format!("server `{n}`"),
    );
    let mut finding = Finding::new(
        &META,
        format!(
            "{} has `ft_active = {}` but no server of that name under the tree listens there: its partner's configuration is missing",
            name, ft_active.value
        ),
    )
    .at(Side::Primary, file, ft_active.line_span.clone())
    .help("add the partner's configuration to the tree, with the same `server` name and a `listen` that this `ft_active` reaches; or remove `ft_active` if the server runs alone");
    finding.pair = Some(label.clone());
    finding
}
