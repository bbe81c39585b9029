//! Text from a configuration made safe to show: the one place that decides which characters
//! never reach a reader raw, and how they are shown instead.
//!
//! A configuration is untrusted input (CI lints the configurations of pull requests), and
//! its text reaches terminals, CI logs, editors and browsers through every format. A
//! character that a terminal or a log viewer acts on instead of showing — C0 controls (ESC
//! starts colour, cursor and title sequences; CR overwrites a line), DEL, the C1 controls
//! (U+009B is a one-character CSI), the bidirectional overrides and isolates that reorder
//! what is shown (CVE-2021-42574), the Unicode line and paragraph separators, and the two
//! noncharacters XML 1.0 forbids — is written as `\u{1b}`, as Rust writes it, in every
//! format. JSON and SARIF keep paths faithful instead (see [`json_document`]).
//!
//! A CI runner also reads its workflow commands from whatever a step prints: GitHub's
//! runner takes a line that starts with `::` (after white space) and any line holding `##[`
//! (the legacy form, `ActionCommand.TryParse` in actions/runner). [`no_workflow_commands`]
//! breaks both in a finished report, whatever its format.

use std::borrow::Cow;
use std::fmt::Write;
use std::sync::Arc;

/// Which line breaks are the text's own layout and stay as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// One line (a message, a name, a path): every line break is shown escaped.
    Line,
    /// Lines (a file's text, a diff): `\n`, and `\r` just before it, stay.
    Lines,
}

/// True for a character that must never reach a reader raw (the module's list).
pub(crate) fn is_hostile(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}'
        | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{fffe}' | '\u{ffff}')
}

/// `text` with every hostile character shown as `\u{…}`; a tab always stays, line breaks
/// as `layout` says.
pub(crate) fn visible(text: &str, layout: Layout) -> Cow<'_, str> {
    escaped(text, layout).map_or(Cow::Borrowed(text), |(out, _)| Cow::Owned(out))
}

/// One line of configuration text made visible: `visible(text, Layout::Line)`.
pub(crate) fn line(text: &str) -> Cow<'_, str> {
    visible(text, Layout::Line)
}

/// A text made visible, with the map from offsets of the text to offsets of the result, for
/// spans that point into it (miette's snippets).
pub(crate) struct Visible {
    pub(crate) text: Arc<str>,
    /// (offset just after an escaped character, bytes added up to there), in order.
    shifts: Vec<(usize, usize)>,
}

impl Visible {
    /// The text itself is shared, not copied, when nothing in it needs escaping.
    pub(crate) fn new(text: &Arc<str>, layout: Layout) -> Visible {
        match escaped(text, layout) {
            Some((escaped, shifts)) => Visible {
                text: Arc::from(escaped),
                shifts,
            },
            None => Visible {
                text: text.clone(),
                shifts: Vec::new(),
            },
        }
    }

    /// Where an offset of the original text lands: a span around an escaped character
    /// covers its whole escape.
    pub(crate) fn map(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|&(at, _)| at <= offset);
        offset + before.checked_sub(1).map_or(0, |i| self.shifts[i].1)
    }

    /// The bytes the escapes that end at or before `offset` of the escaped text added.
    pub(crate) fn added_before(&self, offset: usize) -> usize {
        let before = self
            .shifts
            .partition_point(|&(at, added)| at + added <= offset);
        before.checked_sub(1).map_or(0, |i| self.shifts[i].1)
    }
}

fn keeps(text: &str, at: usize, c: char, layout: Layout) -> bool {
    match (c, layout) {
        ('\t', _) => true,
        ('\n', Layout::Lines) => true,
        ('\r', Layout::Lines) => text[at + 1..].starts_with('\n'),
        _ => !is_hostile(c),
    }
}

/// The escaped text and its shifts, or `None` when nothing needs escaping.
fn escaped(text: &str, layout: Layout) -> Option<(String, Vec<(usize, usize)>)> {
    let first = text
        .char_indices()
        .find(|&(at, c)| !keeps(text, at, c, layout))?
        .0;
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut shifts = Vec::new();
    let mut added = 0;
    for (at, c) in text[first..].char_indices().map(|(i, c)| (i + first, c)) {
        if keeps(text, at, c, layout) {
            out.push(c);
        } else {
            let before = out.len();
            let _ = write!(out, "{}", c.escape_unicode());
            added += out.len() - before - c.len_utf8();
            shifts.push((at + c.len_utf8(), added));
        }
    }
    Some((out, shifts))
}

/// How a format writes one character it must not write as itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Notation {
    /// Plain text: `\u{3a}`.
    Text,
    /// Inside a JSON string: `\u003a`.
    Json,
    /// XML and HTML: `&#x3a;`.
    Markup,
}

impl Notation {
    fn write(self, out: &mut String, c: char) {
        let _ = match self {
            Notation::Text => write!(out, "{}", c.escape_unicode()),
            Notation::Json => write!(out, "\\u{:04x}", c as u32),
            Notation::Markup => write!(out, "&#x{:x};", c as u32),
        };
    }
}

/// A finished report in which no line can be read as a CI workflow command: a line whose
/// first non-blank characters are `::` has its first `:` escaped, and every `##[` its `[`.
pub(crate) fn no_workflow_commands(report: String, notation: Notation) -> String {
    guarded(report, notation, true)
}

/// The GitHub format's report: its lines are its own commands, so only `##[` is broken.
pub(crate) fn no_legacy_commands(report: String, notation: Notation) -> String {
    guarded(report, notation, false)
}

fn guarded(report: String, notation: Notation, leading: bool) -> String {
    let starts = |line: &str| leading && line.trim_start().starts_with("::");
    if !report
        .split('\n')
        .any(|line| starts(line) || line.contains("##["))
    {
        return report;
    }
    let mut out = String::with_capacity(report.len() + 64);
    for (i, line) in report.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut rest = line;
        if starts(line) {
            let blank = line.len() - line.trim_start().len();
            out.push_str(&line[..blank]);
            notation.write(&mut out, ':');
            rest = &line[blank + 1..];
        }
        let mut parts = rest.split("##[");
        out.push_str(parts.next().unwrap_or_default());
        for part in parts {
            out.push_str("##");
            notation.write(&mut out, '[');
            out.push_str(part);
        }
    }
    out
}

/// A finished JSON document (JSON or SARIF) with every hostile character that is still raw
/// — serde_json escapes C0 controls, but not DEL, C1 or the bidirectional controls — written
/// as a JSON `\u` escape, and no workflow command. Outside strings a JSON document is ASCII,
/// so these characters are all inside strings, where the escape keeps the value as it was:
/// a path stays the path a script must open.
pub(crate) fn json_document(document: String) -> String {
    // The document's own line breaks are its layout; inside strings serde_json escapes them.
    let raw = |c: char| c != '\n' && is_hostile(c);
    let document = if document.contains(raw) {
        let mut out = String::with_capacity(document.len() + 64);
        for c in document.chars() {
            if raw(c) {
                Notation::Json.write(&mut out, c);
            } else {
                out.push(c);
            }
        }
        out
    } else {
        document
    };
    no_workflow_commands(document, Notation::Json)
}

#[cfg(test)]
mod tests;
