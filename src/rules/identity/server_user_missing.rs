//! With authorization enabled, each server's users.conf holds a user named like the server.
//! TIBCO: "The user name and password in the users.conf file for each server must match the
//! values of the server and password parameters in the tibemsd.conf file" (Authorization and
//! Fault-Tolerant Servers, EMS 10.2 users-guide authorization-and-fa.htm).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT011",
    name: "server-user-missing",
    severity: Severity::Error,
    category: "identity",
    summary: "users.conf has no user named like the server",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for (server, name, users) in pair.server_users() {
        if users.data.get(&name.value).is_some() {
            continue;
        }
        let mut finding = Finding::new(
            &META,
            format!("{} has no user `{}`, the server's name, and authorization is enabled", users.file.display, name.value),
        )
        .about("user", name.value.as_str())
        .at_file(server.side(), users.file)
        .at(server.side(), server.main(), name.line_span.clone())
        .help(format!(
            "create the user on this server (`create user {} password=…` in tibemsadmin) with the server's `password`",
            name.value
        ));
        if server.external_authentication() {
            finding = finding.severity(Severity::Info);
            finding.message.push_str(" (JAAS or LDAP may provide it)");
        }
        out.push(finding);
    }
}
