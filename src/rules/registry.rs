//! Every rule in one list, in the order their findings are produced and their pages listed,
//! and the look-ups by code or name.

use crate::finding::RuleMeta;
use crate::rules::{
    clients, equivalence, ft_link, ft_timing, ftl, hygiene, identity, settings, shared_state,
    startup, tls, Rule,
};

/// Every rule, including those that reading and parsing report (they have no checks).
pub fn registry() -> &'static [&'static dyn Rule] {
    &[
        &identity::server_name_mismatch::Check,
        &identity::server_password_mismatch::Check,
        &identity::shared_secret_mismatch::Check,
        &ft_link::ft_active_not_reciprocal::Check,
        &ft_link::ft_active_missing::Check,
        &ft_link::ft_active_multiple_urls::Check,
        &ft_link::ft_active_points_at_self::Check,
        &ft_link::ft_active_local_host::Check,
        &ft_link::ft_active_ssl_peer_not_ssl::Check,
        &ft_link::ft_ssl_trusted_missing::Check,
        &tls::tls_identity_mismatch::Check,
        &tls::tls_chain_mismatch::Check,
        &tls::tls_key_mismatch::Check,
        &tls::tls_identity_no_key::Check,
        &tls::tls_wrong_password::Check,
        &tls::tls_key_no_password::Check,
        &tls::tls_unusable_file::Check,
        &tls::tls_cert_expired::Check,
        &tls::tls_cert_expiring::Check,
        &tls::tls_expiry_skew::Check,
        &tls::tls_peer_untrusted::Check,
        &tls::tls_peer_hostname_mismatch::Check,
        &tls::ft_ssl_identity_missing::Check,
        &tls::factory_ssl_hostname_mismatch::Check,
        &tls::tls_cipher_list_unusable::Check,
        &tls::tls_no_common_cipher::Check,
        &tls::handshake_timeout_mismatch::Check,
        &identity::authorization_mismatch::Check,
        &identity::server_user_missing::Check,
        &identity::server_user_password_unset::Check,
        &identity::server_user_password_differs::Check,
        &ft_timing::ft_heartbeat_mismatch::Check,
        &ft_timing::ft_activation_mismatch::Check,
        &ft_timing::ft_reconnect_timeout_mismatch::Check,
        &ft_timing::ft_activation_too_short::Check,
        &ft_timing::heartbeat_mismatch::Check,
        &ft_timing::heartbeat_timeout_incoherent::Check,
        &ft_timing::connection_heartbeats_absent::Check,
        &startup::startup_abort_without_config_errors::Check,
        &startup::startup_abort_list_truncated::Check,
        &startup::startup_abort_without_db_files::Check,
        &startup::startup_abort_unknown_condition::Check,
        &shared_state::store_location_mismatch::Check,
        &shared_state::store_not_shared::Check,
        &shared_state::store_type_conflict::Check,
        &ftl::ftl_ft_param_ignored::Check,
        &ftl::ftl_cluster_shape::Check,
        &ftl::ftl_standby_only_in_client_urls::Check,
        &ftl::ftl_cluster_mismatch::Check,
        &shared_state::store_filesystem_no_lock::Check,
        &shared_state::store_mount_differs::Check,
        &settings::setting_mismatch::Check,
        &equivalence::destination_mismatch::Check,
        &equivalence::user_mismatch::Check,
        &equivalence::user_description_mismatch::Check,
        &equivalence::group_mismatch::Check,
        &equivalence::acl_mismatch::Check,
        &equivalence::route_mismatch::Check,
        &equivalence::bridge_mismatch::Check,
        &equivalence::durable_mismatch::Check,
        &equivalence::store_mismatch::Check,
        &equivalence::channel_mismatch::Check,
        &equivalence::transport_mismatch::Check,
        &equivalence::tibrvcm_mismatch::Check,
        &equivalence::factory_mismatch::Check,
        &hygiene::acl_unknown_principal::Check,
        &hygiene::destination_unknown_store::Check,
        &hygiene::destination_property_conflict::Check,
        &hygiene::transport_reference_undefined::Check,
        &hygiene::value_out_of_range::Check,
        &hygiene::route_to_self::Check,
        &clients::factory_ft_urls::Check,
        &clients::factory_mixed_schemes::Check,
        &clients::factory_pair_load_balanced::Check,
        &clients::factory_unshared_in_shared_mode::Check,
        &clients::factory_single_url_reconnect::Check,
        &clients::factory_reconnect_window::Check,
        &clients::ft_token_queue::Check,
        &clients::client_syntax::Check,
        &clients::client_ft_urls::Check,
        &clients::client_reconnect_window::Check,
        &clients::client_jndi_factory_missing::Check,
        &clients::client_id_shared::Check,
        &clients::adapter_ft_incomplete::Check,
        &clients::adapter_shared_token_queue::Check,
        &clients::adapter_client_heartbeat::Check,
        &clients::client_no_pair::Check,
        &clients::route_to_pair::Check,
        &ft_link::json_ft_listens::Check,
        &equivalence::json_conf_mismatch::Check,
        &ft_link::ft_partner_missing::Check,
        &identity::server_name_ambiguous::Check,
        &hygiene::json_unknown_key::Check,
        &hygiene::syntax::Check,
        &hygiene::missing_file::Check,
        &hygiene::path_outside_tree::Check,
        &hygiene::unknown_parameter::Check,
        &hygiene::duplicate_parameter::Check,
        &hygiene::duplicate_entry::Check,
        &hygiene::invalid_value::Check,
        &hygiene::path_fallback::Check,
        &hygiene::not_utf8::Check,
        &hygiene::unused_suppression::Check,
        &hygiene::baseline_stale::Check,
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
    crate::ems::suggest::nearest_jaro_winkler(name, registry().iter().map(|r| r.meta().name))
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
