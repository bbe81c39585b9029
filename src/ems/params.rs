//! Catalog of the `tibemsd.conf` parameters of EMS 8.6 to 10.x.
//!
//! Each entry says how to read the value by meaning (so the two servers of an FT pair can be
//! compared), whether the value may legitimately differ between the two servers, whether
//! repeated lines add up, and whether the value names a file kept with the configuration.
//! Sources: TIBCO's parameter pages (`docs.tibco.com/pub/ems/<version>/doc/html/users-guide/`)
//! and every parameter written in the EMS 8.6 sample files and the real files of the corpus.
//! A parameter seen only in the corpus is listed too, so that real files are not flagged.

use std::fmt;
use std::sync::OnceLock;

/// How a parameter's value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// `enable, enabled, true, yes, on` / `disable, disabled, false, no, off`, any case.
    Bool,
    /// A decimal integer, possibly negative.
    Integer,
    /// Bytes, with an optional `KB`, `MB` or `GB` suffix (1KB = 1024).
    Size,
    /// A non-negative number of seconds.
    Seconds,
    /// One URL (`listen`, `ft_active`, `health_check_listen`, ...).
    Url,
    /// Several URLs separated by `|` (`ftl_url`).
    UrlList,
    /// A file.
    Path,
    /// A directory.
    Directory,
    /// A password or other secret: never printed.
    Secret,
    /// Anything else: names, cipher strings, trace specifications, filters.
    String,
}

/// One documented (or corpus-attested) `tibemsd.conf` parameter.
#[derive(Debug, Clone, Copy)]
pub struct ParamSpec {
    /// Lower case, as documented.
    pub name: &'static str,
    pub ty: ParamType,
    /// May legitimately differ between the primary and the backup (formats.md §13 rule 8).
    pub per_server: bool,
    /// Repeated lines add up instead of replacing each other.
    pub repeatable: bool,
    /// Names a file kept with the configuration that the linter must find.
    pub names_file: bool,
    /// The documented default, as written in the docs.
    pub default: Option<&'static str>,
    /// Text values compare case-insensitively (`canonical` lower-cases them).
    pub case_insensitive: bool,
}

impl ParamSpec {
    pub fn is_secret(&self) -> bool {
        self.ty == ParamType::Secret
    }
}

use ParamType::{
    Bool, Directory, Integer, Path, Seconds, Secret, Size, String as Text, Url, UrlList,
};

const fn p(name: &'static str, ty: ParamType) -> ParamSpec {
    ParamSpec {
        name,
        ty,
        per_server: false,
        repeatable: false,
        names_file: false,
        default: None,
        case_insensitive: false,
    }
}

impl ParamSpec {
    const fn server(mut self) -> Self {
        self.per_server = true;
        self
    }
    const fn many(mut self) -> Self {
        self.repeatable = true;
        self
    }
    const fn file(mut self) -> Self {
        self.names_file = true;
        self
    }
    const fn def(mut self, default: &'static str) -> Self {
        self.default = Some(default);
        self
    }
    const fn ci(mut self) -> Self {
        self.case_insensitive = true;
        self
    }
}

/// Parameters that also accept `-1` ("let the server/OS choose") although they are sizes.
/// socket-send-buffer-size / large-destination-me pages (8.5, 10.5).
const SIZE_MINUS_ONE: &[&str] = &[
    "large_destination_memory",
    "socket_receive_buffer_size",
    "socket_send_buffer_size",
];

/// The table, grouped by family. `all()` returns it sorted by name.
const PARAMS: &[ParamSpec] = &[
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
    p("always_exit_on_disk_error", Bool),
    p("authorization", Bool).def("disabled"),
    p("compliant_queue_ack", Bool),
    p("disconnect_non_acking_consumers", Bool),
    p("flow_control", Bool).def("disabled"),
    p("flow_control_only_with_active_consumer", Bool),
    p("health_check_listen", Url).server(),
    p("listen", Url).server().many(),
    p("max_msg_field_print_size", Size),
    p("max_msg_print_size", Size),
    p("module_path", Directory),
    p("network_thread_count", Integer).def("1"),
    p("npsend_check_mode", Text),
    p("password", Secret),
    p("processor_ids", Text),
    p("routing", Bool),
    p("server", Text),
    p("startup_abort_list", Text),
    p("store", Directory),
    p("user_auth", Text).ci(),
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
    p("destination_backlog_swapout", Integer),
    p("large_destination_count", Integer),
    p("large_destination_memory", Size),
    p("max_client_msg_size", Size).def("0"),
    p("max_connections", Integer),
    p("max_msg_memory", Size),
    p("msg_pool_block_size", Integer),
    p("msg_swapping", Bool),
    p("reserve_memory", Size).def("0"),
    p("socket_receive_buffer_size", Size),
    p("socket_send_buffer_size", Size),
    // Detecting network connection failure — server-timeout-clien.htm, server-heartbeat-ser.htm
    p("client_heartbeat_server", Seconds),
    p("client_timeout_server_connection", Seconds),
    p("handshake_timeout", Seconds).def("3"),
    p("server_heartbeat_client", Seconds).def("5"),
    p("server_heartbeat_server", Seconds),
    p("server_timeout_client_connection", Seconds),
    p("server_timeout_server_connection", Seconds),
    // Clock sync to clients, -1 never — users-guide/clock-sync-interval.htm (10.5.1),
    // ems-vms/8.5.1 GUID-E798A250; bsosnowski tibemsd.json
    p("clock_sync_interval", Integer),
    // Routing — users-guide/active-route-connect.htm
    p("active_route_connect_time", Seconds).def("2"),
    // Message tracking — S86 tibemsd.conf ("Both are disabled by default")
    p("track_correlation_ids", Bool).def("disabled"),
    p("track_message_ids", Bool).def("disabled"),
    // Multicast (deprecated 8.3) — S86 tibemsd.conf
    p("multicast", Bool).def("disabled"),
    // Statistics — S86 tibemsd.conf ("statistics is enabled by default")
    p("detailed_statistics", Text),
    p("max_stat_memory", Size),
    p("rate_interval", Seconds),
    p("server_rate_interval", Seconds),
    p("statistics", Bool).def("enabled"),
    p("statistics_cleanup_interval", Seconds),
    // Tracing and log file — S86 tibemsd.conf, client_trace (8.6), trace-client-host.htm
    p("client_trace", Text),
    // TIBCO's own samples write trace items in upper and lower case (`+jvm,+jaas`).
    p("console_trace", Text).ci(),
    p("log_trace", Text).ci(),
    p("logfile", Path).server(),
    p("logfile_max_size", Size),
    // Log rotation — 10.1 GUID-112C6540 (Configure the Log File); bsosnowski tibemsd.json
    p("logfile_max_count", Integer),
    p("trace_client_host", Text).def("hostname"),
    // Fault tolerance — ft-heartbeat.htm, ft-activation.htm, ft-reconnect-timeout.htm, ft-ssl-*.htm
    p("ft_activation", Seconds).def("10"),
    p("ft_active", Url).server(),
    p("ft_heartbeat", Seconds).def("3"),
    p("ft_reconnect_timeout", Seconds).def("60"),
    p("ft_ssl_ciphers", Text),
    // Each server expects the name of its peer.
    p("ft_ssl_expected_hostname", Text).server(),
    p("ft_ssl_identity", Path).file(),
    p("ft_ssl_issuer", Path).file(),
    // Key passwords belong to each server's own key (security.md §1.2).
    p("ft_ssl_password", Secret).server(),
    p("ft_ssl_private_key", Path).file(),
    p("ft_ssl_trusted", Path).file(),
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
    p("ssl_require_client_cert", Bool).def("disabled"),
    p("ssl_require_route_cert_only", Bool),
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
    p("oauth2_key_refresh_interval", Text),
    p("oauth2_key_refresh_threshold", Text),
    p("oauth2_server_trust_file", Path).file(),
    p("oauth2_server_validation_key", Text),
    p("oauth2_user_claim", Text),
    // Extensible security, JAAS/JACI and JVM — S86 tibemsd-jaas.conf, samples/deprecated
    p("jaas_classpath", Text),
    p("jaas_config_file", Path).file(),
    p("jaas_login_timeout", Integer),
    p("jaci_class", Text),
    p("jaci_classpath", Text),
    p("jaci_timeout", Integer),
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
    p("ftl_discard_amount", Integer),
    p("ftl_discard_max_events", Integer),
    p("ftl_discard_policy", Text),
    p("ftl_log_level", Text),
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

fn sorted() -> &'static [ParamSpec] {
    static SORTED: OnceLock<Vec<ParamSpec>> = OnceLock::new();
    SORTED.get_or_init(|| {
        let mut v = PARAMS.to_vec();
        v.sort_by(|a, b| a.name.cmp(b.name));
        v
    })
}

/// Every known parameter, sorted by name.
pub fn all() -> &'static [ParamSpec] {
    sorted()
}

/// The parameter called `name` (case-insensitive, surrounding white space ignored).
pub fn lookup(name: &str) -> Option<&'static ParamSpec> {
    let name = name.trim().to_ascii_lowercase();
    let table = sorted();
    table
        .binary_search_by(|s| s.name.cmp(name.as_str()))
        .ok()
        .and_then(|i| table.get(i))
}

/// The known name nearest to an unknown `name`, when it looks like a typing mistake.
pub fn did_you_mean(name: &str) -> Option<&'static str> {
    let name = name.trim().to_ascii_lowercase();
    if name.is_empty() || lookup(&name).is_some() {
        return None;
    }
    let mut best: Option<(&'static str, f64)> = None;
    for spec in sorted().iter().filter(|s| could_be_near(&name, s.name)) {
        let score = strsim::normalized_damerau_levenshtein(&name, spec.name);
        match best {
            Some((_, b)) if b >= score => {}
            _ => best = Some((spec.name, score)),
        }
    }
    // 0.7 keeps one or two slips in a short name (`listn`) and rejects unrelated words.
    best.filter(|&(_, score)| score >= 0.7).map(|(n, _)| n)
}

/// Whether two names may have a normalized Damerau-Levenshtein similarity of 0.7, that is a
/// distance of at most 0.3 times the longer length. Two lower bounds of the distance rule most
/// pairs out cheaply: the difference of the lengths, and how many characters one name has
/// that the other lacks (each edit changes at most one count each way; a transposition none).
/// Comparing only the rest keeps a file of unknown names from costing a quadratic distance
/// per name and catalog entry.
pub fn could_be_near(name: &str, known: &str) -> bool {
    let (a, b) = (name.chars().count(), known.chars().count());
    let longest = a.max(b);
    if a.abs_diff(b) * 10 > 3 * longest {
        return false;
    }
    // Characters counted in 64 buckets: sharing a bucket only lowers the bound.
    let mut counts = [0i32; 64];
    for c in name.chars() {
        counts[c as usize % 64] += 1;
    }
    for c in known.chars() {
        counts[c as usize % 64] -= 1;
    }
    let (more, fewer) = counts.iter().fold((0, 0), |(more, fewer), &n| {
        (more + n.max(0), fewer + (-n).max(0))
    });
    more.max(fewer) as usize * 10 <= 3 * longest
}

/// A value by meaning, for comparing the two servers of a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Canonical {
    Bool(bool),
    Int(i64),
    Bytes(u64),
    Seconds(u64),
    Text(String),
}

impl fmt::Display for Canonical {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Canonical::Bool(true) => f.write_str("enabled"),
            Canonical::Bool(false) => f.write_str("disabled"),
            Canonical::Int(n) => write!(f, "{n}"),
            Canonical::Seconds(n) => write!(f, "{n}"),
            Canonical::Bytes(n) => {
                for (unit, size) in [("GB", GB), ("MB", MB), ("KB", KB)] {
                    if *n != 0 && n % size == 0 {
                        return write!(f, "{}{unit}", n / size);
                    }
                }
                write!(f, "{n}")
            }
            Canonical::Text(t) => f.write_str(t),
        }
    }
}

const KB: u64 = 1024;
const MB: u64 = 1024 * KB;
const GB: u64 = 1024 * MB;

const TRUE_WORDS: &[&str] = &["enable", "enabled", "true", "yes", "on"];
const FALSE_WORDS: &[&str] = &["disable", "disabled", "false", "no", "off"];

/// Reads `raw` (already unquoted and trimmed) by the meaning of `spec`'s type.
///
/// The error is a user-facing sentence; it never contains a secret's value.
pub fn canonical(spec: &ParamSpec, raw: &str) -> Result<Canonical, String> {
    let raw = raw.trim();
    match spec.ty {
        Bool => parse_bool(raw).map(Canonical::Bool).ok_or_else(|| {
            format!(
                "`{}` is not a boolean (enable, enabled, true, yes, on / disable, disabled, false, no, off)",
                shown(raw)
            )
        }),
        Integer => raw
            .parse::<i64>()
            .map(Canonical::Int)
            .map_err(|_| format!("`{}` is not an integer", shown(raw))),
        Seconds => parse_unsigned(raw).map(Canonical::Seconds).ok_or_else(|| {
            format!(
                "`{}` is not a number of seconds (a whole number, 0 or more)",
                shown(raw)
            )
        }),
        Size => {
            if raw == "-1" && SIZE_MINUS_ONE.contains(&spec.name) {
                return Ok(Canonical::Int(-1));
            }
            parse_size(raw).map(Canonical::Bytes).ok_or_else(|| {
                format!(
                    "`{}` is not a size (a number of bytes, optionally followed by KB, MB or GB)",
                    shown(raw)
                )
            })
        }
        Url => url_scheme_lowered(raw)
            .map(Canonical::Text)
            .ok_or_else(|| format!("`{}` is not a URL (protocol://host:port)", shown(raw))),
        UrlList => {
            let mut out = String::with_capacity(raw.len());
            for (i, part) in raw.split('|').enumerate() {
                let url = url_scheme_lowered(part.trim()).ok_or_else(|| {
                    format!(
                        "`{}` is not a list of URLs separated by `|` (protocol://host:port)",
                        shown(raw)
                    )
                })?;
                if i > 0 {
                    out.push('|');
                }
                out.push_str(&url);
            }
            Ok(Canonical::Text(out))
        }
        Secret => Ok(Canonical::Text(raw.to_owned())),
        Path | Directory | Text => Ok(Canonical::Text(if spec.case_insensitive {
            raw.to_lowercase()
        } else {
            raw.to_owned()
        })),
    }
}

fn parse_bool(raw: &str) -> Option<bool> {
    if TRUE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(raw)) {
        Some(true)
    } else if FALSE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(raw)) {
        Some(false)
    } else {
        None
    }
}

fn parse_unsigned(raw: &str) -> Option<u64> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok()
}

/// `512MB`, `2 gb`, `100KB`, `1024` (bytes).
fn parse_size(raw: &str) -> Option<u64> {
    let digits_end = raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len());
    let (number, unit) = raw.split_at(digits_end);
    let number = parse_unsigned(number)?;
    let factor = match unit.trim_start().to_ascii_uppercase().as_str() {
        "" => 1,
        "KB" => KB,
        "MB" => MB,
        "GB" => GB,
        _ => return None,
    };
    number.checked_mul(factor)
}

/// The URL with its scheme in lower case, or `None` when there is no `scheme://`.
fn url_scheme_lowered(raw: &str) -> Option<String> {
    let (scheme, rest) = raw.split_once("://")?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| format!("{}://{rest}", scheme.to_ascii_lowercase()))
}

/// A value as quoted in an error: long values are cut.
fn shown(raw: &str) -> String {
    const MAX: usize = 60;
    match raw.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", raw.get(..cut).unwrap_or_default()),
        None => raw.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(name: &str) -> &'static ParamSpec {
        lookup(name).unwrap()
    }

    #[test]
    fn table_is_sorted_unique_and_lower_case() {
        let names: Vec<&str> = all().iter().map(|s| s.name).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "not sorted/unique");
        assert_eq!(names.len(), PARAMS.len());
        for n in &names {
            assert_eq!(*n, n.to_ascii_lowercase());
            assert_eq!(n.trim(), *n);
        }
    }

    #[test]
    fn every_default_reads_by_its_own_type() {
        for s in all() {
            if let Some(d) = s.default {
                assert!(canonical(s, d).is_ok(), "default of {} = {d}", s.name);
            }
        }
    }

    #[test]
    fn documented_defaults() {
        assert_eq!(spec("ft_heartbeat").default, Some("3"));
        assert_eq!(spec("ft_activation").default, Some("10"));
        assert_eq!(spec("ft_reconnect_timeout").default, Some("60"));
        assert_eq!(spec("server_heartbeat_client").default, Some("5"));
        assert_eq!(spec("handshake_timeout").default, Some("3"));
        assert_eq!(spec("ft_ssl_verify_host").default, Some("enabled"));
        assert_eq!(spec("ft_active").default, None);
    }

    #[test]
    fn flags_of_key_parameters() {
        for n in [
            "listen",
            "ft_active",
            "logfile",
            "health_check_listen",
            "monitor_listen",
        ] {
            assert!(spec(n).per_server, "{n}");
        }
        for n in [
            "server",
            "password",
            "store",
            "ft_heartbeat",
            "authorization",
        ] {
            assert!(!spec(n).per_server, "{n}");
        }
        for n in [
            "listen",
            "ssl_server_issuer",
            "ssl_server_trusted",
            "jre_option",
        ] {
            assert!(spec(n).repeatable, "{n}");
        }
        assert!(!spec("ft_active").repeatable);
        for n in [
            "users",
            "groups",
            "topics",
            "queues",
            "acl_list",
            "factories",
            "routes",
            "bridges",
            "durables",
            "stores",
            "channels",
            "transports",
            "tibrvcm",
            "jaas_config_file",
            "ssl_server_identity",
            "ssl_server_key",
            "ssl_server_issuer",
            "ssl_server_trusted",
            "ft_ssl_identity",
            "ft_ssl_private_key",
            "ft_ssl_issuer",
            "ft_ssl_trusted",
            "ldap_tls_cacert_file",
            "ftl_trustfile",
        ] {
            assert!(spec(n).names_file, "{n}");
        }
        for n in [
            "logfile",
            "store",
            "module_path",
            "jre_library",
            "security_classpath",
            "dbstore_classpath",
        ] {
            assert!(!spec(n).names_file, "{n}");
        }
        for n in [
            "password",
            "ssl_password",
            "ft_ssl_password",
            "ftl_password",
            "ldap_credential",
            "monitor_ssl_password",
        ] {
            assert!(spec(n).is_secret(), "{n}");
        }
    }

    #[test]
    fn lookup_ignores_case_and_space() {
        assert_eq!(lookup("  FT_Heartbeat ").unwrap().name, "ft_heartbeat");
        assert_eq!(lookup("LISTEN").unwrap().name, "listen");
        assert_eq!(lookup("fips140-2").unwrap().ty, Bool);
        assert!(lookup("ft_heartbeet").is_none());
        assert!(lookup("").is_none());
    }

    #[test]
    fn did_you_mean_near_misses() {
        assert_eq!(did_you_mean("ft_heartbeet"), Some("ft_heartbeat"));
        assert_eq!(did_you_mean("listn"), Some("listen"));
        assert_eq!(
            did_you_mean("server_timout_client_connection"),
            Some("server_timeout_client_connection")
        );
        assert_eq!(did_you_mean("FT_ACTIVATON"), Some("ft_activation"));
        assert_eq!(
            did_you_mean("ssl_server_identiy"),
            Some("ssl_server_identity")
        );
        assert_eq!(did_you_mean("foo"), None);
        assert_eq!(did_you_mean("completely_unrelated_setting"), None);
        assert_eq!(did_you_mean(""), None);
        // A known name is not a miss.
        assert_eq!(did_you_mean("listen"), None);
    }

    #[test]
    fn only_names_of_a_near_length_are_compared() {
        assert!(could_be_near("listn", "listen"));
        assert!(could_be_near("ft_activaton", "ft_activation"));
        // Three more characters in ten is still near; four is not.
        assert!(could_be_near("abcdefghij", "abcdefg"));
        assert!(!could_be_near("abcdefghij", "abcdef"));
        // A long unknown name is compared with nothing.
        let long = "x".repeat(10_000);
        assert!(!sorted().iter().any(|s| could_be_near(&long, s.name)));
        assert_eq!(did_you_mean(&long), None);
        assert_eq!(did_you_mean(&format!("listen{long}")), None);
        // Names of one length made of other characters are not compared either.
        assert!(!could_be_near("zzzzzzzzzzzz", "ft_heartbeat"));
        assert!(could_be_near("ft_haertbeat", "ft_heartbeat"));
        assert!(could_be_near("ft_heartbeet", "ft_heartbeat"));
        // The bound never rules out a pair the distance would keep.
        for spec in sorted() {
            for other in sorted() {
                let score = strsim::normalized_damerau_levenshtein(spec.name, other.name);
                if score >= 0.7 {
                    assert!(
                        could_be_near(spec.name, other.name),
                        "{} {}",
                        spec.name,
                        other.name
                    );
                }
            }
        }
    }

    #[test]
    fn booleans_every_spelling_any_case() {
        let s = spec("authorization");
        for w in ["enable", "Enabled", "TRUE", "yEs", "On", "ENABLE"] {
            assert_eq!(canonical(s, w), Ok(Canonical::Bool(true)), "{w}");
        }
        for w in ["disable", "DISABLED", "False", "nO", "OFF", "Disable"] {
            assert_eq!(canonical(s, w), Ok(Canonical::Bool(false)), "{w}");
        }
        let err = canonical(s, "yes please").unwrap_err();
        assert_eq!(
            err,
            "`yes please` is not a boolean (enable, enabled, true, yes, on / disable, disabled, false, no, off)"
        );
        assert!(canonical(s, "1").is_err());
        assert!(canonical(s, "").is_err());
    }

    #[test]
    fn sizes() {
        let s = spec("max_msg_memory");
        assert_eq!(canonical(s, "512MB"), Ok(Canonical::Bytes(512 * MB)));
        assert_eq!(canonical(s, "2 gb"), Ok(Canonical::Bytes(2 * GB)));
        assert_eq!(canonical(s, "100KB"), Ok(Canonical::Bytes(100 * KB)));
        assert_eq!(canonical(s, "64Mb"), Ok(Canonical::Bytes(64 * MB)));
        assert_eq!(canonical(s, "1024"), Ok(Canonical::Bytes(1024)));
        assert_eq!(canonical(s, "0"), Ok(Canonical::Bytes(0)));
        for bad in [
            "",
            "MB",
            "12 TB",
            "1.5GB",
            "-1",
            "5 MB extra",
            "99999999999999999999",
        ] {
            let err = canonical(s, bad).unwrap_err();
            assert!(err.contains("is not a size"), "{bad}: {err}");
        }
        assert!(canonical(s, "18014398509481984GB").is_err(), "overflow");
        // -1 only where documented.
        let sock = spec("socket_send_buffer_size");
        assert_eq!(canonical(sock, "-1"), Ok(Canonical::Int(-1)));
        assert_eq!(canonical(sock, "64KB"), Ok(Canonical::Bytes(64 * KB)));
    }

    #[test]
    fn integers_and_seconds() {
        let i = spec("max_connections");
        assert_eq!(canonical(i, "1000"), Ok(Canonical::Int(1000)));
        assert_eq!(canonical(i, "-1"), Ok(Canonical::Int(-1)));
        assert!(canonical(i, "ten").unwrap_err().contains("not an integer"));
        assert!(canonical(i, "1e3").is_err());
        let s = spec("ft_heartbeat");
        assert_eq!(canonical(s, "3"), Ok(Canonical::Seconds(3)));
        assert_eq!(canonical(s, "0"), Ok(Canonical::Seconds(0)));
        for bad in ["-3", "3s", "", "+3", "3.5"] {
            assert!(canonical(s, bad).unwrap_err().contains("seconds"), "{bad}");
        }
    }

    #[test]
    fn urls_lower_case_the_scheme_only() {
        let s = spec("ft_active");
        assert_eq!(
            canonical(s, "TCP://Host-A:7222"),
            Ok(Canonical::Text("tcp://Host-A:7222".into()))
        );
        assert_eq!(
            canonical(s, "tcp://7222"),
            Ok(Canonical::Text("tcp://7222".into()))
        );
        assert_eq!(
            canonical(spec("ldap_url"), "LDAPS://ldap.example.com:636"),
            Ok(Canonical::Text("ldaps://ldap.example.com:636".into()))
        );
        assert!(canonical(s, "host:7222").unwrap_err().contains("not a URL"));
        assert!(canonical(s, "://7222").is_err());
        let l = spec("ftl_url");
        assert_eq!(
            canonical(l, "HTTP://a:8080|https://b:8080"),
            Ok(Canonical::Text("http://a:8080|https://b:8080".into()))
        );
        assert!(canonical(l, "http://a:8080|b:8080").is_err());
    }

    #[test]
    fn text_types() {
        assert_eq!(
            canonical(spec("server"), "EMS-SERVER"),
            Ok(Canonical::Text("EMS-SERVER".into()))
        );
        assert_eq!(
            canonical(spec("user_auth"), "LDAP,LOCAL"),
            canonical(spec("user_auth"), "ldap,local")
        );
        assert_ne!(
            canonical(spec("ssl_server_ciphers"), "ALL"),
            canonical(spec("ssl_server_ciphers"), "all")
        );
        assert_eq!(
            canonical(spec("store"), "/shared/ems/datastore"),
            Ok(Canonical::Text("/shared/ems/datastore".into()))
        );
    }

    #[test]
    fn secrets_are_never_in_errors() {
        for s in all().iter().filter(|s| s.is_secret()) {
            for raw in ["hunter2", "$man$WjtSRCpaXu7hoTkDlcEPr6KNKRr", ""] {
                match canonical(s, raw) {
                    Ok(Canonical::Text(t)) => assert_eq!(t, raw),
                    other => panic!("{}: {other:?}", s.name),
                }
            }
        }
        // Errors of other types quote the value, cut when long.
        let long = "x".repeat(500);
        let err = canonical(spec("ft_heartbeat"), &long).unwrap_err();
        assert!(err.len() < 200);
    }

    #[test]
    fn display() {
        assert_eq!(Canonical::Bool(true).to_string(), "enabled");
        assert_eq!(Canonical::Bool(false).to_string(), "disabled");
        assert_eq!(Canonical::Bytes(512 * MB).to_string(), "512MB");
        assert_eq!(Canonical::Bytes(2 * GB).to_string(), "2GB");
        assert_eq!(Canonical::Bytes(100 * KB).to_string(), "100KB");
        assert_eq!(Canonical::Bytes(1536 * KB).to_string(), "1536KB");
        assert_eq!(Canonical::Bytes(1000).to_string(), "1000");
        assert_eq!(Canonical::Bytes(0).to_string(), "0");
        assert_eq!(Canonical::Seconds(30).to_string(), "30");
        assert_eq!(Canonical::Int(-1).to_string(), "-1");
        assert_eq!(
            Canonical::Text("tcp://7222".into()).to_string(),
            "tcp://7222"
        );
    }

    /// Every `name = value` line of every corpus tibemsd file names a known parameter, and
    /// every non-empty value reads by its parameter's type.
    #[test]
    fn corpus_tibemsd_files_use_known_parameters() {
        // The AWS fragments are named `tibco-ems-server.template.yaml.tibemsd-append-*`.
        let Some(files) = crate::ems::corpus::files(|name| {
            name.contains("tibemsd")
                && [".conf", ".conf.erb", ".fragment"]
                    .iter()
                    .any(|ext| name.ends_with(ext))
        }) else {
            return;
        };
        assert!(!files.is_empty(), "no tibemsd files under the corpus");
        let mut problems = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            for (no, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                    continue;
                }
                let Some((key, value)) = line.split_once('=') else {
                    continue;
                };
                let value = value.trim();
                let value = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .unwrap_or(value);
                match lookup(key) {
                    None => problems.push(format!(
                        "{}:{}: unknown `{}`",
                        file.display(),
                        no + 1,
                        key.trim()
                    )),
                    Some(s) if !value.is_empty() => {
                        if let Err(e) = canonical(s, value) {
                            problems.push(format!("{}:{}: {e}", file.display(), no + 1));
                        }
                    }
                    Some(_) => {}
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
        eprintln!("checked {} tibemsd files", files.len());
    }
}
