//! The server-named users of two different users.conf files carry different password
//! hashes. The hash scheme is undocumented and may be salted (security.md §2), so the two
//! cannot be shown equal: a warning to check, not a proof of a fault.

use crate::ems::users::User;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::server::Server;
use crate::model::Pair;
use crate::source::FileRef;

pub static META: RuleMeta = RuleMeta {
    code: "FT013",
    name: "server-user-password-differs",
    severity: Severity::Warning,
    category: "identity",
    summary: "the server users' password hashes differ between the two users.conf files",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    if !pair.authorization_on() {
        return;
    }
    let (Some((file_a, a)), Some((file_b, b))) = (server_user(&pair.primary), server_user(backup))
    else {
        return;
    };
    // An empty password field is server-user-password-unset's finding.
    if file_a.path == file_b.path
        || a.password == b.password
        || a.password.is_empty()
        || b.password.is_empty()
    {
        return;
    }
    out.push(
        Finding::new(
            &META,
            format!("the password hashes of user `{}` differ between the two users.conf files", a.name),
        )
        .about("user", a.name)
        .secret_content()
        .at(pair.primary.side(), file_a, a.line_span.clone())
        .at(backup.side(), file_b, b.line_span.clone())
        .help("set the user's password on both servers to the servers' `password`; hashes may be salted, so equal passwords can still differ here"),
    );
}

fn server_user<'s, 'a>(server: &'s Server<'a>) -> Option<(&'a FileRef, &'s User<'a>)> {
    let name = server.param("server")?;
    let users = server.users.as_ref()?;
    Some((users.file, users.data.get(&name.value)?))
}
