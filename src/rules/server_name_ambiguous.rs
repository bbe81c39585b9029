//! `--discover`: three or more servers share one `server` name and their ft_active ↔ listen
//! links do not sort them into pairs. An FT pair is two servers ("more than two servers
//! sharing state is not allowed"), so at least one of them is in the wrong place or named
//! wrongly, and emsftlint cannot tell which servers to compare.

use crate::finding::{RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "FT305",
    name: "server-name-ambiguous",
    severity: Severity::Error,
    category: "identity",
    summary: "three or more discovered servers share a `server` name and cannot be paired",
};

crate::rules::reported_elsewhere!();
