//! Values by meaning: each parameter type's reading of a raw value, for comparing the two servers.

use super::*;
use crate::ems::values::{
    canonical_conf_url, parse_bool_untrimmed, parse_size_untrimmed, parse_unsigned, GB, KB, MB,
};

/// A value by meaning, for comparing the two servers of a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Canonical {
    Bool(bool),
    Int(i64),
    Bytes(u64),
    Seconds(u64),
    Text(String),
    /// A number the docs give a meaning of its own, other than the default.
    Special(Meaning),
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
            Canonical::Special(m) => f.write_str(m.as_str()),
        }
    }
}

/// Reads `raw` (already unquoted and trimmed) by the meaning of `spec`'s type: a special
/// value that means the default reads as the default, another reads as its meaning.
///
/// The error is a user-facing sentence; it never contains a secret's value.
pub fn canonical(spec: &ParamSpec, raw: &str) -> Result<Canonical, String> {
    let written = by_type(spec, raw)?;
    let Some(meaning) = number(&written).and_then(|n| spec.special_meaning(n)) else {
        return Ok(written);
    };
    if meaning != Meaning::TheDefault {
        return Ok(Canonical::Special(meaning));
    }
    let default = spec.default.and_then(|d| by_type(spec, d).ok());
    Ok(match default {
        Some(d) => match number(&d).and_then(|n| spec.special_meaning(n)) {
            Some(Meaning::TheDefault) | None => d,
            Some(other) => Canonical::Special(other),
        },
        None => Canonical::Special(Meaning::TheDefault),
    })
}

fn number(value: &Canonical) -> Option<i64> {
    match value {
        Canonical::Int(n) => Some(*n),
        Canonical::Seconds(n) | Canonical::Bytes(n) => i64::try_from(*n).ok(),
        _ => None,
    }
}

/// Reads `raw` by `spec`'s type alone, before special values take their meaning.
pub fn by_type(spec: &ParamSpec, raw: &str) -> Result<Canonical, String> {
    let raw = raw.trim();
    match spec.ty {
        Bool => parse_bool_untrimmed(raw).map(Canonical::Bool).ok_or_else(|| {
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
            if raw == "-1" && spec.special_meaning(-1).is_some() {
                return Ok(Canonical::Int(-1));
            }
            parse_size_untrimmed(raw).map(Canonical::Bytes).ok_or_else(|| {
                format!(
                    "`{}` is not a size (a number of bytes, optionally followed by KB, MB or GB)",
                    shown(raw)
                )
            })
        }
        Url => canonical_conf_url(raw)
            .map(Canonical::Text)
            .ok_or_else(|| format!("`{}` is not a URL (protocol://host:port)", shown(raw))),
        UrlList => {
            let mut out = String::with_capacity(raw.len());
            for (i, part) in raw.split('|').enumerate() {
                let url = canonical_conf_url(part.trim()).ok_or_else(|| {
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
        Path | Directory | Text => {
            if let Some(allowed) = spec.allowed {
                check_allowed(allowed, raw)?;
            }
            let text = if spec.case_insensitive {
                raw.to_lowercase()
            } else {
                raw.to_owned()
            };
            // A blank can end an unquoted list (startup_abort_list): a list with one keeps
            // its text, so that the two readings never compare equal.
            if spec.unordered && !text.contains(char::is_whitespace) {
                let mut items: Vec<&str> = text.split(',').filter(|i| !i.is_empty()).collect();
                items.sort_unstable();
                items.dedup();
                return Ok(Canonical::Text(items.join(",")));
            }
            Ok(Canonical::Text(text))
        }
    }
}

/// `raw` is one of the documented words (or a comma list of them, for a list).
fn check_allowed(allowed: Allowed, raw: &str) -> Result<(), String> {
    let (words, items): (&[&str], Vec<&str>) = match allowed {
        Allowed::OneOf(words) => (words, vec![raw]),
        Allowed::ListOf(words) => (
            words,
            raw.split(',')
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .collect(),
        ),
    };
    let known = |item: &str| words.iter().any(|w| w.eq_ignore_ascii_case(item));
    match items.iter().find(|item| !known(item)) {
        None => Ok(()),
        Some(bad) => Err(format!(
            "`{}` is not {} ({})",
            shown(bad),
            match allowed {
                Allowed::OneOf(_) => "one of the documented values",
                Allowed::ListOf(_) => "a documented value for this comma-separated list",
            },
            words.join(", ")
        )),
    }
}

/// A value as quoted in an error: long values are cut.
pub(super) fn shown(raw: &str) -> String {
    const MAX: usize = 60;
    match raw.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", raw.get(..cut).unwrap_or_default()),
        None => raw.to_owned(),
    }
}
