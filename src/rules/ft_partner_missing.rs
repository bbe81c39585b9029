//! `--discover`: a server whose `ft_active` names a peer, with no server of its name under
//! the tree for a partner. Its pair cannot be checked, and if the partner's configuration is
//! truly gone, the failover has nowhere to go.

use crate::finding::{RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "FT304",
    name: "ft-partner-missing",
    severity: Severity::Warning,
    category: "ft-link",
    summary: "a discovered server has an `ft_active` and no partner under the tree",
};

crate::rules::reported_elsewhere!();
