//! EMS server URLs (`scheme://[host:]port`) and client URL lists.
//!
//! Forms: `listen = tcp://7222` (no host), `tcp://host:7222`, `ssl://[2001:db8::1]:7243`,
//! `health_check_listen = http://:7220` (empty host)
//! (https://docs.tibco.com/pub/ems/10.4.0/doc/html/users-guide/listen.htm).
//! Lists: `,` joins fault-tolerant members, `+` separates unshared-state groups, `|`
//! load-balanced alternatives
//! (https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-2BA04D2F-E9C6-4651-A986-D6846107734C.html).

use std::fmt;
use std::net::Ipv6Addr;

use crate::ems::host::Host;
use std::ops::Range;

use nom::bytes::complete::{tag, take_till, take_while1};
use nom::character::complete::{char, digit0, multispace0};
use nom::error::{ErrorKind, ParseError};
use nom::multi::separated_list1;
use nom::sequence::delimited;
use nom::{IResult, Parser};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    Tcp,
    Ssl,
    Http,
    Https,
}

impl Scheme {
    /// The lower-case scheme name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Tcp => "tcp",
            Scheme::Ssl => "ssl",
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [Scheme::Tcp, Scheme::Ssl, Scheme::Http, Scheme::Https]
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `scheme://[host:]port` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmsUrl<'a> {
    pub scheme: Scheme,
    /// None when absent or empty; IPv6 without brackets.
    pub host: Option<&'a str>,
    pub port: u16,
    /// Byte range within the string given to the parser.
    pub span: Range<usize>,
}

impl EmsUrl<'_> {
    /// TIBCO: "If localhost is specified, or if the servername is not present, then the server
    /// uses every available interface" (listen.htm above). The unspecified addresses (`0.0.0.0`,
    /// `::` and their other spellings) are counted too (inference: binding them means every
    /// interface). A loopback address (`127.0.0.1`, `::1`) binds the loopback only.
    pub fn listens_on_all_interfaces(&self) -> bool {
        match self.host {
            None => true,
            Some(h) => {
                h.trim_end_matches('.').eq_ignore_ascii_case("localhost")
                    || Host::parse(h) == Host::Unspecified
            }
        }
    }

    /// The host by meaning; `None` when the URL has none.
    pub fn host_meaning(&self) -> Option<Host> {
        self.host.map(Host::parse)
    }
}

impl fmt::Display for EmsUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://", self.scheme)?;
        match self.host {
            Some(h) if h.contains(':') => write!(f, "[{h}]:")?,
            Some(h) => write!(f, "{h}:")?,
            // The documented health-check form is `http://:7220`.
            None if matches!(self.scheme, Scheme::Http | Scheme::Https) => f.write_str(":")?,
            None => {}
        }
        write!(f, "{}", self.port)
    }
}

/// A client/route URL list: `|` separates load-balanced alternatives, `+` unshared-state groups, `,` FT members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlList<'a> {
    /// `alternatives[i]` (split on `|`) → groups (split on `+`) → members (split on `,`).
    pub alternatives: Vec<Vec<Vec<EmsUrl<'a>>>>,
}

impl<'a> UrlList<'a> {
    /// Every URL, in order of appearance.
    pub fn urls(&self) -> impl Iterator<Item = &EmsUrl<'a>> + '_ {
        self.alternatives.iter().flatten().flatten()
    }

    /// More than one `|` alternative.
    pub fn is_load_balanced(&self) -> bool {
        self.alternatives.len() > 1
    }

    /// Any `+` (unshared state).
    pub fn is_unshared(&self) -> bool {
        self.alternatives.iter().any(|groups| groups.len() > 1)
    }

    /// The URL, when the list holds exactly one.
    pub fn single(&self) -> Option<&EmsUrl<'a>> {
        let mut urls = self.urls();
        match (urls.next(), urls.next()) {
            (Some(u), None) => Some(u),
            _ => None,
        }
    }
}

/// Parses one URL; surrounding white space is allowed and left out of the span.
pub fn parse_url(s: &str) -> Result<EmsUrl<'_>, String> {
    let rest = s.trim_start();
    let (rest, url) = url(s, rest).map_err(message)?;
    let rest = rest.trim_start();
    match rest.chars().next() {
        None => Ok(url),
        Some(c) if is_separator(c) => Err(format!(
            "expected one URL, found a list (`{c}` after `{}`)",
            slice(s, &url.span)
        )),
        Some(_) => Err(unexpected_after(s, &url, rest)),
    }
}

/// Parses a URL list; white space around separators is allowed; spans are relative to `s`.
pub fn parse_url_list(s: &str) -> Result<UrlList<'_>, String> {
    let member = |input| url(s, input);
    let group = separated_list1(sep(','), member);
    let alternative = separated_list1(sep('+'), group);
    let mut list = delimited(
        multispace0,
        separated_list1(sep('|'), alternative),
        multispace0,
    );
    let (rest, alternatives) = list.parse(s).map_err(message)?;
    if rest.is_empty() {
        return Ok(UrlList { alternatives });
    }
    let last = alternatives.iter().flatten().flatten().last();
    Err(match last {
        Some(url) => format!(
            "{}; separate URLs with `,`, `+` or `|`",
            unexpected_after(s, url, rest)
        ),
        None => format!("unexpected `{}`", token(rest)),
    })
}

/// A nom error: where parsing stopped and, once known, what is wrong there.
#[derive(Debug)]
struct UrlError<'a> {
    input: &'a str,
    message: Option<String>,
}

impl<'a> ParseError<&'a str> for UrlError<'a> {
    fn from_error_kind(input: &'a str, _: ErrorKind) -> Self {
        UrlError {
            input,
            message: None,
        }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }
}

type Res<'a, O> = IResult<&'a str, O, UrlError<'a>>;

fn fail<'a, O>(input: &'a str, message: String) -> Res<'a, O> {
    Err(nom::Err::Failure(UrlError {
        input,
        message: Some(message),
    }))
}

fn message(err: nom::Err<UrlError<'_>>) -> String {
    match err {
        nom::Err::Error(e) | nom::Err::Failure(e) => e
            .message
            .unwrap_or_else(|| format!("unexpected `{}`", token(e.input))),
        nom::Err::Incomplete(_) => "incomplete URL".to_string(),
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, ',' | '+' | '|')
}

fn is_end(c: char) -> bool {
    is_separator(c) || c.is_whitespace()
}

/// The text up to the next separator or white space, for messages.
fn token(s: &str) -> &str {
    s.split(is_end).next().unwrap_or(s)
}

fn slice<'a>(s: &'a str, span: &Range<usize>) -> &'a str {
    s.get(span.clone()).unwrap_or("")
}

fn unexpected_after(s: &str, url: &EmsUrl<'_>, rest: &str) -> String {
    format!(
        "unexpected `{}` after `{}`",
        token(rest),
        slice(s, &url.span)
    )
}

/// A separator with optional white space around it.
fn sep<'a>(c: char) -> impl Parser<&'a str, Output = char, Error = UrlError<'a>> {
    delimited(multispace0, char(c), multispace0)
}

/// One URL starting at `input`, a suffix of `base`; its span is relative to `base`.
fn url<'a>(base: &'a str, input: &'a str) -> Res<'a, EmsUrl<'a>> {
    let start = base.len().saturating_sub(input.len());
    let whole = token(input);
    let shown = if whole.is_empty() {
        match input.chars().next() {
            Some(c) => format!("`{c}`"),
            None => "the end of the text".to_string(),
        }
    } else {
        format!("`{whole}`")
    };
    let Ok((rest, name)) =
        take_while1::<_, _, UrlError>(|c: char| c.is_ascii_alphabetic()).parse(input)
    else {
        return fail(
            input,
            format!("expected a URL like `tcp://host:7222`, found {shown}"),
        );
    };
    let Ok((rest, _)) = tag::<_, _, UrlError>("://").parse(rest) else {
        return fail(input, format!("missing `://` after `{name}` in {shown}"));
    };
    let Some(scheme) = Scheme::from_name(name) else {
        return fail(input, format!("unknown scheme `{name}` in {shown}"));
    };

    let (rest, host) = if rest.starts_with('[') {
        let bracketed: Res<&str> = delimited(
            char('['),
            take_till(|c: char| c == ']' || is_end(c)),
            char(']'),
        )
        .parse(rest);
        let Ok((rest, addr)) = bracketed else {
            return fail(input, format!("unclosed `[` in {shown}"));
        };
        if addr.parse::<Ipv6Addr>().is_err() {
            return fail(input, format!("invalid IPv6 address `{addr}` in {shown}"));
        }
        let Ok((rest, _)) = char::<_, UrlError>(':').parse(rest) else {
            return fail(input, format!("missing port in {shown}"));
        };
        (rest, Some(addr))
    } else {
        let (after_host, host) = take_till(|c: char| c == ':' || is_end(c)).parse(rest)?;
        match char::<_, UrlError>(':').parse(after_host) {
            Ok((after_colon, _)) => {
                if let Some(bad) = host.chars().find(|c| "/[]@\"'".contains(*c)) {
                    return fail(
                        input,
                        format!("invalid character `{bad}` in host `{host}` of {shown}"),
                    );
                }
                (after_colon, (!host.is_empty()).then_some(host))
            }
            // No `:`: the whole authority must be the port (`tcp://7222`).
            Err(_) if !host.is_empty() && host.bytes().all(|b| b.is_ascii_digit()) => (rest, None),
            Err(_) => return fail(input, format!("missing port in {shown}")),
        }
    };

    let (rest, digits) = digit0(rest)?;
    let (rest, junk) = take_till(is_end).parse(rest)?;
    if !junk.is_empty() {
        let msg = if junk.contains(':') {
            format!("an IPv6 address must be in brackets (`tcp://[::1]:7222`), found {shown}")
        } else if digits.is_empty() {
            format!("port `{junk}` is not a number in {shown}")
        } else {
            format!("unexpected `{junk}` after the port in {shown}")
        };
        return fail(input, msg);
    }
    if digits.is_empty() {
        return fail(input, format!("missing port in {shown}"));
    }
    let port = match digits.parse::<u32>() {
        Ok(p) => u16::try_from(p).ok().filter(|&p| p != 0),
        Err(_) => None,
    };
    let Some(port) = port else {
        return fail(
            input,
            format!("port {digits} out of range (1-65535) in {shown}"),
        );
    };
    let end = base.len().saturating_sub(rest.len());
    Ok((
        rest,
        EmsUrl {
            scheme,
            host,
            port,
            span: start..end,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> EmsUrl<'_> {
        parse_url(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn err(s: &str) -> String {
        match parse_url(s) {
            Ok(u) => panic!("{s} parsed as {u:?}"),
            Err(e) => e,
        }
    }

    fn list_err(s: &str) -> String {
        match parse_url_list(s) {
            Ok(u) => panic!("{s} parsed as {u:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn port_only() {
        let u = ok("tcp://7222");
        assert_eq!((u.scheme, u.host, u.port), (Scheme::Tcp, None, 7222));
        assert_eq!(u.span, 0..10);
        assert!(u.listens_on_all_interfaces());
        assert_eq!(u.to_string(), "tcp://7222");
    }

    #[test]
    fn host_and_port() {
        let u = ok("ssl://server2:7243");
        assert_eq!(
            (u.scheme, u.host, u.port),
            (Scheme::Ssl, Some("server2"), 7243)
        );
        assert!(!u.listens_on_all_interfaces());
        assert_eq!(u.to_string(), "ssl://server2:7243");
    }

    #[test]
    fn empty_host_for_health_check() {
        let u = ok("http://:7220");
        assert_eq!((u.scheme, u.host, u.port), (Scheme::Http, None, 7220));
        assert!(u.listens_on_all_interfaces());
        assert_eq!(u.to_string(), "http://:7220");
        let u = ok("https://localhost:7221");
        assert_eq!(u.scheme, Scheme::Https);
        assert_eq!(u.to_string(), "https://localhost:7221");
    }

    #[test]
    fn scheme_is_case_insensitive_and_displayed_lower_case() {
        let u = ok("TCP://MyHost.Example.COM.:7222");
        assert_eq!(u.scheme, Scheme::Tcp);
        assert_eq!(u.host, Some("MyHost.Example.COM."));
        assert_eq!(
            u.host_meaning(),
            Some(Host::Name("myhost.example.com".into()))
        );
        assert_eq!(u.to_string(), "tcp://MyHost.Example.COM.:7222");
        assert_eq!(ok("Ssl://h:1").scheme, Scheme::Ssl);
    }

    #[test]
    fn ipv6_in_brackets() {
        let s = "ssl://[2001:db8::1]:7243";
        let u = ok(s);
        assert_eq!(u.host, Some("2001:db8::1"));
        assert_eq!(u.port, 7243);
        assert_eq!(u.to_string(), s);
        assert_eq!(&s[u.span], s);
        assert!(ok("tcp://[::]:7222").listens_on_all_interfaces());
        assert_eq!(
            ok("tcp://[2001:CAFE::107]:7222").host_meaning(),
            Some(Host::parse("2001:cafe::107"))
        );
    }

    #[test]
    fn localhost_and_wildcards_mean_all_interfaces() {
        assert!(ok("tcp://localhost:7222").listens_on_all_interfaces());
        assert!(ok("tcp://LocalHost.:7222").listens_on_all_interfaces());
        assert!(ok("http://0.0.0.0:7220").listens_on_all_interfaces());
        assert!(!ok("tcp://127.0.0.1:7222").listens_on_all_interfaces());
        assert!(!ok("tcp://[::1]:7222").listens_on_all_interfaces());
    }

    #[test]
    fn surrounding_white_space_is_outside_the_span() {
        let s = "  \ttcp://host:7222 \t";
        let u = ok(s);
        assert_eq!(&s[u.span.clone()], "tcp://host:7222");
        assert_eq!(u.span, 3..18);
    }

    #[test]
    fn template_placeholders_as_hosts_are_accepted() {
        let u = ok("tcp://${EMSServer1NIC.PrimaryPrivateIpAddress}:7222");
        assert_eq!(u.host, Some("${EMSServer1NIC.PrimaryPrivateIpAddress}"));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(err("tcp://host").contains("missing port"));
        assert!(err("tcp://host:").contains("missing port"));
        assert!(err("tcp://").contains("missing port"));
        assert!(err("tcp://[::1]").contains("missing port"));
        assert!(err("udp://host:7222").contains("unknown scheme `udp`"));
        assert!(err("tcp://host:99999").contains("port 99999 out of range"));
        assert!(err("tcp://host:0").contains("port 0 out of range"));
        assert!(err("tcp://host:123456789012345678901234567890").contains("out of range"));
        assert!(err("tcp://localhost:TCP_PORT").contains("port `TCP_PORT` is not a number"));
        assert!(err("tcp://host:7222/path").contains("unexpected `/path` after the port"));
        assert!(err("tcp://2001:db8::1:7222").contains("in brackets"));
        assert!(err("tcp://::1:7222").contains("in brackets"));
        assert!(err("tcp://[2001:db8::1:7222").contains("unclosed `[`"));
        assert!(err("tcp://[not-ip]:7222").contains("invalid IPv6 address `not-ip`"));
        assert!(err("tcp://user@host:7222").contains("invalid character `@`"));
        assert!(err("tcp:/host:7222").contains("missing `://`"));
        assert!(err("7222").contains("expected a URL"));
        assert!(err("").contains("the end of the text"));
        assert!(err("   ").contains("the end of the text"));
        assert!(err("tcp://a:1,tcp://b:2").contains("found a list"));
        assert!(err("tcp://a:1 tcp://b:2").contains("unexpected `tcp://b:2`"));
        assert!(err("tcp://<%= x %>:7222").contains("missing port"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "é://x:1",
            "tcp://é:1",
            "tcp://[é]:1",
            "tcp://h:1é",
            "[",
            "]",
            ":",
            "://",
            "tcp:",
            "tcp://[",
            "tcp://[]:1",
            "tcp://:",
            "|",
            ",",
            "+",
            "tcp://h:1,",
            "|tcp://h:1",
        ] {
            let _ = parse_url(s);
            let _ = parse_url_list(s);
        }
    }

    #[test]
    fn single_url_list() {
        let s = "tcp://7222";
        let l = parse_url_list(s).unwrap();
        assert_eq!(l.single().map(|u| u.port), Some(7222));
        assert!(!l.is_load_balanced());
        assert!(!l.is_unshared());
    }

    #[test]
    fn ft_pair_with_spaces_around_the_comma() {
        let s = " tcp://server0:7222 ,  tcp://server1:7344 ";
        let l = parse_url_list(s).unwrap();
        assert_eq!(l.alternatives.len(), 1);
        assert_eq!(l.alternatives[0].len(), 1);
        let members = &l.alternatives[0][0];
        assert_eq!(members.len(), 2);
        assert_eq!(&s[members[0].span.clone()], "tcp://server0:7222");
        assert_eq!(&s[members[1].span.clone()], "tcp://server1:7344");
        assert!(l.single().is_none());
        assert!(!l.is_unshared());
    }

    #[test]
    fn duplicated_single_url_for_reconnect() {
        let l = parse_url_list("tcp://localhost:7222,tcp://localhost:7222").unwrap();
        let urls: Vec<_> = l.urls().collect();
        assert_eq!(urls.len(), 2);
        assert_eq!(urls[0].host, urls[1].host);
        assert_ne!(urls[0].span, urls[1].span);
    }

    #[test]
    fn dual_state() {
        let s = "tcp://a1:8222,tcp://a2:8222+tcp://b1:8222,tcp://b2:8222";
        let l = parse_url_list(s).unwrap();
        assert!(l.is_unshared());
        assert!(!l.is_load_balanced());
        let groups = &l.alternatives[0];
        assert_eq!(groups.len(), 2);
        let hosts: Vec<Vec<_>> = groups
            .iter()
            .map(|g| g.iter().map(|u| &s[u.span.clone()]).collect())
            .collect();
        assert_eq!(
            hosts,
            vec![
                vec!["tcp://a1:8222", "tcp://a2:8222"],
                vec!["tcp://b1:8222", "tcp://b2:8222"]
            ]
        );
    }

    #[test]
    fn unshared_with_spaces() {
        let s = "tcp://server0:7222 + tcp://server1:7344";
        let l = parse_url_list(s).unwrap();
        assert!(l.is_unshared());
        let spans: Vec<_> = l.urls().map(|u| &s[u.span.clone()]).collect();
        assert_eq!(spans, ["tcp://server0:7222", "tcp://server1:7344"]);
    }

    #[test]
    fn load_balancing() {
        let s = "tcp://h1:7222|tcp://h2:7222 | ssl://[::1]:7243,ssl://h4:7243";
        let l = parse_url_list(s).unwrap();
        assert!(l.is_load_balanced());
        assert!(!l.is_unshared());
        assert_eq!(l.alternatives.len(), 3);
        assert_eq!(l.alternatives[2][0].len(), 2);
        let spans: Vec<_> = l.urls().map(|u| &s[u.span.clone()]).collect();
        assert_eq!(
            spans,
            [
                "tcp://h1:7222",
                "tcp://h2:7222",
                "ssl://[::1]:7243",
                "ssl://h4:7243"
            ]
        );
    }

    #[test]
    fn list_errors() {
        assert!(list_err("").contains("expected a URL"));
        assert!(list_err("tcp://a:1,").contains("the end of the text"));
        assert!(list_err("tcp://a:1,,tcp://b:2").contains("found `,`"));
        assert!(list_err("tcp://a:1 tcp://b:2").contains("separate URLs with"));
        assert!(list_err("tcp://a:1,tcp://b").contains("missing port in `tcp://b`"));
        assert!(list_err("tcp://a:1|udp://b:2").contains("unknown scheme `udp`"));
        assert!(list_err("tcp://a:1 ; x").contains("unexpected `;`"));
    }
}
