//! Findings: what a rule reports, where, and how bad it is.

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::source::FileRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// What the severity means, in every rule (DESIGN §3).
    pub fn meaning(self) -> &'static str {
        match self {
            Severity::Error => "proven from the files to break failover, client reconnection, authentication or TLS, or to lose or duplicate messages",
            Severity::Warning => "a real risk, or a defect that cannot be proven offline (it would need DNS or the running server)",
            Severity::Info => "the same behaviour written differently, or advice",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Primary,
    Backup,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Primary => "primary",
            Side::Backup => "backup",
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::Primary => Side::Backup,
            Side::Backup => Side::Primary,
        }
    }
}

/// What every rule is: its code, its fixed name, and how bad it is by default.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub category: &'static str,
    pub summary: &'static str,
}

/// A place a finding points at: a span of a file, or the whole file (span `None`).
#[derive(Debug, Clone)]
pub struct Location {
    pub side: Side,
    pub file: FileRef,
    pub span: Option<Range<usize>>,
}

/// The two sides of something that differs, shown as a unified diff. Never a secret.
/// Without labels, the sides are the primary's and the backup's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub primary: String,
    pub backup: String,
    pub labels: Option<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub locations: Vec<Location>,
    pub diff: Option<Diff>,
    /// With `--discover`: the pair this finding is about (`None` when linting one pair, and
    /// for what is about the tree itself).
    pub pair: Option<Arc<PairLabel>>,
    /// What the finding is about (the queue, user, parameter, certificate…), for a baseline.
    pub entity: Option<Entity>,
    /// What a baseline's fingerprint of the differing content may be made of.
    pub content: Content,
}

/// The thing a finding is about: its kind (`queue`, `user`, `parameter`, `certificate`,
/// `file`, …) and its name as the configuration writes it. Never a secret's value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entity {
    pub kind: &'static str,
    pub name: String,
}

/// What a baseline fingerprints of a finding, so that the same drift is recognised after
/// edits elsewhere and a changed one is not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Content {
    /// The finding's diff, or without one the text at its locations, secrets masked.
    #[default]
    Shown,
    /// A secret is what differs: the entity alone, nothing of any value.
    Secret,
    /// A SHA-256 the rule made of the differing content (never of a secret).
    Digest(String),
}

/// A pair of a discovered tree: the main files of its two servers as found (a server alone,
/// or a JSON configuration, has no second path).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PairLabel {
    pub primary: String,
    pub backup: Option<String>,
}

impl PairLabel {
    /// `a/tibemsd.conf ↔ b/tibemsd.conf`, `x/tibemsd.json (both servers)`, or the one path.
    pub fn describe(&self) -> String {
        match &self.backup {
            Some(backup) if *backup == self.primary => format!("{backup} (both servers)"),
            Some(backup) => format!("{} ↔ {backup}", self.primary),
            None => self.primary.clone(),
        }
    }
}

impl Finding {
    pub fn new(rule: &'static RuleMeta, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            message: message.into(),
            help: None,
            locations: Vec::new(),
            diff: None,
            pair: None,
            entity: None,
            content: Content::Shown,
        }
    }

    /// What the finding is about: `about("queue", "orders.in")`.
    pub fn about(mut self, kind: &'static str, name: impl Into<String>) -> Self {
        self.entity = Some(Entity {
            kind,
            name: name.into(),
        });
        self
    }

    /// A secret differs: a baseline keys the finding by its entity alone.
    pub fn secret_content(mut self) -> Self {
        self.content = Content::Secret;
        self
    }

    /// The differing content, when neither the diff nor the lines say it (a certificate's
    /// digest, a value resolved from elsewhere). Never a secret: it is hashed, not kept.
    pub fn content_of(mut self, text: &str) -> Self {
        self.content = Content::Digest(digest(&[text]));
        self
    }

    pub fn at(mut self, side: Side, file: &FileRef, span: Range<usize>) -> Self {
        self.locations.push(Location {
            side,
            file: file.clone(),
            span: Some(span),
        });
        self
    }

    pub fn at_file(mut self, side: Side, file: &FileRef) -> Self {
        self.locations.push(Location {
            side,
            file: file.clone(),
            span: None,
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn diff(mut self, primary: impl Into<String>, backup: impl Into<String>) -> Self {
        self.diff = Some(Diff {
            primary: primary.into(),
            backup: backup.into(),
            labels: None,
        });
        self
    }

    /// A diff of two things that are not the primary's and the backup's versions of one
    /// entry, e.g. an ft_active and the listen it should match.
    pub fn diff_labeled(mut self, left: (String, String), right: (String, String)) -> Self {
        self.diff = Some(Diff {
            primary: left.1,
            backup: right.1,
            labels: Some((left.0, right.0)),
        });
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The order of the report: by file, position, then rule.
    pub fn sort_key(&self) -> (String, usize, usize, &'static str, String) {
        let first = self.locations.first();
        (
            first.map_or(String::new(), |l| l.file.display.clone()),
            first
                .and_then(|l| l.span.as_ref())
                .map_or(0, |s| s.start + 1),
            first.map_or(0, |l| l.side as usize),
            self.rule.code,
            self.message.clone(),
        )
    }
}

/// The SHA-256 (hex) of texts with their whitespace normalised: each line trimmed, runs of
/// blanks made one space, empty lines dropped; the texts kept apart.
pub fn digest(texts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for text in texts {
        for line in text.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if !words.is_empty() {
                hasher.update(words.join(" ").as_bytes());
                hasher.update(b"\n");
            }
        }
        hasher.update(b"\0");
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Counts by severity, for the summary line and the JSON document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Self {
        let mut s = Summary::default();
        for f in findings {
            s.count(f.severity);
        }
        s
    }

    /// Counts one finding of `severity`.
    pub fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }
}

/// `20000` → `20,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(412), "412");
        assert_eq!(thousands(20_000), "20,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
