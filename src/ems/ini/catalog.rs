//! Parameter tables: each INI kind's keys, how many times each may appear and how its value is compared

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ty {
    Text,
    Bool,
    Int,
    Size,
    Duration,
    UrlList,
    TopicSelector,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Many {
    One,
    /// Each line adds a value; order matters (a certificate chain).
    Ordered,
    /// Each line adds a value; order does not matter.
    Set,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Spec {
    pub(super) name: &'static str,
    pub(super) ty: Ty,
    pub(super) many: Many,
}

pub(super) const fn one(name: &'static str, ty: Ty) -> Spec {
    Spec {
        name,
        ty,
        many: Many::One,
    }
}

pub(super) const fn many(name: &'static str, ty: Ty, many: Many) -> Spec {
    Spec { name, ty, many }
}

pub(super) const UNKNOWN: Spec = one("", Ty::Text);

/// Client-side TLS properties shared by routes and factories. `ssl_issuer` lines form the
/// chain in order; `ssl_trusted` may also be repeated (`addprop factory F ssl_trusted=cert1.pem
/// ssl_trusted=cert2.pem`:
/// https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-870943F3-7DE8-4C8E-9D8E-30844335B86F.html).
macro_rules! client_tls {
    () => {
        [
            one("ssl_identity", Ty::Text),
            many("ssl_issuer", Ty::Text, Many::Ordered),
            one("ssl_private_key", Ty::Text),
            many("ssl_trusted", Ty::Text, Many::Set),
            one("ssl_verify_host", Ty::Bool),
            one("ssl_verify_hostname", Ty::Bool),
            one("ssl_expected_hostname", Ty::Text),
            one("ssl_ciphers", Ty::Text),
        ]
    };
}

/// routes.conf: https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-C77D57CC-2B4F-437F-BA4F-94E8978D614B.html
/// and the route TLS table (which has `ssl_password`):
/// https://docs.tibco.com/pub/ems-vms/8.5.1/doc/html/GUID-D94EDC30-6B35-4A49-AFFA-BD91788A61DE.html
pub(super) const ROUTES: &[&[Spec]] = &[
    &[
        one("url", Ty::UrlList),
        one("zone_name", Ty::Text),
        one("zone_type", Ty::Text),
        one("topic_prefetch", Ty::Int),
        many("incoming_topic", Ty::TopicSelector, Many::Set),
        many("outgoing_topic", Ty::TopicSelector, Many::Set),
        one("ssl_password", Ty::Text),
    ],
    &client_tls!(),
];

/// factories.conf: https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-270D7C10-7686-44B0-BC11-D7BFF1F33A7E.html ;
/// TLS: https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-F0250B05-35AA-4995-8946-3E4B41DA57F7.html
/// (no `ssl_password`: "connection factories do not contain the ssl_password").
pub(super) const FACTORIES: &[&[Spec]] = &[
    &[
        one("type", Ty::Text),
        one("url", Ty::UrlList),
        one("metric", Ty::Text),
        one("clientid", Ty::Text),
        one("connect_attempt_count", Ty::Int),
        one("connect_attempt_delay", Ty::Int),
        one("connect_attempt_timeout", Ty::Int),
        one("reconnect_attempt_count", Ty::Int),
        one("reconnect_attempt_delay", Ty::Int),
        one("reconnect_attempt_timeout", Ty::Int),
        one("ssl_vendor", Ty::Text),
        one("ssl_auth_only", Ty::Bool),
        one("multicast_enabled", Ty::Bool),
        one("multicast_daemon", Ty::Text),
    ],
    &client_tls!(),
];

/// stores.conf: file and mstore
/// (https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-C247BE47-3937-465E-8E2F-1CE43CC3A3F7.html),
/// dbstore (https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-649FBFE7-7E8C-458C-AFC7-FF96A47349E8.html).
pub(super) const STORES: &[&[Spec]] = &[&[
    one("type", Ty::Text),
    one("file", Ty::Text),
    one("file_destination_defrag", Ty::Size),
    one("file_crc", Ty::Bool),
    one("file_minimum", Ty::Size),
    one("file_truncate", Ty::Bool),
    one("mode", Ty::Text),
    one("processor_id", Ty::Int),
    one("mstore_truncate", Ty::Bool),
    one("scan_iter_interval", Ty::Duration),
    one("scan_target_interval", Ty::Duration),
    one("dbstore_driver_url", Ty::Text),
    one("dbstore_driver_username", Ty::Text),
    one("dbstore_driver_password", Ty::Text),
]];

/// channels.conf: the S86 sample's format comment.
pub(super) const CHANNELS: &[&[Spec]] = &[&[
    one("address", Ty::Text),
    one("interface", Ty::Text),
    one("ttl", Ty::Int),
    one("priority", Ty::Int),
    one("maxrate", Ty::Size),
    one("maxtime", Ty::Int),
]];

/// transports.conf: the S86 sample's format comment, 8.5 SmartSockets (`tibss`), 10.4 Pulsar
/// and 10.5 Kafka: https://docs.tibco.com/pub/ems/10.5.0/doc/html/users-guide/transport-specific-p.htm ,
/// https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-9CBFC6E8-C45B-4D87-BE3D-31143544C2AB.html
pub(super) const TRANSPORTS: &[&[Spec]] = &[&[
    one("type", Ty::Text),
    one("topic_import_dm", Ty::Text),
    one("queue_import_dm", Ty::Text),
    one("export_headers", Ty::Bool),
    one("export_properties", Ty::Bool),
    // tibftl
    one("endpoint", Ty::Text),
    one("import_subscriber_name", Ty::Text),
    one("import_match_string", Ty::Text),
    one("export_format", Ty::Text),
    many("export_constant", Ty::Text, Many::Ordered),
    // tibrv
    one("service", Ty::Text),
    one("network", Ty::Text),
    one("daemon", Ty::Text),
    one("temp_destination_timeout", Ty::Int),
    one("rv_queue_policy", Ty::Text),
    // tibrvcm
    one("rv_tport", Ty::Text),
    one("cm_name", Ty::Text),
    one("ledger_file", Ty::Text),
    one("sync_ledger", Ty::Bool),
    one("request_old", Ty::Bool),
    one("explicit_config_only", Ty::Bool),
    one("default_ttl", Ty::Int),
    // tibss (8.x)
    one("username", Ty::Text),
    one("password", Ty::Text),
    one("server_names", Ty::UrlList),
    one("project", Ty::Text),
    one("delivery_mode", Ty::Text),
    one("lb_mode", Ty::Text),
    one("override_lb_mode", Ty::Bool),
    one("gmd_file_delete", Ty::Bool),
    one("import_ss_headers", Ty::Text),
    one("preserve_gmd", Ty::Text),
    // pulsar (10.4+), kafka (10.5+)
    one("url", Ty::UrlList),
    one("brokers", Ty::UrlList),
    one("schema_repository", Ty::UrlList),
]];

pub(super) fn table(kind: IniKind) -> &'static [&'static [Spec]] {
    match kind {
        IniKind::Routes => ROUTES,
        IniKind::Factories => FACTORIES,
        IniKind::Stores => STORES,
        IniKind::Channels => CHANNELS,
        IniKind::Transports => TRANSPORTS,
    }
}

/// `key` must be lower case.
pub(super) fn lookup(kind: IniKind, key: &str) -> Option<Spec> {
    let found = table(kind)
        .iter()
        .flat_map(|t| t.iter())
        .find(|s| s.name == key)
        .copied();
    // 10.3+ routes take `[oauth2-prop = value]*`; the names are not listed on that page.
    // https://docs.tibco.com/pub/ems/10.3.0/doc/html/users-guide/routes.conf.htm
    found.or_else(|| {
        (kind == IniKind::Routes && key.starts_with("oauth2_")).then_some(one("", Ty::Text))
    })
}

pub(super) fn spec_for(kind: IniKind, key: &str) -> Spec {
    lookup(kind, key).unwrap_or(UNKNOWN)
}

pub(super) fn canonical_value(kind: IniKind, key: &str, ty: Ty, value: &str) -> String {
    if is_secret_value(kind, key, value) {
        return fingerprint(value);
    }
    let value = value.trim();
    match ty {
        Ty::Text => value.to_string(),
        Ty::Bool => match canonical_bool(value) {
            Some(b) => b.to_string(),
            None => value.to_string(),
        },
        Ty::Int => {
            let digits = value.strip_prefix('+').unwrap_or(value);
            match digits.parse::<i64>() {
                Ok(n) => n.to_string(),
                Err(_) => value.to_string(),
            }
        }
        Ty::Size => match parse_size(value) {
            Some(n) => n.to_string(),
            None => value.to_string(),
        },
        Ty::Duration => match parse_duration_ms(value) {
            Some(n) => format!("{n}msec"),
            None => value.to_string(),
        },
        Ty::UrlList => canonical_url_list(value),
        Ty::TopicSelector => match parse_topic_selector(value) {
            Ok(ts) => ts.canonical(),
            Err(_) => value.to_string(),
        },
    }
}

/// Equal for equal secrets within one run (a `$man$` value is un-mangled first), and
/// useless outside it: the hash key is random per process.
pub(super) fn fingerprint(raw: &str) -> String {
    static KEY: OnceLock<RandomState> = OnceLock::new();
    let mut hasher = KEY.get_or_init(RandomState::new).build_hasher();
    match secret::reveal(raw) {
        Ok(None) => return String::new(),
        Ok(Some(plain)) => {
            0u8.hash(&mut hasher);
            plain.expose().hash(&mut hasher);
        }
        Err(_) => {
            1u8.hash(&mut hasher);
            raw.hash(&mut hasher);
        }
    }
    format!("<secret {:016x}>", hasher.finish())
}
