//! Files of one entry a line: queues, topics, ACL, durables, tibrvcm, users.

use std::collections::HashSet;

use super::job::{secret_left, Job, Left, Work};
use super::text::{Lines, Place};
use super::Planner;
use crate::compare::Key;

/// Files of one entry a line. Their order means nothing to EMS, so an entry whose place is
/// next to a line that carries a secret goes to the nearest place that is not.
pub(super) fn entries<'a>(job: &Job<'_, 'a>, work: &Work<'a>, planner: &mut Planner<'a>) {
    let users = job.spec.param == "users";
    let mut notes = Vec::new();
    let target = planner.target(job.target_file);
    let missing: HashSet<Key<'a>> = work.missing.iter().copied().collect();
    let anchors = job.anchors(&target.lines, &missing);
    for key in &work.missing {
        let kept = job.kept_source(key);
        if carries_secret(job, key) {
            notes.push(if users {
                format!(
                    "{what} is on {source} only and has a password there; emsftlint never copies a password hash (an entry without it would log in with no password): create it on {target} with tibemsadmin (`create user {name} password=…`)",
                    what = job.describe(key),
                    source = job.source_name(),
                    target = job.target_name(),
                    name = key.part(0),
                )
            } else {
                secret_left(job, key, Left::Missing)
            });
            continue;
        }
        let texts: Vec<String> = kept
            .iter()
            .flat_map(|(_, item)| job.source_lines.lines_of(&item.span))
            .map(|l| job.source_lines.text(l).to_string())
            .collect();
        let place = anchors
            .get(key)
            .and_then(|&place| target.lines.nearest_safe(place));
        match place {
            Some(place) => {
                target.edits.insert(&target.lines, place, texts);
                target.inserted += 1;
            }
            None => notes.push(secret_left(job, key, Left::Missing)),
        }
    }
    for key in &work.extra {
        let lines: Vec<usize> = job
            .target_of(key)
            .iter()
            .flat_map(|(_, item)| target.lines.lines_of(&item.span))
            .collect();
        let hashed = lines.iter().any(|&l| target.lines.is_secret(l));
        if target.lines.may_remove(&lines) {
            target.edits.remove(lines);
            target.removed += 1;
        } else if users && hashed {
            notes.push(format!(
                "{what} is on {target} only, and its line holds a password hash, which emsftlint never shows: delete it on {target} with tibemsadmin (`delete user {name}`)",
                what = job.describe(key),
                target = job.target_name(),
                name = key.part(0),
            ));
        } else {
            notes.push(secret_left(job, key, Left::TargetOnly));
        }
    }
    let secrets = job.source_secrets();
    for (key, wanted, had) in &work.changed {
        let lines: Vec<usize> = job
            .target_of(key)
            .iter()
            .flat_map(|(_, item)| target.lines.lines_of(&item.span))
            .collect();
        let texts: Vec<String> = job
            .kept_source(key)
            .iter()
            .flat_map(|(_, item)| job.source_lines.lines_of(&item.span))
            // A user's line is written without its password hash (users.conf's only secret).
            .map(|l| without_secrets(&job.source_lines, l, &secrets))
            .collect();
        if users && wanted.get("password") != had.get("password") {
            notes.push(password_note(job, key, wanted.contains_key("password")));
            if wanted.get("description") == had.get("description") {
                continue;
            }
        }
        let current: Vec<&str> = lines.iter().map(|&l| target.lines.text(l)).collect();
        if current == texts {
            continue;
        }
        let source_secret = !users && carries_secret(job, key);
        let Some(&first) = lines.first() else {
            continue;
        };
        if source_secret || !target.lines.may_remove(&lines) {
            notes.push(secret_left(job, key, Left::Differs));
            continue;
        }
        target.edits.remove(lines);
        target
            .edits
            .insert(&target.lines, Place::Before(first), texts);
        target.rewritten += 1;
    }
    for note in notes {
        planner.note(note);
    }
}

impl Job<'_, '_> {
    /// The secret spans of the source's users.conf.
    fn source_secrets(&self) -> Vec<std::ops::Range<usize>> {
        self.source
            .users
            .as_ref()
            .map_or_else(Vec::new, |u| u.file.secret_spans())
    }
}

/// Whether a line of the source's entry of `key` carries a secret.
fn carries_secret(job: &Job<'_, '_>, key: &Key<'_>) -> bool {
    job.kept_source(key).iter().any(|(_, item)| {
        job.source_lines
            .lines_of(&item.span)
            .any(|l| job.source_lines.is_secret(l))
    })
}

/// Line `line` of `lines` with the bytes of every secret span in it left out.
fn without_secrets(lines: &Lines<'_>, line: usize, secrets: &[std::ops::Range<usize>]) -> String {
    let raw = lines.lines[line];
    if !lines.is_secret(line) {
        return raw.text.to_string();
    }
    let end = raw.start + raw.text.len();
    let mut out = String::with_capacity(raw.text.len());
    let mut at = raw.start;
    let mut spans: Vec<_> = secrets
        .iter()
        .filter(|s| s.start < end && s.end > raw.start)
        .collect();
    spans.sort_by_key(|s| s.start);
    for span in spans {
        let start = span.start.max(at);
        out.push_str(
            raw.text
                .get(at - raw.start..start - raw.start)
                .unwrap_or(""),
        );
        at = span.end.min(end).max(at);
    }
    out.push_str(raw.text.get(at - raw.start..).unwrap_or(""));
    out
}

/// What to do about a user whose password is set on one server only.
fn password_note(job: &Job<'_, '_>, key: &Key<'_>, source_has: bool) -> String {
    let (with, without) = if source_has {
        (job.source_name(), job.target_name())
    } else {
        (job.target_name(), job.source_name())
    };
    format!(
        "{what} has a password on {with} and none on {without}; emsftlint never copies or removes a password: set it on {target} with tibemsadmin (`set password {name}`)",
        what = job.describe(key),
        target = job.target_name(),
        name = key.part(0),
    )
}
