use super::*;
use crate::ems::destinations::parse;

/// The effective properties of `name` in a file of `kind` with these lines.
fn of(kind: DestKind, text: &str, name: &'static str) -> [Fields; READINGS] {
    let file = parse(text, kind);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let index = DestinationIndex::new(&file);
    let destinations = Destinations {
        kind,
        file: &file,
        index: &index,
    };
    destinations.effective(name).into_owned().readings
}

fn queue(text: &str, name: &'static str) -> Fields {
    let [first, second] = of(DestKind::Queue, text, name);
    assert_eq!(first, second, "the readings differ for {name}");
    first
}

fn fields(pairs: &[(&str, &str)]) -> Fields {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn flags_are_inherited_from_every_parent_and_add_to_the_own_line() {
    // TIBCO's examples: `foo.* secure` / `foo.bar sender_name`, and `> sender_name` /
    // `foo.* secure` / `foo.bar trace`.
    let text = "> sender_name\nfoo.* secure\nfoo.bar trace\nfoo.bob\nother\n";
    assert_eq!(
        queue(text, "foo.bar"),
        fields(&[
            ("prefetch", "5"),
            ("secure", ""),
            ("sender_name", ""),
            ("trace", "")
        ])
    );
    assert_eq!(
        queue(text, "foo.bob"),
        fields(&[("prefetch", "5"), ("secure", ""), ("sender_name", "")])
    );
    // A dynamic destination gets them too.
    assert_eq!(
        queue(text, "foo.new"),
        fields(&[("prefetch", "5"), ("secure", ""), ("sender_name", "")])
    );
    assert_eq!(
        queue(text, "other"),
        fields(&[("prefetch", "5"), ("sender_name", "")])
    );
}

#[test]
fn an_own_value_overrides_and_of_several_parents_the_smallest_wins() {
    // TIBCO: `foo.* maxbytes=200` / `foo.bar maxbytes=2000` gives 2000; `> maxbytes=2000` /
    // `foo.* maxbytes=200` / `foo.bar` gives 200.
    assert_eq!(
        queue("foo.* maxbytes=200\nfoo.bar maxbytes=2000\n", "foo.bar")["maxbytes"],
        "2000"
    );
    assert_eq!(
        queue("> maxbytes=2000\nfoo.* maxbytes=200\nfoo.bar\n", "foo.bar")["maxbytes"],
        "200"
    );
    assert_eq!(
        queue(
            "> maxmsgs=10\nfoo.> maxmsgs=5,expiration=1min\n> \n",
            "foo.a.b"
        )["maxmsgs"],
        "5"
    );
    assert_eq!(
        queue("> expiration=10min\nfoo.* expiration=90\n", "foo.x")["expiration"],
        "90"
    );
}

#[test]
fn zero_limits_are_no_limit_and_the_silent_cases_give_two_readings() {
    // `maxbytes=0` on its own is the same as not set.
    assert_eq!(queue("q maxbytes=0\n", "q"), queue("q\n", "q"));
    // A parent's 0 beside another parent's limit: no value, or the smallest one.
    let [first, second] = of(
        DestKind::Queue,
        "> maxbytes=0\nfoo.* maxbytes=200\n",
        "foo.x",
    );
    assert_eq!(first["maxbytes"], "200");
    assert!(!second.contains_key("maxbytes"));
    // An own 0 under a parent's limit: inherit it, or lift it.
    let [first, second] = of(
        DestKind::Queue,
        "foo.* maxmsgs=9\nfoo.x maxmsgs=0\n",
        "foo.x",
    );
    assert_eq!(first["maxmsgs"], "9");
    assert!(!second.contains_key("maxmsgs"));
    // expiration=0 means "never expire", not "not set".
    assert_eq!(queue("q expiration=0\n", "q")["expiration"], "0");
}

#[test]
fn prefetch_follows_its_own_inheritance_rule() {
    // Own value wins; 0 inherits.
    assert_eq!(queue("> prefetch=7\nq prefetch=2\n", "q")["prefetch"], "2");
    assert_eq!(queue("> prefetch=7\nq prefetch=0\n", "q")["prefetch"], "7");
    assert_eq!(
        queue("> prefetch=7\nq prefetch=none\n", "q")["prefetch"],
        "none"
    );
    // A number anywhere in the parent chain wins over none, and the largest number wins.
    assert_eq!(
        queue("> prefetch=none\nq.* prefetch=3\nq.> prefetch=8\n", "q.a")["prefetch"],
        "8"
    );
    // none only when the parents say none.
    assert_eq!(
        queue("> prefetch=none\nq.* prefetch=none\n", "q.a")["prefetch"],
        "none"
    );
    // The default when nothing sets a number: 5 for queues, 64 for topics.
    assert_eq!(queue("q\n", "q")["prefetch"], "5");
    let [topic, _] = of(DestKind::Topic, "t\n", "t");
    assert_eq!(topic["prefetch"], "64");
    // A parent with no prefetch beside one with none: the docs leave it open.
    let [first, second] = of(DestKind::Queue, ">\nq.* prefetch=none\n", "q.a");
    assert_eq!(
        (first["prefetch"].as_str(), second["prefetch"].as_str()),
        ("none", "5")
    );
}

#[test]
fn overflow_policy_prefers_reject_incoming_then_discard_old() {
    let text = "> overflowPolicy=discardOld\nq.* overflowPolicy=rejectIncoming\nr.* overflowPolicy=default\n";
    assert_eq!(queue(text, "q.a")["overflowpolicy"], "rejectIncoming");
    assert_eq!(queue(text, "r.a")["overflowpolicy"], "discardOld");
    let own = "> overflowPolicy=rejectIncoming\nq overflowPolicy=discardOld\n";
    assert_eq!(queue(own, "q")["overflowpolicy"], "discardOld");
    // `default` on the line itself does not override a parent's policy; alone it is the
    // default and not shown.
    let reset = "> overflowPolicy=rejectIncoming\nq overflowPolicy=default\n";
    assert_eq!(queue(reset, "q")["overflowpolicy"], "rejectIncoming");
    assert!(!queue("q overflowPolicy=default\n", "q").contains_key("overflowpolicy"));
}

#[test]
fn one_store_per_destination_and_overlapping_wildcards_conflict() {
    // TIBCO: `> store=everythingelse` / `giants.games store=baseball`.
    let text = "> store=everythingelse\ngiants.games store=baseball\n";
    assert_eq!(queue(text, "giants.games")["store"], "baseball");
    assert_eq!(queue(text, "giants.other")["store"], "everythingelse");
    let overlapping = "> store=a\ngiants.* store=b\n";
    assert!(is_conflict(&queue(overlapping, "giants.x")["store"]));
    // The default store, written or not, is the same.
    assert_eq!(queue("q store=$sys.nonfailsafe\n", "q"), queue("q\n", "q"));
    assert!(!is_conflict(
        &queue("> store=a\ngiants.* store=a\n", "giants.x")["store"]
    ));
}

#[test]
fn import_and_export_lists_add_up_or_are_replaced() {
    let text = "> import=\"RV1\"\nq import=\"RV2,RV3\"\n";
    let [first, second] = of(DestKind::Queue, text, "q");
    assert_eq!(first["import"], "RV1,RV2,RV3");
    assert_eq!(second["import"], "RV2,RV3");
}

#[test]
fn trace_body_wins_over_plain_trace() {
    assert_eq!(queue("> trace=body\nq trace\n", "q")["trace"], "body");
    assert_eq!(queue("> trace\nq\n", "q")["trace"], "");
}

#[test]
fn jndi_names_are_the_lines_own() {
    let text = "[a.jndi]> secure\n[z, b]q\n";
    assert_eq!(queue(text, "q")["jndi"], "b,z");
    assert!(!queue(text, "other").contains_key("jndi"));
}

#[test]
fn the_last_definition_is_the_one_and_parents_exclude_the_destination_itself() {
    let file = parse(
        "orders.> secure\norders.a prefetch=1\norders.a prefetch=2\nx.y\n",
        DestKind::Queue,
    );
    let index = DestinationIndex::new(&file);
    let d = Destinations {
        kind: DestKind::Queue,
        file: &file,
        index: &index,
    };
    assert_eq!(
        d.get("orders.a")
            .and_then(|q| q.prop("prefetch"))
            .and_then(|p| p.value),
        Some("2")
    );
    let parents: Vec<&str> = d.parents("orders.a").map(|p| p.name).collect();
    assert_eq!(parents, vec!["orders.>"]);
    assert_eq!(d.parents("orders.>").count(), 0);
    let children: Vec<&str> = d.children("orders.>").iter().map(|c| c.name).collect();
    assert_eq!(children, vec!["orders.a"]);
    assert!(d.allows("orders.new") && !d.allows("x.z") && d.allows("x.y"));
    let effective = d.effective("orders.a");
    assert_eq!(
        effective.inherited_from("secure", "orders.a"),
        vec!["orders.>"]
    );
    assert!(effective.inherited_from("prefetch", "orders.a").is_empty());
}

#[test]
fn agreement_under_either_reading() {
    let kind = DestKind::Queue;
    let a = parse("> maxbytes=0\nfoo.* maxbytes=200\n", kind);
    let b = parse("foo.* maxbytes=200\n", kind);
    let c = parse(">\n", kind);
    let effective = |file: &DestinationsFile<'static>| {
        let index = DestinationIndex::new(file);
        Destinations {
            kind,
            file,
            index: &index,
        }
        .effective("foo.x")
        .into_owned()
    };
    let (ea, eb, ec) = (effective(&a), effective(&b), effective(&c));
    assert!(ea.agrees(&eb), "the first reading gives 200 on both");
    assert!(ea.agrees(&ec), "the second gives no limit on both");
    assert!(!eb.agrees(&ec));
}

#[test]
fn values_are_shown_with_units_and_their_defaults() {
    assert_eq!(shown("maxbytes", Some("1073741824")), "1GB");
    assert_eq!(shown("maxbytes", Some("1500")), "1500");
    assert_eq!(shown("maxbytes", None), "not set (no limit)");
    assert_eq!(shown("store", None), "$sys.nonfailsafe (the default)");
    assert_eq!(shown("secure", Some("")), "set");
    assert_eq!(shown("prefetch", Some("none")), "none");
}

#[test]
fn a_wildcard_inherits_only_from_wildcards_that_cover_it() {
    let text = "orders.* secure\norders.> sender_name\norders.>\norders.*\n";
    let file = parse(text, DestKind::Queue);
    let index = DestinationIndex::new(&file);
    let d = Destinations {
        kind: DestKind::Queue,
        file: &file,
        index: &index,
    };
    let of_gt: Vec<&str> = d.parents("orders.>").map(|p| p.name).collect();
    assert!(of_gt.is_empty(), "{of_gt:?}");
    let of_star: Vec<&str> = d.parents("orders.*").map(|p| p.name).collect();
    assert_eq!(of_star, vec!["orders.>"]);
}
