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

use crate::ems::lines::{capacity, entry_lines, or_record, Line, SyntaxError};

mod parse;
mod props;

pub use parse::parse;
use parse::*;
use props::*;
pub use props::{
    properties, property_form, spec as property_spec, CheckedValue, Inherit, Limits, PropForm,
    PropSpec, PropType,
};

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
                    check(spec.ty, prop.value)
                        .map_or_else(|_| raw(prop.value), CheckedValue::canonical),
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

    /// The catalog's entry and checked value of each property, in the order written (a
    /// property given twice is there twice: the later one wins). A line in `destinations`
    /// passed its checks, so every property is known and valid.
    pub fn typed_props(&self) -> impl Iterator<Item = (&'static PropSpec, CheckedValue<'a>)> {
        self.props().filter_map(|prop| {
            let spec = spec(prop.name)?;
            Some((spec, check(spec.ty, prop.value).ok()?))
        })
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

#[cfg(test)]
mod tests;
