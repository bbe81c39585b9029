//! Property test: a backup that differs from its primary only in the order of lines, sections,
//! properties and permissions, in white space, comments, line endings and description
//! quoting never produces a finding. The generator is seeded, so a failure names the seed
//! that reproduces it.

use std::path::Path;

mod common;
use common::Rng;

use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs};

/// The lines that carry content (no comments, no blank lines), trimmed.
fn content(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';'))
        .collect()
}

/// Joins lines with random blank lines, comments, trailing blanks and line endings.
fn emit(rng: &mut Rng, lines: Vec<String>) -> String {
    let eol = if rng.coin() { "\r\n" } else { "\n" };
    let mut out = String::new();
    if rng.coin() {
        out.push_str("# shuffled copy");
        out.push_str(eol);
    }
    for line in lines {
        match rng.below(6) {
            0 => out.push_str(eol),
            1 => {
                out.push_str(rng.pick(&["# a comment", "; another", "   # indented comment"]));
                out.push_str(eol);
            }
            _ => {}
        }
        out.push_str(&line);
        out.push_str(rng.pick(&["", " ", "\t", "   "]));
        out.push_str(eol);
    }
    out
}

/// Splits on commas outside double quotes.
fn split_commas(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim());
    parts
}

fn join_commas(rng: &mut Rng, mut parts: Vec<&str>) -> String {
    rng.shuffle(&mut parts);
    let sep = rng.pick(&[",", ", ", " , "]);
    parts.join(sep)
}

fn users(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = content(text)
        .into_iter()
        .map(|line| {
            let mut fields = line.splitn(3, ':');
            let (name, password, description) = (
                fields.next().unwrap_or(""),
                fields.next().unwrap_or(""),
                fields.next().unwrap_or("").trim_matches('"'),
            );
            let quoted = description.is_empty() || description.contains(',') || rng.coin();
            if quoted {
                format!("{name}:{password}:\"{description}\"")
            } else {
                format!("{name}:{password}:{description}")
            }
        })
        .collect();
    rng.shuffle(&mut lines);
    emit(rng, lines)
}

fn groups(rng: &mut Rng, text: &str) -> String {
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some(block) = blocks.last_mut() {
                block.1.push(trimmed.to_string());
            }
        } else {
            let (name, description) = trimmed.split_once(':').unwrap_or((trimmed, ""));
            let description = description.trim().trim_matches('"');
            let space = rng.pick(&["", " "]);
            blocks.push((format!("{name}:{space}\"{description}\""), Vec::new()));
        }
    }
    rng.shuffle(&mut blocks);
    let mut lines = Vec::new();
    for (header, mut members) in blocks {
        rng.shuffle(&mut members);
        lines.push(header);
        for member in members {
            lines.push(format!("{}{member}", rng.pick(&["  ", "\t", "    "])));
        }
    }
    let eol = if rng.coin() { "\r\n" } else { "\n" };
    lines.iter().map(|l| format!("{l}{eol}")).collect()
}

fn acl(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = content(text)
        .into_iter()
        .map(|line| {
            let mut tokens: Vec<String> = line
                .split_whitespace()
                .map(|t| match t.strip_prefix("PERM=") {
                    Some(perms) => format!(
                        "PERM={}",
                        join_commas(rng, split_commas(perms)).replace(' ', "")
                    ),
                    None => t.to_string(),
                })
                .collect();
            rng.shuffle(&mut tokens);
            tokens.join(rng.pick(&[" ", "  ", "\t"]))
        })
        .collect();
    rng.shuffle(&mut lines);
    emit(rng, lines)
}

fn destinations(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = content(text)
        .into_iter()
        .map(|line| match line.split_once(char::is_whitespace) {
            Some((name, props)) => {
                format!(
                    "{name}{}{}",
                    rng.pick(&[" ", "   ", "\t"]),
                    join_commas(rng, split_commas(props.trim()))
                )
            }
            None => line.to_string(),
        })
        .collect();
    rng.shuffle(&mut lines);
    emit(rng, lines)
}

/// `[header]` lines with the lines under each, those rewritten by `line`.
fn sections(text: &str, mut line: impl FnMut(&str) -> String) -> Vec<(String, Vec<String>)> {
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for l in content(text) {
        if l.starts_with('[') {
            sections.push((l.to_string(), Vec::new()));
        } else if let Some(section) = sections.last_mut() {
            section.1.push(line(l));
        }
    }
    sections
}

/// Sections, and properties within a section; `type` stays first (transports require it).
fn ini(rng: &mut Rng, text: &str) -> String {
    let mut sections = sections(text, |line| {
        let (key, value) = line.split_once('=').unwrap_or((line, ""));
        let eq = rng.pick(&["=", " = ", " =  "]);
        format!("{}{eq}{}", key.trim(), value.trim())
    });
    rng.shuffle(&mut sections);
    let mut lines = Vec::new();
    for (header, mut props) in sections {
        let first_is_type = props.first().is_some_and(|p| p.starts_with("type"));
        let start = usize::from(first_is_type);
        rng.shuffle(&mut props[start..]);
        lines.push(header);
        let indent = rng.pick(&["", "  ", "\t"]);
        lines.extend(props.into_iter().map(|p| format!("{indent}{p}")));
    }
    emit(rng, lines)
}

fn durables(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = content(text)
        .into_iter()
        .map(|line| {
            let mut words = line.split_whitespace();
            let (topic, name) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            let options = line[line.find(name).map_or(line.len(), |at| at + name.len())..].trim();
            if options.is_empty() {
                format!("{topic} {name}")
            } else {
                let options = join_commas(rng, split_commas(options));
                format!("{topic}{}{name} {options}", rng.pick(&[" ", "  "]))
            }
        })
        .collect();
    rng.shuffle(&mut lines);
    emit(rng, lines)
}

fn bridges(rng: &mut Rng, text: &str) -> String {
    let mut sections = sections(text, |line| format!("{}{line}", rng.pick(&["", "  "])));
    rng.shuffle(&mut sections);
    let mut lines = Vec::new();
    for (header, mut targets) in sections {
        rng.shuffle(&mut targets);
        lines.push(header);
        lines.extend(targets);
    }
    emit(rng, lines)
}

fn tibrvcm(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = content(text)
        .into_iter()
        .map(|l| {
            l.split_whitespace()
                .collect::<Vec<_>>()
                .join(rng.pick(&[" ", "   "]))
        })
        .collect();
    rng.shuffle(&mut lines);
    emit(rng, lines)
}

fn shuffled(rng: &mut Rng, name: &str, text: &str) -> String {
    match name {
        "users.conf" => users(rng, text),
        "groups.conf" => groups(rng, text),
        "acl.conf" => acl(rng, text),
        "queues.conf" | "topics.conf" => destinations(rng, text),
        "factories.conf" | "routes.conf" | "stores.conf" | "channels.conf" | "transports.conf" => {
            ini(rng, text)
        }
        "durables.conf" => durables(rng, text),
        "bridges.conf" => bridges(rng, text),
        "tibrvcm.conf" => tibrvcm(rng, text),
        _ => text.to_string(),
    }
}

#[test]
fn shuffling_one_side_never_produces_a_finding() {
    let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/pairs/clean");
    let settings = Settings::default();
    for seed in 1..=40u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let dir = tempfile::tempdir().unwrap();
        let backup = dir.path().join("backup");
        std::fs::create_dir(&backup).unwrap();
        for entry in std::fs::read_dir(clean.join("backup")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(backup.join(&name), shuffled(&mut rng, &name, &text)).unwrap();
        }
        let report = lint(
            &Inputs {
                primary: clean.join("primary"),
                backup: Some(backup.clone()),
            },
            &settings,
        );
        if !report.findings.is_empty() {
            let _ = dir.keep();
            panic!(
                "seed {seed}: {} finding(s) for a shuffled copy (kept in {}): {:?}",
                report.findings.len(),
                backup.display(),
                report
                    .findings
                    .iter()
                    .map(|f| format!("{} {}", f.rule.name, f.message))
                    .collect::<Vec<_>>()
            );
        }
    }
}
