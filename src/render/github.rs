//! GitHub Actions workflow commands: `::error file=…,line=…,endLine=…,title=…::message`, one
//! line per finding at its first location; `col` only when the finding is on one line. A
//! last, plain line counts the findings and says how many GitHub does not annotate.

use std::fmt::Write;

use crate::finding::Severity;
use crate::pipeline::Report;
use crate::render::escape::{line, no_legacy_commands, Notation};
use crate::render::region;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = Vec::new();
        let mut others = Vec::new();
        for (i, location) in finding.locations.iter().enumerate() {
            let r = region(location);
            if i == 0 {
                properties.push(format!("file={}", property(&location.file.display)));
                if let Some(r) = r {
                    properties.push(format!("line={}", r.line));
                    properties.push(format!("endLine={}", r.end_line));
                    if r.line == r.end_line {
                        properties.push(format!("col={}", r.column));
                        properties.push(format!("endColumn={}", r.end_column));
                    }
                }
            } else {
                let at = r.map_or(String::new(), |r| format!(":{}", r.line));
                others.push(format!(
                    "{} {}{at}",
                    location.side.as_str(),
                    line(&location.file.display)
                ));
            }
        }
        properties.push(format!(
            "title={}",
            property(&format!(
                "emsftlint ({} {})",
                finding.rule.code, finding.rule.name
            ))
        ));
        let mut message = line(&finding.message).into_owned();
        if !others.is_empty() {
            message.push_str(&format!(" (see also {})", others.join(", ")));
        }
        if let Some(pair) = &finding.pair {
            message.push_str(&format!(" [pair {}]", line(&pair.describe())));
        }
        if let Some(help) = &finding.help {
            message.push_str(&format!("\nhelp: {}", line(help)));
        }
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            data(&message)
        );
    }
    out.push_str(&summary(report));
    no_legacy_commands(out, Notation::Text)
}

/// GitHub annotates at most this many commands of each level (error, warning, notice) in
/// one step, and 50 in a job; the rest are in the log only (actions/toolkit,
/// docs/problem-matchers.md, "Limitations").
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

/// `emsftlint: 1 error, 14 warnings, 0 infos; GitHub annotates 10 of each level in a step, so
/// these more are in this log only: 4 warnings`. Plain text, no workflow command.
fn summary(report: &Report) -> String {
    let s = report.summary();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut text = format!(
        "emsftlint: {}, {}, {}",
        plural(s.error, "error"),
        plural(s.warning, "warning"),
        plural(s.info, "info")
    );
    let beyond: Vec<String> = [(s.error, "error"), (s.warning, "warning"), (s.info, "info")]
        .into_iter()
        .filter(|(n, _)| *n > ANNOTATIONS_PER_LEVEL)
        .map(|(n, word)| plural(n - ANNOTATIONS_PER_LEVEL, word))
        .collect();
    if !beyond.is_empty() {
        text.push_str(&format!(
            "; GitHub annotates {ANNOTATIONS_PER_LEVEL} of each level in a step, so these more are in this log only: {}",
            beyond.join(", ")
        ));
    }
    text.push('\n');
    text
}

/// Escapes a message as GitHub's workflow commands require. Its configuration text is
/// already [`line`]: the only line break left is the one before `help:`.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: also `:` and `,`, which separate properties.
fn property(text: &str) -> String {
    data(&line(text)).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_as_github_requires() {
        assert_eq!(super::data("50%\nnext"), "50%25%0Anext");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
