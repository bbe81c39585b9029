use super::*;

fn keys<'a>(s: &'a Section<'a>) -> Vec<(&'a str, &'a str)> {
    s.props.iter().map(|p| (p.key, p.value)).collect()
}

#[test]
fn suggests_a_near_key_of_the_same_kind_of_file() {
    assert_eq!(
        did_you_mean(IniKind::Factories, "reconect_attempt_count"),
        Some("reconnect_attempt_count")
    );
    assert_eq!(did_you_mean(IniKind::Stores, "url"), None);
    assert_eq!(did_you_mean(IniKind::Routes, "url"), None);
}

#[test]
fn reads_sections_with_and_without_indentation_and_spaces() {
    let text = "[EMS-SERVER2]\n  url=tcp://7022\n[b]\nurl = tcp://x:1\n\tzone_type   =   1hop   \n";
    let f = parse(text, IniKind::Routes);
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    assert_eq!(f.sections.len(), 2);
    assert_eq!(f.sections[0].name, "EMS-SERVER2");
    assert_eq!(keys(&f.sections[0]), vec![("url", "tcp://7022")]);
    assert_eq!(
        keys(&f.sections[1]),
        vec![("url", "tcp://x:1"), ("zone_type", "1hop")]
    );
    assert!(f.unknown_keys.is_empty());
}

#[test]
fn spans_slice_back_to_the_text() {
    let text = "# c\n[$sys.failsafe]\n  type=file\n  file = \"sync-msgs.db\"  \n";
    let f = parse(text, IniKind::Stores);
    let s = &f.sections[0];
    assert_eq!(&text[s.name_span.clone()], "$sys.failsafe");
    assert_eq!(&text[s.header_span.clone()], "[$sys.failsafe]");
    let p = &s.props[1];
    assert_eq!(&text[p.key_span.clone()], "file");
    assert_eq!(&text[p.value_span.clone()], "sync-msgs.db");
    assert_eq!(&text[p.line_span.clone()], "file = \"sync-msgs.db\"");
    assert_eq!(
        &text[s.span.clone()],
        "[$sys.failsafe]\n  type=file\n  file = \"sync-msgs.db\""
    );
}

#[test]
fn dollar_names_are_kept() {
    let f = parse("[$sys.meta]\ntype=file\n", IniKind::Stores);
    assert!(f.section("$sys.meta").is_some());
}

#[test]
fn comments_blank_lines_and_crlf() {
    let text = "; semi\r\n   # indented\r\n\r\n[F]\r\n  type = generic\r\n  url = tcp://7222\r\n";
    let f = parse(text, IniKind::Factories);
    assert!(f.errors.is_empty());
    assert_eq!(f.sections[0].get("url").unwrap().value, "tcp://7222");
    assert_eq!(
        &text[f.sections[0].props[1].line_span.clone()],
        "url = tcp://7222"
    );
}

#[test]
fn one_pair_of_quotes_is_stripped() {
    let text = "[F]\nclientID = \"Sample Client ID\"\ntype=\"\"generic\"\"\nurl = \"\n";
    let f = parse(text, IniKind::Factories);
    let s = &f.sections[0];
    assert_eq!(s.get("clientid").unwrap().value, "Sample Client ID");
    assert_eq!(s.props[1].value, "\"generic\"");
    assert_eq!(s.props[2].value, "\"");
}

#[test]
fn keys_before_any_section_are_errors() {
    let text = "url = tcp://1\n[R]\nurl = tcp://2\n";
    let f = parse(text, IniKind::Routes);
    assert_eq!(f.errors.len(), 1);
    assert_eq!(&text[f.errors[0].span.clone()], "url = tcp://1");
    assert!(f.errors[0].message.contains("before any"));
    assert_eq!(f.sections[0].props.len(), 1);
}

#[test]
fn bad_lines_are_reported_and_parsing_goes_on() {
    let text = "[R]\nthis is junk\n= x\nssl verify = x\nurl = tcp://1\n[unclosed\nurl=tcp://lost\n[]\nurl=tcp://lost2\n[S] trailing\nurl=tcp://3\n";
    let f = parse(text, IniKind::Routes);
    let msgs: Vec<_> = f.errors.iter().map(|e| &text[e.span.clone()]).collect();
    assert_eq!(
        msgs,
        vec![
            "this is junk",
            "= x",
            "ssl verify = x",
            "[unclosed",
            "[]",
            "trailing"
        ]
    );
    assert_eq!(f.sections.len(), 2);
    assert_eq!(f.sections[0].get("url").unwrap().value, "tcp://1");
    assert_eq!(f.sections[1].name, "S");
    assert_eq!(f.sections[1].get("url").unwrap().value, "tcp://3");
    let f = parse("[s]\ndbstore_driver_password hunter2\n", IniKind::Stores);
    assert!(!f.errors[0].message.contains("hunter2"));
}

#[test]
fn unknown_keys_are_listed_with_their_span() {
    let text = "[F]\ntype=generic\nurl=tcp://1\nbogus_key = 1\nssl_password = x\n";
    let f = parse(text, IniKind::Factories);
    let got: Vec<_> = f.unknown_keys.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(got, vec!["bogus_key", "ssl_password"]);
    assert!(f.errors.is_empty());
    // Routes do take ssl_password, and 10.3+ oauth2_* props.
    let f = parse(
        "[R]\nurl=tcp://1\nssl_password=x\noauth2_server_url=http://a\n",
        IniKind::Routes,
    );
    assert!(f.unknown_keys.is_empty());
}

#[test]
fn keys_are_case_insensitive() {
    let f = parse(
        "[F]\nType=generic\nURL=tcp://1\nSSL_verify_hostname=no\n",
        IniKind::Factories,
    );
    assert!(f.unknown_keys.is_empty());
    let s = &f.sections[0];
    assert_eq!(s.get("url").unwrap().key, "URL");
    let c = s.canonical(IniKind::Factories);
    assert_eq!(c.get("ssl_verify_hostname").unwrap(), "false");
    assert_eq!(c.get("type").unwrap(), "generic");
}

#[test]
fn empty_values_are_absent_and_last_non_empty_wins() {
    let text = "[RV]\n  type = tibrv\n  service =\n  daemon = a\n  daemon = b\n  daemon =\n";
    let f = parse(text, IniKind::Transports);
    let s = &f.sections[0];
    assert_eq!(s.get("service"), None);
    assert_eq!(s.get("daemon").unwrap().value, "b");
    assert_eq!(s.get_all("daemon").count(), 3);
    let c = s.canonical(IniKind::Transports);
    assert_eq!(c["daemon"], "b");
    // Written empty, so EMS uses the default service of a tibrv transport.
    assert_eq!(c["service"], "7500");
}

#[test]
fn defaults_follow_the_entry_type_and_choices_their_documented_spelling() {
    let stores = parse(
        "[f]\n type=file\n file=f.db\n[g]\n type=as\n[d]\n type=dbstore\n",
        IniKind::Stores,
    );
    let c = |name: &str| stores.section(name).unwrap().canonical(IniKind::Stores);
    assert_eq!(c("f")["mode"], "async");
    assert!(!c("g").contains_key("mode"));
    assert_eq!(c("g")["scan_iter_interval"], "10000msec");
    assert!(!c("d").contains_key("mode"));
    assert!(!c("f").contains_key("scan_iter_interval"));
    let transports = parse(
        "[a]\n type=tibrv\n topic_import_dm=tibems_reliable\n[b]\n type=tibftl\n",
        IniKind::Transports,
    );
    let a = transports
        .section("a")
        .unwrap()
        .canonical(IniKind::Transports);
    assert_eq!(a["topic_import_dm"], "TIBEMS_RELIABLE");
    assert_eq!(a["queue_import_dm"], "TIBEMS_NON_PERSISTENT");
    let b = transports
        .section("b")
        .unwrap()
        .canonical(IniKind::Transports);
    assert!(!b.contains_key("service"));
    assert_eq!(
        default_of(IniKind::Transports, "SERVICE", Some("tibrvcm")),
        Some("7500")
    );
    assert_eq!(
        default_of(IniKind::Transports, "service", Some("tibftl")),
        None
    );
}

#[test]
fn repeatable_keys_keep_every_value() {
    let text = "[F]\ntype=generic\nurl=ssl://1\nssl_issuer=root.pem\nssl_issuer = child.pem\nssl_issuer=\nssl_trusted=b.pem\nssl_trusted=a.pem\n";
    let f = parse(text, IniKind::Factories);
    let c = f.sections[0].canonical(IniKind::Factories);
    assert_eq!(c["ssl_issuer"], "root.pem\nchild.pem");
    assert_eq!(c["ssl_trusted"], "a.pem\nb.pem");
    assert!(is_repeatable(IniKind::Factories, "SSL_ISSUER"));
    assert!(!is_repeatable(IniKind::Factories, "url"));
    let t = "[FTL2]\ntype=tibftl\nexport_constant = state,CA\nexport_constant = city,PaloAlto\nexport_constant =\n";
    let f = parse(t, IniKind::Transports);
    let c = f.sections[0].canonical(IniKind::Transports);
    assert_eq!(c["export_constant"], "state,CA\ncity,PaloAlto");
}

#[test]
fn transport_type_must_come_first() {
    let text = "[A]\n  service = 7500\n  type = tibrv\n[B]\n  type = tibrv\n[C]\n[D]\n  type =\n[E]\n  TYPE = tibftl\n";
    let f = parse(text, IniKind::Transports);
    let got: Vec<_> = f.errors.iter().map(|e| &text[e.span.clone()]).collect();
    assert_eq!(got, vec!["service", "[C]", "type ="]);
    assert!(f.errors[0].message.contains("`type` must come first"));
    // The same layout is fine in other files.
    let f = parse("[A]\nurl=tcp://1\ntype=generic\n", IniKind::Factories);
    assert!(f.errors.is_empty());
}

#[test]
fn documented_transport_examples() {
    let text = "[FTL2]\n  type                   = tibftl\n  endpoint               = ep1\n  import_subscriber_name = sub1\n  import_match_string    = {\"index\":1}\n  export_format          = ftl2_export_format\n  export_constant        = state,CA\n  export_constant        = city,PaloAlto\n\n[RV7650]\n  type    = tibrv\n  daemon  = \n  service = 7650\n  network = \n\n[RVCM]\n  type     = tibrvcm\n  rv_tport = RV7650\n  cm_name  = MY_CM\n  sync_ledger = TRUE\n  rv_queue_policy = TIBRVQUEUE_DISCARD_LAST:10000:100\n\n[PULSAR01]\n  type = pulsar\n  url = pulsar://host1:6650\n\n[KAFKA01]\n  type = kafka\n  brokers = host1:9092, host2:9092\n";
    let f = parse(text, IniKind::Transports);
    assert!(f.errors.is_empty() && f.unknown_keys.is_empty() && f.warnings.is_empty());
    let c = f.section("FTL2").unwrap().canonical(IniKind::Transports);
    assert_eq!(c["import_match_string"], "{\"index\":1}");
    let c = f.section("RVCM").unwrap().canonical(IniKind::Transports);
    assert_eq!(c["sync_ledger"], "true");
    let c = f.section("KAFKA01").unwrap().canonical(IniKind::Transports);
    assert_eq!(c["brokers"], "host1:9092,host2:9092");
    let c = f.section("RV7650").unwrap().canonical(IniKind::Transports);
    assert_eq!(c["service"], "7650");
    assert!(!c.contains_key("daemon") && !c.contains_key("network"));
}

#[test]
fn inline_comments_stay_in_the_value_with_a_warning() {
    let text = "[RVCM] # my transport\n  type = tibrvcm # mandatory\n  rv_tport = RV\n  cm_name = \"a # b\"\n  ledger_file = x#y\n";
    let f = parse(text, IniKind::Transports);
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    let s = &f.sections[0];
    assert_eq!(s.name, "RVCM");
    assert_eq!(s.get("type").unwrap().value, "tibrvcm # mandatory");
    let got: Vec<_> = f.warnings.iter().map(|w| &text[w.span.clone()]).collect();
    assert_eq!(got, vec!["# my transport", "# mandatory"]);
}

#[test]
fn repeated_sections_are_warned() {
    let text = "[F]\ntype=generic\n[G]\ntype=queue\n[F]\ntype=topic\n";
    let f = parse(text, IniKind::Factories);
    assert_eq!(f.warnings.len(), 1);
    assert_eq!(&text[f.warnings[0].span.clone()], "[F]");
    assert_eq!(f.warnings[0].span.start, 32);
    assert_eq!(f.sections.len(), 3);
}

#[test]
fn canonical_is_order_space_quote_and_spelling_insensitive() {
    let a = "[FT]\n  type = generic\n  url = tcp://a:7222,tcp://b:7222\n  ssl_verify_host = disabled\n  reconnect_attempt_count = 0100\n";
    let b = "[FT]\nreconnect_attempt_count=100\nSSL_VERIFY_HOST=\"No\"\nurl=\"TCP://a:7222 , Tcp://b:7222\"\ntype=\"generic\"\nclientID=\n";
    let fa = parse(a, IniKind::Factories);
    let fb = parse(b, IniKind::Factories);
    assert_eq!(
        fa.sections[0].canonical(IniKind::Factories),
        fb.sections[0].canonical(IniKind::Factories)
    );
    let c = fa.sections[0].canonical(IniKind::Factories);
    assert_eq!(c["url"], "tcp://a:7222,tcp://b:7222");
    assert_eq!(c["ssl_verify_host"], "false");
    assert_eq!(c["reconnect_attempt_count"], "100");
}

#[test]
fn canonical_values_differ_when_meaning_differs() {
    let a = parse("[F]\nurl=tcp://a:1,tcp://b:1\n", IniKind::Factories);
    let b = parse("[F]\nurl=tcp://a:1+tcp://b:1\n", IniKind::Factories);
    assert_ne!(
        a.sections[0].canonical(IniKind::Factories),
        b.sections[0].canonical(IniKind::Factories)
    );
}

#[test]
fn typed_values() {
    let text = "[s]\ntype=mstore\nfile_crc=Enabled\nfile_minimum = 2 gb\nfile_destination_defrag=512MB\nscan_iter_interval=100msec\nscan_target_interval=12HOUR\nprocessor_id=+3\nmode=sync\nfile_truncate=maybe\n";
    let f = parse(text, IniKind::Stores);
    let c = f.sections[0].canonical(IniKind::Stores);
    assert_eq!(c["file_crc"], "true");
    assert_eq!(c["file_minimum"], (2u64 << 30).to_string());
    assert_eq!(c["file_destination_defrag"], (512u64 << 20).to_string());
    assert_eq!(c["scan_iter_interval"], "100msec");
    assert_eq!(c["scan_target_interval"], "43200000msec");
    assert_eq!(c["processor_id"], "3");
    assert_eq!(c["mode"], "sync");
    assert_eq!(c["file_truncate"], "maybe");
    let ch = parse(
        "[multicast-1]\naddress = 234.5.6.7:1234\nmaxrate = 10MB\nmaxtime=10\npriority=-5\n",
        IniKind::Channels,
    );
    let c = ch.sections[0].canonical(IniKind::Channels);
    assert_eq!(c["maxrate"], "10485760");
    assert_eq!(c["priority"], "-5");
    assert!(ch.unknown_keys.is_empty());
}

#[test]
fn all_boolean_spellings() {
    for t in ["enable", "ENABLED", "True", "yes", "On"] {
        assert_eq!(canonical_bool(t), Some(true), "{t}");
    }
    for f in ["disable", "Disabled", "FALSE", "no", "off"] {
        assert_eq!(canonical_bool(f), Some(false), "{f}");
    }
    assert_eq!(canonical_bool("1"), None);
}

#[test]
fn sizes_and_durations() {
    assert_eq!(parse_size("100KB"), Some(102_400));
    assert_eq!(parse_size("1mb"), Some(1 << 20));
    assert_eq!(parse_size("4096"), Some(4096));
    assert_eq!(parse_size("1TB"), None);
    assert_eq!(parse_size("MB"), None);
    assert_eq!(parse_size("99999999999999999999GB"), None);
    assert_eq!(parse_size("18446744073709551615GB"), None);
    assert_eq!(parse_duration_ms("1 day"), Some(86_400_000));
    assert_eq!(parse_duration_ms("10"), None);
}

#[test]
fn url_lists() {
    assert_eq!(
        canonical_url_list(" SSL://a:1 | ssl://b:1 "),
        "ssl://a:1|ssl://b:1"
    );
    assert_eq!(
        canonical_url_list("tcp://a1:8222, tcp://a2:8222 + TCP://b1:8222,tcp://b2:8222"),
        "tcp://a1:8222,tcp://a2:8222+tcp://b1:8222,tcp://b2:8222"
    );
    assert_eq!(
        canonical_url_list("tcp://[2001:cafe::107]:7222"),
        "tcp://[2001:cafe::107]:7222"
    );
    assert_eq!(canonical_url_list("tcp://7222"), "tcp://7222");
}

#[test]
fn url_lists_compare_hosts_and_ports_by_meaning() {
    assert_eq!(
        canonical_url_list("tcp://[2001:DB8:0:0::1]:07222,TCP://EMS-B.Example.com.:7222"),
        canonical_url_list("tcp://[2001:db8::1]:7222,tcp://ems-b.example.com:7222")
    );
    assert_eq!(
        canonical_url_list("tcp://[::ffff:10.1.2.3]:7222"),
        "tcp://10.1.2.3:7222"
    );
    assert_ne!(
        canonical_url_list("tcp://[2001:db8::1]:7222"),
        canonical_url_list("tcp://[2001:db8::2]:7222")
    );
    assert_eq!(canonical_url_list("tcp://h:notaport"), "tcp://h:notaport");
}

#[test]
fn route_selectors() {
    let text = "[Canada]\n  url=ssl://canada:7222\n  outgoing_topic=orders selector=\"country='Canada'\"\n  outgoing_topic=\"prices\"\n  incoming_topic = news selector = \"a in ('x, y',  'z')   AND  b=1\"\n";
    let f = parse(text, IniKind::Routes);
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    assert!(f.unknown_keys.is_empty());
    let s = &f.sections[0];
    let p = s.get_all("outgoing_topic").next().unwrap();
    assert_eq!(p.value, "orders selector=\"country='Canada'\"");
    let ts = parse_topic_selector(p.value).unwrap();
    assert_eq!(ts.topic, "orders");
    assert_eq!(ts.selector, Some("country='Canada'"));
    let c = s.canonical(IniKind::Routes);
    assert_eq!(
        c["outgoing_topic"],
        "orders selector=\"country='Canada'\"\nprices"
    );
    assert_eq!(
        c["incoming_topic"],
        "news selector=\"a IN('x, y','z') AND b=1\""
    );
    // Reordered lines and respaced selectors compare equal.
    let other = "[Canada]\n  outgoing_topic=prices\n  incoming_topic=news selector=\"a IN ( 'x, y' , 'z' ) and b = 1\"\n  outgoing_topic = orders  selector=\"country = 'Canada'\"\n  url = ssl://canada:7222\n";
    let g = parse(other, IniKind::Routes);
    assert_eq!(c, g.sections[0].canonical(IniKind::Routes));
}

#[test]
fn bad_route_selectors_are_errors() {
    let text = "[R]\noutgoing_topic=orders selector=\"x='1'\nincoming_topic=a filter=\"b\"\noutgoing_topic=t selector=a = 1\noutgoing_topic=t selector=\"  \"\nincoming_topic=\n";
    let f = parse(text, IniKind::Routes);
    assert_eq!(f.errors.len(), 4, "{:?}", f.errors);
    assert!(f.errors[0].message.contains("closing"));
    assert_eq!(&text[f.errors[1].span.clone()], "a filter=\"b\"");
    assert!(f.errors[2].message.contains("double quotes"));
    assert!(f.errors[3].message.contains("empty"));
}

#[test]
fn selector_literals_are_kept_verbatim() {
    assert_eq!(
        canonical_selector("name  =  'It''s   here'  or x<>'a  b'"),
        "name='It''s   here' OR x<>'a  b'"
    );
    assert_eq!(canonical_selector("(a=1)and(b=2)"), "(a=1) AND(b=2)");
    assert_eq!(
        canonical_selector("( a = 1 ) AND ( b = 2 )"),
        canonical_selector("(a=1)and(b=2)")
    );
    assert_eq!(
        canonical_selector("urgency in ('high', 'medium')"),
        "urgency IN('high','medium')"
    );
    assert_eq!(canonical_selector("x LIKE 'a%'"), "x LIKE 'a%'");
    assert_eq!(canonical_selector("'unterminated"), "'unterminated");
}

#[test]
fn secrets_never_show_and_compare_by_plaintext() {
    let text = "[$sys.meta]\ntype=dbstore\ndbstore_driver_password=hunter2\n";
    let mangled =
        "[$sys.meta]\ntype=dbstore\ndbstore_driver_password=$man$WjtSRCpaXu7hoTkDlcEPr6KNKRr\n";
    let plain = "[$sys.meta]\ntype=dbstore\ndbstore_driver_password=password\n";
    let f = parse(text, IniKind::Stores);
    let c = f.sections[0].canonical(IniKind::Stores);
    let shown = format!("{f:?} {c:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(c["dbstore_driver_password"].starts_with("<secret "));
    let m = parse(mangled, IniKind::Stores).sections[0].canonical(IniKind::Stores);
    let p = parse(plain, IniKind::Stores).sections[0].canonical(IniKind::Stores);
    assert_eq!(m, p);
    assert_ne!(m, c);
    assert!(is_secret_key(IniKind::Stores, "DBSTORE_DRIVER_PASSWORD"));
    assert!(is_secret_key(IniKind::Routes, "ssl_password"));
    assert!(is_secret_key(IniKind::Factories, "ssl_password"));
    assert!(is_secret_key(IniKind::Transports, "password"));
    assert!(is_secret_key(IniKind::Routes, "oauth2_client_secret"));
    assert!(!is_secret_key(IniKind::Factories, "ssl_trusted"));
    assert!(is_secret_value(
        IniKind::Routes,
        "ssl_private_key",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----MIIB"
    ));
    assert!(!is_secret_value(
        IniKind::Routes,
        "ssl_private_key",
        "certs/key.pem"
    ));
    let r = parse(
        "[R]\nurl=ssl://x:1\nssl_private_key=-----BEGIN PRIVATE KEY-----abc\n",
        IniKind::Routes,
    );
    let c = r.sections[0].canonical(IniKind::Routes);
    assert!(!format!("{c:?}").contains("abc"));
}

#[test]
fn huge_lines_and_garbage_never_panic() {
    let text = format!(
        "[A]\ntype = tibrv\nx = {}\nservice = 1\n",
        "y".repeat(300_000)
    );
    let f = parse(&text, IniKind::Transports);
    assert_eq!(f.errors.len(), 1);
    assert_eq!(f.sections[0].props.len(), 2);
    let junk =
        String::from_utf8_lossy(&[b'[', 0xff, b']', b'\n', 0, b'=', 0x9f, b'\n', b'[', b'"'])
            .into_owned();
    for kind in [
        IniKind::Routes,
        IniKind::Factories,
        IniKind::Stores,
        IniKind::Channels,
        IniKind::Transports,
    ] {
        let f = parse(&junk, kind);
        for s in &f.sections {
            let _ = s.canonical(kind);
        }
    }
    for s in [
        "\"",
        "=",
        "[",
        "]",
        "[a",
        "a=\"",
        "outgoing_topic=\"",
        "x=\u{e9}\u{e9}",
    ] {
        let _ = parse(s, IniKind::Routes);
        let _ = parse_topic_selector(s);
        let _ = canonical_selector(s);
        let _ = canonical_url_list(s);
    }
}

fn kind_of(name: &str) -> Option<IniKind> {
    let base = name.trim_end_matches(".erb");
    if name.ends_with("factories-append.fragment") {
        return Some(IniKind::Factories);
    }
    if !base.ends_with(".conf") {
        return None;
    }
    let stem = base.trim_end_matches(".conf");
    if stem.starts_with("routes") {
        Some(IniKind::Routes)
    } else if stem == "factories" {
        Some(IniKind::Factories)
    } else if stem.starts_with("stores") {
        Some(IniKind::Stores)
    } else if stem == "channels" {
        Some(IniKind::Channels)
    } else if stem == "transports" {
        Some(IniKind::Transports)
    } else {
        None
    }
}

#[test]
fn corpus_files_parse_cleanly() {
    let Some(files) = crate::ems::corpus::files(|n| kind_of(n).is_some()) else {
        eprintln!("EMSFTLINT_CORPUS not set; skipping");
        return;
    };
    assert!(files.len() >= 18, "{files:?}");
    let mut sections = 0;
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let kind = kind_of(name).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let f = parse(&text, kind);
        sections += f.sections.len();
        for s in &f.sections {
            let _ = s.canonical(kind);
        }
        if name.ends_with(".erb") {
            continue;
        }
        assert!(f.errors.is_empty(), "{}: {:?}", path.display(), f.errors);
        assert!(f.unknown_keys.is_empty(), "{}", path.display());
        assert!(f.warnings.is_empty(), "{}", path.display());
    }
    assert!(sections >= 40, "{sections}");
}

#[test]
fn sample_factories_and_transports() {
    let Some(files) = crate::ems::corpus::files(|n| {
        n == "factories.conf" || n == "transports.conf" || n == "stores.conf"
    }) else {
        return;
    };
    for path in files {
        if !path.to_string_lossy().contains("samples/config") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        match path.file_name().and_then(|n| n.to_str()) {
            Some("factories.conf") => {
                let f = parse(&text, IniKind::Factories);
                assert_eq!(f.sections.len(), 10);
                let c = f
                    .section("FTConnectionFactory")
                    .unwrap()
                    .canonical(IniKind::Factories);
                assert_eq!(c["url"], "tcp://localhost:7222,tcp://localhost:7224");
                let c = f
                    .section("SSLConnectionFactory")
                    .unwrap()
                    .canonical(IniKind::Factories);
                assert_eq!(c["ssl_verify_host"], "false");
            }
            Some("transports.conf") => {
                let f = parse(&text, IniKind::Transports);
                let c = f.section("RV").unwrap().canonical(IniKind::Transports);
                assert_eq!(c["type"], "tibrv");
                // Nothing else written: EMS's defaults for a tibrv transport.
                assert_eq!(c["service"], "7500");
                assert_eq!(c["topic_import_dm"], "TIBEMS_NON_PERSISTENT");
                assert_eq!(c.len(), 4);
            }
            Some("stores.conf") => {
                let f = parse(&text, IniKind::Stores);
                let names: Vec<_> = f.sections.iter().map(|s| s.name).collect();
                assert_eq!(
                    names,
                    vec!["$sys.meta", "$sys.nonfailsafe", "$sys.failsafe"]
                );
            }
            _ => {}
        }
    }
}

#[test]
fn a_key_written_with_its_default_compares_as_unwritten() {
    let written = parse(
        "[F]\ntype = generic\nurl = tcp://a:7222,tcp://b:7222\nreconnect_attempt_count = 4\nreconnect_attempt_delay = 500\nconnect_attempt_count = 2\nreconnect_attempt_timeout = 0\n",
        IniKind::Factories,
    );
    let unwritten = parse(
        "[F]\ntype = generic\nurl = tcp://a:7222,tcp://b:7222\n",
        IniKind::Factories,
    );
    let changed = parse(
        "[F]\ntype = generic\nurl = tcp://a:7222,tcp://b:7222\nreconnect_attempt_count = 5\n",
        IniKind::Factories,
    );
    let canonical = |f: &IniFile<'_>| f.sections[0].canonical(IniKind::Factories);
    assert_eq!(canonical(&written), canonical(&unwritten));
    assert_ne!(canonical(&changed), canonical(&unwritten));
    assert_eq!(
        canonical(&unwritten)
            .get("reconnect_attempt_count")
            .map(String::as_str),
        Some("4")
    );
}

#[test]
fn limits_are_judged_only_where_documented() {
    let f = IniKind::Factories;
    assert_eq!(limit_problem(f, "RECONNECT_ATTEMPT_DELAY", "250"), None);
    assert!(limit_problem(f, "reconnect_attempt_delay", "249").is_some());
    assert_eq!(limit_problem(f, "connect_attempt_timeout", "0"), None);
    assert!(limit_problem(f, "connect_attempt_timeout", "99").is_some());
    assert_eq!(limit_problem(f, "reconnect_attempt_delay", "soon"), None);
    let long = "c".repeat(256);
    assert!(limit_problem(f, "clientID", &long)
        .is_some_and(|m| m.contains("256 characters") && !m.contains(&long)));
    assert_eq!(limit_problem(f, "clientID", &long[..255]), None);
    assert_eq!(
        limit_problem(IniKind::Routes, "url", &"u".repeat(2000)),
        None
    );
}
