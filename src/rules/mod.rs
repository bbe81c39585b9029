//! The rules: one file each, a registry of them all, and the pair they look at.

use crate::ems::params::{self, Canonical};
use crate::ems::tibemsd::Param;
use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::server::Server;
use crate::settings::Settings;

pub mod acl_mismatch;
pub mod acl_unknown_principal;
pub mod authorization_mismatch;
pub mod bridge_mismatch;
pub mod channel_mismatch;
pub mod destination_mismatch;
pub mod destination_unknown_store;
pub mod duplicate_entry;
pub mod duplicate_parameter;
pub mod durable_mismatch;
pub mod factory;
pub mod factory_ft_urls;
pub mod factory_mismatch;
pub mod factory_mixed_schemes;
pub mod factory_reconnect_window;
pub mod factory_single_url_reconnect;
pub mod factory_ssl_hostname_mismatch;
pub mod factory_unshared_in_shared_mode;
pub mod ft_activation_mismatch;
pub mod ft_activation_too_short;
pub mod ft_active_local_host;
pub mod ft_active_missing;
pub mod ft_active_multiple_urls;
pub mod ft_active_not_reciprocal;
pub mod ft_active_points_at_self;
pub mod ft_active_ssl_peer_not_ssl;
pub mod ft_heartbeat_mismatch;
pub mod ft_link;
pub mod ft_partner_missing;
pub mod ft_reconnect_timeout_mismatch;
pub mod ft_ssl_identity_missing;
pub mod ft_ssl_trusted_missing;
pub mod ft_token_queue;
pub mod group_mismatch;
pub mod heartbeat_mismatch;
pub mod heartbeat_timeout_incoherent;
pub mod invalid_value;
pub mod json_conf_mismatch;
pub mod json_ft_listens;
pub mod json_unknown_key;
pub mod missing_file;
pub mod not_utf8;
pub mod path_fallback;
pub mod route_mismatch;
pub mod route_to_self;
pub mod server_name_ambiguous;
pub mod server_name_mismatch;
pub mod server_password_mismatch;
pub mod server_user_missing;
pub mod server_user_password_differs;
pub mod server_user_password_unset;
pub mod setting_mismatch;
pub mod store_location_mismatch;
pub mod store_mismatch;
pub mod store_not_shared;
pub mod syntax;
pub mod tibrvcm_mismatch;
pub mod tls;
pub mod tls_cert_expired;
pub mod tls_cert_expiring;
pub mod tls_chain_mismatch;
pub mod tls_expiry_skew;
pub mod tls_identity_mismatch;
pub mod tls_key_mismatch;
pub mod tls_key_no_password;
pub mod tls_peer_hostname_mismatch;
pub mod tls_peer_untrusted;
pub mod tls_unusable_file;
pub mod tls_wrong_password;
pub mod transport_mismatch;
pub mod unknown_parameter;
pub mod unused_suppression;
pub mod user_description_mismatch;
pub mod user_mismatch;

/// What the rules look at: one server, or the two of a pair.
pub struct Pair<'a> {
    pub primary: Server<'a>,
    pub backup: Option<Server<'a>>,
    pub settings: &'a Settings,
    /// Each server's sub-file entries grouped by key, built once for the rules that need them.
    pub indexes: crate::compare::Indexes,
}

impl<'a> Pair<'a> {
    /// Each server of the pair (one when linting a single server).
    pub fn servers(&self) -> impl Iterator<Item = &Server<'a>> {
        std::iter::once(&self.primary).chain(self.backup.as_ref())
    }

    /// Both servers, each with its peer; nothing when linting a single server.
    pub fn both_ways(&self) -> Vec<(&Server<'a>, &Server<'a>)> {
        match &self.backup {
            Some(backup) => vec![(&self.primary, backup), (backup, &self.primary)],
            None => Vec::new(),
        }
    }
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, pair: &Pair<'_>, out: &mut Vec<Finding>);
}

/// Every rule, including those that reading and parsing report (they have no checks).
pub fn registry() -> &'static [&'static dyn Rule] {
    &[
        &server_name_mismatch::Check,
        &server_password_mismatch::Check,
        &ft_active_not_reciprocal::Check,
        &ft_active_missing::Check,
        &ft_active_multiple_urls::Check,
        &ft_active_points_at_self::Check,
        &ft_active_local_host::Check,
        &ft_active_ssl_peer_not_ssl::Check,
        &ft_ssl_trusted_missing::Check,
        &tls_identity_mismatch::Check,
        &tls_chain_mismatch::Check,
        &tls_key_mismatch::Check,
        &tls_wrong_password::Check,
        &tls_key_no_password::Check,
        &tls_unusable_file::Check,
        &tls_cert_expired::Check,
        &tls_cert_expiring::Check,
        &tls_expiry_skew::Check,
        &tls_peer_untrusted::Check,
        &tls_peer_hostname_mismatch::Check,
        &ft_ssl_identity_missing::Check,
        &factory_ssl_hostname_mismatch::Check,
        &authorization_mismatch::Check,
        &server_user_missing::Check,
        &server_user_password_unset::Check,
        &server_user_password_differs::Check,
        &ft_heartbeat_mismatch::Check,
        &ft_activation_mismatch::Check,
        &ft_reconnect_timeout_mismatch::Check,
        &ft_activation_too_short::Check,
        &heartbeat_mismatch::Check,
        &heartbeat_timeout_incoherent::Check,
        &store_location_mismatch::Check,
        &store_not_shared::Check,
        &setting_mismatch::Check,
        &destination_mismatch::Check,
        &user_mismatch::Check,
        &user_description_mismatch::Check,
        &group_mismatch::Check,
        &acl_mismatch::Check,
        &route_mismatch::Check,
        &bridge_mismatch::Check,
        &durable_mismatch::Check,
        &store_mismatch::Check,
        &channel_mismatch::Check,
        &transport_mismatch::Check,
        &tibrvcm_mismatch::Check,
        &factory_mismatch::Check,
        &acl_unknown_principal::Check,
        &destination_unknown_store::Check,
        &route_to_self::Check,
        &factory_ft_urls::Check,
        &factory_mixed_schemes::Check,
        &factory_unshared_in_shared_mode::Check,
        &factory_single_url_reconnect::Check,
        &factory_reconnect_window::Check,
        &ft_token_queue::Check,
        &json_ft_listens::Check,
        &json_conf_mismatch::Check,
        &ft_partner_missing::Check,
        &server_name_ambiguous::Check,
        &json_unknown_key::Check,
        &syntax::Check,
        &missing_file::Check,
        &unknown_parameter::Check,
        &duplicate_parameter::Check,
        &duplicate_entry::Check,
        &invalid_value::Check,
        &path_fallback::Check,
        &not_utf8::Check,
        &unused_suppression::Check,
    ]
}

/// A rule by code (`FT003`, any case) or name (`ft-active-not-reciprocal`).
pub fn find(name: &str) -> Option<&'static RuleMeta> {
    registry()
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(name) || m.name == name)
}

pub fn did_you_mean(name: &str) -> Option<&'static str> {
    let len = name.chars().count();
    registry()
        .iter()
        .map(|r| r.meta().name)
        // Jaro-Winkler stays below 0.85 when one name is over four times as long as the
        // other: skip the quadratic comparison (a long `allow(…)` would cost it per rule).
        .filter(|n| len <= 4 * n.len() && n.len() <= 4 * len)
        .map(|n| (strsim::jaro_winkler(name, n), n))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// Declares a rule's metadata and a `Check` type; reading or parsing reports these rules.
macro_rules! reported_elsewhere {
    () => {
        pub struct Check;
        impl crate::rules::Rule for Check {
            fn meta(&self) -> &'static crate::finding::RuleMeta {
                &META
            }
            fn check(&self, _: &crate::rules::Pair<'_>, _: &mut Vec<crate::finding::Finding>) {}
        }
    };
}
pub(crate) use reported_elsewhere;

/// Declares `Check` for a rule whose logic is the function `check`.
macro_rules! rule {
    () => {
        pub struct Check;
        impl crate::rules::Rule for Check {
            fn meta(&self) -> &'static crate::finding::RuleMeta {
                &META
            }
            fn check(&self, pair: &crate::rules::Pair<'_>, out: &mut Vec<crate::finding::Finding>) {
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
}

impl Setting<'_> {
    /// `3` or `3 (the default)` or `not set`.
    pub fn describe(&self) -> String {
        match (&self.value, self.param) {
            (Some(v), Some(_)) => v.to_string(),
            (Some(v), None) => format!("{v} (the default)"),
            (None, Some(p)) => format!("`{}`", p.value),
            (None, None) => "not set".into(),
        }
    }
}

pub fn setting<'a>(server: &Server<'a>, name: &str) -> Setting<'a> {
    let param = server.param(name);
    let value = match param {
        Some(p) => params::lookup(name).and_then(|spec| params::canonical(spec, &p.value).ok()),
        None => server.canonical(name),
    };
    Setting { param, value }
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
        .param
        .and_then(|p| server.main().text.get(p.line_span.clone()))
    {
        Some(line) => format!("{line}\n"),
        None => format!("# {name} not set\n"),
    }
}

/// Adds the location of a setting: its line, or the main file when it is not set.
pub fn at_setting(finding: Finding, server: &Server<'_>, setting: &Setting<'_>) -> Finding {
    at_param(finding, server, setting.param)
}

pub fn at_param(finding: Finding, server: &Server<'_>, param: Option<&Param>) -> Finding {
    match param {
        Some(p) => finding.at(server.side(), server.main(), p.line_span.clone()),
        None => finding.at_file(server.side(), server.main()),
    }
}

/// `primary` / `backup`, for messages.
pub fn side_name(side: Side) -> &'static str {
    side.as_str()
}

/// Findings keep the severity they were raised with unless the settings say otherwise.
pub fn apply_levels(findings: Vec<Finding>, settings: &Settings) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| {
            let severity: Severity = settings.severity_of(f.rule, f.severity)?;
            f.severity = severity;
            Some(f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in registry() {
            let m = rule.meta();
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(m.code.starts_with("FT") && m.code[2..].chars().all(|c| c.is_ascii_digit()));
            assert!(
                m.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                m.name
            );
            assert!(!m.summary.is_empty());
        }
    }

    #[test]
    fn rules_are_found_by_code_or_name() {
        assert_eq!(find("FT003").unwrap().name, "ft-active-not-reciprocal");
        assert_eq!(find("ft003").unwrap().name, "ft-active-not-reciprocal");
        assert_eq!(find("syntax").unwrap().name, "syntax");
        assert!(find("nope").is_none());
        assert_eq!(
            did_you_mean("ft-activ-not-reciprocal"),
            Some("ft-active-not-reciprocal")
        );
    }

    #[test]
    fn a_name_far_longer_than_every_rule_suggests_none() {
        let long = format!("ft-active-not-reciprocal{}", "x".repeat(10_000));
        assert_eq!(did_you_mean(&long), None);
        assert_eq!(did_you_mean("s"), None);
    }
}
