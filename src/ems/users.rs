//! `users.conf`: one user per line, `name:password:description`.
//!
//! Format: https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-54D7EE98-6D67-4505-A57F-304BEB9FE19F.html
//! - The password field is opaque (empty until set with the admin tool, else a hash such as
//!   `$2$salt$hash` whose scheme is not public).
//! - The description may be quoted (`"Bob Smith"`, the docs) or not (`Main Server`, TIBCO's
//!   own sample); it may contain `:`, so only the first two colons split.
//! - Both colons are required: every documented and sample line has them, even with an empty
//!   password and description (`bob::`), and with one colon it is unknown whether the second
//!   field is a password or a description.
//! - A user name "cannot contain colon" (naming conventions:
//!   https://docs.tibco.com/pub/ems/8.7.0/doc/html/users-guide/naming-conventions.htm); it is
//!   at most 255 characters. White space in a name is reported: nothing documents it and a
//!   stray space would make the name differ from the `server` it must match.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use nom::bytes::complete::take_till;
use nom::character::complete::char;
use nom::{IResult, Parser};

use crate::ems::lines::{capacity, lines, Line, SyntaxError};

/// Longest user name EMS accepts, in characters.
pub const MAX_NAME_LEN: usize = 255;

/// One user line.
#[derive(Clone, PartialEq, Eq)]
pub struct User<'a> {
    pub name: &'a str,
    pub name_span: Range<usize>,
    /// The password field as written; may be "". Never print it.
    pub password: &'a str,
    pub password_span: Range<usize>,
    /// Without surrounding white space and quotes.
    pub description: &'a str,
    pub line_span: Range<usize>,
}

impl fmt::Debug for User<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let password = if self.password.is_empty() {
            "<empty>"
        } else {
            "<set>"
        };
        f.debug_struct("User")
            .field("name", &self.name)
            .field("name_span", &self.name_span)
            .field("password", &format_args!("{password}"))
            .field("password_span", &self.password_span)
            .field("description", &self.description)
            .field("line_span", &self.line_span)
            .finish()
    }
}

/// The users of one file, and the lines that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsersFile<'a> {
    pub users: Vec<User<'a>>,
    pub errors: Vec<SyntaxError>,
}

impl<'a> UsersFile<'a> {
    /// The first definition of `name` (case-sensitive).
    ///
    /// Which duplicate EMS keeps is not documented; the first wins here, as EMS documents for
    /// conflicting durables.conf entries ("keeps the earliest specification"):
    /// https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-65F9AC62-C78E-411D-A7B0-50485812CE71.html
    pub fn get(&self, name: &str) -> Option<&User<'a>> {
        self.users.iter().find(|u| u.name == name)
    }

    /// `(first, later)` for every later definition of an already defined name.
    pub fn duplicates(&self) -> Vec<(&User<'a>, &User<'a>)> {
        let mut first_of: HashMap<&str, &User<'a>> = HashMap::new();
        let mut pairs = Vec::new();
        for user in &self.users {
            match first_of.get(user.name) {
                Some(first) => pairs.push((*first, user)),
                None => {
                    first_of.insert(user.name, user);
                }
            }
        }
        pairs
    }
}

/// Parses a whole users.conf text (without BOM); bad lines become errors.
pub fn parse(text: &str) -> UsersFile<'_> {
    let mut file = UsersFile {
        users: Vec::with_capacity(capacity(text)),
        errors: Vec::new(),
    };
    for line in lines(text) {
        if let Some(e) = line.too_long() {
            file.errors.push(e);
            continue;
        }
        let trimmed = line.trimmed();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        match parse_line(&line) {
            Ok((user, description_error)) => {
                file.users.push(user);
                file.errors.extend(description_error);
            }
            Err(e) => file.errors.push(e),
        }
    }
    file.users.shrink_to_fit();
    file
}

/// `name:password:rest`, split on the first two colons.
fn fields(text: &str) -> IResult<&str, (&str, &str)> {
    let field = || take_till(|c| c == ':');
    let (rest, (name, _, password, _)) = (field(), char(':'), field(), char(':')).parse(text)?;
    Ok((rest, (name, password)))
}

/// A user, plus an error when only its description is malformed (the user is still kept).
fn parse_line<'a>(line: &Line<'a>) -> Result<(User<'a>, Option<SyntaxError>), SyntaxError> {
    let error = |span: Range<usize>, message: String| SyntaxError { span, message };
    let Ok((rest, (name, password))) = fields(line.text) else {
        return Err(error(
            line.span(),
            "expected `name:password:description` (two `:`, even when the password and \
             description are empty)"
                .to_string(),
        ));
    };
    let name_span = line.span_of(name);
    if name.trim().is_empty() {
        return Err(error(name_span, "empty user name".to_string()));
    }
    if name.chars().any(char::is_whitespace) {
        return Err(error(
            name_span,
            format!("user name `{name}` contains white space"),
        ));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_LEN {
        return Err(error(
            name_span,
            format!("user name is {chars} characters long; EMS allows at most {MAX_NAME_LEN}"),
        ));
    }
    let raw = rest.trim();
    let (description, description_error) = match raw.strip_prefix('"') {
        Some(inner) => match inner.strip_suffix('"') {
            Some(inner) => (inner, None),
            None => (
                raw,
                Some(error(
                    line.span_of(raw),
                    "description has an opening `\"` but no closing one".to_string(),
                )),
            ),
        },
        None => (raw, None),
    };
    let user = User {
        name,
        name_span,
        password,
        password_span: line.span_of(password),
        description,
        line_span: line.span(),
    };
    Ok((user, description_error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice<'a>(text: &'a str, span: &Range<usize>) -> &'a str {
        &text[span.clone()]
    }

    #[test]
    fn semicolon_lines_are_comments_as_in_every_conf_file() {
        let f = parse("; users of the pair\nadmin::Administrator\n  ; indented\n");
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(f.users.len(), 1);
    }

    #[test]
    fn sample_lines_unquoted_descriptions() {
        let text = "admin::Administrator\n\n# These are for establishing secure routes\n\
                    EMS-SERVER::Main Server\nEMS-SERVER2::Route Server";
        let f = parse(text);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        let got: Vec<_> = f
            .users
            .iter()
            .map(|u| (u.name, u.password, u.description))
            .collect();
        assert_eq!(
            got,
            [
                ("admin", "", "Administrator"),
                ("EMS-SERVER", "", "Main Server"),
                ("EMS-SERVER2", "", "Route Server"),
            ]
        );
        let last = &f.users[2];
        assert_eq!(slice(text, &last.line_span), "EMS-SERVER2::Route Server");
        assert_eq!(slice(text, &last.name_span), "EMS-SERVER2");
        assert_eq!(last.password_span.len(), 0);
        assert_eq!(last.password_span.start, last.name_span.end + 1);
    }

    #[test]
    fn quoted_descriptions_and_hashes_from_the_docs() {
        let text = "admin:$1$urmKVgq78:\"Administrator\"\nBob:$2$sldfkj;lsafd:\"Bob Smith\"\n\
                    bob::\"Bob Smith\"\n";
        let f = parse(text);
        assert!(f.errors.is_empty());
        assert_eq!(f.users[0].password, "$1$urmKVgq78");
        assert_eq!(slice(text, &f.users[0].password_span), "$1$urmKVgq78");
        assert_eq!(f.users[0].description, "Administrator");
        assert_eq!(f.users[1].password, "$2$sldfkj;lsafd");
        assert_eq!(f.users[1].description, "Bob Smith");
        assert_eq!(f.users[2].password, "");
        // Names are case-sensitive.
        assert_eq!(f.get("Bob").map(|u| u.password), Some("$2$sldfkj;lsafd"));
        assert_eq!(f.get("bob").map(|u| u.password), Some(""));
        assert!(f.get("BOB").is_none());
    }

    #[test]
    fn description_may_contain_colons_and_the_password_dollars() {
        let text = "EMS-SERVER:$2$pYURmRqC$nmcEJJMf58ZFM43Sx0zhqnry:Main: the \"primary\"\n";
        let f = parse(text);
        let u = &f.users[0];
        assert_eq!(u.password, "$2$pYURmRqC$nmcEJJMf58ZFM43Sx0zhqnry");
        assert_eq!(u.description, "Main: the \"primary\"");
        let text = "x::\"a:b:c\"";
        assert_eq!(parse(text).users[0].description, "a:b:c");
    }

    #[test]
    fn empty_and_blank_descriptions() {
        let text = "admin::\nroot:$2$h:   \nq::\"\"\n";
        let f = parse(text);
        assert!(f.errors.is_empty());
        let got: Vec<_> = f.users.iter().map(|u| (u.name, u.description)).collect();
        assert_eq!(got, [("admin", ""), ("root", ""), ("q", "")]);
    }

    #[test]
    fn trailing_white_space_and_crlf() {
        let text = "admin::Administrator\r\nEMS-SERVER2::Route Server        \r\n";
        let f = parse(text);
        assert!(f.errors.is_empty());
        assert_eq!(f.users[0].description, "Administrator");
        assert_eq!(f.users[1].description, "Route Server");
        assert_eq!(
            slice(text, &f.users[1].line_span),
            "EMS-SERVER2::Route Server        "
        );
        assert_eq!(f.users[1].line_span.start, 22);
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let text = "# bob::Bob Doe\n   # indented comment\n\t\n\nadmin::A\n";
        let f = parse(text);
        assert!(f.errors.is_empty());
        assert_eq!(f.users.len(), 1);
    }

    #[test]
    fn lines_without_two_colons_are_errors_and_parsing_goes_on() {
        let text = "admin\nbob:secret\nok::fine\n";
        let f = parse(text);
        assert_eq!(f.users.len(), 1);
        assert_eq!(f.users[0].name, "ok");
        assert_eq!(f.errors.len(), 2);
        assert_eq!(slice(text, &f.errors[0].span), "admin");
        assert_eq!(slice(text, &f.errors[1].span), "bob:secret");
        for e in &f.errors {
            assert!(e.message.contains("name:password:description"));
            assert!(!e.message.contains("secret"));
        }
    }

    #[test]
    fn bad_names_are_errors() {
        let text = "::desc\n   :pw:desc\nbad name::x\n admin::x\nadmin ::x\ngood::x\n";
        let f = parse(text);
        assert_eq!(f.users.len(), 1);
        assert_eq!(f.users[0].name, "good");
        let got: Vec<_> = f
            .errors
            .iter()
            .map(|e| (slice(text, &e.span), e.message.as_str()))
            .collect();
        assert_eq!(got[0], ("", "empty user name"));
        assert_eq!(got[1], ("   ", "empty user name"));
        assert_eq!(got[2].0, "bad name");
        assert!(got[2].1.contains("white space"));
        assert_eq!(got[3].0, " admin");
        assert_eq!(got[4].0, "admin ");
        assert_eq!(got.len(), 5);
        for e in &f.errors {
            assert!(!e.message.contains("pw"));
        }
    }

    #[test]
    fn overlong_name_is_an_error() {
        let ok = format!("{}::x", "a".repeat(MAX_NAME_LEN));
        assert!(parse(&ok).errors.is_empty());
        let long = format!("{}::x", "é".repeat(MAX_NAME_LEN + 1));
        let f = parse(&long);
        assert!(f.users.is_empty());
        assert!(f.errors[0].message.contains("256 characters"));
        assert_eq!(f.errors[0].span, 0..2 * (MAX_NAME_LEN + 1));
    }

    #[test]
    fn overlong_line_is_an_error() {
        let text = format!("a::{}\nb::x\n", "d".repeat(crate::ems::lines::MAX_LINE_LEN));
        let f = parse(&text);
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.users.len(), 1);
        assert_eq!(f.users[0].name, "b");
    }

    #[test]
    fn unclosed_quote_keeps_the_user_and_reports_the_description() {
        let text = "bob::\"Bob Smith\nnext::x\n";
        let f = parse(text);
        assert_eq!(f.users.len(), 2);
        assert_eq!(f.users[0].description, "\"Bob Smith");
        assert_eq!(f.errors.len(), 1);
        assert_eq!(slice(text, &f.errors[0].span), "\"Bob Smith");
        assert!(f.errors[0].message.contains("closing"));
    }

    #[test]
    fn duplicates_and_first_definition_wins() {
        let text = "a::1\nb::x\na:$2$h:2\nc::\na::3\n";
        let f = parse(text);
        assert_eq!(f.get("a").map(|u| u.description), Some("1"));
        let dups: Vec<_> = f
            .duplicates()
            .iter()
            .map(|(first, later)| (first.description, later.description))
            .collect();
        assert_eq!(dups, [("1", "2"), ("1", "3")]);
        assert!(parse("a::\nb::\n").duplicates().is_empty());
    }

    #[test]
    fn debug_never_prints_the_password() {
        let f = parse("EMS-SERVER:$2$hunter2hash:x\nadmin::y\n");
        let debug = format!("{f:?} {:#?}", f.users);
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("<set>"));
        assert!(debug.contains("<empty>"));
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            ":",
            "::",
            ":::",
            "\"",
            "a::\"",
            "\u{feff}a::",
            "é:é:é\r",
            "\r\n\r\n",
            "a\0::",
        ] {
            let _ = parse(text);
        }
    }

    #[test]
    fn corpus_files_parse() {
        let Some(files) =
            crate::ems::corpus::files(|n| matches!(n, "users.conf" | "users.conf.erb"))
        else {
            eprintln!("EMSFTLINT_CORPUS unset; skipping");
            return;
        };
        assert!(!files.is_empty(), "no users.conf in the corpus");
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let f = parse(text);
            eprintln!(
                "{}: {} users, {} errors",
                path.display(),
                f.users.len(),
                f.errors.len()
            );
            for e in &f.errors {
                eprintln!("  {:?}: {}", &text[e.span.clone()], e.message);
            }
            assert!(!f.users.is_empty(), "{}", path.display());
            if path.extension().is_some_and(|e| e == "erb") {
                // ERB tags `<%= … %>` contain spaces, so templated names are reported.
                assert!(f.errors.iter().all(|e| e.message.contains("white space")));
            } else {
                assert!(f.errors.is_empty(), "{}: {:?}", path.display(), f.errors);
            }
        }
    }
}
