//! The server-named user's password field is set exactly when `password` is: a peer that
//! presents a password to a user without one, or none to a user with one, is refused
//! (security.md §2, check 4).

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT012",
    name: "server-user-password-unset",
    severity: Severity::Error,
    category: "identity",
    summary: "the server user's password is empty while `password` is set, or the reverse",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for (server, name, users) in pair.server_users() {
        let Some(user) = users.data.get(&name.value) else {
            continue;
        };
        let password_set = server.param("password").is_some();
        let hash_set = !user.password.is_empty();
        let message = match (password_set, hash_set) {
            (true, false) => format!(
                "user `{}` has no password, but tibemsd.conf sets `password`",
                user.name
            ),
            (false, true) => format!(
                "user `{}` has a password, but tibemsd.conf sets no `password`",
                user.name
            ),
            _ => continue,
        };
        let mut finding = Finding::new(&META, message)
            .about("user", user.name)
            .secret_content()
            .at(server.side(), users.file, user.line_span.clone())
            .help(format!("set the password of user `{}` to the server's `password` (`set password {} password=…` in tibemsadmin)", user.name, user.name));
        // JAAS or LDAP may authenticate the peer instead of users.conf.
        if server.external_authentication() {
            finding = finding.severity(Severity::Warning);
        }
        if let Some(p) = server.param("password") {
            finding = finding.at(server.side(), server.main(), p.line_span.clone());
        }
        out.push(finding);
    }
}
