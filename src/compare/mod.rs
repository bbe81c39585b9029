//! The one comparison engine: every sub-file of the two servers, compared by meaning.
//!
//! Each file's entries are keyed by identity (a destination's name; a user's, a group's, an
//! INI section's name; `(kind, destination, principal)` for an ACL entry; `(topic, durable)`;
//! `(source, target)` for a bridge; `(transport, listener, subject)` for tibrvcm) and carry
//! their value in canonical form (the parsers' `canonical()` methods), so that order of lines,
//! sections, properties and permissions, white space, comments, line endings and quoting
//! never matter. Both sides are grouped by key and merged ([`differences`]): an entry is only
//! on primary, only on backup, or changed. Messages, renderings and diffs are built only for
//! the entries that differ, and not at all when the two files are byte for byte the same.
//!
//! [`report_differences`] turns the differences into findings: one per entry, at the entry's
//! line on each side (the file, when a side has no such entry), with a diff of the canonical
//! entry; or, past [`DRIFT_LIMIT`] differences in one file, one finding for the file with a
//! count and a diff of every entry that differs. Secrets (the INI parser's `<secret …>`
//! fingerprints) are compared by fingerprint and shown as `<secret>`.
//!
//! `spec.rs` says how each of the 13 sub-files is keyed, valued and shown ([`ALL`]);
//! `destinations.rs` judges queues' and topics' differences by their effective properties.

mod destinations;
mod report;
mod spec;

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use crate::model::server::{Server, SubFile};
use crate::model::Pair;
use crate::settings::Settings;

pub use destinations::report_destinations;
pub use report::{
    differing_fields, explain_fields, report_differences, report_judged, ReportOptions, Verdict,
    DRIFT_LIMIT, DRIFT_SHOWN,
};
pub use spec::{
    description_only, ignored, Spec, ACL, ALL, BRIDGES, CHANNELS, DURABLES, FACTORIES, GROUPS,
    QUEUES, ROUTES, STORES, TIBRVCM, TOPICS, TRANSPORTS, USERS,
};

/// An entry's value by meaning: field name → canonical text.
pub type Fields = BTreeMap<String, String>;

/// An entry's identity: up to four parts, borrowed from the file's text (unused parts empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Key<'a>(pub [&'a str; 4]);

impl<'a> Key<'a> {
    pub fn one(name: &'a str) -> Self {
        Key([name, "", "", ""])
    }

    pub fn part(&self, i: usize) -> &'a str {
        self.0.get(i).copied().unwrap_or("")
    }
}

/// An entry in canonical form: its identity, its value by meaning and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalEntry<'a> {
    pub key: Key<'a>,
    pub value: Fields,
    pub span: Range<usize>,
}

/// How an entry differs between the two servers' files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference<'a> {
    OnlyPrimary(CanonicalEntry<'a>),
    OnlyBackup(CanonicalEntry<'a>),
    Changed(CanonicalEntry<'a>, CanonicalEntry<'a>),
}

impl<'a> Difference<'a> {
    pub fn key(&self) -> &Key<'a> {
        match self {
            Difference::OnlyPrimary(e) | Difference::OnlyBackup(e) | Difference::Changed(e, _) => {
                &e.key
            }
        }
    }
}

/// An entry as the engine meets it: identity, place, and the text its value is read from.
/// Its value by meaning ([`Spec::value`]) is built only for the keys whose texts differ
/// between the two servers, so a large file that holds the other's entries in another order
/// costs no value at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'a> {
    pub key: Key<'a>,
    /// The whole entry (a group with its members, a section with its properties).
    pub span: Range<usize>,
    /// Where a repeat of the entry is shown: its line, or the header of a group or section.
    pub head: Range<usize>,
    /// Text that alone determines the value (the entry's line): two items with one key and
    /// equal texts have equal values. `None` when the value depends on more (a group's
    /// member lines, a section's properties, the server's name).
    pub text: Option<&'a str>,
}

/// Which of the entries with one key EMS goes by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeps {
    First,
    Last,
    /// All of them: their values add up (ACL grants).
    All,
}

/// A fast 32-bit hash of a key (FxHash, both halves folded). It only orders the work: keys
/// are always compared in full where hashes are equal, and what is reported is sorted by key.
fn key_hash(key: &Key<'_>) -> u32 {
    let mut hasher = rustc_hash::FxHasher::default();
    key.hash(&mut hasher);
    let h = hasher.finish();
    (h ^ (h >> 32)) as u32
}

/// One server's entries of one file grouped by key, as positions in the server's parsed
/// list: sixteen bytes an entry, whatever its size, so that a file of 300,000 entries is
/// grouped without copying its keys. Groups are in (hash, key) order, each group's entries
/// in file order; sorting four-byte hashes keeps the work from costing millions of string
/// comparisons, and keys are compared only where hashes are equal.
#[derive(Debug, Clone, Default)]
pub struct Grouped {
    slots: Vec<Slot>,
    /// Where each group starts in `slots`, then `slots.len()`.
    starts: Vec<u32>,
}

/// An entry as the merge first looks at it: where the entry's text is in the file is kept
/// here, so that two entries with equal texts are found equal without a look at the parsed
/// list (in hash order, each look is a cache miss).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    hash: u32,
    /// Position in the server's parsed list.
    at: u32,
    /// The entry's [`Item::text`] as a range of the file's text; `len` is `u32::MAX` when it
    /// has none.
    text_start: u32,
    text_len: u32,
}

impl Slot {
    /// The entry's text, from the text of the file it was read from.
    fn text<'t>(&self, file: &'t str) -> Option<&'t str> {
        if self.text_len == u32::MAX {
            return None;
        }
        let start = self.text_start as usize;
        file.get(start..start + self.text_len as usize)
    }
}

impl Grouped {
    fn new(spec: &Spec, server: &Server<'_>) -> Self {
        // Positions are u32: the file size cap keeps a list far below four billion entries.
        let count = (spec.count)(server).min(u32::MAX as usize);
        let file = file_text(spec, server);
        let key = |at: u32| (spec.item)(server, at as usize).map(|item| item.key);
        let mut slots: Vec<Slot> = Vec::with_capacity(count);
        slots.extend((0..count as u32).filter_map(|at| {
            let item = (spec.item)(server, at as usize)?;
            let (text_start, text_len) = item
                .text
                .and_then(|text| range_in(text, file))
                .unwrap_or((0, u32::MAX));
            Some(Slot {
                hash: key_hash(&item.key),
                at,
                text_start,
                text_len,
            })
        }));
        slots.sort_unstable_by(|a, b| {
            a.hash
                .cmp(&b.hash)
                .then_with(|| key(a.at).cmp(&key(b.at)))
                .then(a.at.cmp(&b.at))
        });
        let mut starts = Vec::with_capacity(slots.len() + 1);
        if !slots.is_empty() {
            starts.push(0);
        }
        for (n, pair) in slots.windows(2).enumerate() {
            if pair[0].hash != pair[1].hash || key(pair[0].at) != key(pair[1].at) {
                starts.push(n as u32 + 1);
            }
        }
        starts.push(slots.len() as u32);
        Grouped { slots, starts }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn group(&self, group: usize) -> &[Slot] {
        let start = self.starts[group] as usize;
        let end = self.starts[group + 1] as usize;
        &self.slots[start..end]
    }

    fn hash(&self, group: usize) -> u32 {
        self.group(group)[0].hash
    }

    /// The position of the group's first entry in the server's list.
    fn first(&self, group: usize) -> usize {
        self.group(group)[0].at as usize
    }

    /// The entries of a group that make its value, in file order.
    fn kept(&self, group: usize, keeps: Keeps) -> &[Slot] {
        let all = self.group(group);
        match keeps {
            Keeps::First => &all[..1],
            Keeps::Last => &all[all.len() - 1..],
            Keeps::All => all,
        }
    }
}

/// The text of the file a server's entries of `spec` are read from ("" when it has none).
fn file_text<'a>(spec: &Spec, server: &Server<'a>) -> &'a str {
    match server.sub_file(spec.param) {
        SubFile::Read(file) => &file.text,
        SubFile::NotNamed | SubFile::Unreadable => "",
    }
}

/// Where `part` is in `text`, when it is a slice of it (and the range fits in u32s).
fn range_in(part: &str, text: &str) -> Option<(u32, u32)> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start.checked_add(part.len())?;
    if end > text.len() || part.len() >= u32::MAX as usize {
        return None;
    }
    Some((u32::try_from(start).ok()?, part.len() as u32))
}

/// Merges two servers' grouped entries in one pass and builds values only where texts
/// differ; entries about ignored destinations are left out. Returns the differences in key
/// order and the number of distinct keys.
fn differences<'a>(
    spec: &Spec,
    settings: &Settings,
    (sa, ga): (&Server<'a>, &Grouped),
    (sb, gb): (&Server<'a>, &Grouped),
) -> (Vec<Difference<'a>>, usize) {
    let keeps = spec.keeps;
    let (text_a, text_b) = (file_text(spec, sa), file_text(spec, sb));
    let key = |server: &Server<'a>, at: usize| (spec.item)(server, at).map(|item| item.key);
    let skipped = |server: &Server<'a>, grouped: &Grouped, group: usize| {
        !settings.ignore_destinations.is_empty()
            && key(server, grouped.first(group)).is_some_and(|k| spec.ignored(settings, &k))
    };
    // A group as an entry by meaning: its value built, at the first kept entry's place.
    let entry =
        |server: &Server<'a>, grouped: &Grouped, group: usize| -> Option<CanonicalEntry<'a>> {
            let kept = grouped.kept(group, keeps);
            let first = (spec.item)(server, kept[0].at as usize)?;
            let at: Vec<usize> = kept.iter().map(|slot| slot.at as usize).collect();
            Some(CanonicalEntry {
                key: first.key,
                value: (spec.value)(server, &at),
                span: first.span,
            })
        };
    let equal_texts =
        |x: &Slot, y: &Slot| x.text(text_a).is_some_and(|x| y.text(text_b) == Some(x));
    // Whether two groups are equal by their texts alone, without building a value.
    let same_text = |i: usize, j: usize| match (ga.kept(i, keeps), gb.kept(j, keeps)) {
        ([x], [y]) => equal_texts(x, y),
        _ => false,
    };
    // Two entries alone under their hash with equal texts: one key (when the text holds the
    // key) and one value, known without a look at the parsed lists.
    let same_entry = |i: usize, j: usize| {
        spec.text_holds_key && matches!((ga.group(i), gb.group(j)), ([x], [y]) if equal_texts(x, y))
    };
    let mut out = Vec::new();
    let (mut i, mut j, mut distinct) = (0, 0, 0);
    loop {
        let order = match (i < ga.len(), j < gb.len()) {
            (false, false) => break,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (true, true) if ga.hash(i) == gb.hash(j) && same_entry(i, j) => {
                if !skipped(sa, ga, i) {
                    distinct += 1;
                }
                i += 1;
                j += 1;
                continue;
            }
            (true, true) => ga
                .hash(i)
                .cmp(&gb.hash(j))
                .then_with(|| key(sa, ga.first(i)).cmp(&key(sb, gb.first(j)))),
        };
        match order {
            Ordering::Less => {
                if !skipped(sa, ga, i) {
                    distinct += 1;
                    out.extend(entry(sa, ga, i).map(Difference::OnlyPrimary));
                }
                i += 1;
            }
            Ordering::Greater => {
                if !skipped(sb, gb, j) {
                    distinct += 1;
                    out.extend(entry(sb, gb, j).map(Difference::OnlyBackup));
                }
                j += 1;
            }
            Ordering::Equal => {
                if !skipped(sa, ga, i) {
                    distinct += 1;
                    if !same_text(i, j) {
                        if let (Some(x), Some(y)) = (entry(sa, ga, i), entry(sb, gb, j)) {
                            if x.value != y.value {
                                out.push(Difference::Changed(x, y));
                            }
                        }
                    }
                }
                i += 1;
                j += 1;
            }
        }
    }
    out.sort_by(|x, y| x.key().cmp(y.key()));
    (out, distinct)
}

/// Every difference of one sub-file between the pair's two servers, in key order, as the
/// equivalence rules see them (for `--fix-from`); none without a backup.
pub fn pair_differences<'a>(pair: &Pair<'a>, spec: &Spec) -> Vec<Difference<'a>> {
    let Some(backup) = &pair.backup else {
        return Vec::new();
    };
    let (primary, backup_items) = (
        grouped(pair, spec, &pair.primary),
        grouped(pair, spec, backup),
    );
    differences(
        spec,
        pair.settings,
        (&pair.primary, &primary),
        (backup, &backup_items),
    )
    .0
}

/// Each key a server's file defines again: `(key, first definition, repeat)`, at the
/// entries' heads, in file order of the repeats.
pub fn duplicates<'a>(
    pair: &Pair<'a>,
    spec: &Spec,
    server: &Server<'a>,
) -> Vec<(Key<'a>, Range<usize>, Range<usize>)> {
    let grouped = grouped(pair, spec, server);
    let mut out = Vec::new();
    for group in 0..grouped.len() {
        // Only keys written more than once: the first in the file is the definition.
        let [first, repeats @ ..] = grouped.group(group) else {
            continue;
        };
        if repeats.is_empty() {
            continue;
        }
        let Some(first) = (spec.item)(server, first.at as usize) else {
            continue;
        };
        for again in repeats {
            if let Some(again) = (spec.item)(server, again.at as usize) {
                out.push((first.key, first.head.clone(), again.head));
            }
        }
    }
    out.sort_by_key(|d| d.2.start);
    out
}

// ---------------------------------------------------------------------------------------
// The pair's cache of grouped entries.

/// A server's entries of one file, grouped: kept in the pair's engine cache for the files of
/// [`ALL`], built afresh for another spec.
fn grouped<'p>(pair: &'p Pair<'_>, spec: &Spec, server: &Server<'_>) -> Cow<'p, Grouped> {
    let slot = ALL
        .iter()
        .position(|s| std::ptr::eq(*s, spec))
        .and_then(|i| pair.engine_cache.slot(server.side(), i));
    let cached = slot.and_then(|slot| {
        slot.get_or_init(|| Box::new(Grouped::new(spec, server)))
            .downcast_ref::<Grouped>()
    });
    match cached {
        Some(grouped) => Cow::Borrowed(grouped),
        None => Cow::Owned(Grouped::new(spec, server)),
    }
}

#[cfg(test)]
mod tests;
