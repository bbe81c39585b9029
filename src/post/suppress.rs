//! Inline suppressions: a comment line `# emsftlint: allow(rule-name, …)` in any EMS file
//! silences those rules on the next entry (the next line that is neither blank nor a
//! comment). A suppression that silences nothing is reported, so stale ones do not pile up.

use std::collections::HashMap;
use std::sync::Arc;

use crate::finding::{Finding, RuleMeta, Side};
use crate::rules::hygiene::unused_suppression::{self, Named};
use crate::rules::registry;
use crate::source::{FileRef, SourceFile};

/// One `allow(…)` comment: where it is, what it names, and the line it covers.
struct Suppression {
    side: Side,
    file: FileRef,
    comment: std::ops::Range<usize>,
    rules: Vec<String>,
    /// 1-based line of the entry it covers; `None` at the end of the file.
    target_line: Option<usize>,
    used: bool,
}

const MARKER: &str = "emsftlint:";

/// Drops suppressed findings and reports unused or unknown suppressions.
pub fn apply(findings: Vec<Finding>, files: &[(Side, FileRef)]) -> Vec<Finding> {
    let mut suppressions: Vec<Suppression> = files
        .iter()
        .flat_map(|(side, file)| scan(*side, file))
        .collect();
    if suppressions.is_empty() {
        return findings;
    }
    // Which suppressions sit before each (file, line), and the rules each one names: a
    // finding looks up only the suppressions of its own lines.
    let mut at: HashMap<(*const SourceFile, usize), Vec<usize>> = HashMap::new();
    for (i, s) in suppressions.iter().enumerate() {
        if let Some(line) = s.target_line {
            at.entry((Arc::as_ptr(&s.file), line)).or_default().push(i);
        }
    }
    let named: Vec<Vec<&'static RuleMeta>> = suppressions
        .iter()
        .map(|s| s.rules.iter().filter_map(|r| registry::find(r)).collect())
        .collect();
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let mut silenced = false;
        for location in &finding.locations {
            let Some(span) = &location.span else { continue };
            let line = location.file.line_col(span.start).0;
            let Some(candidates) = at.get(&(Arc::as_ptr(&location.file), line)) else {
                continue;
            };
            for &i in candidates {
                // A file both servers share holds one comment for each side.
                if suppressions[i].side == location.side
                    && named[i].iter().any(|m| std::ptr::eq(*m, finding.rule))
                {
                    suppressions[i].used = true;
                    silenced = true;
                }
            }
        }
        if !silenced {
            kept.push(finding);
        }
    }
    for s in suppressions {
        for rule in &s.rules {
            let named = match registry::find(rule) {
                Some(_) => Named::Rule,
                None => Named::Unknown(registry::did_you_mean(rule)),
            };
            kept.extend(unused_suppression::finding(
                rule,
                named,
                s.used,
                s.side,
                &s.file,
                s.comment.clone(),
            ));
        }
    }
    kept
}

fn scan(side: Side, file: &FileRef) -> Vec<Suppression> {
    if !file.text.contains(MARKER) {
        return Vec::new();
    }
    let mut found: Vec<Suppression> = Vec::new();
    let mut offset = 0;
    for (index, raw) in file.text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let comment = line.strip_prefix('#').or_else(|| line.strip_prefix(';'));
        match comment.and_then(parse_allow) {
            Some(rules) => {
                let lead = raw.len() - raw.trim_start().len();
                found.push(Suppression {
                    side,
                    file: file.clone(),
                    comment: start + lead..start + lead + line.len(),
                    rules,
                    target_line: None,
                    used: false,
                });
            }
            None if comment.is_some() => {}
            None => {
                for s in found
                    .iter_mut()
                    .rev()
                    .take_while(|s| s.target_line.is_none())
                {
                    s.target_line = Some(index + 1);
                }
            }
        }
    }
    found
}

/// `emsftlint: allow(a, b)` → `["a", "b"]`.
fn parse_allow(comment: &str) -> Option<Vec<String>> {
    let rest = comment.trim().strip_prefix(MARKER)?.trim();
    let inner = rest.strip_prefix("allow")?.trim().strip_prefix('(')?;
    let inner = inner.split_once(')')?.0;
    let rules: Vec<String> = inner
        .split(',')
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    (!rules.is_empty()).then_some(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_allow_comment() {
        assert_eq!(
            parse_allow(" emsftlint: allow(setting-mismatch)"),
            Some(vec!["setting-mismatch".into()])
        );
        assert_eq!(
            parse_allow("emsftlint:allow( FT022 , syntax )"),
            Some(vec!["FT022".into(), "syntax".into()])
        );
        assert_eq!(parse_allow(" emsftlint: deny(x)"), None);
        assert_eq!(parse_allow(" a normal comment"), None);
        assert_eq!(parse_allow(" emsftlint: allow()"), None);
    }

    #[test]
    fn a_suppression_covers_the_next_entry_past_comments_and_blank_lines() {
        let file: FileRef = std::sync::Arc::new(crate::source::SourceFile::from_text(
            "f".into(),
            "f".into(),
            "# emsftlint: allow(setting-mismatch)\n\n# why: sized per host\nmax_msg_memory = 1GB\n"
                .into(),
            None,
        ));
        let found = scan(Side::Primary, &file);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].target_line, Some(4));
    }
}
