//! JSON configurations on the command line: a tibemsd.json alone is a pair, `--against`
//! checks a migration, and no format ever shows a secret of the JSON file.

mod common;
use common::{stdout, testdata};
use std::path::Path;
use std::process::Output;

fn emsftlint(dir: &Path, args: &[&str]) -> Output {
    common::emsftlint_with(dir, args, &[])
}

#[test]
fn a_clean_json_pair_lints_clean_as_a_directory_or_a_file() {
    let dir = testdata("json");
    for input in ["orders", "orders/tibemsd.json"] {
        let out = emsftlint(&dir, &[input, "--format", "concise"]);
        assert_eq!(stdout(&out), "", "{input}");
        assert_eq!(out.status.code(), Some(0), "{input}");
    }
}

#[test]
fn the_clean_pair_converted_to_json_is_what_the_pair_says() {
    let out = emsftlint(
        &testdata("pairs/clean"),
        &[
            "primary",
            "backup",
            "--against",
            "../../json/orders/tibemsd.json",
            "--format",
            "concise",
        ],
    );
    assert_eq!(stdout(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_json_file_given_with_any_name_is_read_as_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        testdata("json/orders/tibemsd.json"),
        dir.path().join("tibemsd.json.bak"),
    )
    .unwrap();
    let out = emsftlint(dir.path(), &["tibemsd.json.bak", "--format", "concise"]);
    assert_eq!(stdout(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn against_a_file_that_does_not_exist_exits_two() {
    let out = emsftlint(
        &testdata("pairs/clean"),
        &["primary", "backup", "--against", "nope.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "emsftlint: nope.json: no such file or directory\n"
    );
}

#[test]
fn one_conf_server_is_checked_against_the_json_primary() {
    let dir = tempfile::tempdir().unwrap();
    let json = std::fs::read_to_string(testdata("json/orders/tibemsd.json"))
        .unwrap()
        .replace(
            "\"ft_reconnect_timeout\": 60",
            "\"ft_reconnect_timeout\": \"120\"",
        );
    std::fs::write(dir.path().join("tibemsd.json"), json).unwrap();
    let primary = testdata("pairs/clean/primary");
    let out = emsftlint(
        dir.path(),
        &[
            primary.to_str().unwrap(),
            "--against",
            "tibemsd.json",
            "--format",
            "json",
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{doc}");
    assert_eq!(findings[0]["rule"], "json-conf-mismatch");
    assert_eq!(
        findings[0]["message"],
        format!(
            "`ft_reconnect_timeout` differs: 60 in {}/tibemsd.conf, 120 in tibemsd.json (primary)",
            primary.display()
        )
    );
    let json_place = &findings[0]["locations"][1];
    assert_eq!(json_place["file"], "tibemsd.json");
    assert_eq!(json_place["line"], 20);
    assert_eq!(json_place["column"], 5);
}

#[test]
fn no_format_ever_prints_a_secret_of_the_json_file() {
    let dir = tempfile::tempdir().unwrap();
    let json = std::fs::read_to_string(testdata("json/orders/tibemsd.json"))
        .unwrap()
        // Findings on the lines that hold secrets: the password differs between the two
        // (mangled) spellings, the hash belongs to a user defined twice.
        .replace(
            "\"max_msg_memory\": \"512MB\",",
            "\"max_msg_memory\": \"512MB\", \"ssl\": {\"ssl_password\": \"hunter2-ssl\"}, \"ldap_credential\": \"hunter2-ldap\",",
        )
        .replace(
            "{ \"name\": \"app-orders\", \"description\": \"Orders application\" }",
            "{ \"name\": \"app-orders\", \"password\": \"$2$hunter2$hash\" }, { \"name\": \"app-orders\", \"password\": \"$2$hunter2$other\" }",
        )
        .replace("\"password\": \"$man$", "\"password\": \"$man$x");
    std::fs::write(dir.path().join("tibemsd.json"), json).unwrap();
    for format in [
        "human", "concise", "json", "sarif", "github", "junit", "html",
    ] {
        let out = emsftlint(dir.path(), &["tibemsd.json", "--format", format]);
        let text = stdout(&out);
        assert!(!text.is_empty(), "{format}");
        for secret in ["hunter2", "WjtSRCpaXu7hoTkDlcEPr6KNKRr", "aBcDeFgH"] {
            assert!(!text.contains(secret), "{format} shows {secret}:\n{text}");
        }
    }
}

#[test]
fn a_tibemsd_object_without_either_list_of_listens_is_reported_for_both_servers() {
    // Checked against a .conf pair, the JSON must describe both servers (alone, it is one
    // standalone server: tests/standalone.rs).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tibemsd.json"),
        "{\"tibemsd\": {\"server\": \"EMS-A\"}}\n",
    )
    .unwrap();
    let clean = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/pairs/clean");
    let (primary, backup) = (clean.join("primary"), clean.join("backup"));
    let out = emsftlint(
        dir.path(),
        &[
            primary.to_str().unwrap(),
            backup.to_str().unwrap(),
            "--against",
            "tibemsd.json",
            "--format",
            "concise",
        ],
    );
    let text = stdout(&out);
    let listens: Vec<&str> = text.lines().filter(|l| l.contains("FT301")).collect();
    assert_eq!(listens.len(), 2, "{text}");
    assert!(
        listens.iter().any(|l| l.contains("no `primary_listens`")),
        "{text}"
    );
    assert!(
        listens.iter().any(|l| l.contains("no `secondary_listens`")),
        "{text}"
    );
}

#[test]
fn a_property_the_json_moves_to_a_wildcard_is_info_and_a_changed_effective_one_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("conf");
    std::fs::create_dir(&conf).unwrap();
    for entry in std::fs::read_dir(testdata("pairs/clean/primary")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), conf.join(entry.file_name())).unwrap();
    }
    // The .conf server writes `secure` on the wildcard only; orders.in inherits it.
    std::fs::write(
        conf.join("queues.conf"),
        ">\norders.> secure\norders.in prefetch=5,maxbytes=64MB,store=orders.store\norders.dlq secure,store=$sys.failsafe\norders.audit maxmsgs=100000\n",
    )
    .unwrap();
    let json = std::fs::read_to_string(testdata("json/orders/tibemsd.json")).unwrap();
    let orders_in = r#"{ "name": "orders.in", "secure""#;
    let moved = json.replacen(
        orders_in,
        &format!("{{ \"name\": \"orders.>\", \"secure\": true }},\n    {orders_in}"),
        1,
    );
    assert!(
        moved != json,
        "the JSON has orders.in where the test expects it"
    );
    let lint = |text: &str| {
        std::fs::write(dir.path().join("tibemsd.json"), text).unwrap();
        let out = emsftlint(
            dir.path(),
            &["conf", "--against", "tibemsd.json", "--format", "json"],
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "json-conf-mismatch")
            .map(|f| {
                (
                    f["severity"].as_str().unwrap().to_string(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let same = lint(&moved);
    assert!(!same.is_empty(), "the text differs: {same:?}");
    assert!(
        same.iter().all(|(severity, _)| severity == "info"),
        "{same:?}"
    );
    // Without the wildcard, orders.audit is not secure in the JSON: an error.
    let changed = lint(&json);
    assert!(
        changed
            .iter()
            .any(|(severity, message)| severity == "error" && message.contains("orders.audit")),
        "{changed:?}"
    );
}

#[test]
fn ftl_stores_in_a_json_pair_are_not_said_to_need_a_json_configuration() {
    let json = std::fs::read_to_string(testdata("json/orders/tibemsd.json")).unwrap();
    let start = json.find("\"stores\": [").unwrap();
    let end = start + json[start..].find(']').unwrap() + 1;
    let ftl = json.replace(
        &json[start..end],
        r#""stores": [
    { "name": "$sys.meta", "type": "ftl" },
    { "name": "$sys.failsafe", "type": "ftl", "mode": "sync" },
    { "name": "$sys.nonfailsafe", "type": "ftl" },
    { "name": "orders.store", "type": "ftl" }
  ]"#,
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tibemsd.json"), ftl).unwrap();
    let out = emsftlint(dir.path(), &["tibemsd.json", "--format", "concise"]);
    let text = stdout(&out);
    assert!(!text.contains("FT125"), "{text}");
    // The same stores in a .conf server are the warning.
    let conf = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(testdata("pairs/clean/primary")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), conf.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(
        conf.path().join("stores.conf"),
        "[$sys.meta]\n  type = ftl\n[$sys.failsafe]\n  type = ftl\n[$sys.nonfailsafe]\n  type = ftl\n[orders.store]\n  type = ftl\n",
    )
    .unwrap();
    let text = stdout(&emsftlint(conf.path(), &[".", "--format", "concise"]));
    assert!(text.contains("warning[FT125"), "{text}");
}
