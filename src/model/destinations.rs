//! The effective properties of a server's queues and topics: what EMS gives a destination
//! from its own line and from the wildcard destinations above it (its parents: `>`, `*`,
//! `orders.>` …, every other line whose name matches it, formats.md §5). Each property follows
//! the inheritance rule the catalog gives it ([`Inherit`], with its TIBCO citation); where
//! the docs are silent both readings are computed, and two destinations agree when they agree
//! under either ([`Effective::agrees`]), so that a silent point never makes a false error.
//!
//! The index of a file's names and wildcards is built once per server and file, on first use
//! (`Server::destinations`); a destination's effective properties are computed when first
//! asked for (the comparison needs them only for the entries whose lines differ) and kept
//! there for every rule, a name without a line of its own (a destination created on demand)
//! computed each time.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasher;
use std::sync::OnceLock;

use hashbrown::hash_table::{Entry, HashTable};
use rustc_hash::FxBuildHasher;

use crate::ems::destinations::{
    properties, CheckedValue, DestKind, Destination, DestinationsFile, Inherit, PropSpec,
};
use crate::ems::names::{covers, is_wildcard};

/// A destination's properties by meaning: lower-cased property name → canonical value (`""`
/// for a flag), as [`Destination::canonical`] writes them.
pub type Fields = BTreeMap<String, String>;

/// The store of a destination that names none: "Persistent messages without a store property
/// designation are written to $sys.nonfailsafe by default" (Default Stores,
/// <https://docs.tibco.com/pub/ems/10.4.0/doc/html/users-guide/default-store-files.htm>).
pub const DEFAULT_STORE: &str = "$sys.nonfailsafe";

/// `prefetch` where neither the destination nor a parent sets a number: "the default value is
/// 5 queues and 64 for topics" (prefetch Values,
/// <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-7687D8CC-02F9-4896-A0DC-80B1DFCA35B0.html>).
pub const fn default_prefetch(kind: DestKind) -> u64 {
    match kind {
        DestKind::Queue => 5,
        DestKind::Topic => 64,
    }
}

/// The readings of what the docs leave open: the first is the one messages show.
const READINGS: usize = 2;

/// What EMS gives one destination, by meaning, under each reading of the docs, with the
/// documented defaults left out (`prefetch` is always there: its default depends on the kind)
/// and the JNDI names of its own line under `"jndi"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    pub readings: [Fields; READINGS],
    /// For each property of the first reading, the lines it comes from: the destination's own
    /// name, or the wildcard destinations it inherits it from.
    pub origins: BTreeMap<String, Vec<String>>,
}

impl Effective {
    /// The effective properties under the first reading.
    pub fn fields(&self) -> &Fields {
        &self.readings[0]
    }

    /// Whether two destinations behave the same under some reading of the docs.
    pub fn agrees(&self, other: &Effective) -> bool {
        self.readings
            .iter()
            .zip(&other.readings)
            .any(|(a, b)| a == b)
    }

    /// Whether any reading gives `field` this value.
    pub fn may_be(&self, field: &str, value: &str) -> bool {
        self.readings
            .iter()
            .any(|r| r.get(field).map(String::as_str) == Some(value))
    }

    /// The wildcard destinations `field` comes from, when it is inherited rather than set on
    /// the destination `own`'s line.
    pub fn inherited_from(&self, field: &str, own: &str) -> Vec<&str> {
        self.origins
            .get(field)
            .map(|o| o.iter().map(String::as_str).filter(|n| *n != own).collect())
            .unwrap_or_default()
    }
}

/// One server's queues.conf or topics.conf, indexed for inheritance: each name's last
/// definition (the one EMS goes by), found by hashing its name, and the wildcard names among
/// them, grouped by their first element so that a name is only matched against the
/// wildcards that can match it.
#[derive(Debug, Default)]
pub struct DestinationIndex {
    /// Positions in the file's list of each name's last definition, by the hash of the name.
    by_name: HashTable<u32>,
    /// Positions of the lines a later line of the same name overrides, in file order.
    superseded: Vec<u32>,
    /// The positions of `by_name` sorted by name, made when first asked for: only the
    /// destinations under a wildcard need it.
    sorted: OnceLock<Vec<u32>>,
    /// The effective properties of the destination at each position of the file's list,
    /// each computed on first use (the slots themselves are made on the first).
    effective: OnceLock<Box<[OnceLock<Effective>]>>,
    /// Wildcards whose first element is a literal, by that element.
    wildcards_by_first: HashMap<String, Vec<u32>>,
    /// Wildcards whose first element is `*` or `>`.
    wildcards_any: Vec<u32>,
}

fn hash(name: &str) -> u64 {
    FxBuildHasher.hash_one(name)
}

impl DestinationIndex {
    fn new(file: &DestinationsFile<'_>) -> DestinationIndex {
        let list = &file.destinations;
        let mut index = DestinationIndex::default();
        index
            .by_name
            .reserve(list.len(), |&at| hash(list[at as usize].name));
        for (at, destination) in list.iter().enumerate().take(u32::MAX as usize) {
            let at = at as u32;
            let name = destination.name;
            match index.by_name.entry(
                hash(name),
                |&other| list[other as usize].name == name,
                |&other| hash(list[other as usize].name),
            ) {
                Entry::Occupied(mut earlier) => {
                    index.superseded.push(*earlier.get());
                    *earlier.get_mut() = at;
                }
                Entry::Vacant(slot) => {
                    slot.insert(at);
                }
            }
        }
        index.superseded.sort_unstable();
        for (at, destination) in list.iter().enumerate().take(u32::MAX as usize) {
            let name = destination.name;
            if !is_wildcard(name) || index.superseded.binary_search(&(at as u32)).is_ok() {
                continue;
            }
            match name.split('.').next() {
                Some("*" | ">") | None => index.wildcards_any.push(at as u32),
                Some(first) => index
                    .wildcards_by_first
                    .entry(first.to_string())
                    .or_default()
                    .push(at as u32),
            }
        }
        // In name order, as the messages list them.
        let by_name = |a: &u32, b: &u32| list[*a as usize].name.cmp(list[*b as usize].name);
        index.wildcards_any.sort_unstable_by(by_name);
        for wildcards in index.wildcards_by_first.values_mut() {
            wildcards.sort_unstable_by(by_name);
        }
        index
    }
}

/// A server's destinations of one kind with their index: what the rules ask about
/// inheritance.
#[derive(Clone, Copy)]
pub struct Destinations<'s, 'a> {
    pub kind: DestKind,
    pub file: &'s DestinationsFile<'a>,
    index: &'s DestinationIndex,
}

impl<'s, 'a> Destinations<'s, 'a> {
    /// A file with its index, built in `slot` on first use.
    pub fn new(
        kind: DestKind,
        file: &'s DestinationsFile<'a>,
        slot: &'s OnceLock<DestinationIndex>,
    ) -> Destinations<'s, 'a> {
        Destinations {
            kind,
            file,
            index: slot.get_or_init(|| DestinationIndex::new(file)),
        }
    }

    fn at(&self, at: u32) -> &'s Destination<'a> {
        &self.file.destinations[at as usize]
    }

    /// Where the line EMS goes by for this name is in the file's list.
    fn position(&self, name: &str) -> Option<u32> {
        self.index
            .by_name
            .find(hash(name), |&at| self.at(at).name == name)
            .copied()
    }

    /// The line EMS goes by for this name (the last of repeated ones).
    pub fn get(&self, name: &str) -> Option<&'s Destination<'a>> {
        self.position(name).map(|at| self.at(at))
    }

    /// The positions of the lines EMS goes by, sorted by name.
    fn sorted(&self) -> &'s [u32] {
        self.index.sorted.get_or_init(|| {
            let mut sorted: Vec<u32> = self.index.by_name.iter().copied().collect();
            sorted.sort_unstable_by(|a, b| self.at(*a).name.cmp(self.at(*b).name));
            sorted
        })
    }

    /// The lines EMS goes by, in file order: each name's last definition.
    pub fn in_force(&self) -> impl Iterator<Item = &'s Destination<'a>> + '_ {
        let superseded = &self.index.superseded;
        self.file
            .destinations
            .iter()
            .enumerate()
            .filter(move |(at, _)| superseded.binary_search(&(*at as u32)).is_err())
            .map(|(_, destination)| destination)
    }

    /// Whether the line of `own` or a wildcard above `name` writes `property` (a catalog
    /// name, in any case). What no line writes EMS gives by its default, so a rule that looks
    /// for a written value can skip a destination for which this is false without computing
    /// its effective properties.
    pub fn writes(&self, name: &str, own: Option<&Destination<'a>>, property: &str) -> bool {
        let written = |d: &Destination<'_>| d.prop(property).is_some();
        own.is_some_and(written) || self.parents(name).any(written)
    }

    /// The wildcard destinations above `name`: every other wildcard line that matches it, and
    /// for a wildcard name every one that matches all the names it stands for (`orders.>` is
    /// above `orders.*`; `orders.*` is above `orders.a` but not above `orders.>`).
    pub fn parents<'n>(&'n self, name: &'n str) -> impl Iterator<Item = &'s Destination<'a>> + 'n {
        let first = name.split('.').next().unwrap_or_default();
        let literal = self.index.wildcards_by_first.get(first);
        literal
            .into_iter()
            .flatten()
            .chain(&self.index.wildcards_any)
            .map(|&at| self.at(at))
            .filter(move |d| d.name != name && covers(d.name, name))
    }

    /// Whether the server has this destination: on a line of its own, or created on demand
    /// under a wildcard that matches it ("The EMS server may dynamically create destinations
    /// on behalf of its clients", Wildcards and Dynamically Created Destinations,
    /// <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-E368C271-09D5-41A0-A74C-828306CA3AD1.html>).
    pub fn allows(&self, name: &str) -> bool {
        self.get(name).is_some() || self.parents(name).next().is_some()
    }

    /// Whether every destination `pattern` (a name or a wildcard) stands for is allowed here:
    /// it has a line of its own, or a wildcard line covers all it matches.
    pub fn covers(&self, pattern: &str) -> bool {
        if self.get(pattern).is_some() {
            return true;
        }
        let first = pattern.split('.').next().unwrap_or_default();
        let literal = self.index.wildcards_by_first.get(first);
        literal
            .into_iter()
            .flatten()
            .chain(&self.index.wildcards_any)
            .any(|&at| covers(self.at(at).name, pattern))
    }

    /// The destinations on lines of their own that `pattern` (a wildcard) matches, itself left
    /// out, in name order.
    pub fn children(&self, pattern: &str) -> Vec<&'s Destination<'a>> {
        // Names under a literal prefix (`orders.` of `orders.*.eu`) are one run of the
        // sorted list.
        let literal: Vec<&str> = pattern
            .split('.')
            .take_while(|e| *e != "*" && *e != ">")
            .collect();
        let prefix = if literal.is_empty() {
            String::new()
        } else {
            format!("{}.", literal.join("."))
        };
        let sorted = self.sorted();
        let start = sorted.partition_point(|&at| self.at(at).name < prefix.as_str());
        sorted[start..]
            .iter()
            .map(|&at| self.at(at))
            .take_while(|d| d.name.starts_with(&prefix))
            .filter(|d| d.name != pattern && covers(pattern, d.name))
            .collect()
    }

    /// What EMS gives the destination `name`: its own line's properties (if it has a line)
    /// combined with its parents' by each property's rule.
    /// A destination with a line of its own is computed once per server.
    pub fn effective(&self, name: &str) -> Cow<'s, Effective> {
        let compute = || {
            let own = self.get(name);
            let parents: Vec<&Destination<'a>> = self.parents(name).collect();
            effective(self.kind, own, &parents)
        };
        let Some(at) = self.position(name) else {
            return Cow::Owned(compute());
        };
        let slots = self.index.effective.get_or_init(|| {
            (0..self.file.destinations.len())
                .map(|_| OnceLock::new())
                .collect()
        });
        match slots.get(at as usize) {
            Some(slot) => Cow::Borrowed(slot.get_or_init(compute)),
            None => Cow::Owned(compute()),
        }
    }
}

/// The last value of each property on one line (a line has few: a list is cheaper than a map).
fn last_values<'a>(d: &Destination<'a>) -> Vec<(&'static str, CheckedValue<'a>)> {
    let mut values: Vec<(&'static str, CheckedValue<'a>)> = Vec::new();
    for (spec, value) in d.typed_props() {
        match values.iter_mut().find(|(name, _)| *name == spec.name) {
            Some(slot) => slot.1 = value,
            None => values.push((spec.name, value)),
        }
    }
    values
}

fn value_of<'a>(
    values: &[(&'static str, CheckedValue<'a>)],
    name: &str,
) -> Option<CheckedValue<'a>> {
    values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// Combines a destination's own line (if any) with its parents' lines.
pub fn effective<'a>(
    kind: DestKind,
    own: Option<&Destination<'a>>,
    parents: &[&Destination<'a>],
) -> Effective {
    // Only what the line itself sets is traced to its name.
    let name = own.map_or("", |d| d.name);
    let own_values = own.map(last_values).unwrap_or_default();
    let parent_values: Vec<(&'a str, Vec<(&'static str, CheckedValue<'a>)>)> =
        parents.iter().map(|p| (p.name, last_values(p))).collect();
    let mut out = Effective {
        readings: Default::default(),
        origins: BTreeMap::new(),
    };
    for spec in properties(kind) {
        let mine = value_of(&own_values, spec.name);
        let theirs: Vec<(&'a str, CheckedValue<'a>)> = parent_values
            .iter()
            .filter_map(|(parent, values)| Some((*parent, value_of(values, spec.name)?)))
            .collect();
        if mine.is_none() && theirs.is_empty() && spec.inherit != Inherit::Prefetch {
            continue;
        }
        let field = spec.name.to_ascii_lowercase();
        for (reading, fields) in out.readings.iter_mut().enumerate() {
            let combined = combine((kind, spec), name, mine, (&theirs, parents.len()), reading);
            let Some((value, origins)) = combined else {
                continue;
            };
            if reading == 0 {
                let origins = origins.into_iter().map(str::to_string).collect();
                out.origins.insert(field.clone(), origins);
            }
            fields.insert(field.clone(), value);
        }
    }
    if let Some(own) = own.filter(|d| !d.jndi.is_empty()) {
        let jndi: BTreeSet<&str> = own.jndi.iter().copied().collect();
        let jndi = jndi.into_iter().collect::<Vec<_>>().join(",");
        for fields in &mut out.readings {
            fields.insert("jndi".to_string(), jndi.clone());
        }
    }
    out
}

/// An effective value as a message shows it: flags as `set`, sizes in the largest unit that
/// divides them, and what not setting a property means.
pub fn shown(field: &str, value: Option<&str>) -> String {
    match (field, value) {
        (_, Some("")) => "set".to_string(),
        ("maxbytes" | "flowcontrol", Some(v)) => match v.parse::<u64>() {
            Ok(n) => size(n),
            Err(_) => v.to_string(),
        },
        (_, Some(v)) => v.to_string(),
        ("store", None) => format!("{DEFAULT_STORE} (the default)"),
        ("maxbytes" | "maxmsgs", None) => "not set (no limit)".to_string(),
        ("overflowpolicy", None) => "default".to_string(),
        (_, None) => "not set".to_string(),
    }
}

/// `1GB`, `64MB`, `1500`.
fn size(n: u64) -> String {
    for (unit, factor) in [("GB", 1u64 << 30), ("MB", 1 << 20), ("KB", 1 << 10)] {
        if n != 0 && n.is_multiple_of(factor) {
            return format!("{}{unit}", n / factor);
        }
    }
    n.to_string()
}

/// A number a value stands for, for the rules that order values (sizes, counts, times).
fn magnitude(value: CheckedValue<'_>) -> Option<u64> {
    match value {
        CheckedValue::Number(n) | CheckedValue::Millis(n) => Some(n),
        _ => None,
    }
}

/// One property's effective value under one reading, and where it comes from; `None` when
/// the destination does not have it (or has it at its documented default).
/// `theirs` holds the parents that set the property, of `parent_count` parents.
fn combine<'a>(
    (kind, spec): (DestKind, &PropSpec),
    name: &'a str,
    mine: Option<CheckedValue<'a>>,
    (theirs, parent_count): (&[(&'a str, CheckedValue<'a>)], usize),
    reading: usize,
) -> Option<(String, Vec<&'a str>)> {
    let names = |values: &[(&'a str, CheckedValue<'a>)]| values.iter().map(|(n, _)| *n).collect();
    match spec.inherit {
        Inherit::Union => match mine {
            Some(_) => Some((String::new(), vec![name])),
            None if !theirs.is_empty() => Some((String::new(), names(theirs))),
            None => None,
        },
        Inherit::Trace => {
            let all: Vec<(&'a str, CheckedValue<'a>)> = mine
                .map(|v| (name, v))
                .into_iter()
                .chain(theirs.iter().copied())
                .collect();
            let body: Vec<(&'a str, CheckedValue<'a>)> = all
                .iter()
                .copied()
                .filter(|(_, v)| *v == CheckedValue::Text("body"))
                .collect();
            match (body.is_empty(), all.is_empty()) {
                (false, _) => Some(("body".to_string(), names(&body))),
                (true, false) => Some((String::new(), names(&all))),
                (true, true) => None,
            }
        }
        Inherit::Smallest { zero_unset } => {
            // The first reading: a documented "0 means not set" is no value at all. The
            // second: `0` is a value like any other, and the smallest.
            let ignored =
                |v: &CheckedValue<'_>| zero_unset && reading == 0 && magnitude(*v) == Some(0);
            let (value, from) = match mine.filter(|v| !ignored(v)) {
                Some(v) => (v, vec![name]),
                None => {
                    let candidates: Vec<&(&'a str, CheckedValue<'a>)> =
                        theirs.iter().filter(|(_, v)| !ignored(v)).collect();
                    let smallest = candidates.iter().filter_map(|(_, v)| magnitude(*v)).min()?;
                    let from: Vec<&'a str> = candidates
                        .iter()
                        .filter(|(_, v)| magnitude(*v) == Some(smallest))
                        .map(|(n, _)| *n)
                        .collect();
                    let value = candidates
                        .iter()
                        .find(|(_, v)| magnitude(*v) == Some(smallest))
                        .map(|(_, v)| *v)?;
                    (value, from)
                }
            };
            if zero_unset && magnitude(value) == Some(0) {
                return None;
            }
            Some((value.canonical(), from))
        }
        Inherit::Prefetch => Some(prefetch(kind, name, mine, (theirs, parent_count), reading)),
        Inherit::Overflow => {
            let non_default = |v: &CheckedValue<'_>| *v != CheckedValue::Text("default");
            if let Some(v) = mine.filter(non_default) {
                return Some((v.canonical(), vec![name]));
            }
            for policy in ["rejectIncoming", "discardOld"] {
                let from: Vec<&'a str> = theirs
                    .iter()
                    .filter(|(_, v)| *v == CheckedValue::Text(policy))
                    .map(|(n, _)| *n)
                    .collect();
                if !from.is_empty() {
                    return Some((policy.to_string(), from));
                }
            }
            None
        }
        Inherit::One => {
            let (value, from) = match mine {
                Some(v) => (v.canonical(), vec![name]),
                None => {
                    let distinct: BTreeSet<String> =
                        theirs.iter().map(|(_, v)| v.canonical()).collect();
                    let value = match distinct.len() {
                        0 => return None,
                        1 => distinct.into_iter().next()?,
                        _ => conflict(&distinct),
                    };
                    (value, names(theirs))
                }
            };
            if spec.name == "store" && value == DEFAULT_STORE {
                return None;
            }
            Some((value, from))
        }
        Inherit::List => {
            // The first reading: a line's list adds to its parents'. The second: a
            // destination's own list replaces its parents'.
            let lists: Vec<(&'a str, CheckedValue<'a>)> = match mine {
                Some(v) if reading == 1 => vec![(name, v)],
                _ => mine
                    .map(|v| (name, v))
                    .into_iter()
                    .chain(theirs.iter().copied())
                    .collect(),
            };
            if lists.is_empty() {
                return None;
            }
            let members: BTreeSet<String> = lists
                .iter()
                .flat_map(|(_, v)| {
                    v.canonical()
                        .split(',')
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect();
            let joined = members.into_iter().collect::<Vec<_>>().join(",");
            Some((joined, names(&lists)))
        }
    }
}

/// The value of a property inherited from overlapping wildcards that set different values.
fn conflict(values: &BTreeSet<String>) -> String {
    let list: Vec<&str> = values.iter().map(String::as_str).collect();
    format!("<conflict: {}>", list.join(" / "))
}

/// Whether an effective value is a conflict of inherited values ([`conflict`]).
pub fn is_conflict(value: &str) -> bool {
    value.starts_with("<conflict: ")
}

/// `prefetch` ([`Inherit::Prefetch`]): whether "all parent destinations set the value none"
/// counts the parents that set no prefetch at all is not said. The first reading leaves them
/// out (an unset prefetch is `0`, "inherit"); the second needs every parent to say `none`.
fn prefetch<'a>(
    kind: DestKind,
    name: &'a str,
    mine: Option<CheckedValue<'a>>,
    (theirs, parent_count): (&[(&'a str, CheckedValue<'a>)], usize),
    reading: usize,
) -> (String, Vec<&'a str>) {
    if let Some(v) = mine.filter(|v| magnitude(*v) != Some(0)) {
        return (v.canonical(), vec![name]);
    }
    let numbers: Vec<(&'a str, u64)> = theirs
        .iter()
        .filter_map(|(n, v)| Some((*n, magnitude(*v).filter(|m| *m > 0)?)))
        .collect();
    if let Some(largest) = numbers.iter().map(|(_, m)| *m).max() {
        let from = numbers
            .iter()
            .filter(|(_, m)| *m == largest)
            .map(|(n, _)| *n)
            .collect();
        return (largest.to_string(), from);
    }
    let none: Vec<&'a str> = theirs
        .iter()
        .filter(|(_, v)| *v == CheckedValue::Text("none"))
        .map(|(n, _)| *n)
        .collect();
    let all_none = match reading {
        0 => !none.is_empty(),
        _ => !none.is_empty() && none.len() == parent_count,
    };
    if all_none {
        return ("none".to_string(), none);
    }
    (default_prefetch(kind).to_string(), Vec::new())
}

#[cfg(test)]
mod tests;
