//! The value words of the EMS formats side by side: booleans, sizes, durations and URL schemes.
//! Where two formats read a word differently, both readings are here, each saying its format.

use nom::bytes::complete::take_while1;
use nom::{IResult, Parser};

use crate::ems::host::Host;

// Booleans

pub const TRUE_WORDS: &[&str] = &["enable", "enabled", "true", "yes", "on"];
pub const FALSE_WORDS: &[&str] = &["disable", "disabled", "false", "no", "off"];

/// tibemsd.conf: one of the words of [`TRUE_WORDS`] or [`FALSE_WORDS`] in any case, not trimmed.
pub fn parse_bool_untrimmed(raw: &str) -> Option<bool> {
    if TRUE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(raw)) {
        Some(true)
    } else if FALSE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(raw)) {
        Some(false)
    } else {
        None
    }
}

/// The INI sub-files: [`parse_bool_untrimmed`] with surrounding blanks allowed:
/// `enable|enabled|true|yes|on` → `true`, `disable|disabled|false|no|off` → `false`, any case.
pub fn canonical_bool(value: &str) -> Option<bool> {
    parse_bool_untrimmed(value.trim())
}

// Sizes

pub const KB: u64 = 1024;
pub const MB: u64 = 1024 * KB;
pub const GB: u64 = 1024 * MB;

/// tibemsd.conf: `512MB`, `2 gb`, `100KB`, `1024` (bytes), not trimmed.
pub fn parse_size_untrimmed(raw: &str) -> Option<u64> {
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

/// The INI sub-files: [`parse_size_untrimmed`] with surrounding blanks allowed:
/// `512MB`, `100 kb`, `2GB`, `4096` → bytes (KB = 1024).
pub fn parse_size(value: &str) -> Option<u64> {
    parse_size_untrimmed(value.trim())
}

/// queues.conf and topics.conf: sizes in bytes; KB, MB and GB are multiples of 1024.
pub const SIZE_UNITS: &[(&str, u64)] =
    &[("", 1), ("KB", 1 << 10), ("MB", 1 << 20), ("GB", 1 << 30)];

// Durations

/// The INI sub-files: `100msec`, `12hour`, `5 sec` → milliseconds (mstore scan intervals, formats.md §0).
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

/// queues.conf and topics.conf: times in milliseconds; a bare number is seconds.
/// <https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-F0A89C13-CA9E-4229-9503-5D8802951CFC.html>
/// (`redeliveryDelay` is documented with sec, min and hour only; the others are accepted too.)
pub const TIME_UNITS: &[(&str, u64)] = &[
    ("", 1000),
    ("msec", 1),
    ("sec", 1000),
    ("min", 60_000),
    ("hour", 3_600_000),
    ("day", 86_400_000),
];

/// queues.conf and topics.conf: a number followed, without blanks, by one of `units` (in any case), multiplied out.
pub fn with_unit(v: &str, units: &[(&str, u64)], what: &str) -> Result<u64, String> {
    let names = || {
        units
            .iter()
            .map(|(u, _)| *u)
            .filter(|u| !u.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Ok((unit, n)) = digits(v) else {
        return Err(format!("`{v}` is not {what} (a number, then {})", names()));
    };
    let Some((_, factor)) = units.iter().find(|(u, _)| u.eq_ignore_ascii_case(unit)) else {
        return Err(format!("unknown unit `{unit}`; use {}", names()));
    };
    n.parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(*factor))
        .ok_or_else(|| format!("`{v}` is too large"))
}

// URL schemes

/// tibemsd.conf: the URL with its scheme in lower case and its host and port by meaning, or
/// `None` when there is no `scheme://`.
pub fn canonical_conf_url(raw: &str) -> Option<String> {
    let (scheme, rest) = raw.split_once("://")?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| {
        format!(
            "{}://{}",
            scheme.to_ascii_lowercase(),
            canonical_authority(rest)
        )
    })
}

/// `host:port` (and what follows a `/`) with the host by meaning and the port as a number:
/// `[2001:DB8:0::1]:07222` → `[2001:db8::1]:7222`, `EMS-A.Example.com.:7222` →
/// `ems-a.example.com:7222`. Anything else is kept as written.
fn canonical_authority(rest: &str) -> String {
    let (authority, tail) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') || host.ends_with(']') => (Some(host), port),
        None => (None, authority),
        Some(_) => return rest.to_string(),
    };
    let Ok(port) = port.trim().parse::<u16>() else {
        return rest.to_string();
    };
    match host.map(str::trim) {
        None => format!("{port}{tail}"),
        Some("") => format!(":{port}{tail}"),
        Some(host) => {
            let host = Host::parse(host).canonical();
            if host.contains(':') {
                format!("[{host}]:{port}{tail}")
            } else {
                format!("{host}:{port}{tail}")
            }
        }
    }
}

/// The INI sub-files: a URL list with the white space around `,` `+` `|` removed and each scheme lower-cased:
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

/// The INI sub-files: one URL trimmed, its scheme (letters and digits) lower-cased, its host
/// and port by meaning.
fn canonical_url(url: &str) -> String {
    let url = url.trim();
    match url.split_once("://") {
        Some((scheme, rest))
            if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            format!(
                "{}://{}",
                scheme.to_ascii_lowercase(),
                canonical_authority(rest)
            )
        }
        _ => url.to_string(),
    }
}

// Numbers

/// tibemsd.conf: a non-empty run of ASCII digits, nothing else.
pub fn parse_unsigned(raw: &str) -> Option<u64> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok()
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

pub fn digits(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit()).parse(input)
}
