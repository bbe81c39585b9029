//! The sub-files: how each is keyed, valued and shown.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::ops::Range;

use super::{differing_fields, explain_fields, Difference, Fields, Item, Keeps, Key};
use crate::ems::acl::AclEntry;
use crate::ems::bridges::Bridge;
use crate::ems::destinations::Destination;
use crate::ems::durables::Durable;
use crate::ems::ini::IniKind;
use crate::ems::names::wildcard_match;
use crate::ems::tibrvcm::RvcmListener;
use crate::model::server::{Parsed, Server};
use crate::model::subfiles::SubFileKind;
use crate::settings::Settings;
use crate::source::FileRef;

/// What the engine needs to know about one kind of sub-file.
pub struct Spec {
    /// The tibemsd.conf parameter that names the file.
    pub param: &'static str,
    pub noun: &'static str,
    pub plural: &'static str,
    /// Which of the entries with one key EMS goes by.
    pub keeps: Keeps,
    /// How many entries the server's parsed file holds (none without the file).
    pub count: fn(&Server<'_>) -> usize,
    /// The entry at a position of the server's parsed list.
    pub item: for<'a> fn(&Server<'a>, usize) -> Option<Item<'a>>,
    /// The value by meaning of the entry made of the items at these positions of the
    /// server's parsed list (one, or with [`Keeps::All`] every item of the key).
    pub value: for<'a> fn(&Server<'a>, &[usize]) -> Fields,
    /// The parts of a key that name destinations, for `ignore.destinations`.
    pub destinations: &'static [usize],
    /// Whether an entry's [`Item::text`] holds its key: equal texts, equal keys.
    pub text_holds_key: bool,
    /// What EMS does with a repeated entry, for duplicate-entry's message.
    pub repeat: &'static str,
    /// `queue `orders.in``, for messages.
    pub describe: fn(&Key<'_>) -> String,
    /// The canonical entry as text, ending with a newline, for diffs.
    pub render: fn(&Key<'_>, &Fields) -> String,
    /// How a changed entry differs, the end of "… differs…": `` in `prefetch` `` or
    /// `: a password is set on primary, none on backup`. It never shows a value that could be
    /// a secret.
    pub explain: fn(&Fields, &Fields) -> String,
}

impl Spec {
    /// Whether an entry is about a destination the settings ignore.
    pub(super) fn ignored(&self, settings: &Settings, key: &Key<'_>) -> bool {
        self.destinations
            .iter()
            .map(|&part| key.part(part))
            .any(|name| !name.is_empty() && ignored(settings, name))
    }
}

/// Whether `[ignore] destinations` removes this destination from every comparison.
pub fn ignored(settings: &Settings, destination: &str) -> bool {
    settings
        .ignore_destinations
        .iter()
        .any(|pattern| wildcard_match(pattern, destination))
}

/// An entry written on one line, as the engine reads it: its identity, its line, and its
/// value by meaning, which that line alone determines.
trait LineEntry<'a> {
    fn identity(&self) -> Key<'a>;
    fn line_span(&self) -> &Range<usize>;
    fn canonical_fields(&self) -> Fields;
}

/// Where a server keeps the parsed entries of one file of [`LineEntry`]s.
trait LineList {
    type Entry<'a>: LineEntry<'a> + 'a;
    fn parsed<'s, 'a>(server: &'s Server<'a>) -> Option<(&'a FileRef, &'s [Self::Entry<'a>])>;
}

/// [`Spec::count`] of a file of [`LineEntry`]s.
fn count_of<L: LineList>(server: &Server<'_>) -> usize {
    L::parsed(server).map_or(0, |(_, list)| list.len())
}

/// [`Spec::item`] of a file of [`LineEntry`]s: the entry, its line and the line's text.
fn item_of<'a, L: LineList>(server: &Server<'a>, at: usize) -> Option<Item<'a>> {
    let (file, list) = L::parsed(server)?;
    let entry = list.get(at)?;
    let span = entry.line_span();
    Some(Item {
        key: entry.identity(),
        span: span.clone(),
        head: span.clone(),
        text: line(file, span),
    })
}

/// [`Spec::value`] of a file of [`LineEntry`]s: the first entry's canonical fields.
fn fields_of<L: LineList>(server: &Server<'_>, at: &[usize]) -> Fields {
    L::parsed(server)
        .and_then(|(_, list)| list.get(*at.first()?))
        .map_or_else(Fields::new, LineEntry::canonical_fields)
}

/// The [`LineList`] of a server's file: a marker type and the field of the server it reads.
macro_rules! line_list {
    ($list:ident, $entry:ident, $field:ident, $entries:ident) => {
        struct $list;

        impl LineList for $list {
            type Entry<'a> = $entry<'a>;
            fn parsed<'s, 'a>(server: &'s Server<'a>) -> Option<(&'a FileRef, &'s [$entry<'a>])> {
                let parsed = server.$field.as_ref()?;
                Some((parsed.file, &parsed.data.$entries))
            }
        }
    };
}

line_list!(QueueList, Destination, queues, destinations);
line_list!(TopicList, Destination, topics, destinations);
line_list!(DurableList, Durable, durables, durables);
line_list!(BridgeList, Bridge, bridges, bridges);
line_list!(AclList, AclEntry, acl, entries);

impl<'a> LineEntry<'a> for Destination<'a> {
    fn identity(&self) -> Key<'a> {
        Key::one(self.name)
    }

    fn line_span(&self) -> &Range<usize> {
        &self.line_span
    }

    fn canonical_fields(&self) -> Fields {
        self.canonical()
    }
}

impl<'a> LineEntry<'a> for Durable<'a> {
    fn identity(&self) -> Key<'a> {
        Key([self.topic, self.name, "", ""])
    }

    fn line_span(&self) -> &Range<usize> {
        &self.line_span
    }

    fn canonical_fields(&self) -> Fields {
        self.canonical()
    }
}

impl<'a> LineEntry<'a> for Bridge<'a> {
    fn identity(&self) -> Key<'a> {
        Key([
            self.source_kind.as_str(),
            self.source,
            self.target_kind.as_str(),
            self.target,
        ])
    }

    fn line_span(&self) -> &Range<usize> {
        &self.line_span
    }

    fn canonical_fields(&self) -> Fields {
        self.canonical()
    }
}

/// An ACL entry's identity: kind, destination (empty for `ADMIN`), principal kind and name;
/// its value, one line's permissions (the grants of a key add up: [`ACL`]'s value).
impl<'a> LineEntry<'a> for AclEntry<'a> {
    fn identity(&self) -> Key<'a> {
        let k = self.key();
        Key([
            k.kind.as_str(),
            k.destination,
            k.principal_kind.as_str(),
            k.principal,
        ])
    }

    fn line_span(&self) -> &Range<usize> {
        &self.line_span
    }

    fn canonical_fields(&self) -> Fields {
        acl_fields(self.canonical_perms())
    }
}

/// An ACL value: the permissions, comma-joined in order.
fn acl_fields(perms: BTreeSet<String>) -> Fields {
    let perms: Vec<String> = perms.into_iter().collect();
    Fields::from([("perm".to_string(), perms.join(","))])
}

/// How many entries a server's parsed file holds (none without the file).
fn count<T, I>(file: Option<&Parsed<'_, T>>, list: impl FnOnce(&T) -> &[I]) -> usize {
    file.map_or(0, |parsed| list(&parsed.data).len())
}

/// The entry at a position of a server's parsed file, with the file.
fn entry_at<'s, 'a: 's, T: 's, I: 's>(
    file: Option<&'s Parsed<'a, T>>,
    list: impl FnOnce(&'s T) -> &'s [I],
    at: usize,
) -> Option<(&'a FileRef, &'s I)> {
    let parsed = file?;
    Some((parsed.file, list(&parsed.data).get(at)?))
}

/// The first of the items at `at` in a server's parsed list.
fn nth<'s, 'a: 's, T: 's, I: 's>(
    file: Option<&'s Parsed<'a, T>>,
    list: impl FnOnce(&'s T) -> &'s [I],
    at: &[usize],
) -> Option<&'s I> {
    list(&file?.data).get(*at.first()?)
}

/// The text of a span of a file.
fn line<'a>(file: &'a FileRef, span: &Range<usize>) -> Option<&'a str> {
    file.text.get(span.clone())
}

fn field<'v>(value: &'v Fields, name: &str) -> &'v str {
    value.get(name).map_or("", String::as_str)
}

/// `name=value` or `name` for a flag, comma-joined.
fn props_text(value: &Fields, skip: &[&str]) -> String {
    value
        .iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| {
            if v.is_empty() {
                k.clone()
            } else if v.contains([' ', ',', '"']) {
                format!("{k}=\"{v}\"")
            } else {
                format!("{k}={v}")
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A field holding a list, as a set.
fn split_set<'v>(value: &'v Fields, name: &str, separator: char) -> BTreeSet<&'v str> {
    field(value, name)
        .split(separator)
        .filter(|p| !p.is_empty())
        .collect()
}

/// What one set holds and the other does not, on each side, as `phrase(count, list, side)`.
fn one_sided(
    a: &BTreeSet<&str>,
    b: &BTreeSet<&str>,
    phrase: impl Fn(usize, String, &str) -> String,
) -> String {
    let parts: Vec<String> = [(a, b, "primary"), (b, a, "backup")]
        .into_iter()
        .filter_map(|(x, y, side)| {
            let names: Vec<String> = x.difference(y).map(|n| format!("`{n}`")).collect();
            (!names.is_empty()).then(|| phrase(names.len(), names.join(", "), side))
        })
        .collect();
    parts.join("; ")
}

/// Which of two repeated entries EMS keeps is not documented.
const REPEAT_UNDOCUMENTED: &str = "which one EMS keeps is not documented";

fn render_destination(key: &Key<'_>, value: &Fields) -> String {
    let jndi = value
        .get("jndi")
        .map_or(String::new(), |j| format!("[{j}]"));
    let props = props_text(value, &["jndi"]);
    if props.is_empty() {
        format!("{jndi}{}\n", key.part(0))
    } else {
        format!("{jndi}{} {props}\n", key.part(0))
    }
}

/// queues.conf and topics.conf: by name, wildcards included; properties by meaning.
macro_rules! destination_spec {
    ($name:ident, $sub_file:expr, $list:ident, $noun:literal, $plural:literal) => {
        pub static $name: Spec = Spec {
            param: $sub_file.param(),
            noun: $noun,
            plural: $plural,
            keeps: Keeps::Last,
            count: count_of::<$list>,
            item: item_of::<$list>,
            value: fields_of::<$list>,
            repeat: REPEAT_UNDOCUMENTED,
            describe: |key| format!(concat!($noun, " `{}`"), key.part(0)),
            destinations: &[0],
            text_holds_key: true,
            render: render_destination,
            explain: explain_fields,
        };
    };
}

destination_spec!(QUEUES, SubFileKind::Queues, QueueList, "queue", "queues");
destination_spec!(TOPICS, SubFileKind::Topics, TopicList, "topic", "topics");

/// users.conf: name, description and whether a password is set (never the hash). The user
/// named like the server leaves its password to the server-user rules.
pub static USERS: Spec = Spec {
    param: SubFileKind::Users.param(),
    noun: "user",
    plural: "users",
    keeps: Keeps::First,
    count: |server| count(server.users.as_ref(), |f| &f.users),
    item: |server, at| {
        let (file, u) = entry_at(server.users.as_ref(), |f| &f.users, at)?;
        let server_name = server.param("server").map(|p| p.value.as_str());
        Some(Item {
            key: Key::one(u.name),
            span: u.line_span.clone(),
            head: u.line_span.clone(),
            // The server's own user leaves its password out: not its line alone.
            text: (server_name != Some(u.name))
                .then(|| line(file, &u.line_span))
                .flatten(),
        })
    },
    value: |server, at| {
        let server_name = server.param("server").map(|p| p.value.as_str());
        let mut value = Fields::new();
        if let Some(u) = nth(server.users.as_ref(), |f| &f.users, at) {
            if !u.description.is_empty() {
                value.insert("description".into(), u.description.to_string());
            }
            if !u.password.is_empty() && server_name != Some(u.name) {
                value.insert("password".into(), "set".into());
            }
        }
        value
    },
    destinations: &[],
    text_holds_key: true,
    repeat: REPEAT_UNDOCUMENTED,
    describe: |key| format!("user `{}`", key.part(0)),
    render: |key, value| {
        let password = if value.contains_key("password") {
            "<password>"
        } else {
            ""
        };
        format!(
            "{}:{password}:\"{}\"\n",
            key.part(0),
            field(value, "description")
        )
    },
    explain: |a, b| {
        let description = a.get("description") != b.get("description");
        let password = match (a.contains_key("password"), b.contains_key("password")) {
            (true, false) => "a password is set on primary, none on backup",
            (false, true) => "a password is set on backup, none on primary",
            _ => return " in its description".to_string(),
        };
        if description {
            format!(": {password}, and the descriptions differ")
        } else {
            format!(": {password}")
        }
    },
};

/// Users or groups whose only difference is the description.
pub fn description_only(difference: &Difference<'_>) -> bool {
    match difference {
        Difference::Changed(a, b) => differing_fields(&a.value, &b.value) == ["description"],
        _ => false,
    }
}

/// groups.conf: by name; the description, and the members as a set.
pub static GROUPS: Spec = Spec {
    param: SubFileKind::Groups.param(),
    noun: "group",
    plural: "groups",
    keeps: Keeps::Last,
    count: |server| count(server.groups.as_ref(), |f| &f.groups),
    item: |server, at| {
        let (_, g) = entry_at(server.groups.as_ref(), |f| &f.groups, at)?;
        let end = g.members.last().map_or(g.header_span.end, |m| m.span.end);
        // Members are a set: the lines as written do not decide the value.
        Some(Item {
            key: Key::one(g.name),
            span: g.header_span.start..end,
            head: g.header_span.clone(),
            text: None,
        })
    },
    value: |server, at| {
        let mut value = Fields::new();
        if let Some(g) = nth(server.groups.as_ref(), |f| &f.groups, at) {
            if !g.description.is_empty() {
                value.insert("description".into(), g.description.to_string());
            }
            let members: Vec<&str> = g.member_set().into_iter().collect();
            if !members.is_empty() {
                value.insert("members".into(), members.join("\n"));
            }
        }
        value
    },
    destinations: &[],
    text_holds_key: false,
    repeat: REPEAT_UNDOCUMENTED,
    describe: |key| format!("group `{}`", key.part(0)),
    render: |key, value| {
        let mut text = format!("{}:\"{}\"\n", key.part(0), field(value, "description"));
        for member in field(value, "members").lines() {
            let _ = writeln!(text, "  {member}");
        }
        text
    },
    explain: |a, b| {
        let members = |v| split_set(v, "members", '\n');
        let mut text = one_sided(&members(a), &members(b), |n, list, side| {
            let noun = if n == 1 { "member" } else { "members" };
            format!("{noun} {list} on {side} only")
        });
        if a.get("description") != b.get("description") {
            if !text.is_empty() {
                text.push_str("; ");
            }
            text.push_str("the descriptions differ");
        }
        format!(": {text}")
    },
};

/// acl.conf: repeated grants to one principal on one thing add up, as in EMS.
pub static ACL: Spec = Spec {
    param: SubFileKind::Acl.param(),
    noun: "ACL entry",
    plural: "ACL entries",
    keeps: Keeps::All,
    count: count_of::<AclList>,
    item: item_of::<AclList>,
    value: |server, at| {
        let mut perms = BTreeSet::new();
        if let Some((_, entries)) = AclList::parsed(server) {
            for entry in at.iter().filter_map(|&i| entries.get(i)) {
                perms.extend(entry.canonical_perms());
            }
        }
        acl_fields(perms)
    },
    destinations: &[1],
    text_holds_key: true,
    repeat: "EMS grants the permissions of both lines",
    describe: |key| format!("ACL entry `{}`", acl_target(key)),
    render: |key, value| format!("{} PERM={}\n", acl_target(key), field(value, "perm")),
    explain: |a, b| {
        let perms = |v| split_set(v, "perm", ',');
        let text = one_sided(&perms(a), &perms(b), |_, list, side| {
            format!("{list} granted on {side} only")
        });
        format!(": {text}")
    },
};

/// `TOPIC=orders.events USER=app` or `ADMIN GROUP=ops`.
fn acl_target(key: &Key<'_>) -> String {
    if key.part(0) == "ADMIN" {
        format!("ADMIN {}={}", key.part(2), key.part(3))
    } else {
        format!(
            "{}={} {}={}",
            key.part(0),
            key.part(1),
            key.part(2),
            key.part(3)
        )
    }
}

/// durables.conf: by (topic, name); EMS keeps the first of a repeated pair.
pub static DURABLES: Spec = Spec {
    param: SubFileKind::Durables.param(),
    noun: "durable",
    plural: "durables",
    keeps: Keeps::First,
    count: count_of::<DurableList>,
    item: item_of::<DurableList>,
    value: fields_of::<DurableList>,
    destinations: &[0],
    text_holds_key: true,
    repeat: "EMS keeps the first and warns",
    describe: |key| format!("durable `{}` on topic `{}`", key.part(1), key.part(0)),
    render: |key, value| {
        let props: Vec<String> = value
            .iter()
            .map(|(k, v)| match k.as_str() {
                "route" | "nolocal" => k.clone(),
                "selector" => format!("selector=\"{v}\""),
                _ => format!("{k}={v}"),
            })
            .collect();
        if props.is_empty() {
            format!("{} {}\n", key.part(0), key.part(1))
        } else {
            format!("{} {} {}\n", key.part(0), key.part(1), props.join(","))
        }
    },
    explain: explain_fields,
};

/// bridges.conf: by (source, target), kinds included; the selector by meaning.
pub static BRIDGES: Spec = Spec {
    param: SubFileKind::Bridges.param(),
    noun: "bridge",
    plural: "bridges",
    keeps: Keeps::First,
    count: count_of::<BridgeList>,
    // The key holds the header's source; the value is read from the target line.
    item: item_of::<BridgeList>,
    value: fields_of::<BridgeList>,
    destinations: &[1, 3],
    text_holds_key: false,
    repeat: REPEAT_UNDOCUMENTED,
    describe: |key| {
        format!(
            "bridge from {} `{}` to {} `{}`",
            key.part(0),
            key.part(1),
            key.part(2),
            key.part(3)
        )
    },
    render: |key, value| {
        let selector = value
            .get("selector")
            .map_or(String::new(), |s| format!(" selector=\"{s}\""));
        format!(
            "[{}:{}] {}={}{selector}\n",
            key.part(0),
            key.part(1),
            key.part(2),
            key.part(3)
        )
    },
    explain: explain_fields,
};

fn rvcm_key<'a>(l: &RvcmListener<'a>) -> Key<'a> {
    Key([l.transport.unwrap_or(""), l.listener, l.subject, ""])
}

/// tibrvcm.conf: a listener line is all key, so it is on one side or both.
pub static TIBRVCM: Spec = Spec {
    param: SubFileKind::Tibrvcm.param(),
    noun: "RVCM listener",
    plural: "RVCM listeners",
    keeps: Keeps::First,
    count: |server| count(server.tibrvcm.as_ref(), |f| &f.listeners),
    item: |server, at| {
        let (_, l) = entry_at(server.tibrvcm.as_ref(), |f| &f.listeners, at)?;
        Some(Item {
            key: rvcm_key(l),
            span: l.line_span.clone(),
            head: l.line_span.clone(),
            text: Some(""),
        })
    },
    value: |_, _| Fields::new(),
    destinations: &[],
    text_holds_key: false,
    repeat: "the line adds nothing",
    describe: |key| {
        let transport = match key.part(0) {
            "" => String::new(),
            t => format!(" of transport `{t}`"),
        };
        format!(
            "RVCM listener `{}` on subject `{}`{transport}",
            key.part(1),
            key.part(2)
        )
    },
    render: |key, _| {
        let words: Vec<&str> = key.0[..3]
            .iter()
            .copied()
            .filter(|w| !w.is_empty())
            .collect();
        format!("{}\n", words.join(" "))
    },
    explain: explain_fields,
};

fn render_section(key: &Key<'_>, value: &Fields) -> String {
    let mut text = format!("[{}]\n", key.part(0));
    for (k, v) in value {
        for line in v.lines() {
            let _ = writeln!(text, "  {k} = {line}");
        }
    }
    text
}

/// The INI-style files: by section name; properties by the INI parser's canonical form.
macro_rules! ini_spec {
    ($name:ident, $sub_file:expr, $kind:expr, $noun:literal, $plural:literal) => {
        pub static $name: Spec = Spec {
            param: $sub_file.param(),
            noun: $noun,
            plural: $plural,
            keeps: Keeps::First,
            count: |server| count(server.ini($kind), |f| &f.sections),
            item: |server, at| {
                let (_, s) = entry_at(server.ini($kind), |f| &f.sections, at)?;
                Some(Item {
                    key: Key::one(s.name),
                    span: s.span.clone(),
                    head: s.header_span.clone(),
                    text: None,
                })
            },
            value: |server, at| {
                nth(server.ini($kind), |f| &f.sections, at)
                    .map_or_else(Fields::new, |s| s.canonical($kind))
            },
            destinations: &[],
            text_holds_key: false,
            repeat: REPEAT_UNDOCUMENTED,
            describe: |key| format!(concat!($noun, " `{}`"), key.part(0)),
            render: render_section,
            explain: explain_fields,
        };
    };
}

ini_spec!(
    ROUTES,
    SubFileKind::Routes,
    IniKind::Routes,
    "route",
    "routes"
);
ini_spec!(
    FACTORIES,
    SubFileKind::Factories,
    IniKind::Factories,
    "factory",
    "factories"
);
ini_spec!(
    STORES,
    SubFileKind::Stores,
    IniKind::Stores,
    "store",
    "stores"
);
ini_spec!(
    CHANNELS,
    SubFileKind::Channels,
    IniKind::Channels,
    "channel",
    "channels"
);
ini_spec!(
    TRANSPORTS,
    SubFileKind::Transports,
    IniKind::Transports,
    "transport",
    "transports"
);

/// Every sub-file, in the order of the house plan.
pub static ALL: [&Spec; 13] = [
    &USERS,
    &GROUPS,
    &ACL,
    &QUEUES,
    &TOPICS,
    &DURABLES,
    &BRIDGES,
    &ROUTES,
    &FACTORIES,
    &STORES,
    &CHANNELS,
    &TRANSPORTS,
    &TIBRVCM,
];
