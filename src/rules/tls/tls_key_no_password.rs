//! An encrypted private key (or PKCS#12 file) while tibemsd.conf gives no password for it.
//! This is not an error: "If TLS is enabled and no password is given, tibemsd prompts for
//! it at startup", and `-ssl_password` on the command line overrides the file (EMS 8.7
//! users-guide ssl-password.htm; tibemsd options, EMS 10.4.1 users-guide
//! tibemsd-options.htm). But the key cannot be opened here, so whether it matches its
//! certificate is not checked (security.md §4: "key encrypted; pair check skipped").

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::tls::Password;
use crate::model::tls_slot::Link;
use crate::model::Pair;
use crate::rules::tls::{at_items, by_source, param_names};

pub static META: RuleMeta = RuleMeta {
    code: "FT205",
    name: "tls-key-no-password",
    severity: Severity::Info,
    category: "tls",
    summary: "an encrypted private key, and tibemsd.conf gives no password for it",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        for link in [Link::Server, Link::Ft] {
            let locked =
                server.tls.items.iter().filter(|i| {
                    i.role.link() == link && i.password == Password::Absent && i.locked()
                });
            for group in by_source(locked) {
                let password = link.password_param();
                let message = format!(
                    "{} ({}) is encrypted and {}'s tibemsd.conf sets no `{password}`: the key is not checked against its certificate",
                    group[0].source_name(),
                    param_names(&group),
                    server.side().as_str()
                );
                let given = match link {
                    Link::Server => {
                        "given on tibemsd's command line (`-ssl_password`) or typed at startup"
                    }
                    Link::Ft => "given to tibemsd when it starts",
                };
                let finding = Finding::new(&META, message).about("parameter", password).help(format!(
                    "nothing to do if the password is {given}; set `{password}` (mangled with `tibemsadmin -mangle`) to have the key checked"
                ));
                out.push(at_items(finding, server, group.iter().copied()));
            }
        }
    }
}
