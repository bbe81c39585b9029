//! With authorization enabled, each server's users.conf holds a user named like the server.
//! TIBCO: "The user name and password in the users.conf file for each server must match the
//! values of the server and password parameters in the tibemsd.conf file" (Authorization and
//! Fault-Tolerant Servers, EMS 10.2 users-guide authorization-and-fa.htm).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::rules::Pair;
use crate::server::Server;

pub static META: RuleMeta = RuleMeta {
    code: "FT011",
    name: "server-user-missing",
    severity: Severity::Error,
    category: "identity",
    summary: "users.conf has no user named like the server",
};

crate::rules::rule!();

/// Authorization matters for the pair as soon as either side enables it.
pub fn authorization_on(pair: &Pair<'_>) -> bool {
    pair.servers().any(|s| s.flag("authorization"))
}

/// Since EMS 10.3 the peer user may live in JAAS or LDAP instead of users.conf.
pub fn external_authentication(server: &Server<'_>) -> bool {
    ["jaas_config_file", "ldap_url", "jaas_login_config"]
        .iter()
        .any(|p| server.param(p).is_some())
}

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    if !authorization_on(pair) {
        return;
    }
    for server in pair.servers() {
        let (Some(name), Some(users)) = (server.param("server"), &server.users) else {
            continue;
        };
        if users.data.get(&name.value).is_some() {
            continue;
        }
        let mut finding = Finding::new(
            &META,
            format!("{} has no user `{}`, the server's name, and authorization is enabled", users.file.display, name.value),
        )
        .at_file(server.side(), users.file)
        .at(server.side(), server.main(), name.line_span.clone())
        .help(format!(
            "create the user on this server (`create user {} password=…` in tibemsadmin) with the server's `password`",
            name.value
        ));
        if external_authentication(server) {
            finding = finding.severity(Severity::Info);
            finding.message.push_str(" (JAAS or LDAP may provide it)");
        }
        out.push(finding);
    }
}
