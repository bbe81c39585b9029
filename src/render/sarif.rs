//! SARIF 2.1.0 for GitHub code scanning: every rule in `tool.driver.rules`, one result per
//! finding with its first location as the primary one and the other side in
//! `relatedLocations`, relative URIs, regions, and stable `partialFingerprints`.

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
            "artifactLocation": { "uri": relative_uri(&location.file.display) },
            "region": region,
        }
    })
}

/// A path as a relative URI with forward slashes; an absolute path under the current
/// directory is made relative to it. A character a URI cannot hold raw is percent-encoded.
pub fn relative_uri(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    if path.starts_with('/') {
        if let Ok(cwd) = std::env::current_dir() {
            let cwd = format!("{}/", cwd.to_string_lossy().trim_end_matches('/'));
            if let Some(rest) = path.strip_prefix(&cwd) {
                path = rest.to_string();
            }
        }
    }
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    path.split('/')
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
