//! An ACL entry that names a user or group which users.conf or groups.conf does not define.
//! EMS keeps the entry, but it grants nothing until someone creates that principal, often
//! the result of a typo or a user removed on one server only. The predefined `admin` user
//! and the `$admin` and `all` groups always exist (EMS 8.6 acl.conf,
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-7224AA38-DF3A-429F-837A-3DE7FF379D4C.html ;
//! users.conf, https://docs.tibco.com/pub/ems/10.4.0/doc/html/users-guide/users.htm).
//! With JAAS or LDAP the principal may be defined there: the finding is then `info`.

use rustc_hash::FxHashSet;

use crate::ems::acl::Principal;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT114",
    name: "acl-unknown-principal",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "an ACL entry names a user or group that is not defined",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for server in pair.servers() {
        let Some(acl) = &server.acl else { continue };
        // A file that was not read cannot say who is defined.
        let users: Option<FxHashSet<&str>> = server
            .users
            .as_ref()
            .map(|u| u.data.users.iter().map(|u| u.name).collect());
        let groups: Option<FxHashSet<&str>> = server
            .groups
            .as_ref()
            .map(|g| g.data.groups.iter().map(|g| g.name).collect());
        let external = server.external_authentication();
        for entry in &acl.data.entries {
            let (known, predefined, kind, file) = match entry.principal {
                Principal::User(_) => (&users, &["admin"][..], "user", "users.conf"),
                Principal::Group(_) => (&groups, &["$admin", "all"][..], "group", "groups.conf"),
            };
            let name = entry.principal.name();
            let Some(known) = known else { continue };
            if known.contains(name) || predefined.contains(&name) {
                continue;
            }
            let mut finding = Finding::new(
                &META,
                format!("ACL entry names {kind} `{name}`, which {file} does not define"),
            )
            .about(kind, name.to_string())
            .at(server.side(), acl.file, entry.line_span.clone())
            .help(format!(
                "define the {kind} in {file}, or correct the name in acl.conf"
            ));
            if external {
                finding = finding.severity(Severity::Info);
                finding.message.push_str(" (JAAS or LDAP may define it)");
            }
            found.push(((kind, name, external), finding));
        }
    }
    out.extend(merge_twins(found));
}
