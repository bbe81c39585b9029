//! Both servers of an FT pair carry the same `server` name. TIBCO: "Set this parameter to
//! the same server name in the configuration files of both the primary server and the
//! secondary server." (EMS 8.6, Shared State, GUID-A14BD313-44E3-4138-AE52-B7FB8582B625)

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::at_param;

pub static META: RuleMeta = RuleMeta {
    code: "FT001",
    name: "server-name-mismatch",
    severity: Severity::Error,
    category: "identity",
    summary: "the two servers have different `server` names",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    let a = pair.primary.param("server");
    let b = backup.param("server");
    let name = |p: Option<&crate::ems::tibemsd::Param>| p.map(|p| p.value.clone());
    let (an, bn) = (name(a), name(b));
    if an == bn {
        return;
    }
    let describe = |n: &Option<String>| {
        n.as_ref()
            .map_or("not set".to_string(), |n| format!("`{n}`"))
    };
    let case_only = matches!((&an, &bn), (Some(x), Some(y)) if x.eq_ignore_ascii_case(y));
    let message = format!(
        "server names differ{}: {} on primary, {} on backup",
        if case_only { " in case only" } else { "" },
        describe(&an),
        describe(&bn)
    );
    let line = |n: &Option<String>| match n {
        Some(n) => format!("server = {n}\n"),
        None => "# server not set\n".into(),
    };
    let finding = Finding::new(&META, message)
        .about("parameter", "server")
        .help("set `server` to the same name on both servers; clients and the peer log in with it")
        .diff(line(&an), line(&bn));
    out.push(at_param(
        at_param(finding, &pair.primary, "server"),
        backup,
        "server",
    ));
}
