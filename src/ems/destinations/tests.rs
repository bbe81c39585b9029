use super::*;

fn one(text: &str, kind: DestKind) -> Destination<'_> {
    let file = parse(text, kind);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    assert_eq!(file.destinations.len(), 1);
    file.destinations.into_iter().next().unwrap()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn tibco_sample_lines() {
    let text = "> \nsample\n\nqueue.sample\ntest               store=$sys.failsafe,secure,prefetch=2\n\
                business.inventory prefetch=1,maxbytes=1MB\nsupermarket        exclusive,import=RV\n";
    let file = parse(text, DestKind::Queue);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let names: Vec<_> = file.destinations.iter().map(|d| d.name).collect();
    assert_eq!(
        names,
        vec![
            ">",
            "sample",
            "queue.sample",
            "test",
            "business.inventory",
            "supermarket"
        ]
    );
    let gt = &file.destinations[0];
    assert_eq!(&text[gt.line_span.clone()], ">");
    assert_eq!(gt.props().count(), 0);
    let test = file.destination("test").unwrap();
    assert_eq!(
        test.canonical(),
        map(&[
            ("store", "$sys.failsafe"),
            ("secure", ""),
            ("prefetch", "2")
        ])
    );
    assert_eq!(
        &text[test.props().next().unwrap().span],
        "store=$sys.failsafe"
    );
    assert_eq!(
        file.destination("business.inventory").unwrap().canonical(),
        map(&[("prefetch", "1"), ("maxbytes", "1048576")])
    );
}

#[test]
fn documented_topic_example_with_quoted_lists_and_blanks() {
    let text = "business.inventory global, import=\"RV01,RV02\", export=\"RV03\", maxbytes=1MB\n";
    let d = one(text, DestKind::Topic);
    assert_eq!(d.prop("IMPORT").and_then(|p| p.value), Some("RV01,RV02"));
    assert_eq!(
        &text[d.prop("import").unwrap().span.clone()],
        "import=\"RV01,RV02\""
    );
    assert_eq!(
        d.canonical(),
        map(&[
            ("global", ""),
            ("import", "RV01,RV02"),
            ("export", "RV03"),
            ("maxbytes", "1048576"),
        ])
    );
}

#[test]
fn reordered_respaced_and_recased_properties_are_equal() {
    let a = one(
        "q.a  maxbytes=1MB,prefetch=05,overflowPolicy=discardOld,import=\"B, A\",expiration=10min",
        DestKind::Queue,
    );
    let b = one(
        "q.a\timport=\"A,B\" , EXPIRATION=600 ,OverflowPolicy=DISCARDOLD, prefetch=5, MaxBytes=1024kb",
        DestKind::Queue,
    );
    assert_eq!(a.canonical(), b.canonical());
    assert_eq!(a.canonical().get("overflowpolicy").unwrap(), "discardOld");
}

#[test]
fn jndi_names() {
    let text = "[ jndi.b, jndi.a ]orders.in secure\n[x] spaced maxmsgs=10\n[]bare\n";
    let file = parse(text, DestKind::Queue);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let d = &file.destinations[0];
    assert_eq!(d.name, "orders.in");
    assert_eq!(d.jndi, vec!["jndi.b", "jndi.a"]);
    assert_eq!(&text[d.name_span.clone()], "orders.in");
    assert_eq!(d.canonical().get("jndi").unwrap(), "jndi.a,jndi.b");
    assert_eq!(file.destinations[1].name, "spaced");
    assert!(file.destinations[2].jndi.is_empty());
    assert!(!file.destinations[2].canonical().contains_key("jndi"));
}

#[test]
fn wildcards_and_special_names() {
    let text = ">\n_HAWK.>\nfoo.*.bar\n$TMP$.>\nqueue.sample@EMS-SERVER\n";
    let file = parse(text, DestKind::Queue);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    assert_eq!(file.destinations.len(), 5);
}

#[test]
fn flags_sizes_times_and_defaults() {
    let d = one(
        "t trace,flowControl,sender_name,sender_name_enforced,channel=ch1,maxmsgs=0",
        DestKind::Topic,
    );
    let c = d.canonical();
    assert_eq!(c["trace"], "");
    assert_eq!(c["flowcontrol"], "262144");
    assert_eq!(c["channel"], "ch1");
    assert_eq!(c["maxmsgs"], "0");
    let e = one(
        "t flowControl=256KB,trace=BODY,expiration=1500msec",
        DestKind::Topic,
    );
    assert_eq!(e.canonical()["flowcontrol"], "262144");
    assert_eq!(e.canonical()["trace"], "body");
    assert_eq!(e.canonical()["expiration"], "1500msec");
    let q = one(
        "q redeliveryDelay=30min,maxRedelivery=3,prefetch=none,maxbytes=2GB",
        DestKind::Queue,
    );
    let c = q.canonical();
    assert_eq!(c["redeliverydelay"], "1800");
    assert_eq!(c["prefetch"], "none");
    assert_eq!(c["maxbytes"], (2u64 << 30).to_string());
}

#[test]
fn repeated_property_last_wins_but_all_are_kept() {
    let d = one("q prefetch=1,prefetch=2", DestKind::Queue);
    assert_eq!(d.props().count(), 2);
    assert_eq!(d.prop("prefetch").and_then(|p| p.value), Some("2"));
    assert_eq!(d.canonical()["prefetch"], "2");
}

#[test]
fn errors_and_recovery() {
    let bad: &[(&str, &str)] = &[
        ("q frobnicate", "`frobnicate`"),
        ("q import=RV01,RV02", "import=\"RV01,RV02\""),
        ("q *store=$sys.failsafe", "inherited"),
        ("q export=RV", "not a queue property"),
        ("q channel=c", "not a queue property"),
        ("q secure=yes", "takes no value"),
        ("q maxbytes=1TB", "unknown unit `TB`"),
        ("q maxbytes=big", "not a size"),
        ("q maxmsgs=-1", "whole number"),
        ("q maxmsgs=99999999999999999999999", "too large"),
        ("q expiration=5weeks", "unknown unit `weeks`"),
        ("q overflowPolicy=drop", "discardOld"),
        ("q trace=head", "body"),
        ("q store=", "needs a value"),
        ("q secure,,global", "empty property"),
        ("q secure,", "empty property"),
        ("q secure global", "missing comma"),
        ("q store=a global", "missing comma"),
        ("q =5", "no name"),
        ("q import=\"RV01,RV02", "unterminated"),
        ("q import=\"A,,B\"", "empty name"),
        ("[a, ,b]q", "empty JNDI"),
        ("[a q", "not closed"),
        ("[a]", "no queue name"),
        ("a..b", "empty element"),
        (".a", "empty element"),
        ("a.", "empty element"),
        ("q maxRedelivery=1", "0 (off) or 2 to 255"),
        ("q maxRedelivery=256", "256 is out of range"),
        (
            "q redeliveryDelay=10",
            "10sec is out of range: EMS takes 0 (off) or 15sec to 8hour",
        ),
        ("q redeliveryDelay=9hour", "9hour is out of range"),
    ];
    let mut text = String::new();
    for (line, _) in bad {
        text.push_str(line);
        text.push_str("\nok.queue secure\n");
    }
    let file = parse(&text, DestKind::Queue);
    assert_eq!(file.errors.len(), bad.len(), "{:#?}", file.errors);
    assert_eq!(file.destinations.len(), bad.len());
    for (error, (line, want)) in file.errors.iter().zip(bad) {
        assert!(
            error.message.contains(*want),
            "{line}: {} lacks {want}",
            error.message
        );
        assert!(text.get(error.span.clone()).is_some());
    }
    assert!(file.destinations.iter().all(|d| d.name == "ok.queue"));
}

#[test]
fn documented_ranges_and_their_zero() {
    let text = "q maxRedelivery=0\nr maxRedelivery=2,redeliveryDelay=15\ns maxRedelivery=255,redeliveryDelay=8hour\nt redeliveryDelay=0\n";
    let file = parse(text, DestKind::Queue);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    assert_eq!(file.destinations.len(), 4);
}

#[test]
fn topic_only_rules() {
    let file = parse(
        "t exclusive\nt prefetch=none\nt maxRedelivery=2\nt redeliveryDelay=15\n",
        DestKind::Topic,
    );
    assert_eq!(file.errors.len(), 4, "{:?}", file.errors);
    assert!(file.errors[1].message.contains("queues only"));
}

#[test]
fn spans_crlf_comments_bom_and_trailing_blanks() {
    let text = "\u{feff}# c\r\n; c\r\n> \r\n  indented.q   secure , global  \r\n";
    let file = parse(text, DestKind::Queue);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    assert_eq!(file.destinations[0].name, ">");
    let d = &file.destinations[1];
    assert_eq!(&text[d.name_span.clone()], "indented.q");
    assert_eq!(&text[d.line_span.clone()], "indented.q   secure , global");
    assert_eq!(&text[d.props().nth(1).unwrap().span], "global");
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "[", "]", "[]", "\"", "a \"", "a ,", "a =", "a ==", "é ü=ö", "\u{feff}", "a b=\"\"",
    ] {
        let _ = parse(text, DestKind::Queue);
        let _ = parse(text, DestKind::Topic);
    }
}

#[test]
fn corpus_files_parse() {
    let Some(files) = crate::ems::corpus::files(|n| kind_of(n).is_some()) else {
        return;
    };
    let mut seen = 0;
    for path in files {
        let kind = kind_of(path.file_name().and_then(|n| n.to_str()).unwrap()).unwrap();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let file = parse(&text, kind);
        seen += 1;
        if path.extension().is_some_and(|e| e == "erb") {
            continue;
        }
        assert!(
            file.errors.is_empty(),
            "{}: {:?}",
            path.display(),
            file.errors
        );
        assert!(!file.destinations.is_empty(), "{}", path.display());
    }
    assert!(
        seen >= 4,
        "too few queues/topics files under $EMSFTLINT_CORPUS"
    );
}

fn kind_of(name: &str) -> Option<DestKind> {
    let conf = name.ends_with(".conf") || name.ends_with(".conf.erb");
    if conf && name.starts_with("queues") {
        Some(DestKind::Queue)
    } else if conf && name.starts_with("topics") {
        Some(DestKind::Topic)
    } else {
        None
    }
}
