//! The change to one file as a unified diff that `git apply` and `patch -p1` take, whose
//! context never shows a line that carries a secret.
//!
//! `similar`'s unified diff takes a fixed context radius, so it would quote a password line
//! next to a change; the fix knows exactly which old lines it keeps, so the hunks are built
//! from that, with up to [`CONTEXT`] lines of context on each side, never across a secret
//! line. `git apply` needs trailing context unless a hunk reaches the end of the file (the
//! planner guarantees one line), and GNU patch reads a hunk with less trailing than leading
//! context as one that must end the file, so leading context is cut to the trailing's.

use std::fmt::Write;

use super::text::{Lines, NewLine};

/// Context lines on each side of a change, as `diff -u` writes.
pub const CONTEXT: usize = 3;

/// One step from the old text to the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Keep { old: usize, new: usize },
    Remove { old: usize },
    Add { new: usize },
}

fn ops(file: &Lines<'_>, new: &[NewLine]) -> Vec<Op> {
    let mut out = Vec::with_capacity(new.len() + 8);
    let mut next_old = 0;
    for (j, line) in new.iter().enumerate() {
        match line.old {
            Some(old) => {
                out.extend((next_old..old).map(|o| Op::Remove { old: o }));
                out.push(Op::Keep { old, new: j });
                next_old = old + 1;
            }
            None => out.push(Op::Add { new: j }),
        }
    }
    out.extend((next_old..file.len()).map(|o| Op::Remove { old: o }));
    // A rewritten line is shown removed, then added.
    sort_runs(&mut out);
    out
}

/// Within each run of changes, removals first, as diff tools write them.
fn sort_runs(ops: &mut [Op]) {
    for run in ops.split_mut(|op| matches!(op, Op::Keep { .. })) {
        run.sort_by_key(|op| match op {
            Op::Remove { old } => (0, *old),
            Op::Add { new } => (1, *new),
            Op::Keep { .. } => (2, 0),
        });
    }
}

/// The unified diff of `file` (shown as `a/{path}` and `b/{path}`) to `new`; empty when
/// nothing changes.
pub fn unified(path: &str, file: &Lines<'_>, new: &[NewLine]) -> String {
    let ops = ops(file, new);
    let changed: Vec<usize> = (0..ops.len())
        .filter(|&i| !matches!(ops[i], Op::Keep { .. }))
        .collect();
    if changed.is_empty() {
        return String::new();
    }
    let secret_keep = |i: usize| matches!(ops[i], Op::Keep { old, .. } if file.is_secret(old));
    // Hunks as ranges of ops: a change run, widened by context that stops at a secret line;
    // two runs whose context would touch or overlap, with no secret between, are one hunk.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < changed.len() {
        let first = changed[i];
        let mut last = first;
        while i + 1 < changed.len() {
            let gap = last + 1..changed[i + 1];
            let mergeable = gap.len() <= 2 * CONTEXT && !gap.clone().any(secret_keep);
            if changed[i + 1] == last + 1 || mergeable {
                i += 1;
                last = changed[i];
            } else {
                break;
            }
        }
        i += 1;
        let mut leading = 0;
        while leading < CONTEXT && first > leading && !secret_keep(first - leading - 1) {
            leading += 1;
        }
        let mut trailing = 0;
        while trailing < CONTEXT
            && last + trailing + 1 < ops.len()
            && !secret_keep(last + trailing + 1)
        {
            trailing += 1;
        }
        let at_end = last + trailing + 1 == ops.len();
        if !at_end {
            leading = leading.min(trailing);
        }
        hunks.push((first - leading, last + trailing));
    }
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    for (start, end) in hunks {
        write_hunk(&mut out, &ops[start..=end], file, new);
    }
    out
}

fn write_hunk(out: &mut String, ops: &[Op], file: &Lines<'_>, new: &[NewLine]) {
    let old_lines: Vec<usize> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Keep { old, .. } | Op::Remove { old } => Some(*old),
            Op::Add { .. } => None,
        })
        .collect();
    let new_lines: Vec<usize> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Keep { new, .. } | Op::Add { new } => Some(*new),
            Op::Remove { .. } => None,
        })
        .collect();
    // Where the hunk starts on each side: for an empty side, the line before it.
    let old_start = match old_lines.first() {
        Some(first) => first + 1,
        None => preceding_old(ops, new),
    };
    let new_start = match new_lines.first() {
        Some(first) => first + 1,
        None => preceding_new(ops, new),
    };
    let _ = writeln!(
        out,
        "@@ -{} +{} @@",
        range(old_start, old_lines.len()),
        range(new_start, new_lines.len())
    );
    for op in ops {
        let (mark, text, ending) = match *op {
            Op::Keep { new: j, .. } => (' ', new[j].text.as_str(), new[j].ending.as_str()),
            Op::Remove { old } => {
                let line = file.lines[old];
                ('-', line.text, line.ending)
            }
            Op::Add { new: j } => ('+', new[j].text.as_str(), new[j].ending.as_str()),
        };
        out.push(mark);
        out.push_str(text);
        if ending.is_empty() {
            out.push_str("\n\\ No newline at end of file\n");
        } else {
            out.push_str(ending);
        }
    }
}

/// The number of old lines before a hunk that holds none (only additions).
fn preceding_old(ops: &[Op], new: &[NewLine]) -> usize {
    let first_new = ops
        .iter()
        .find_map(|op| match op {
            Op::Add { new } => Some(*new),
            _ => None,
        })
        .unwrap_or(0);
    new[..first_new]
        .iter()
        .rev()
        .find_map(|l| l.old.map(|o| o + 1))
        .unwrap_or(0)
}

/// The number of new lines before a hunk that adds none (only removals).
fn preceding_new(ops: &[Op], new: &[NewLine]) -> usize {
    let first_old = ops
        .iter()
        .find_map(|op| match op {
            Op::Remove { old } => Some(*old),
            _ => None,
        })
        .unwrap_or(0);
    new.iter()
        .position(|l| l.old.is_some_and(|o| o >= first_old))
        .unwrap_or(new.len())
}

/// `start,count` as a hunk header writes it.
fn range(start: usize, count: usize) -> String {
    if count == 1 {
        start.to_string()
    } else {
        format!("{start},{count}")
    }
}
