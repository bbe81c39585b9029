use super::canonical::*;
use super::*;
use crate::ems::values::{GB, KB, MB};

fn spec(name: &str) -> &'static ParamSpec {
    lookup(name).unwrap()
}

#[test]
fn table_is_sorted_unique_and_lower_case() {
    let names: Vec<&str> = all().iter().map(|s| s.name).collect();
    assert!(names.windows(2).all(|w| w[0] < w[1]), "not sorted/unique");
    assert_eq!(names.len(), PARAMS.len());
    for n in &names {
        assert_eq!(*n, n.to_ascii_lowercase());
        assert_eq!(n.trim(), *n);
    }
}

#[test]
fn every_default_reads_by_its_own_type() {
    for s in all() {
        if let Some(d) = s.default {
            assert!(canonical(s, d).is_ok(), "default of {} = {d}", s.name);
        }
    }
}

#[test]
fn documented_defaults() {
    assert_eq!(spec("ft_heartbeat").default, Some("3"));
    assert_eq!(spec("ft_activation").default, Some("10"));
    assert_eq!(spec("ft_reconnect_timeout").default, Some("60"));
    assert_eq!(spec("server_heartbeat_client").default, Some("5"));
    assert_eq!(spec("handshake_timeout").default, Some("3"));
    assert_eq!(spec("ft_ssl_verify_host").default, Some("enabled"));
    assert_eq!(spec("ft_active").default, None);
}

#[test]
fn flags_of_key_parameters() {
    for n in [
        "listen",
        "ft_active",
        "logfile",
        "health_check_listen",
        "monitor_listen",
    ] {
        assert!(spec(n).per_server, "{n}");
    }
    for n in [
        "server",
        "password",
        "store",
        "ft_heartbeat",
        "authorization",
    ] {
        assert!(!spec(n).per_server, "{n}");
    }
    for n in [
        "listen",
        "ssl_server_issuer",
        "ssl_server_trusted",
        "ft_ssl_issuer",
        "ft_ssl_trusted",
        "jre_option",
    ] {
        assert!(spec(n).repeatable, "{n}");
    }
    assert!(!spec("ft_active").repeatable);
    for n in [
        "users",
        "groups",
        "topics",
        "queues",
        "acl_list",
        "factories",
        "routes",
        "bridges",
        "durables",
        "stores",
        "channels",
        "transports",
        "tibrvcm",
        "jaas_config_file",
        "ssl_server_identity",
        "ssl_server_key",
        "ssl_server_issuer",
        "ssl_server_trusted",
        "ft_ssl_identity",
        "ft_ssl_private_key",
        "ft_ssl_issuer",
        "ft_ssl_trusted",
        "ldap_tls_cacert_file",
        "ftl_trustfile",
    ] {
        assert!(spec(n).names_file, "{n}");
    }
    for n in [
        "logfile",
        "store",
        "module_path",
        "jre_library",
        "security_classpath",
        "dbstore_classpath",
    ] {
        assert!(!spec(n).names_file, "{n}");
    }
    for n in [
        "password",
        "ssl_password",
        "ft_ssl_password",
        "ftl_password",
        "ldap_credential",
        "monitor_ssl_password",
    ] {
        assert!(spec(n).is_secret(), "{n}");
    }
}

#[test]
fn lookup_ignores_case_and_space() {
    assert_eq!(lookup("  FT_Heartbeat ").unwrap().name, "ft_heartbeat");
    assert_eq!(lookup("LISTEN").unwrap().name, "listen");
    assert_eq!(lookup("fips140-2").unwrap().ty, Bool);
    assert!(lookup("ft_heartbeet").is_none());
    assert!(lookup("").is_none());
}

#[test]
fn did_you_mean_near_misses() {
    assert_eq!(did_you_mean("ft_heartbeet"), Some("ft_heartbeat"));
    assert_eq!(did_you_mean("listn"), Some("listen"));
    assert_eq!(
        did_you_mean("server_timout_client_connection"),
        Some("server_timeout_client_connection")
    );
    assert_eq!(did_you_mean("FT_ACTIVATON"), Some("ft_activation"));
    assert_eq!(
        did_you_mean("ssl_server_identiy"),
        Some("ssl_server_identity")
    );
    assert_eq!(did_you_mean("foo"), None);
    assert_eq!(did_you_mean("completely_unrelated_setting"), None);
    assert_eq!(did_you_mean(""), None);
    // A known name is not a miss.
    assert_eq!(did_you_mean("listen"), None);
}

#[test]
fn only_names_of_a_near_length_are_compared() {
    assert!(could_be_near("listn", "listen"));
    assert!(could_be_near("ft_activaton", "ft_activation"));
    // Three more characters in ten is still near; four is not.
    assert!(could_be_near("abcdefghij", "abcdefg"));
    assert!(!could_be_near("abcdefghij", "abcdef"));
    // A long unknown name is compared with nothing.
    let long = "x".repeat(10_000);
    assert!(!sorted().iter().any(|s| could_be_near(&long, s.name)));
    assert_eq!(did_you_mean(&long), None);
    assert_eq!(did_you_mean(&format!("listen{long}")), None);
    // Names of one length made of other characters are not compared either.
    assert!(!could_be_near("zzzzzzzzzzzz", "ft_heartbeat"));
    assert!(could_be_near("ft_haertbeat", "ft_heartbeat"));
    assert!(could_be_near("ft_heartbeet", "ft_heartbeat"));
    // The bound never rules out a pair the distance would keep.
    for spec in sorted() {
        for other in sorted() {
            let score = strsim::normalized_damerau_levenshtein(spec.name, other.name);
            if score >= 0.7 {
                assert!(
                    could_be_near(spec.name, other.name),
                    "{} {}",
                    spec.name,
                    other.name
                );
            }
        }
    }
}

#[test]
fn booleans_every_spelling_any_case() {
    let s = spec("authorization");
    for w in ["enable", "Enabled", "TRUE", "yEs", "On", "ENABLE"] {
        assert_eq!(canonical(s, w), Ok(Canonical::Bool(true)), "{w}");
    }
    for w in ["disable", "DISABLED", "False", "nO", "OFF", "Disable"] {
        assert_eq!(canonical(s, w), Ok(Canonical::Bool(false)), "{w}");
    }
    let err = canonical(s, "yes please").unwrap_err();
    assert_eq!(
        err,
        "`yes please` is not a boolean (enable, enabled, true, yes, on / disable, disabled, false, no, off)"
    );
    assert!(canonical(s, "1").is_err());
    assert!(canonical(s, "").is_err());
}

#[test]
fn sizes() {
    let s = spec("max_msg_memory");
    assert_eq!(canonical(s, "512MB"), Ok(Canonical::Bytes(512 * MB)));
    assert_eq!(canonical(s, "2 gb"), Ok(Canonical::Bytes(2 * GB)));
    assert_eq!(canonical(s, "100KB"), Ok(Canonical::Bytes(100 * KB)));
    assert_eq!(canonical(s, "64Mb"), Ok(Canonical::Bytes(64 * MB)));
    assert_eq!(canonical(s, "1024"), Ok(Canonical::Bytes(1024)));
    assert_eq!(canonical(s, "0"), Ok(Canonical::Special(Meaning::NoLimit)));
    assert_eq!(
        canonical(s, "0KB"),
        Ok(Canonical::Special(Meaning::NoLimit))
    );
    for bad in [
        "",
        "MB",
        "12 TB",
        "1.5GB",
        "-1",
        "5 MB extra",
        "99999999999999999999",
    ] {
        let err = canonical(s, bad).unwrap_err();
        assert!(err.contains("is not a size"), "{bad}: {err}");
    }
    assert!(canonical(s, "18014398509481984GB").is_err(), "overflow");
    // -1 only where documented.
    let sock = spec("socket_send_buffer_size");
    assert_eq!(
        canonical(sock, "-1"),
        Ok(Canonical::Special(Meaning::SystemChooses))
    );
    assert_eq!(canonical(sock, "64KB"), Ok(Canonical::Bytes(64 * KB)));
}

#[test]
fn integers_and_seconds() {
    let i = spec("max_connections");
    assert_eq!(canonical(i, "1000"), Ok(Canonical::Int(1000)));
    assert_eq!(canonical(i, "-1"), Ok(Canonical::Int(-1)));
    assert!(canonical(i, "ten").unwrap_err().contains("not an integer"));
    assert!(canonical(i, "1e3").is_err());
    let s = spec("ft_heartbeat");
    assert_eq!(canonical(s, "3"), Ok(Canonical::Seconds(3)));
    assert_eq!(canonical(s, "0"), Ok(Canonical::Seconds(0)));
    for bad in ["-3", "3s", "", "+3", "3.5"] {
        assert!(canonical(s, bad).unwrap_err().contains("seconds"), "{bad}");
    }
}

#[test]
fn urls_compare_scheme_and_host_by_meaning() {
    let s = spec("ft_active");
    assert_eq!(
        canonical(s, "TCP://Host-A.:07222"),
        Ok(Canonical::Text("tcp://host-a:7222".into()))
    );
    assert_eq!(
        canonical(s, "tcp://7222"),
        Ok(Canonical::Text("tcp://7222".into()))
    );
    assert_eq!(
        canonical(spec("ldap_url"), "LDAPS://ldap.example.com:636"),
        Ok(Canonical::Text("ldaps://ldap.example.com:636".into()))
    );
    assert!(canonical(s, "host:7222").unwrap_err().contains("not a URL"));
    assert!(canonical(s, "://7222").is_err());
    let l = spec("ftl_url");
    assert_eq!(
        canonical(l, "HTTP://a:8080|https://b:8080"),
        Ok(Canonical::Text("http://a:8080|https://b:8080".into()))
    );
    assert!(canonical(l, "http://a:8080|b:8080").is_err());
}

#[test]
fn text_types() {
    assert_eq!(
        canonical(spec("server"), "EMS-SERVER"),
        Ok(Canonical::Text("EMS-SERVER".into()))
    );
    assert_eq!(
        canonical(spec("user_auth"), "LDAP,LOCAL"),
        canonical(spec("user_auth"), "ldap,local")
    );
    assert_ne!(
        canonical(spec("ssl_server_ciphers"), "ALL"),
        canonical(spec("ssl_server_ciphers"), "all")
    );
    assert_eq!(
        canonical(spec("store"), "/shared/ems/datastore"),
        Ok(Canonical::Text("/shared/ems/datastore".into()))
    );
}

#[test]
fn secrets_are_never_in_errors() {
    for s in all().iter().filter(|s| s.is_secret()) {
        for raw in ["hunter2", "$man$WjtSRCpaXu7hoTkDlcEPr6KNKRr", ""] {
            match canonical(s, raw) {
                Ok(Canonical::Text(t)) => assert_eq!(t, raw),
                other => panic!("{}: {other:?}", s.name),
            }
        }
    }
    // Errors of other types quote the value, cut when long.
    let long = "x".repeat(500);
    let err = canonical(spec("ft_heartbeat"), &long).unwrap_err();
    assert!(err.len() < 200);
}

#[test]
fn display() {
    assert_eq!(Canonical::Bool(true).to_string(), "enabled");
    assert_eq!(Canonical::Bool(false).to_string(), "disabled");
    assert_eq!(Canonical::Bytes(512 * MB).to_string(), "512MB");
    assert_eq!(Canonical::Bytes(2 * GB).to_string(), "2GB");
    assert_eq!(Canonical::Bytes(100 * KB).to_string(), "100KB");
    assert_eq!(Canonical::Bytes(1536 * KB).to_string(), "1536KB");
    assert_eq!(Canonical::Bytes(1000).to_string(), "1000");
    assert_eq!(Canonical::Bytes(0).to_string(), "0");
    assert_eq!(Canonical::Seconds(30).to_string(), "30");
    assert_eq!(Canonical::Int(-1).to_string(), "-1");
    assert_eq!(
        Canonical::Text("tcp://7222".into()).to_string(),
        "tcp://7222"
    );
}

/// Every `name = value` line of every corpus tibemsd file names a known parameter, and
/// every non-empty value reads by its parameter's type.
#[test]
fn corpus_tibemsd_files_use_known_parameters() {
    // The AWS fragments are named `tibco-ems-server.template.yaml.tibemsd-append-*`.
    let Some(files) = crate::ems::corpus::files(|name| {
        name.contains("tibemsd")
            && [".conf", ".conf.erb", ".conf_template", ".fragment"]
                .iter()
                .any(|ext| name.ends_with(ext))
    }) else {
        return;
    };
    assert!(!files.is_empty(), "no tibemsd files under the corpus");
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (no, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            match lookup(key) {
                None => problems.push(format!(
                    "{}:{}: unknown `{}`",
                    file.display(),
                    no + 1,
                    key.trim()
                )),
                Some(s) if !value.is_empty() => {
                    if let Err(e) = canonical(s, value) {
                        problems.push(format!("{}:{}: {e}", file.display(), no + 1));
                    }
                }
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    eprintln!("checked {} tibemsd files", files.len());
}

#[test]
fn special_values_read_as_what_they_mean() {
    // 0 means the default: the same as not writing it.
    let hb = spec("server_heartbeat_client");
    assert_eq!(canonical(hb, "0"), canonical(hb, "5"));
    assert_eq!(canonical(hb, "0"), Ok(Canonical::Seconds(5)));
    // 0 disables, and not writing it is 0.
    let chs = spec("client_heartbeat_server");
    assert_eq!(
        canonical(chs, "0"),
        Ok(Canonical::Special(Meaning::Disabled))
    );
    assert_eq!(canonical(chs, chs.default.unwrap()), canonical(chs, "0"));
    assert_eq!(canonical(chs, "10"), Ok(Canonical::Seconds(10)));
    // -1 and 0 are two meanings of one parameter.
    let count = spec("large_destination_count");
    assert_eq!(
        canonical(count, "-1"),
        Ok(Canonical::Special(Meaning::SystemChooses))
    );
    assert_eq!(
        canonical(count, "0"),
        Ok(Canonical::Special(Meaning::Disabled))
    );
    assert_ne!(canonical(count, "-1"), canonical(count, "0"));
    // A number without a special meaning is itself.
    assert_eq!(
        canonical(spec("destination_backlog_swapout"), "0"),
        Ok(Canonical::Int(0))
    );
}

#[test]
fn enumerated_parameters_take_only_their_documented_words() {
    let user_auth = lookup("user_auth").unwrap();
    assert!(canonical(user_auth, "local,jaas").is_ok());
    assert!(canonical(user_auth, "LDAP, LOCAL").is_ok());
    assert!(canonical(user_auth, "local,oauth2,").is_ok());
    let err = canonical(user_auth, "local,kerberos").unwrap_err();
    assert!(
        err.contains("`kerberos`") && err.contains("oauth2"),
        "{err}"
    );
    let npsend = lookup("npsend_check_mode").unwrap();
    assert!(canonical(npsend, "temp_auth").is_ok());
    assert!(canonical(npsend, "sometimes").is_err());
    let detailed = lookup("detailed_statistics").unwrap();
    assert!(canonical(detailed, "NONE").is_ok());
    assert!(canonical(detailed, "PRODUCERS,ROUTES").is_ok());
    assert!(canonical(detailed, "QUEUES").is_err());
    let host = lookup("trace_client_host").unwrap();
    assert!(canonical(host, "both_with_port").is_ok());
    assert!(canonical(host, "ip").is_err());
    let discard = lookup("ftl_discard_policy").unwrap();
    assert!(canonical(discard, "NEW").is_ok());
    assert!(canonical(discard, "oldest").is_err());
}

#[test]
fn an_unordered_list_compares_as_its_set_of_elements() {
    let list = lookup("startup_abort_list").unwrap();
    assert_eq!(
        canonical(list, "CONFIG_ERRORS,DB_FILES"),
        canonical(list, "DB_FILES,CONFIG_ERRORS,DB_FILES")
    );
    // Unquoted, a space ends the list: never the same as the list without it.
    assert_ne!(
        canonical(list, "CONFIG_ERRORS,DB_FILES"),
        canonical(list, "CONFIG_ERRORS, DB_FILES")
    );
    assert_ne!(
        canonical(list, "CONFIG_ERRORS"),
        canonical(list, "CONFIG_ERRORS,DB_FILES")
    );
}
