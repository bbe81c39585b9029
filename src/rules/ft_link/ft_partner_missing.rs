//! `--discover`: a server whose `ft_active` names a peer, with no server under the tree that
//! listens there and has an `ft_active` of its own for a partner. Its pair cannot be checked, and if the partner's configuration is
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
/// `ft_active`, has no partner under the tree; `alone` is a server without `ft_active` that
/// it reaches, listed as standalone.
pub fn finding(
    name: Option<&str>,
    ft_active: &Param,
    alone: Option<&str>,
    file: &FileRef,
    label: &Arc<PairLabel>,
) -> Finding {
    let entity = name.unwrap_or("").to_string();
    let name = name.map_or_else(
        || "a server with no `server` name".to_string(),
        |n| format!("server `{n}`"),
    );
    let message = match alone {
        Some(alone) => format!(
            "{name} has `ft_active = {}`, which reaches {alone}, but that server has no `ft_active` of its own, so it runs alone and is no partner",
            ft_active.value
        ),
        None => format!(
            "{name} has `ft_active = {}` but no server under the tree with an `ft_active` listens there: its partner's configuration is missing",
            ft_active.value
        ),
    };
    let help = match alone {
        Some(alone) => format!("set `ft_active` in {alone} to this server's listen URL, or remove `ft_active` here if this server runs alone"),
        None => "add the partner's configuration to the tree, with a `listen` that this `ft_active` reaches and an `ft_active` that reaches this server; or remove `ft_active` if the server runs alone".to_string(),
    };
    let mut finding = Finding::new(&META, message)
        .about("server", entity)
        .at(Side::Primary, file, ft_active.line_span.clone())
        .help(help);
    finding.pair = Some(label.clone());
    finding
}
