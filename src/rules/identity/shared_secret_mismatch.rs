//! A credential both servers use to reach one shared system differs between them, compared
//! after un-mangling `$man$` values and never printed. "All but two configuration settings are
//! shared by both EMS servers: the listen and ft_active parameters are configured separately"
//! (EMS 10.1 GUID-83179030-D449-4C70-9A55-6EE85D0C2951): when both servers reach the same
//! system as the same principal, that principal has one credential, and the server holding the
//! other fails to authenticate once it is active. `password` has a rule of its own
//! (server-password-mismatch); the passwords of private keys open each server's own key and
//! stay per server (security.md §1.2). The decision for every secret of the catalog is listed on
//! the rule page.

use crate::ems::secret::{self, Secret};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::at_param;

pub static META: RuleMeta = RuleMeta {
    code: "FT023",
    name: "shared-secret-mismatch",
    severity: Severity::Error,
    category: "identity",
    summary: "a credential both servers use for one shared system differs between them",
};

/// A shared credential, the parameters that say which system and principal it is for, and
/// that system's name for messages.
struct SharedSecret {
    secret: &'static str,
    same_when: &'static [&'static str],
    system: &'static str,
}

/// LDAP: `ldap_principal` and `ldap_credential` are the JAAS module's manager and manager
/// password (EMS 8.6 GUID-DDC56487-FAC6-454A-B65B-07CFB885B8E9). FTL stores and transports:
/// `ftl_username`/`ftl_password` at `ftl_url` (users-guide/ftl-*.htm). OAuth 2.0 client
/// credentials of the FT peer and of FTL: `*_client_id`/`*_client_secret` at `*_server_url`
/// (10.3+, users-guide/ft_oauth2_*.htm, ftl_oauth2_*.htm).
const SHARED: [SharedSecret; 4] = [
    SharedSecret {
        secret: "ldap_credential",
        same_when: &["ldap_url", "ldap_principal"],
        system: "LDAP directory",
    },
    SharedSecret {
        secret: "ftl_password",
        same_when: &["ftl_url", "ftl_username"],
        system: "FTL server",
    },
    SharedSecret {
        secret: "ft_oauth2_client_secret",
        same_when: &["ft_oauth2_server_url", "ft_oauth2_client_id"],
        system: "OAuth 2.0 server",
    },
    SharedSecret {
        secret: "ftl_oauth2_client_secret",
        same_when: &["ftl_oauth2_server_url", "ftl_oauth2_client_id"],
        system: "OAuth 2.0 server of FTL",
    },
];

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    for shared in &SHARED {
        let same_principal = shared.same_when.iter().all(|name| {
            let primary = pair.primary.values_in_force(name);
            !primary.is_empty() && primary == backup.values_in_force(name)
        });
        if !same_principal {
            continue;
        }
        // A corrupt mangled value is invalid-value's finding; nothing can be compared then.
        let (Ok(a), Ok(b)) = (
            revealed(&pair.primary, shared.secret),
            revealed(backup, shared.secret),
        ) else {
            continue;
        };
        let name = shared.secret;
        let context = shared
            .same_when
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        let what = match (&a, &b) {
            (Some(x), Some(y)) if x == y => continue,
            (None, None) => continue,
            (Some(_), Some(_)) => "differs between primary and backup (compared after un-mangling)",
            (Some(_), None) => "is set on primary and not on backup",
            (None, Some(_)) => "is set on backup and not on primary",
        };
        let message = format!(
            "`{name}` {what}, though both reach the same {} with the same {context}",
            shared.system
        );
        let finding = Finding::new(&META, message).about("parameter", name).secret_content().help(format!(
            "set the same `{name}` on both servers; the server with the other one cannot authenticate once it is active"
        ));
        out.push(at_param(
            at_param(finding, &pair.primary, name),
            backup,
            name,
        ));
    }
}

fn revealed(server: &Server<'_>, name: &str) -> Result<Option<Secret>, ()> {
    match server.param(name) {
        None => Ok(None),
        Some(p) => secret::reveal(&p.value).map_err(|_| ()),
    }
}
