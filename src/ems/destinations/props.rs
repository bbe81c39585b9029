//! The property catalog: which properties queues and topics take, how each is written, what
//! values each accepts, how each is inherited from wildcard destinations, and the checking of
//! their values.
//!
//! Inheritance, EMS 8.6 / 10.1 "Inheritance of Properties"
//! (<https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-648DF8B1-B5A2-4CC8-AF0F-FCF68F603658.html>):
//! "All destination properties are inheritable for both topics and queues"; "The properties
//! inherited from a parent are in addition to the properties defined for the child
//! destination"; "EMS does not offer the ability to remove inherited properties. However, for
//! properties that are assigned values, you can override the value established in a parent";
//! "When there are multiple parents for a destination that contain conflicting property
//! values, the destination inherits the smallest value". `prefetch`, `overflowPolicy` and
//! `store` have rules of their own, cited at [`Inherit`].

use super::*;
use crate::ems::values::{digits, with_unit, SIZE_UNITS, TIME_UNITS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropType {
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

/// How a destination's value of a property follows from its own line and the wildcard
/// destinations above it (its parents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inherit {
    /// A flag: set when the destination or any parent sets it ("The foo.bar topic has the
    /// sender_name, secure and trace properties", Inheritance of Properties).
    Union,
    /// A value: the destination's own overrides its parents'; of several parents' values the
    /// smallest ("the destination inherits the smallest value", Inheritance of Properties).
    /// With `zero_unset`, the docs say `0` means the same as not set ("If maxbytes is zero, or
    /// is not set, the server does not limit", maxbytes page). Whether such a `0` on a parent
    /// is "the smallest value" (no limit) or no value at all, and whether a `0` on the
    /// destination overrides its parents, the docs do not say: both readings are computed.
    Smallest { zero_unset: bool },
    /// `prefetch`: the destination's own value unless it is `0` (inherit); from the parents
    /// "When all parent destinations set the value none, then the child destination inherits
    /// the value none. When any parent destination sets a non-zero numeric value, then the
    /// child destination inherits the largest value from among the entire parent chain. When
    /// none of the parent destinations sets any non-zero numeric value, then the child
    /// destination uses the default value" — 5 for queues, 64 for topics (prefetch
    /// Inheritance, <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-3E55A62D-435F-44D1-8151-A6375CB07CB2.html>;
    /// prefetch Values, <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-7687D8CC-02F9-4896-A0DC-80B1DFCA35B0.html>).
    Prefetch,
    /// `overflowPolicy`: "If a child destination has a non-default overflowPolicy policy set,
    /// then that policy is used"; else `rejectIncoming` from any parent, else `discardOld`
    /// from any parent, else `default` (overflowPolicy,
    /// <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-6CB65758-CBA1-47BC-B541-471874789764.html>).
    Overflow,
    /// One name (`store`, `channel`): the destination's own, else its parents' one name. For
    /// `store`, "Only one store is allowed for each destination. If there is a conflict, for
    /// example if overlapping wildcards cause a topic to inherit multiple store properties,
    /// the topic creation will fail" (store,
    /// <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-6FCEEDA6-D979-4739-BBF2-FA4697926462.html>);
    /// for `channel` the docs say nothing, and a conflict is kept as one.
    One,
    /// A list of names (`import`, `export`): the docs do not say whether a destination's own
    /// list replaces its parents' or adds to them ("in addition to" is said of properties, not
    /// of list members): both readings are computed.
    List,
    /// `trace`: a flag that may say `body`. Of `trace` and `trace=body` from several lines the
    /// docs say nothing; the effective value is `body` when any line says so (the reading
    /// under which two servers that both trace bodies somewhere agree).
    Trace,
}

/// The values a property accepts beyond its type, in the unit of its checked value (a count,
/// or milliseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limits {
    Any,
    /// `0` (which disables the property), or `low..=high`.
    ZeroOr(u64, u64),
}

pub struct PropSpec {
    pub name: &'static str,
    pub ty: PropType,
    pub(super) queue: bool,
    pub(super) topic: bool,
    pub inherit: Inherit,
    pub limits: Limits,
}

pub(super) const fn both(name: &'static str, ty: PropType, inherit: Inherit) -> PropSpec {
    PropSpec {
        name,
        ty,
        queue: true,
        topic: true,
        inherit,
        limits: Limits::Any,
    }
}

pub(super) const fn queue(name: &'static str, ty: PropType, inherit: Inherit) -> PropSpec {
    PropSpec {
        queue: true,
        topic: false,
        ..both(name, ty, inherit)
    }
}

pub(super) const fn topic(name: &'static str, ty: PropType, inherit: Inherit) -> PropSpec {
    PropSpec {
        queue: false,
        topic: true,
        ..both(name, ty, inherit)
    }
}

const fn limited(spec: PropSpec, limits: Limits) -> PropSpec {
    PropSpec { limits, ..spec }
}

const VALUE: Inherit = Inherit::Smallest { zero_unset: false };
const LIMIT: Inherit = Inherit::Smallest { zero_unset: true };
const HOUR_MS: u64 = 3_600_000;

/// The 8.6 table plus `channel`, which topics.conf's sample comment lists (multicast).
///
/// * `maxbytes`, `maxmsgs`: "If maxbytes is zero, or is not set, the server does not limit"
///   (<https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-F139FF45-7BC8-46AA-96EA-29E7CB7D398C.html>),
///   "If maxmsgs is zero, or is not set, the server does not limit the number of messages"
///   (<https://docs.tibco.com/pub/ems/8.7.0/doc/html/users-guide/maxmsgs.htm>).
/// * `maxRedelivery`: "an integer between 2 and 255 … A value of zero disables
///   maxRedelivery, so there is no maximum"
///   (<https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-D009099C-C5FD-49C5-A179-32511444C6AD.html>).
/// * `redeliveryDelay`: "The value may be in the range of 15 seconds and 8 hours … Zero is a
///   special value that indicates no redelivery delay"
///   (<https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-12CB3508-B44A-48FB-B40D-9EF2BB0381FF.html>).
/// * `expiration`: "Zero is a special value that indicates messages to the destination never
///   expire" — not the same as not set, which leaves the producer's expiration
///   (<https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-F0A89C13-CA9E-4229-9503-5D8802951CFC.html>).
pub(super) const SPECS: &[PropSpec] = &[
    topic("channel", PropType::Name, Inherit::One),
    queue("exclusive", PropType::Flag, Inherit::Union),
    both("expiration", PropType::Time, VALUE),
    topic("export", PropType::List, Inherit::List),
    both("flowControl", PropType::FlowControl, VALUE),
    both("global", PropType::Flag, Inherit::Union),
    both("import", PropType::List, Inherit::List),
    both("maxbytes", PropType::Size, LIMIT),
    both("maxmsgs", PropType::Count, LIMIT),
    limited(
        queue("maxRedelivery", PropType::Count, LIMIT),
        Limits::ZeroOr(2, 255),
    ),
    both("overflowPolicy", PropType::Overflow, Inherit::Overflow),
    both("prefetch", PropType::Prefetch, Inherit::Prefetch),
    limited(
        queue("redeliveryDelay", PropType::Time, LIMIT),
        Limits::ZeroOr(15_000, 8 * HOUR_MS),
    ),
    both("secure", PropType::Flag, Inherit::Union),
    both("sender_name", PropType::Flag, Inherit::Union),
    both("sender_name_enforced", PropType::Flag, Inherit::Union),
    both("store", PropType::Name, Inherit::One),
    both("trace", PropType::Trace, Inherit::Trace),
];

/// The properties a destination of `kind` takes, in the catalog's order.
pub fn properties(kind: DestKind) -> impl Iterator<Item = &'static PropSpec> {
    SPECS.iter().filter(move |s| match kind {
        DestKind::Queue => s.queue,
        DestKind::Topic => s.topic,
    })
}

/// The catalog's entry for a property name (any case).
pub fn spec(name: &str) -> Option<&'static PropSpec> {
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
pub enum CheckedValue<'a> {
    Empty,
    Number(u64),
    Millis(u64),
    Text(&'a str),
    List(&'a str),
}

impl CheckedValue<'_> {
    pub fn canonical(self) -> String {
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

/// Checks a value of the right type against the property's documented range.
pub(super) fn check_limits(spec: &PropSpec, value: CheckedValue<'_>) -> Result<(), String> {
    let Limits::ZeroOr(low, high) = spec.limits else {
        return Ok(());
    };
    let (n, shown): (u64, fn(u64) -> String) = match value {
        CheckedValue::Number(n) => (n, |n| n.to_string()),
        CheckedValue::Millis(ms) => (ms, |ms| CheckedValue::Millis(ms).canonical_time()),
        _ => return Ok(()),
    };
    if n == 0 || (low..=high).contains(&n) {
        return Ok(());
    }
    Err(format!(
        "{} is out of range: EMS takes 0 (off) or {} to {}",
        shown(n),
        shown(low),
        shown(high)
    ))
}

impl CheckedValue<'_> {
    /// A time as the docs write it: `30sec`, `8hour`, `1500msec`.
    fn canonical_time(self) -> String {
        match self {
            CheckedValue::Millis(ms) if ms % HOUR_MS == 0 => format!("{}hour", ms / HOUR_MS),
            CheckedValue::Millis(ms) if ms % 60_000 == 0 => format!("{}min", ms / 60_000),
            CheckedValue::Millis(ms) if ms % 1000 == 0 => format!("{}sec", ms / 1000),
            CheckedValue::Millis(ms) => format!("{ms}msec"),
            other => other.canonical(),
        }
    }
}
