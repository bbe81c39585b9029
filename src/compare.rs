//! The one comparison engine: every sub-file of the two servers, compared by meaning.
//!
//! Each file's entries are keyed by identity (a destination's name; a user's, a group's, an
//! INI section's name; `(kind, destination, principal)` for an ACL entry; `(topic, durable)`;
//! `(source, target)` for a bridge; `(transport, listener, subject)` for tibrvcm) and carry
//! their value in canonical form (the parsers' `canonical()` methods), so that order of lines,
//! sections, properties and permissions, white space, comments, line endings and quoting
//! never matter. Both sides are sorted by key and merged ([`changes`]): an entry is only on
//! primary, only on backup, or changed. Messages, renderings and diffs are built only for the
//! entries that differ, and not at all when the two files are byte for byte the same.
//!
//! [`report`] turns the changes into findings: one per entry, at the entry's line on each
//! side (the file, when a side has no such entry), with a diff of the canonical entry; or,
//! past [`DRIFT_LIMIT`] differences in one file, one finding for the file with a count and a
//! diff of every entry that differs. Secrets (the INI parser's `<secret …>` fingerprints) are
//! compared by fingerprint and shown as `<secret>`.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use crate::ems::ini::IniKind;
use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::model::server::{Parsed, Server, SubFile};
use crate::model::Pair;
use crate::settings::{Mode, Settings};
use crate::source::FileRef;

/// More differences than this in one file become one finding for the file.
pub const DRIFT_LIMIT: usize = 20;

/// From this many bytes in the two files, each side's entries are keyed in a thread of its own.
const PARALLEL_FROM: usize = 1 << 20;

/// The diff of such a finding shows this many entries (in key order) and counts the rest.
pub const DRIFT_SHOWN: usize = 100;

/// An entry's value by meaning: field name → canonical text.
pub type Value = BTreeMap<String, String>;

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

/// One entry of a file: its identity, its value by meaning and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub key: Key<'a>,
    pub value: Value,
    pub span: Range<usize>,
}

/// How an entry differs between the two servers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<'e, 'a> {
    OnlyPrimary(&'e Entry<'a>),
    OnlyBackup(&'e Entry<'a>),
    Changed(&'e Entry<'a>, &'e Entry<'a>),
}

impl<'e, 'a> Change<'e, 'a> {
    pub fn key(&self) -> &'e Key<'a> {
        match self {
            Change::OnlyPrimary(e) | Change::OnlyBackup(e) | Change::Changed(e, _) => &e.key,
        }
    }
}

/// Sorts entries by key and keeps one per key: the first in file order, or the last when
/// `last_wins` (what the file's parser documents EMS to keep).
pub fn index(mut entries: Vec<Entry<'_>>, last_wins: bool) -> Vec<Entry<'_>> {
    if last_wins {
        entries.reverse();
    }
    entries.sort_by(|a, b| a.key.cmp(&b.key));
    entries.dedup_by(|later, kept| later.key == kept.key);
    entries
}

/// The result of merging two indexes.
#[derive(Debug)]
pub struct Comparison<'e, 'a> {
    pub changes: Vec<Change<'e, 'a>>,
    /// Distinct keys on either side.
    pub total: usize,
}

/// Merges two indexes (sorted by key, one entry per key) in one pass.
pub fn changes<'e, 'a>(primary: &'e [Entry<'a>], backup: &'e [Entry<'a>]) -> Comparison<'e, 'a> {
    let mut out = Vec::new();
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < primary.len() || j < backup.len() {
        match (primary.get(i), backup.get(j)) {
            (Some(a), Some(b)) if a.key == b.key => {
                if a.value != b.value {
                    out.push(Change::Changed(a, b));
                }
                common += 1;
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a.key < b.key => {
                out.push(Change::OnlyPrimary(a));
                i += 1;
            }
            (Some(a), None) => {
                out.push(Change::OnlyPrimary(a));
                i += 1;
            }
            (_, Some(b)) => {
                out.push(Change::OnlyBackup(b));
                j += 1;
            }
            (None, None) => break,
        }
    }
    Comparison {
        changes: out,
        total: primary.len() + backup.len() - common,
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

/// Each server's grouped entries of each file of [`ALL`], built once by the first rule that
/// needs them (equivalence and duplicate-entry rules share them).
#[derive(Debug, Default)]
pub struct Indexes {
    primary: [OnceLock<Grouped>; ALL.len()],
    backup: [OnceLock<Grouped>; ALL.len()],
}

/// A server's entries of one file, grouped: from the pair's [`Indexes`] for the files of
/// [`ALL`], built afresh for another spec.
fn grouped<'p>(pair: &'p Pair<'_>, spec: &Spec, server: &Server<'_>) -> Cow<'p, Grouped> {
    let slots = if std::ptr::eq(server, &pair.primary) {
        &pair.indexes.primary
    } else {
        &pair.indexes.backup
    };
    match ALL.iter().position(|s| std::ptr::eq(*s, spec)) {
        Some(i) => Cow::Borrowed(slots[i].get_or_init(|| Grouped::new(spec, server))),
        None => Cow::Owned(Grouped::new(spec, server)),
    }
}

/// What differs between two servers' files, as entries by meaning.
enum Difference<'a> {
    OnlyPrimary(Entry<'a>),
    OnlyBackup(Entry<'a>),
    Changed(Entry<'a>, Entry<'a>),
}

impl<'a> Difference<'a> {
    fn key(&self) -> &Key<'a> {
        match self {
            Difference::OnlyPrimary(e) | Difference::OnlyBackup(e) | Difference::Changed(e, _) => {
                &e.key
            }
        }
    }

    fn change(&self) -> Change<'_, 'a> {
        match self {
            Difference::OnlyPrimary(e) => Change::OnlyPrimary(e),
            Difference::OnlyBackup(e) => Change::OnlyBackup(e),
            Difference::Changed(a, b) => Change::Changed(a, b),
        }
    }
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
    let entry = |server: &Server<'a>, grouped: &Grouped, group: usize| -> Option<Entry<'a>> {
        let kept = grouped.kept(group, keeps);
        let first = (spec.item)(server, kept[0].at as usize)?;
        let at: Vec<usize> = kept.iter().map(|slot| slot.at as usize).collect();
        Some(Entry {
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

/// EMS wildcard matching of a destination name against a pattern: `*` is exactly one
/// element, `>` as the last element is one or more remaining elements (formats.md §5).
/// Anything else matches literally, `*` and `>` in the name included.
pub fn wildcard_match(pattern: &str, name: &str) -> bool {
    let mut pattern = pattern.split('.').peekable();
    let mut name = name.split('.');
    loop {
        match (pattern.next(), name.next()) {
            (None, None) => return true,
            (Some(">"), Some(_)) if pattern.peek().is_none() => return true,
            (Some("*"), Some(_)) => {}
            (Some(p), Some(n)) if p == n => {}
            _ => return false,
        }
    }
}

/// Whether `[ignore] destinations` removes this destination from every comparison.
pub fn ignored(settings: &Settings, destination: &str) -> bool {
    settings
        .ignore_destinations
        .iter()
        .any(|pattern| wildcard_match(pattern, destination))
}

/// What the engine needs to know about one kind of sub-file.
pub struct Spec {
    /// The tibemsd.conf parameter that names the file.
    pub param: &'static str,
    pub noun: &'static str,
    pub plural: &'static str,
    /// Which of the entries with one key EMS goes by.
    pub keeps: Keeps,
    /// How many entries the server's parsed file holds (none without the file).
    pub count: fn(&Server<'_>) -> usize,
    /// The entry at a position of the server's parsed list.
    pub item: for<'a> fn(&Server<'a>, usize) -> Option<Item<'a>>,
    /// The value by meaning of the entry made of the items at these positions of the
    /// server's parsed list (one, or with [`Keeps::All`] every item of the key).
    pub value: for<'a> fn(&Server<'a>, &[usize]) -> Value,
    /// The parts of a key that name destinations, for `ignore.destinations`.
    pub destinations: &'static [usize],
    /// Whether an entry's [`Item::text`] holds its key: equal texts, equal keys.
    pub text_holds_key: bool,
    /// What EMS does with a repeated entry, for duplicate-entry's message.
    pub repeat: &'static str,
    /// `queue `orders.in``, for messages.
    pub describe: fn(&Key<'_>) -> String,
    /// The canonical entry as text, ending with a newline, for diffs.
    pub render: fn(&Key<'_>, &Value) -> String,
    /// How a changed entry differs, the end of "… differs…": `` in `prefetch` `` or
    /// `: a password is set on primary, none on backup`. It never shows a value that could be
    /// a secret.
    pub explain: fn(&Value, &Value) -> String,
}

impl Spec {
    /// Whether an entry is about a destination the settings ignore.
    fn ignored(&self, settings: &Settings, key: &Key<'_>) -> bool {
        self.destinations
            .iter()
            .map(|&part| key.part(part))
            .any(|name| !name.is_empty() && ignored(settings, name))
    }
}

/// What an equivalence rule reports of the engine's changes.
pub struct Reporting {
    pub rule: &'static RuleMeta,
    /// The changes this rule reports (another rule may report the rest).
    pub keep: fn(&Pair<'_>, &Change<'_, '_>) -> bool,
    /// With `mode = "unshared"` the findings are errors: TIBCO requires identical
    /// destinations, routes and access control for unshared pairs.
    pub unshared_error: bool,
}

impl Reporting {
    /// Reports every change, as an error in unshared mode.
    pub const fn all(rule: &'static RuleMeta) -> Self {
        Reporting {
            rule,
            keep: |_, _| true,
            unshared_error: true,
        }
    }
}

/// One side of a comparison: the file its entries come from, or its main file when
/// tibemsd.conf names none.
struct Place<'a> {
    side: Side,
    file: &'a FileRef,
    named: bool,
}

impl Place<'_> {
    fn at(&self, finding: Finding, span: Option<&Range<usize>>) -> Finding {
        match span {
            Some(span) => finding.at(self.side, self.file, span.clone()),
            None => finding.at_file(self.side, self.file),
        }
    }

    /// The diff's name for this side: the file, or what stands for the file it lacks.
    fn label(&self, param: &str) -> String {
        if self.named {
            self.file.display.clone()
        } else {
            format!(
                "{} (tibemsd.conf names no `{param}` file)",
                self.side.as_str()
            )
        }
    }

    /// `queues.conf`: the file's own name, for help texts.
    fn file_name(&self) -> &str {
        let display = self.file.display.as_str();
        display.rsplit(['/', '\\']).next().unwrap_or(display)
    }
}

/// Compares one sub-file of the pair and reports what `reporting` keeps.
pub fn report(pair: &Pair<'_>, spec: &Spec, reporting: &Reporting, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    let place = |server: &Server<'_>| -> Option<(Side, Option<FileRef>)> {
        match server.sub_file(spec.param) {
            // missing-file already says so; every entry would be on the other side only.
            SubFile::Unreadable => None,
            SubFile::NotNamed => Some((server.side(), None)),
            SubFile::Read(file) => Some((server.side(), Some(file.clone()))),
        }
    };
    let (Some((_, file_a)), Some((_, file_b))) = (place(&pair.primary), place(backup)) else {
        return;
    };
    match (&file_a, &file_b) {
        (None, None) => return,
        // Byte-identical files: nothing to compare.
        (Some(a), Some(b)) if a.text == b.text => return,
        _ => {}
    }
    let a = Place {
        side: Side::Primary,
        named: file_a.is_some(),
        file: file_a.as_ref().unwrap_or(pair.primary.main()),
    };
    let b = Place {
        side: Side::Backup,
        named: file_b.is_some(),
        file: file_b.as_ref().unwrap_or(backup.main()),
    };
    // Large files are keyed on both sides at once.
    let size: usize = [&file_a, &file_b]
        .into_iter()
        .flatten()
        .map(|f| f.text.len())
        .sum();
    let group = |server| grouped(pair, spec, server);
    let (primary, backup_items) = if size >= PARALLEL_FROM {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| group(backup));
            let primary = group(&pair.primary);
            let other = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (primary, other)
        })
    } else {
        (group(&pair.primary), group(backup))
    };
    let (differences, total) = differences(
        spec,
        pair.settings,
        (&pair.primary, &primary),
        (backup, &backup_items),
    );
    let changes: Vec<Change<'_, '_>> = differences.iter().map(Difference::change).collect();
    let kept: Vec<&Change<'_, '_>> = changes
        .iter()
        .filter(|c| (reporting.keep)(pair, c))
        .collect();
    let severity = if reporting.unshared_error && pair.settings.mode == Mode::Unshared {
        Severity::Error
    } else {
        reporting.rule.severity
    };
    out.extend(
        findings(spec, reporting, &kept, total, &a, &b)
            .into_iter()
            .map(|f| f.severity(severity)),
    );
}

/// One finding per change, or one for the whole file past [`DRIFT_LIMIT`] changes.
fn findings(
    spec: &Spec,
    reporting: &Reporting,
    kept: &[&Change<'_, '_>],
    total: usize,
    a: &Place<'_>,
    b: &Place<'_>,
) -> Vec<Finding> {
    if kept.len() > DRIFT_LIMIT {
        return vec![drift(spec, reporting, kept, total, a, b)];
    }
    kept.iter()
        .map(|change| one(spec, reporting, change, a, b))
        .collect()
}

/// One finding for one entry that differs.
fn one(
    spec: &Spec,
    reporting: &Reporting,
    change: &Change<'_, '_>,
    a: &Place<'_>,
    b: &Place<'_>,
) -> Finding {
    let what = (spec.describe)(change.key());
    match *change {
        Change::OnlyPrimary(e) | Change::OnlyBackup(e) => {
            let (have, lack) = match change {
                Change::OnlyPrimary(_) => (a, b),
                _ => (b, a),
            };
            let mut message = format!("{what} is defined on {} only", have.side.as_str());
            if !lack.named {
                let _ = write!(
                    message,
                    " ({}'s tibemsd.conf names no `{}` file)",
                    lack.side.as_str(),
                    spec.param
                );
            }
            let help = if lack.named {
                format!(
                    "add the {} to {}'s {} as well, or remove it from {}'s",
                    spec.noun,
                    lack.side.as_str(),
                    lack.file_name(),
                    have.side.as_str()
                )
            } else {
                format!(
                    "name a `{}` file in {}'s tibemsd.conf that defines the {} too, or remove it from {}'s {}",
                    spec.param,
                    lack.side.as_str(),
                    spec.noun,
                    have.side.as_str(),
                    have.file_name()
                )
            };
            let text = (spec.render)(&e.key, &masked(&e.value, None));
            let (left, right) = match change {
                Change::OnlyPrimary(_) => (text, String::new()),
                _ => (String::new(), text),
            };
            let finding = have.at(Finding::new(reporting.rule, message), Some(&e.span));
            lack.at(finding, None)
                .help(help)
                .diff_labeled((a.label(spec.param), left), (b.label(spec.param), right))
        }
        Change::Changed(x, y) => {
            let message = format!("{what} differs{}", (spec.explain)(&x.value, &y.value));
            let finding = a.at(Finding::new(reporting.rule, message), Some(&x.span));
            b.at(finding, Some(&y.span))
                .help(format!(
                    "make the {} the same in both servers' {}",
                    spec.noun,
                    a.file_name()
                ))
                .diff(
                    (spec.render)(&x.key, &masked(&x.value, None)),
                    (spec.render)(&y.key, &masked(&y.value, Some(&x.value))),
                )
        }
    }
}

/// One finding for a file whose entries have drifted apart.
fn drift(
    spec: &Spec,
    reporting: &Reporting,
    kept: &[&Change<'_, '_>],
    total: usize,
    a: &Place<'_>,
    b: &Place<'_>,
) -> Finding {
    let (mut only_a, mut only_b, mut changed) = (0, 0, 0);
    for change in kept {
        match change {
            Change::OnlyPrimary(_) => only_a += 1,
            Change::OnlyBackup(_) => only_b += 1,
            Change::Changed(..) => changed += 1,
        }
    }
    // The first entries in key order; the rest only counted, so the diff stays readable.
    let (mut left, mut right) = (String::new(), String::new());
    for change in kept.iter().take(DRIFT_SHOWN) {
        match change {
            Change::OnlyPrimary(e) => {
                left.push_str(&(spec.render)(&e.key, &masked(&e.value, None)));
            }
            Change::OnlyBackup(e) => {
                right.push_str(&(spec.render)(&e.key, &masked(&e.value, None)));
            }
            Change::Changed(x, y) => {
                left.push_str(&(spec.render)(&x.key, &masked(&x.value, None)));
                right.push_str(&(spec.render)(&y.key, &masked(&y.value, Some(&x.value))));
            }
        }
    }
    if kept.len() > DRIFT_SHOWN {
        let more = format!(
            "# … and {} more {} that differ, not shown\n",
            thousands(kept.len() - DRIFT_SHOWN),
            spec.plural
        );
        left.push_str(&more);
        right.push_str(&more);
    }
    let parts: Vec<String> = [
        (only_a, "only on primary"),
        (only_b, "only on backup"),
        (changed, "changed"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{} {what}", thousands(*n)))
    .collect();
    let message = format!(
        "{} of {} {} differ: {}",
        thousands(kept.len()),
        thousands(total),
        spec.plural,
        parts.join(", ")
    );
    let finding = a.at(Finding::new(reporting.rule, message), None);
    b.at(finding, None)
        .help(format!(
            "the two servers' {} have drifted apart: review the diff below and make them the same (or copy one server's file to the other)",
            spec.plural
        ))
        .diff_labeled((a.label(spec.param), left), (b.label(spec.param), right))
}

/// `20000` → `20,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The INI parser's fingerprint of a secret value.
fn is_secret(value: &str) -> bool {
    value.starts_with("<secret ") && value.ends_with('>')
}

/// A value fit to show: each secret becomes `<secret>`, or `<secret, differs>` when `other`
/// (the primary's value of the same entry) holds a different one.
fn masked<'v>(value: &'v Value, other: Option<&Value>) -> Cow<'v, Value> {
    if !value.values().any(|v| is_secret(v)) {
        return Cow::Borrowed(value);
    }
    let mut shown = value.clone();
    for (field, v) in shown.iter_mut() {
        if is_secret(v) {
            let differs = other.and_then(|o| o.get(field)).is_some_and(|o| o != v);
            *v = if differs {
                "<secret, differs>"
            } else {
                "<secret>"
            }
            .to_string();
        }
    }
    Cow::Owned(shown)
}

/// The fields whose values differ: ``differs in `maxbytes`, `prefetch` ``'s list.
pub fn differing_fields<'v>(a: &'v Value, b: &'v Value) -> Vec<&'v str> {
    let fields: BTreeSet<&str> = a.keys().chain(b.keys()).map(String::as_str).collect();
    fields
        .into_iter()
        .filter(|f| a.get(*f) != b.get(*f))
        .collect()
}

/// The default explanation: which fields differ, ``in `maxbytes`, `prefetch` ``.
pub fn explain_fields(a: &Value, b: &Value) -> String {
    let fields: Vec<String> = differing_fields(a, b)
        .iter()
        .map(|f| format!("`{f}`"))
        .collect();
    format!(" in {}", fields.join(", "))
}

/// Merges the findings a per-server rule raised on both servers when they say the same
/// thing (both servers' files have the same fault): one finding with both sides' lines.
pub fn merge_twins(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
    for finding in findings {
        let side = finding.locations.first().map(|l| l.side);
        let key = (finding.rule.code, finding.message.clone());
        match seen.get(&key) {
            Some(&i)
                if out[i].locations.first().map(|l| l.side) != side
                    && out[i].locations.iter().all(|l| Some(l.side) != side) =>
            {
                out[i].locations.extend(finding.locations);
            }
            _ => {
                seen.insert(key, out.len());
                out.push(finding);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The sub-files: how each is keyed, valued and shown.

/// How many entries a server's parsed file holds (none without the file).
fn count<T, I>(file: Option<&Parsed<'_, T>>, list: impl FnOnce(&T) -> &[I]) -> usize {
    file.map_or(0, |parsed| list(&parsed.data).len())
}

/// The entry at a position of a server's parsed file, with the file.
fn entry_at<'s, 'a: 's, T: 's, I: 's>(
    file: Option<&'s Parsed<'a, T>>,
    list: impl FnOnce(&'s T) -> &'s [I],
    at: usize,
) -> Option<(&'a FileRef, &'s I)> {
    let parsed = file?;
    Some((parsed.file, list(&parsed.data).get(at)?))
}

/// The first of the items at `at` in a server's parsed list.
fn nth<'s, 'a: 's, T: 's, I: 's>(
    file: Option<&'s Parsed<'a, T>>,
    list: impl FnOnce(&'s T) -> &'s [I],
    at: &[usize],
) -> Option<&'s I> {
    list(&file?.data).get(*at.first()?)
}

/// The text of a span of a file.
fn line<'a>(file: &'a FileRef, span: &Range<usize>) -> Option<&'a str> {
    file.text.get(span.clone())
}

fn field<'v>(value: &'v Value, name: &str) -> &'v str {
    value.get(name).map_or("", String::as_str)
}

/// `name=value` or `name` for a flag, comma-joined.
fn props_text(value: &Value, skip: &[&str]) -> String {
    value
        .iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| {
            if v.is_empty() {
                k.clone()
            } else if v.contains([' ', ',', '"']) {
                format!("{k}=\"{v}\"")
            } else {
                format!("{k}={v}")
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A field holding a list, as a set.
fn split_set<'v>(value: &'v Value, name: &str, separator: char) -> BTreeSet<&'v str> {
    field(value, name)
        .split(separator)
        .filter(|p| !p.is_empty())
        .collect()
}

/// What one set holds and the other does not, on each side, as `phrase(count, list, side)`.
fn one_sided(
    a: &BTreeSet<&str>,
    b: &BTreeSet<&str>,
    phrase: impl Fn(usize, String, &str) -> String,
) -> String {
    let parts: Vec<String> = [(a, b, "primary"), (b, a, "backup")]
        .into_iter()
        .filter_map(|(x, y, side)| {
            let names: Vec<String> = x.difference(y).map(|n| format!("`{n}`")).collect();
            (!names.is_empty()).then(|| phrase(names.len(), names.join(", "), side))
        })
        .collect();
    parts.join("; ")
}

/// Which of two repeated entries EMS keeps is not documented.
const REPEAT_UNDOCUMENTED: &str = "which one EMS keeps is not documented";

fn render_destination(key: &Key<'_>, value: &Value) -> String {
    let jndi = value
        .get("jndi")
        .map_or(String::new(), |j| format!("[{j}]"));
    let props = props_text(value, &["jndi"]);
    if props.is_empty() {
        format!("{jndi}{}\n", key.part(0))
    } else {
        format!("{jndi}{} {props}\n", key.part(0))
    }
}

/// queues.conf and topics.conf: by name, wildcards included; properties by meaning.
macro_rules! destination_spec {
    ($name:ident, $field:ident, $noun:literal, $plural:literal) => {
        pub static $name: Spec = Spec {
            param: $plural,
            noun: $noun,
            plural: $plural,
            keeps: Keeps::Last,
            count: |server| count(server.$field.as_ref(), |f| &f.destinations),
            item: |server, at| {
                let (file, d) = entry_at(server.$field.as_ref(), |f| &f.destinations, at)?;
                Some(Item {
                    key: Key::one(d.name),
                    span: d.line_span.clone(),
                    head: d.line_span.clone(),
                    text: line(file, &d.line_span),
                })
            },
            value: |server, at| {
                nth(server.$field.as_ref(), |f| &f.destinations, at)
                    .map_or_else(Value::new, |d| d.canonical())
            },
            repeat: REPEAT_UNDOCUMENTED,
            describe: |key| format!(concat!($noun, " `{}`"), key.part(0)),
            destinations: &[0],
            text_holds_key: true,
            render: render_destination,
            explain: explain_fields,
        };
    };
}

destination_spec!(QUEUES, queues, "queue", "queues");
destination_spec!(TOPICS, topics, "topic", "topics");

/// users.conf: name, description and whether a password is set (never the hash). The user
/// named like the server leaves its password to the server-user rules.
pub static USERS: Spec = Spec {
    param: "users",
    noun: "user",
    plural: "users",
    keeps: Keeps::First,
    count: |server| count(server.users.as_ref(), |f| &f.users),
    item: |server, at| {
        let (file, u) = entry_at(server.users.as_ref(), |f| &f.users, at)?;
        let server_name = server.param("server").map(|p| p.value.as_str());
        Some(Item {
            key: Key::one(u.name),
            span: u.line_span.clone(),
            head: u.line_span.clone(),
            // The server's own user leaves its password out: not its line alone.
            text: (server_name != Some(u.name))
                .then(|| line(file, &u.line_span))
                .flatten(),
        })
    },
    value: |server, at| {
        let server_name = server.param("server").map(|p| p.value.as_str());
        let mut value = Value::new();
        if let Some(u) = nth(server.users.as_ref(), |f| &f.users, at) {
            if !u.description.is_empty() {
                value.insert("description".into(), u.description.to_string());
            }
            if !u.password.is_empty() && server_name != Some(u.name) {
                value.insert("password".into(), "set".into());
            }
        }
        value
    },
    destinations: &[],
    text_holds_key: true,
    repeat: REPEAT_UNDOCUMENTED,
    describe: |key| format!("user `{}`", key.part(0)),
    render: |key, value| {
        let password = if value.contains_key("password") {
            "<password>"
        } else {
            ""
        };
        format!(
            "{}:{password}:\"{}\"\n",
            key.part(0),
            field(value, "description")
        )
    },
    explain: |a, b| {
        let description = a.get("description") != b.get("description");
        let password = match (a.contains_key("password"), b.contains_key("password")) {
            (true, false) => "a password is set on primary, none on backup",
            (false, true) => "a password is set on backup, none on primary",
            _ => return " in its description".to_string(),
        };
        if description {
            format!(": {password}, and the descriptions differ")
        } else {
            format!(": {password}")
        }
    },
};

/// Users whose only difference is the description.
pub fn description_only(change: &Change<'_, '_>) -> bool {
    match change {
        Change::Changed(a, b) => differing_fields(&a.value, &b.value) == ["description"],
        _ => false,
    }
}

/// groups.conf: by name; the description, and the members as a set.
pub static GROUPS: Spec = Spec {
    param: "groups",
    noun: "group",
    plural: "groups",
    keeps: Keeps::Last,
    count: |server| count(server.groups.as_ref(), |f| &f.groups),
    item: |server, at| {
        let (_, g) = entry_at(server.groups.as_ref(), |f| &f.groups, at)?;
        let end = g.members.last().map_or(g.header_span.end, |m| m.span.end);
        // Members are a set: the lines as written do not decide the value.
        Some(Item {
            key: Key::one(g.name),
            span: g.header_span.start..end,
            head: g.header_span.clone(),
            text: None,
        })
    },
    value: |server, at| {
        let mut value = Value::new();
        if let Some(g) = nth(server.groups.as_ref(), |f| &f.groups, at) {
            if !g.description.is_empty() {
                value.insert("description".into(), g.description.to_string());
            }
            let members: Vec<&str> = g.member_set().into_iter().collect();
            if !members.is_empty() {
                value.insert("members".into(), members.join("\n"));
            }
        }
        value
    },
    destinations: &[],
    text_holds_key: false,
    repeat: REPEAT_UNDOCUMENTED,
    describe: |key| format!("group `{}`", key.part(0)),
    render: |key, value| {
        let mut text = format!("{}:\"{}\"\n", key.part(0), field(value, "description"));
        for member in field(value, "members").lines() {
            let _ = writeln!(text, "  {member}");
        }
        text
    },
    explain: |a, b| {
        let members = |v| split_set(v, "members", '\n');
        let mut text = one_sided(&members(a), &members(b), |n, list, side| {
            let noun = if n == 1 { "member" } else { "members" };
            format!("{noun} {list} on {side} only")
        });
        if a.get("description") != b.get("description") {
            if !text.is_empty() {
                text.push_str("; ");
            }
            text.push_str("the descriptions differ");
        }
        format!(": {text}")
    },
};

/// acl.conf: repeated grants to one principal on one thing add up, as in EMS.
pub static ACL: Spec = Spec {
    param: "acl_list",
    noun: "ACL entry",
    plural: "ACL entries",
    keeps: Keeps::All,
    count: |server| count(server.acl.as_ref(), |f| &f.entries),
    item: |server, at| {
        let (file, e) = entry_at(server.acl.as_ref(), |f| &f.entries, at)?;
        Some(Item {
            key: acl_key(e),
            span: e.line_span.clone(),
            head: e.line_span.clone(),
            text: line(file, &e.line_span),
        })
    },
    value: |server, at| {
        let mut perms = BTreeSet::new();
        if let Some(acl) = &server.acl {
            for entry in at.iter().filter_map(|&i| acl.data.entries.get(i)) {
                perms.extend(entry.canonical_perms());
            }
        }
        let perms: Vec<String> = perms.into_iter().collect();
        Value::from([("perm".to_string(), perms.join(","))])
    },
    destinations: &[1],
    text_holds_key: true,
    repeat: "EMS grants the permissions of both lines",
    describe: |key| format!("ACL entry `{}`", acl_target(key)),
    render: |key, value| format!("{} PERM={}\n", acl_target(key), field(value, "perm")),
    explain: |a, b| {
        let perms = |v| split_set(v, "perm", ',');
        let text = one_sided(&perms(a), &perms(b), |_, list, side| {
            format!("{list} granted on {side} only")
        });
        format!(": {text}")
    },
};

/// An ACL entry's identity: kind, destination (empty for `ADMIN`), principal kind and name.
fn acl_key<'a>(entry: &crate::ems::acl::AclEntry<'a>) -> Key<'a> {
    let k = entry.key();
    Key([
        k.kind.as_str(),
        k.destination,
        k.principal_kind.as_str(),
        k.principal,
    ])
}

/// `TOPIC=orders.events USER=app` or `ADMIN GROUP=ops`.
fn acl_target(key: &Key<'_>) -> String {
    if key.part(0) == "ADMIN" {
        format!("ADMIN {}={}", key.part(2), key.part(3))
    } else {
        format!(
            "{}={} {}={}",
            key.part(0),
            key.part(1),
            key.part(2),
            key.part(3)
        )
    }
}

/// durables.conf: by (topic, name); EMS keeps the first of a repeated pair.
pub static DURABLES: Spec = Spec {
    param: "durables",
    noun: "durable",
    plural: "durables",
    keeps: Keeps::First,
    count: |server| count(server.durables.as_ref(), |f| &f.durables),
    item: |server, at| {
        let (file, d) = entry_at(server.durables.as_ref(), |f| &f.durables, at)?;
        Some(Item {
            key: Key([d.topic, d.name, "", ""]),
            span: d.line_span.clone(),
            head: d.line_span.clone(),
            text: line(file, &d.line_span),
        })
    },
    value: |server, at| {
        nth(server.durables.as_ref(), |f| &f.durables, at)
            .map_or_else(Value::new, |d| d.canonical())
    },
    destinations: &[0],
    text_holds_key: true,
    repeat: "EMS keeps the first and warns",
    describe: |key| format!("durable `{}` on topic `{}`", key.part(1), key.part(0)),
    render: |key, value| {
        let props: Vec<String> = value
            .iter()
            .map(|(k, v)| match k.as_str() {
                "route" | "nolocal" => k.clone(),
                "selector" => format!("selector=\"{v}\""),
                _ => format!("{k}={v}"),
            })
            .collect();
        if props.is_empty() {
            format!("{} {}\n", key.part(0), key.part(1))
        } else {
            format!("{} {} {}\n", key.part(0), key.part(1), props.join(","))
        }
    },
    explain: explain_fields,
};

/// bridges.conf: by (source, target), kinds included; the selector by meaning.
pub static BRIDGES: Spec = Spec {
    param: "bridges",
    noun: "bridge",
    plural: "bridges",
    keeps: Keeps::First,
    count: |server| count(server.bridges.as_ref(), |f| &f.bridges),
    item: |server, at| {
        let (file, b) = entry_at(server.bridges.as_ref(), |f| &f.bridges, at)?;
        // The key holds the header's source; the value is read from the target line.
        Some(Item {
            key: bridge_key(b),
            span: b.line_span.clone(),
            head: b.line_span.clone(),
            text: line(file, &b.line_span),
        })
    },
    value: |server, at| {
        nth(server.bridges.as_ref(), |f| &f.bridges, at).map_or_else(Value::new, |b| b.canonical())
    },
    destinations: &[1, 3],
    text_holds_key: false,
    repeat: REPEAT_UNDOCUMENTED,
    describe: |key| {
        format!(
            "bridge from {} `{}` to {} `{}`",
            key.part(0),
            key.part(1),
            key.part(2),
            key.part(3)
        )
    },
    render: |key, value| {
        let selector = value
            .get("selector")
            .map_or(String::new(), |s| format!(" selector=\"{s}\""));
        format!(
            "[{}:{}] {}={}{selector}\n",
            key.part(0),
            key.part(1),
            key.part(2),
            key.part(3)
        )
    },
    explain: explain_fields,
};

fn bridge_key<'a>(b: &crate::ems::bridges::Bridge<'a>) -> Key<'a> {
    Key([
        b.source_kind.as_str(),
        b.source,
        b.target_kind.as_str(),
        b.target,
    ])
}

fn rvcm_key<'a>(l: &crate::ems::tibrvcm::RvcmListener<'a>) -> Key<'a> {
    Key([l.transport.unwrap_or(""), l.listener, l.subject, ""])
}

/// tibrvcm.conf: a listener line is all key, so it is on one side or both.
pub static TIBRVCM: Spec = Spec {
    param: "tibrvcm",
    noun: "RVCM listener",
    plural: "RVCM listeners",
    keeps: Keeps::First,
    count: |server| count(server.tibrvcm.as_ref(), |f| &f.listeners),
    item: |server, at| {
        let (_, l) = entry_at(server.tibrvcm.as_ref(), |f| &f.listeners, at)?;
        Some(Item {
            key: rvcm_key(l),
            span: l.line_span.clone(),
            head: l.line_span.clone(),
            text: Some(""),
        })
    },
    value: |_, _| Value::new(),
    destinations: &[],
    text_holds_key: false,
    repeat: "the line adds nothing",
    describe: |key| {
        let transport = match key.part(0) {
            "" => String::new(),
            t => format!(" of transport `{t}`"),
        };
        format!(
            "RVCM listener `{}` on subject `{}`{transport}",
            key.part(1),
            key.part(2)
        )
    },
    render: |key, _| {
        let words: Vec<&str> = key.0[..3]
            .iter()
            .copied()
            .filter(|w| !w.is_empty())
            .collect();
        format!("{}\n", words.join(" "))
    },
    explain: explain_fields,
};

fn render_section(key: &Key<'_>, value: &Value) -> String {
    let mut text = format!("[{}]\n", key.part(0));
    for (k, v) in value {
        for line in v.lines() {
            let _ = writeln!(text, "  {k} = {line}");
        }
    }
    text
}

/// The INI-style files: by section name; properties by the INI parser's canonical form.
macro_rules! ini_spec {
    ($name:ident, $param:literal, $kind:expr, $noun:literal, $plural:literal) => {
        pub static $name: Spec = Spec {
            param: $param,
            noun: $noun,
            plural: $plural,
            keeps: Keeps::First,
            count: |server| count(server.ini($kind), |f| &f.sections),
            item: |server, at| {
                let (_, s) = entry_at(server.ini($kind), |f| &f.sections, at)?;
                Some(Item {
                    key: Key::one(s.name),
                    span: s.span.clone(),
                    head: s.header_span.clone(),
                    text: None,
                })
            },
            value: |server, at| {
                nth(server.ini($kind), |f| &f.sections, at)
                    .map_or_else(Value::new, |s| s.canonical($kind))
            },
            destinations: &[],
            text_holds_key: false,
            repeat: REPEAT_UNDOCUMENTED,
            describe: |key| format!(concat!($noun, " `{}`"), key.part(0)),
            render: render_section,
            explain: explain_fields,
        };
    };
}

ini_spec!(ROUTES, "routes", IniKind::Routes, "route", "routes");
ini_spec!(
    FACTORIES,
    "factories",
    IniKind::Factories,
    "factory",
    "factories"
);
ini_spec!(STORES, "stores", IniKind::Stores, "store", "stores");
ini_spec!(
    CHANNELS,
    "channels",
    IniKind::Channels,
    "channel",
    "channels"
);
ini_spec!(
    TRANSPORTS,
    "transports",
    IniKind::Transports,
    "transport",
    "transports"
);

/// Every sub-file, in the order of the house plan.
pub static ALL: [&Spec; 13] = [
    &USERS,
    &GROUPS,
    &ACL,
    &QUEUES,
    &TOPICS,
    &DURABLES,
    &BRIDGES,
    &ROUTES,
    &FACTORIES,
    &STORES,
    &CHANNELS,
    &TRANSPORTS,
    &TIBRVCM,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(name: &'a str, value: &[(&str, &str)], at: usize) -> Entry<'a> {
        Entry {
            key: Key::one(name),
            value: value
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            span: at..at + 1,
        }
    }

    #[test]
    fn keys_order_by_their_parts() {
        assert!(Key::one("a") < Key::one("b"));
        assert!(Key(["QUEUE", "a", "USER", "z"]) < Key(["QUEUE", "b", "GROUP", "a"]));
        assert_eq!(Key::one("x").part(1), "");
        assert_ne!(Key(["a", "b", "", ""]), Key(["ab", "", "", ""]));
    }

    #[test]
    fn index_keeps_the_first_or_the_last_of_a_repeated_key() {
        let entries = || {
            vec![
                entry("b", &[], 0),
                entry("a", &[("x", "1")], 10),
                entry("a", &[("x", "2")], 20),
            ]
        };
        let first = index(entries(), false);
        assert_eq!(first.len(), 2);
        assert_eq!(first[0].key, Key::one("a"));
        assert_eq!(first[0].span.start, 10);
        let last = index(entries(), true);
        assert_eq!(last[0].span.start, 20);
        assert_eq!(last[1].key, Key::one("b"));
    }

    #[test]
    fn equal_canonical_values_are_no_change_and_order_does_not_matter() {
        let a = index(
            vec![
                entry("q1", &[("prefetch", "5"), ("secure", "")], 0),
                entry("q2", &[], 5),
            ],
            false,
        );
        let b = index(
            vec![
                entry("q2", &[], 100),
                entry("q1", &[("secure", ""), ("prefetch", "5")], 50),
            ],
            false,
        );
        let c = changes(&a, &b);
        assert!(c.changes.is_empty());
        assert_eq!(c.total, 2);
    }

    #[test]
    fn yields_only_on_primary_only_on_backup_and_changed_with_both_spans() {
        let a = index(
            vec![
                entry("both", &[("prefetch", "5")], 0),
                entry("mine", &[], 10),
                entry("same", &[], 20),
            ],
            false,
        );
        let b = index(
            vec![
                entry("theirs", &[], 30),
                entry("same", &[], 40),
                entry("both", &[("prefetch", "6")], 50),
            ],
            false,
        );
        let c = changes(&a, &b);
        assert_eq!(c.total, 4);
        assert_eq!(c.changes.len(), 3);
        assert!(
            matches!(c.changes[0], Change::Changed(x, y) if x.span.start == 0 && y.span.start == 50)
        );
        assert!(matches!(c.changes[1], Change::OnlyPrimary(e) if e.key == Key::one("mine")));
        assert!(matches!(c.changes[2], Change::OnlyBackup(e) if e.key == Key::one("theirs")));
    }

    #[test]
    fn duplicates_pair_each_repeat_with_the_first() {
        with_pair(["a\nb\na prefetch=1\na\n", "a\n"], |pair| {
            let dups = duplicates(pair, &QUEUES, &pair.primary);
            let lines: Vec<(Key<'_>, usize, usize)> = dups
                .iter()
                .map(|(key, first, again)| {
                    let line = |span: &Range<usize>| {
                        pair.primary
                            .queues
                            .as_ref()
                            .unwrap()
                            .file
                            .shown_line(span.start)
                    };
                    (*key, line(first), line(again))
                })
                .collect();
            assert_eq!(lines, [(Key::one("a"), 1, 3), (Key::one("a"), 1, 4)]);
            assert!(duplicates(pair, &QUEUES, pair.backup.as_ref().unwrap()).is_empty());
        });
    }

    #[test]
    fn wildcards_follow_ems_semantics() {
        assert!(wildcard_match("$TMP$.>", "$TMP$.a"));
        assert!(wildcard_match("$TMP$.>", "$TMP$.a.b.c"));
        assert!(!wildcard_match("$TMP$.>", "$TMP$"));
        assert!(wildcard_match("sample.*", "sample.x"));
        assert!(!wildcard_match("sample.*", "sample.x.y"));
        assert!(!wildcard_match("sample.*", "sample"));
        assert!(wildcard_match("a.*.c", "a.b.c"));
        assert!(!wildcard_match("a.*.c", "a.b.d"));
        assert!(wildcard_match(">", "anything.at.all"));
        assert!(wildcard_match(">", ">"));
        assert!(wildcard_match("orders.in", "orders.in"));
        assert!(!wildcard_match("orders.in", "orders.input"));
        assert!(!wildcard_match("Orders.in", "orders.in"));
        // `>` only means "the rest" as the last element.
        assert!(!wildcard_match("a.>.c", "a.b.c"));
        assert!(wildcard_match("a.>.c", "a.>.c"));
        // A wildcard destination is matched like any name.
        assert!(wildcard_match("sample.>", "sample.>"));
    }

    #[test]
    fn ignore_patterns_come_from_the_settings() {
        let settings = Settings {
            ignore_destinations: vec!["$TMP$.>".into(), "sample.*".into()],
            ..Settings::default()
        };
        assert!(ignored(&settings, "$TMP$.x.y"));
        assert!(ignored(&settings, "sample.q"));
        assert!(!ignored(&settings, "orders.in"));
    }

    #[test]
    fn secrets_are_masked_and_a_difference_still_shows() {
        let a = Value::from([("dbstore_driver_password".into(), "<secret 00ff>".into())]);
        let b = Value::from([("dbstore_driver_password".into(), "<secret 1234>".into())]);
        assert_eq!(
            field(&masked(&a, None), "dbstore_driver_password"),
            "<secret>"
        );
        assert_eq!(
            field(&masked(&b, Some(&a)), "dbstore_driver_password"),
            "<secret, differs>"
        );
        assert_eq!(
            field(&masked(&a, Some(&a)), "dbstore_driver_password"),
            "<secret>"
        );
        let text = render_section(&Key::one("s"), &masked(&b, Some(&a)));
        assert!(!text.contains("1234"));
    }

    fn place(side: Side, file: &FileRef) -> Place<'_> {
        Place {
            side,
            file,
            named: true,
        }
    }

    #[test]
    fn past_the_drift_limit_one_finding_sums_up_the_file() {
        let fa: FileRef = std::sync::Arc::new(crate::source::SourceFile::from_text(
            "p/queues.conf".into(),
            "p/queues.conf".into(),
            String::new(),
            None,
        ));
        let fb: FileRef = std::sync::Arc::new(crate::source::SourceFile::from_text(
            "b/queues.conf".into(),
            "b/queues.conf".into(),
            String::new(),
            None,
        ));
        let names: Vec<String> = (0..40).map(|i| format!("q{i:02}")).collect();
        let a = index(
            names[..30]
                .iter()
                .map(|n| entry(n, &[("maxmsgs", "1")], 0))
                .collect(),
            false,
        );
        let b = index(
            names[10..]
                .iter()
                .map(|n| {
                    entry(
                        n,
                        &[("maxmsgs", if n.as_str() < "q15" { "2" } else { "1" })],
                        0,
                    )
                })
                .collect(),
            false,
        );
        let rule = Reporting::all(&crate::rules::equivalence::destination_mismatch::META);
        let (pa, pb) = (place(Side::Primary, &fa), place(Side::Backup, &fb));
        let comparison = changes(&a, &b);
        let kept: Vec<&Change<'_, '_>> = comparison.changes.iter().collect();
        // 10 only on primary, 10 only on backup, 5 changed: one finding for the file.
        let found = findings(&QUEUES, &rule, &kept, comparison.total, &pa, &pb);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "25 of 40 queues differ: 10 only on primary, 10 only on backup, 5 changed"
        );
        assert!(found[0].locations.iter().all(|l| l.span.is_none()));
        let diff = found[0].diff.as_ref().unwrap();
        assert_eq!(diff.primary.lines().count(), 15);
        assert_eq!(diff.backup.lines().count(), 15);
        // Past DRIFT_SHOWN entries the diff shows the first ones and counts the rest.
        let many: Vec<String> = (0..DRIFT_SHOWN + 50).map(|i| format!("m{i:04}")).collect();
        let a = index(many.iter().map(|n| entry(n, &[], 0)).collect(), false);
        let none: Vec<Entry<'_>> = Vec::new();
        let comparison_many = changes(&a, &none);
        let kept_many: Vec<&Change<'_, '_>> = comparison_many.changes.iter().collect();
        let found_many = findings(&QUEUES, &rule, &kept_many, kept_many.len(), &pa, &pb);
        let diff = found_many[0].diff.as_ref().unwrap();
        assert_eq!(diff.primary.lines().count(), DRIFT_SHOWN + 1);
        assert!(diff
            .primary
            .ends_with("# … and 50 more queues that differ, not shown\n"));
        assert_eq!(
            diff.backup,
            "# … and 50 more queues that differ, not shown\n"
        );
        // Exactly at the limit, each entry is its own finding.
        let found = findings(&QUEUES, &rule, &kept[..DRIFT_LIMIT], 40, &pa, &pb);
        assert_eq!(found.len(), DRIFT_LIMIT);
        assert!(found
            .iter()
            .all(|f| f.locations.iter().any(|l| l.span.is_some())));
    }

    /// Reads a pair whose two directories hold `tibemsd.conf` and a queues.conf each.
    fn with_pair(queues: [&str; 2], test: impl FnOnce(&Pair<'_>)) {
        with_pair_and(Settings::default(), queues, test);
    }

    /// [`with_pair`] with these settings.
    fn with_pair_and(settings: Settings, queues: [&str; 2], test: impl FnOnce(&Pair<'_>)) {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<_> = [Side::Primary, Side::Backup]
            .into_iter()
            .zip(queues)
            .map(|(side, text)| {
                let d = dir.path().join(side.as_str());
                std::fs::create_dir(&d).unwrap();
                std::fs::write(d.join("tibemsd.conf"), "queues = queues.conf\n").unwrap();
                std::fs::write(d.join("queues.conf"), text).unwrap();
                crate::model::read::read_server(side, &d, &settings, &crate::source::Reader::new())
            })
            .collect();
        let pair = Pair::new(
            Server::parse(&files[0]),
            Some(Server::parse(&files[1])),
            &settings,
            None,
        );
        test(&pair);
    }

    #[test]
    fn byte_identical_files_are_not_compared() {
        let rule = Reporting::all(&crate::rules::equivalence::destination_mismatch::META);
        let never_read = Spec {
            item: |_, _| unreachable!("byte-identical files are not compared"),
            ..QUEUES
        };
        with_pair(["q1 prefetch=1\n"; 2], |pair| {
            let mut out = Vec::new();
            report(pair, &never_read, &rule, &mut out);
            assert!(out.is_empty());
        });
        with_pair(
            ["q1 prefetch=1\nq2\n", "q2\r\nq1   PREFETCH=1\r\n"],
            |pair| {
                let mut out = Vec::new();
                report(pair, &QUEUES, &rule, &mut out);
                assert!(out.is_empty(), "{out:?}");
            },
        );
        with_pair(["q1 prefetch=1\n", "q1 prefetch=2\n"], |pair| {
            let mut out = Vec::new();
            report(pair, &QUEUES, &rule, &mut out);
            assert_eq!(out.len(), 1);
            assert_eq!(out[0].message, "queue `q1` differs in `prefetch`");
            assert_eq!(out[0].locations.len(), 2);
        });
    }

    #[test]
    fn values_are_built_only_for_keys_whose_lines_differ() {
        let rule = Reporting::all(&crate::rules::equivalence::destination_mismatch::META);
        let no_values = Spec {
            value: |_, _| unreachable!("equal lines need no value"),
            ..QUEUES
        };
        with_pair(
            ["q1 prefetch=1\nq2\nq3\n", "q3\nq2\nq1 prefetch=1\n"],
            |pair| {
                let mut out = Vec::new();
                report(pair, &no_values, &rule, &mut out);
                assert!(out.is_empty());
            },
        );
        // Lines that differ only in spelling are equal by meaning.
        with_pair(["q1 prefetch=1\nq2\n", "q2\nq1 PREFETCH = 1\n"], |pair| {
            let mut out = Vec::new();
            report(pair, &QUEUES, &rule, &mut out);
            assert!(out.is_empty(), "{out:?}");
        });
    }

    #[test]
    fn groups_keep_the_first_the_last_or_all_items_of_a_key_in_file_order() {
        with_pair(["b\na\nc\na\na\n", ""], |pair| {
            let grouped = Grouped::new(&QUEUES, &pair.primary);
            assert_eq!(grouped.len(), 3);
            let name = |g: usize| (QUEUES.item)(&pair.primary, grouped.first(g)).unwrap().key;
            let a = (0..3).find(|&g| name(g) == Key::one("a")).unwrap();
            let at = |kept: &[Slot]| -> Vec<u32> { kept.iter().map(|slot| slot.at).collect() };
            assert_eq!(at(grouped.kept(a, Keeps::First)), [1]);
            assert_eq!(at(grouped.kept(a, Keeps::Last)), [4]);
            assert_eq!(at(grouped.kept(a, Keeps::All)), [1, 3, 4]);
            let empty = Grouped::new(&QUEUES, pair.backup.as_ref().unwrap());
            assert_eq!(empty.len(), 0);
        });
    }

    #[test]
    fn keys_that_differ_only_in_how_their_parts_split_are_different_keys() {
        assert_ne!(
            key_hash(&Key(["ab", "", "", ""])),
            key_hash(&Key(["a", "b", "", ""]))
        );
    }

    #[test]
    fn ignored_destinations_are_neither_compared_nor_counted() {
        let rule = Reporting::all(&crate::rules::equivalence::destination_mismatch::META);
        let settings = Settings {
            ignore_destinations: vec!["tmp.>".into()],
            ..Settings::default()
        };
        with_pair_and(settings, ["tmp.a\nq1\nq2\n", "q1\ntmp.b\n"], |pair| {
            let mut out = Vec::new();
            report(pair, &QUEUES, &rule, &mut out);
            assert_eq!(out.len(), 1, "{out:?}");
            assert_eq!(out[0].message, "queue `q2` is defined on primary only");
        });
    }

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(412), "412");
        assert_eq!(thousands(20_000), "20,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn fields_that_differ_are_named() {
        let a = Value::from([
            ("prefetch".into(), "5".into()),
            ("secure".into(), String::new()),
        ]);
        let b = Value::from([
            ("prefetch".into(), "6".into()),
            ("maxbytes".into(), "1".into()),
        ]);
        assert_eq!(
            differing_fields(&a, &b),
            vec!["maxbytes", "prefetch", "secure"]
        );
        assert_eq!(
            explain_fields(&a, &b),
            " in `maxbytes`, `prefetch`, `secure`"
        );
    }
}
