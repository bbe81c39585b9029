//! Source files: what was read, with line and column lookup and the spans of its secrets.
//! Reading, only under the directories a run may read, is in [`read`], the masked text people
//! see in [`redact`], the map from a generated file back to its JSON in [`origin`].

mod origin;
mod read;
mod redact;
#[cfg(test)]
mod tests;

pub use origin::{MappedLine, MappedPart, Origin};
#[cfg(test)]
use read::{read_binary, read_file};
pub use read::{ReadError, Reader, Roots};
pub use redact::{Shown, MASK};

use std::borrow::Cow;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// Files above this size are not read (a finding says so); `--max-file-size` may change it.
pub const DEFAULT_SIZE_CAP: u64 = 256 * 1024 * 1024;

/// One file the linter read, or tried to read.
pub struct SourceFile {
    /// The path as the user would write it: the argument given joined with the file's name.
    pub display: String,
    /// Where it was read from on this machine.
    pub path: PathBuf,
    /// The decoded text, without a UTF-8 BOM; empty when the file could not be read.
    pub text: String,
    /// Byte offset of the first byte that was not valid UTF-8 (decoded as U+FFFD).
    pub invalid_utf8_at: Option<usize>,
    /// The raw content of a file read as binary ([`Reader::read`] with `binary`: certificates
    /// and keys, which may be DER or PKCS#12). Such a file has no `text`, so that no renderer
    /// can quote key material.
    pub bytes: Option<Vec<u8>>,
    /// Set on a file generated from a JSON configuration ([`Origin`]): findings on it are
    /// moved to the JSON file before they are rendered.
    pub origin: Option<Origin>,
    /// Where each line starts, built on first use: only findings and quoted lines need it.
    line_starts: OnceLock<Vec<usize>>,
    secret_spans: Mutex<Vec<Range<usize>>>,
}

impl std::fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Neither the text nor the bytes: they may hold passwords or key material.
        f.debug_struct("SourceFile")
            .field("display", &self.display)
            .field("path", &self.path)
            .field("text_len", &self.text.len())
            .field("bytes_len", &self.bytes.as_ref().map(Vec::len))
            .finish_non_exhaustive()
    }
}

/// A shared handle: findings point at the file they are about.
pub type FileRef = Arc<SourceFile>;

/// Line and column (1-based; columns count characters, `end_column` is exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl SourceFile {
    /// A file known only by its name: one that is missing, or the subject of a finding.
    pub fn absent(display: String, path: PathBuf) -> Self {
        Self::from_text(display, path, String::new(), None)
    }

    pub fn from_text(
        display: String,
        path: PathBuf,
        text: String,
        invalid_utf8_at: Option<usize>,
    ) -> Self {
        SourceFile {
            display,
            path,
            text,
            invalid_utf8_at,
            bytes: None,
            origin: None,
            line_starts: OnceLock::new(),
            secret_spans: Mutex::new(Vec::new()),
        }
    }

    /// A file generated from a JSON configuration: findings on it are moved to `origin`.
    pub fn generated(display: String, path: PathBuf, text: String, origin: Origin) -> Self {
        SourceFile {
            origin: Some(origin),
            ..Self::from_text(display, path, text, None)
        }
    }

    /// A file kept as raw bytes, with no text.
    pub fn from_raw(display: String, path: PathBuf, bytes: Vec<u8>) -> Self {
        SourceFile {
            bytes: Some(bytes),
            ..Self::from_text(display, path, String::new(), None)
        }
    }

    /// Decodes bytes: a UTF-8 BOM is dropped, invalid UTF-8 is replaced and remembered.
    pub fn from_bytes(display: String, path: PathBuf, bytes: Vec<u8>) -> Self {
        let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => rest.to_vec(),
            None => bytes,
        };
        match String::from_utf8(bytes) {
            Ok(text) => Self::from_text(display, path, text, None),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                Self::from_text(display, path, text, Some(at))
            }
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s <= offset).max(1);
        let start = line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// The line to name in a message for an offset: in the JSON file a generated file comes
    /// from (see [`Origin`]), else in this file.
    pub fn shown_line(&self, offset: usize) -> usize {
        match &self.origin {
            Some(origin) => origin
                .map(&(offset..offset))
                .map_or(1, |span| origin.file.line_col(span.start).0),
            None => self.line_col(offset).0,
        }
    }

    pub fn region(&self, span: &Range<usize>) -> Region {
        let (line, column) = self.line_col(span.start);
        let (end_line, end_column) = self.line_col(span.end.max(span.start));
        Region {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The byte range of the whole line that holds `offset`, without its line ending.
    pub fn line_span(&self, offset: usize) -> Range<usize> {
        let (line, _) = self.line_col(offset);
        let start = self.line_starts()[line - 1];
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// Marks a span whose text must never be shown (a password, a hash).
    pub fn mark_secret(&self, span: Range<usize>) {
        if let Ok(mut spans) = self.secret_spans.lock() {
            spans.push(span);
        }
    }

    /// The spans marked secret so far, in no particular order.
    pub fn secret_spans(&self) -> Vec<Range<usize>> {
        self.secret_spans
            .lock()
            .map(|spans| spans.clone())
            .unwrap_or_default()
    }

    /// The text with every secret span masked by `*`, byte for byte, so spans stay valid.
    pub fn redacted_text(&self) -> Cow<'_, str> {
        let spans = match self.secret_spans.lock() {
            Ok(spans) if !spans.is_empty() => spans.clone(),
            _ => return Cow::Borrowed(&self.text),
        };
        let mut bytes = self.text.clone().into_bytes();
        for span in spans {
            let end = span.end.min(bytes.len());
            let start = span.start.min(end);
            for b in &mut bytes[start..end] {
                // Masking every byte of a multi-byte character keeps the text valid UTF-8.
                *b = b'*';
            }
        }
        Cow::Owned(String::from_utf8_lossy(&bytes).into_owned())
    }
}
