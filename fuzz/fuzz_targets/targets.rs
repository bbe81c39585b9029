//! What each fuzz target does with its input, shared by the targets (`fuzz_targets/<t>.rs`)
//! and the regression tests (`tests/fuzz_regressions.rs`, which replays every crash input).
//!
//! Every parser target also checks that each span lies inside the text, on character
//! boundaries, since renderers slice the text with it.

#![allow(dead_code)]

use std::ops::Range;
use std::path::Path;

use emsftlint::ems::clients::{self as client_files, Prop};
use emsftlint::ems::destinations::{self, DestKind};
use emsftlint::ems::ini::{self, IniKind};
use emsftlint::ems::json::{self, Node};
use emsftlint::ems::lines::SyntaxError;
use emsftlint::ems::{
    acl, bridges, durables, ftl_yaml, groups, mounts, names, params, secret, startup_abort,
    tibemsd, tibrvcm, tls, url, users,
};
use emsftlint::render::{self, Style};
use emsftlint::settings::{Mode, Settings};
use emsftlint::{lint, Inputs, Severity};

const INI_KINDS: [IniKind; 5] = [
    IniKind::Routes,
    IniKind::Factories,
    IniKind::Stores,
    IniKind::Channels,
    IniKind::Transports,
];

/// A parser target: what it does with one input.
pub type Target = fn(&[u8]);

/// Every parser target, by name, for the regression tests.
pub const TARGETS: [(&str, Target); 21] = [
    ("tibemsd", tibemsd),
    ("users", users),
    ("groups", groups),
    ("acl", acl),
    ("destinations", destinations),
    ("durables", durables),
    ("bridges", bridges),
    ("ini", ini),
    ("tibrvcm", tibrvcm),
    ("url", url),
    ("url_list", url_list),
    ("secret_unmangle", secret_unmangle),
    ("tls_read_bundle", tls_read_bundle),
    ("json", json),
    ("tls_ciphers", tls_ciphers),
    ("ftl_yaml", ftl_yaml),
    ("mounts", mounts),
    ("tra", tra),
    ("substvar", substvar),
    ("jndi_properties", jndi_properties),
    ("sharedjmscon", sharedjmscon),
];

fn check_span(text: &str, span: &Range<usize>) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "span {span:?} not on character boundaries"
    );
}

fn check_errors(text: &str, errors: &[SyntaxError]) {
    for e in errors {
        check_span(text, &e.span);
    }
}

/// The input as text, decoded as emsftlint decodes a file.
fn decode(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// tibemsd.conf: the parser, then every parameter's value by meaning.
pub fn tibemsd(data: &[u8]) {
    let text = decode(data);
    let conf = tibemsd::parse(&text);
    check_errors(&text, &conf.errors);
    for p in &conf.params {
        check_span(&text, &p.key_span);
        check_span(&text, &p.value_span);
        check_span(&text, &p.line_span);
        if let Some(spec) = params::lookup(&p.name) {
            let _ = params::canonical(spec, &p.value);
        } else {
            let _ = params::did_you_mean(&p.name);
        }
    }
}

pub fn users(data: &[u8]) {
    let text = decode(data);
    let file = users::parse(&text);
    check_errors(&text, &file.errors);
    for u in &file.users {
        check_span(&text, &u.name_span);
        check_span(&text, &u.password_span);
        check_span(&text, &u.line_span);
        let _ = file.get(u.name);
    }
    let _ = file.duplicates();
}

pub fn groups(data: &[u8]) {
    let text = decode(data);
    let file = groups::parse(&text);
    check_errors(&text, &file.errors);
    for g in &file.groups {
        check_span(&text, &g.name_span);
        check_span(&text, &g.header_span);
        for m in &g.members {
            check_span(&text, &m.span);
        }
        let _ = g.member_set();
        let _ = file.group(g.name);
    }
}

pub fn acl(data: &[u8]) {
    let text = decode(data);
    let file = acl::parse(&text);
    check_errors(&text, &file.errors);
    for e in &file.entries {
        check_span(&text, &e.line_span);
        check_span(&text, &e.perms_span);
        let _ = e.key().to_string();
        let _ = e.canonical_perms();
    }
    let _ = file.canonical();
}

/// queues.conf and topics.conf: the first byte chooses which.
pub fn destinations(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let kind = if kind & 1 == 0 {
        DestKind::Queue
    } else {
        DestKind::Topic
    };
    let text = decode(rest);
    let file = destinations::parse(&text, kind);
    check_errors(&text, &file.errors);
    for d in &file.destinations {
        check_span(&text, &d.name_span);
        check_span(&text, &d.line_span);
        for p in d.props() {
            check_span(&text, &p.span);
            let _ = d.prop(p.name);
        }
        let _ = d.canonical();
        let _ = file.destination(d.name);
    }
}

pub fn durables(data: &[u8]) {
    let text = decode(data);
    let file = durables::parse(&text);
    check_errors(&text, &file.errors);
    check_errors(&text, &file.warnings);
    for d in &file.durables {
        check_span(&text, &d.line_span);
        let _ = d.key();
        let _ = d.canonical();
    }
}

pub fn bridges(data: &[u8]) {
    let text = decode(data);
    let file = bridges::parse(&text);
    check_errors(&text, &file.errors);
    check_errors(&text, &file.warnings);
    for b in &file.bridges {
        check_span(&text, &b.header_span);
        check_span(&text, &b.line_span);
        let _ = b.key();
        let _ = b.canonical();
        let _ = names::is_wildcard(b.source);
        let _ = names::is_wildcard(b.target);
    }
}

/// routes, factories, stores, channels and transports: the first byte chooses the kind.
pub fn ini(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let kind = INI_KINDS[kind as usize % INI_KINDS.len()];
    let text = decode(rest);
    let file = ini::parse(&text, kind);
    check_errors(&text, &file.errors);
    check_errors(&text, &file.warnings);
    for span in &file.unknown_keys {
        check_span(&text, span);
        let key = &text[span.clone()];
        let _ = ini::did_you_mean(kind, key);
    }
    for s in &file.sections {
        check_span(&text, &s.name_span);
        check_span(&text, &s.header_span);
        check_span(&text, &s.span);
        for p in &s.props {
            check_span(&text, &p.key_span);
            check_span(&text, &p.value_span);
            check_span(&text, &p.line_span);
            let _ = ini::is_secret_value(kind, p.key, p.value);
            let _ = ini::is_known_key(kind, p.key);
            let _ = ini::is_repeatable(kind, p.key);
            if let Ok(selector) = ini::parse_topic_selector(p.value) {
                let _ = selector.canonical();
            }
            let _ = ini::canonical_selector(p.value);
            let _ = ini::canonical_bool(p.value);
            let _ = ini::parse_size(p.value);
            let _ = ini::parse_duration_ms(p.value);
            let _ = ini::canonical_url_list(p.value);
            let _ = s.get(p.key);
        }
        let _ = s.canonical(kind);
        let _ = file.section(s.name);
    }
}

pub fn tibrvcm(data: &[u8]) {
    let text = decode(data);
    let file = tibrvcm::parse(&text);
    check_errors(&text, &file.errors);
    check_errors(&text, &file.warnings);
    for l in &file.listeners {
        check_span(&text, &l.line_span);
        let _ = l.key();
    }
}

pub fn url(data: &[u8]) {
    let text = decode(data);
    if let Ok(u) = url::parse_url(&text) {
        check_span(&text, &u.span);
        let _ = u.listens_on_all_interfaces();
        let _ = u.host_meaning();
        let _ = format!("{u:?}");
    }
}

pub fn url_list(data: &[u8]) {
    let text = decode(data);
    if let Ok(list) = url::parse_url_list(&text) {
        for u in list.urls() {
            check_span(&text, &u.span);
            let _ = u.listens_on_all_interfaces();
            let _ = u.host_meaning();
        }
        let _ = list.is_load_balanced();
        let _ = list.is_unshared();
        let _ = list.single();
    }
}

pub fn secret_unmangle(data: &[u8]) {
    let text = decode(data);
    let _ = secret::is_mangled(&text);
    let _ = secret::unmangle(&text);
    let _ = secret::reveal(&text);
    let prefixed = format!("$man${text}");
    let _ = secret::unmangle(&prefixed);
    let _ = secret::reveal(&prefixed);
}

/// Certificates and keys in every format: without a password, and with the sample's.
pub fn tls_read_bundle(data: &[u8]) {
    let _ = tls::detect_format(data);
    for password in [None, Some("password")] {
        let Ok(bundle) = tls::read_bundle(data, password) else {
            continue;
        };
        for cert in &bundle.certs {
            let _ = cert.fingerprint_hex();
            let _ = cert.matches_hostname("ems-a.example.com");
            let _ = cert.matches_hostname("*");
            let _ = cert.is_self_issued();
            for key in &bundle.keys {
                let _ = key.describe();
                let _ = tls::key_matches_cert(key, cert);
            }
            let _ = tls::chains_to(cert, &bundle.certs, &bundle.certs);
        }
    }
}

/// tibemsd.json: the parser, every node's spans, and the lookups the JSON reader makes.
pub fn json(data: &[u8]) {
    let text = decode(data);
    let doc = json::parse(&text);
    check_errors(&text, &doc.errors);
    fn walk(text: &str, node: &Node) {
        check_span(text, &node.span);
        check_span(text, &node.value_span());
        let _ = node.kind();
        let _ = node.as_str();
        if let Some(members) = node.as_object() {
            for m in members {
                check_span(text, &m.key_span);
                check_span(text, &m.key_inner);
                check_span(text, &m.span());
                let _ = node.get(&m.key);
                walk(text, &m.value);
            }
        }
        for item in node.as_array().unwrap_or_default() {
            walk(text, item);
        }
    }
    if let Some(root) = &doc.root {
        walk(&text, root);
    }
}

/// A whole pair: two directories under `root` built from the input, linted, and the report
/// rendered in every format.
///
/// Input: one flags byte, then files separated by NUL bytes, in the order of [`FILES`] for
/// the primary and again for the backup. A file whose part is absent is not written.
/// Flags: bit 0 / bit 1 prepend lines naming every sub-file to the primary's / backup's
/// tibemsd.conf; bit 2 lints the primary alone; bit 3 sets `mode = "unshared"`; bit 4
/// ignores `sample.>` destinations; bit 5 caps the file size at 64 bytes; bit 6 colours the
/// human report; bit 7 renames the primary's main file tibemsd.json and lints it alone (a
/// JSON configuration describes both servers).
pub fn pair(root: &Path, data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (primary, backup) = (root.join("primary"), root.join("backup"));
    let mut parts = rest.split(|&b| b == 0);
    write_side(&primary, &mut parts, flags & 1 != 0);
    write_side(&backup, &mut parts, flags & 2 != 0);
    // A JSON configuration: the primary's main file as tibemsd.json, linted as a pair alone.
    let json = primary.join("tibemsd.json");
    let _ = std::fs::remove_file(&json);
    if flags & 128 != 0 {
        let _ = std::fs::rename(primary.join("tibemsd.conf"), &json);
    }

    let mut settings = Settings::default();
    if flags & 8 != 0 {
        settings.mode = Mode::Unshared;
    }
    if flags & 16 != 0 {
        settings.ignore_destinations.push("sample.>".into());
    }
    if flags & 32 != 0 {
        settings.size_cap = 64;
    }
    let inputs = Inputs {
        primary,
        backup: (flags & (4 | 128) == 0).then_some(backup),
    };
    let report = lint(&inputs, &settings);
    let _ = report.summary();
    let _ = report.fails(Severity::Warning);
    let style = Style {
        color: flags & 64 != 0,
        width: 80,
    };
    let _ = render::human::render(&report, style);
    let _ = render::json::render(&report);
    let _ = render::concise::render(&report);
    let _ = render::sarif::render(&report);
    let _ = render::github::render(&report);
    let _ = render::junit::render(&report, Severity::Warning);
    let _ = render::html::render(&report);
}

const FILES: [(&str, &str); 14] = [
    ("", "tibemsd.conf"),
    ("users", "users.conf"),
    ("groups", "groups.conf"),
    ("acl_list", "acl.conf"),
    ("queues", "queues.conf"),
    ("topics", "topics.conf"),
    ("durables", "durables.conf"),
    ("bridges", "bridges.conf"),
    ("tibrvcm", "tibrvcm.conf"),
    ("routes", "routes.conf"),
    ("factories", "factories.conf"),
    ("stores", "stores.conf"),
    ("channels", "channels.conf"),
    ("transports", "transports.conf"),
];

fn write_side(dir: &Path, parts: &mut dyn Iterator<Item = &[u8]>, name_files: bool) {
    std::fs::create_dir_all(dir).expect("create a side's directory");
    for (param, name) in FILES {
        let path = dir.join(name);
        let _ = std::fs::remove_file(&path);
        let Some(part) = parts.next() else { continue };
        let mut bytes = Vec::new();
        if param.is_empty() && name_files {
            for (p, n) in &FILES[1..] {
                bytes.extend_from_slice(format!("{p} = {n}\n").as_bytes());
            }
        }
        bytes.extend_from_slice(part);
        std::fs::write(&path, bytes).expect("write a file");
    }
}

/// An OpenSSL cipher list (`ssl_server_ciphers`, `ft_ssl_ciphers`) and a `startup_abort_list`.
pub fn tls_ciphers(data: &[u8]) {
    let text = decode(data);
    if let Some(set) = tls::ciphers::resolve(&text) {
        assert!(set.disjoint(&Default::default()));
        let _ = set.is_empty();
    }
    for (quoted, spaces) in [(false, true), (true, true), (false, false)] {
        let list = startup_abort::AbortList::parse(&text, quoted, spaces);
        for element in list.read.iter().chain(&list.dropped) {
            assert!(text.contains(element.text));
        }
    }
}

/// The FTL server cluster configuration: the parser (an error inside the text), every span
/// it keeps, and the secret spans.
pub fn ftl_yaml(data: &[u8]) {
    let text = decode(data);
    for span in ftl_yaml::secret_spans(&text) {
        check_span(&text, &span);
    }
    match ftl_yaml::parse(&text) {
        Err(e) => check_errors(&text, &[e]),
        Ok(cluster) => {
            if let Some(core) = &cluster.core_servers {
                check_span(&text, &core.span);
                for m in &core.members {
                    check_span(&text, &m.span);
                }
            }
            for server in &cluster.servers {
                check_span(&text, &server.span);
                if let Some(ems) = &server.ems {
                    check_span(&text, &ems.span);
                    ems.listens.iter().for_each(|(_, s)| check_span(&text, s));
                    if let Some(s) = &ems.standby_only {
                        check_span(&text, s);
                    }
                }
            }
        }
    }
}

/// A host's mounts (findmnt -J or fstab): every mount's span, every error's, the secret
/// spans, and the longest-prefix look-up of each mount point.
pub fn mounts(data: &[u8]) {
    let text = decode(data);
    for span in mounts::secret_spans(&text) {
        check_span(&text, &span);
    }
    let table = mounts::parse(&text);
    check_errors(&text, &table.errors);
    for m in &table.mounts {
        check_span(&text, &m.span);
        let found = table.covering(&m.target).map(|c| c.target.clone());
        assert_eq!(found.as_deref(), Some(m.target.as_str()));
    }
}

fn check_props(text: &str, props: &[Prop<'_>]) {
    for p in props {
        check_span(text, &p.key_span);
        check_span(text, &p.value_span);
        check_span(text, &p.span);
    }
}

/// A TIBCO `.tra` file.
pub fn tra(data: &[u8]) {
    let text = decode(data);
    let file = client_files::tra::parse(&text);
    check_errors(&text, &file.errors);
    check_props(&text, &file.props);
}

/// A Designer `defaultVars.substvar`.
pub fn substvar(data: &[u8]) {
    let text = decode(data);
    let parsed = client_files::substvar::parse(&text);
    check_errors(&text, &parsed.vars.errors);
    check_props(&text, &parsed.vars.props);
    for span in &parsed.password_spans {
        check_span(&text, span);
    }
}

/// A BusinessWorks JMS Connection resource (`*.sharedjmscon`): spans inside the text, at most
/// one syntax error (reading stops there).
pub fn sharedjmscon(data: &[u8]) {
    let text = decode(data);
    let file = client_files::sharedjmscon::parse(&text);
    check_errors(&text, &file.errors);
    check_props(&text, &file.props);
    assert!(file.errors.len() <= 1, "reading goes on after an XML error");
}

/// A Java `.properties` file (`jndi.properties`).
pub fn jndi_properties(data: &[u8]) {
    let text = decode(data);
    let file = client_files::properties::parse(&text);
    check_errors(&text, &file.errors);
    check_props(&text, &file.props);
}
