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

use nom::bytes::complete::{take_until, take_while1};
use nom::character::complete::{char, space0};
use nom::sequence::{delimited, terminated};
use nom::{IResult, Parser};

use crate::ems::lines::{content_lines, or_record, Line, SyntaxError};
use crate::ems::secret;

mod catalog;
mod parse;

pub use crate::ems::selector::{canonical_selector, parse_topic_selector, TopicSelector};
pub use crate::ems::values::{canonical_bool, canonical_url_list, parse_duration_ms, parse_size};
use catalog::*;
pub use parse::parse;

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
    /// Empty values are dropped (a key with only empty values is absent); a key with a
    /// documented default that is absent has that default, as in EMS. Scalars keep the
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
                .map(|p| match spec.choice(p.value) {
                    Some(choice) => choice.to_string(),
                    None => canonical_value(kind, &key, spec.ty, p.value),
                })
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
        // What EMS uses for a key left unwritten: its documented default.
        let entry_type = out.get("type").cloned();
        for spec in table(kind).iter().flat_map(|t| t.iter()) {
            if let Some(default) = spec.default_for(entry_type.as_deref()) {
                out.entry(spec.name.to_string())
                    .or_insert_with(|| canonical_value(kind, spec.name, spec.ty, default));
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
/// whose name holds one of the secret words (`password`, `secret`, `credential`: route `oauth2_*` credentials in 10.3+).
pub fn is_secret_key(kind: IniKind, key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    let named = match kind {
        IniKind::Stores => key == "dbstore_driver_password",
        IniKind::Routes | IniKind::Factories => key == "ssl_password",
        IniKind::Transports => key == "password",
        IniKind::Channels => false,
    };
    named || crate::ems::secret::names_a_secret(&key)
}

/// Like [`is_secret_key`], and also a private key written inline instead of as a file name
/// (route `ssl_private_key` "can specify the actual key in this parameter":
/// https://docs.tibco.com/pub/ems-vms/8.5.1/doc/html/GUID-D94EDC30-6B35-4A49-AFFA-BD91788A61DE.html).
pub fn is_secret_value(kind: IniKind, key: &str, value: &str) -> bool {
    is_secret_key(kind, key)
        || (key.eq_ignore_ascii_case("ssl_private_key") && value.contains("PRIVATE KEY"))
}

/// What EMS cannot read in `value` for `key` of this kind of file, as a sentence.
pub fn value_problem(kind: IniKind, key: &str, value: &str) -> Option<String> {
    catalog::value_problem(kind, key, value)
}

/// How `value` for `key` leaves the limits the documentation states (a minimum, a length).
pub fn limit_problem(kind: IniKind, key: &str, value: &str) -> Option<String> {
    catalog::limit_problem(kind, key, value)
}

/// The documented value EMS uses when `key` (any case) is not written in an entry of this
/// kind of file whose `type` is `entry_type` (`None`: no `type` written).
pub fn default_of(kind: IniKind, key: &str, entry_type: Option<&str>) -> Option<&'static str> {
    lookup(kind, &key.to_ascii_lowercase()).and_then(|spec| spec.default_for(entry_type))
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
    // Reversed: among equally near keys the INI tables have always suggested the last.
    let candidates = table(kind).iter().rev().flat_map(|t| t.iter().rev());
    crate::ems::suggest::nearest_damerau_levenshtein(&key, candidates.map(|s| s.name))
}

/// Whether `key` may be given several times, each line adding a value.
pub fn is_repeatable(kind: IniKind, key: &str) -> bool {
    spec_for(kind, &key.to_ascii_lowercase()).many != Many::One
}

#[cfg(test)]
mod tests;
