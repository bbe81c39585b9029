//! Where the text of a file generated from a JSON configuration comes from.

use std::ops::Range;

use super::FileRef;

/// Where the text of a generated file comes from: each of its lines that stands for something
/// in a JSON file, and within a line the parts (a key, a value) written from one JSON value.
#[derive(Debug)]
pub struct Origin {
    /// The JSON file.
    pub file: FileRef,
    /// Sorted by position, never overlapping.
    pub lines: Vec<MappedLine>,
    /// Where a finding about the whole generated file points in the JSON file (`None`: the
    /// whole JSON file).
    pub whole: Option<Range<usize>>,
}

/// A generated line and the JSON text it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedLine {
    pub generated: Range<usize>,
    pub json: Range<usize>,
    pub parts: Vec<MappedPart>,
}

/// Part of a generated line written from one JSON value (or key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedPart {
    pub generated: Range<usize>,
    pub json: Range<usize>,
    /// The generated text is the JSON text byte for byte: offsets map one to one.
    pub exact: bool,
}

impl Origin {
    /// The JSON span a span of the generated file stands for: the part of a line that holds
    /// it (offset for offset when written as is), else its line, else (across lines) from the
    /// first line to the last; `whole` when no line of it comes from the JSON.
    pub fn map(&self, span: &Range<usize>) -> Option<Range<usize>> {
        let Some(first) = self.line_at(span.start) else {
            return self.whole.clone();
        };
        if span.end <= first.generated.end {
            // Parts may nest (`prefetch=1` holds `prefetch` and `1`): the smallest one.
            let part = first
                .parts
                .iter()
                .filter(|p| p.generated.start <= span.start && span.end <= p.generated.end)
                .min_by_key(|p| p.generated.len());
            return Some(match part {
                Some(p) if p.exact && p.generated.len() == p.json.len() => {
                    let offset = span.start - p.generated.start;
                    let len = span.end.max(span.start) - span.start;
                    p.json.start + offset..p.json.start + offset + len
                }
                Some(p) => p.json.clone(),
                None => first.json.clone(),
            });
        }
        let last = self.line_at(span.end.saturating_sub(1)).unwrap_or(first);
        Some(first.json.start.min(last.json.start)..first.json.end.max(last.json.end))
    }

    fn line_at(&self, offset: usize) -> Option<&MappedLine> {
        let i = self.lines.partition_point(|l| l.generated.end < offset);
        self.lines
            .get(i)
            .filter(|l| l.generated.start <= offset && offset <= l.generated.end)
    }
}
