//! `groups.conf`: a header line `name:"description"` per group, then its member user names on
//! the following indented lines.
//!
//! Format: <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-3B809C03-3375-41F1-8C02-80C5183585A7.html>.
//! Only the leading space or tab tells a member line from a header. The description's quotes are
//! optional (TIBCO's own sample writes `engineering:Software Developers` and `RELEASE:`).

use std::collections::BTreeSet;
use std::ops::Range;

use nom::bytes::complete::take_till;
use nom::character::complete::char;
use nom::combinator::rest;
use nom::{IResult, Parser};

use crate::ems::lines::{lines, Line, SyntaxError};

/// Longest group name EMS accepts, in characters.
pub const MAX_NAME_LEN: usize = 255;

/// One member line: a user name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member<'a> {
    pub name: &'a str,
    pub span: Range<usize>,
}

/// One group: its header and the members listed under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group<'a> {
    /// As written, `$` included (`$admin` is the predefined administrators group).
    pub name: &'a str,
    pub name_span: Range<usize>,
    /// Without the surrounding double quotes, if any; may be empty.
    pub description: &'a str,
    pub header_span: Range<usize>,
    pub members: Vec<Member<'a>>,
}

impl<'a> Group<'a> {
    /// The member names as a set: the canonical value of a group, where order and repeats do
    /// not matter.
    pub fn member_set(&self) -> BTreeSet<&'a str> {
        self.members.iter().map(|m| m.name).collect()
    }
}

/// A parsed `groups.conf`. A group whose header is bad is left out, members and all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupsFile<'a> {
    pub groups: Vec<Group<'a>>,
    pub errors: Vec<SyntaxError>,
}

impl<'a> GroupsFile<'a> {
    /// The last group with this name (names compare exactly).
    pub fn group(&self, name: &str) -> Option<&Group<'a>> {
        self.groups.iter().rev().find(|g| g.name == name)
    }
}

/// Where member lines go.
enum Current {
    /// No header seen yet: a member line is an error.
    Nothing,
    /// Index into `groups`.
    Group(usize),
    /// The last header was bad; its members are skipped without further errors.
    Broken,
}

/// Parses the whole text of a `groups.conf` file.
pub fn parse(text: &str) -> GroupsFile<'_> {
    let mut file = GroupsFile::default();
    let mut current = Current::Nothing;
    for line in lines(text) {
        let body = without_bom(&line);
        let trimmed = body.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        let indented = body.starts_with([' ', '\t']);
        if let Some(error) = line.too_long() {
            file.errors.push(error);
            if !indented {
                current = Current::Broken;
            }
            continue;
        }
        if indented {
            let member = Member {
                name: trimmed,
                span: line.span_of(trimmed),
            };
            match current {
                Current::Group(index) => {
                    if let Some(group) = file.groups.get_mut(index) {
                        group.members.push(member);
                    }
                }
                Current::Nothing => file.errors.push(SyntaxError {
                    span: member.span,
                    message: format!(
                        "member `{trimmed}` comes before any group header; a header \
                         (`name:\"description\"`) starts at the beginning of the line"
                    ),
                }),
                Current::Broken => {}
            }
            continue;
        }
        match header(&line, trimmed) {
            Ok(group) => {
                file.groups.push(group);
                current = Current::Group(file.groups.len() - 1);
            }
            Err(error) => {
                file.errors.push(error);
                current = Current::Broken;
            }
        }
    }
    file
}

/// The line's text without a UTF-8 byte order mark at the start of the file.
fn without_bom<'a>(line: &Line<'a>) -> &'a str {
    if line.start == 0 {
        line.text.strip_prefix('\u{feff}').unwrap_or(line.text)
    } else {
        line.text
    }
}

fn name_and_description(input: &str) -> IResult<&str, (&str, &str)> {
    (take_till(|c| c == ':'), char(':'), rest)
        .map(|(name, _, description)| (name, description))
        .parse(input)
}

fn header<'a>(line: &Line<'a>, trimmed: &'a str) -> Result<Group<'a>, SyntaxError> {
    let span = line.span_of(trimmed);
    let Ok((_, (name, description))) = name_and_description(trimmed) else {
        return Err(SyntaxError {
            span,
            message: format!(
                "`{trimmed}` is neither a group header (`name:\"description\"`) nor an indented \
                 member name"
            ),
        });
    };
    let name = name.trim_end();
    if name.is_empty() {
        return Err(SyntaxError {
            span,
            message: "group name is empty (was `$admin` eaten by a shell expanding `$admin`?)"
                .to_string(),
        });
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_LEN {
        return Err(SyntaxError {
            span: line.span_of(name),
            message: format!(
                "group name is {chars} characters long; EMS allows at most {MAX_NAME_LEN}"
            ),
        });
    }
    let description = description.trim();
    let description = description
        .strip_prefix('"')
        .and_then(|d| d.strip_suffix('"'))
        .unwrap_or(description);
    Ok(Group {
        name,
        name_span: line.span_of(name),
        description,
        header_span: span,
        members: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names<'a>(file: &GroupsFile<'a>) -> Vec<(&'a str, Vec<&'a str>)> {
        file.groups
            .iter()
            .map(|g| (g.name, g.members.iter().map(|m| m.name).collect()))
            .collect()
    }

    #[test]
    fn tibco_sample_dollar_admin_with_two_space_members() {
        let text = "# comment\n\n$admin:\"Administrators\"\n  admin\n";
        let file = parse(text);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        assert_eq!(names(&file), vec![("$admin", vec!["admin"])]);
        let g = &file.groups[0];
        assert_eq!(g.description, "Administrators");
        assert_eq!(&text[g.name_span.clone()], "$admin");
        assert_eq!(&text[g.header_span.clone()], "$admin:\"Administrators\"");
        assert_eq!(&text[g.members[0].span.clone()], "admin");
    }

    #[test]
    fn unquoted_empty_and_spaced_descriptions() {
        let text = "engineering:Software Developers\n\tbob\n  mary\nRELEASE:\n  r1\n\
                    administrators: \"TIBCO EMS administrators\"\n   admin\n";
        let file = parse(text);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        let d: Vec<_> = file.groups.iter().map(|g| g.description).collect();
        assert_eq!(
            d,
            vec!["Software Developers", "", "TIBCO EMS administrators"]
        );
        assert_eq!(
            names(&file),
            vec![
                ("engineering", vec!["bob", "mary"]),
                ("RELEASE", vec!["r1"]),
                ("administrators", vec!["admin"]),
            ]
        );
    }

    #[test]
    fn only_indentation_makes_a_member() {
        let text = "a:\n b\nc:\n";
        let file = parse(text);
        assert_eq!(names(&file), vec![("a", vec!["b"]), ("c", vec![])]);
    }

    #[test]
    fn empty_name_is_the_shell_eaten_dollar_admin() {
        let text = ":\"Administrators\"\n  admin\nok:\n  bob\n";
        let file = parse(text);
        assert_eq!(file.errors.len(), 1);
        assert!(file.errors[0].message.contains("empty"));
        assert!(file.errors[0].message.contains("$admin"));
        assert_eq!(&text[file.errors[0].span.clone()], ":\"Administrators\"");
        // The members of the bad header are skipped quietly; the next group is fine.
        assert_eq!(names(&file), vec![("ok", vec!["bob"])]);
    }

    #[test]
    fn member_before_any_header_is_an_error() {
        let text = "  stray\nA:x\n  bob\n";
        let file = parse(text);
        assert_eq!(file.errors.len(), 1);
        assert_eq!(&text[file.errors[0].span.clone()], "stray");
        assert_eq!(names(&file), vec![("A", vec!["bob"])]);
    }

    #[test]
    fn header_without_colon_is_an_error_and_parsing_goes_on() {
        let text = "A:\n  a1\nunindented bob\n  x\nB:\n  b1\n";
        let file = parse(text);
        assert_eq!(file.errors.len(), 1);
        assert_eq!(&text[file.errors[0].span.clone()], "unindented bob");
        assert_eq!(names(&file), vec![("A", vec!["a1"]), ("B", vec!["b1"])]);
    }

    #[test]
    fn crlf_comments_semicolons_and_bom() {
        let text = "\u{feff}g1:\"d\"\r\n  u1\r\n# c\r\n  ; c\r\n; c\r\n\tu2  \r\n";
        let file = parse(text);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        assert_eq!(names(&file), vec![("g1", vec!["u1", "u2"])]);
        assert_eq!(&text[file.groups[0].name_span.clone()], "g1");
        assert_eq!(&text[file.groups[0].members[1].span.clone()], "u2");
    }

    #[test]
    fn member_set_ignores_order_and_repeats() {
        let a = parse("g:\n  x\n  y\n  x\n");
        let b = parse("g:\"other\"\n\ty\n  x\n");
        assert_eq!(a.groups[0].member_set(), b.groups[0].member_set());
        assert_eq!(a.group("g").map(|g| g.members.len()), Some(3));
    }

    #[test]
    fn too_long_name_and_line() {
        let long = format!("{}:\n  m\n", "n".repeat(MAX_NAME_LEN + 1));
        let file = parse(&long);
        assert_eq!(file.errors.len(), 1);
        assert!(file.groups.is_empty());
        let line = format!("g:{}\n  m\n", "d".repeat(crate::ems::lines::MAX_LINE_LEN));
        let file = parse(&line);
        assert_eq!(file.errors.len(), 1);
        assert!(file.groups.is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            ":",
            "::",
            "\u{feff}",
            " \t",
            "\u{feff}  x",
            "é:ü\n ä",
            "\"",
            "\r\n\r",
        ] {
            let _ = parse(text);
        }
    }

    #[test]
    fn corpus_files_parse() {
        crate::ems::corpus::assert_parse_clean("groups.conf", |text| parse(text).errors, 3);
        let Some(files) = crate::ems::corpus::files(|n| n == "groups.conf") else {
            return;
        };
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(parse(&text).group("$admin").is_some(), "{}", path.display());
        }
    }
}
