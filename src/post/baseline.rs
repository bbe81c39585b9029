//! The baseline: a file of known findings (`--write-baseline`), and the filter that reports
//! only the findings not in it (`--baseline`), with its entries that matched nothing as
//! `baseline-stale`.
//!
//! An entry is keyed by rule, pair, side, file role, entity and a fingerprint of the
//! differing content, never by a line number: an edit elsewhere in a file changes no entry,
//! and the same drift on another entity is another entry. The fingerprint is a SHA-256 of
//! the finding's diff (which never holds a secret), or of the text at its locations with every
//! secret masked; a finding about a secret has none (its entity alone).
//!
//! The file is JSON, one entry a line, sorted, so that a review sees each change as one line:
//!
//! ```text
//! {
//!   "version": 1,
//!   "tool": "emsftlint",
//!   "entries": [
//!     {"rule":"FT040","name":"destination-mismatch","pair":"","side":"primary",...},
//!     ...
//!   ]
//! }
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::finding::{digest, Content, Finding, Side};
use crate::rules::hygiene::baseline_stale;
use crate::rules::registry;
use crate::settings::Settings;
use crate::source::{FileRef, SourceFile};

/// The version of the file format this build writes and reads.
pub const VERSION: u32 = 1;

/// What a finding is, as the baseline keys it. `name` (the rule's name) is for readers; a
/// finding matches an entry by every other field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    #[serde(default)]
    pub name: String,
    /// With `--discover`: the pair's main files relative to the tree, `a/tibemsd.conf |
    /// b/tibemsd.conf`; empty for one pair linted alone and for the tree itself.
    pub pair: String,
    /// `primary`, `backup`, `both`, or empty.
    pub side: String,
    /// The file's role, its name without the directory: `queues.conf`; every server's main
    /// file is `tibemsd.conf` (or `tibemsd.json`).
    pub file: String,
    /// What the entity is: `queue`, `user`, `parameter`, `certificate`, …
    pub kind: String,
    pub entity: String,
    /// `sha256:…` of the differing content, or `secret` (the entity alone).
    pub fingerprint: String,
}

impl Entry {
    /// The fields a finding is matched by: all but the rule's name.
    fn key(&self) -> Entry {
        Entry {
            name: String::new(),
            ..self.clone()
        }
    }

    /// `FT040 destination-mismatch: queue orders.in (queues.conf, primary)`.
    fn describe(&self) -> String {
        let mut out = format!("{} {}", self.rule, self.name);
        if !self.entity.is_empty() {
            out.push_str(&format!(": {} {}", self.kind, self.entity));
        }
        let place: Vec<&str> = [self.file.as_str(), self.side.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !place.is_empty() {
            out.push_str(&format!(" ({})", place.join(", ")));
        }
        if !self.pair.is_empty() {
            out.push_str(&format!(" [pair {}]", self.pair));
        }
        out
    }
}

#[derive(Debug, Deserialize)]
struct Document {
    version: u32,
    entries: Vec<Entry>,
}

/// A baseline file as read.
#[derive(Debug)]
pub struct Baseline {
    file: FileRef,
    entries: Vec<Entry>,
}

impl Baseline {
    /// Reads a baseline, a regular file of at most `size_cap` bytes; a message naming the path
    /// when it cannot be used.
    pub fn read(path: &Path, size_cap: u64) -> Result<Baseline, String> {
        match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => {
                return Err(format!(
                    "{}: the baseline is not a regular file",
                    path.display()
                ))
            }
            Ok(m) if m.len() > size_cap => {
                return Err(format!(
                    "{}: the baseline is larger than {size_cap} bytes (--max-file-size)",
                    path.display()
                ))
            }
            _ => {}
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the baseline: {e}", path.display()))?;
        let document: Document = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}: not an emsftlint baseline (expected the JSON `--write-baseline` writes): {e}",
                path.display()
            )
        })?;
        if document.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not one this emsftlint reads (version {VERSION}); write it again with --write-baseline",
                path.display(),
                document.version
            ));
        }
        let display = path.display().to_string();
        Ok(Baseline {
            file: Arc::new(SourceFile::from_text(
                display,
                path.to_path_buf(),
                text,
                None,
            )),
            entries: document.entries,
        })
    }
}

/// What [`apply`] leaves: the findings not in the baseline, the stale entries among them.
#[derive(Debug)]
pub struct Filtered {
    pub findings: Vec<Finding>,
    /// How many findings the baseline held back.
    pub matched: usize,
    pub stale: usize,
}

/// Drops every finding the baseline holds (each entry matches one finding) and adds a
/// `baseline-stale` finding for each entry that matched none, unless its rule is off.
/// `root` is the tree of `--discover`, which pair paths are made relative to.
pub fn apply(
    findings: Vec<Finding>,
    baseline: &Baseline,
    root: Option<&Path>,
    settings: &Settings,
) -> Filtered {
    let mut open: HashMap<_, Vec<usize>> = HashMap::new();
    for (i, entry) in baseline.entries.iter().enumerate().rev() {
        open.entry(entry.key()).or_default().push(i);
    }
    let mut texts = RedactedTexts::default();
    let mut kept = Vec::with_capacity(findings.len());
    let mut matched = 0;
    for finding in findings {
        let entry = entry_of(&finding, root, &mut texts);
        match open.get_mut(&entry.key()).and_then(Vec::pop) {
            Some(_) => matched += 1,
            None => kept.push(finding),
        }
    }
    let mut stale: Vec<usize> = open.into_values().flatten().collect();
    stale.sort_unstable();
    let mut count = 0;
    for i in stale {
        let entry = &baseline.entries[i];
        let off = registry::find(&entry.rule)
            .is_some_and(|rule| settings.severity_of(rule, rule.severity).is_none());
        if off {
            continue;
        }
        let finding = baseline_stale::finding(
            &entry.describe(),
            &baseline.file,
            line_of(&baseline.file.text, entry),
        );
        if let Some(severity) = settings.severity_of(finding.rule, finding.severity) {
            kept.push(finding.severity(severity));
            count += 1;
        }
    }
    kept.sort_by_cached_key(Finding::sort_key);
    Filtered {
        findings: kept,
        matched,
        stale: count,
    }
}

/// The baseline file of `findings`: every one an entry, sorted; stale-entry findings are not
/// written (writing the file prunes them).
pub fn write(findings: &[Finding], root: Option<&Path>) -> (String, usize) {
    let mut texts = RedactedTexts::default();
    let mut entries: Vec<Entry> = findings
        .iter()
        .filter(|f| !baseline_stale::raised(f))
        .map(|f| entry_of(f, root, &mut texts))
        .collect();
    entries.sort();
    let mut out =
        format!("{{\n  \"version\": {VERSION},\n  \"tool\": \"emsftlint\",\n  \"entries\": [");
    for (i, entry) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&entry_line(entry));
    }
    out.push_str(if entries.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    (out, entries.len())
}

fn entry_line(entry: &Entry) -> String {
    serde_json::to_string(entry).unwrap_or_default()
}

/// The entry's line in the file, when it is written as `--write-baseline` writes it.
fn line_of(text: &str, entry: &Entry) -> Option<std::ops::Range<usize>> {
    let line = entry_line(entry);
    let at = text.find(&line)?;
    Some(at..at + line.len())
}

/// The entry a finding is.
pub fn entry_of(finding: &Finding, root: Option<&Path>, texts: &mut RedactedTexts) -> Entry {
    let (kind, entity) = finding
        .entity
        .as_ref()
        .map_or(("", String::new()), |e| (e.kind, e.name.clone()));
    Entry {
        rule: finding.rule.code.to_string(),
        name: finding.rule.name.to_string(),
        pair: finding.pair.as_ref().map_or(String::new(), |p| {
            let relative = |path: &str| relative_to(path, root);
            match &p.backup {
                Some(backup) if *backup != p.primary => {
                    format!("{} | {}", relative(&p.primary), relative(backup))
                }
                _ => relative(&p.primary),
            }
        }),
        side: side_of(finding),
        file: finding
            .locations
            .first()
            .map_or(String::new(), |l| file_role(&l.file.display)),
        kind: kind.to_string(),
        entity,
        fingerprint: fingerprint(finding, texts),
    }
}

/// `primary` or `backup` when the finding points into one side's lines, `both` when into
/// both; a finding on whole files takes the side of its first location.
fn side_of(finding: &Finding) -> String {
    let spanned = |side: Side| {
        finding
            .locations
            .iter()
            .any(|l| l.side == side && l.span.is_some())
    };
    match (spanned(Side::Primary), spanned(Side::Backup)) {
        (true, true) => "both".into(),
        (true, false) => "primary".into(),
        (false, true) => "backup".into(),
        (false, false) => finding
            .locations
            .first()
            .map_or(String::new(), |l| l.side.as_str().to_string()),
    }
}

/// A path made relative to the tree, with `/` between its parts.
fn relative_to(path: &str, root: Option<&Path>) -> String {
    let path = Path::new(path);
    let relative = root
        .and_then(|root| path.strip_prefix(root).ok())
        .unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `queues.conf` for `prod/a/queues.conf`; a server's main file (`tibemsdft-1.conf`) is
/// `tibemsd.conf`, a JSON configuration `tibemsd.json`.
fn file_role(display: &str) -> String {
    let name = display
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(display)
        .to_ascii_lowercase();
    if name.ends_with(".json") {
        "tibemsd.json".into()
    } else if name.starts_with("tibemsd") && name.ends_with(".conf") {
        "tibemsd.conf".into()
    } else {
        name
    }
}

/// The files' texts with their secrets masked, made once per file.
#[derive(Default)]
pub struct RedactedTexts {
    redacted: HashMap<*const SourceFile, (FileRef, String)>,
}

impl RedactedTexts {
    /// The text at `span`, or `None` when a secret lies in it.
    fn shown<'t>(&'t mut self, file: &FileRef, span: &std::ops::Range<usize>) -> Option<&'t str> {
        let (_, redacted) = self
            .redacted
            .entry(Arc::as_ptr(file))
            .or_insert_with(|| (file.clone(), file.redacted_text().into_owned()));
        let shown = redacted.get(span.clone())?;
        (file.text.get(span.clone()) == Some(shown)).then_some(shown)
    }
}

/// `sha256:…` of what differs, or `secret`.
fn fingerprint(finding: &Finding, texts: &mut RedactedTexts) -> String {
    let hash = match &finding.content {
        Content::Secret => return "secret".into(),
        Content::Digest(hash) => hash.clone(),
        Content::Shown => match &finding.diff {
            Some(diff) => digest(&[&diff.primary, &diff.backup]),
            None => {
                let parts: Vec<Cow<'_, str>> = finding
                    .locations
                    .iter()
                    .filter_map(|l| l.span.as_ref().map(|span| (l, span)))
                    .map(|(l, span)| match texts.shown(&l.file, span) {
                        Some(text) => Cow::Owned(text.to_string()),
                        None => Cow::Borrowed("<secret>"),
                    })
                    .collect();
                let parts: Vec<&str> = parts.iter().map(AsRef::as_ref).collect();
                digest(&parts)
            }
        },
    };
    format!("sha256:{hash}")
}

#[cfg(test)]
mod tests;
