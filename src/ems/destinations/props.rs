//! The property catalog: which properties queues and topics take, how each is written, and the checking of their values.

use super::*;
use crate::ems::values::{digits, with_unit, SIZE_UNITS, TIME_UNITS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ty {
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

pub(super) struct Spec {
    pub(super) name: &'static str,
    pub(super) ty: Ty,
    pub(super) queue: bool,
    pub(super) topic: bool,
}

pub(super) const fn both(name: &'static str, ty: Ty) -> Spec {
    Spec {
        name,
        ty,
        queue: true,
        topic: true,
    }
}

pub(super) const fn queue(name: &'static str, ty: Ty) -> Spec {
    Spec {
        name,
        ty,
        queue: true,
        topic: false,
    }
}

pub(super) const fn topic(name: &'static str, ty: Ty) -> Spec {
    Spec {
        name,
        ty,
        queue: false,
        topic: true,
    }
}

/// The 8.6 table plus `channel`, which topics.conf's sample comment lists (multicast).
pub(super) const SPECS: &[Spec] = &[
    topic("channel", Ty::Name),
    queue("exclusive", Ty::Flag),
    both("expiration", Ty::Time),
    topic("export", Ty::List),
    both("flowControl", Ty::FlowControl),
    both("global", Ty::Flag),
    both("import", Ty::List),
    both("maxbytes", Ty::Size),
    both("maxmsgs", Ty::Count),
    queue("maxRedelivery", Ty::Count),
    both("overflowPolicy", Ty::Overflow),
    both("prefetch", Ty::Prefetch),
    queue("redeliveryDelay", Ty::Time),
    both("secure", Ty::Flag),
    both("sender_name", Ty::Flag),
    both("sender_name_enforced", Ty::Flag),
    both("store", Ty::Name),
    both("trace", Ty::Trace),
];

pub(super) fn spec(name: &str) -> Option<&'static Spec> {
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
        Ty::Flag => PropForm::Flag,
        Ty::FlowControl | Ty::Trace => PropForm::FlagOrValue,
        _ => PropForm::Value,
    };
    applies.then_some((s.name, form))
}

/// A checked property value, turned into its canonical text only when asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value<'a> {
    Empty,
    Number(u64),
    Millis(u64),
    Text(&'a str),
    List(&'a str),
}

impl Value<'_> {
    pub(super) fn canonical(self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Number(n) => n.to_string(),
            Value::Millis(ms) if ms % 1000 == 0 => (ms / 1000).to_string(),
            Value::Millis(ms) => format!("{ms}msec"),
            Value::Text(text) => text.to_string(),
            Value::List(list) => {
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
pub(super) fn check(ty: Ty, value: Option<&str>) -> Result<Value<'_>, String> {
    match (ty, value) {
        (Ty::Flag, None) | (Ty::Trace, None) => Ok(Value::Empty),
        (Ty::Flag, Some(_)) => Err("takes no value".to_string()),
        (Ty::FlowControl, None) => Ok(Value::Number(DEFAULT_FLOW_CONTROL)),
        (Ty::Trace, Some(v)) if v.eq_ignore_ascii_case("body") => Ok(Value::Text("body")),
        (Ty::Trace, Some(_)) => Err("the only value is `body`".to_string()),
        (_, None | Some("")) => Err("needs a value".to_string()),
        (Ty::Count, Some(v)) => count(v).map(Value::Number),
        (Ty::Prefetch, Some(v)) if v.eq_ignore_ascii_case("none") => Ok(Value::Text("none")),
        (Ty::Prefetch, Some(v)) => count(v)
            .map(Value::Number)
            .map_err(|e| format!("{e} or `none`")),
        (Ty::Size | Ty::FlowControl, Some(v)) => {
            with_unit(v, SIZE_UNITS, "a size").map(Value::Number)
        }
        (Ty::Time, Some(v)) => with_unit(v, TIME_UNITS, "a time").map(Value::Millis),
        (Ty::List, Some(v)) if v.split(',').any(|n| n.trim().is_empty()) => {
            Err("empty name in the list".to_string())
        }
        (Ty::List, Some(v)) => Ok(Value::List(v)),
        (Ty::Name, Some(v)) => Ok(Value::Text(v)),
        (Ty::Overflow, Some(v)) => OVERFLOW_POLICIES
            .iter()
            .find(|p| p.eq_ignore_ascii_case(v))
            .map(|p| Value::Text(p))
            .ok_or_else(|| format!("`{v}` is not one of {}", OVERFLOW_POLICIES.join(", "))),
    }
}

pub(super) fn count(v: &str) -> Result<u64, String> {
    match digits(v) {
        Ok(("", n)) => n.parse().map_err(|_| format!("`{v}` is too large")),
        _ => Err(format!("`{v}` is not a whole number")),
    }
}
