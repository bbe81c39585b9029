//! The top-level arrays → the sub-files: users, groups, ACLs, destinations, durables,
//! bridges, tibrvcm and the INI-style files.

use std::ops::Range;

use crate::model::subfiles::SubFileKind;

use super::generator::{Entry, Generator};
use super::truthy;
use super::writer::{quoted_word, Gen, Scalar};
use crate::ems::acl;
use crate::ems::destinations::{self, DestKind, PropForm};
use crate::ems::ini::{self, IniKind};
use crate::ems::json::{Member, Node, Value};

impl Generator<'_> {
    pub(super) fn array(&mut self, g: &mut Gen, sub_file: SubFileKind, items: &[Node]) {
        let key = sub_file.json_key();
        for item in items {
            let Some(members) = item.as_object() else {
                self.problem(
                    item.span.clone(),
                    format!("an element of `{key}` is {}, not an object", item.kind()),
                );
                continue;
            };
            let entry = Entry {
                node: item,
                members,
                place: format!("an element of `{key}`"),
            };
            match sub_file {
                SubFileKind::Users => self.user(g, &entry),
                SubFileKind::Groups => self.group(g, &entry),
                SubFileKind::Acl => self.acl(g, &entry),
                SubFileKind::Queues => self.destination(g, &entry, DestKind::Queue),
                SubFileKind::Topics => self.destination(g, &entry, DestKind::Topic),
                SubFileKind::Durables => self.durable(g, &entry),
                SubFileKind::Bridges => self.bridge(g, &entry),
                SubFileKind::Tibrvcm => self.rvcm(g, &entry),
                SubFileKind::Routes => self.ini(g, &entry, IniKind::Routes),
                SubFileKind::Factories => self.ini(g, &entry, IniKind::Factories),
                SubFileKind::Stores => self.ini(g, &entry, IniKind::Stores),
                SubFileKind::Channels => self.ini(g, &entry, IniKind::Channels),
                SubFileKind::Transports => self.ini(g, &entry, IniKind::Transports),
            }
        }
    }

    /// The value of the first of `keys` the entry has, as text.
    pub(super) fn field(&mut self, entry: &Entry<'_>, keys: &[&str]) -> Option<Scalar> {
        let m = entry.member(keys)?;
        self.scalar(&m.value, &format!("`{}` in {}", m.key, entry.place))
    }

    /// Reports every key of the entry that is none of `known`.
    pub(super) fn check_keys(&mut self, entry: &Entry<'_>, known: &[&str]) {
        for m in entry.members {
            if !known.contains(&m.key.as_str()) {
                self.unknown(m, &entry.place, known, None);
            }
        }
    }

    pub(super) fn name(&mut self, entry: &Entry<'_>, keys: &[&str]) -> Option<Scalar> {
        let name = self.field(entry, keys);
        if name.is_none() {
            self.problem(
                entry.node.span.clone(),
                format!(
                    "{} has no `{}`",
                    entry.place,
                    keys.first().copied().unwrap_or("name")
                ),
            );
        }
        name
    }

    /// `name:password:"description"`
    pub(super) fn user(&mut self, g: &mut Gen, e: &Entry<'_>) {
        self.check_keys(e, &["name", "description", "password"]);
        let Some(name) = self.name(e, &["name"]) else {
            return;
        };
        let password = self.field(e, &["password"]);
        let description = self.field(e, &["description"]);
        g.begin(e.node.span.clone());
        name.write(g);
        g.raw(":");
        if let Some(p) = &password {
            if p.text.contains(':') {
                self.problem(
                    p.span.clone(),
                    format!(
                        "the password of user `{}` holds a `:`, which users.conf cannot",
                        name.text
                    ),
                );
                g.part("*", p.span.clone(), false);
            } else {
                p.write(g);
            }
        }
        g.raw(":\"");
        if let Some(d) = &description {
            d.write(g);
        }
        g.raw("\"");
        g.end();
    }

    /// `name:"description"`, then an indented line per member.
    pub(super) fn group(&mut self, g: &mut Gen, e: &Entry<'_>) {
        self.check_keys(e, &["name", "description", "members"]);
        let Some(name) = self.name(e, &["name"]) else {
            return;
        };
        let description = self.field(e, &["description"]);
        g.begin(e.node.span.clone());
        name.write(g);
        g.raw(":\"");
        if let Some(d) = &description {
            d.write(g);
        }
        g.raw("\"");
        g.end();
        let Some(members) = e.member(&["members"]) else {
            return;
        };
        let Some(items) = members.value.as_array() else {
            if members.value.value != Value::Null {
                self.problem(
                    members.value.span.clone(),
                    format!("`members` is {}, not an array", members.value.kind()),
                );
            }
            return;
        };
        for item in items {
            let user = match item.as_object() {
                Some(fields) => {
                    let entry = Entry {
                        node: item,
                        members: fields,
                        place: "a member of a group".into(),
                    };
                    self.check_keys(&entry, &["name"]);
                    self.name(&entry, &["name"])
                }
                None => self.scalar(item, "a member of a group"),
            };
            if let Some(user) = user {
                g.begin(item.span.clone());
                g.raw("  ");
                user.write(g);
                g.end();
            }
        }
    }

    /// `QUEUE=name USER=u PERM=p1,p2`, `ADMIN GROUP=g PERM=all`: each permission is a
    /// boolean key (`"view_server": true`).
    pub(super) fn acl(&mut self, g: &mut Gen, e: &Entry<'_>) {
        let kind = self
            .field(e, &["type"])
            .map(|t| t.text.to_ascii_lowercase());
        let (target, perms): (&str, Vec<&str>) = match kind.as_deref() {
            Some("queue") => (
                "QUEUE",
                [acl::QUEUE_PERMISSIONS, acl::DESTINATION_ADMIN_PERMISSIONS].concat(),
            ),
            Some("topic") => (
                "TOPIC",
                [acl::TOPIC_PERMISSIONS, acl::DESTINATION_ADMIN_PERMISSIONS].concat(),
            ),
            Some("admin") => ("ADMIN", acl::ADMIN_PERMISSIONS.to_vec()),
            _ => {
                self.problem(
                    e.node.span.clone(),
                    format!("{} has no `type` of `queue`, `topic` or `admin`", e.place),
                );
                return;
            }
        };
        // JSON writes `view_server` where acl.conf writes `view-server`.
        let json_perm = |p: &str| p.replace('-', "_");
        let mut known: Vec<String> = ["type", "user", "group", "name", "all"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        known.extend(perms.iter().map(|p| json_perm(p)));
        let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
        self.check_keys(e, &known_refs);
        let destination = if target == "ADMIN" {
            None
        } else {
            let Some(name) = self.name(e, &["name"]) else {
                return;
            };
            Some(name)
        };
        let (principal_key, principal) = match (e.member(&["user"]), e.member(&["group"])) {
            (Some(_), _) => ("USER", self.field(e, &["user"])),
            (None, Some(_)) => ("GROUP", self.field(e, &["group"])),
            (None, None) => ("USER", None),
        };
        let Some(principal) = principal else {
            self.problem(
                e.node.span.clone(),
                format!("{} has no `user` or `group`", e.place),
            );
            return;
        };
        let granted: Vec<(String, Range<usize>)> = e
            .members
            .iter()
            .filter(|m| m.key == "all" || perms.iter().any(|p| json_perm(p) == m.key))
            .filter(|m| truthy(&m.value) == Some(true))
            .map(|m| {
                let name = perms
                    .iter()
                    .find(|p| json_perm(p) == m.key)
                    .map_or_else(|| m.key.clone(), |p| p.to_string());
                (name, m.span())
            })
            .collect();
        if granted.is_empty() {
            // Nothing granted: acl.conf has no such line.
            return;
        }
        g.begin(e.node.span.clone());
        g.raw(target);
        if let Some(d) = &destination {
            g.raw("=");
            quoted_word(g, d);
        }
        g.raw(&format!(" {principal_key}="));
        quoted_word(g, &principal);
        g.raw(" PERM=");
        for (i, (perm, span)) in granted.iter().enumerate() {
            if i > 0 {
                g.raw(",");
            }
            g.part(perm, span.clone(), false);
        }
        g.end();
    }

    /// `[jndi1,jndi2]name prop,prop=value`
    pub(super) fn destination(&mut self, g: &mut Gen, e: &Entry<'_>, kind: DestKind) {
        for m in e.members {
            if m.key != "name"
                && m.key != "jndinames"
                && destinations::property_form(&m.key, kind).is_none()
            {
                let known = DEST_PROPS;
                self.unknown(m, &e.place, &known, None);
            }
        }
        let Some(name) = self.name(e, &["name"]) else {
            return;
        };
        g.begin(e.node.span.clone());
        let jndi: Vec<Scalar> = e
            .member(&["jndinames"])
            .map(|m| self.list(&m.value, "`jndinames`"))
            .unwrap_or_default();
        if !jndi.is_empty() {
            g.raw("[");
            for (i, j) in jndi.iter().enumerate() {
                if i > 0 {
                    g.raw(",");
                }
                j.write(g);
            }
            g.raw("]");
        }
        name.write(g);
        let mut first = true;
        for m in e.members {
            let Some((prop, form)) = destinations::property_form(&m.key, kind) else {
                continue;
            };
            let written = match (form, truthy(&m.value)) {
                (PropForm::Flag, Some(false)) | (PropForm::FlagOrValue, Some(false)) => continue,
                (PropForm::Flag, _) | (PropForm::FlagOrValue, Some(true)) => None,
                _ => match &m.value.value {
                    Value::Array(_) => {
                        let items = self.list(&m.value, &format!("`{}`", m.key));
                        let texts: Vec<String> = items.into_iter().map(|s| s.text).collect();
                        Some(Scalar {
                            text: texts.join(","),
                            span: m.value.span.clone(),
                            exact: false,
                        })
                    }
                    Value::Null => continue,
                    _ => match self.scalar(&m.value, &format!("`{}` in {}", m.key, e.place)) {
                        Some(v) => Some(v),
                        None => continue,
                    },
                },
            };
            g.raw(if first { " " } else { "," });
            first = false;
            match written {
                None => g.part(prop, m.span(), false),
                Some(v) => {
                    let start = g.mark();
                    g.part(prop, m.key_inner.clone(), false);
                    g.raw("=");
                    if v.text.contains([',', ' ', '\t', '"']) || v.text.is_empty() {
                        g.raw("\"");
                        v.write(g);
                        g.raw("\"");
                    } else {
                        v.write(g);
                    }
                    g.cover(start, m.span());
                }
            }
        }
        g.end();
    }

    /// An array of values (or one value) as texts.
    pub(super) fn list(&mut self, node: &Node, what: &str) -> Vec<Scalar> {
        match &node.value {
            Value::Array(items) => items.iter().filter_map(|i| self.scalar(i, what)).collect(),
            Value::Null => Vec::new(),
            _ => self.scalar(node, what).into_iter().collect(),
        }
    }

    /// `topic durable [route] [clientid=id] [nolocal] [selector="…"]`
    pub(super) fn durable(&mut self, g: &mut Gen, e: &Entry<'_>) {
        const TOPIC: &[&str] = &["topic", "topic_name", "topicname"];
        const NAME: &[&str] = &["durablename", "durable_name", "durable", "name"];
        const CLIENT: &[&str] = &["clientid", "client_id"];
        const NOLOCAL: &[&str] = &["nolocal", "no_local"];
        let known: Vec<&str> = [TOPIC, NAME, CLIENT, NOLOCAL, &["route", "selector"]].concat();
        self.check_keys(e, &known);
        let (Some(topic), Some(name)) = (self.name(e, TOPIC), self.name(e, NAME)) else {
            return;
        };
        g.begin(e.node.span.clone());
        quoted_word(g, &topic);
        g.raw(" ");
        quoted_word(g, &name);
        let mut options: Vec<(String, Option<Scalar>, Range<usize>)> = Vec::new();
        if let Some(m) = e.member(&["route"]) {
            if truthy(&m.value) == Some(true) {
                options.push(("route".into(), None, m.span()));
            }
        }
        if let Some(client) = self.field(e, CLIENT) {
            let span = e.member(CLIENT).map_or(client.span.clone(), Member::span);
            options.push(("clientid".into(), Some(client), span));
        }
        if let Some(m) = e.member(NOLOCAL) {
            if truthy(&m.value) == Some(true) {
                options.push(("nolocal".into(), None, m.span()));
            }
        }
        if let Some(selector) = self.field(e, &["selector"]) {
            let span = e
                .member(&["selector"])
                .map_or(selector.span.clone(), Member::span);
            options.push(("selector".into(), Some(selector), span));
        }
        for (i, (option, value, span)) in options.iter().enumerate() {
            g.raw(if i == 0 { " " } else { "," });
            match value {
                None => g.part(option, span.clone(), false),
                Some(v) if option == "selector" => {
                    g.raw("selector=\"");
                    v.write(g);
                    g.raw("\"");
                }
                Some(v) => {
                    g.raw(&format!("{option}="));
                    v.write(g);
                }
            }
        }
        g.end();
    }

    /// `[topic:source]`, then `queue=target selector="…"` per target.
    pub(super) fn bridge(&mut self, g: &mut Gen, e: &Entry<'_>) {
        const NAME: &[&str] = &["name", "source", "source_name"];
        const TYPE: &[&str] = &["type", "source_type"];
        let known: Vec<&str> = [NAME, TYPE, &["targets"]].concat();
        self.check_keys(e, &known);
        let (Some(source), Some(kind)) = (self.name(e, NAME), self.name(e, TYPE)) else {
            return;
        };
        g.begin(e.node.span.clone());
        g.raw("[");
        g.part(&kind.text.to_ascii_lowercase(), kind.span.clone(), false);
        g.raw(":");
        source.write(g);
        g.raw("]");
        g.end();
        let Some(targets) = e.member(&["targets"]) else {
            return;
        };
        let Some(items) = targets.value.as_array() else {
            self.problem(
                targets.value.span.clone(),
                format!("`targets` is {}, not an array", targets.value.kind()),
            );
            return;
        };
        for item in items {
            let Some(fields) = item.as_object() else {
                self.problem(
                    item.span.clone(),
                    format!("a bridge target is {}, not an object", item.kind()),
                );
                continue;
            };
            let target = Entry {
                node: item,
                members: fields,
                place: "a bridge target".into(),
            };
            const TNAME: &[&str] = &["name", "target", "target_name"];
            const TTYPE: &[&str] = &["type", "target_type"];
            let known: Vec<&str> = [TNAME, TTYPE, &["selector"]].concat();
            self.check_keys(&target, &known);
            let (Some(name), Some(kind)) = (self.name(&target, TNAME), self.name(&target, TTYPE))
            else {
                continue;
            };
            let selector = self.field(&target, &["selector"]);
            g.begin(item.span.clone());
            g.part(&kind.text.to_ascii_lowercase(), kind.span.clone(), false);
            g.raw("=");
            name.write(g);
            if let Some(s) = &selector {
                g.raw(" selector=\"");
                s.write(g);
                g.raw("\"");
            }
            g.end();
        }
    }

    /// `[transport] listener subject`
    pub(super) fn rvcm(&mut self, g: &mut Gen, e: &Entry<'_>) {
        const TRANSPORT: &[&str] = &["transport", "transport_name"];
        const LISTENER: &[&str] = &["listener", "listener_name", "name"];
        const SUBJECT: &[&str] = &["subject"];
        let known: Vec<&str> = [TRANSPORT, LISTENER, SUBJECT].concat();
        self.check_keys(e, &known);
        let transport = self.field(e, TRANSPORT);
        let (Some(listener), Some(subject)) = (self.name(e, LISTENER), self.name(e, SUBJECT))
        else {
            return;
        };
        g.begin(e.node.span.clone());
        if let Some(t) = &transport {
            t.write(g);
            g.raw(" ");
        }
        listener.write(g);
        g.raw(" ");
        subject.write(g);
        g.end();
    }

    /// `[name]`, then `key = value` lines; a nested `"ssl": {…}` is flattened, and
    /// `…_list` arrays become one line per element.
    pub(super) fn ini(&mut self, g: &mut Gen, e: &Entry<'_>, kind: IniKind) {
        let Some(name) = self.name(e, &["name"]) else {
            return;
        };
        g.begin(e.node.span.clone());
        g.raw("[");
        name.write(g);
        g.raw("]");
        g.end();
        for m in e.members {
            match m.key.as_str() {
                "name" => {}
                // Alternative JNDI names have no line in factories.conf: not compared.
                "jndinames" if kind == IniKind::Factories => {}
                "ssl" if matches!(kind, IniKind::Routes | IniKind::Factories) => {
                    match m.value.as_object() {
                        Some(fields) => {
                            for f in fields {
                                self.ini_line(
                                    g,
                                    kind,
                                    f,
                                    &format!("the `ssl` object of {}", e.place),
                                );
                            }
                        }
                        None if m.value.value == Value::Null => {}
                        None => self.problem(
                            m.value.span.clone(),
                            format!("`ssl` is {}, not an object", m.value.kind()),
                        ),
                    }
                }
                _ => self.ini_line(g, kind, m, &e.place),
            }
        }
    }

    pub(super) fn ini_line(&mut self, g: &mut Gen, kind: IniKind, m: &Member, place: &str) {
        let key = match ini_key(kind, &m.key, &m.value) {
            Some(key) => key,
            None => {
                let near = ini::did_you_mean(kind, &m.key).map(String::from);
                self.unknown_near(m, place, near, None);
                return;
            }
        };
        let values: Vec<&Node> = match &m.value.value {
            Value::Array(items) => items.iter().collect(),
            _ => vec![&m.value],
        };
        for node in values {
            // A route's topic with its selector: `{"name": "orders", "selector": "…"}`.
            let value = match node.as_object() {
                Some(fields) => {
                    let entry = Entry {
                        node,
                        members: fields,
                        place: format!("an element of `{}`", m.key),
                    };
                    self.check_keys(&entry, &["name", "topic", "selector"]);
                    let Some(topic) = self.name(&entry, &["name", "topic"]) else {
                        continue;
                    };
                    match self.field(&entry, &["selector"]) {
                        Some(sel) => Scalar {
                            text: format!("{} selector=\"{}\"", topic.text, sel.text),
                            span: node.span.clone(),
                            exact: false,
                        },
                        None => topic,
                    }
                }
                None => match self.scalar(node, &format!("`{}` in {place}", m.key)) {
                    Some(v) => v,
                    None => continue,
                },
            };
            g.begin(m.span());
            g.part(&key, m.key_inner.clone(), key == m.key);
            g.raw(" = ");
            value.write_quoted_if_needed(g);
            g.end();
        }
    }
}

/// queues.conf and topics.conf properties, for a "did you mean".
pub(super) const DEST_PROPS: [&str; 20] = [
    "name",
    "jndinames",
    "channel",
    "exclusive",
    "expiration",
    "export",
    "flowControl",
    "global",
    "import",
    "maxbytes",
    "maxmsgs",
    "maxRedelivery",
    "overflowPolicy",
    "prefetch",
    "redeliveryDelay",
    "secure",
    "sender_name",
    "sender_name_enforced",
    "store",
    "trace",
];

/// The INI key a JSON key stands for: itself, or for an array `ssl_issuer_list` →
/// `ssl_issuer`, `incoming_topics` → `incoming_topic`.
pub(super) fn ini_key(kind: IniKind, key: &str, value: &Node) -> Option<String> {
    if ini::is_known_key(kind, key) {
        return Some(key.to_string());
    }
    if value.as_array().is_some() {
        for base in [key.strip_suffix("_list"), key.strip_suffix('s')]
            .into_iter()
            .flatten()
        {
            if ini::is_known_key(kind, base) {
                return Some(base.to_string());
            }
        }
    }
    None
}
