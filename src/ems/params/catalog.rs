//! The parameter table, grouped by family, and the builders its entries are written with.

use super::*;

pub(super) const fn p(name: &'static str, ty: ParamType) -> ParamSpec {
    ParamSpec {
        name,
        ty,
        per_server: false,
        repeatable: false,
        names_file: false,
        default: None,
        case_insensitive: false,
        special: &[],
        allowed: None,
        unordered: false,
    }
}

/// `value` means `means` (builders of [`ParamSpec::special`] tables).
pub(super) const fn means(value: i64, means: Meaning) -> Special {
    Special { value, means }
}

impl ParamSpec {
    pub(super) const fn server(mut self) -> Self {
        self.per_server = true;
        self
    }
    pub(super) const fn many(mut self) -> Self {
        self.repeatable = true;
        self
    }
    pub(super) const fn file(mut self) -> Self {
        self.names_file = true;
        self
    }
    pub(super) const fn def(mut self, default: &'static str) -> Self {
        self.default = Some(default);
        self
    }
    pub(super) const fn ci(mut self) -> Self {
        self.case_insensitive = true;
        self
    }
    pub(super) const fn special(mut self, special: &'static [Special]) -> Self {
        self.special = special;
        self
    }
    pub(super) const fn unordered(mut self) -> Self {
        self.unordered = true;
        self
    }
    pub(super) const fn allowed(mut self, allowed: Allowed) -> Self {
        self.allowed = Some(allowed);
        self
    }
}

const NO_LIMIT: &[Special] = &[means(0, Meaning::NoLimit)];
const DISABLED: &[Special] = &[means(0, Meaning::Disabled)];
const DEFAULT: &[Special] = &[means(0, Meaning::TheDefault)];
const NEVER: &[Special] = &[means(-1, Meaning::Disabled)];
/// Unset or `-1`: the server's own threshold; `0`: no warning (10.5 large-destination pages).
const OWN_THRESHOLD_OR_OFF: &[Special] = &[
    means(-1, Meaning::SystemChooses),
    means(0, Meaning::Disabled),
];
/// 10.1 socket-send/receive-buffer-size: omitted or `-1`, the call is skipped and the OS tunes
/// the buffer; `0`, the default buffer size. 8.5.1 reads omitted as `0`, and on Linux both
/// skip the call: all three are read as "chosen by the system", which both readings allow.
const SOCKET_BUFFER: &[Special] = &[
    means(-1, Meaning::SystemChooses),
    means(0, Meaning::SystemChooses),
];

/// The table, grouped by family. `all()` returns it sorted by name.
pub(super) const PARAMS: &[ParamSpec] = &[
    // Configuration files — S86 tibemsd.conf; users-guide/tibemsd.conf.htm
    p("acl_list", Path).file(),
    p("bridges", Path).file(),
    p("channels", Path).file(),
    p("durables", Path).file(),
    p("factories", Path).file(),
    p("groups", Path).file(),
    p("queues", Path).file(),
    p("routes", Path).file(),
    p("stores", Path).file(),
    p("tibrvcm", Path).file(),
    p("topics", Path).file(),
    p("transports", Path).file(),
    p("users", Path).file(),
    // Global system parameters — ems-vms/8.5.0 GUID-EB1D4442 (tibemsd.conf Parameters)
    // 10.3 always-exit-on-disk-.htm
    p("always_exit_on_disk_error", Bool).def("disabled"),
    p("authorization", Bool).def("disabled"),
    // 10.1 GUID-95CE8DD2
    p("compliant_queue_ack", Bool).def("enabled"),
    // 10.2 disconnect-non-ackin.htm
    p("disconnect_non_acking_consumers", Bool).def("disabled"),
    p("flow_control", Bool).def("disabled"),
    p("flow_control_only_with_active_consumer", Bool),
    p("health_check_listen", Url).server(),
    p("listen", Url).server().many(),
    // 8.6 GUID-6241F6E4
    p("max_msg_field_print_size", Size).def("1KB"),
    // 8.7 max-msg-print-size.htm
    p("max_msg_print_size", Size).def("8KB"),
    p("module_path", Directory),
    p("network_thread_count", Integer).def("1"),
    // 8.7 npsend-check-mode.htm: "[always | never | temp_dest | auth | temp_auth]", and
    // `default` (no mode specified); the C API's tibemsNpCheckMode has the same six.
    p("npsend_check_mode", Text).ci().allowed(Allowed::OneOf(&[
        "default",
        "always",
        "never",
        "temp_dest",
        "auth",
        "temp_auth",
    ])),
    p("password", Secret),
    p("processor_ids", Text),
    p("routing", Bool),
    p("server", Text),
    // 8.6, 10.1 GUID-778F6CA4: "any subset of the conditions in a comma-separated list"; an
    // unquoted space ends it (`startup-abort-list-truncated`). The docs write the conditions
    // in upper case and say nothing of other cases: they compare as written.
    p("startup_abort_list", Text).unordered(),
    p("store", Directory),
    // A comma list: local, ldap, jaas (8.5.1 GUID-AE528A25 External User Authentication;
    // ldap is gone from 10.x, which converts it to a JAAS module: 10.1 GUID-3F989DDD), oauth2
    // (10.3 user-auth.htm, 10.4 Authentication-Methods.htm).
    p("user_auth", Text)
        .ci()
        .allowed(Allowed::ListOf(&["local", "ldap", "jaas", "oauth2"])),
    // 10.4+: users-guide/license.htm
    p("license", Text),
    // JSON-config secondary listens — 10.1 GUID-E64FDC0F (Server Health), 10.3 server-health.htm
    p("secondary_health_check_listen", Url).server(),
    p("secondary_monitor_listen", Url).server(),
    // Server health and metrics (10.3+) — users-guide/server-health.htm, monitor_ssl_*.htm
    p("monitor_listen", Url).server(),
    p("monitor_ssl_identity", Path).file(),
    p("monitor_ssl_key", Path).file(),
    p("monitor_ssl_password", Secret).server(),
    p("monitor_ssl_trusted", Path).file(),
    // Connection and memory — max-client-msg-size.htm, large-destination-*.htm, reserve_memory
    // 10.2 destination-backlog-.htm: "By default, the limit for each destination is 1024 messages"
    p("destination_backlog_swapout", Integer).def("1024"),
    // 10.5 large-destination-co.htm: unset or -1, the server's own threshold; 0 disables the warning
    p("large_destination_count", Integer)
        .def("-1")
        .special(OWN_THRESHOLD_OR_OFF),
    // 10.5 large-destination-me.htm: unset or -1, the server's own threshold; 0 disables the warning
    p("large_destination_memory", Size)
        .def("-1")
        .special(OWN_THRESHOLD_OR_OFF),
    // 10.3 max-client-msg-size.htm: "omitted or zero" accepts any size (10 MB with FTL stores, 10.2+)
    p("max_client_msg_size", Size)
        .def("0")
        .def("0")
        .special(NO_LIMIT),
    // S86 tibemsd.conf: "0 to set no limit"; 10.3 max-connections.htm gives no default: unset reads as no limit (inference)
    p("max_connections", Integer).def("0").special(NO_LIMIT),
    // 10.1 GUID-4E2F7C41: "The default value of 0 (zero) indicates no limit"
    p("max_msg_memory", Size).def("0").special(NO_LIMIT),
    p("msg_pool_block_size", Integer),
    // 8.7 users-guide/msg-swapping.htm: "The default value is enabled"
    p("msg_swapping", Bool).def("enabled"),
    // 8.6 GUID-1FD816FF: absent, 0, no reserve block
    p("reserve_memory", Size)
        .def("0")
        .def("0")
        .special(DISABLED),
    p("socket_receive_buffer_size", Size)
        .def("-1")
        .special(SOCKET_BUFFER),
    p("socket_send_buffer_size", Size)
        .def("-1")
        .special(SOCKET_BUFFER),
    // Detecting network connection failure — server-timeout-clien.htm, server-heartbeat-ser.htm
    // 10.4 client-heartbeat-ser.htm: omitted or 0, disabled
    p("client_heartbeat_server", Seconds)
        .def("0")
        .special(DISABLED),
    // 8.6 GUID-0D987141: 0 disables; no default given
    p("client_timeout_server_connection", Seconds).special(DISABLED),
    p("handshake_timeout", Seconds).def("3"),
    // 8.5.1, 10.2.1 server-heartbeat-cli.htm: "when omitted or zero, the default is 5 seconds"
    p("server_heartbeat_client", Seconds)
        .def("5")
        .def("5")
        .special(DEFAULT),
    p("server_heartbeat_server", Seconds),
    // 8.7 server-timeout-clien.htm: 0 disables; no default given
    p("server_timeout_client_connection", Seconds).special(DISABLED),
    p("server_timeout_server_connection", Seconds),
    // Clock sync to clients, -1 never — users-guide/clock-sync-interval.htm (10.5.1),
    // ems-vms/8.5.1 GUID-E798A250; bsosnowski tibemsd.json
    // 10.5.1 clock-sync-interval.htm: omitted or 0, on connect only; -1, never
    p("clock_sync_interval", Integer).def("0").special(NEVER),
    // Routing — users-guide/active-route-connect.htm
    p("active_route_connect_time", Seconds).def("2"),
    // Message tracking — S86 tibemsd.conf ("Both are disabled by default")
    p("track_correlation_ids", Bool).def("disabled"),
    p("track_message_ids", Bool).def("disabled"),
    // Multicast (deprecated 8.3) — S86 tibemsd.conf
    p("multicast", Bool).def("disabled"),
    // Statistics — S86 tibemsd.conf ("statistics is enabled by default")
    // 8.5 GUID-52468DDF, 8.7 detailed-statistics2.htm: "NONE | [PRODUCERS,CONSUMERS,ROUTES]"
    p("detailed_statistics", Text).allowed(Allowed::ListOf(&[
        "NONE",
        "PRODUCERS",
        "CONSUMERS",
        "ROUTES",
    ])),
    // S86 tibemsd.conf: "0 to set no limit"; no default given
    p("max_stat_memory", Size).special(NO_LIMIT),
    // 8.6 GUID-9382F493: default 3, 0 disables the averages
    p("rate_interval", Seconds).def("3").special(DISABLED),
    // 8.7 server-rate-interval.htm; it cannot be 0
    p("server_rate_interval", Seconds).def("1"),
    // S86 tibemsd.conf: "statistics is enabled by default"; 8.7 statistics.htm says disabled.
    // The sample is kept: its reading is the one this sample pair runs with.
    p("statistics", Bool).def("enabled"),
    // S86 tibemsd.conf: "0 to disable"; no default given
    p("statistics_cleanup_interval", Seconds).special(DISABLED),
    // Tracing and log file — S86 tibemsd.conf, client_trace (8.6), trace-client-host.htm
    p("client_trace", Text),
    // TIBCO's own samples write trace items in upper and lower case (`+jvm,+jaas`).
    p("console_trace", Text).ci(),
    p("log_trace", Text).ci(),
    p("logfile", Path).server(),
    // 8.7 logfile-max-size.htm: 0, no limit; no default given
    p("logfile_max_size", Size).special(NO_LIMIT),
    // Log rotation — 10.1 GUID-112C6540 (Configure the Log File); bsosnowski tibemsd.json
    // 10.2.1 logfile-max-count.htm: "0 or not specified", no limit
    p("logfile_max_count", Integer).def("0").special(NO_LIMIT),
    // 8.7 trace-client-host.htm: "[hostname|address|both|both_with_port]", default hostname
    p("trace_client_host", Text)
        .def("hostname")
        .allowed(Allowed::OneOf(&[
            "hostname",
            "address",
            "both",
            "both_with_port",
        ])),
    // Fault tolerance — ft-heartbeat.htm, ft-activation.htm, ft-reconnect-timeout.htm, ft-ssl-*.htm
    p("ft_activation", Seconds).def("10"),
    p("ft_active", Url).server(),
    p("ft_heartbeat", Seconds).def("3"),
    p("ft_reconnect_timeout", Seconds).def("60"),
    p("ft_ssl_ciphers", Text),
    // Each server expects the name of its peer.
    p("ft_ssl_expected_hostname", Text).server(),
    p("ft_ssl_identity", Path).file(),
    // Lists in TIBCO's JSON (`ft_ssl.ssl_issuer_list`, `ft_ssl.ssl_trusted_list`), as for the
    // server's own ssl_server_issuer/trusted — EMSCA 8.3 tibemsd.json (BeeJeeGee/tibcoemsdocker).
    p("ft_ssl_issuer", Path).file().many(),
    // Key passwords belong to each server's own key (security.md §1.2).
    p("ft_ssl_password", Secret).server(),
    p("ft_ssl_private_key", Path).file(),
    p("ft_ssl_trusted", Path).file().many(),
    p("ft_ssl_verify_host", Bool).def("enabled"),
    p("ft_ssl_verify_hostname", Bool).def("enabled"),
    // FT peer OAuth 2.0 (10.3+) — users-guide/ft_oauth2_*.htm, OAuth_2.0.htm
    p("ft_oauth2_access_token_file", Path).file(),
    p("ft_oauth2_client_id", Text),
    p("ft_oauth2_client_secret", Secret),
    p("ft_oauth2_disable_verify_hostname", Bool).def("false"),
    p("ft_oauth2_server_trust_file", Path).file(),
    p("ft_oauth2_server_url", Url),
    // TLS server parameters — ssl-server-*.htm, ssl-crl-*.htm, fips140-2.htm, fips140-3.htm
    p("fips140-2", Bool).def("false"),
    p("fips140-3", Bool).def("false"),
    p("ssl_auth_only", Bool).def("disabled"),
    p("ssl_cert_user_specname", Text).def("CERTIFICATE_USER"),
    p("ssl_crl_path", Directory),
    p("ssl_crl_update_interval", Integer).def("24"),
    p("ssl_dh_size", Integer).def("1024"),
    p("ssl_lax_certs", Bool),
    p("ssl_password", Secret).server(),
    p("ssl_rand_egd", Path),
    // 8.4 installer template bin/tibemsd.conf_template ("File containing random data");
    // EMSCA 8.3 tibemsd.json `ssl.ssl_rand_file` (welshstew/tibcoems-ocp, BeeJeeGee/tibcoemsdocker)
    p("ssl_rand_file", Path),
    p("ssl_require_client_cert", Bool).def("disabled"),
    // 10.1 GUID-E8238F4A
    p("ssl_require_route_cert_only", Bool).def("disabled"),
    p("ssl_server_ciphers", Text),
    p("ssl_server_identity", Path).file(),
    p("ssl_server_issuer", Path).file().many(),
    p("ssl_server_key", Path).file(),
    p("ssl_server_trusted", Path).file().many(),
    p("ssl_use_cert_username", Bool),
    // LDAP — 8.6 GUID-DDC56487 (LDAP parameter mapping), S86 tibemsdldap.conf
    p("ldap_cache_enabled", Bool),
    p("ldap_cache_ttl", Seconds),
    p("ldap_conn_type", Text).ci(),
    p("ldap_credential", Secret),
    p("ldap_dynamic_group_attribute", Text),
    p("ldap_dynamic_group_class", Text),
    p("ldap_dynamic_member_url_attribute", Text),
    p("ldap_group_base_dn", Text),
    p("ldap_group_filter", Text),
    p("ldap_group_scope", Text),
    p("ldap_principal", Text),
    p("ldap_static_group_attribute", Text),
    p("ldap_static_group_class", Text),
    p("ldap_static_group_member_filter", Text),
    p("ldap_static_member_attribute", Text),
    p("ldap_tls_cacert_dir", Directory),
    p("ldap_tls_cacert_file", Path).file(),
    p("ldap_tls_cert_file", Path).file(),
    p("ldap_tls_cipher_suite", Text),
    p("ldap_tls_key_file", Path).file(),
    p("ldap_tls_rand_file", Path),
    p("ldap_url", Url),
    p("ldap_user_attribute", Text),
    p("ldap_user_base_dn", Text),
    p("ldap_user_class", Text),
    p("ldap_user_filter", Text),
    p("ldap_user_scope", Text),
    // OAuth 2.0 (10.3+) — users-guide/OAuth-2.0-Parameters.htm, oauth2_*.htm
    p("oauth2_audience", Text).many(),
    p("oauth2_disable_verify_hostname", Bool).def("false"),
    p("oauth2_expected_hostname", Text),
    p("oauth2_group_claim", Text),
    // 10.4 users-guide/oauth2_key_refresh_interval.htm
    p("oauth2_key_refresh_interval", Seconds)
        .def("86400")
        .special(DISABLED),
    // 10.4 users-guide/oauth2_key_refresh_threshold.htm
    p("oauth2_key_refresh_threshold", Seconds).def("300"),
    p("oauth2_server_trust_file", Path).file(),
    p("oauth2_server_validation_key", Text),
    p("oauth2_user_claim", Text),
    // Extensible security, JAAS/JACI and JVM — S86 tibemsd-jaas.conf, samples/deprecated
    p("jaas_classpath", Text),
    p("jaas_config_file", Path).file(),
    // milliseconds; 8.7 jaas-login-timeout.htm
    p("jaas_login_timeout", Integer).def("10000"),
    p("jaci_class", Text),
    p("jaci_classpath", Text),
    // milliseconds; 8.7 jaci-timeout.htm
    p("jaci_timeout", Integer).def("500"),
    p("jre_library", Path),
    p("jre_option", Text).many(),
    p("security_classpath", Text),
    // Database stores (8.x) — S86 tibemsd-db.conf
    p("dbstore_classpath", Text),
    p("dbstore_driver_dialect", Text),
    p("dbstore_driver_name", Text),
    // Rendezvous and FTL transports — tibrv_transports (8.6 GUID-450F5955), ftl-*.htm
    p("tibftl_transports", Bool).def("disabled"),
    p("tibrv_transports", Bool).def("disabled"),
    p("ftl_cert", Path).file(),
    // 8.5.1 GUID-B3F13B16
    p("ftl_discard_amount", Integer).def("5000"),
    // 8.5 GUID-280D0CF7
    p("ftl_discard_max_events", Integer).def("100000"),
    // 8.5 GUID-82D7E9E0: "ftl_discard_policy = none | old | new"
    p("ftl_discard_policy", Text)
        .def("old")
        .ci()
        .allowed(Allowed::OneOf(&["none", "old", "new"])),
    // 8.7 ftl-log-level.htm
    p("ftl_log_level", Text).def("warn").ci(),
    // The FTL server's URL list and credentials: 8.7 ftl-url.htm ("ftl_url = URL", e.g.
    // http://localhost:5633), 8.6 GUID-A5F09243 (`ftl_trustfile` for a TLS connection), the
    // 8.6 sample tibemsd.conf (`ftl_username`, `ftl_password`); with FTL stores the same
    // server list and credentials (10.1 GUID-57F8A32C: -ftl_url, -ftl_user, -ftl_password).
    p("ftl_password", Secret),
    p("ftl_private_key", Path).file(),
    p("ftl_private_key_password", Secret),
    p("ftl_trust_everyone", Bool),
    p("ftl_trustfile", Path).file(),
    p("ftl_url", UrlList),
    p("ftl_url_secondary", UrlList),
    p("ftl_username", Text),
    // FTL OAuth 2.0 (10.3+) — users-guide/ftl_oauth2_*.htm
    p("ftl_oauth2_access_token_file", Path).file(),
    p("ftl_oauth2_client_id", Text),
    p("ftl_oauth2_client_secret", Secret),
    p("ftl_oauth2_disable_verify_hostname", Bool).def("disabled"),
    p("ftl_oauth2_expected_hostname", Text),
    p("ftl_oauth2_server_trust_file", Path).file(),
    p("ftl_oauth2_server_url", Url),
    // FTL stores (10.x) — users-guide/tibemsd.conf_Parameters.htm
    p("ftl_auto_transport", Bool).def("enabled"),
    p("ftl_disk_preallocation", Size),
    p("ftl_spin", Bool).def("enabled"),
    p("in_memory_replication", Bool),
];
