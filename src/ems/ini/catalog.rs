//! Parameter tables: each INI kind's keys, how many times each may appear and how its value is compared

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ValueKind {
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
pub(super) struct KeySpec {
    pub(super) name: &'static str,
    pub(super) ty: ValueKind,
    pub(super) many: Many,
    /// The documented value EMS uses when the key is not written.
    pub(super) default: Option<&'static str>,
    /// The documented values, when the key takes one of a list (any case).
    pub(super) choices: &'static [&'static str],
    /// The `type`s (any case) of the entries the default holds for; empty: every entry.
    pub(super) default_for_types: &'static [&'static str],
    /// The documented limits of the value, where the docs state them.
    pub(super) limit: Limit,
}

/// What the documentation allows of a value beyond its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Limit {
    None,
    /// A whole number at least this.
    AtLeast(i64),
    /// 0 (a documented special value) or a whole number at least this.
    ZeroOrAtLeast(i64),
    /// At most this many characters.
    Length(usize),
}

pub(super) const fn one(name: &'static str, ty: ValueKind) -> KeySpec {
    KeySpec {
        name,
        ty,
        many: Many::One,
        default: None,
        choices: &[],
        default_for_types: &[],
        limit: Limit::None,
    }
}

pub(super) const fn many(name: &'static str, ty: ValueKind, many: Many) -> KeySpec {
    KeySpec {
        name,
        ty,
        many,
        default: None,
        choices: &[],
        default_for_types: &[],
        limit: Limit::None,
    }
}

impl KeySpec {
    pub(super) const fn def(mut self, default: &'static str) -> Self {
        self.default = Some(default);
        self
    }
    pub(super) const fn limit(mut self, limit: Limit) -> Self {
        self.limit = limit;
        self
    }
    /// A default documented only for entries of these `type`s.
    pub(super) const fn def_for(
        mut self,
        default: &'static str,
        types: &'static [&'static str],
    ) -> Self {
        self.default = Some(default);
        self.default_for_types = types;
        self
    }
    /// The default of this key for an entry whose `type` is `entry_type` (`None`: not written).
    pub(super) fn default_for(&self, entry_type: Option<&str>) -> Option<&'static str> {
        let holds = self.default_for_types.is_empty()
            || entry_type.is_some_and(|t| {
                self.default_for_types
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(t.trim()))
            });
        self.default.filter(|_| holds)
    }
    /// The documented spelling of `value` when the key takes one of a list.
    pub(super) fn choice(&self, value: &str) -> Option<&'static str> {
        self.choices
            .iter()
            .find(|c| c.eq_ignore_ascii_case(value.trim()))
            .copied()
    }
    pub(super) const fn one_of(mut self, choices: &'static [&'static str]) -> Self {
        self.choices = choices;
        self
    }
}

pub(super) const UNKNOWN: KeySpec = one("", ValueKind::Text);

/// Client-side TLS properties shared by routes and factories. `ssl_issuer` lines form the
/// chain in order; `ssl_trusted` may also be repeated (`addprop factory F ssl_trusted=cert1.pem
/// ssl_trusted=cert2.pem`:
/// https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-870943F3-7DE8-4C8E-9D8E-30844335B86F.html).
macro_rules! client_tls {
    () => {
        [
            one("ssl_identity", ValueKind::Text),
            many("ssl_issuer", ValueKind::Text, Many::Ordered),
            one("ssl_private_key", ValueKind::Text),
            many("ssl_trusted", ValueKind::Text, Many::Set),
            one("ssl_verify_host", ValueKind::Bool),
            one("ssl_verify_hostname", ValueKind::Bool),
            one("ssl_expected_hostname", ValueKind::Text),
            one("ssl_ciphers", ValueKind::Text),
        ]
    };
}

/// routes.conf: https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-C77D57CC-2B4F-437F-BA4F-94E8978D614B.html
/// and the route TLS table (which has `ssl_password`):
/// https://docs.tibco.com/pub/ems-vms/8.5.1/doc/html/GUID-D94EDC30-6B35-4A49-AFFA-BD91788A61DE.html
pub(super) const ROUTES: &[&[KeySpec]] = &[
    &[
        one("url", ValueKind::UrlList),
        // 10.1 GUID-C77D57CC (routes.conf): the default zone is `default_mhop_zone`, `mhop`.
        one("zone_name", ValueKind::Text).def("default_mhop_zone"),
        one("zone_type", ValueKind::Text)
            .def("mhop")
            .one_of(&["1hop", "mhop"]),
        one("topic_prefetch", ValueKind::Int),
        many("incoming_topic", ValueKind::TopicSelector, Many::Set),
        many("outgoing_topic", ValueKind::TopicSelector, Many::Set),
        one("ssl_password", ValueKind::Text),
    ],
    &client_tls!(),
];

/// factories.conf: https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-270D7C10-7686-44B0-BC11-D7BFF1F33A7E.html ;
/// TLS: https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-F0250B05-35AA-4995-8946-3E4B41DA57F7.html
/// (no `ssl_password`: "connection factories do not contain the ssl_password").
pub(super) const FACTORIES: &[&[KeySpec]] = &[
    &[
        // 10.1 GUID-270D7C10 (factories.conf): the six types and the two metrics.
        one("type", ValueKind::Text).one_of(&[
            "generic",
            "xageneric",
            "topic",
            "queue",
            "xatopic",
            "xaqueue",
        ]),
        // 10.1 GUID-270D7C10: "The connection URL cannot exceed 1000 characters"
        one("url", ValueKind::UrlList).limit(Limit::Length(1000)),
        // 10.1 GUID-270D7C10: "When this parameter is absent, the default metric is connections"
        one("metric", ValueKind::Text)
            .def("connections")
            .one_of(&["connections", "byte_rate"]),
        // 10.1 GUID-270D7C10: "The client ID cannot exceed 255 characters"
        one("clientid", ValueKind::Text).limit(Limit::Length(255)),
        // 10.1 GUID-BCAF8C5C: "By default, a client will attempt to connect to the server two
        // times with a 500 ms delay"; the C API's setters take at least 1 attempt and 250 ms
        // (tibemsConnectionFactory_SetConnectAttemptCount / …Delay, 8.6 GUID-58B80BE5).
        one("connect_attempt_count", ValueKind::Int)
            .def("2")
            .limit(Limit::AtLeast(1)),
        one("connect_attempt_delay", ValueKind::Int)
            .def("500")
            .limit(Limit::AtLeast(250)),
        // 10.1 GUID-4724DB21: 0, no timeout; otherwise at least 100 ms.
        one("connect_attempt_timeout", ValueKind::Int)
            .def("0")
            .limit(Limit::ZeroOrAtLeast(100)),
        // 10.1 GUID-815F7E5F: "when this property is not set, the default value is 4"; at
        // least 1.
        one("reconnect_attempt_count", ValueKind::Int)
            .def("4")
            .limit(Limit::AtLeast(1)),
        // 8.7 c-and-cobol-reference/tibemsconnectionfact7.htm: 500 ms, at least 250.
        one("reconnect_attempt_delay", ValueKind::Int)
            .def("500")
            .limit(Limit::AtLeast(250)),
        // 10.1 GUID-D4738A67: 0, no timeout
        one("reconnect_attempt_timeout", ValueKind::Int).def("0"),
        one("ssl_vendor", ValueKind::Text),
        one("ssl_auth_only", ValueKind::Bool),
        one("multicast_enabled", ValueKind::Bool),
        one("multicast_daemon", ValueKind::Text),
    ],
    &client_tls!(),
];

/// stores.conf: file and mstore
/// (https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-C247BE47-3937-465E-8E2F-1CE43CC3A3F7.html),
/// dbstore (https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-649FBFE7-7E8C-458C-AFC7-FF96A47349E8.html).
pub(super) const STORES: &[&[KeySpec]] = &[&[
    // 8.6: file, mstore, dbstore; 10.1 to 10.4: file, as (grid), ftl (stores.conf pages).
    one("type", ValueKind::Text).one_of(&["file", "mstore", "dbstore", "as", "ftl"]),
    one("file", ValueKind::Text),
    one("file_destination_defrag", ValueKind::Size),
    one("file_crc", ValueKind::Bool),
    one("file_minimum", ValueKind::Size),
    one("file_truncate", ValueKind::Bool),
    // 10.3 users-guide/stores.conf_Parameters.htm: file stores are "by default written
    // asynchronously"; "If not specified, the default for FTL stores is async". Grid (`as`)
    // stores have no asynchronous mode (10.1 GUID-9519D2A4), so no default there.
    one("mode", ValueKind::Text)
        .def_for("async", &["file", "ftl"])
        .one_of(&["async", "sync"]),
    one("processor_id", ValueKind::Int),
    one("mstore_truncate", ValueKind::Bool),
    // Grid stores, 10.1 GUID-9519D2A4-50E1-46D7-B98A-91237D8CFCD1: "By default, the server
    // examines grid stores every 10 seconds"; a full scan takes 24 hours by default. The mstore
    // defaults (8.x "mstore Parameters") are not cited here, so mstores get none.
    one("scan_iter_interval", ValueKind::Duration).def_for("10sec", &["as"]),
    one("scan_target_interval", ValueKind::Duration).def_for("24hour", &["as"]),
    one("dbstore_driver_url", ValueKind::Text),
    one("dbstore_driver_username", ValueKind::Text),
    one("dbstore_driver_password", ValueKind::Text),
]];

/// channels.conf: the S86 sample's format comment.
pub(super) const CHANNELS: &[&[KeySpec]] = &[&[
    one("address", ValueKind::Text),
    one("interface", ValueKind::Text),
    one("ttl", ValueKind::Int),
    one("priority", ValueKind::Int),
    one("maxrate", ValueKind::Size),
    one("maxtime", ValueKind::Int),
]];

/// transports.conf: the S86 sample's format comment, 8.5 SmartSockets (`tibss`), 10.4 Pulsar
/// and 10.5 Kafka: https://docs.tibco.com/pub/ems/10.5.0/doc/html/users-guide/transport-specific-p.htm ,
/// https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-9CBFC6E8-C45B-4D87-BE3D-31143544C2AB.html
pub(super) const TRANSPORTS: &[&[KeySpec]] = &[&[
    // 8.5: tibftl, tibrv, tibrvcm, tibss; 10.4: pulsar; 10.5: kafka.
    one("type", ValueKind::Text)
        .one_of(&["tibftl", "tibrv", "tibrvcm", "tibss", "pulsar", "kafka"]),
    // 10.1 GUID-60054F8F: the three delivery modes; "When absent, the default is
    // TIBEMS_NON_PERSISTENT".
    one("topic_import_dm", ValueKind::Text)
        .def("TIBEMS_NON_PERSISTENT")
        .one_of(IMPORT_DELIVERY_MODES),
    one("queue_import_dm", ValueKind::Text)
        .def("TIBEMS_NON_PERSISTENT")
        .one_of(IMPORT_DELIVERY_MODES),
    one("export_headers", ValueKind::Bool),
    one("export_properties", ValueKind::Bool),
    // tibftl
    one("endpoint", ValueKind::Text),
    one("import_subscriber_name", ValueKind::Text),
    one("import_match_string", ValueKind::Text),
    one("export_format", ValueKind::Text),
    many("export_constant", ValueKind::Text, Many::Ordered),
    // tibrv; 8.6 GUID-94EB8BF5-2EAF-4D5C-B3F9-59AFFA944500: the Rendezvous service defaults
    // to 7500, for tibrv and tibrvcm transports.
    one("service", ValueKind::Text).def_for("7500", &["tibrv", "tibrvcm"]),
    one("network", ValueKind::Text),
    one("daemon", ValueKind::Text),
    one("temp_destination_timeout", ValueKind::Int),
    one("rv_queue_policy", ValueKind::Text),
    // tibrvcm
    one("rv_tport", ValueKind::Text),
    one("cm_name", ValueKind::Text),
    one("ledger_file", ValueKind::Text),
    one("sync_ledger", ValueKind::Bool),
    one("request_old", ValueKind::Bool),
    one("explicit_config_only", ValueKind::Bool),
    one("default_ttl", ValueKind::Int),
    // tibss (8.x)
    one("username", ValueKind::Text),
    one("password", ValueKind::Text),
    one("server_names", ValueKind::UrlList),
    one("project", ValueKind::Text),
    one("delivery_mode", ValueKind::Text),
    one("lb_mode", ValueKind::Text),
    one("override_lb_mode", ValueKind::Bool),
    one("gmd_file_delete", ValueKind::Bool),
    one("import_ss_headers", ValueKind::Text),
    one("preserve_gmd", ValueKind::Text),
    // pulsar (10.4+), kafka (10.5+)
    one("url", ValueKind::UrlList),
    one("brokers", ValueKind::UrlList),
    one("schema_repository", ValueKind::UrlList),
]];

const IMPORT_DELIVERY_MODES: &[&str] = &[
    "TIBEMS_PERSISTENT",
    "TIBEMS_NON_PERSISTENT",
    "TIBEMS_RELIABLE",
];

/// What is wrong with `value` for `key` in this kind of file, as a sentence, or `None` when EMS
/// can read it (or the key is unknown, or a secret, never quoted).
pub(super) fn value_problem(kind: IniKind, key: &str, value: &str) -> Option<String> {
    let spec = lookup(kind, &key.to_ascii_lowercase())?;
    if is_secret_value(kind, key, value) {
        return None;
    }
    // A template placeholder (`${port}`, `{{ .port }}`, `<%= port %>`, `%%port%%`) is filled
    // in before EMS reads the file: nothing to judge.
    if ["${", "{{", "<%", "%%"].iter().any(|t| value.contains(t)) {
        return None;
    }
    let value = value.trim();
    // Whether EMS strips a `#` comment after a value is undocumented (formats.md §1): a value
    // that is readable without one is not reported.
    if let Some((before, _)) = value.split_once(" #").or_else(|| value.split_once("\t#")) {
        value_problem(kind, key, before)?;
    }
    let shown = || value.chars().take(60).collect::<String>();
    if !spec.choices.is_empty() {
        if spec.choices.iter().any(|c| c.eq_ignore_ascii_case(value)) {
            return None;
        }
        return Some(format!(
            "`{key}` is `{}`, not one of {}",
            shown(),
            spec.choices.join(", ")
        ));
    }
    let readable = match spec.ty {
        ValueKind::Bool => canonical_bool(value).is_some(),
        ValueKind::Int => value
            .strip_prefix('+')
            .unwrap_or(value)
            .parse::<i64>()
            .is_ok(),
        ValueKind::Size => parse_size(value).is_some(),
        ValueKind::Duration => parse_duration_ms(value).is_some(),
        ValueKind::UrlList if key.eq_ignore_ascii_case("url") && kind != IniKind::Transports => {
            return crate::ems::url::parse_url_list(value)
                .err()
                .map(|e| format!("`{key}` is not a list of EMS URLs: {e}"));
        }
        _ => true,
    };
    (!readable).then(|| {
        let what = match spec.ty {
            ValueKind::Bool => {
                "a boolean (enable, enabled, true, yes, on / disable, disabled, false, no, off)"
            }
            ValueKind::Int => "a whole number",
            ValueKind::Size => "a size (a number, optionally followed by KB, MB or GB)",
            _ => "a time (a number, optionally followed by msec, sec, min, hour or day)",
        };
        format!("`{key}` is `{}`, not {what}", shown())
    })
}

/// How `value` for `key` leaves what the documentation allows, as a sentence, or `None`
/// (also when it is not a readable value at all: that is [`value_problem`]'s).
pub(super) fn limit_problem(kind: IniKind, key: &str, value: &str) -> Option<String> {
    let spec = lookup(kind, &key.to_ascii_lowercase())?;
    if is_secret_value(kind, key, value) {
        return None;
    }
    let value = value.trim();
    let number = || value.strip_prefix('+').unwrap_or(value).parse::<i64>().ok();
    match spec.limit {
        Limit::None => None,
        Limit::AtLeast(min) => {
            let n = number()?;
            (n < min).then(|| format!("`{key}` is {n}; the documented minimum is {min}"))
        }
        Limit::ZeroOrAtLeast(min) => {
            let n = number()?;
            (n != 0 && n < min).then(|| {
                format!("`{key}` is {n}; the documented values are 0 (none) or at least {min}")
            })
        }
        Limit::Length(max) => {
            let length = value.chars().count();
            (length > max).then(|| {
                format!("`{key}` is {length} characters long; the documented limit is {max}")
            })
        }
    }
}

pub(super) fn table(kind: IniKind) -> &'static [&'static [KeySpec]] {
    match kind {
        IniKind::Routes => ROUTES,
        IniKind::Factories => FACTORIES,
        IniKind::Stores => STORES,
        IniKind::Channels => CHANNELS,
        IniKind::Transports => TRANSPORTS,
    }
}

/// `key` must be lower case.
pub(super) fn lookup(kind: IniKind, key: &str) -> Option<KeySpec> {
    let found = table(kind)
        .iter()
        .flat_map(|t| t.iter())
        .find(|s| s.name == key)
        .copied();
    // 10.3+ routes take `[oauth2-prop = value]*`; the names are not listed on that page.
    // https://docs.tibco.com/pub/ems/10.3.0/doc/html/users-guide/routes.conf.htm
    found.or_else(|| {
        (kind == IniKind::Routes && key.starts_with("oauth2_")).then_some(one("", ValueKind::Text))
    })
}

pub(super) fn spec_for(kind: IniKind, key: &str) -> KeySpec {
    lookup(kind, key).unwrap_or(UNKNOWN)
}

pub(super) fn canonical_value(kind: IniKind, key: &str, ty: ValueKind, value: &str) -> String {
    if is_secret_value(kind, key, value) {
        return fingerprint(value);
    }
    let value = value.trim();
    match ty {
        ValueKind::Text => value.to_string(),
        ValueKind::Bool => match canonical_bool(value) {
            Some(b) => b.to_string(),
            None => value.to_string(),
        },
        ValueKind::Int => {
            let digits = value.strip_prefix('+').unwrap_or(value);
            match digits.parse::<i64>() {
                Ok(n) => n.to_string(),
                Err(_) => value.to_string(),
            }
        }
        ValueKind::Size => match parse_size(value) {
            Some(n) => n.to_string(),
            None => value.to_string(),
        },
        ValueKind::Duration => match parse_duration_ms(value) {
            Some(n) => format!("{n}msec"),
            None => value.to_string(),
        },
        ValueKind::UrlList => canonical_url_list(value),
        ValueKind::TopicSelector => match parse_topic_selector(value) {
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
