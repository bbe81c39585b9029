//! `acl.conf`: one permission entry per line, made of space-separated tokens in any order:
//! `TOPIC=name`, `QUEUE=name` or the bare word `ADMIN`; `USER=name` or `GROUP=name`;
//! `PERM=p1,p2`.
//!
//! Format: <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-7224AA38-DF3A-429F-837A-3DE7FF379D4C.html>.
//! Keys (`TOPIC`, `USER`, ...) and permission names are read case-insensitively: the docs only
//! ever write them in one case, and whether EMS accepts others is unverified. Names (destinations,
//! users, groups) compare exactly. A value may be wrapped in double quotes to hold spaces.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::{take_till, take_while1};
use nom::character::complete::{char, space0};
use nom::combinator::recognize;
use nom::multi::many1;
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

use crate::ems::lines::{capacity, entry_lines, or_record, Line, SyntaxError};

/// Queue permissions; `all` grants these.
/// <https://docs.tibco.com/pub/ems/8.7.0/doc/html/users-guide/queue-and-topic-perm.htm>
pub const QUEUE_PERMISSIONS: &[&str] = &["browse", "receive", "send"];

/// Topic permissions; `all` grants these.
pub const TOPIC_PERMISSIONS: &[&str] = &["durable", "publish", "subscribe", "use_durable"];

/// Destination-level administrator permissions, granted on a `TOPIC=`/`QUEUE=` entry
/// (`grant topic foo.* user=bob view,modify`). `all` on a destination does not include them
/// (`revoke topic name * user|admin|both` treats the two kinds apart).
/// <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-C0048491-A2E6-4483-9AD9-DEC2D5686CE4.html> ,
/// <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-2999616D-1CDE-4953-9AB4-D4D99993F940.html>
pub const DESTINATION_ADMIN_PERMISSIONS: &[&str] = &["create", "delete", "modify", "purge", "view"];

/// Global administrator permissions of an `ADMIN` entry; `all` grants every one.
/// <https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-5AC11160-9694-4088-8ECB-1287E4336514.html>
/// (unverified: `view-factory`, `view-message`, `view-route` and `view-server`, which follow the
/// `change-*` names; the table text at hand stops after `view-durable`).
pub const ADMIN_PERMISSIONS: &[&str] = &[
    "change-acl",
    "change-admin-acl",
    "change-bridge",
    "change-connection",
    "change-durable",
    "change-factory",
    "change-group",
    "change-message",
    "change-route",
    "change-server",
    "change-user",
    "create-destination",
    "delete-destination",
    "modify-destination",
    "purge-destination",
    "purge-durable",
    "shutdown",
    "view-acl",
    "view-admin-acl",
    "view-all",
    "view-bridge",
    "view-connection",
    "view-destination",
    "view-durable",
    "view-factory",
    "view-group",
    "view-message",
    "view-route",
    "view-server",
    "view-user",
];

/// What an entry grants permissions on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AclTarget<'a> {
    /// A topic name, possibly with wildcards (`foo.>`).
    Topic(&'a str),
    /// A queue name, possibly with wildcards.
    Queue(&'a str),
    /// Global administrator permissions.
    Admin,
}

impl<'a> AclTarget<'a> {
    pub fn kind(&self) -> TargetKind {
        match self {
            AclTarget::Topic(_) => TargetKind::Topic,
            AclTarget::Queue(_) => TargetKind::Queue,
            AclTarget::Admin => TargetKind::Admin,
        }
    }

    /// The destination name, `None` for `ADMIN`.
    pub fn destination(&self) -> Option<&'a str> {
        match self {
            AclTarget::Topic(name) | AclTarget::Queue(name) => Some(name),
            AclTarget::Admin => None,
        }
    }

    /// What `all` stands for on this kind of entry.
    pub fn all_permissions(&self) -> &'static [&'static str] {
        match self {
            AclTarget::Topic(_) => TOPIC_PERMISSIONS,
            AclTarget::Queue(_) => QUEUE_PERMISSIONS,
            AclTarget::Admin => ADMIN_PERMISSIONS,
        }
    }

    /// Whether `perm` (in any case) may be granted on this kind of entry.
    fn allows(&self, perm: &str) -> bool {
        let known = |list: &[&str]| list.iter().any(|p| p.eq_ignore_ascii_case(perm));
        perm.eq_ignore_ascii_case("all")
            || known(self.all_permissions())
            || (self.destination().is_some() && known(DESTINATION_ADMIN_PERMISSIONS))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TargetKind {
    Admin,
    Queue,
    Topic,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Admin => "ADMIN",
            TargetKind::Queue => "QUEUE",
            TargetKind::Topic => "TOPIC",
        }
    }
}

/// Who an entry grants permissions to. Group `all` is the predefined group of all users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Principal<'a> {
    User(&'a str),
    Group(&'a str),
}

impl<'a> Principal<'a> {
    pub fn kind(&self) -> PrincipalKind {
        match self {
            Principal::User(_) => PrincipalKind::User,
            Principal::Group(_) => PrincipalKind::Group,
        }
    }

    pub fn name(&self) -> &'a str {
        match self {
            Principal::User(name) | Principal::Group(name) => name,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PrincipalKind {
    User,
    Group,
}

impl PrincipalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalKind::User => "USER",
            PrincipalKind::Group => "GROUP",
        }
    }
}

/// The identity of an entry: two entries with equal keys grant to the same principal on the
/// same thing. Displays as `TOPIC=foo GROUP=eng` / `ADMIN USER=bob`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AclKey<'a> {
    pub kind: TargetKind,
    pub principal_kind: PrincipalKind,
    pub principal: &'a str,
    /// Empty for `ADMIN`.
    pub destination: &'a str,
}

impl fmt::Display for AclKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TargetKind::Admin => f.write_str("ADMIN")?,
            kind => write!(f, "{}={}", kind.as_str(), self.destination)?,
        }
        write!(f, " {}={}", self.principal_kind.as_str(), self.principal)
    }
}

/// One line of `acl.conf`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclEntry<'a> {
    pub target: AclTarget<'a>,
    pub principal: Principal<'a>,
    /// The value of `PERM=` as written, without quotes: permission names, comma-separated.
    pub perm: &'a str,
    pub line_span: Range<usize>,
    /// The value of `PERM=`, without quotes.
    pub perms_span: Range<usize>,
}

impl<'a> AclEntry<'a> {
    pub fn key(&self) -> AclKey<'a> {
        AclKey {
            kind: self.target.kind(),
            principal_kind: self.principal.kind(),
            principal: self.principal.name(),
            destination: self.target.destination().unwrap_or(""),
        }
    }

    /// The permission names as written, in order.
    pub fn perms(&self) -> impl Iterator<Item = &'a str> {
        self.perm.split(',')
    }

    /// The permissions as a lower-cased set, `all` kept as its own name.
    pub fn perm_set(&self) -> BTreeSet<String> {
        self.perms().map(|p| p.to_ascii_lowercase()).collect()
    }

    /// The canonical value: the lower-cased set with `all` replaced by what it grants here.
    pub fn canonical_perms(&self) -> BTreeSet<String> {
        let mut set = self.perm_set();
        if set.remove("all") {
            set.extend(self.target.all_permissions().iter().map(|p| p.to_string()));
        }
        set
    }
}

/// A parsed `acl.conf`. A line with a syntax error is left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AclFile<'a> {
    pub entries: Vec<AclEntry<'a>>,
    pub errors: Vec<SyntaxError>,
}

impl<'a> AclFile<'a> {
    /// Every key with the union of its entries' canonical permissions (EMS adds the permissions
    /// of repeated grants), for an order-insensitive comparison of two files.
    pub fn canonical(&self) -> BTreeMap<AclKey<'a>, BTreeSet<String>> {
        let mut map: BTreeMap<AclKey<'a>, BTreeSet<String>> = BTreeMap::new();
        for entry in &self.entries {
            map.entry(entry.key())
                .or_default()
                .extend(entry.canonical_perms());
        }
        map
    }
}

/// Parses the whole text of an `acl.conf` file.
pub fn parse(text: &str) -> AclFile<'_> {
    let mut file = AclFile {
        entries: Vec::with_capacity(capacity(text)),
        ..AclFile::default()
    };
    for line in entry_lines(text) {
        let Some((line, trimmed)) = or_record(line, &mut file.errors) else {
            continue;
        };
        match entry(&line, trimmed) {
            Ok(entry) => file.entries.push(entry),
            Err(error) => file.errors.push(error),
        }
    }
    file.entries.shrink_to_fit();
    file
}

/// A token: runs of non-blank characters and double-quoted strings, which may hold blanks.
fn token(input: &str) -> IResult<&str, &str> {
    recognize(many1(alt((
        take_while1(|c: char| !c.is_whitespace() && c != '"'),
        recognize(delimited(char('"'), take_till(|c| c == '"'), char('"'))),
    ))))
    .parse(input)
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
}

const TARGETS: &str = "TOPIC=, QUEUE= or ADMIN";
const PRINCIPALS: &str = "USER= or GROUP=";

/// The keys of an entry's tokens, matched case-insensitively.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Topic,
    Queue,
    Admin,
    User,
    Group,
    Perm,
}

impl Key {
    fn from_name(name: &str) -> Option<Key> {
        [
            ("TOPIC", Key::Topic),
            ("QUEUE", Key::Queue),
            ("ADMIN", Key::Admin),
            ("USER", Key::User),
            ("GROUP", Key::Group),
            ("PERM", Key::Perm),
        ]
        .into_iter()
        .find(|(text, _)| text.eq_ignore_ascii_case(name))
        .map(|(_, key)| key)
    }
}

fn entry<'a>(line: &Line<'a>, trimmed: &'a str) -> Result<AclEntry<'a>, SyntaxError> {
    let line_span = line.span_of(trimmed);
    let error = |span: Range<usize>, message: String| SyntaxError { span, message };
    let mut target: Option<AclTarget<'a>> = None;
    let mut principal: Option<Principal<'a>> = None;
    let mut perm: Option<&'a str> = None;
    let mut take = |tok: &'a str| -> Result<(), SyntaxError> {
        let span = line.span_of(tok);
        let (name, value) = match tok.split_once('=') {
            Some((name, value)) => (name, Some(unquote(value))),
            None => (tok, None),
        };
        let Some(key) = Key::from_name(name) else {
            return Err(error(
                span,
                format!(
                    "unknown `{name}`; an entry is made of TOPIC=, QUEUE= or ADMIN, \
                     USER= or GROUP=, and PERM="
                ),
            ));
        };
        let value = match (key, value) {
            (Key::Admin, None) => "",
            (Key::Admin, Some(_)) => return Err(error(span, "`ADMIN` takes no value".to_string())),
            (_, None | Some("")) => return Err(error(span, format!("`{name}=` needs a value"))),
            (_, Some(value)) => value,
        };
        let (duplicate, what) = match key {
            Key::Topic => (target.replace(AclTarget::Topic(value)).is_some(), TARGETS),
            Key::Queue => (target.replace(AclTarget::Queue(value)).is_some(), TARGETS),
            Key::Admin => (target.replace(AclTarget::Admin).is_some(), TARGETS),
            Key::User => (
                principal.replace(Principal::User(value)).is_some(),
                PRINCIPALS,
            ),
            Key::Group => (
                principal.replace(Principal::Group(value)).is_some(),
                PRINCIPALS,
            ),
            Key::Perm => (perm.replace(value).is_some(), "PERM="),
        };
        if duplicate {
            return Err(error(span, format!("an entry has only one {what}")));
        }
        Ok(())
    };
    // Tokens are taken one by one, with no list per line; an unterminated quote anywhere in
    // the line is the error to report, before what is wrong with a token.
    let mut rest = trimmed;
    let mut first_error = None;
    while let Ok((after, tok)) = preceded(space0, token).parse(rest) {
        rest = after;
        if first_error.is_none() {
            first_error = take(tok).err();
        }
    }
    if !rest.trim().is_empty() {
        return Err(error(
            line.span_of(rest.trim()),
            "unterminated double quote".to_string(),
        ));
    }
    if let Some(error) = first_error {
        return Err(error);
    }
    let Some(target) = target else {
        return Err(error(line_span, format!("entry names no {TARGETS}")));
    };
    let Some(principal) = principal else {
        return Err(error(line_span, format!("entry names no {PRINCIPALS}")));
    };
    let Some(perm) = perm else {
        return Err(error(line_span, "entry has no PERM=".to_string()));
    };
    let perms_span = line.span_of(perm);
    if perm.split(',').any(str::is_empty) {
        return Err(error(
            perms_span,
            "empty permission in `PERM=`; write them comma-separated without blanks".to_string(),
        ));
    }
    let unknown: Vec<&str> = perm.split(',').filter(|p| !target.allows(p)).collect();
    if !unknown.is_empty() {
        let mut valid: Vec<&str> = vec!["all"];
        valid.extend(target.all_permissions());
        if target.destination().is_some() {
            valid.extend(DESTINATION_ADMIN_PERMISSIONS);
        }
        return Err(error(
            perms_span,
            format!(
                "unknown {} permission `{}`; valid: {}",
                target.kind().as_str(),
                unknown.join("`, `"),
                valid.join(", ")
            ),
        ));
    }
    Ok(AclEntry {
        target,
        principal,
        perm,
        line_span,
        perms_span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> AclEntry<'_> {
        let file = parse(text);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        assert_eq!(file.entries.len(), 1);
        file.entries.into_iter().next().unwrap()
    }

    #[test]
    fn documented_examples() {
        let text = "ADMIN USER=sys-admins PERM=all\n\
                    TOPIC=foo USER=user2 PERM=publish,subscribe\n\
                    TOPIC=foo GROUP=group1 PERM=subscribe\n\
                    QUEUE=myqueue GROUP=eng     PERM=receive,browse\n";
        let file = parse(text);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        assert_eq!(file.entries.len(), 4);
        let e = &file.entries[0];
        assert_eq!(e.target, AclTarget::Admin);
        assert_eq!(e.principal, Principal::User("sys-admins"));
        assert_eq!(e.canonical_perms().len(), ADMIN_PERMISSIONS.len());
        assert!(e.perm_set().contains("all"));
        let q = &file.entries[3];
        assert_eq!(q.target, AclTarget::Queue("myqueue"));
        assert_eq!(q.perms().collect::<Vec<_>>(), ["receive", "browse"]);
        assert_eq!(&text[q.perms_span.clone()], "receive,browse");
        assert_eq!(
            &text[q.line_span.clone()],
            "QUEUE=myqueue GROUP=eng     PERM=receive,browse"
        );
        assert_eq!(q.key().to_string(), "QUEUE=myqueue GROUP=eng");
        assert_eq!(e.key().to_string(), "ADMIN USER=sys-admins");
    }

    #[test]
    fn token_order_case_and_blanks_do_not_change_the_canonical_form() {
        let a = one("TOPIC=foo.> USER=bob PERM=publish,subscribe");
        let b = one("\t PERM=Subscribe,PUBLISH   user=bob topic=foo.>  ");
        assert_eq!(a.key(), b.key());
        assert_eq!(a.canonical_perms(), b.canonical_perms());
        assert_eq!(b.target, AclTarget::Topic("foo.>"));
    }

    #[test]
    fn all_expands_by_kind() {
        let t = one("TOPIC=t USER=u PERM=all");
        let explicit = one("TOPIC=t USER=u PERM=use_durable,durable,subscribe,publish");
        assert_eq!(t.canonical_perms(), explicit.canonical_perms());
        assert_eq!(t.perm_set(), BTreeSet::from(["all".to_string()]));
        let q = one("QUEUE=q GROUP=all PERM=all,view");
        let want: BTreeSet<String> = ["browse", "receive", "send", "view"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(q.canonical_perms(), want);
    }

    #[test]
    fn destination_level_admin_permissions_on_destinations() {
        let e = one("TOPIC=ACCOUNTING.* GROUP=acct PERM=view,create,delete,modify,purge");
        assert_eq!(e.canonical_perms().len(), 5);
        assert_eq!(parse("ADMIN USER=a PERM=view").errors.len(), 1);
    }

    #[test]
    fn admin_permissions() {
        let e = one("ADMIN GROUP=ops PERM=view-all,change-acl,create-destination,shutdown");
        assert_eq!(e.principal, Principal::Group("ops"));
        assert_eq!(e.canonical_perms().len(), 4);
    }

    #[test]
    fn wrong_kind_and_unknown_permissions_are_errors() {
        let text = "QUEUE=q USER=u PERM=publish\nTOPIC=t USER=u PERM=send,frobnicate\n\
                    ADMIN USER=u PERM=publish\nTOPIC=t USER=u PERM=publish\n";
        let file = parse(text);
        assert_eq!(file.errors.len(), 3);
        assert!(file.errors[0].message.contains("`publish`"));
        assert!(file.errors[1].message.contains("`send`, `frobnicate`"));
        assert_eq!(&text[file.errors[1].span.clone()], "send,frobnicate");
        assert_eq!(file.entries.len(), 1);
        assert_eq!(
            file.entries[0].line_span.start,
            text.rfind("TOPIC").unwrap()
        );
    }

    #[test]
    fn structural_errors_and_recovery() {
        let bad = [
            "TOPIC=t PERM=publish",
            "USER=u PERM=publish",
            "TOPIC=t USER=u",
            "TOPIC=t QUEUE=q USER=u PERM=send",
            "TOPIC=t USER=u GROUP=g PERM=publish",
            "TOPIC=t USER=u PERM=publish PERM=subscribe",
            "TOPIC= USER=u PERM=publish",
            "ADMIN=x USER=u PERM=all",
            "TOPIC=t USER=u PERM=publish,,subscribe",
            "TOPIC=t USER=u PERM=publish, subscribe",
            "TOPIC=t USER=u FOO=bar PERM=publish",
            "TOPIC=\"t USER=u PERM=publish",
        ];
        let mut text = String::new();
        for line in bad {
            text.push_str(line);
            text.push('\n');
            text.push_str("QUEUE=ok USER=u PERM=send\n");
        }
        let file = parse(&text);
        assert_eq!(file.errors.len(), bad.len(), "{:?}", file.errors);
        assert_eq!(file.entries.len(), bad.len());
        for e in &file.errors {
            assert!(text.get(e.span.clone()).is_some());
        }
    }

    #[test]
    fn quoted_names_crlf_comments_and_bom() {
        let text = "\u{feff}# c\r\n; c\r\n\r\nTOPIC=\"a b\" USER=\"x y\" PERM=publish\r\n";
        let e = one(text);
        assert_eq!(e.target, AclTarget::Topic("a b"));
        assert_eq!(e.principal, Principal::User("x y"));
        assert_eq!(&text[e.perms_span.clone()], "publish");
    }

    #[test]
    fn canonical_merges_repeated_keys() {
        let a = parse("TOPIC=t USER=u PERM=publish\nTOPIC=t USER=u PERM=subscribe\n");
        let b = parse("TOPIC=t USER=u PERM=subscribe,publish\n");
        assert_eq!(a.canonical(), b.canonical());
        let c = parse("TOPIC=t GROUP=u PERM=subscribe,publish\n");
        assert_ne!(a.canonical(), c.canonical());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "=",
            "==",
            "\"",
            "ADMIN",
            "PERM=",
            "é=ü",
            "\u{feff}",
            "a\"b\"c=d",
            "\t\r",
        ] {
            let _ = parse(text);
        }
    }

    #[test]
    fn corpus_files_parse() {
        crate::ems::corpus::assert_parse_clean("acl.conf", |text| parse(text).errors, 3);
    }
}
