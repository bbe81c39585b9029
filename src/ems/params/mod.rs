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

mod canonical;
pub use crate::ems::suggest::could_be_near;
use crate::ems::suggest::nearest_damerau_levenshtein;

mod catalog;

pub use canonical::{by_type, canonical, Canonical};
use catalog::*;

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
    /// Numbers the docs give a meaning of their own (`0` means no limit, …).
    pub special: &'static [Special],
    /// The words the docs allow, for an enumerated text parameter (any case).
    pub allowed: Option<Allowed>,
    /// A list whose order does not matter: compared as the set of its elements.
    pub unordered: bool,
}

/// The documented words of an enumerated parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    /// Exactly one of them.
    OneOf(&'static [&'static str]),
    /// One or more of them, separated by commas.
    ListOf(&'static [&'static str]),
}

/// A number a parameter's page gives a meaning of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Special {
    pub value: i64,
    pub means: Meaning,
}

/// What a special value means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Meaning {
    /// The server uses the documented default, as if the parameter were not set.
    TheDefault,
    /// No limit.
    NoLimit,
    /// The feature is off.
    Disabled,
    /// The operating system or the server chooses.
    SystemChooses,
}

impl Meaning {
    pub fn as_str(self) -> &'static str {
        match self {
            Meaning::TheDefault => "the default",
            Meaning::NoLimit => "no limit",
            Meaning::Disabled => "disabled",
            Meaning::SystemChooses => "chosen by the system",
        }
    }
}

impl ParamSpec {
    pub fn is_secret(&self) -> bool {
        self.ty == ParamType::Secret
    }

    /// What `value` means when the docs give it a meaning of its own.
    pub fn special_meaning(&self, value: i64) -> Option<Meaning> {
        self.special
            .iter()
            .find(|s| s.value == value)
            .map(|s| s.means)
    }
}

use ParamType::{
    Bool, Directory, Integer, Path, Seconds, Secret, Size, String as Text, Url, UrlList,
};
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
    nearest_damerau_levenshtein(&name, sorted().iter().map(|s| s.name))
}

#[cfg(test)]
mod tests;
