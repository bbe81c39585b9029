//! Tokens shared by the line-based parsers (the INI sub-files, bridges, durables, tibrvcm and
//! the selector grammar): quoted or bare words, whole-word keywords, previews for messages.

use nom::bytes::complete::{take_till1, take_until};
use nom::character::complete::char;
use nom::sequence::delimited;
use nom::{IResult, Parser};

use crate::ems::lines::{Line, SyntaxError};

/// At most 40 characters of `text`, for messages.
pub(crate) fn preview(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// A `"…"` string (returns the inside) or a run of non-blank characters.
pub(crate) fn quoted_or_word(input: &str) -> IResult<&str, &str> {
    if input.starts_with('"') {
        delimited(char('"'), take_until("\""), char('"')).parse(input)
    } else {
        take_till1(|c: char| c.is_whitespace()).parse(input)
    }
}

/// A case-insensitive keyword that is not the start of a longer word.
pub(crate) fn tag_ci<'a>(
    word: &'static str,
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
    move |input: &'a str| {
        let (rest, matched) = nom::bytes::complete::tag_no_case(word).parse(input)?;
        if rest
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Tag,
            )));
        }
        Ok((rest, matched))
    }
}

/// What follows a header's `]` on its line, when anything does.
pub(crate) enum AfterHeader {
    /// A `#` or `;` comment: a warning, the header is read either way.
    Comment(SyntaxError),
    /// Any other text: an error.
    Unexpected(SyntaxError),
}

/// Checks `rest`, the text after a header's `]`; `header` names the header in the error.
pub(crate) fn after_header(line: &Line<'_>, rest: &str, header: &str) -> Option<AfterHeader> {
    let rest = rest.trim();
    if rest.starts_with('#') || rest.starts_with(';') {
        Some(AfterHeader::Comment(SyntaxError {
            span: line.span_of(rest),
            message: "text after `]`: EMS documents no inline comments after a header".into(),
        }))
    } else if !rest.is_empty() {
        Some(AfterHeader::Unexpected(SyntaxError {
            span: line.span_of(rest),
            message: format!("unexpected `{}` after {header}", preview(rest)),
        }))
    } else {
        None
    }
}
