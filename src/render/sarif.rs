//! SARIF 2.1.0 for GitHub code scanning: every rule in `tool.driver.rules`, one result per
//! finding with its first location as the primary one and the other side in
//! `relatedLocations`, URIs relative to the current directory (`file:` outside it), regions, and stable `partialFingerprints`.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::docs;
use crate::finding::{Finding, Location, Severity};
use crate::pipeline::Report;
use crate::render::escape::{self, is_hostile};
use crate::render::region;
use crate::rules::registry::registry;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = registry().iter().map(|r| rule(r.meta())).collect();
    let results: Vec<Value> = report.findings.iter().map(result).collect();
    let document = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": env!("CARGO_PKG_NAME"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    escape::json_document(text)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(meta: &crate::finding::RuleMeta) -> Value {
    let page = docs::page(meta.code).and_then(Result::ok);
    let full = page.as_ref().map_or(meta.summary.to_string(), |p| {
        p.explanation.trim().to_string()
    });
    let help_text = page
        .as_ref()
        .map_or(meta.summary.to_string(), |p| p.fix.trim().to_string());
    let help_markdown = match &page {
        Some(p) => format!(
            "{}\n\n**Fix.** {}\n\nExample, primary:\n\n```\n{}\n```\n\nExample, backup:\n\n```\n{}\n```",
            p.explanation.trim(),
            p.fix.trim(),
            p.example.primary.trim_end(),
            p.example.backup.trim_end()
        ),
        None => meta.summary.to_string(),
    };
    json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": { "text": sentence(meta.summary) },
        "fullDescription": { "text": full },
        "help": { "text": help_text, "markdown": help_markdown },
        "helpUri": docs::url(meta.code),
        "defaultConfiguration": { "level": level(meta.severity) },
        "properties": { "tags": [meta.category] },
    })
}

fn result(finding: &Finding) -> Value {
    let mut locations = finding.locations.iter();
    let primary: Vec<Value> = locations.next().map(physical).into_iter().collect();
    let related: Vec<Value> = locations
        .enumerate()
        .map(|(i, l)| {
            let mut value = physical(l);
            value["id"] = json!(i + 1);
            value["message"] = json!({ "text": format!("{} side", l.side.as_str()) });
            value
        })
        .collect();
    let mut message = sentence(&escape::line(&finding.message));
    if let Some(help) = &finding.help {
        message.push(' ');
        message.push_str(&sentence(&escape::line(help)));
    }
    let mut value = json!({
        "ruleId": finding.rule.code,
        "level": level(finding.severity),
        "message": { "text": message },
        "locations": primary,
        "partialFingerprints": { "emsftlint/v1": fingerprint(finding) },
    });
    if !related.is_empty() {
        value["relatedLocations"] = Value::Array(related);
    }
    // `--discover`: the pair, in the result's property bag.
    if let Some(pair) = &finding.pair {
        value["properties"] = json!({ "pair": { "primary": pair.primary, "backup": pair.backup } });
    }
    value
}

fn physical(location: &Location) -> Value {
    // GitHub needs a region on every location: a whole-file finding points at line 1.
    let region = match region(location) {
        Some(r) => json!({
            "startLine": r.line,
            "startColumn": r.column,
            "endLine": r.end_line,
            "endColumn": r.end_column.max(if r.end_line == r.line { r.column + 1 } else { 1 }),
        }),
        None => json!({ "startLine": 1 }),
    };
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": artifact_uri(&location.file.display) },
            "region": region,
        }
    })
}

/// A path as a URI: a relative reference (forward slashes, resolved by GitHub against the
/// repository root) for a path inside the current directory, an absolute path under it
/// made relative; a `file:` URI for any other absolute path, and for a relative one that
/// climbs out of the current directory with `..`. A character a URI cannot hold raw is
/// percent-encoded.
pub fn artifact_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let cwd = std::env::current_dir()
        .ok()
        .map(|d| d.to_string_lossy().replace('\\', "/"));
    let cwd = cwd.as_deref().map(|d| d.trim_end_matches('/'));
    match placed(&path, cwd) {
        Placed::Relative(segments) => encode(&segments),
        Placed::Absolute(segments) => {
            // `/srv/ems` → file:///srv/ems; `C:/ems` → file:///C:/ems.
            format!("file:///{}", encode(&segments))
        }
    }
}

enum Placed {
    Relative(Vec<String>),
    Absolute(Vec<String>),
}

/// The path's segments, `.` and `..` resolved, relative to `cwd` where it is inside it.
fn placed(path: &str, cwd: Option<&str>) -> Placed {
    let absolute = path.starts_with('/') || is_drive(path);
    if !absolute {
        let segments = normalise(path.split('/'));
        if segments.first().is_none_or(|s| s != "..") {
            return Placed::Relative(segments);
        }
        return match cwd {
            Some(cwd) => {
                Placed::Absolute(normalise_absolute(cwd.split('/').chain(path.split('/'))))
            }
            None => Placed::Relative(segments),
        };
    }
    let segments = normalise_absolute(path.split('/'));
    if let Some(cwd) = cwd {
        let base = normalise_absolute(cwd.split('/'));
        if segments.len() > base.len() && segments.starts_with(&base) {
            return Placed::Relative(segments[base.len()..].to_vec());
        }
    }
    Placed::Absolute(segments)
}

fn is_drive(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/'
}

/// Drops empty and `.` segments and resolves `..` against the segment before it; a leading
/// `..` that has nothing to climb out of stays.
fn normalise<'a>(segments: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for segment in segments {
        match segment {
            "" | "." => {}
            ".." if out.last().is_some_and(|s| s != "..") => {
                out.pop();
            }
            s => out.push(s.to_string()),
        }
    }
    out
}

/// An absolute path's segments: `..` at the root stays at the root.
fn normalise_absolute<'a>(segments: impl Iterator<Item = &'a str>) -> Vec<String> {
    normalise(segments)
        .into_iter()
        .skip_while(|s| s == "..")
        .collect()
}

fn encode(segments: &[String]) -> String {
    segments
        .iter()
        .map(|segment| {
            segment
                .chars()
                .map(|c| match c {
                    ' ' => "%20".to_string(),
                    '%' => "%25".to_string(),
                    '#' => "%23".to_string(),
                    '?' => "%3F".to_string(),
                    c if is_hostile(c) || c == '\t' => {
                        let mut bytes = [0; 4];
                        c.encode_utf8(&mut bytes)
                            .bytes()
                            .map(|b| format!("%{b:02X}"))
                            .collect()
                    }
                    c => c.to_string(),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Stable across runs and line moves: the rule, the files, and the (redacted) text of the
/// lines each location points at.
fn fingerprint(finding: &Finding) -> String {
    let mut hasher = Sha256::new();
    hasher.update(finding.rule.code.as_bytes());
    for location in &finding.locations {
        hasher.update(location.file.display.as_bytes());
        if let Some(span) = &location.span {
            let line = location.file.line_span(span.start);
            if let Some(text) = location.file.redacted_text().get(line) {
                hasher.update(text.trim().as_bytes());
            }
        }
        hasher.update([0]);
    }
    hasher.update(finding.message.as_bytes());
    let digest = hasher.finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// SARIF messages are sentences: they end with a full stop.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '?', '!']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

#[cfg(test)]
mod tests;
