//! The two columns of a finding: the quoted lines of each side with a few lines of context and
//! the differing characters marked, and the side-by-side diff of the entries as compared.

use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;
use std::sync::Arc;

use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffTag, TextDiff};

use super::escape;
use crate::finding::{Diff, Finding, Location, Side};
use crate::render::{diff_labels, quotable};
use crate::source::{Shown, SourceFile};

/// Lines of context above and below the quoted lines.
const CONTEXT: usize = 2;
/// Quoted lines within this distance of each other share one snippet.
const NEARBY_LINES: usize = 6;
/// Two spans are compared character by character only up to this size (bytes).
const MAX_MARKED: usize = 8_000;
/// A snippet or a diff with more rows than this starts collapsed.
const LARGE: usize = 20;

/// Each file as shown (every secret replaced by the same mask, whatever its length) with its
/// line starts, made once per page. Spans are mapped from the file into the shown text.
#[derive(Default)]
pub struct Texts {
    files: HashMap<usize, Text>,
}

struct Text {
    shown: Shown,
    text: Arc<str>,
    starts: Vec<usize>,
}

impl Texts {
    fn get(&mut self, file: &Arc<SourceFile>) -> &Text {
        self.files
            .entry(Arc::as_ptr(file) as usize)
            .or_insert_with(|| {
                let shown = file.shown();
                let text = shown.text.clone();
                let starts = std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect();
                Text {
                    shown,
                    text,
                    starts,
                }
            })
    }
}

impl Text {
    /// A span of the file as a span of the shown text.
    fn span(&self, span: &Range<usize>) -> Range<usize> {
        self.shown.map(span.start)..self.shown.map(span.end)
    }

    /// First and last line (1-based) of a span of the shown text.
    fn lines_of(&self, span: &Range<usize>) -> (usize, usize) {
        let line = |at: usize| self.starts.partition_point(|&s| s <= at).max(1);
        let first = line(span.start);
        (first, line(span.end.saturating_sub(1)).max(first))
    }

    /// How many lines: a final line ending ends the last line rather than starting one.
    fn lines(&self) -> usize {
        if self.text.is_empty() {
            0
        } else if self.text.ends_with('\n') {
            self.starts.len() - 1
        } else {
            self.starts.len()
        }
    }

    /// The byte range of line `n` (1-based), without its line ending.
    fn line(&self, n: usize) -> Range<usize> {
        let start = self.starts[n - 1];
        let end = self.starts.get(n).map_or(self.text.len(), |next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }
}

/// The two columns of a finding (one when a single server is linted), then its diff.
pub fn sides(out: &mut String, finding: &Finding, pair: bool, texts: &mut Texts) {
    let sides: &[Side] = if pair {
        &[Side::Primary, Side::Backup]
    } else {
        &[Side::Primary]
    };
    let marks = side_marks(finding, texts);
    let _ = writeln!(
        out,
        "<div class=\"sides{}\">",
        if pair { "" } else { " single" }
    );
    let mut quoted = Vec::new();
    for &side in sides {
        let _ = writeln!(
            out,
            "<div class=\"side {s}\">\n<div class=\"side-head\"><span class=\"side-tag {s}\">{s}</span></div>",
            s = side.as_str()
        );
        quoted.push(column(out, finding, side, &marks, texts));
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
    if let Some(diff) = &finding.diff {
        // Open when it compares two things and a side has nothing quoted: then it is the
        // only view of that side. (An entry on one side only is already quoted there.)
        let unseen = quoted.iter().any(|q| !q)
            && !diff.primary.trim().is_empty()
            && !diff.backup.trim().is_empty();
        render_diff(out, finding, diff, unseen);
    }
}

/// Marks of one side: the file they are in and the byte ranges that differ from the other.
type Marks = HashMap<Side, (usize, Vec<Range<usize>>)>;

/// The first quoted span of each side, compared character by character.
fn side_marks(finding: &Finding, texts: &mut Texts) -> Marks {
    let first = |side: Side| {
        finding.locations.iter().find_map(|l| match &l.span {
            Some(span) if l.side == side && quotable(&l.file, span) => Some((l, span.clone())),
            _ => None,
        })
    };
    let mut marks = Marks::new();
    let (Some((p, ps)), Some((b, bs))) = (first(Side::Primary), first(Side::Backup)) else {
        return marks;
    };
    if ps.len() > MAX_MARKED || bs.len() > MAX_MARKED {
        return marks;
    }
    let left = texts.get(&p.file);
    let (ps, left) = (left.span(&ps), left.text.clone());
    let right = texts.get(&b.file);
    let (bs, right) = (right.span(&bs), right.text.clone());
    let (Some(l), Some(r)) = (left.get(ps.clone()), right.get(bs.clone())) else {
        return marks;
    };
    let (l, r) = char_marks(l, r);
    let shift = |ranges: Vec<Range<usize>>, by: usize| -> Vec<Range<usize>> {
        ranges
            .into_iter()
            .map(|m| m.start + by..m.end + by)
            .collect()
    };
    marks.insert(
        Side::Primary,
        (Arc::as_ptr(&p.file) as usize, shift(l, ps.start)),
    );
    marks.insert(
        Side::Backup,
        (Arc::as_ptr(&b.file) as usize, shift(r, bs.start)),
    );
    marks
}

/// The byte ranges of `old` deleted and of `new` inserted. Words are compared first, so a
/// changed value is marked whole ("512MB" / "1GB"); a word replaced by a close one is then
/// compared character by character ("7222" / "7232" marks one digit). White space alone is
/// never marked (the padding of aligned `=`).
fn char_marks(old: &str, new: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (old_words, new_words) = (words(old), words(new));
    let old_text: Vec<&str> = old_words.iter().map(|w| &old[w.clone()]).collect();
    let new_text: Vec<&str> = new_words.iter().map(|w| &new[w.clone()]).collect();
    let (mut left, mut right) = (Vec::new(), Vec::new());
    // An empty range (one side of an insertion or deletion) marks nothing on that side.
    let span = |words: &[Range<usize>], at: Range<usize>| {
        let first = words.get(at.start)?;
        let last = words.get(at.end.checked_sub(1)?)?;
        (at.start < at.end).then_some(first.start..last.end)
    };
    for op in capture_diff_slices(Algorithm::Myers, &old_text, &new_text) {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let (a, b) = (span(&old_words, o.clone()), span(&new_words, n.clone()));
        if let (Some(a), Some(b)) = (&a, &b) {
            if o.len() == 1 && n.len() == 1 {
                let close = TextDiff::from_chars(&old[a.clone()], &new[b.clone()]);
                if close.ratio() > 0.5 {
                    let (l, r) = changed_chars(&close);
                    left.extend(l.into_iter().map(|m| m.start + a.start..m.end + a.start));
                    right.extend(r.into_iter().map(|m| m.start + b.start..m.end + b.start));
                    continue;
                }
            }
        }
        left.extend(a);
        right.extend(b);
    }
    (visible(old, left), visible(new, right))
}

/// A text cut into words (letters, digits and `_`), runs of white space, and single other
/// characters, as byte ranges.
fn words(text: &str) -> Vec<Range<usize>> {
    #[derive(PartialEq)]
    enum Kind {
        Word,
        Space,
        Other,
    }
    let kind = |c: char| {
        if c.is_alphanumeric() || c == '_' {
            Kind::Word
        } else if c.is_whitespace() {
            Kind::Space
        } else {
            Kind::Other
        }
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut last = None;
    for (i, c) in text.char_indices() {
        let k = kind(c);
        match out.last_mut() {
            Some(w) if k != Kind::Other && last.as_ref() == Some(&k) => w.end = i + c.len_utf8(),
            _ => out.push(i..i + c.len_utf8()),
        }
        last = Some(k);
    }
    out
}

/// The deleted and inserted characters of a character diff, as byte ranges.
fn changed_chars<'a>(diff: &TextDiff<'a, 'a, 'a, str>) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (mut left, mut right) = (Vec::new(), Vec::new());
    let (mut at_old, mut at_new) = (0, 0);
    for change in diff.iter_all_changes() {
        let len = change.value().len();
        match change.tag() {
            ChangeTag::Equal => {
                at_old += len;
                at_new += len;
            }
            ChangeTag::Delete => {
                join(&mut left, at_old..at_old + len);
                at_old += len;
            }
            ChangeTag::Insert => {
                join(&mut right, at_new..at_new + len);
                at_new += len;
            }
        }
    }
    (left, right)
}

fn join(marks: &mut Vec<Range<usize>>, range: Range<usize>) {
    match marks.last_mut() {
        Some(last) if last.end == range.start => last.end = range.end,
        _ => marks.push(range),
    }
}

/// Marks trimmed of white space at either end; marks of white space alone dropped.
fn visible(text: &str, marks: Vec<Range<usize>>) -> Vec<Range<usize>> {
    marks
        .into_iter()
        .filter_map(|m| {
            let inner = &text[m.clone()];
            let trimmed = inner.trim_start();
            let start = m.start + inner.len() - trimmed.len();
            let end = start + trimmed.trim_end().len();
            (start < end).then_some(start..end)
        })
        .collect()
}

/// One side's column; true when it quoted any line.
fn column(
    out: &mut String,
    finding: &Finding,
    side: Side,
    marks: &Marks,
    texts: &mut Texts,
) -> bool {
    let mut snippets: Vec<(&Arc<SourceFile>, Vec<Range<usize>>)> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for location in finding.locations.iter().filter(|l| l.side == side) {
        match &location.span {
            Some(span) if quotable(&location.file, span) => {
                let text = texts.get(&location.file);
                let span = text.span(span);
                match snippets
                    .iter_mut()
                    .find(|(f, spans)| Arc::ptr_eq(f, &location.file) && near(text, spans, &span))
                {
                    Some((_, spans)) => spans.push(span),
                    None => snippets.push((&location.file, vec![span])),
                }
            }
            Some(span) => {
                let r = location.file.region(span);
                notes.push(format!(
                    "<p class=\"file-only\"><span class=\"path\">{}:{}:{}</span> <span class=\"muted\">the line is too long to quote</span></p>",
                    escape(&location.file.display),
                    r.line,
                    r.column
                ));
            }
            None => notes.push(file_only(location)),
        }
    }
    notes.dedup();
    if snippets.is_empty() && notes.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"nothing muted\">nothing on the {}</p>",
            side.as_str()
        );
    }
    for (file, spans) in &snippets {
        let marked = marks
            .get(&side)
            .filter(|(f, _)| *f == Arc::as_ptr(file) as usize)
            .map_or(&[][..], |(_, m)| &m[..]);
        snippet(out, file, spans, marked, texts);
    }
    for note in notes {
        out.push_str(&note);
        out.push('\n');
    }
    !snippets.is_empty()
}

fn file_only(location: &Location) -> String {
    format!(
        "<p class=\"file-only\"><span class=\"path\">{}</span> <span class=\"muted\">no line to quote</span></p>",
        escape(&location.file.display)
    )
}

fn near(text: &Text, spans: &[Range<usize>], span: &Range<usize>) -> bool {
    let (first, last) = text.lines_of(span);
    spans.iter().any(|s| {
        let (a, b) = text.lines_of(s);
        first <= b + NEARBY_LINES && a <= last + NEARBY_LINES
    })
}

/// The quoted lines of one file with their context; the lines of a span (of the shown text)
/// are highlighted and the marked characters wrapped in `<mark>`.
fn snippet(
    out: &mut String,
    file: &Arc<SourceFile>,
    spans: &[Range<usize>],
    marks: &[Range<usize>],
    texts: &mut Texts,
) {
    let text = texts.get(file);
    let hit: Vec<(usize, usize)> = spans.iter().map(|s| text.lines_of(s)).collect();
    let first = hit.iter().map(|h| h.0).min().unwrap_or(1);
    let last = hit.iter().map(|h| h.1).max().unwrap_or(first);
    let end = (last + CONTEXT).min(text.lines()).max(last);
    let start = first.saturating_sub(CONTEXT).max(1);
    let place = if first == last {
        format!("{first}")
    } else {
        format!("{first}–{last}")
    };
    let mut rows = String::new();
    for n in start..=end {
        let range = if n <= text.lines() {
            text.line(n)
        } else {
            text.text.len()..text.text.len()
        };
        let is_hit = hit.iter().any(|&(a, b)| a <= n && n <= b);
        let _ = writeln!(
            rows,
            "<tr{class}><td class=\"ln\">{n}</td><td class=\"tx\">{line}</td></tr>",
            class = if is_hit { " class=\"hit\"" } else { "" },
            line = with_marks(&text.text, range, marks),
        );
    }
    let count = end + 1 - start;
    let caption = format!(
        "<span class=\"path\">{}</span><span class=\"at\">:{place}</span>",
        escape(&file.display)
    );
    if count > LARGE {
        let _ = write!(
            out,
            "<details class=\"snippet\"><summary>{caption} <span class=\"muted\">({count} lines)</span></summary>\n<table class=\"code\">\n{rows}</table>\n</details>\n"
        );
    } else {
        let _ = write!(
            out,
            "<figure class=\"snippet\">\n<figcaption>{caption}</figcaption>\n<table class=\"code\">\n{rows}</table>\n</figure>\n"
        );
    }
}

/// `text[range]` escaped, with the parts inside `marks` (byte ranges of `text`) marked.
fn with_marks(text: &str, range: Range<usize>, marks: &[Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = range.start;
    for mark in marks {
        let (a, b) = (mark.start.max(range.start), mark.end.min(range.end));
        if a >= b || a < at {
            continue;
        }
        let (Some(before), Some(inside)) = (text.get(at..a), text.get(a..b)) else {
            continue;
        };
        out.push_str(&escape(before));
        let _ = write!(out, "<mark>{}</mark>", escape(inside));
        at = b;
    }
    out.push_str(&escape(text.get(at..range.end).unwrap_or_default()));
    out
}

/// A row of the side-by-side diff: a line on either side or both.
type Row<'a> = (Option<&'a str>, Option<&'a str>);

/// The entries as compared, side by side, with the differing characters of paired lines
/// marked. Large diffs start collapsed.
fn render_diff(out: &mut String, finding: &Finding, diff: &Diff, open: bool) {
    let (left, right) = diff_labels(finding, diff);
    let text_diff = TextDiff::from_lines(&diff.primary, &diff.backup);
    let rows = diff_rows(&text_diff);
    let (only_left, only_right) = rows.iter().fold((0, 0), |(l, r), row| match row {
        (Some(a), Some(b)) if a != b => (l + 1, r + 1),
        (Some(_), None) => (l + 1, r),
        (None, Some(_)) => (l, r + 1),
        _ => (l, r),
    });
    let _ = write!(
        out,
        "<details class=\"diff\"{open}>\n<summary>side by side as compared <span class=\"muted\">(normalized, {n} {lines})</span>: <span class=\"del-n\">−{only_left}</span> <span class=\"ins-n\">+{only_right}</span></summary>\n<table class=\"diff\">\n<thead><tr><th>{left}</th><th>{right}</th></tr></thead>\n<tbody>\n",
        open = if open && rows.len() <= LARGE { " open" } else { "" },
        n = rows.len(),
        lines = if rows.len() == 1 { "line" } else { "lines" },
        left = escape(&left),
        right = escape(&right),
    );
    for (l, r) in rows {
        let (lm, rm) = match (l, r) {
            (Some(a), Some(b)) if a != b => char_marks(a, b),
            _ => (Vec::new(), Vec::new()),
        };
        let cell = |line: Option<&str>, marks: &[Range<usize>], changed: &str| match line {
            None => "<td class=\"empty\"></td>".to_string(),
            Some(text) => format!(
                "<td class=\"{}\">{}</td>",
                if l == r { "eq" } else { changed },
                with_marks(text, 0..text.len(), marks)
            ),
        };
        let _ = writeln!(
            out,
            "<tr>{}{}</tr>",
            cell(l, &lm, "del"),
            cell(r, &rm, "ins")
        );
    }
    out.push_str("</tbody>\n</table>\n</details>\n");
}

/// Rows of a line diff: equal lines side by side, a replaced line beside its replacement, and
/// in a larger replaced block, lines paired by their first word (the entry's name).
fn diff_rows<'a>(diff: &TextDiff<'a, 'a, 'a, str>) -> Vec<Row<'a>> {
    let trim = |s: &'a str| s.trim_end_matches(['\n', '\r']);
    let old: Vec<&str> = diff.old_slices().iter().map(|s| trim(s)).collect();
    let new: Vec<&str> = diff.new_slices().iter().map(|s| trim(s)).collect();
    let mut rows = Vec::new();
    for op in diff.ops() {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => rows.extend(o.zip(n).map(|(i, j)| (Some(old[i]), Some(new[j])))),
            DiffTag::Delete => rows.extend(o.map(|i| (Some(old[i]), None))),
            DiffTag::Insert => rows.extend(n.map(|j| (None, Some(new[j])))),
            DiffTag::Replace if o.len() == 1 && n.len() == 1 => {
                rows.push((Some(old[o.start]), Some(new[n.start])))
            }
            DiffTag::Replace => rows.extend(pair_by_key(&old[o], &new[n])),
        }
    }
    rows
}

fn pair_by_key<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<Row<'a>> {
    let key = |s: &&'a str| s.split_whitespace().next().unwrap_or_default();
    let old_keys: Vec<&str> = old.iter().map(key).collect();
    let new_keys: Vec<&str> = new.iter().map(key).collect();
    let mut rows = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => rows.extend(o.zip(n).map(|(i, j)| (Some(old[i]), Some(new[j])))),
            _ => {
                rows.extend(o.map(|i| (Some(old[i]), None)));
                rows.extend(n.map(|j| (None, Some(new[j]))));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_cover_changed_words_or_the_changed_characters_of_close_ones() {
        let marked = |a: &str, b: &str| {
            let (l, r) = char_marks(a, b);
            let l: Vec<&str> = l.into_iter().map(|m| &a[m]).collect();
            let r: Vec<String> = r.into_iter().map(|m| b[m].to_string()).collect();
            (l.join("|"), r.join("|"))
        };
        assert_eq!(
            marked("max     = 512MB", "max = 1GB"),
            ("512MB".into(), "1GB".into())
        );
        assert_eq!(
            marked("tcp://a:7222", "tcp://a:7232"),
            ("2".into(), "3".into())
        );
        assert_eq!(
            marked("listen    = tcp://x:1", "ft_active = tcp://x:1"),
            ("listen".into(), "ft_active".into())
        );
        assert_eq!(marked("a,b=é", "a,b=é,c"), ("".into(), ",c".into()));
        // A deletion inside the text has an empty range on the other side: it marks nothing.
        assert_eq!(marked("a b c", "a c"), ("b".into(), "".into()));
        assert_eq!(marked("a c", "a b c"), ("".into(), "b".into()));
    }

    /// Every pair of short texts over an alphabet of words, spaces, punctuation, line ends and
    /// multi-byte characters: marks stay inside the text, on character boundaries, in order.
    #[test]
    fn marks_are_in_bounds_for_any_pair_of_texts() {
        const PIECES: [&str; 8] = ["a", "b1", " ", "é", ",", "\n", "<", "=="];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut text = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 60) as usize;
            (0..len)
                .map(|i| PIECES[((seed >> (i * 3 + 4)) & 7) as usize])
                .collect::<String>()
        };
        for _ in 0..3000 {
            let (a, b) = (text(), text());
            let (l, r) = char_marks(&a, &b);
            for (t, marks) in [(&a, &l), (&b, &r)] {
                let mut at = 0;
                for m in marks {
                    assert!(
                        at <= m.start && m.start < m.end && m.end <= t.len(),
                        "{a:?} {b:?}"
                    );
                    assert!(t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
                    at = m.end;
                }
                with_marks(t, 0..t.len(), marks);
            }
        }
    }

    #[test]
    fn marked_text_is_escaped_inside_and_out() {
        assert_eq!(
            with_marks("<a>&<b>", 0..7, std::slice::from_ref(&(3..4))),
            "&lt;a&gt;<mark>&amp;</mark>&lt;b&gt;"
        );
    }

    #[test]
    fn a_drift_pairs_entries_by_name() {
        let old = "q1 max=1\nq2 max=1\nq3 max=1\n";
        let new = "q1 max=2\nq3 max=2\nq4 max=1\n";
        let diff = TextDiff::from_lines(old, new);
        let rows = diff_rows(&diff);
        assert_eq!(
            rows,
            vec![
                (Some("q1 max=1"), Some("q1 max=2")),
                (Some("q2 max=1"), None),
                (Some("q3 max=1"), Some("q3 max=2")),
                (None, Some("q4 max=1")),
            ]
        );
    }
}
