//! The rules: one file each, in families by category; what every rule is (`Rule`), and the
//! helpers the families share.

use crate::ems::params::{self, Canonical};
use crate::ems::tibemsd::Param;
use crate::finding::{Finding, RuleMeta};
use crate::model::server::Server;
use crate::model::Pair;

pub(crate) mod clients;
pub(crate) mod equivalence;
pub(crate) mod ft_link;
pub(crate) mod ft_timing;
pub(crate) mod ftl;
pub(crate) mod hygiene;
pub(crate) mod identity;
pub mod registry;
pub(crate) mod settings;
pub(crate) mod shared_state;
pub(crate) mod startup;
pub(crate) mod tls;
pub(crate) mod twins;

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, pair: &Pair<'_>, out: &mut Vec<Finding>);
}

/// Declares `Check` for a rule that looks at no pair: at the tree `--discover` walks, or at the
/// suppression comments once every rule has run. Its file builds its findings in `finding`,
/// which `discover` or `post::suppress` calls.
macro_rules! checked_outside_a_pair {
    () => {
        pub struct Check;
        impl crate::rules::Rule for Check {
            fn meta(&self) -> &'static crate::finding::RuleMeta {
                &META
            }
            fn check(&self, _: &crate::model::Pair<'_>, _: &mut Vec<crate::finding::Finding>) {}
        }
    };
}
pub(crate) use checked_outside_a_pair;

/// Declares `Check` for a rule whose logic is the function `check`.
macro_rules! rule {
    () => {
        pub struct Check;
        impl crate::rules::Rule for Check {
            fn meta(&self) -> &'static crate::finding::RuleMeta {
                &META
            }
            fn check(&self, pair: &crate::model::Pair<'_>, out: &mut Vec<crate::finding::Finding>) {
                check(pair, out)
            }
        }
    };
}
pub(crate) use rule;

/// How a parameter reads on one server: the line that sets it, and its value by meaning
/// (the documented default when the file does not set it).
pub struct Setting<'a> {
    pub param: Option<&'a Param>,
    pub value: Option<Canonical>,
    /// The written value is one the docs give another meaning (`0` for the default, …).
    pub special: bool,
    /// Where it is written: `param`, or a line that writes it empty.
    pub line: Option<&'a Param>,
}

impl Setting<'_> {
    /// `3`, `0 (EMS uses 3)`, `not set (EMS uses 3)` or `not set`.
    pub fn describe(&self) -> String {
        let written_empty = self.param.is_none() && self.line.is_some();
        match (&self.value, self.param) {
            (Some(v), Some(p)) if self.special => format!("{} (EMS uses {v})", p.value.trim()),
            (Some(v), Some(_)) => v.to_string(),
            (Some(v), None) if written_empty => format!("written empty (EMS uses {v})"),
            (Some(v), None) => format!("not set (EMS uses {v})"),
            (None, Some(p)) => format!("`{}`", p.value),
            (None, None) if written_empty => "written empty".into(),
            (None, None) => "not set".into(),
        }
    }
}

pub fn setting<'a>(server: &Server<'a>, name: &str) -> Setting<'a> {
    let param = server.param(name);
    let spec = params::lookup(name);
    let (value, special) = match (param, spec) {
        (Some(p), Some(spec)) => {
            let value = params::canonical(spec, &p.value).ok();
            let written = params::by_type(spec, &p.value).ok();
            let special = value.is_some() && written != value;
            (value, special)
        }
        (Some(_), None) => (None, false),
        (None, _) => (server.canonical(name), false),
    };
    Setting {
        param,
        value,
        special,
        line: server.line_of(name),
    }
}

/// Reports `name` when the two servers' values differ by meaning: at each side's line (or
/// the main file when a side leaves it to its default), with a diff of the two lines.
pub fn compare_param(pair: &Pair<'_>, name: &str, rule: &'static RuleMeta, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    let a = setting(&pair.primary, name);
    let b = setting(backup, name);
    let equal = match (&a.value, &b.value) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.param.map(|p| p.value.trim()) == b.param.map(|p| p.value.trim()),
        _ => false,
    };
    if equal {
        return;
    }
    let message = format!(
        "`{name}` differs: {} on primary, {} on backup",
        a.describe(),
        b.describe()
    );
    let finding = Finding::new(rule, message)
        .about("parameter", name)
        .help(format!(
            "set `{name}` to the same value in both servers' tibemsd.conf"
        ))
        .diff(
            param_line(&pair.primary, name, &a),
            param_line(backup, name, &b),
        );
    out.push(at_setting(
        at_setting(finding, &pair.primary, &a),
        backup,
        &b,
    ));
}

/// The line as written, for a diff (never used for secrets).
fn param_line(server: &Server<'_>, name: &str, setting: &Setting<'_>) -> String {
    match setting
        .line
        .and_then(|p| server.main().text.get(p.line_span.clone()))
    {
        Some(line) => format!("{line}\n"),
        None => format!("# {name} not set\n"),
    }
}

/// Adds the location of a setting: its line, or the main file when it is not set.
pub fn at_setting(finding: Finding, server: &Server<'_>, setting: &Setting<'_>) -> Finding {
    at_line(finding, server, setting.line)
}

/// Adds the location of parameter `name`: its line (one that writes it empty included), or
/// the main file when it is not written.
pub fn at_param(finding: Finding, server: &Server<'_>, name: &str) -> Finding {
    at_line(finding, server, server.line_of(name))
}

fn at_line(finding: Finding, server: &Server<'_>, param: Option<&Param>) -> Finding {
    match param {
        Some(p) => finding.at(server.side(), server.main(), p.line_span.clone()),
        None => finding.at_file(server.side(), server.main()),
    }
}
