//! A file's text as people see it: every secret masked.

use std::ops::Range;
use std::sync::Arc;

use super::SourceFile;

/// A file's text as shown to people: every secret replaced by the same eight `*`, so that
/// not even its length shows, and a map from offsets in the file to offsets in the text.
#[derive(Debug)]
pub struct Shown {
    pub text: Arc<str>,
    /// (secret's range in the file, where its mask starts in the shown text)
    masks: Vec<(Range<usize>, usize)>,
}

pub const MASK: &str = "********";

impl Shown {
    /// Where a file offset lands in the shown text (inside a secret: within its mask).
    pub fn map(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for (range, at) in &self.masks {
            if offset <= range.start {
                break;
            }
            if offset < range.end {
                return at + (offset - range.start).min(MASK.len());
            }
            shift += MASK.len() as isize - range.len() as isize;
        }
        offset.saturating_add_signed(shift)
    }
}

impl SourceFile {
    pub fn shown(&self) -> Shown {
        let mut spans = self
            .secret_spans
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default();
        spans.sort_by_key(|s| s.start);
        let mut text = String::with_capacity(self.text.len());
        let mut masks: Vec<(Range<usize>, usize)> = Vec::new();
        let mut done = 0;
        for span in spans {
            let start = span.start.max(done).min(self.text.len());
            let end = span.end.min(self.text.len());
            if start >= end
                || !self.text.is_char_boundary(start)
                || !self.text.is_char_boundary(end)
            {
                continue;
            }
            text.push_str(&self.text[done..start]);
            masks.push((start..end, text.len()));
            text.push_str(MASK);
            done = end;
        }
        text.push_str(&self.text[done..]);
        Shown {
            text: Arc::from(text),
            masks,
        }
    }
}
