//! tibemsd.conf: every parameter both servers must set alike (as setting-mismatch and the
//! FT timing, heartbeat, server and authorization rules compare them) whose values in force
//! differ. Per-server parameters, secrets, file names, `listen`, `ft_active` and `store` are
//! never touched.

use std::collections::BTreeSet;

use super::text::{Lines, Place};
use super::Planner;
use crate::ems::params;
use crate::ems::tibemsd::Param;
use crate::model::server::Server;
use crate::model::Pair;
use crate::rules::settings::setting_mismatch::shared_setting;

/// Never written, whatever the catalog says: each server's own addresses and store.
const NEVER: [&str; 4] = ["listen", "ft_active", "store", "password"];

/// Where a parameter line's value starts and ends (quotes included), as offsets in the line.
fn value_bounds(line: &str) -> Option<(usize, usize)> {
    let eq = line.find('=')?;
    let rest = &line[eq + 1..];
    let start = eq + 1 + (rest.len() - rest.trim_start().len());
    let end = line.trim_end().len().max(start);
    Some((start, end))
}

/// A parameter line's value as written (quotes included).
fn raw_value<'t>(lines: &Lines<'t>, param: &Param) -> &'t str {
    let text = lines.text(lines.line_of(param.line_span.start));
    value_bounds(text).map_or("", |(start, end)| &text[start..end])
}

/// How the target writes `name = value`: the column of `=` and what follows it.
struct Layout {
    equals_at: Option<usize>,
    after_equals: String,
}

impl Layout {
    fn of(lines: &Lines<'_>, model: Option<&Param>) -> Layout {
        let parts = model.and_then(|p| {
            let text = lines.text(lines.line_of(p.line_span.start));
            let eq = text.find('=')?;
            let (start, _) = value_bounds(text)?;
            let key_end = p
                .key_span
                .end
                .checked_sub(lines.lines[lines.line_of(p.line_span.start)].start)?;
            let aligned = text.get(key_end..eq)?.chars().all(|c| c == ' ') && eq > key_end + 1;
            Some((aligned.then_some(eq), text[eq..start].to_string()))
        });
        match parts {
            Some((equals_at, after_equals)) => Layout {
                equals_at,
                after_equals,
            },
            None => Layout {
                equals_at: None,
                after_equals: "= ".into(),
            },
        }
    }

    fn line(&self, key: &str, value: &str) -> String {
        let pad = match self.equals_at {
            Some(column) if column > key.len() => " ".repeat(column - key.len()),
            _ => " ".to_string(),
        };
        format!("{key}{pad}{}{value}", self.after_equals)
    }
}

pub(super) fn plan<'a>(
    pair: &Pair<'a>,
    source: &Server<'a>,
    target: &Server<'a>,
    planner: &mut Planner<'a>,
) {
    let (ours, theirs) = (source.conf(), target.conf());
    let names: BTreeSet<&str> = ours
        .params
        .iter()
        .chain(&theirs.params)
        .filter(|p| !p.is_empty())
        .map(|p| p.name.as_str())
        .collect();
    let source_lines = Lines::new(&source.main().text, &source.main().secret_spans(), false);
    let reported = std::mem::take(&mut planner.reported);
    let file = planner.target(target.main());
    let lines = &file.lines;
    let layout = Layout::of(lines, theirs.params.first());
    let mut notes = Vec::new();
    for name in names {
        if NEVER.contains(&name) || !shared_setting(pair, name) {
            continue;
        }
        if source.values_in_force(name) == target.values_in_force(name) {
            continue;
        }
        let at: Vec<_> = [source, target]
            .iter()
            .filter_map(|s| {
                Some((
                    s.side(),
                    s.main().path.as_path(),
                    s.line_of(name)?.line_span.clone(),
                ))
            })
            .collect();
        if !reported.setting(&at) {
            continue;
        }
        let repeatable = params::lookup(name).is_some_and(|s| s.repeatable);
        let wanted: Vec<&Param> = if repeatable {
            ours.values(name).collect()
        } else {
            source.param(name).into_iter().collect()
        };
        let had: Vec<&Param> = theirs.values(name).collect();
        let line_of = |p: &Param| lines.line_of(p.line_span.start);
        // One value in force on both: rewrite the target's value in its own line.
        if let (false, [want], Some(have)) = (repeatable, wanted.as_slice(), target.param(name)) {
            let at = line_of(have);
            let text = lines.text(at);
            let Some((start, end)) = value_bounds(text) else {
                continue;
            };
            let new = format!(
                "{}{}{}",
                &text[..start],
                raw_value(&source_lines, want),
                &text[end..]
            );
            if lines.may_remove(&[at]) {
                file.edits.remove([at]);
                file.edits.insert(lines, Place::Before(at), vec![new]);
                file.rewritten += 1;
            } else {
                notes.push(secret_next_to(name, target, &file.file.display));
            }
            continue;
        }
        let remove: Vec<usize> = had.iter().map(|p| line_of(p)).collect();
        let texts: Vec<String> = wanted
            .iter()
            .map(|p| layout.line(&p.key, raw_value(&source_lines, p)))
            .collect();
        let place = match remove.first() {
            Some(&first) => Some(Place::Before(first)),
            None if texts.is_empty() => None,
            None => lines.nearest_safe(neighbour(ours, theirs, name, lines)),
        };
        let Some(place) = place else { continue };
        if !lines.may_remove(&remove) || !lines.may_end_before(place.next_line(lines.len())) {
            notes.push(secret_next_to(name, target, &file.file.display));
            continue;
        }
        match (remove.is_empty(), texts.is_empty()) {
            (true, false) => file.inserted += 1,
            (false, true) => file.removed += 1,
            _ => file.rewritten += 1,
        }
        file.edits.remove(remove);
        file.edits.insert(lines, place, texts);
    }
    for note in notes {
        planner.note(note);
    }
    planner.reported = reported;
}

fn secret_next_to(name: &str, target: &Server<'_>, file: &str) -> String {
    format!(
        "`{name}` differs, but a line next to it on {} holds a secret, which emsftlint never shows: set it by hand in {file}",
        target.side().as_str()
    )
}

/// Where a parameter the target lacks goes: after the parameter that precedes it on the
/// source, if the target sets that one; else before the one that follows; else at the end.
fn neighbour(
    ours: &crate::ems::tibemsd::TibemsdConf,
    theirs: &crate::ems::tibemsd::TibemsdConf,
    name: &str,
    lines: &Lines<'_>,
) -> Place {
    let Some(at) = ours.params.iter().rposition(|p| p.name == name) else {
        return Place::End;
    };
    let line_of = |p: &Param| lines.line_of(p.line_span.start);
    let before = ours.params[..at]
        .iter()
        .rev()
        .find_map(|p| theirs.all(&p.name).last().map(line_of));
    if let Some(line) = before {
        return Place::After(line);
    }
    ours.params[at + 1..]
        .iter()
        .find_map(|p| theirs.all(&p.name).next().map(line_of))
        .map_or(Place::End, Place::Before)
}
