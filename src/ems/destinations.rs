//! `queues.conf` and `topics.conf`: one destination per line,
//! `[jndi1, jndi2]name prop1,prop2=value,...`.
//!
//! Format: <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-07A754CE-2848-4901-9B4F-F43022D67F4E.html>
//! and <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-33AABCCA-174D-4487-BD71-9B9C594D36EA.html>;
//! properties: <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-EE423898-3C90-4F54-84D6-026F85ACD6E4.html>.
//!
//! * Property names are matched case-insensitively (the docs write `maxRedelivery` and
//!   `maxbytes`; whether EMS itself ignores case is unverified); canonical names are lower case.
//! * Properties are separated by commas, blanks around them are allowed. A list value (`import`,
//!   `export`) holding several names must be double-quoted, as TIBCO's own example does:
//!   `business.inventory global, import="RV01,RV02", export="RV03", maxbytes=1MB`. Unquoted,
//!   `import=RV01,RV02` reads `RV02` as a property, which is reported as unknown with that hint.
//! * A property that does not apply to the file's kind (`exclusive` in topics.conf) is an error.
//! * A line with any error is left out of `destinations`.

use std::collections::BTreeMap;
use std::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::{take_till, take_while, take_while1};
use nom::character::complete::char;
use nom::combinator::recognize;
use nom::multi::many0;
use nom::sequence::delimited;
use nom::{IResult, Parser};

use crate::ems::lines::{capacity, lines, Line, SyntaxError};

/// Longest destination name EMS accepts, in characters.
/// <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-EA23022D-FBBB-4CFD-876A-4A9FEA3E322C.html>
pub const MAX_NAME_LEN: usize = 249;

/// `flowControl` without a value sets 256KB.
/// <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-A1F1BA01-1C46-4570-9FFA-8DB03ECF0AA9.html>
pub const DEFAULT_FLOW_CONTROL: u64 = 256 * 1024;

/// Which file is parsed: the properties allowed differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DestKind {
    Queue,
    Topic,
}

impl DestKind {
    fn noun(self) -> &'static str {
        match self {
            DestKind::Queue => "queue",
            DestKind::Topic => "topic",
        }
    }
}

/// One property as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property<'a> {
    pub name: &'a str,
    /// The text after `=`, blanks and one pair of double quotes stripped; `None` for a flag.
    pub value: Option<&'a str>,
    /// The whole property, `name=value`.
    pub span: Range<usize>,
}

/// One line: a destination name (possibly with wildcards `*` and `>`) and its properties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination<'a> {
    pub name: &'a str,
    pub name_span: Range<usize>,
    pub jndi: Vec<&'a str>,
    /// The properties as written, checked when the line was read: [`Destination::props`]
    /// reads them again, so that a large file holds no list per line.
    props: Line<'a>,
    pub line_span: Range<usize>,
}

impl<'a> Destination<'a> {
    /// The canonical value of the destination: lower-cased property name to canonical value
    /// (`""` for flags; sizes in bytes; times in seconds, or `<n>msec` when not whole seconds;
    /// lists sorted and comma-joined), the last of repeated properties winning, and the JNDI
    /// names sorted under `"jndi"`.
    pub fn canonical(&self) -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        for prop in self.props() {
            let (name, value) = match spec(prop.name) {
                Some(spec) => (
                    spec.name.to_ascii_lowercase(),
                    check(spec.ty, prop.value).map_or_else(|_| raw(prop.value), Value::canonical),
                ),
                None => (prop.name.to_ascii_lowercase(), raw(prop.value)),
            };
            map.insert(name, value);
        }
        if !self.jndi.is_empty() {
            let mut jndi = self.jndi.clone();
            jndi.sort_unstable();
            jndi.dedup();
            map.insert("jndi".to_string(), jndi.join(","));
        }
        map
    }

    /// The properties in the order written; a property given twice is there twice.
    pub fn props(&self) -> impl Iterator<Item = Property<'a>> {
        let props = self.props;
        parts(props.text).filter_map(Result::ok).map(move |part| {
            let (name, value, _) = split_property(part);
            Property {
                name,
                value,
                span: props.span_of(part),
            }
        })
    }

    /// The last property with this name, compared case-insensitively.
    pub fn prop(&self, name: &str) -> Option<Property<'a>> {
        // Most lines do not mention the name at all: they are not read again.
        let mentioned = name.is_empty()
            || self
                .props
                .text
                .as_bytes()
                .windows(name.len())
                .any(|w| w.eq_ignore_ascii_case(name.as_bytes()));
        if !mentioned {
            return None;
        }
        self.props()
            .filter(|p| p.name.eq_ignore_ascii_case(name))
            .last()
    }
}

fn raw(value: Option<&str>) -> String {
    value.unwrap_or("").to_string()
}

/// A parsed `queues.conf` or `topics.conf`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DestinationsFile<'a> {
    pub destinations: Vec<Destination<'a>>,
    pub errors: Vec<SyntaxError>,
}

impl<'a> DestinationsFile<'a> {
    /// The last destination with exactly this name.
    pub fn destination(&self, name: &str) -> Option<&Destination<'a>> {
        self.destinations.iter().rev().find(|d| d.name == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
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

struct Spec {
    name: &'static str,
    ty: Ty,
    queue: bool,
    topic: bool,
}

const fn both(name: &'static str, ty: Ty) -> Spec {
    Spec {
        name,
        ty,
        queue: true,
        topic: true,
    }
}

const fn queue(name: &'static str, ty: Ty) -> Spec {
    Spec {
        name,
        ty,
        queue: true,
        topic: false,
    }
}

const fn topic(name: &'static str, ty: Ty) -> Spec {
    Spec {
        name,
        ty,
        queue: false,
        topic: true,
    }
}

/// The 8.6 table plus `channel`, which topics.conf's sample comment lists (multicast).
const SPECS: &[Spec] = &[
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

fn spec(name: &str) -> Option<&'static Spec> {
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

/// Parses the whole text of a `queues.conf` (`DestKind::Queue`) or `topics.conf`.
pub fn parse(text: &str, kind: DestKind) -> DestinationsFile<'_> {
    let mut file = DestinationsFile {
        destinations: Vec::with_capacity(capacity(text)),
        ..DestinationsFile::default()
    };
    for line in lines(text) {
        let body = if line.start == 0 {
            line.text.strip_prefix('\u{feff}').unwrap_or(line.text)
        } else {
            line.text
        };
        let trimmed = body.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if let Some(error) = line.too_long() {
            file.errors.push(error);
            continue;
        }
        match destination(&line, trimmed, kind) {
            Ok(dest) => file.destinations.push(dest),
            Err(error) => file.errors.push(error),
        }
    }
    file.destinations.shrink_to_fit();
    file
}

fn jndi_brackets(input: &str) -> IResult<&str, &str> {
    delimited(char('['), take_till(|c| c == ']'), char(']')).parse(input)
}

fn name_and_rest(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| !c.is_whitespace()).parse(input)
}

fn destination<'a>(
    line: &Line<'a>,
    trimmed: &'a str,
    kind: DestKind,
) -> Result<Destination<'a>, SyntaxError> {
    let line_span = line.span_of(trimmed);
    let error = |span: Range<usize>, message: String| SyntaxError { span, message };
    let mut jndi = Vec::new();
    let mut rest = trimmed;
    if trimmed.starts_with('[') {
        let Ok((after, inside)) = jndi_brackets(trimmed) else {
            return Err(error(
                line_span,
                "`[` of the JNDI names is not closed by `]`".to_string(),
            ));
        };
        if !inside.trim().is_empty() {
            for name in inside.split(',') {
                let name = name.trim();
                if name.is_empty() {
                    return Err(error(line.span_of(inside), "empty JNDI name".to_string()));
                }
                jndi.push(name);
            }
        }
        rest = after.trim_start();
    }
    let Ok((props_text, name)) = name_and_rest(rest) else {
        return Err(error(
            line_span,
            format!("no {} name after the JNDI names", kind.noun()),
        ));
    };
    let name_span = line.span_of(name);
    check_name(name).map_err(|message| error(name_span.clone(), message))?;
    let props_text = props_text.trim();
    check_properties(line, props_text, kind)?;
    Ok(Destination {
        name,
        name_span,
        jndi,
        props: Line {
            text: props_text,
            start: line.span_of(props_text).start,
        },
        line_span,
    })
}

/// Elements are separated by `.` and none may be empty.
fn check_name(name: &str) -> Result<(), String> {
    let chars = name.chars().count();
    if chars > MAX_NAME_LEN {
        return Err(format!(
            "destination name is {chars} characters long; EMS allows at most {MAX_NAME_LEN}"
        ));
    }
    if name.split('.').any(str::is_empty) {
        return Err(format!(
            "destination name `{name}` has an empty element (leading, trailing or doubled `.`)"
        ));
    }
    Ok(())
}

/// The properties of a line, split on commas outside double quotes and trimmed; an item is
/// `Err` where a double quote is not closed (and the last).
fn parts(text: &str) -> impl Iterator<Item = Result<&str, ()>> {
    let mut rest = (!text.is_empty()).then_some(text);
    std::iter::from_fn(move || {
        let input = rest.take()?;
        let Ok((after, part)) = one_prop(input) else {
            return Some(Err(()));
        };
        match after.strip_prefix(',') {
            Some(next) => rest = Some(next),
            None if after.is_empty() => {}
            None => return Some(Err(())),
        }
        Some(Ok(part.trim()))
    })
}

/// A property's name and value, and whether the value is double-quoted (the quotes are not
/// part of it).
fn split_property(part: &str) -> (&str, Option<&str>, bool) {
    match part.split_once('=') {
        Some((name, value)) => {
            let value = value.trim();
            match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some(inner) => (name.trim_end(), Some(inner), true),
                None => (name.trim_end(), Some(value), false),
            }
        }
        None => (part, None, false),
    }
}

/// Text up to the next comma outside double quotes.
fn one_prop(input: &str) -> IResult<&str, &str> {
    recognize(many0(alt((
        take_while1(|c| c != ',' && c != '"'),
        recognize(delimited(char('"'), take_while(|c| c != '"'), char('"'))),
    ))))
    .parse(input)
}

/// Checks every property of a line: the first fault is the line's syntax error.
fn check_properties(line: &Line<'_>, text: &str, kind: DestKind) -> Result<(), SyntaxError> {
    let error = |span: Range<usize>, message: String| SyntaxError { span, message };
    if parts(text).any(|part| part.is_err()) {
        return Err(error(
            line.span_of(text),
            "unterminated double quote in the properties".to_string(),
        ));
    }
    // The property before, for the hint on an unquoted list.
    let mut previous: Option<&Spec> = None;
    for part in parts(text).flatten() {
        if part.is_empty() {
            return Err(error(
                line.span_of(text),
                "empty property (two commas in a row, or a comma at the end)".to_string(),
            ));
        }
        let span = line.span_of(part);
        let (name, value, quoted) = split_property(part);
        if name.is_empty() {
            return Err(error(span, "property has no name before `=`".to_string()));
        }
        let blank_value = !quoted && value.is_some_and(|v| v.contains(char::is_whitespace));
        if name.contains(char::is_whitespace) || blank_value {
            return Err(error(
                span,
                format!("missing comma in `{part}`: properties are separated by commas"),
            ));
        }
        let Some(spec) = spec(name) else {
            let mut message = format!("unknown {} property `{name}`", kind.noun());
            let after_list = previous.is_some_and(|s| s.ty == Ty::List);
            if value.is_none() && after_list {
                message.push_str(
                    "; several transports are written as a quoted list: import=\"RV01,RV02\"",
                );
            } else if name.starts_with('*') {
                message.push_str("; `*` marks an inherited property in `show queue` output");
            }
            return Err(error(span, message));
        };
        let applies = match kind {
            DestKind::Queue => spec.queue,
            DestKind::Topic => spec.topic,
        };
        if !applies {
            return Err(error(
                span,
                format!("`{}` is not a {} property", spec.name, kind.noun()),
            ));
        }
        if spec.ty == Ty::Prefetch
            && kind == DestKind::Topic
            && value.is_some_and(|v| v.eq_ignore_ascii_case("none"))
        {
            return Err(error(
                span,
                "`prefetch=none` is for queues only".to_string(),
            ));
        }
        if let Err(message) = check(spec.ty, value) {
            return Err(error(span, format!("`{}`: {message}", spec.name)));
        }
        previous = Some(spec);
    }
    Ok(())
}

/// A checked property value, turned into its canonical text only when asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value<'a> {
    Empty,
    Number(u64),
    Millis(u64),
    Text(&'a str),
    List(&'a str),
}

impl Value<'_> {
    fn canonical(self) -> String {
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

const OVERFLOW_POLICIES: &[&str] = &["default", "discardOld", "rejectIncoming"];

/// Checks `value` against type `ty`, or says why it is not one.
fn check(ty: Ty, value: Option<&str>) -> Result<Value<'_>, String> {
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

fn digits(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit()).parse(input)
}

fn count(v: &str) -> Result<u64, String> {
    match digits(v) {
        Ok(("", n)) => n.parse().map_err(|_| format!("`{v}` is too large")),
        _ => Err(format!("`{v}` is not a whole number")),
    }
}

/// Sizes in bytes; KB, MB and GB are multiples of 1024.
const SIZE_UNITS: &[(&str, u64)] = &[("", 1), ("KB", 1 << 10), ("MB", 1 << 20), ("GB", 1 << 30)];

/// Times in milliseconds; a bare number is seconds.
/// <https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-F0A89C13-CA9E-4229-9503-5D8802951CFC.html>
/// (`redeliveryDelay` is documented with sec, min and hour only; the others are accepted too.)
const TIME_UNITS: &[(&str, u64)] = &[
    ("", 1000),
    ("msec", 1),
    ("sec", 1000),
    ("min", 60_000),
    ("hour", 3_600_000),
    ("day", 86_400_000),
];

/// A number followed by one of `units` (in any case), multiplied out.
fn with_unit(v: &str, units: &[(&str, u64)], what: &str) -> Result<u64, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, kind: DestKind) -> Destination<'_> {
        let file = parse(text, kind);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        assert_eq!(file.destinations.len(), 1);
        file.destinations.into_iter().next().unwrap()
    }

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn tibco_sample_lines() {
        let text = "> \nsample\n\nqueue.sample\ntest               store=$sys.failsafe,secure,prefetch=2\n\
                    business.inventory prefetch=1,maxbytes=1MB\nsupermarket        exclusive,import=RV\n";
        let file = parse(text, DestKind::Queue);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        let names: Vec<_> = file.destinations.iter().map(|d| d.name).collect();
        assert_eq!(
            names,
            vec![
                ">",
                "sample",
                "queue.sample",
                "test",
                "business.inventory",
                "supermarket"
            ]
        );
        let gt = &file.destinations[0];
        assert_eq!(&text[gt.line_span.clone()], ">");
        assert_eq!(gt.props().count(), 0);
        let test = file.destination("test").unwrap();
        assert_eq!(
            test.canonical(),
            map(&[
                ("store", "$sys.failsafe"),
                ("secure", ""),
                ("prefetch", "2")
            ])
        );
        assert_eq!(
            &text[test.props().next().unwrap().span],
            "store=$sys.failsafe"
        );
        assert_eq!(
            file.destination("business.inventory").unwrap().canonical(),
            map(&[("prefetch", "1"), ("maxbytes", "1048576")])
        );
    }

    #[test]
    fn documented_topic_example_with_quoted_lists_and_blanks() {
        let text =
            "business.inventory global, import=\"RV01,RV02\", export=\"RV03\", maxbytes=1MB\n";
        let d = one(text, DestKind::Topic);
        assert_eq!(d.prop("IMPORT").and_then(|p| p.value), Some("RV01,RV02"));
        assert_eq!(
            &text[d.prop("import").unwrap().span.clone()],
            "import=\"RV01,RV02\""
        );
        assert_eq!(
            d.canonical(),
            map(&[
                ("global", ""),
                ("import", "RV01,RV02"),
                ("export", "RV03"),
                ("maxbytes", "1048576"),
            ])
        );
    }

    #[test]
    fn reordered_respaced_and_recased_properties_are_equal() {
        let a = one(
            "q.a  maxbytes=1MB,prefetch=05,overflowPolicy=discardOld,import=\"B, A\",expiration=10min",
            DestKind::Queue,
        );
        let b = one(
            "q.a\timport=\"A,B\" , EXPIRATION=600 ,OverflowPolicy=DISCARDOLD, prefetch=5, MaxBytes=1024kb",
            DestKind::Queue,
        );
        assert_eq!(a.canonical(), b.canonical());
        assert_eq!(a.canonical().get("overflowpolicy").unwrap(), "discardOld");
    }

    #[test]
    fn jndi_names() {
        let text = "[ jndi.b, jndi.a ]orders.in secure\n[x] spaced maxmsgs=10\n[]bare\n";
        let file = parse(text, DestKind::Queue);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        let d = &file.destinations[0];
        assert_eq!(d.name, "orders.in");
        assert_eq!(d.jndi, vec!["jndi.b", "jndi.a"]);
        assert_eq!(&text[d.name_span.clone()], "orders.in");
        assert_eq!(d.canonical().get("jndi").unwrap(), "jndi.a,jndi.b");
        assert_eq!(file.destinations[1].name, "spaced");
        assert!(file.destinations[2].jndi.is_empty());
        assert!(!file.destinations[2].canonical().contains_key("jndi"));
    }

    #[test]
    fn wildcards_and_special_names() {
        let text = ">\n_HAWK.>\nfoo.*.bar\n$TMP$.>\nqueue.sample@EMS-SERVER\n";
        let file = parse(text, DestKind::Queue);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        assert_eq!(file.destinations.len(), 5);
    }

    #[test]
    fn flags_sizes_times_and_defaults() {
        let d = one(
            "t trace,flowControl,sender_name,sender_name_enforced,channel=ch1,maxmsgs=0",
            DestKind::Topic,
        );
        let c = d.canonical();
        assert_eq!(c["trace"], "");
        assert_eq!(c["flowcontrol"], "262144");
        assert_eq!(c["channel"], "ch1");
        assert_eq!(c["maxmsgs"], "0");
        let e = one(
            "t flowControl=256KB,trace=BODY,expiration=1500msec",
            DestKind::Topic,
        );
        assert_eq!(e.canonical()["flowcontrol"], "262144");
        assert_eq!(e.canonical()["trace"], "body");
        assert_eq!(e.canonical()["expiration"], "1500msec");
        let q = one(
            "q redeliveryDelay=30min,maxRedelivery=3,prefetch=none,maxbytes=2GB",
            DestKind::Queue,
        );
        let c = q.canonical();
        assert_eq!(c["redeliverydelay"], "1800");
        assert_eq!(c["prefetch"], "none");
        assert_eq!(c["maxbytes"], (2u64 << 30).to_string());
    }

    #[test]
    fn repeated_property_last_wins_but_all_are_kept() {
        let d = one("q prefetch=1,prefetch=2", DestKind::Queue);
        assert_eq!(d.props().count(), 2);
        assert_eq!(d.prop("prefetch").and_then(|p| p.value), Some("2"));
        assert_eq!(d.canonical()["prefetch"], "2");
    }

    #[test]
    fn errors_and_recovery() {
        let bad: &[(&str, &str)] = &[
            ("q frobnicate", "`frobnicate`"),
            ("q import=RV01,RV02", "import=\"RV01,RV02\""),
            ("q *store=$sys.failsafe", "inherited"),
            ("q export=RV", "not a queue property"),
            ("q channel=c", "not a queue property"),
            ("q secure=yes", "takes no value"),
            ("q maxbytes=1TB", "unknown unit `TB`"),
            ("q maxbytes=big", "not a size"),
            ("q maxmsgs=-1", "whole number"),
            ("q maxmsgs=99999999999999999999999", "too large"),
            ("q expiration=5weeks", "unknown unit `weeks`"),
            ("q overflowPolicy=drop", "discardOld"),
            ("q trace=head", "body"),
            ("q store=", "needs a value"),
            ("q secure,,global", "empty property"),
            ("q secure,", "empty property"),
            ("q secure global", "missing comma"),
            ("q store=a global", "missing comma"),
            ("q =5", "no name"),
            ("q import=\"RV01,RV02", "unterminated"),
            ("q import=\"A,,B\"", "empty name"),
            ("[a, ,b]q", "empty JNDI"),
            ("[a q", "not closed"),
            ("[a]", "no queue name"),
            ("a..b", "empty element"),
            (".a", "empty element"),
            ("a.", "empty element"),
        ];
        let mut text = String::new();
        for (line, _) in bad {
            text.push_str(line);
            text.push_str("\nok.queue secure\n");
        }
        let file = parse(&text, DestKind::Queue);
        assert_eq!(file.errors.len(), bad.len(), "{:#?}", file.errors);
        assert_eq!(file.destinations.len(), bad.len());
        for (error, (line, want)) in file.errors.iter().zip(bad) {
            assert!(
                error.message.contains(*want),
                "{line}: {} lacks {want}",
                error.message
            );
            assert!(text.get(error.span.clone()).is_some());
        }
        assert!(file.destinations.iter().all(|d| d.name == "ok.queue"));
    }

    #[test]
    fn topic_only_rules() {
        let file = parse(
            "t exclusive\nt prefetch=none\nt maxRedelivery=2\nt redeliveryDelay=15\n",
            DestKind::Topic,
        );
        assert_eq!(file.errors.len(), 4, "{:?}", file.errors);
        assert!(file.errors[1].message.contains("queues only"));
    }

    #[test]
    fn spans_crlf_comments_bom_and_trailing_blanks() {
        let text = "\u{feff}# c\r\n; c\r\n> \r\n  indented.q   secure , global  \r\n";
        let file = parse(text, DestKind::Queue);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        assert_eq!(file.destinations[0].name, ">");
        let d = &file.destinations[1];
        assert_eq!(&text[d.name_span.clone()], "indented.q");
        assert_eq!(&text[d.line_span.clone()], "indented.q   secure , global");
        assert_eq!(&text[d.props().nth(1).unwrap().span], "global");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "[", "]", "[]", "\"", "a \"", "a ,", "a =", "a ==", "é ü=ö", "\u{feff}", "a b=\"\"",
        ] {
            let _ = parse(text, DestKind::Queue);
            let _ = parse(text, DestKind::Topic);
        }
    }

    #[test]
    fn corpus_files_parse() {
        let Some(files) = crate::ems::corpus::files(|n| kind_of(n).is_some()) else {
            return;
        };
        let mut seen = 0;
        for path in files {
            let kind = kind_of(path.file_name().and_then(|n| n.to_str()).unwrap()).unwrap();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let file = parse(&text, kind);
            seen += 1;
            if path.extension().is_some_and(|e| e == "erb") {
                continue;
            }
            assert!(
                file.errors.is_empty(),
                "{}: {:?}",
                path.display(),
                file.errors
            );
            assert!(!file.destinations.is_empty(), "{}", path.display());
        }
        assert!(
            seen >= 4,
            "too few queues/topics files under $EMSFTLINT_CORPUS"
        );
    }

    fn kind_of(name: &str) -> Option<DestKind> {
        let conf = name.ends_with(".conf") || name.ends_with(".conf.erb");
        if conf && name.starts_with("queues") {
            Some(DestKind::Queue)
        } else if conf && name.starts_with("topics") {
            Some(DestKind::Topic)
        } else {
            None
        }
    }
}
