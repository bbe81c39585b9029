//! One sub-file being fixed: both servers' entries in file order, and the engine's
//! differences seen from the target.

use std::collections::{HashMap, HashSet};

use super::text::{Lines, Place};
use super::{side_name, Planner};
use crate::compare::{self, Difference, Fields, Item, Keeps, Key, Spec};
use crate::finding::Side;
use crate::model::server::{Server, SubFile};
use crate::model::subfiles::by_param;
use crate::model::Pair;
use crate::source::FileRef;

/// One sub-file of the pair being fixed: both files, both servers' entries in file order.
pub(super) struct Job<'p, 'a> {
    pub spec: &'static Spec,
    pub source: &'p Server<'a>,
    pub target: &'p Server<'a>,
    pub target_file: &'a FileRef,
    pub source_lines: Lines<'a>,
    /// `(position in the parsed list, item)`, in file order.
    pub source_items: Vec<(usize, Item<'a>)>,
    pub target_items: Vec<(usize, Item<'a>)>,
    by_key: [HashMap<Key<'a>, Vec<usize>>; 2],
}

/// What the engine found, seen from the target: keys to insert, to remove, to rewrite (with
/// the source's value and the target's).
#[derive(Default)]
pub(super) struct Work<'a> {
    pub missing: Vec<Key<'a>>,
    pub extra: Vec<Key<'a>>,
    pub changed: Vec<(Key<'a>, Fields, Fields)>,
}

const SOURCE: usize = 0;
const TARGET: usize = 1;

impl<'p, 'a> Job<'p, 'a> {
    /// The items of one key on the source (`SOURCE`) or the target (`TARGET`).
    pub fn items_of(&self, side: usize, key: &Key<'a>) -> Vec<&(usize, Item<'a>)> {
        let list = if side == SOURCE {
            &self.source_items
        } else {
            &self.target_items
        };
        self.by_key[side]
            .get(key)
            .map(|at| at.iter().filter_map(|&i| list.get(i)).collect())
            .unwrap_or_default()
    }

    /// The source's items of a key that make its value, as EMS goes by them.
    pub fn kept_source(&self, key: &Key<'a>) -> Vec<&(usize, Item<'a>)> {
        let all = self.items_of(SOURCE, key);
        match self.spec.keeps {
            Keeps::All => all,
            Keeps::First => all.into_iter().take(1).collect(),
            Keeps::Last => all.into_iter().last().into_iter().collect(),
        }
    }

    /// The target's items of a key.
    pub fn target_of(&self, key: &Key<'a>) -> Vec<&(usize, Item<'a>)> {
        self.items_of(TARGET, key)
    }

    /// `queue `orders.in``, for notes.
    pub fn describe(&self, key: &Key<'_>) -> String {
        (self.spec.describe)(key)
    }

    pub fn source_name(&self) -> &'static str {
        side_name(self.source)
    }

    pub fn target_name(&self) -> &'static str {
        side_name(self.target)
    }

    /// Where each missing key goes on the target: after the entry that precedes it on the
    /// source, when the target has that one; else before the one that follows; else at the
    /// end.
    pub fn anchors(
        &self,
        lines: &Lines<'_>,
        missing: &HashSet<Key<'a>>,
    ) -> HashMap<Key<'a>, Place> {
        let mut out = HashMap::new();
        let mut last = None;
        let mut pending = Vec::new();
        let mut seen = HashSet::new();
        for (_, item) in &self.source_items {
            if !seen.insert(item.key) {
                continue;
            }
            if let Some((_, first)) = self.target_of(&item.key).first() {
                let range = lines.lines_of(&first.span);
                for key in pending.drain(..) {
                    out.insert(key, Place::Before(range.start));
                }
                last = Some(range.end - 1);
            } else if missing.contains(&item.key) {
                match last {
                    Some(line) => {
                        out.insert(item.key, Place::After(line));
                    }
                    None => pending.push(item.key),
                }
            }
        }
        out.extend(pending.into_iter().map(|key| (key, Place::End)));
        out
    }
}

impl<'p, 'a> Job<'p, 'a> {
    /// The job of one sub-file, with what differs; `None` when nothing does, or when the
    /// target has no file to write into (a note then says so).
    pub fn build(
        pair: &Pair<'a>,
        spec: &'static Spec,
        source: &'p Server<'a>,
        target: &'p Server<'a>,
        planner: &mut Planner<'a>,
    ) -> Option<(Self, Work<'a>)> {
        let (source_file, target_file) = match (
            source.sub_file(spec.param),
            target.sub_file(spec.param),
        ) {
            (SubFile::Read(s), SubFile::Read(t)) => (s, t),
            (SubFile::Read(_), SubFile::NotNamed) if (spec.count)(source) > 0 => {
                let file = by_param(spec.param).map_or(spec.param, |r| r.file_name);
                planner.note(format!(
                    "{target}'s tibemsd.conf names no `{param}` file, so its {plural} cannot be written: add `{param} = {file}` to it (a copy of {source}'s {file} without its secrets), then run the fix again",
                    target = side_name(target),
                    source = side_name(source),
                    param = spec.param,
                    plural = spec.plural,
                ));
                return None;
            }
            // An unreadable file is missing-file's finding; a file neither names is no drift.
            _ => return None,
        };
        if std::ptr::eq(source_file, target_file) || source_file.text == target_file.text {
            return None;
        }
        let mut differences = compare::pair_differences(pair, spec);
        let files = match source.side() {
            Side::Primary => [source_file.path.as_path(), target_file.path.as_path()],
            Side::Backup => [target_file.path.as_path(), source_file.path.as_path()],
        };
        differences.retain(|d| planner.reported.difference(spec, d, files));
        if differences.is_empty() {
            return None;
        }
        let mut work = work(&differences, source.side());
        if spec.param == "users" {
            leave_server_users(pair, &mut work, planner);
        }
        let items = |server: &Server<'a>| -> Vec<(usize, Item<'a>)> {
            (0..(spec.count)(server))
                .filter_map(|at| (spec.item)(server, at).map(|item| (at, item)))
                .collect()
        };
        let (source_items, target_items) = (items(source), items(target));
        let by_key = |list: &[(usize, Item<'a>)]| {
            let mut map: HashMap<Key<'a>, Vec<usize>> = HashMap::new();
            for (i, (_, item)) in list.iter().enumerate() {
                map.entry(item.key).or_default().push(i);
            }
            map
        };
        let job = Job {
            spec,
            source,
            target,
            target_file,
            source_lines: Lines::new(&source_file.text, &source_file.secret_spans(), false),
            by_key: [by_key(&source_items), by_key(&target_items)],
            source_items,
            target_items,
        };
        Some((job, work))
    }
}

/// With authorization on, the user named like a server holds the server's password (the FT
/// peer logs in with it): the server-user rules judge it, and only tibemsadmin may set it.
fn leave_server_users<'a>(pair: &Pair<'a>, work: &mut Work<'a>, planner: &mut Planner<'a>) {
    let names: Vec<&str> = pair
        .server_users()
        .map(|(_, server, _)| server.value.as_str())
        .collect();
    let left = |key: &Key<'_>| names.contains(&key.part(0));
    let mut keys: Vec<Key<'a>> = work.missing.iter().chain(&work.extra).copied().collect();
    keys.extend(work.changed.iter().map(|(key, _, _)| *key));
    for key in keys.iter().filter(|k| left(k)) {
        planner.note(format!(
            "user `{name}` is named like the server, and with authorization on it must hold the server's `password`: emsftlint leaves it to you; create or set it on both servers with tibemsadmin (`create user {name} password=…` or `set password {name}`)",
            name = key.part(0)
        ));
    }
    work.missing.retain(|k| !left(k));
    work.extra.retain(|k| !left(k));
    work.changed.retain(|(k, _, _)| !left(k));
}

/// The engine's differences as what the target lacks, has alone, or has otherwise.
fn work<'a>(differences: &[Difference<'a>], from: Side) -> Work<'a> {
    let mut work = Work::default();
    let from_primary = from == Side::Primary;
    for difference in differences {
        match (difference, from_primary) {
            (Difference::OnlyPrimary(e), true) | (Difference::OnlyBackup(e), false) => {
                work.missing.push(e.key)
            }
            (Difference::OnlyPrimary(e), false) | (Difference::OnlyBackup(e), true) => {
                work.extra.push(e.key)
            }
            (Difference::Changed(a, b), true) => {
                work.changed.push((a.key, a.value.clone(), b.value.clone()))
            }
            (Difference::Changed(a, b), false) => {
                work.changed.push((a.key, b.value.clone(), a.value.clone()))
            }
        }
    }
    work
}

/// How an entry the fix leaves differs.
#[derive(Debug, Clone, Copy)]
pub(super) enum Left {
    Missing,
    TargetOnly,
    Differs,
}

/// An entry the fix leaves because its line, or the line after it, carries a secret.
pub(super) fn secret_left(job: &Job<'_, '_>, key: &Key<'_>, left: Left) -> String {
    let target = job.target_name();
    let how = match left {
        Left::Missing => format!("is missing on {target}"),
        Left::TargetOnly => format!("is on {target} only"),
        Left::Differs => format!("differs on {target}"),
    };
    format!(
        "{what} {how}, but its line or the line after it holds a secret, which emsftlint never writes or shows: change it by hand in {file}",
        what = job.describe(key),
        file = job.target_file.display,
    )
}
