//! Both servers carry the same `password`, compared after un-mangling `$man$` values.
//! TIBCO: "The tibemsd.conf file for each server must have the same server name and
//! password" (Authorization and Fault-Tolerant Servers, EMS 10.2 users-guide
//! authorization-and-fa.htm). Neither value is ever printed.

use crate::ems::secret::{self, Secret};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::at_param;

pub static META: RuleMeta = RuleMeta {
    code: "FT002",
    name: "server-password-mismatch",
    severity: Severity::Error,
    category: "identity",
    summary: "the two servers have different `password` values",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    let a = pair.primary.param("password");
    let b = backup.param("password");
    // A corrupt mangled value is invalid-value's finding; nothing can be compared then.
    let reveal = |p: Option<&crate::ems::tibemsd::Param>| -> Result<Option<Secret>, ()> {
        match p {
            None => Ok(None),
            Some(p) => secret::reveal(&p.value).map_err(|_| ()),
        }
    };
    let (Ok(x), Ok(y)) = (reveal(a), reveal(b)) else {
        return;
    };
    let message = match (&x, &y) {
        (Some(x), Some(y)) if x == y => return,
        (None, None) => return,
        (Some(_), Some(_)) => {
            "`password` differs between primary and backup (compared after un-mangling)"
        }
        (Some(_), None) => "`password` is set on primary and not on backup",
        (None, Some(_)) => "`password` is set on backup and not on primary",
    };
    let finding = Finding::new(&META, message)
        .about("parameter", "password")
        .secret_content()
        .help("set the same `password` on both servers (mangle it with `tibemsadmin -mangle`); the peer logs in with it");
    out.push(at_param(
        at_param(finding, &pair.primary, "password"),
        backup,
        "password",
    ));
}
