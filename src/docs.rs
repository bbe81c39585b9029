//! The documentation page of every rule (`rules/<CODE>.toml`), embedded at build time:
//! what it checks, why (with the EMS documentation), an example, the fix.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::finding::{RuleMeta, Severity};

include!(concat!(env!("OUT_DIR"), "/rule_pages.rs"));

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    pub code: String,
    pub name: String,
    pub category: String,
    pub severity: Severity,
    /// Why this rule has its severity (and, where it emits several, which case gets which).
    pub severity_reason: String,
    pub summary: String,
    pub explanation: String,
    pub references: Vec<String>,
    pub fix: String,
    pub example: Example,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub primary: String,
    pub backup: String,
}

/// The page of a rule, by code. Pages are parsed once per process: a SARIF report holds
/// every rule's page.
pub fn page(code: &str) -> Option<Result<RuleDoc, String>> {
    static PARSED: OnceLock<Vec<(&str, Result<RuleDoc, String>)>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            PAGES
                .iter()
                .map(|(stem, text)| (*stem, toml::from_str(text).map_err(|e| e.to_string())))
                .collect()
        })
        .iter()
        .find(|(stem, _)| *stem == code)
        .map(|(_, page)| page.clone())
}

/// Where the page is published, for SARIF's helpUri and links.
pub fn url(code: &str) -> String {
    format!(
        "{}/blob/main/rules/{code}.toml",
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// A page as text for the terminal.
pub fn render_text(meta: &RuleMeta, doc: &RuleDoc) -> String {
    let indent = |text: &str| -> String {
        text.trim_end()
            .lines()
            .map(|l| format!("    {l}\n"))
            .collect()
    };
    format!(
        "{code} {name} ({category}, {severity} by default)\n\n{summary}\n\n{severity}: {meaning}.\n{severity_reason}\n\n{explanation}\n\nExample, primary:\n{primary}\nExample, backup:\n{backup}\nFix:\n{fix}\nReferences:\n{references}",
        code = meta.code,
        name = meta.name,
        category = meta.category,
        severity = meta.severity.as_str(),
        meaning = meta.severity.meaning(),
        summary = doc.summary.trim(),
        severity_reason = doc.severity_reason.trim(),
        explanation = doc.explanation.trim(),
        primary = indent(&doc.example.primary),
        backup = indent(&doc.example.backup),
        fix = indent(&doc.fix),
        references = doc.references.iter().map(|r| format!("    {r}\n")).collect::<String>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::registry::registry;

    #[test]
    fn every_rule_has_a_complete_page_that_agrees_with_it() {
        let mut problems = Vec::new();
        for rule in registry() {
            let meta = rule.meta();
            match page(meta.code) {
                None => problems.push(format!(
                    "{} {}: no rules/{}.toml",
                    meta.code, meta.name, meta.code
                )),
                Some(Err(e)) => problems.push(format!("rules/{}.toml: {e}", meta.code)),
                Some(Ok(doc)) => {
                    let fields = [
                        ("name", doc.name == meta.name),
                        ("category", doc.category == meta.category),
                        ("severity", doc.severity == meta.severity),
                        ("summary", doc.summary == meta.summary),
                    ];
                    for (field, agrees) in fields {
                        if !agrees {
                            problems.push(format!(
                                "rules/{}.toml: {field} differs from the rule",
                                meta.code
                            ));
                        }
                    }
                    let texts = [
                        ("severity_reason", &doc.severity_reason),
                        ("explanation", &doc.explanation),
                        ("fix", &doc.fix),
                        ("example.primary", &doc.example.primary),
                        ("example.backup", &doc.example.backup),
                    ];
                    for (field, text) in texts {
                        if text.trim().is_empty() {
                            problems.push(format!("rules/{}.toml: {field} is empty", meta.code));
                        }
                    }
                    let severity = meta.severity.as_str();
                    let verdict = doc.severity_reason.trim_start().to_lowercase();
                    if !verdict.is_empty() && !verdict.starts_with(severity) {
                        problems.push(format!(
                            "rules/{}.toml: severity_reason must open with why the rule is {severity} (\"{}…\")",
                            meta.code,
                            capitalized(severity)
                        ));
                    }
                    if doc.references.is_empty()
                        || doc.references.iter().any(|r| !r.starts_with("https://"))
                    {
                        problems.push(format!(
                            "rules/{}.toml: references must be https URLs, at least one",
                            meta.code
                        ));
                    }
                }
            }
        }
        for (stem, _) in PAGES {
            if !registry().iter().any(|r| r.meta().code == *stem) {
                problems.push(format!("rules/{stem}.toml documents no rule"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    fn capitalized(word: &str) -> String {
        let mut chars = word.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }
}
