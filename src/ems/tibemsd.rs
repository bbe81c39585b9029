//! `tibemsd.conf`: `name = value` lines.
//!
//! TIBCO's header comment of the sample file: "All parameters follow 'name = value' syntax",
//! "Each parameter must be in one line", "If value is empty then parameter is ignored",
//! "Lines starting with # or ; as well as empty lines are ignored" (formats.md §0).

use std::ops::Range;

use nom::bytes::complete::take_while1;
use nom::character::complete::{char, space0};
use nom::{IResult, Parser};

use crate::ems::lines::{lines, Line, SyntaxError};

/// One `name = value` line. The main file is small, so values are owned.
#[derive(Clone, PartialEq, Eq)]
pub struct Param {
    /// The name as written.
    pub key: String,
    /// The name in lower case: EMS's names are lower case, files are read case-insensitively.
    pub name: String,
    /// The value without surrounding white space and one pair of double quotes; "" = absent.
    pub value: String,
    pub key_span: Range<usize>,
    pub value_span: Range<usize>,
    pub line_span: Range<usize>,
}

impl std::fmt::Debug for Param {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Values may be passwords: a Param is never printed with its value.
        f.debug_struct("Param")
            .field("key", &self.key)
            .field("line_span", &self.line_span)
            .finish_non_exhaustive()
    }
}

impl Param {
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }
}

#[derive(Debug, Default)]
pub struct TibemsdConf {
    /// Every parameter line in file order, empty ones included.
    pub params: Vec<Param>,
    pub errors: Vec<SyntaxError>,
}

impl TibemsdConf {
    /// Every line that names `name` (lower case), in file order.
    pub fn all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Param> + 's {
        self.params.iter().filter(move |p| p.name == name)
    }

    /// The value in force: the last non-empty occurrence.
    pub fn get(&self, name: &str) -> Option<&Param> {
        self.params
            .iter()
            .rev()
            .find(|p| p.name == name && !p.is_empty())
    }

    /// Every non-empty occurrence, for additive parameters such as `listen`.
    pub fn values<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Param> + 's {
        self.all(name).filter(|p| !p.is_empty())
    }
}

pub fn parse(text: &str) -> TibemsdConf {
    let mut conf = TibemsdConf::default();
    for line in lines(text) {
        if let Some(error) = line.too_long() {
            conf.errors.push(error);
            continue;
        }
        let trimmed = line.trimmed();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        match param_line(trimmed) {
            Ok((value, key)) => conf.params.push(param(&line, key, value)),
            Err(_) => conf.errors.push(SyntaxError {
                span: line.span_of(trimmed),
                message: describe_bad_line(trimmed),
            }),
        }
    }
    conf
}

/// `name` `=` and the rest of the line as the raw value.
fn param_line(input: &str) -> IResult<&str, &str> {
    let (rest, (key, _, _)) = (
        take_while1(|c: char| !c.is_whitespace() && c != '='),
        space0,
        char('='),
    )
        .parse(input)?;
    Ok((rest, key))
}

fn param(line: &Line<'_>, key: &str, raw_value: &str) -> Param {
    let trimmed = raw_value.trim();
    let value = match trimmed.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) if trimmed.len() >= 2 => inner,
        _ => trimmed,
    };
    let value_span = line.span_of(value);
    Param {
        key: key.to_string(),
        name: key.to_ascii_lowercase(),
        value: value.to_string(),
        key_span: line.span_of(key),
        value_span,
        line_span: line.span_of(line.text.trim_end()),
    }
}

fn describe_bad_line(line: &str) -> String {
    match line.split_once('=') {
        Some((key, _)) if key.trim().is_empty() => "a parameter line has no name before `=`".into(),
        Some((key, _)) => format!(
            "`{}` is not a parameter name: names have no spaces (`name = value`)",
            key.trim()
        ),
        // The line is not quoted: it may be a password written without its `=`.
        None => "expected `name = value`; this line has no `=`".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_name_value_with_and_without_spaces() {
        let conf = parse("server = EMS-SERVER\nlisten=tcp://7222\n  ft_heartbeat   =   3   \n");
        let got: Vec<_> = conf
            .params
            .iter()
            .map(|p| (p.name.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("server", "EMS-SERVER"),
                ("listen", "tcp://7222"),
                ("ft_heartbeat", "3")
            ]
        );
        assert!(conf.errors.is_empty());
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let conf = parse("# a\n; b\n   # c\n\n\t\nserver = x\n");
        assert_eq!(conf.params.len(), 1);
        assert!(conf.errors.is_empty());
    }

    #[test]
    fn empty_value_means_absent_and_last_non_empty_wins() {
        let conf = parse("ft_active =\nft_active = tcp://b:7222\nft_active =\n");
        assert_eq!(conf.all("ft_active").count(), 3);
        assert_eq!(conf.get("ft_active").unwrap().value, "tcp://b:7222");
        assert_eq!(conf.values("ft_active").count(), 1);
    }

    #[test]
    fn one_pair_of_quotes_is_stripped_and_spans_point_inside() {
        let text = "users = \"/opt/tibco/ems/users.conf\"\nldap = \"\"x\"\"\nq = \"\n";
        let conf = parse(text);
        assert_eq!(conf.params[0].value, "/opt/tibco/ems/users.conf");
        assert_eq!(
            &text[conf.params[0].value_span.clone()],
            "/opt/tibco/ems/users.conf"
        );
        assert_eq!(conf.params[1].value, "\"x\"");
        assert_eq!(conf.params[2].value, "\"");
        assert_eq!(conf.get("ldap").unwrap().value, "\"x\"");
    }

    #[test]
    fn quoted_empty_value_is_absent() {
        let conf = parse("logfile = \"\"\n");
        assert!(conf.get("logfile").is_none());
    }

    #[test]
    fn keys_are_read_case_insensitively_but_kept_as_written() {
        let conf = parse("Server = X\n");
        assert_eq!(conf.get("server").unwrap().key, "Server");
    }

    #[test]
    fn crlf_lines_have_no_carriage_return_in_values() {
        let text = "server = A\r\nlisten = tcp://7222\r\n";
        let conf = parse(text);
        assert_eq!(conf.get("server").unwrap().value, "A");
        assert_eq!(
            &text[conf.params[1].line_span.clone()],
            "listen = tcp://7222"
        );
    }

    #[test]
    fn lines_without_equals_are_syntax_errors_and_parsing_goes_on() {
        let text = "server = A\nthis is not a parameter\n= 5\nft active = x\nlisten = tcp://7222\n";
        let conf = parse(text);
        assert_eq!(conf.params.len(), 2);
        assert_eq!(conf.errors.len(), 3);
        assert_eq!(
            &text[conf.errors[0].span.clone()],
            "this is not a parameter"
        );
        assert!(conf.errors[0].message.contains("no `=`"));
        assert!(conf.errors[1].message.contains("no name"));
        assert!(conf.errors[2].message.contains("`ft active`"));
    }

    #[test]
    fn a_huge_line_is_a_syntax_error() {
        let text = format!(
            "server = A\nx = {}\nlisten = tcp://1\n",
            "y".repeat(300_000)
        );
        let conf = parse(&text);
        assert_eq!(conf.params.len(), 2);
        assert_eq!(conf.errors.len(), 1);
    }

    #[test]
    fn binary_garbage_never_panics() {
        let text =
            String::from_utf8_lossy(&[0, 159, 146, 150, b'=', b'\n', 0xff, b'=', 0]).into_owned();
        let conf = parse(&text);
        assert_eq!(conf.params.len() + conf.errors.len(), 2);
    }

    #[test]
    fn debug_never_prints_values() {
        let conf = parse("password = hunter2\n");
        assert!(!format!("{conf:?}").contains("hunter2"));
    }
}
