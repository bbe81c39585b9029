//! `bridges.conf`: `[topic:source]` / `[queue:source]` headers, then one target per line,
//! `topic=target` or `queue=target`, optionally followed by ` selector="…"` (formats.md §9).
//!
//! The source may be a wildcard; "The bridge target can not be a wildcarded destination
//! name" (S86/bridges.conf;
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-6CA6B691-37EC-4D5E-B08D-62BE08D30375.html).

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;

use nom::bytes::complete::{take_until, take_while1};
use nom::character::complete::{char, space0};
use nom::sequence::delimited;
use nom::{IResult, Parser};

use crate::ems::lines::{content_lines, or_record, Line, SyntaxError};
use crate::ems::names::is_wildcard;
use crate::ems::selector::{canonical_selector, parse_name_selector};
use crate::ems::tokens::{after_header, preview, AfterHeader};

/// A destination kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BridgeKind {
    Topic,
    Queue,
}

impl BridgeKind {
    /// `topic` or `queue`, in any case.
    pub fn from_word(word: &str) -> Option<Self> {
        if word.eq_ignore_ascii_case("topic") {
            Some(BridgeKind::Topic)
        } else if word.eq_ignore_ascii_case("queue") {
            Some(BridgeKind::Queue)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            BridgeKind::Topic => "topic",
            BridgeKind::Queue => "queue",
        }
    }
}

impl fmt::Display for BridgeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One source → target edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bridge<'a> {
    pub source_kind: BridgeKind,
    pub source: &'a str,
    pub target_kind: BridgeKind,
    pub target: &'a str,
    /// Without its quotes.
    pub selector: Option<&'a str>,
    pub header_span: Range<usize>,
    pub line_span: Range<usize>,
}

impl<'a> Bridge<'a> {
    /// The identity of a bridge edge.
    pub fn key(&self) -> (BridgeKind, &'a str, BridgeKind, &'a str) {
        (self.source_kind, self.source, self.target_kind, self.target)
    }

    /// `selector` (white space normalised) when there is one; empty otherwise.
    pub fn canonical(&self) -> BTreeMap<String, String> {
        self.selector
            .map(|s| ("selector".to_string(), canonical_selector(s)))
            .into_iter()
            .collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BridgesFile<'a> {
    pub bridges: Vec<Bridge<'a>>,
    pub errors: Vec<SyntaxError>,
    /// A source with no targets, an edge defined twice, ` #` after a header.
    pub warnings: Vec<SyntaxError>,
}

struct Source<'a> {
    kind: BridgeKind,
    name: &'a str,
    header_span: Range<usize>,
    targets: usize,
}

enum State<'a> {
    Top,
    In(Source<'a>),
    Skip,
}

pub fn parse(text: &str) -> BridgesFile<'_> {
    let mut file = BridgesFile::default();
    let mut state = State::Top;
    let mut seen = HashSet::new();
    for line in content_lines(text) {
        let Some((line, trimmed)) = or_record(line, &mut file.errors) else {
            continue;
        };
        let line_span = line.span_of(trimmed);
        if trimmed.starts_with('[') {
            close(&mut file, state);
            state = match header(&line, trimmed, &mut file) {
                Some(source) => State::In(source),
                None => State::Skip,
            };
            continue;
        }
        let source = match &mut state {
            State::In(source) => source,
            State::Skip => continue,
            State::Top => {
                file.errors.push(SyntaxError {
                    span: line_span,
                    message:
                        "a bridge target comes before any `[topic:name]` or `[queue:name]` header"
                            .into(),
                });
                continue;
            }
        };
        match target(trimmed) {
            Ok((target_kind, target, selector)) => {
                source.targets += 1;
                let bridge = Bridge {
                    source_kind: source.kind,
                    source: source.name,
                    target_kind,
                    target,
                    selector,
                    header_span: source.header_span.clone(),
                    line_span: line_span.clone(),
                };
                if !seen.insert(bridge.key()) {
                    file.warnings.push(SyntaxError {
                        span: line_span,
                        message: format!(
                            "{} `{}` is already a target of {} `{}`",
                            target_kind, target, source.kind, source.name
                        ),
                    });
                }
                file.bridges.push(bridge);
            }
            Err(message) => file.errors.push(SyntaxError {
                span: line_span,
                message,
            }),
        }
    }
    close(&mut file, state);
    file
}

fn close(file: &mut BridgesFile<'_>, state: State<'_>) {
    if let State::In(source) = state {
        if source.targets == 0 {
            file.warnings.push(SyntaxError {
                span: source.header_span,
                message: format!(
                    "the bridge from {} `{}` has no targets",
                    source.kind, source.name
                ),
            });
        }
    }
}

fn header<'a>(line: &Line<'a>, trimmed: &'a str, file: &mut BridgesFile<'a>) -> Option<Source<'a>> {
    let parsed: IResult<&str, &str> =
        delimited(char('['), take_until("]"), char(']')).parse(trimmed);
    let Ok((rest, inner)) = parsed else {
        file.errors.push(SyntaxError {
            span: line.span_of(trimmed),
            message: "a bridge header has no closing `]`; the lines under it are ignored".into(),
        });
        return None;
    };
    let header_text = trimmed.get(..trimmed.len() - rest.len()).unwrap_or(trimmed);
    let header_span = line.span_of(header_text);
    match after_header(line, rest, "the bridge header") {
        Some(AfterHeader::Comment(warning)) => file.warnings.push(warning),
        Some(AfterHeader::Unexpected(error)) => file.errors.push(error),
        None => {}
    }
    let Some((kind, name)) = inner.split_once(':') else {
        file.errors.push(SyntaxError {
            span: header_span,
            message: format!(
                "a bridge header is `[topic:name]` or `[queue:name]`, not `[{}]`; the lines under it are ignored",
                preview(inner)
            ),
        });
        return None;
    };
    let Some(kind) = BridgeKind::from_word(kind.trim()) else {
        file.errors.push(SyntaxError {
            span: line.span_of(kind),
            message: format!(
                "`{}` is not a destination type: a bridge source is `topic:` or `queue:`",
                preview(kind.trim())
            ),
        });
        return None;
    };
    let name = name.trim();
    if name.is_empty() {
        file.errors.push(SyntaxError {
            span: header_span,
            message: "the bridge header names no source destination".into(),
        });
        return None;
    }
    Some(Source {
        kind,
        name,
        header_span,
        targets: 0,
    })
}

type Target<'a> = (BridgeKind, &'a str, Option<&'a str>);

/// `topic=target` or `queue=target`, then an optional `selector="…"`.
fn target(line: &str) -> Result<Target<'_>, String> {
    let parsed: IResult<&str, &str> = (
        take_while1(|c: char| c.is_ascii_alphabetic()),
        space0,
        char('='),
    )
        .map(|(word, _, _)| word)
        .parse(line);
    let Ok((rest, word)) = parsed else {
        return Err(format!(
            "expected `topic=name` or `queue=name`, found `{}`",
            preview(line)
        ));
    };
    let Some(kind) = BridgeKind::from_word(word) else {
        return Err(format!(
            "`{}` is not a destination type: a bridge target is `topic=` or `queue=`",
            preview(word)
        ));
    };
    // `name [selector="…"]` is the grammar of a route's selector lines.
    let ts = parse_name_selector(rest, "target")?;
    if is_wildcard(ts.topic) {
        return Err(format!(
            "the bridge target `{}` is a wildcard; targets cannot be wildcards",
            ts.topic
        ));
    }
    Ok((kind, ts.topic, ts.selector))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sample_forms() {
        let text = "[topic:source.topic]\n    queue=target.queue\n\n[topic:delivery.*]\n    queue=deliveries\n    topic=notifications selector=\"urgency in ('high', 'medium')\"\n";
        let f = parse(text);
        assert!(f.errors.is_empty() && f.warnings.is_empty(), "{f:?}");
        assert_eq!(f.bridges.len(), 3);
        let b = &f.bridges[0];
        assert_eq!(
            b.key(),
            (
                BridgeKind::Topic,
                "source.topic",
                BridgeKind::Queue,
                "target.queue"
            )
        );
        assert_eq!(&text[b.header_span.clone()], "[topic:source.topic]");
        assert_eq!(&text[b.line_span.clone()], "queue=target.queue");
        let b = &f.bridges[2];
        assert_eq!(b.source, "delivery.*");
        assert_eq!(b.selector, Some("urgency in ('high', 'medium')"));
        assert_eq!(b.canonical()["selector"], "urgency IN('high','medium')");
        assert!(f.bridges[1].canonical().is_empty());
    }

    #[test]
    fn spacing_quotes_and_case_do_not_matter() {
        let a = parse("[Topic : a.b]\n  QUEUE = \"q\"   selector = \"x = 'y, z'\"\n");
        let b = parse("[topic:a.b]\nqueue=q selector=\"x='y, z'\"\n");
        assert!(a.errors.is_empty(), "{:?}", a.errors);
        assert_eq!(a.bridges[0].key(), b.bridges[0].key());
        assert_eq!(a.bridges[0].canonical(), b.bridges[0].canonical());
    }

    #[test]
    fn wildcard_targets_are_errors() {
        let text = "[queue:in.>]\n topic=out.*\n queue=out.>\n queue=fine.x\n";
        let f = parse(text);
        assert_eq!(f.errors.len(), 2);
        assert_eq!(&text[f.errors[0].span.clone()], "topic=out.*");
        assert!(f.errors[0].message.contains("wildcard"));
        assert_eq!(f.bridges.len(), 1);
        assert_eq!(f.bridges[0].source, "in.>");
    }

    #[test]
    fn bad_lines_are_reported_and_parsing_goes_on() {
        let text = "queue=early\n[topic:a]\nqueue\nfile=x\nqueue=q filter=\"x\"\nqueue=q selector=\"open\nqueue=good\n[unclosed\nqueue=lost\n[nocolon]\nqueue=lost\n[file:x]\nqueue=lost\n[topic: ]\nqueue=lost\n[queue:z] junk\ntopic=t\n";
        let f = parse(text);
        let got: Vec<_> = f.errors.iter().map(|e| &text[e.span.clone()]).collect();
        assert_eq!(
            got,
            vec![
                "queue=early",
                "queue",
                "file=x",
                "queue=q filter=\"x\"",
                "queue=q selector=\"open",
                "[unclosed",
                "[nocolon]",
                "file",
                "[topic: ]",
                "junk"
            ]
        );
        assert!(f.errors[4].message.contains("closing"));
        let keys: Vec<_> = f.bridges.iter().map(|b| (b.source, b.target)).collect();
        assert_eq!(keys, vec![("a", "good"), ("z", "t")]);
    }

    #[test]
    fn warnings_for_empty_sources_duplicates_and_inline_comments() {
        let text = "[topic:a] # note\n[topic:b]\nqueue=q\nqueue=q selector=\"x=1\"\n";
        let f = parse(text);
        assert!(f.errors.is_empty());
        let got: Vec<_> = f.warnings.iter().map(|e| &text[e.span.clone()]).collect();
        assert_eq!(got, vec!["# note", "[topic:a]", "queue=q selector=\"x=1\""]);
    }

    #[test]
    fn crlf_and_never_panics() {
        let text = "[topic:a]\r\nqueue=b\r\n";
        let f = parse(text);
        assert_eq!(&text[f.bridges[0].line_span.clone()], "queue=b");
        for s in [
            "[",
            "]",
            "[:]",
            "[topic:x]\n=",
            "[topic:x]\nqueue=\"",
            "[é:é]\né=é",
            "[topic:x]\nqueue=a selector=",
        ] {
            let _ = parse(s);
        }
        let long = format!("[topic:x]\nqueue={}\nqueue=y\n", "z".repeat(300_000));
        let f = parse(&long);
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.bridges.len(), 1);
    }

    #[test]
    fn corpus_files_parse_cleanly() {
        crate::ems::corpus::assert_parse_clean("bridges.conf", |text| parse(text).errors, 3);
    }
}
