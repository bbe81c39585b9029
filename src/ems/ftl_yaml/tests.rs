use super::*;

const CLUSTER: &str = "\
globals:
  loglevel: info
  core.servers:
    ftl1: host1:8585
    ftl2: host2:8585
    ftl3: host3:8585
servers:
  ftl1:
    - tibemsd:
        exepath: /opt/tibco/ems/10.4/bin/tibemsd
        -listens: tcp://ems-a:7222,ssl://ems-a:7243
    - realm: {}
  ftl2:
    - tibemsd:
        exepath: /opt/tibco/ems/10.4/bin/tibemsd
        -listens: tcp://ems-b:7222
    - realm: {}
  ftl3:
    - tibemsd:
        exepath: /opt/tibco/ems/10.4/bin/tibemsd
        -listens: tcp://ems-c:7222
        -standby_only:
    - realm: {}
";

#[test]
fn reads_core_servers_and_the_ems_service_of_each_server() {
    let cluster = parse(CLUSTER).unwrap();
    let core = cluster.core_servers.unwrap();
    let names: Vec<&str> = core.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["ftl1", "ftl2", "ftl3"]);
    assert_eq!(core.members[1].location, "host2:8585");
    assert_eq!(&CLUSTER[core.members[1].span.clone()], "ftl2: host2:8585");
    assert_eq!(&CLUSTER[core.span.clone()], "core.servers");
    assert_eq!(cluster.servers.len(), 3);
    let a = cluster.servers[0].ems.as_ref().unwrap();
    let urls: Vec<&str> = a.listens.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(urls, ["tcp://ems-a:7222", "ssl://ems-a:7243"]);
    assert_eq!(&CLUSTER[a.listens[1].1.clone()], "ssl://ems-a:7243");
    assert!(a.standby_only.is_none());
    let c = cluster.servers[2].ems.as_ref().unwrap();
    assert_eq!(&CLUSTER[c.standby_only.clone().unwrap()], "-standby_only");
}

#[test]
fn standby_only_false_is_not_standby_only_and_ems_is_read_as_tibemsd() {
    let text = "servers:\n  s1:\n    - ems:\n        standby_only: false\n  s2:\n    - ems: { standby_only: true }\n";
    let cluster = parse(text).unwrap();
    assert!(cluster.core_servers.is_none());
    assert!(cluster.servers[0]
        .ems
        .as_ref()
        .unwrap()
        .standby_only
        .is_none());
    assert!(cluster.servers[1]
        .ems
        .as_ref()
        .unwrap()
        .standby_only
        .is_some());
}

#[test]
fn bad_yaml_is_an_error_at_its_line() {
    let text = "globals:\n  core.servers:\n    ftl1: [host1:8585\n";
    let err = parse(text).unwrap_err();
    assert!(err.message.starts_with("not YAML"), "{}", err.message);
    assert!(err.span.start <= text.len());
}

#[test]
fn deep_nesting_is_refused_without_parsing() {
    let text = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    assert!(parse(&text).unwrap_err().message.contains("nested"));
    let dashes = format!("{}x\n", "- ".repeat(10_000));
    assert!(parse(&dashes).is_err());
}

#[test]
fn odd_documents_never_panic() {
    for text in [
        "",
        "---",
        "- a\n- b",
        "servers: 3",
        "servers:\n  x: [1, 2]",
        "\u{feff}a: b",
        "a: *x",
        "servers:\n  é: \n    - tibemsd:\n        -listens: é,,tcp://h:1",
    ] {
        let _ = parse(text);
    }
}

#[test]
fn finds_secret_values_in_block_and_flow_style_and_in_bad_yaml() {
    let text = "globals:\n  tls.secure: pass:keystore-pw\n  x: {user: a, password: p2}\n  -ftl_password: [unclosed\n";
    let spans: Vec<&str> = secret_spans(text)
        .into_iter()
        .map(|s| text[s].trim())
        .collect();
    assert_eq!(spans, ["pass:keystore-pw", "p2", "[unclosed"]);
}
