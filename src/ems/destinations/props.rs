//! The property catalog: which properties queues and topics take, how each is written, and the checking of their values.

use super::*;
use crate::ems::values::{digits, with_unit, SIZE_UNITS, TIME_UNITS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PropType {
    /// No value.
    Flag,
    /// A non-negative decimal count.
    Count,
    /// A count of bytes, with optional KB/MB/GB.
    Size,
    /// `flowControl`: a size, or no value for 256KB.
    FlowControl,
    /// A time in seconds, with optional msec/sec/min/hour/day.
    Time,
    /// One name or a double-quoted comma-separated list of names.
    List,
    /// A name such as a store or channel, compared exactly.
    Name,
    /// `default`, `discardOld` or `rejectIncoming`.
    Overflow,
    /// A count, or `none` (queues only).
    Prefetch,
    /// No value, or `body`.
    Trace,
}

pub(super) struct PropSpec {
    pub(super) name: &'static str,
    pub(super) ty: PropType,
    pub(super) queue: bool,
    pub(super) topic: bool,
}

pub(super) const fn both(name: &'static str, ty: PropType) -> PropSpec {
    PropSpec {
        name,
        ty,
        queue: true,
        topic: true,
    }
}

pub(super) const fn queue(name: &'static str, ty: PropType) -> PropSpec {
    PropSpec {
        name,
        ty,
        queue: true,
        topic: false,
    }
}

pub(super) const fn topic(name: &'static str, ty: PropType) -> PropSpec {
    PropSpec {
        name,
        ty,
        queue: false,
        topic: true,
    }
}

/// The 8.6 table plus `channel`, which topics.conf's sample comment lists (multicast).
pub(super) const SPECS: &[PropSpec] = &[
    topic("channel", PropType::Name),
    queue("exclusive", PropType::Flag),
    both("expiration", PropType::Time),
    topic("export", PropType::List),
    both("flowControl", PropType::FlowControl),
    both("global", PropType::Flag),
    both("import", PropType::List),
    both("maxbytes", PropType::Size),
    both("maxmsgs", PropType::Count),
    queue("maxRedelivery", PropType::Count),
    both("overflowPolicy", PropType::Overflow),
    both("prefetch", PropType::Prefetch),
    queue("redeliveryDelay", PropType::Time),
    both("secure", PropType::Flag),
    both("sender_name", PropType::Flag),
    both("sender_name_enforced", PropType::Flag),
    both("store", PropType::Name),
    both("trace", PropType::Trace),
];

pub(super) fn spec(name: &str) -> Option<&'static PropSpec> {
    SPECS.iter().find(|s| s.name.eq_ignore_ascii_case(name))
}

/// How a property is written, for writers of this format (the JSON reader).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropForm {
    /// A bare word: `secure`.
    Flag,
    /// A bare word or with a value: `flowControl`, `trace=body`.
    FlagOrValue,
    /// `name=value`.
    Value,
}

/// The documented name and form of a property of `kind`'s file (any case), if it is one.
pub fn property_form(name: &str, kind: DestKind) -> Option<(&'static str, PropForm)> {
    let s = spec(name)?;
    let applies = match kind {
        DestKind::Queue => s.queue,
        DestKind::Topic => s.topic,
    };
    let form = match s.ty {
        PropType::Flag => PropForm::Flag,
        PropType::FlowControl | PropType::Trace => PropForm::FlagOrValue,
        _ => PropForm::Value,
    };
    applies.then_some((s.name, form))
}

/// A checked property value, turned into its canonical text only when asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CheckedValue<'a> {
    Empty,
    Number(u64),
    Millis(u64),
    Text(&'a str),
    List(&'a str),
}

impl CheckedValue<'_> {
    pub(super) fn canonical(self) -> String {
        match self {
            CheckedValue::Empty => String::new(),
            CheckedValue::Number(n) => n.to_string(),
            CheckedValue::Millis(ms) if ms % 1000 == 0 => (ms / 1000).to_string(),
            CheckedValue::Millis(ms) => format!("{ms}msec"),
            CheckedValue::Text(text) => text.to_string(),
            CheckedValue::List(list) => {
                let mut names: Vec<&str> = list.split(',').map(str::trim).collect();
                names.sort_unstable();
                names.dedup();
                names.join(",")
            }
        }
    }
}

pub(super) const OVERFLOW_POLICIES: &[&str] = &["default", "discardOld", "rejectIncoming"];

/// Checks `value` against type `ty`, or says why it is not one.
pub(super) fn check(ty: PropType, value: Option<&str>) -> Result<CheckedValue<'_>, String> {
    match (ty, value) {
        (PropType::Flag, None) | (PropType::Trace, None) => Ok(CheckedValue::Empty),
        (PropType::Flag, Some(_)) => Err("takes no value".to_string()),
        (PropType::FlowControl, None) => Ok(CheckedValue::Number(DEFAULT_FLOW_CONTROL)),
        (PropType::Trace, Some(v)) if v.eq_ignore_ascii_case("body") => {
            Ok(CheckedValue::Text("body"))
        }
        (PropType::Trace, Some(_)) => Err("the only value is `body`".to_string()),
        (_, None | Some("")) => Err("needs a value".to_string()),
        (PropType::Count, Some(v)) => count(v).map(CheckedValue::Number),
        (PropType::Prefetch, Some(v)) if v.eq_ignore_ascii_case("none") => {
            Ok(CheckedValue::Text("none"))
        }
        (PropType::Prefetch, Some(v)) => count(v)
            .map(CheckedValue::Number)
            .map_err(|e| format!("{e} or `none`")),
        (PropType::Size | PropType::FlowControl, Some(v)) => {
            with_unit(v, SIZE_UNITS, "a size").map(CheckedValue::Number)
        }
        (PropType::Time, Some(v)) => with_unit(v, TIME_UNITS, "a time").map(CheckedValue::Millis),
        (PropType::List, Some(v)) if v.split(',').any(|n| n.trim().is_empty()) => {
            Err("empty name in the list".to_string())
        }
        (PropType::List, Some(v)) => Ok(CheckedValue::List(v)),
        (PropType::Name, Some(v)) => Ok(CheckedValue::Text(v)),
        (PropType::Overflow, Some(v)) => OVERFLOW_POLICIES
            .iter()
            .find(|p| p.eq_ignore_ascii_case(v))
            .map(|p| CheckedValue::Text(p))
            .ok_or_else(|| format!("`{v}` is not one of {}", OVERFLOW_POLICIES.join(", "))),
    }
}

pub(super) fn count(v: &str) -> Result<u64, String> {
    match digits(v) {
        Ok(("", n)) => n.parse().map_err(|_| format!("`{v}` is too large")),
        _ => Err(format!("`{v}` is not a whole number")),
    }
}
