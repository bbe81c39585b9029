//! The INI-style sub-files: `routes.conf`, `factories.conf`, `stores.conf`, `channels.conf`
//! and `transports.conf` (formats.md §6–§8, §11).
//!
//! A `[name]` header (brackets literal; names such as `$sys.failsafe` keep their `$`) opens a
//! section; `key = value` lines follow, indented or not, with or without spaces around `=`.
//! Lines starting with `#` or `;` (after indentation) are comments. One pair of double quotes
//! around a value is stripped (`clientID = "Sample Client ID"`), and an empty value means the
//! parameter is absent (formats.md §0).
//!
//! Inline comments: TIBCO's format descriptions write `type = <transport type>  # mandatory`
//! and `[route-name] # mandatory -- square brackets included`, but those are annotations inside
//! comment blocks; no real file in the corpus has one, and no page says EMS strips them. So a
//! ` #` inside a value stays part of the value (as in `tibemsd.conf`), and a warning says so.
//! A ` #` after a header's `]` is only a warning: the header is read either way.
//!
//! The canonical form of a section ([`Section::canonical`]) makes two servers' files
//! comparable: keys lower-cased, empty values dropped, booleans, sizes, integers, durations,
//! URL lists and route selectors normalised, secrets replaced by a per-run fingerprint.

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use nom::bytes::complete::{take_till1, take_until, take_while1};
use nom::character::complete::{char, space0};
use nom::sequence::{delimited, terminated};
use nom::{IResult, Parser};

use crate::ems::lines::{lines, Line, SyntaxError};
use crate::ems::secret;

/// Which INI-style file is being read: each has its own parameter set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IniKind {
    Routes,
    Factories,
    Stores,
    Channels,
    Transports,
}

impl IniKind {
    /// The file's usual name, for messages.
    pub fn file_name(self) -> &'static str {
        match self {
            IniKind::Routes => "routes.conf",
            IniKind::Factories => "factories.conf",
            IniKind::Stores => "stores.conf",
            IniKind::Channels => "channels.conf",
            IniKind::Transports => "transports.conf",
        }
    }

    /// What one section defines, for messages.
    pub fn section_noun(self) -> &'static str {
        match self {
            IniKind::Routes => "route",
            IniKind::Factories => "factory",
            IniKind::Stores => "store",
            IniKind::Channels => "channel",
            IniKind::Transports => "transport",
        }
    }
}

/// One `key = value` line of a section.
#[derive(Clone, PartialEq, Eq)]
pub struct IniProp<'a> {
    /// The key as written (compare with `eq_ignore_ascii_case`).
    pub key: &'a str,
    pub key_span: Range<usize>,
    /// Trimmed, one pair of surrounding double quotes stripped; "" = absent. For route
    /// selector keys (`incoming_topic`, `outgoing_topic`) the raw trimmed text: see
    /// [`parse_topic_selector`].
    pub value: &'a str,
    pub value_span: Range<usize>,
    pub line_span: Range<usize>,
}

impl fmt::Debug for IniProp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Values may be passwords or key material: a prop is never printed with its value.
        f.debug_struct("IniProp")
            .field("key", &self.key)
            .field("line_span", &self.line_span)
            .finish_non_exhaustive()
    }
}

impl IniProp<'_> {
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }
}

/// A `[name]` header and the properties under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'a> {
    /// The name between the brackets, trimmed.
    pub name: &'a str,
    pub name_span: Range<usize>,
    pub header_span: Range<usize>,
    /// Every property line in file order, empty ones included.
    pub props: Vec<IniProp<'a>>,
    /// From the header to the end of the last property line.
    pub span: Range<usize>,
}

impl<'a> Section<'a> {
    /// The value in force: the last non-empty occurrence of `key` (any case).
    pub fn get(&self, key: &str) -> Option<&IniProp<'a>> {
        self.props
            .iter()
            .rev()
            .find(|p| p.key.eq_ignore_ascii_case(key) && !p.is_empty())
    }

    /// Every line that sets `key` (any case), in file order, empty ones included.
    pub fn get_all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s IniProp<'a>> + 's {
        self.props
            .iter()
            .filter(move |p| p.key.eq_ignore_ascii_case(key))
    }

    /// Key (lower case) → canonical value, for comparing two servers' sections.
    ///
    /// Empty values are dropped (a key with only empty values is absent). Scalars keep the
    /// last non-empty value; repeatable keys join their values with `\n`: `ssl_issuer` and
    /// `export_constant` in file order, `ssl_trusted` and route selectors sorted (a set).
    /// Secret values become `<secret …>` fingerprints that are equal for equal passwords
    /// (mangled or not) within one run and mean nothing outside it.
    pub fn canonical(&self, kind: IniKind) -> BTreeMap<String, String> {
        let mut groups: BTreeMap<String, Vec<&IniProp<'a>>> = BTreeMap::new();
        for prop in &self.props {
            groups
                .entry(prop.key.to_ascii_lowercase())
                .or_default()
                .push(prop);
        }
        let mut out = BTreeMap::new();
        for (key, props) in groups {
            let spec = spec_for(kind, &key);
            let mut values: Vec<String> = props
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| canonical_value(kind, &key, spec.ty, p.value))
                .filter(|v| !v.is_empty())
                .collect();
            let value = match spec.many {
                Many::One => values.pop(),
                Many::Ordered => Some(values.join("\n")),
                Many::Set => {
                    values.sort();
                    values.dedup();
                    Some(values.join("\n"))
                }
            };
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                out.insert(key, value);
            }
        }
        out
    }
}

/// A parsed INI-style file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IniFile<'a> {
    pub sections: Vec<Section<'a>>,
    /// Lines EMS cannot read, and rule breaks the format itself defines (a transport whose
    /// first parameter is not `type`, a malformed route selector).
    pub errors: Vec<SyntaxError>,
    /// The key span of every parameter this kind of file does not define.
    pub unknown_keys: Vec<Range<usize>>,
    /// Readable but suspicious: inline ` #` comments, a section name defined twice.
    pub warnings: Vec<SyntaxError>,
}

impl<'a> IniFile<'a> {
    /// The first section called `name` (exact match).
    pub fn section(&self, name: &str) -> Option<&Section<'a>> {
        self.sections.iter().find(|s| s.name == name)
    }
}

/// Whether `key`'s value is a secret in this kind of file; never print such values.
///
/// `dbstore_driver_password` (stores), `ssl_password` (routes; factories hold none, but one
/// written there is still a password), SmartSockets `password` (transports), and any key
/// whose name contains `password` or `secret` (route `oauth2_*` credentials in 10.3+).
pub fn is_secret_key(kind: IniKind, key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    let named = match kind {
        IniKind::Stores => key == "dbstore_driver_password",
        IniKind::Routes | IniKind::Factories => key == "ssl_password",
        IniKind::Transports => key == "password",
        IniKind::Channels => false,
    };
    named || key.contains("password") || key.contains("secret")
}

/// Like [`is_secret_key`], and also a private key written inline instead of as a file name
/// (route `ssl_private_key` "can specify the actual key in this parameter":
/// https://docs.tibco.com/pub/ems-vms/8.5.1/doc/html/GUID-D94EDC30-6B35-4A49-AFFA-BD91788A61DE.html).
pub fn is_secret_value(kind: IniKind, key: &str, value: &str) -> bool {
    is_secret_key(kind, key)
        || (key.eq_ignore_ascii_case("ssl_private_key") && value.contains("PRIVATE KEY"))
}

/// Whether this kind of file defines `key` (any case).
pub fn is_known_key(kind: IniKind, key: &str) -> bool {
    lookup(kind, &key.to_ascii_lowercase()).is_some()
}

/// The parameter of this kind of file nearest to an unknown `key`, for a "did you mean".
pub fn did_you_mean(kind: IniKind, key: &str) -> Option<&'static str> {
    let key = key.trim().to_ascii_lowercase();
    if key.is_empty() || is_known_key(kind, &key) {
        return None;
    }
    table(kind)
        .iter()
        .flat_map(|t| t.iter())
        .filter(|s| crate::ems::params::could_be_near(&key, s.name))
        .map(|s| (strsim::normalized_damerau_levenshtein(&key, s.name), s.name))
        .filter(|&(score, _)| score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// Whether `key` may be given several times, each line adding a value.
pub fn is_repeatable(kind: IniKind, key: &str) -> bool {
    spec_for(kind, &key.to_ascii_lowercase()).many != Many::One
}

/// A route's `incoming_topic=` / `outgoing_topic=` value: `topic [selector="msg-selector"]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicSelector<'a> {
    pub topic: &'a str,
    /// The selector without its quotes.
    pub selector: Option<&'a str>,
}

impl TopicSelector<'_> {
    /// `topic` or `topic selector="…"` with the selector normalised.
    pub fn canonical(&self) -> String {
        match self.selector {
            Some(sel) => format!("{} selector=\"{}\"", self.topic, canonical_selector(sel)),
            None => self.topic.to_string(),
        }
    }
}

/// Reads `orders selector="country='Canada'"`; routes.conf stores one such line per topic
/// (https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-0AF166AA-3FAC-4F99-AD6E-9179401AB36E.html,
/// https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-C189C242-09C2-49A7-9BEA-EE3A9D6E269E.html).
pub fn parse_topic_selector(value: &str) -> Result<TopicSelector<'_>, String> {
    parse_name_selector(value, "topic")
}

/// `name [selector="…"]`, with `noun` naming `name` in messages.
pub(crate) fn parse_name_selector<'a>(
    value: &'a str,
    noun: &str,
) -> Result<TopicSelector<'a>, String> {
    let value = value.trim();
    let (rest, topic) = match quoted_or_word(value) {
        Ok((rest, topic)) if !topic.is_empty() => (rest.trim_start(), topic),
        Err(_) if value.starts_with('"') => {
            return Err(format!("the {noun}'s closing `\"` is missing"))
        }
        _ => return Err(format!("no {noun} name")),
    };
    if rest.is_empty() {
        return Ok(TopicSelector {
            topic,
            selector: None,
        });
    }
    let parsed: IResult<&str, &str> = (tag_ci("selector"), space0, char('='), space0)
        .map(|_| "")
        .parse(rest);
    let after = match parsed {
        Ok((after, _)) => after,
        Err(_) => {
            return Err(format!(
                "expected `selector=\"…\"` after the {noun} `{topic}`, found `{}`",
                preview(rest)
            ))
        }
    };
    let after = after.trim_end();
    let selector = match after.strip_prefix('"') {
        Some(inner) => match inner.strip_suffix('"') {
            Some(sel) => sel,
            None => return Err("the selector's closing `\"` is missing".into()),
        },
        None if !after.is_empty() && !after.contains(char::is_whitespace) => after,
        None => return Err("a selector with spaces must be in double quotes".into()),
    };
    if selector.trim().is_empty() {
        return Err("the selector is empty".into());
    }
    Ok(TopicSelector {
        topic,
        selector: Some(selector),
    })
}

/// A JMS message selector with white space normalised outside string literals: none around
/// operators and parentheses, one space between words, keywords in upper case. Literals
/// (`'…'`, with `''` as an escaped quote) are kept byte for byte.
pub fn canonical_selector(selector: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "AND", "OR", "NOT", "IN", "LIKE", "BETWEEN", "IS", "NULL", "ESCAPE", "TRUE", "FALSE",
    ];
    let mut out = String::with_capacity(selector.len());
    let mut chars = selector.trim().chars().peekable();
    let wordish = |c: char| !c.is_whitespace() && !is_operator(c) && c != '\'';
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_operator(c) {
            out.push(c);
            continue;
        }
        // Words and literals are separated by one space unless an operator is between
        // them; `)` counts as a word end so that `) AND` and `)AND` read the same.
        if out
            .chars()
            .last()
            .is_some_and(|l| !is_operator(l) || l == ')')
        {
            out.push(' ');
        }
        if c == '\'' {
            out.push(c);
            while let Some(d) = chars.next() {
                out.push(d);
                if d == '\'' {
                    if chars.peek() == Some(&'\'') {
                        chars.next();
                        out.push('\'');
                    } else {
                        break;
                    }
                }
            }
            continue;
        }
        let mut word = String::from(c);
        while let Some(&d) = chars.peek() {
            if !wordish(d) {
                break;
            }
            word.push(d);
            chars.next();
        }
        match KEYWORDS.iter().find(|k| k.eq_ignore_ascii_case(&word)) {
            Some(k) => out.push_str(k),
            None => out.push_str(&word),
        }
    }
    out
}

fn is_operator(c: char) -> bool {
    matches!(
        c,
        '=' | '<' | '>' | '!' | '(' | ')' | ',' | '+' | '-' | '*' | '/'
    )
}

/// `enable|enabled|true|yes|on` → `true`, `disable|disabled|false|no|off` → `false`, any case.
pub fn canonical_bool(value: &str) -> Option<bool> {
    let v = value.trim().to_ascii_lowercase();
    match v.as_str() {
        "enable" | "enabled" | "true" | "yes" | "on" => Some(true),
        "disable" | "disabled" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// `512MB`, `100 kb`, `2GB`, `4096` → bytes (KB = 1024).
pub fn parse_size(value: &str) -> Option<u64> {
    let (number, unit) = split_number(value)?;
    let factor: u64 = match unit.to_ascii_lowercase().as_str() {
        "" => 1,
        "kb" => 1 << 10,
        "mb" => 1 << 20,
        "gb" => 1 << 30,
        _ => return None,
    };
    number.checked_mul(factor)
}

/// `100msec`, `12hour`, `5 sec` → milliseconds (mstore scan intervals, formats.md §0).
pub fn parse_duration_ms(value: &str) -> Option<u64> {
    let (number, unit) = split_number(value)?;
    let factor: u64 = match unit.to_ascii_lowercase().as_str() {
        "msec" => 1,
        "sec" => 1_000,
        "min" => 60_000,
        "hour" => 3_600_000,
        "day" => 86_400_000,
        _ => return None,
    };
    number.checked_mul(factor)
}

/// A URL list with the white space around `,` `+` `|` removed and each scheme lower-cased:
/// `TCP://a:7222 , tcp://b:7222` → `tcp://a:7222,tcp://b:7222`.
pub fn canonical_url_list(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut start = 0;
    for (i, c) in value.char_indices() {
        if matches!(c, ',' | '+' | '|') {
            out.push_str(&canonical_url(value.get(start..i).unwrap_or("")));
            out.push(c);
            start = i + c.len_utf8();
        }
    }
    out.push_str(&canonical_url(value.get(start..).unwrap_or("")));
    out
}

fn canonical_url(url: &str) -> String {
    let url = url.trim();
    match url.split_once("://") {
        Some((scheme, rest))
            if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            format!("{}://{}", scheme.to_ascii_lowercase(), rest)
        }
        _ => url.to_string(),
    }
}

/// Digits, optional blanks, then a unit made of letters (possibly empty).
fn split_number(value: &str) -> Option<(u64, &str)> {
    let value = value.trim();
    let digits = value
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(value.len());
    let number: u64 = value.get(..digits)?.parse().ok()?;
    let unit = value.get(digits..)?.trim_start();
    unit.chars()
        .all(|c| c.is_ascii_alphabetic())
        .then_some((number, unit))
}

// ---------------------------------------------------------------------------------------
// Parameter tables.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Text,
    Bool,
    Int,
    Size,
    Duration,
    UrlList,
    TopicSelector,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Many {
    One,
    /// Each line adds a value; order matters (a certificate chain).
    Ordered,
    /// Each line adds a value; order does not matter.
    Set,
}

#[derive(Debug, Clone, Copy)]
struct Spec {
    name: &'static str,
    ty: Ty,
    many: Many,
}

const fn one(name: &'static str, ty: Ty) -> Spec {
    Spec {
        name,
        ty,
        many: Many::One,
    }
}

const fn many(name: &'static str, ty: Ty, many: Many) -> Spec {
    Spec { name, ty, many }
}

const UNKNOWN: Spec = one("", Ty::Text);

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
const ROUTES: &[&[Spec]] = &[
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
const FACTORIES: &[&[Spec]] = &[
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
const STORES: &[&[Spec]] = &[&[
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
const CHANNELS: &[&[Spec]] = &[&[
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
const TRANSPORTS: &[&[Spec]] = &[&[
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

fn table(kind: IniKind) -> &'static [&'static [Spec]] {
    match kind {
        IniKind::Routes => ROUTES,
        IniKind::Factories => FACTORIES,
        IniKind::Stores => STORES,
        IniKind::Channels => CHANNELS,
        IniKind::Transports => TRANSPORTS,
    }
}

/// `key` must be lower case.
fn lookup(kind: IniKind, key: &str) -> Option<Spec> {
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

fn spec_for(kind: IniKind, key: &str) -> Spec {
    lookup(kind, key).unwrap_or(UNKNOWN)
}

fn canonical_value(kind: IniKind, key: &str, ty: Ty, value: &str) -> String {
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
fn fingerprint(raw: &str) -> String {
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

// ---------------------------------------------------------------------------------------
// Parsing.

/// Where the next `key = value` line goes.
enum State {
    /// Before the first header: a key here is an error.
    Top,
    /// Under `sections[i]`.
    In(usize),
    /// Under a header that could not be read: keys are dropped silently.
    Skip,
}

/// Parses an INI-style file of the given kind.
pub fn parse(text: &str, kind: IniKind) -> IniFile<'_> {
    let mut file = IniFile::default();
    let mut state = State::Top;
    let mut seen: HashSet<&str> = HashSet::new();
    for line in lines(text) {
        if let Some(error) = line.too_long() {
            file.errors.push(error);
            continue;
        }
        let trimmed = line.trimmed();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if trimmed.starts_with('[') {
            if let State::In(i) = state {
                close_section(&mut file, i, kind);
            }
            state = match header(&line, trimmed, &mut file) {
                Some(section) => {
                    if !seen.insert(section.name) {
                        file.warnings.push(SyntaxError {
                            span: section.header_span.clone(),
                            message: format!(
                                "{} `[{}]` is defined again; EMS's handling of a repeated section is undocumented",
                                kind.section_noun(),
                                section.name
                            ),
                        });
                    }
                    file.sections.push(section);
                    State::In(file.sections.len() - 1)
                }
                None => State::Skip,
            };
            continue;
        }
        let prop = match property(&line, trimmed, kind) {
            Ok(prop) => prop,
            Err(message) => {
                file.errors.push(SyntaxError {
                    span: line.span_of(trimmed),
                    message,
                });
                continue;
            }
        };
        let section = match state {
            State::In(i) => match file.sections.get_mut(i) {
                Some(section) => section,
                None => continue,
            },
            State::Skip => continue,
            State::Top => {
                file.errors.push(SyntaxError {
                    span: prop.line_span.clone(),
                    message: format!(
                        "`{}` comes before any `[name]` header: every parameter of {} belongs to a {}",
                        prop.key,
                        kind.file_name(),
                        kind.section_noun()
                    ),
                });
                continue;
            }
        };
        check_property(&prop, section, kind, &mut file.errors, &mut file.warnings);
        if !is_known_key(kind, prop.key) {
            file.unknown_keys.push(prop.key_span.clone());
        }
        section.span.end = prop.line_span.end;
        section.props.push(prop);
    }
    if let State::In(i) = state {
        close_section(&mut file, i, kind);
    }
    file
}

/// Checks that need the whole section.
fn close_section(file: &mut IniFile<'_>, index: usize, kind: IniKind) {
    let Some(section) = file.sections.get(index) else {
        return;
    };
    if kind == IniKind::Transports && section.props.is_empty() {
        file.errors.push(SyntaxError {
            span: section.header_span.clone(),
            message: format!(
                "transport `[{}]` has no `type`: the transport type is mandatory and must follow the name line",
                section.name
            ),
        });
    }
}

/// Per-line checks that depend on the kind and on what came before in the section.
fn check_property(
    prop: &IniProp<'_>,
    section: &Section<'_>,
    kind: IniKind,
    errors: &mut Vec<SyntaxError>,
    warnings: &mut Vec<SyntaxError>,
) {
    let spec = spec_for(kind, &prop.key.to_ascii_lowercase());
    // transports.conf: "The first mandatory parameter is a transport type, it must
    // immediately follow the name line" (S86/transports.conf).
    if kind == IniKind::Transports && section.props.is_empty() {
        if !prop.key.eq_ignore_ascii_case("type") {
            errors.push(SyntaxError {
                span: prop.key_span.clone(),
                message: format!(
                    "the first parameter of transport `[{}]` is `{}`; `type` must come first, right after the name line",
                    section.name, prop.key
                ),
            });
        } else if prop.is_empty() {
            errors.push(SyntaxError {
                span: prop.line_span.clone(),
                message: format!("transport `[{}]` has an empty `type`", section.name),
            });
        }
    }
    if spec.ty == Ty::TopicSelector && !prop.is_empty() {
        if let Err(message) = parse_topic_selector(prop.value) {
            errors.push(SyntaxError {
                span: prop.value_span.clone(),
                message: format!("`{}`: {message}", prop.key),
            });
        }
        return;
    }
    // A value in quotes ends before the line does; only unquoted values are checked.
    let quoted = prop.value_span.end != prop.line_span.end;
    if let Some(at) = inline_comment(prop.value).filter(|_| !quoted) {
        let start = prop.value_span.start + at;
        warnings.push(SyntaxError {
            span: start..prop.value_span.end,
            message: format!(
                "`{}`: EMS documents no inline comments, so this ` # …` is part of the value",
                prop.key
            ),
        });
    }
}

/// The byte offset of a `#` preceded by white space, outside double quotes.
fn inline_comment(value: &str) -> Option<usize> {
    let mut quoted = false;
    let mut prev_blank = false;
    for (i, c) in value.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if prev_blank && !quoted => return Some(i),
            _ => {}
        }
        prev_blank = c.is_whitespace();
    }
    None
}

/// `[name]`; returns the new section, or None (after recording an error) if unreadable.
fn header<'a>(line: &Line<'a>, trimmed: &'a str, file: &mut IniFile<'a>) -> Option<Section<'a>> {
    let parsed: IResult<&str, &str> =
        delimited(char('['), take_until("]"), char(']')).parse(trimmed);
    let (rest, inner) = match parsed {
        Ok(ok) => ok,
        Err(_) => {
            file.errors.push(SyntaxError {
                span: line.span_of(trimmed),
                message: "a section header has no closing `]`; the lines under it are ignored"
                    .into(),
            });
            return None;
        }
    };
    let name = inner.trim();
    let header_text = match trimmed.get(..trimmed.len() - rest.len()) {
        Some(h) => h,
        None => trimmed,
    };
    if name.is_empty() {
        file.errors.push(SyntaxError {
            span: line.span_of(header_text),
            message: "a section header has an empty name `[]`; the lines under it are ignored"
                .into(),
        });
        return None;
    }
    let rest = rest.trim();
    if rest.starts_with('#') || rest.starts_with(';') {
        file.warnings.push(SyntaxError {
            span: line.span_of(rest),
            message: "text after `]`: EMS documents no inline comments after a header".into(),
        });
    } else if !rest.is_empty() {
        file.errors.push(SyntaxError {
            span: line.span_of(rest),
            message: format!(
                "unexpected `{}` after the section header `[{name}]`",
                preview(rest)
            ),
        });
    }
    let header_span = line.span_of(header_text);
    Some(Section {
        name,
        name_span: line.span_of(name),
        header_span: header_span.clone(),
        props: Vec::new(),
        span: header_span,
    })
}

/// `key = value` (spaces optional).
fn key_eq(input: &str) -> IResult<&str, &str> {
    terminated(
        take_while1(|c: char| !c.is_whitespace() && c != '='),
        (space0, char('=')),
    )
    .parse(input)
}

fn property<'a>(line: &Line<'a>, trimmed: &'a str, kind: IniKind) -> Result<IniProp<'a>, String> {
    let (raw, key) = match key_eq(trimmed) {
        Ok(ok) => ok,
        Err(_) => return Err(describe_bad_line(trimmed)),
    };
    let raw = raw.trim();
    let selector_key = spec_for(kind, &key.to_ascii_lowercase()).ty == Ty::TopicSelector;
    let value = match raw.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) if raw.len() >= 2 && !selector_key => inner,
        _ => raw,
    };
    Ok(IniProp {
        key,
        key_span: line.span_of(key),
        value,
        value_span: line.span_of(value),
        line_span: line.span_of(trimmed),
    })
}

fn describe_bad_line(line: &str) -> String {
    match line.split_once('=') {
        Some((key, _)) if key.trim().is_empty() => "a parameter line has no name before `=`".into(),
        // The text is not quoted: it may hold a password written without its `=`.
        Some(_) => "the text before `=` is not a parameter name: names have no spaces".into(),
        None => "expected `[name]` or `name = value`; this line has no `=`".into(),
    }
}

/// At most 40 characters of `text`, for messages.
pub(crate) fn preview(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// A `"…"` string (returns the inside) or a run of non-blank characters.
pub(crate) fn quoted_or_word(input: &str) -> IResult<&str, &str> {
    if input.starts_with('"') {
        delimited(char('"'), take_until("\""), char('"')).parse(input)
    } else {
        take_till1(|c: char| c.is_whitespace()).parse(input)
    }
}

/// A case-insensitive keyword that is not the start of a longer word.
pub(crate) fn tag_ci<'a>(
    word: &'static str,
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
    move |input: &'a str| {
        let (rest, matched) = nom::bytes::complete::tag_no_case(word).parse(input)?;
        if rest
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Tag,
            )));
        }
        Ok((rest, matched))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys<'a>(s: &'a Section<'a>) -> Vec<(&'a str, &'a str)> {
        s.props.iter().map(|p| (p.key, p.value)).collect()
    }

    #[test]
    fn suggests_a_near_key_of_the_same_kind_of_file() {
        assert_eq!(
            did_you_mean(IniKind::Factories, "reconect_attempt_count"),
            Some("reconnect_attempt_count")
        );
        assert_eq!(did_you_mean(IniKind::Stores, "url"), None);
        assert_eq!(did_you_mean(IniKind::Routes, "url"), None);
    }

    #[test]
    fn reads_sections_with_and_without_indentation_and_spaces() {
        let text =
            "[EMS-SERVER2]\n  url=tcp://7022\n[b]\nurl = tcp://x:1\n\tzone_type   =   1hop   \n";
        let f = parse(text, IniKind::Routes);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(f.sections.len(), 2);
        assert_eq!(f.sections[0].name, "EMS-SERVER2");
        assert_eq!(keys(&f.sections[0]), vec![("url", "tcp://7022")]);
        assert_eq!(
            keys(&f.sections[1]),
            vec![("url", "tcp://x:1"), ("zone_type", "1hop")]
        );
        assert!(f.unknown_keys.is_empty());
    }

    #[test]
    fn spans_slice_back_to_the_text() {
        let text = "# c\n[$sys.failsafe]\n  type=file\n  file = \"sync-msgs.db\"  \n";
        let f = parse(text, IniKind::Stores);
        let s = &f.sections[0];
        assert_eq!(&text[s.name_span.clone()], "$sys.failsafe");
        assert_eq!(&text[s.header_span.clone()], "[$sys.failsafe]");
        let p = &s.props[1];
        assert_eq!(&text[p.key_span.clone()], "file");
        assert_eq!(&text[p.value_span.clone()], "sync-msgs.db");
        assert_eq!(&text[p.line_span.clone()], "file = \"sync-msgs.db\"");
        assert_eq!(
            &text[s.span.clone()],
            "[$sys.failsafe]\n  type=file\n  file = \"sync-msgs.db\""
        );
    }

    #[test]
    fn dollar_names_are_kept() {
        let f = parse("[$sys.meta]\ntype=file\n", IniKind::Stores);
        assert!(f.section("$sys.meta").is_some());
    }

    #[test]
    fn comments_blank_lines_and_crlf() {
        let text =
            "; semi\r\n   # indented\r\n\r\n[F]\r\n  type = generic\r\n  url = tcp://7222\r\n";
        let f = parse(text, IniKind::Factories);
        assert!(f.errors.is_empty());
        assert_eq!(f.sections[0].get("url").unwrap().value, "tcp://7222");
        assert_eq!(
            &text[f.sections[0].props[1].line_span.clone()],
            "url = tcp://7222"
        );
    }

    #[test]
    fn one_pair_of_quotes_is_stripped() {
        let text = "[F]\nclientID = \"Sample Client ID\"\ntype=\"\"generic\"\"\nurl = \"\n";
        let f = parse(text, IniKind::Factories);
        let s = &f.sections[0];
        assert_eq!(s.get("clientid").unwrap().value, "Sample Client ID");
        assert_eq!(s.props[1].value, "\"generic\"");
        assert_eq!(s.props[2].value, "\"");
    }

    #[test]
    fn keys_before_any_section_are_errors() {
        let text = "url = tcp://1\n[R]\nurl = tcp://2\n";
        let f = parse(text, IniKind::Routes);
        assert_eq!(f.errors.len(), 1);
        assert_eq!(&text[f.errors[0].span.clone()], "url = tcp://1");
        assert!(f.errors[0].message.contains("before any"));
        assert_eq!(f.sections[0].props.len(), 1);
    }

    #[test]
    fn bad_lines_are_reported_and_parsing_goes_on() {
        let text = "[R]\nthis is junk\n= x\nssl verify = x\nurl = tcp://1\n[unclosed\nurl=tcp://lost\n[]\nurl=tcp://lost2\n[S] trailing\nurl=tcp://3\n";
        let f = parse(text, IniKind::Routes);
        let msgs: Vec<_> = f.errors.iter().map(|e| &text[e.span.clone()]).collect();
        assert_eq!(
            msgs,
            vec![
                "this is junk",
                "= x",
                "ssl verify = x",
                "[unclosed",
                "[]",
                "trailing"
            ]
        );
        assert_eq!(f.sections.len(), 2);
        assert_eq!(f.sections[0].get("url").unwrap().value, "tcp://1");
        assert_eq!(f.sections[1].name, "S");
        assert_eq!(f.sections[1].get("url").unwrap().value, "tcp://3");
        let f = parse("[s]\ndbstore_driver_password hunter2\n", IniKind::Stores);
        assert!(!f.errors[0].message.contains("hunter2"));
    }

    #[test]
    fn unknown_keys_are_listed_with_their_span() {
        let text = "[F]\ntype=generic\nurl=tcp://1\nbogus_key = 1\nssl_password = x\n";
        let f = parse(text, IniKind::Factories);
        let got: Vec<_> = f.unknown_keys.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, vec!["bogus_key", "ssl_password"]);
        assert!(f.errors.is_empty());
        // Routes do take ssl_password, and 10.3+ oauth2_* props.
        let f = parse(
            "[R]\nurl=tcp://1\nssl_password=x\noauth2_server_url=http://a\n",
            IniKind::Routes,
        );
        assert!(f.unknown_keys.is_empty());
    }

    #[test]
    fn keys_are_case_insensitive() {
        let f = parse(
            "[F]\nType=generic\nURL=tcp://1\nSSL_verify_hostname=no\n",
            IniKind::Factories,
        );
        assert!(f.unknown_keys.is_empty());
        let s = &f.sections[0];
        assert_eq!(s.get("url").unwrap().key, "URL");
        let c = s.canonical(IniKind::Factories);
        assert_eq!(c.get("ssl_verify_hostname").unwrap(), "false");
        assert_eq!(c.get("type").unwrap(), "generic");
    }

    #[test]
    fn empty_values_are_absent_and_last_non_empty_wins() {
        let text = "[RV]\n  type = tibrv\n  service =\n  daemon = a\n  daemon = b\n  daemon =\n";
        let f = parse(text, IniKind::Transports);
        let s = &f.sections[0];
        assert_eq!(s.get("service"), None);
        assert_eq!(s.get("daemon").unwrap().value, "b");
        assert_eq!(s.get_all("daemon").count(), 3);
        let c = s.canonical(IniKind::Transports);
        assert_eq!(c.len(), 2);
        assert_eq!(c["daemon"], "b");
        assert!(!c.contains_key("service"));
    }

    #[test]
    fn repeatable_keys_keep_every_value() {
        let text = "[F]\ntype=generic\nurl=ssl://1\nssl_issuer=root.pem\nssl_issuer = child.pem\nssl_issuer=\nssl_trusted=b.pem\nssl_trusted=a.pem\n";
        let f = parse(text, IniKind::Factories);
        let c = f.sections[0].canonical(IniKind::Factories);
        assert_eq!(c["ssl_issuer"], "root.pem\nchild.pem");
        assert_eq!(c["ssl_trusted"], "a.pem\nb.pem");
        assert!(is_repeatable(IniKind::Factories, "SSL_ISSUER"));
        assert!(!is_repeatable(IniKind::Factories, "url"));
        let t = "[FTL2]\ntype=tibftl\nexport_constant = state,CA\nexport_constant = city,PaloAlto\nexport_constant =\n";
        let f = parse(t, IniKind::Transports);
        let c = f.sections[0].canonical(IniKind::Transports);
        assert_eq!(c["export_constant"], "state,CA\ncity,PaloAlto");
    }

    #[test]
    fn transport_type_must_come_first() {
        let text = "[A]\n  service = 7500\n  type = tibrv\n[B]\n  type = tibrv\n[C]\n[D]\n  type =\n[E]\n  TYPE = tibftl\n";
        let f = parse(text, IniKind::Transports);
        let got: Vec<_> = f.errors.iter().map(|e| &text[e.span.clone()]).collect();
        assert_eq!(got, vec!["service", "[C]", "type ="]);
        assert!(f.errors[0].message.contains("`type` must come first"));
        // The same layout is fine in other files.
        let f = parse("[A]\nurl=tcp://1\ntype=generic\n", IniKind::Factories);
        assert!(f.errors.is_empty());
    }

    #[test]
    fn documented_transport_examples() {
        let text = "[FTL2]\n  type                   = tibftl\n  endpoint               = ep1\n  import_subscriber_name = sub1\n  import_match_string    = {\"index\":1}\n  export_format          = ftl2_export_format\n  export_constant        = state,CA\n  export_constant        = city,PaloAlto\n\n[RV7650]\n  type    = tibrv\n  daemon  = \n  service = 7650\n  network = \n\n[RVCM]\n  type     = tibrvcm\n  rv_tport = RV7650\n  cm_name  = MY_CM\n  sync_ledger = TRUE\n  rv_queue_policy = TIBRVQUEUE_DISCARD_LAST:10000:100\n\n[PULSAR01]\n  type = pulsar\n  url = pulsar://host1:6650\n\n[KAFKA01]\n  type = kafka\n  brokers = host1:9092, host2:9092\n";
        let f = parse(text, IniKind::Transports);
        assert!(f.errors.is_empty() && f.unknown_keys.is_empty() && f.warnings.is_empty());
        let c = f.section("FTL2").unwrap().canonical(IniKind::Transports);
        assert_eq!(c["import_match_string"], "{\"index\":1}");
        let c = f.section("RVCM").unwrap().canonical(IniKind::Transports);
        assert_eq!(c["sync_ledger"], "true");
        let c = f.section("KAFKA01").unwrap().canonical(IniKind::Transports);
        assert_eq!(c["brokers"], "host1:9092,host2:9092");
        let c = f.section("RV7650").unwrap().canonical(IniKind::Transports);
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn inline_comments_stay_in_the_value_with_a_warning() {
        let text = "[RVCM] # my transport\n  type = tibrvcm # mandatory\n  rv_tport = RV\n  cm_name = \"a # b\"\n  ledger_file = x#y\n";
        let f = parse(text, IniKind::Transports);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        let s = &f.sections[0];
        assert_eq!(s.name, "RVCM");
        assert_eq!(s.get("type").unwrap().value, "tibrvcm # mandatory");
        let got: Vec<_> = f.warnings.iter().map(|w| &text[w.span.clone()]).collect();
        assert_eq!(got, vec!["# my transport", "# mandatory"]);
    }

    #[test]
    fn repeated_sections_are_warned() {
        let text = "[F]\ntype=generic\n[G]\ntype=queue\n[F]\ntype=topic\n";
        let f = parse(text, IniKind::Factories);
        assert_eq!(f.warnings.len(), 1);
        assert_eq!(&text[f.warnings[0].span.clone()], "[F]");
        assert_eq!(f.warnings[0].span.start, 32);
        assert_eq!(f.sections.len(), 3);
    }

    #[test]
    fn canonical_is_order_space_quote_and_spelling_insensitive() {
        let a = "[FT]\n  type = generic\n  url = tcp://a:7222,tcp://b:7222\n  ssl_verify_host = disabled\n  reconnect_attempt_count = 0100\n";
        let b = "[FT]\nreconnect_attempt_count=100\nSSL_VERIFY_HOST=\"No\"\nurl=\"TCP://a:7222 , Tcp://b:7222\"\ntype=\"generic\"\nclientID=\n";
        let fa = parse(a, IniKind::Factories);
        let fb = parse(b, IniKind::Factories);
        assert_eq!(
            fa.sections[0].canonical(IniKind::Factories),
            fb.sections[0].canonical(IniKind::Factories)
        );
        let c = fa.sections[0].canonical(IniKind::Factories);
        assert_eq!(c["url"], "tcp://a:7222,tcp://b:7222");
        assert_eq!(c["ssl_verify_host"], "false");
        assert_eq!(c["reconnect_attempt_count"], "100");
    }

    #[test]
    fn canonical_values_differ_when_meaning_differs() {
        let a = parse("[F]\nurl=tcp://a:1,tcp://b:1\n", IniKind::Factories);
        let b = parse("[F]\nurl=tcp://a:1+tcp://b:1\n", IniKind::Factories);
        assert_ne!(
            a.sections[0].canonical(IniKind::Factories),
            b.sections[0].canonical(IniKind::Factories)
        );
    }

    #[test]
    fn typed_values() {
        let text = "[s]\ntype=mstore\nfile_crc=Enabled\nfile_minimum = 2 gb\nfile_destination_defrag=512MB\nscan_iter_interval=100msec\nscan_target_interval=12HOUR\nprocessor_id=+3\nmode=sync\nfile_truncate=maybe\n";
        let f = parse(text, IniKind::Stores);
        let c = f.sections[0].canonical(IniKind::Stores);
        assert_eq!(c["file_crc"], "true");
        assert_eq!(c["file_minimum"], (2u64 << 30).to_string());
        assert_eq!(c["file_destination_defrag"], (512u64 << 20).to_string());
        assert_eq!(c["scan_iter_interval"], "100msec");
        assert_eq!(c["scan_target_interval"], "43200000msec");
        assert_eq!(c["processor_id"], "3");
        assert_eq!(c["mode"], "sync");
        assert_eq!(c["file_truncate"], "maybe");
        let ch = parse(
            "[multicast-1]\naddress = 234.5.6.7:1234\nmaxrate = 10MB\nmaxtime=10\npriority=-5\n",
            IniKind::Channels,
        );
        let c = ch.sections[0].canonical(IniKind::Channels);
        assert_eq!(c["maxrate"], "10485760");
        assert_eq!(c["priority"], "-5");
        assert!(ch.unknown_keys.is_empty());
    }

    #[test]
    fn all_boolean_spellings() {
        for t in ["enable", "ENABLED", "True", "yes", "On"] {
            assert_eq!(canonical_bool(t), Some(true), "{t}");
        }
        for f in ["disable", "Disabled", "FALSE", "no", "off"] {
            assert_eq!(canonical_bool(f), Some(false), "{f}");
        }
        assert_eq!(canonical_bool("1"), None);
    }

    #[test]
    fn sizes_and_durations() {
        assert_eq!(parse_size("100KB"), Some(102_400));
        assert_eq!(parse_size("1mb"), Some(1 << 20));
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("1TB"), None);
        assert_eq!(parse_size("MB"), None);
        assert_eq!(parse_size("99999999999999999999GB"), None);
        assert_eq!(parse_size("18446744073709551615GB"), None);
        assert_eq!(parse_duration_ms("1 day"), Some(86_400_000));
        assert_eq!(parse_duration_ms("10"), None);
    }

    #[test]
    fn url_lists() {
        assert_eq!(
            canonical_url_list(" SSL://a:1 | ssl://b:1 "),
            "ssl://a:1|ssl://b:1"
        );
        assert_eq!(
            canonical_url_list("tcp://a1:8222, tcp://a2:8222 + TCP://b1:8222,tcp://b2:8222"),
            "tcp://a1:8222,tcp://a2:8222+tcp://b1:8222,tcp://b2:8222"
        );
        assert_eq!(
            canonical_url_list("tcp://[2001:cafe::107]:7222"),
            "tcp://[2001:cafe::107]:7222"
        );
        assert_eq!(canonical_url_list("tcp://7222"), "tcp://7222");
    }

    #[test]
    fn route_selectors() {
        let text = "[Canada]\n  url=ssl://canada:7222\n  outgoing_topic=orders selector=\"country='Canada'\"\n  outgoing_topic=\"prices\"\n  incoming_topic = news selector = \"a in ('x, y',  'z')   AND  b=1\"\n";
        let f = parse(text, IniKind::Routes);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert!(f.unknown_keys.is_empty());
        let s = &f.sections[0];
        let p = s.get_all("outgoing_topic").next().unwrap();
        assert_eq!(p.value, "orders selector=\"country='Canada'\"");
        let ts = parse_topic_selector(p.value).unwrap();
        assert_eq!(ts.topic, "orders");
        assert_eq!(ts.selector, Some("country='Canada'"));
        let c = s.canonical(IniKind::Routes);
        assert_eq!(
            c["outgoing_topic"],
            "orders selector=\"country='Canada'\"\nprices"
        );
        assert_eq!(
            c["incoming_topic"],
            "news selector=\"a IN('x, y','z') AND b=1\""
        );
        // Reordered lines and respaced selectors compare equal.
        let other = "[Canada]\n  outgoing_topic=prices\n  incoming_topic=news selector=\"a IN ( 'x, y' , 'z' ) and b = 1\"\n  outgoing_topic = orders  selector=\"country = 'Canada'\"\n  url = ssl://canada:7222\n";
        let g = parse(other, IniKind::Routes);
        assert_eq!(c, g.sections[0].canonical(IniKind::Routes));
    }

    #[test]
    fn bad_route_selectors_are_errors() {
        let text = "[R]\noutgoing_topic=orders selector=\"x='1'\nincoming_topic=a filter=\"b\"\noutgoing_topic=t selector=a = 1\noutgoing_topic=t selector=\"  \"\nincoming_topic=\n";
        let f = parse(text, IniKind::Routes);
        assert_eq!(f.errors.len(), 4, "{:?}", f.errors);
        assert!(f.errors[0].message.contains("closing"));
        assert_eq!(&text[f.errors[1].span.clone()], "a filter=\"b\"");
        assert!(f.errors[2].message.contains("double quotes"));
        assert!(f.errors[3].message.contains("empty"));
    }

    #[test]
    fn selector_literals_are_kept_verbatim() {
        assert_eq!(
            canonical_selector("name  =  'It''s   here'  or x<>'a  b'"),
            "name='It''s   here' OR x<>'a  b'"
        );
        assert_eq!(canonical_selector("(a=1)and(b=2)"), "(a=1) AND(b=2)");
        assert_eq!(
            canonical_selector("( a = 1 ) AND ( b = 2 )"),
            canonical_selector("(a=1)and(b=2)")
        );
        assert_eq!(
            canonical_selector("urgency in ('high', 'medium')"),
            "urgency IN('high','medium')"
        );
        assert_eq!(canonical_selector("x LIKE 'a%'"), "x LIKE 'a%'");
        assert_eq!(canonical_selector("'unterminated"), "'unterminated");
    }

    #[test]
    fn secrets_never_show_and_compare_by_plaintext() {
        let text = "[$sys.meta]\ntype=dbstore\ndbstore_driver_password=hunter2\n";
        let mangled =
            "[$sys.meta]\ntype=dbstore\ndbstore_driver_password=$man$WjtSRCpaXu7hoTkDlcEPr6KNKRr\n";
        let plain = "[$sys.meta]\ntype=dbstore\ndbstore_driver_password=password\n";
        let f = parse(text, IniKind::Stores);
        let c = f.sections[0].canonical(IniKind::Stores);
        let shown = format!("{f:?} {c:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(c["dbstore_driver_password"].starts_with("<secret "));
        let m = parse(mangled, IniKind::Stores).sections[0].canonical(IniKind::Stores);
        let p = parse(plain, IniKind::Stores).sections[0].canonical(IniKind::Stores);
        assert_eq!(m, p);
        assert_ne!(m, c);
        assert!(is_secret_key(IniKind::Stores, "DBSTORE_DRIVER_PASSWORD"));
        assert!(is_secret_key(IniKind::Routes, "ssl_password"));
        assert!(is_secret_key(IniKind::Factories, "ssl_password"));
        assert!(is_secret_key(IniKind::Transports, "password"));
        assert!(is_secret_key(IniKind::Routes, "oauth2_client_secret"));
        assert!(!is_secret_key(IniKind::Factories, "ssl_trusted"));
        assert!(is_secret_value(
            IniKind::Routes,
            "ssl_private_key",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----MIIB"
        ));
        assert!(!is_secret_value(
            IniKind::Routes,
            "ssl_private_key",
            "certs/key.pem"
        ));
        let r = parse(
            "[R]\nurl=ssl://x:1\nssl_private_key=-----BEGIN PRIVATE KEY-----abc\n",
            IniKind::Routes,
        );
        let c = r.sections[0].canonical(IniKind::Routes);
        assert!(!format!("{c:?}").contains("abc"));
    }

    #[test]
    fn huge_lines_and_garbage_never_panic() {
        let text = format!(
            "[A]\ntype = tibrv\nx = {}\nservice = 1\n",
            "y".repeat(300_000)
        );
        let f = parse(&text, IniKind::Transports);
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.sections[0].props.len(), 2);
        let junk =
            String::from_utf8_lossy(&[b'[', 0xff, b']', b'\n', 0, b'=', 0x9f, b'\n', b'[', b'"'])
                .into_owned();
        for kind in [
            IniKind::Routes,
            IniKind::Factories,
            IniKind::Stores,
            IniKind::Channels,
            IniKind::Transports,
        ] {
            let f = parse(&junk, kind);
            for s in &f.sections {
                let _ = s.canonical(kind);
            }
        }
        for s in [
            "\"",
            "=",
            "[",
            "]",
            "[a",
            "a=\"",
            "outgoing_topic=\"",
            "x=\u{e9}\u{e9}",
        ] {
            let _ = parse(s, IniKind::Routes);
            let _ = parse_topic_selector(s);
            let _ = canonical_selector(s);
            let _ = canonical_url_list(s);
        }
    }

    fn kind_of(name: &str) -> Option<IniKind> {
        let base = name.trim_end_matches(".erb");
        if name.ends_with("factories-append.fragment") {
            return Some(IniKind::Factories);
        }
        if !base.ends_with(".conf") {
            return None;
        }
        let stem = base.trim_end_matches(".conf");
        if stem.starts_with("routes") {
            Some(IniKind::Routes)
        } else if stem == "factories" {
            Some(IniKind::Factories)
        } else if stem.starts_with("stores") {
            Some(IniKind::Stores)
        } else if stem == "channels" {
            Some(IniKind::Channels)
        } else if stem == "transports" {
            Some(IniKind::Transports)
        } else {
            None
        }
    }

    #[test]
    fn corpus_files_parse_cleanly() {
        let Some(files) = crate::ems::corpus::files(|n| kind_of(n).is_some()) else {
            eprintln!("EMSFTLINT_CORPUS not set; skipping");
            return;
        };
        assert!(files.len() >= 18, "{files:?}");
        let mut sections = 0;
        for path in files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let kind = kind_of(name).unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            let f = parse(&text, kind);
            sections += f.sections.len();
            for s in &f.sections {
                let _ = s.canonical(kind);
            }
            if name.ends_with(".erb") {
                continue;
            }
            assert!(f.errors.is_empty(), "{}: {:?}", path.display(), f.errors);
            assert!(f.unknown_keys.is_empty(), "{}", path.display());
            assert!(f.warnings.is_empty(), "{}", path.display());
        }
        assert!(sections >= 40, "{sections}");
    }

    #[test]
    fn sample_factories_and_transports() {
        let Some(files) = crate::ems::corpus::files(|n| {
            n == "factories.conf" || n == "transports.conf" || n == "stores.conf"
        }) else {
            return;
        };
        for path in files {
            if !path.to_string_lossy().contains("samples/config") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            match path.file_name().and_then(|n| n.to_str()) {
                Some("factories.conf") => {
                    let f = parse(&text, IniKind::Factories);
                    assert_eq!(f.sections.len(), 10);
                    let c = f
                        .section("FTConnectionFactory")
                        .unwrap()
                        .canonical(IniKind::Factories);
                    assert_eq!(c["url"], "tcp://localhost:7222,tcp://localhost:7224");
                    let c = f
                        .section("SSLConnectionFactory")
                        .unwrap()
                        .canonical(IniKind::Factories);
                    assert_eq!(c["ssl_verify_host"], "false");
                }
                Some("transports.conf") => {
                    let f = parse(&text, IniKind::Transports);
                    let c = f.section("RV").unwrap().canonical(IniKind::Transports);
                    assert_eq!(c.len(), 1);
                    assert_eq!(c["type"], "tibrv");
                }
                Some("stores.conf") => {
                    let f = parse(&text, IniKind::Stores);
                    let names: Vec<_> = f.sections.iter().map(|s| s.name).collect();
                    assert_eq!(
                        names,
                        vec!["$sys.meta", "$sys.nonfailsafe", "$sys.failsafe"]
                    );
                }
                _ => {}
            }
        }
    }
}
