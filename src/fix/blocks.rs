//! Entries that span lines: groups (a header and member lines), bridges (target lines under
//! a `[kind:source]` header) and the sections of the INI-style files. A changed entry is
//! edited line by line: only the header, members or properties that differ are rewritten.

use std::collections::{HashMap, HashSet};

use super::job::{secret_left, Job, Left, Work};
use super::text::{reindent, Edits, Lines, Place};
use super::Planner;
use crate::compare::{differing_fields, Key};
use crate::ems::ini::{self, IniKind};

/// The source's lines of an entry, continuation lines in the target's indentation.
fn entry_texts(
    job: &Job<'_, '_>,
    span: &std::ops::Range<usize>,
    indent: Option<&str>,
) -> Vec<String> {
    let lines = &job.source_lines;
    lines
        .lines_of(span)
        .enumerate()
        .map(|(n, l)| match n {
            0 => lines.text(l).to_string(),
            _ => reindent(lines.text(l), indent),
        })
        .collect()
}

fn source_has_secret(job: &Job<'_, '_>, span: &std::ops::Range<usize>) -> bool {
    job.source_lines
        .lines_of(span)
        .any(|l| job.source_lines.is_secret(l))
}

/// groups.conf: a missing group is written whole; a changed one gets the source's header when
/// the descriptions differ, and loses or gains only the members that differ.
pub(super) fn groups<'a>(job: &Job<'_, 'a>, work: &Work<'a>, planner: &mut Planner<'a>) {
    let (Some(source), Some(target_groups)) = (&job.source.groups, &job.target.groups) else {
        return;
    };
    let mut notes = Vec::new();
    let target = planner.target(job.target_file);
    let lines = &target.lines;
    let indent = target_groups
        .data
        .groups
        .iter()
        .find_map(|g| g.members.first())
        .map(|m| lines.indent_at(lines.line_of(m.span.start)));
    let missing: HashSet<Key<'a>> = work.missing.iter().copied().collect();
    let anchors = job.anchors(lines, &missing);
    for key in &work.missing {
        let Some((_, item)) = job.kept_source(key).first().copied() else {
            continue;
        };
        let place = anchors.get(key).copied().unwrap_or(Place::End);
        if !lines.may_end_before(place.next_line(lines.len())) {
            notes.push(secret_left(job, key, Left::Missing));
            continue;
        }
        target
            .edits
            .insert(lines, place, entry_texts(job, &item.span, indent));
        target.inserted += 1;
    }
    for key in &work.extra {
        remove_entries(
            job,
            key,
            (lines, &mut target.edits, &mut target.removed),
            &mut notes,
        );
    }
    for (key, wanted, had) in &work.changed {
        let (Some((s_at, _)), Some((t_at, _))) = (
            job.kept_source(key).first().copied(),
            job.target_of(key).last().copied(),
        ) else {
            continue;
        };
        let (Some(from), Some(group)) = (
            source.data.groups.get(*s_at),
            target_groups.data.groups.get(*t_at),
        ) else {
            continue;
        };
        let fields = differing_fields(wanted, had);
        let header = lines.line_of(group.header_span.start);
        let mut removed = Vec::new();
        let mut added: Vec<(Place, String)> = Vec::new();
        if fields.contains(&"description") {
            removed.push(header);
            let text = job
                .source_lines
                .text(job.source_lines.line_of(from.header_span.start));
            added.push((Place::Before(header), text.to_string()));
        }
        if fields.contains(&"members") {
            let wanted_members = from.member_set();
            let had_members = group.member_set();
            removed.extend(
                group
                    .members
                    .iter()
                    .filter(|m| !wanted_members.contains(m.name))
                    .map(|m| lines.line_of(m.span.start)),
            );
            let after = group
                .members
                .last()
                .map_or(header, |m| lines.line_of(m.span.start));
            let mut seen = HashSet::new();
            for member in from
                .members
                .iter()
                .filter(|m| !had_members.contains(m.name))
            {
                if seen.insert(member.name) {
                    let line = job.source_lines.line_of(member.span.start);
                    added.push((
                        Place::Append(after),
                        reindent(job.source_lines.text(line), indent),
                    ));
                }
            }
        }
        let safe = lines.may_remove(&removed)
            && added
                .iter()
                .all(|(place, _)| lines.may_end_before(place.next_line(lines.len())));
        if !safe {
            notes.push(secret_left(job, key, Left::Differs));
            continue;
        }
        target.edits.remove(removed);
        for (place, text) in added {
            target.edits.insert(lines, place, vec![text]);
        }
        target.rewritten += 1;
    }
    for note in notes {
        planner.note(note);
    }
}

/// Removes every target entry of `key` (all its lines), or notes why it cannot.
fn remove_entries<'a>(
    job: &Job<'_, 'a>,
    key: &Key<'a>,
    (lines, edits, count): (&Lines<'_>, &mut Edits, &mut usize),
    notes: &mut Vec<String>,
) {
    let mut remove: Vec<usize> = Vec::new();
    for (_, item) in job.target_of(key) {
        let range = lines.lines_of(&item.span);
        remove.extend(range.clone());
        // The blank line that separated a section from its neighbours goes with it.
        let blank_before = range.start > 0 && lines.is_blank(range.start - 1);
        if range.len() > 1 {
            if (range.start == 0 || blank_before) && lines.is_blank(range.end) {
                remove.push(range.end);
            } else if blank_before && range.end == lines.len() {
                remove.push(range.start - 1);
            }
        }
    }
    if lines.may_remove(&remove) {
        edits.remove(remove);
        *count += 1;
    } else {
        notes.push(secret_left(job, key, Left::TargetOnly));
    }
}

/// bridges.conf: a target line goes under its `[kind:source]` header, which a missing bridge
/// brings along when the target has none; a header left with no line is removed.
pub(super) fn bridges<'a>(job: &Job<'_, 'a>, work: &Work<'a>, planner: &mut Planner<'a>) {
    let (Some(source), Some(target_bridges)) = (&job.source.bridges, &job.target.bridges) else {
        return;
    };
    let mut notes = Vec::new();
    let target = planner.target(job.target_file);
    let lines = &target.lines;
    let indent = target_bridges
        .data
        .bridges
        .first()
        .map(|b| lines.indent_at(lines.line_of(b.line_span.start)));
    let header_of = |key: &Key<'a>| -> (&'a str, &'a str) { (key.part(0), key.part(1)) };
    // New headers, in the order first needed: header line, then the target lines under it.
    let mut blocks: Vec<((&str, &str), Vec<String>)> = Vec::new();
    for key in &work.missing {
        let Some((at, item)) = job.kept_source(key).first().copied() else {
            continue;
        };
        let text = reindent(
            job.source_lines
                .text(job.source_lines.line_of(item.span.start)),
            indent,
        );
        let under = job
            .target_items
            .iter()
            .filter(|(_, t)| header_of(&t.key) == header_of(key))
            .map(|(_, t)| lines.line_of(t.span.start))
            .max();
        match under {
            Some(line) if lines.may_end_before(line + 1) => {
                target.edits.insert(lines, Place::Append(line), vec![text]);
                target.inserted += 1;
            }
            Some(_) => notes.push(secret_left(job, key, Left::Missing)),
            None => {
                let Some(bridge) = source.data.bridges.get(*at) else {
                    continue;
                };
                match blocks.iter_mut().find(|(h, _)| *h == header_of(key)) {
                    Some((_, block)) => block.push(text),
                    None => {
                        let header = job.source_lines.line_of(bridge.header_span.start);
                        let header = job.source_lines.text(header).to_string();
                        blocks.push((header_of(key), vec![header, text]));
                    }
                }
                target.inserted += 1;
            }
        }
    }
    for (_, mut block) in blocks {
        if lines.len() > 0 && !lines.is_blank(lines.len() - 1) {
            block.insert(0, String::new());
        }
        target.edits.insert(lines, Place::End, block);
    }
    // Target lines removed under each header, to remove the headers left empty.
    let mut removed_under: HashMap<usize, usize> = HashMap::new();
    for key in &work.extra {
        let items = job.target_of(key);
        let remove: Vec<usize> = items
            .iter()
            .map(|(_, t)| lines.line_of(t.span.start))
            .collect();
        if !lines.may_remove(&remove) {
            notes.push(secret_left(job, key, Left::TargetOnly));
            continue;
        }
        for (at, _) in &items {
            if let Some(bridge) = target_bridges.data.bridges.get(*at) {
                *removed_under.entry(bridge.header_span.start).or_default() += 1;
            }
        }
        target.edits.remove(remove);
        target.removed += 1;
    }
    for (header, removed) in removed_under {
        let under = target_bridges
            .data
            .bridges
            .iter()
            .filter(|b| b.header_span.start == header)
            .count();
        let line = lines.line_of(header);
        if under == removed && lines.may_remove(&[line]) {
            target.edits.remove([line]);
        }
    }
    for (key, _, _) in &work.changed {
        let (Some((_, from)), Some((_, item))) = (
            job.kept_source(key).first().copied(),
            job.target_of(key).first().copied(),
        ) else {
            continue;
        };
        let line = lines.line_of(item.span.start);
        let text = reindent(
            job.source_lines
                .text(job.source_lines.line_of(from.span.start)),
            Some(lines.indent_at(line)),
        );
        if !lines.may_remove(&[line]) {
            notes.push(secret_left(job, key, Left::Differs));
            continue;
        }
        target.edits.remove([line]);
        target.edits.insert(lines, Place::Before(line), vec![text]);
        target.rewritten += 1;
    }
    for note in notes {
        planner.note(note);
    }
}

/// routes, factories, stores, channels, transports: a missing section is written whole
/// (blank-line separated when the target separates its sections so); a changed one has only
/// the properties whose values differ by meaning rewritten, next to the same neighbour. A
/// secret property is never written: a note says to set it by hand.
pub(super) fn sections<'a>(
    job: &Job<'_, 'a>,
    kind: IniKind,
    work: &Work<'a>,
    planner: &mut Planner<'a>,
) {
    let (Some(source), Some(target_file)) = (job.source.ini(kind), job.target.ini(kind)) else {
        return;
    };
    let mut notes = Vec::new();
    let target = planner.target(job.target_file);
    let lines = &target.lines;
    let indent = target_file
        .data
        .sections
        .iter()
        .find_map(|s| s.props.first())
        .map(|p| lines.indent_at(lines.line_of(p.line_span.start)));
    let missing: HashSet<Key<'a>> = work.missing.iter().copied().collect();
    let anchors = job.anchors(lines, &missing);
    for key in &work.missing {
        let Some((_, item)) = job.kept_source(key).first().copied() else {
            continue;
        };
        let place = anchors.get(key).copied().unwrap_or(Place::End);
        if source_has_secret(job, &item.span) || !lines.may_end_before(place.next_line(lines.len()))
        {
            notes.push(secret_left(job, key, Left::Missing));
            continue;
        }
        let mut texts = entry_texts(job, &item.span, indent);
        let next = place.next_line(lines.len());
        match place {
            Place::Append(_) | Place::After(_) | Place::End
                if lines.len() > 0 && (next == 0 || !lines.is_blank(next - 1)) =>
            {
                texts.insert(0, String::new());
            }
            Place::Before(line) if line > 0 && lines.is_blank(line - 1) => {
                texts.push(String::new())
            }
            _ => {}
        }
        target.edits.insert(lines, place, texts);
        target.inserted += 1;
    }
    for key in &work.extra {
        remove_entries(
            job,
            key,
            (lines, &mut target.edits, &mut target.removed),
            &mut notes,
        );
    }
    for (key, wanted, had) in &work.changed {
        let (Some((s_at, _)), Some((t_at, t_item))) = (
            job.kept_source(key).first().copied(),
            job.target_of(key).first().copied(),
        ) else {
            continue;
        };
        let (Some(from), Some(section)) = (
            source.data.sections.get(*s_at),
            target_file.data.sections.get(*t_at),
        ) else {
            continue;
        };
        let section_end = lines.lines_of(&t_item.span).end - 1;
        let mut removed = Vec::new();
        let mut added: Vec<(Place, Vec<String>)> = Vec::new();
        let mut left = Vec::new();
        for field in differing_fields(wanted, had) {
            if ini::is_secret_key(kind, field) {
                left.push(field.to_string());
                continue;
            }
            let theirs: Vec<usize> = section
                .get_all(field)
                .map(|p| lines.line_of(p.line_span.start))
                .collect();
            let ours: Vec<String> = from
                .get_all(field)
                .map(|p| {
                    reindent(
                        job.source_lines
                            .text(job.source_lines.line_of(p.line_span.start)),
                        indent,
                    )
                })
                .collect();
            let place = match theirs.first() {
                Some(&first) => Place::Before(first),
                None => {
                    // After the property that precedes it on the source, if the target has it.
                    let first_ours = from
                        .props
                        .iter()
                        .position(|p| p.key.eq_ignore_ascii_case(field));
                    let before = first_ours.map_or(&from.props[..0], |n| &from.props[..n]);
                    let neighbour = before.iter().rev().find_map(|p| {
                        section
                            .get_all(p.key)
                            .last()
                            .map(|t| lines.line_of(t.line_span.start))
                    });
                    Place::Append(neighbour.unwrap_or(section_end))
                }
            };
            removed.extend(theirs);
            added.push((place, ours));
        }
        let safe = lines.may_remove(&removed)
            && added
                .iter()
                .all(|(place, _)| lines.may_end_before(place.next_line(lines.len())));
        if !safe {
            notes.push(secret_left(job, key, Left::Differs));
            continue;
        }
        for field in left {
            notes.push(format!(
                "{what}: `{field}` differs, and emsftlint never copies a secret: set it by hand on {target} in {file} (tibemsadmin -mangle writes an obfuscated value)",
                what = job.describe(key),
                target = job.target_name(),
                file = job.target_file.display,
            ));
        }
        if removed.is_empty() && added.iter().all(|(_, texts)| texts.is_empty()) {
            continue;
        }
        target.edits.remove(removed);
        for (place, texts) in added {
            target.edits.insert(lines, place, texts);
        }
        target.rewritten += 1;
    }
    for note in notes {
        planner.note(note);
    }
}
