//! `tibrvcm.conf`: anticipated RVCM listeners, one per line (formats.md §11).
//!
//! `[<transport-name>] <listener-name> <rv cm subject>`: the brackets in TIBCO's format line
//! mark the transport as optional (older configurations without transports.conf omit it);
//! the sample's example is `RVCM1 cm_listener ems_export.widgets`. The subject "cannot be a
//! wildcard" (S86/tibrvcm.conf).

use std::collections::HashSet;
use std::ops::Range;

use nom::bytes::complete::{take_till1, take_while1};
use nom::multi::separated_list1;
use nom::{IResult, Parser};

use crate::ems::lines::{content_lines, or_record, SyntaxError};
use crate::ems::names::is_wildcard;
use crate::ems::tokens::preview;

/// One anticipated listener.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RvcmListener<'a> {
    /// None in the legacy two-word form.
    pub transport: Option<&'a str>,
    pub listener: &'a str,
    pub subject: &'a str,
    pub line_span: Range<usize>,
}

impl<'a> RvcmListener<'a> {
    /// The identity of a listener line; it has no other value.
    pub fn key(&self) -> (Option<&'a str>, &'a str, &'a str) {
        (self.transport, self.listener, self.subject)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TibrvcmFile<'a> {
    pub listeners: Vec<RvcmListener<'a>>,
    pub errors: Vec<SyntaxError>,
    /// A line repeated.
    pub warnings: Vec<SyntaxError>,
}

pub fn parse(text: &str) -> TibrvcmFile<'_> {
    let mut file = TibrvcmFile::default();
    let mut seen = HashSet::new();
    for line in content_lines(text) {
        let Some((line, trimmed)) = or_record(line, &mut file.errors) else {
            continue;
        };
        let line_span = line.span_of(trimmed);
        match listener(trimmed) {
            Ok((transport, listener, subject)) => {
                let l = RvcmListener {
                    transport,
                    listener,
                    subject,
                    line_span: line_span.clone(),
                };
                if !seen.insert(l.key()) {
                    file.warnings.push(SyntaxError {
                        span: line_span,
                        message: "this listener line is given twice".into(),
                    });
                }
                file.listeners.push(l);
            }
            Err(message) => file.errors.push(SyntaxError {
                span: line_span,
                message,
            }),
        }
    }
    file
}

fn words(input: &str) -> IResult<&str, Vec<&str>> {
    separated_list1(
        take_while1(char::is_whitespace),
        take_till1(char::is_whitespace),
    )
    .parse(input)
}

type Parsed<'a> = (Option<&'a str>, &'a str, &'a str);

fn listener(line: &str) -> Result<Parsed<'_>, String> {
    let words = match words(line) {
        Ok(("", words)) => words,
        _ => return Err("expected `transport listener subject`".into()),
    };
    let (transport, listener, subject) = match words.as_slice() {
        [listener, subject] => (None, *listener, *subject),
        [transport, listener, subject] => (Some(*transport), *listener, *subject),
        _ => {
            return Err(format!(
                "expected `transport listener subject` (or the legacy `listener subject`), found {} words in `{}`",
                words.len(),
                preview(line)
            ))
        }
    };
    if let Some(t) = transport {
        if t.starts_with('[') && t.ends_with(']') {
            return Err(format!(
                "write the transport name without brackets (`{}`): in TIBCO's format line they only mark it optional",
                t.trim_start_matches('[').trim_end_matches(']')
            ));
        }
    }
    if is_wildcard(subject) {
        return Err(format!(
            "the RVCM subject `{subject}` is a wildcard; RVCM listeners need one listener line per subject"
        ));
    }
    Ok((transport, listener, subject))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_forms() {
        let text = "RVCM1 cm_listener ems_export.widgets\n\t cm_listener   ems_export.wotsits  \n";
        let f = parse(text);
        assert!(f.errors.is_empty());
        assert_eq!(
            f.listeners[0].key(),
            (Some("RVCM1"), "cm_listener", "ems_export.widgets")
        );
        assert_eq!(
            f.listeners[1].key(),
            (None, "cm_listener", "ems_export.wotsits")
        );
        assert_eq!(
            &text[f.listeners[1].line_span.clone()],
            "cm_listener   ems_export.wotsits"
        );
    }

    #[test]
    fn bad_lines_are_reported_and_parsing_goes_on() {
        let text = "lonely\nT l ems.*\nT l ems.>\na b c d\n[RVCM1] l s\nT l ok.subject\n";
        let f = parse(text);
        let got: Vec<_> = f.errors.iter().map(|e| &text[e.span.clone()]).collect();
        assert_eq!(
            got,
            vec!["lonely", "T l ems.*", "T l ems.>", "a b c d", "[RVCM1] l s"]
        );
        assert!(f.errors[1].message.contains("wildcard"));
        assert!(f.errors[4].message.contains("without brackets"));
        assert_eq!(f.listeners.len(), 1);
    }

    #[test]
    fn comments_crlf_and_duplicates() {
        let text = "# c\r\n; c\r\nT l s\r\nT  l  s\r\n";
        let f = parse(text);
        assert_eq!(f.listeners.len(), 2);
        assert_eq!(f.warnings.len(), 1);
        assert_eq!(&text[f.warnings[0].span.clone()], "T  l  s");
    }

    #[test]
    fn never_panics() {
        for s in ["", "\u{a0}", "é é", "[ ] x", "[", "a\u{0}b c"] {
            let _ = parse(s);
        }
        let long = format!("T l {}\nT l s\n", "x".repeat(300_000));
        let f = parse(&long);
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.listeners.len(), 1);
    }

    #[test]
    fn corpus_files_parse_cleanly() {
        crate::ems::corpus::assert_parse_clean("tibrvcm.conf", |text| parse(text).errors, 3);
    }
}
