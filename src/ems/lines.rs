//! Physical lines of an EMS text file, and the syntax error every parser reports.
//!
//! Every `.conf` parser walks the file line by line so that one bad line is reported and
//! parsing goes on with the next. Offsets are byte offsets into the whole file text, so a
//! parser's spans can be turned into line and column by `source::SourceFile`.

use std::ops::Range;

/// TIBCO: "Each parameter must be in one line"; a line may hold at most 256,000 characters.
pub const MAX_LINE_LEN: usize = 256_000;

/// One physical line: its text without `\n` or `\r\n`, and where it starts in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    pub start: usize,
}

impl<'a> Line<'a> {
    /// The byte range of `part`, which must be a sub-slice of this line's text.
    pub fn span_of(&self, part: &str) -> Range<usize> {
        let offset = part.as_ptr() as usize - self.text.as_ptr() as usize;
        self.start + offset..self.start + offset + part.len()
    }

    /// The byte range of the whole line, without its line ending.
    pub fn span(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }

    /// The line without leading and trailing white space.
    pub fn trimmed(&self) -> &'a str {
        self.text.trim()
    }

    /// A `syntax` error if the line is longer than EMS accepts.
    pub fn too_long(&self) -> Option<SyntaxError> {
        // A line of at most MAX_LINE_LEN bytes has at most that many characters: only a
        // longer one is counted.
        if self.text.len() <= MAX_LINE_LEN {
            return None;
        }
        let chars = self.text.chars().count();
        (chars > MAX_LINE_LEN).then(|| SyntaxError {
            span: self.span(),
            message: format!("line is {chars} characters long; EMS reads at most {MAX_LINE_LEN}"),
        })
    }
}

/// How many lines `text` has at most: room for a parser's list of entries, reserved once
/// instead of grown by doubling through a large file (the slack is given back at the end).
pub fn capacity(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// Splits `text` into lines on `\n`, dropping one trailing `\r` from each.
pub fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |raw| {
        let line_start = start;
        start += raw.len();
        let text = raw.strip_suffix('\n').unwrap_or(raw);
        let text = text.strip_suffix('\r').unwrap_or(text);
        Line {
            text,
            start: line_start,
        }
    })
}

/// A line a parser could not read: reported as a `syntax` finding at `span`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
}

/// A line that holds an entry, with its trimmed text; or the error of a line longer than EMS
/// reads.
pub type ContentLine<'a> = Result<(Line<'a>, &'a str), SyntaxError>;

/// The lines of an INI-style, bridges, durables or tibrvcm file that hold an entry: blank lines
/// and `#` or `;` comments are skipped, and a line over EMS's limit is an error even when it
/// is a comment.
pub fn content_lines(text: &str) -> impl Iterator<Item = ContentLine<'_>> {
    lines(text).filter_map(|line| {
        if let Some(error) = line.too_long() {
            return Some(Err(error));
        }
        let trimmed = line.trimmed();
        is_content(trimmed).then_some(Ok((line, trimmed)))
    })
}

/// The lines of acl.conf, queues.conf or topics.conf that hold an entry: a byte-order mark
/// at the start is dropped, blank lines and `#` or `;` comments are skipped, and only an
/// entry line over EMS's limit is an error.
pub fn entry_lines(text: &str) -> impl Iterator<Item = ContentLine<'_>> {
    lines(text).filter_map(|line| {
        let body = if line.start == 0 {
            line.text.strip_prefix('\u{feff}').unwrap_or(line.text)
        } else {
            line.text
        };
        let trimmed = body.trim();
        if !is_content(trimmed) {
            return None;
        }
        Some(match line.too_long() {
            Some(error) => Err(error),
            None => Ok((line, trimmed)),
        })
    })
}

/// The entry of a [`ContentLine`]; its error, if it is one, goes to `errors`.
pub fn or_record<'a>(
    line: ContentLine<'a>,
    errors: &mut Vec<SyntaxError>,
) -> Option<(Line<'a>, &'a str)> {
    line.map_err(|error| errors.push(error)).ok()
}

/// Neither blank nor a `#` or `;` comment.
fn is_content(trimmed: &str) -> bool {
    !(trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf_and_keeps_offsets() {
        let text = "a = 1\r\n\nb=2";
        let got: Vec<_> = lines(text).map(|l| (l.text, l.start)).collect();
        assert_eq!(got, vec![("a = 1", 0), ("", 7), ("b=2", 8)]);
    }

    #[test]
    fn span_of_a_part_is_relative_to_the_file() {
        let text = "x\n  key = value\n";
        let line = lines(text).nth(1).unwrap();
        let value = &line.text[8..];
        assert_eq!(&text[line.span_of(value)], "value");
    }

    #[test]
    fn a_line_over_the_limit_is_a_syntax_error() {
        let long = "a".repeat(MAX_LINE_LEN + 1);
        let line = lines(&long).next().unwrap();
        assert!(line.too_long().unwrap().message.contains("256000"));
        let ok = "a".repeat(MAX_LINE_LEN);
        assert!(lines(&ok).next().unwrap().too_long().is_none());
    }
}
