use super::*;
use crate::source::Roots;

/// A reader of the current directory, where `cfg/` (which these tests never create) would be.
fn reader() -> Reader {
    Reader::new(Roots::new(["."]))
}

fn config(text: &str) -> JsonConfig {
    JsonConfig::from_file(Arc::new(SourceFile::from_text(
        "cfg/tibemsd.json".into(),
        "cfg/tibemsd.json".into(),
        text.into(),
        None,
    )))
}

fn generated(text: &str, role: Role) -> (String, Vec<(String, String)>) {
    let c = config(text);
    let root = c.doc.root.clone().unwrap();
    let g = Generator::new(&root).run(role);
    let subs = g
        .subs
        .into_iter()
        .filter(|s| !s.gen.text.is_empty())
        .map(|s| (s.key.to_string(), s.gen.text))
        .collect();
    (g.main.text, subs)
}

const PAIR: &str = r#"{
  "model_version": "1.0",
  "tibemsd": {
    "server": "EMS-A",
    "authorization": "true",
    "ft_heartbeat": 3,
    "max_msg_memory": "4GB",
    "primary_listens": [{"url": "tcp://ems-a:7222"}, {"url": "ssl://ems-a:7243", "ft_active": true}],
    "secondary_listens": [{"url": "tcp://ems-b:7222", "ft_active": true}],
    "ssl": {"ssl_password": "$man$x", "ssl_trusted_list": ["ca1.pem", "ca2.pem"]},
    "ft_ssl": {"ssl_verify_host": false},
    "health_check_listen": "http://ems-a:7220",
    "secondary_health_check_listen": "http://ems-b:7220"
  },
  "users": [{"name": "admin", "description": "Administrator", "password": null},
            {"name": "EMS-A", "password": "$2$salt$hash"}],
  "groups": [{"name": "$admin", "description": "Administrators", "members": [{"name": "admin"}]}],
  "acls": [{"type": "admin", "user": "probe", "view_server": true, "view_user": false},
           {"type": "queue", "name": "orders.>", "group": "apps", "send": true, "receive": "true"}],
  "queues": [{"name": ">", "secure": true, "prefetch": 1, "store": "$sys.failsafe", "maxbytes": "4GB", "expiration": "4day", "exclusive": false}],
  "factories": [{"name": "FT", "type": "generic", "url": "tcp://ems-a:7222,tcp://ems-b:7222",
                 "reconnect_attempt_count": "120", "ssl": {"ssl_verify_host": false, "ssl_trusted_list": []}, "jndinames": []}],
  "stores": [{"name": "$sys.meta", "type": "file", "file": "meta.db", "file_crc": true}]
}"#;

#[test]
fn the_primary_listens_on_its_own_urls_and_points_at_the_flagged_peer() {
    let (main, _) = generated(PAIR, Role::Primary);
    assert!(
        main.contains("listen = tcp://ems-a:7222\nlisten = ssl://ems-a:7243\n"),
        "{main}"
    );
    assert!(main.contains("ft_active = tcp://ems-b:7222\n"), "{main}");
    assert!(
        main.contains("health_check_listen = http://ems-a:7220\n"),
        "{main}"
    );
    assert!(!main.contains("ems-b:7220"), "{main}");
    assert!(
        main.contains(
            "server = EMS-A\nauthorization = true\nft_heartbeat = 3\nmax_msg_memory = 4GB\n"
        ),
        "{main}"
    );
    assert!(
        main.contains("ssl_server_trusted = ca1.pem\nssl_server_trusted = ca2.pem\n"),
        "{main}"
    );
    assert!(main.contains("ft_ssl_verify_host = false\n"), "{main}");
    assert!(main.contains("users = users.conf\n") && main.contains("acl_list = acl.conf\n"));
}

#[test]
fn the_secondary_listens_on_its_own_urls_and_points_at_the_flagged_peer() {
    let (main, _) = generated(PAIR, Role::Secondary);
    assert!(main.contains("listen = tcp://ems-b:7222\n"), "{main}");
    assert!(main.contains("ft_active = ssl://ems-a:7243\n"), "{main}");
    assert!(
        main.contains("health_check_listen = http://ems-b:7220\n"),
        "{main}"
    );
    assert!(!main.contains("ems-a:7220"), "{main}");
}

#[test]
fn the_arrays_become_conf_files() {
    let (_, subs) = generated(PAIR, Role::Primary);
    let sub = |k: &str| {
        subs.iter()
            .find(|(key, _)| key == k)
            .map(|(_, t)| t.as_str())
            .unwrap_or("")
    };
    assert_eq!(
        sub("users"),
        "admin::\"Administrator\"\nEMS-A:$2$salt$hash:\"\"\n"
    );
    assert_eq!(sub("groups"), "$admin:\"Administrators\"\n  admin\n");
    assert_eq!(
        sub("acls"),
        "ADMIN USER=probe PERM=view-server\nQUEUE=orders.> GROUP=apps PERM=send,receive\n"
    );
    assert_eq!(
        sub("queues"),
        "> secure,prefetch=1,store=$sys.failsafe,maxbytes=4GB,expiration=4day\n"
    );
    assert_eq!(
            sub("factories"),
            "[FT]\ntype = generic\nurl = tcp://ems-a:7222,tcp://ems-b:7222\nreconnect_attempt_count = 120\nssl_verify_host = false\n"
        );
    assert_eq!(
        sub("stores"),
        "[$sys.meta]\ntype = file\nfile = meta.db\nfile_crc = true\n"
    );
}

#[test]
fn generated_files_parse_cleanly_and_map_back_to_the_json() {
    let c = config(PAIR);
    let files = c.server(
        Role::Primary,
        Side::Primary,
        &Settings::default(),
        &reader(),
    );
    // The trusted files do not exist: reported at their names in the JSON.
    let missing: Vec<&str> = files
        .problems
        .iter()
        .map(|p| {
            assert_eq!(p.kind, ProblemKind::Unreadable);
            let origin = p.file.origin.as_ref().unwrap();
            &c.file.text[origin.map(p.span.as_ref().unwrap()).unwrap()]
        })
        .collect();
    assert_eq!(missing, ["ca1.pem", "ca2.pem"]);
    let server = crate::model::server::Server::parse(&files);
    assert!(
        server
            .problems
            .iter()
            .all(|p| p.kind != ProblemKind::Syntax),
        "{:?}",
        server
            .problems
            .iter()
            .map(|p| &p.message)
            .collect::<Vec<_>>()
    );
    let p = server.param("ft_heartbeat").unwrap();
    let origin = files.main.origin.as_ref().unwrap();
    let json = &c.file.text;
    assert_eq!(&json[origin.map(&p.value_span).unwrap()], "3");
    assert_eq!(
        &json[origin.map(&p.line_span).unwrap()],
        "\"ft_heartbeat\": 3"
    );
    let listen = server.param("ft_active").unwrap();
    assert_eq!(
        &json[origin.map(&listen.line_span).unwrap()],
        "{\"url\": \"tcp://ems-b:7222\", \"ft_active\": true}"
    );
    assert_eq!(
        &json[origin.map(&listen.value_span).unwrap()],
        "tcp://ems-b:7222"
    );
    let queues = server.queues.as_ref().unwrap();
    let q = &queues.data.destinations[0];
    assert_eq!(q.canonical()["maxbytes"], "4294967296");
    let qorigin = queues.file.origin.as_ref().unwrap();
    assert!(json[qorigin.map(&q.line_span).unwrap()].starts_with("{\"name\": \">\""));
}

#[test]
fn parse_errors_are_syntax_findings_with_line_and_column() {
    let c = config("{\n  \"tibemsd\": {\n    \"server\": \"A\"\n    \"ft_heartbeat\": 3,\n  },\n  \"users\": [ $admins ]\n}\n");
    let found: Vec<(usize, usize, String)> = c
        .problems(Side::Primary)
        .into_iter()
        .filter(|p| p.kind == ProblemKind::Syntax)
        .map(|p| {
            let r = p.file.region(p.span.as_ref().unwrap());
            (r.line, r.column, p.message)
        })
        .collect();
    assert_eq!(
        found,
        [
            (4, 5, "expected `,` between two members".to_string()),
            (
                5,
                3,
                "a `,` before `}`: JSON has no trailing comma".to_string()
            ),
            (6, 14, "expected a value, found `$admins ]`".to_string()),
        ]
    );
    // What could be read is still read.
    let files = c.server(
        Role::Primary,
        Side::Primary,
        &Settings::default(),
        &reader(),
    );
    assert_eq!(
        files.conf.get("ft_heartbeat").map(|p| p.value.as_str()),
        Some("3")
    );
}

#[test]
fn secrets_are_masked_in_the_json_file() {
    let c = config(PAIR);
    let shown = c.file.shown();
    assert!(!shown.text.contains("$man$x"));
    assert!(!shown.text.contains("$2$salt$hash"));
    assert!(shown.text.contains("\"password\": null"));
}

#[test]
fn unknown_keys_and_wrong_shapes_are_reported_once() {
    let c = config(
        r#"{"tibemsd": {"server": "A", "ft_hartbeat": 3, "listen": "tcp://7222", "users": "users.conf",
                 "max_connections": {"n": 1}, "primary_listens": [{"url": "tcp://7222", "ft_active": true, "weight": 1}],
                 "secondary_listens": [{"url": "tcp://7224", "ft_active": true}]},
                "queues": [{"name": "q", "prefetsh": 2}], "colour": "blue"}"#,
    );
    let problems = c.problems(Side::Primary);
    let messages: Vec<String> = problems
        .iter()
        .map(|p| format!("{:?} {}", p.kind, p.message))
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("`ft_hartbeat`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`listen`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`users`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`weight`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`prefetsh`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`colour`")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("JsonInvalidValue") && m.contains("max_connections")),
        "{messages:?}"
    );
    assert_eq!(
        problems
            .iter()
            .filter(|p| p.kind == ProblemKind::JsonUnknownKey)
            .count(),
        6,
        "{messages:?}"
    );
}

/// Central Administration writes lists as arrays: `jre_options` for the repeatable
/// `jre_option`, `ft_ssl`'s `ssl_issuer_list` and `ssl_trusted_list` for `ft_ssl_issuer` and
/// `ft_ssl_trusted`; and its own keys (`displayName`, `emsca`, `locally_modified`) are not read.
#[test]
fn tibcos_arrays_become_one_line_each_and_tooling_keys_are_not_read() {
    let text = r#"{
      "displayName": "EMS-A",
      "emsca": {"advanced": [], "emsca_listens": [{"url": "tcp://ems-a:7222"}]},
      "tibemsd": {
        "jre_options": ["-Xmx256m", "-Xss512k"],
        "ft_active": null,
        "ft_ssl": {"ssl_issuer_list": ["chain1.pem", "chain2.pem"], "ssl_trusted_list": ["ca.pem"]},
        "locally_modified": "2017-05-19 08:22:43.367"
      }
    }"#;
    let (main, _) = generated(text, Role::Primary);
    assert!(
        main.contains("jre_option = -Xmx256m\njre_option = -Xss512k\n"),
        "{main}"
    );
    assert!(
        main.contains("ft_ssl_issuer = chain1.pem\nft_ssl_issuer = chain2.pem\n"),
        "{main}"
    );
    assert!(main.contains("ft_ssl_trusted = ca.pem\n"), "{main}");
    for not_read in ["ft_active", "locally_modified", "displayName", "emsca"] {
        assert!(!main.contains(not_read), "{not_read} in {main}");
    }
    let problems = config(text).problems(Side::Primary);
    assert!(problems.is_empty(), "{problems:#?}");
}
