//! `durables.conf`: one static durable subscriber per line (formats.md §10).
//!
//! `topic-name durable-name [route] [clientid=id] [nolocal] [selector="msg-selector"]`
//! (https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-65F9AC62-C78E-411D-A7B0-50485812CE71.html).
//! The doc table separates the options with spaces, its example and TIBCO's sample with commas
//! (`topic2 dName2 clientid=myId,nolocal`), so both are accepted. A selector is in double
//! quotes and may hold spaces, commas and single quotes. `route` "excludes all other
//! properties"; when a (topic, name) repeats, "the server keeps the earliest specification".

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::{take_till1, take_until};
use nom::character::complete::{char, space0, space1};
use nom::sequence::delimited;
use nom::{IResult, Parser};

use crate::ems::lines::{content_lines, or_record, SyntaxError};
use crate::ems::selector::canonical_selector;
use crate::ems::tokens::{preview, tag_ci};

/// One static durable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Durable<'a> {
    pub topic: &'a str,
    pub name: &'a str,
    /// The durable belongs to a route (its name is the remote server's).
    pub route: bool,
    pub client_id: Option<&'a str>,
    pub nolocal: bool,
    /// Without its quotes.
    pub selector: Option<&'a str>,
    pub line_span: Range<usize>,
}

impl<'a> Durable<'a> {
    /// The identity of a durable: (topic, durable name).
    pub fn key(&self) -> (&'a str, &'a str) {
        (self.topic, self.name)
    }

    /// The options as a map: `route`/`nolocal` → `true` when set, `clientid`, and
    /// `selector` with white space normalised. Order and separators no longer matter.
    pub fn canonical(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        if self.route {
            out.insert("route".into(), "true".into());
        }
        if self.nolocal {
            out.insert("nolocal".into(), "true".into());
        }
        if let Some(id) = self.client_id {
            out.insert("clientid".into(), id.to_string());
        }
        if let Some(sel) = self.selector {
            out.insert("selector".into(), canonical_selector(sel));
        }
        out
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DurablesFile<'a> {
    /// In file order; a repeated (topic, name) is kept here too (EMS uses the first).
    pub durables: Vec<Durable<'a>>,
    pub errors: Vec<SyntaxError>,
    /// A (topic, name) defined again.
    pub warnings: Vec<SyntaxError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opt<'a> {
    Route,
    NoLocal,
    ClientId(&'a str),
    Selector(&'a str),
}

impl Opt<'_> {
    fn name(&self) -> &'static str {
        match self {
            Opt::Route => "route",
            Opt::NoLocal => "nolocal",
            Opt::ClientId(_) => "clientid",
            Opt::Selector(_) => "selector",
        }
    }
}

pub fn parse(text: &str) -> DurablesFile<'_> {
    let mut file = DurablesFile::default();
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for line in content_lines(text) {
        let Some((line, trimmed)) = or_record(line, &mut file.errors) else {
            continue;
        };
        let line_span = line.span_of(trimmed);
        match durable(trimmed) {
            Ok((topic, name, opts)) => {
                let mut d = Durable {
                    topic,
                    name,
                    route: false,
                    client_id: None,
                    nolocal: false,
                    selector: None,
                    line_span: line_span.clone(),
                };
                for opt in &opts {
                    match *opt {
                        Opt::Route => d.route = true,
                        Opt::NoLocal => d.nolocal = true,
                        Opt::ClientId(id) => d.client_id = Some(id),
                        Opt::Selector(sel) => d.selector = Some(sel),
                    }
                }
                if !seen.insert((topic, name)) {
                    file.warnings.push(SyntaxError {
                        span: line_span,
                        message: format!(
                            "durable `{name}` on topic `{topic}` is defined again; EMS keeps the earlier definition and warns"
                        ),
                    });
                }
                file.durables.push(d);
            }
            Err(message) => file.errors.push(SyntaxError {
                span: line_span,
                message,
            }),
        }
    }
    file
}

type Parsed<'a> = (&'a str, &'a str, Vec<Opt<'a>>);

fn durable(line: &str) -> Result<Parsed<'_>, String> {
    let head: IResult<&str, (&str, &str)> = (word, space1, word)
        .map(|(topic, _, name)| (topic, name))
        .parse(line);
    let (mut rest, (topic, name)) = match head {
        Ok(ok) => ok,
        Err(_) => {
            return Err(format!(
                "expected `topic-name durable-name [options]`, found only `{}`",
                preview(line)
            ))
        }
    };
    let mut opts: Vec<Opt<'_>> = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let (after, opt) = match option(rest) {
            Ok(ok) => ok,
            Err(_) => return Err(describe_bad_option(rest)),
        };
        if after
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != ',')
        {
            return Err(format!(
                "unexpected `{}` after the `{}` option",
                preview(after),
                opt.name()
            ));
        }
        if matches!(opt, Opt::ClientId("") | Opt::Selector("")) {
            return Err(format!(
                "the `{}` option of durable `{name}` is empty",
                opt.name()
            ));
        }
        if opts.iter().any(|o| o.name() == opt.name()) {
            return Err(format!(
                "the `{}` option is given twice for durable `{name}`",
                opt.name()
            ));
        }
        opts.push(opt);
        rest = after;
    }
    if opts.contains(&Opt::Route) && opts.len() > 1 {
        return Err(format!(
            "durable `{name}` is a `route` durable and also has other options; `route` excludes all other properties"
        ));
    }
    Ok((topic, name, opts))
}

fn word(input: &str) -> IResult<&str, &str> {
    take_till1(|c: char| c.is_whitespace()).parse(input)
}

/// A `"…"` value (the inside) or a run up to the next blank or comma.
fn value(input: &str) -> IResult<&str, &str> {
    if input.starts_with('"') {
        delimited(char('"'), take_until("\""), char('"')).parse(input)
    } else {
        take_till1(|c: char| c.is_whitespace() || c == ',').parse(input)
    }
}

fn assigned<'a>(
    key: &'static str,
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
    (tag_ci(key), space0, char('='), space0, value).map(|(_, _, _, _, v)| v)
}

fn option(input: &str) -> IResult<&str, Opt<'_>> {
    alt((
        tag_ci("route").map(|_| Opt::Route),
        tag_ci("nolocal").map(|_| Opt::NoLocal),
        assigned("clientid").map(Opt::ClientId),
        assigned("selector").map(Opt::Selector),
    ))
    .parse(input)
}

fn describe_bad_option(rest: &str) -> String {
    let lower = rest.to_ascii_lowercase();
    if lower.starts_with("selector") && rest.contains('"') {
        return "the selector's closing `\"` is missing".into();
    }
    if lower.starts_with("selector") || lower.starts_with("clientid") {
        return format!("`{}` needs a value: `name=value`", preview(rest));
    }
    let token: &str = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == '=')
        .next()
        .unwrap_or(rest);
    format!(
        "unknown durable option `{}`; expected route, clientid=…, nolocal or selector=\"…\"",
        preview(token)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_forms() {
        let text = "topic1 name1\ntopic2 dName2 clientid=myId,nolocal\ntopic3 name3 selector=\"urgency in ('high', 'medium')\"\n  t4  n4  route  \n";
        let f = parse(text);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(f.durables.len(), 4);
        let d = &f.durables[0];
        assert_eq!((d.topic, d.name), ("topic1", "name1"));
        assert!(d.canonical().is_empty());
        let d = &f.durables[1];
        assert_eq!(d.client_id, Some("myId"));
        assert!(d.nolocal && !d.route);
        let d = &f.durables[2];
        assert_eq!(d.selector, Some("urgency in ('high', 'medium')"));
        assert_eq!(d.key(), ("topic3", "name3"));
        let d = &f.durables[3];
        assert!(d.route);
        assert_eq!(&text[d.line_span.clone()], "t4  n4  route");
    }

    #[test]
    fn spaces_commas_order_and_selector_spacing_do_not_matter() {
        let a = parse("t n clientid=id,nolocal,selector=\"a = 'x, y'  and b>1\"\n");
        let b = parse("t n   selector = \"a='x, y' AND b > 1\" nolocal  clientid=\"id\"\n");
        assert!(
            a.errors.is_empty() && b.errors.is_empty(),
            "{:?} {:?}",
            a.errors,
            b.errors
        );
        assert_eq!(a.durables[0].canonical(), b.durables[0].canonical());
        let c = a.durables[0].canonical();
        assert_eq!(c["clientid"], "id");
        assert_eq!(c["nolocal"], "true");
        assert_eq!(c["selector"], "a='x, y' AND b>1");
        assert!(!c.contains_key("route"));
    }

    #[test]
    fn option_names_are_case_insensitive_and_values_keep_case() {
        let f = parse("t n ClientID=MyId NOLOCAL\n");
        assert!(f.errors.is_empty());
        assert_eq!(f.durables[0].client_id, Some("MyId"));
        assert!(f.durables[0].nolocal);
    }

    #[test]
    fn route_excludes_other_options() {
        let text = "t n route,nolocal\nt2 n2 route\n";
        let f = parse(text);
        assert_eq!(f.errors.len(), 1);
        assert_eq!(&text[f.errors[0].span.clone()], "t n route,nolocal");
        assert!(f.errors[0].message.contains("excludes"));
        assert_eq!(f.durables.len(), 1);
        assert_eq!(f.durables[0].canonical()["route"], "true");
    }

    #[test]
    fn bad_lines_are_reported_and_parsing_goes_on() {
        let text = "lonely\nt n bogus\nt n selector=\"open\nt n nolocal,nolocal\nt n clientid=\nt n routex\nt n nolocal=1\nok durable\n";
        let f = parse(text);
        let spans: Vec<_> = f.errors.iter().map(|e| &text[e.span.clone()]).collect();
        assert_eq!(
            spans,
            vec![
                "lonely",
                "t n bogus",
                "t n selector=\"open",
                "t n nolocal,nolocal",
                "t n clientid=",
                "t n routex",
                "t n nolocal=1"
            ]
        );
        assert!(f.errors[1]
            .message
            .contains("unknown durable option `bogus`"));
        assert!(f.errors[2].message.contains("closing"));
        assert!(f.errors[3].message.contains("twice"));
        assert!(f.errors[4].message.contains("needs a value"));
        assert_eq!(f.durables.len(), 1);
        assert_eq!(f.durables[0].name, "durable");
    }

    #[test]
    fn comments_blank_lines_crlf() {
        let text = "# c\r\n; c\r\n\r\n  t n nolocal\r\n";
        let f = parse(text);
        assert!(f.errors.is_empty());
        assert_eq!(&text[f.durables[0].line_span.clone()], "t n nolocal");
    }

    #[test]
    fn a_repeated_durable_is_warned() {
        let text = "t n\nt n nolocal\nt other\n";
        let f = parse(text);
        assert_eq!(f.durables.len(), 3);
        assert_eq!(f.warnings.len(), 1);
        assert_eq!(&text[f.warnings[0].span.clone()], "t n nolocal");
    }

    #[test]
    fn never_panics() {
        let long = format!("t n selector=\"{}\"\nt2 n2\n", "x".repeat(300_000));
        let f = parse(&long);
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.durables.len(), 1);
        for s in [
            "\"",
            "t \"",
            "t n \"",
            "t n selector=",
            "t n ,,,",
            "é é é=é",
        ] {
            let _ = parse(s);
        }
        assert!(parse("t n clientid=\"\"").errors[0]
            .message
            .contains("empty"));
        assert!(parse("t n ,,,").errors.is_empty());
    }

    #[test]
    fn corpus_files_parse_cleanly() {
        crate::ems::corpus::assert_parse_clean("durables.conf", |text| parse(text).errors, 3);
    }
}
