//! `--discover`: a tree of pairs, written in a temporary directory, is found, paired and
//! linted in one command; the summary is right and only the real problems are reported.

mod common;
use common::{stdout, testdata};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

fn emsftlint(dir: &Path, args: &[&str]) -> Output {
    common::emsftlint_with(dir, args, &["--width", "100"])
}

/// Copies a server directory, rewriting every file with `edit`.
fn copy_server(from: &Path, to: &Path, edit: &dyn Fn(&str) -> String) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        std::fs::write(to.join(entry.file_name()), edit(&text)).unwrap();
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// envs/: a clean production pair, a clean test pair under another name, a staging pair
/// whose backup has drifted (a queue's prefetch), a server whose partner is not in the tree,
/// a clean JSON configuration, and unrelated files: a README, a package.json, other .conf
/// files, a .git directory, a target directory and a hidden one that all hold a
/// tibemsd.conf, and a symbolic link loop.
fn estate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let envs = dir.path().join("envs");
    let clean = testdata("pairs/clean");
    let same = |t: &str| t.to_string();
    copy_server(&clean.join("primary"), &envs.join("prod/ems-a"), &same);
    copy_server(&clean.join("backup"), &envs.join("prod/ems-b"), &same);
    let test = |t: &str| {
        t.replace("EMS-ORDERS", "EMS-TEST")
            .replace("ems-a.example.com", "test-a.example.com")
            .replace("ems-b.example.com", "test-b.example.com")
    };
    copy_server(&clean.join("primary"), &envs.join("test/ems-a"), &test);
    copy_server(&clean.join("backup"), &envs.join("test/ems-b"), &test);
    let stage = |t: &str| {
        t.replace("EMS-ORDERS", "EMS-STAGE")
            .replace("ems-a.example.com", "stage-a.example.com")
            .replace("ems-b.example.com", "stage-b.example.com")
    };
    copy_server(&clean.join("primary"), &envs.join("stage/ems-a"), &stage);
    copy_server(
        &clean.join("backup"),
        &envs.join("stage/ems-b"),
        &|t: &str| stage(t).replace("prefetch=5", "prefetch=50"),
    );
    write(
        &envs.join("lone/tibemsd.conf"),
        "server    = EMS-LONE\nlisten    = tcp://lone-a.example.com:7222\nft_active = tcp://lone-b.example.com:7222\n",
    );
    write(
        &envs.join("json/tibemsd.json"),
        &std::fs::read_to_string(testdata("json/orders/tibemsd.json")).unwrap(),
    );
    // Unrelated files and directories.
    write(&dir.path().join("README.md"), "# our EMS estate\n");
    write(
        &dir.path().join("package.json"),
        "{\"name\": \"estate\", \"tibemsd\": 1}\n",
    );
    write(&envs.join("prod/ems-a/logging.conf"), "level = debug\n");
    write(&envs.join("tools.conf"), "this is not EMS\n");
    for skipped in [".git", "target", ".cache"] {
        write(
            &dir.path().join(skipped).join("tibemsd.conf"),
            "server = EMS-GHOST\nft_active = tcp://ghost:7222\n",
        );
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink("../..", envs.join("prod/ems-a/loop")).unwrap();
    dir
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Lines that keep a fixture pair clear of the startup and heartbeat warnings, which these
/// tests are not about.
const QUIET: &str =
    "startup_abort_list = CONFIG_ERRORS,DB_FILES\nclient_timeout_server_connection = 20\n";

/// What keeps a minimal pair free of the startup and heartbeat warnings.
const WATCHED: &str =
    "startup_abort_list = CONFIG_ERRORS,DB_FILES\nclient_timeout_server_connection = 20\n";

#[test]
fn a_tree_of_pairs_is_summarised_and_only_its_real_problems_reported() {
    let dir = estate();
    let out = emsftlint(dir.path(), &["--discover", ".", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    let pairs: Vec<(String, String, u64, u64, u64)> = doc["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["primary"].as_str().unwrap().to_string(),
                p["backup"].as_str().unwrap_or("-").to_string(),
                p["summary"]["error"].as_u64().unwrap(),
                p["summary"]["warning"].as_u64().unwrap(),
                p["summary"]["info"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        (
            "./envs/json/tibemsd.json",
            "./envs/json/tibemsd.json",
            0,
            0,
            0,
        ),
        ("./envs/lone/tibemsd.conf", "-", 0, 1, 0),
        (
            "./envs/prod/ems-a/tibemsd.conf",
            "./envs/prod/ems-b/tibemsd.conf",
            0,
            0,
            0,
        ),
        (
            "./envs/stage/ems-a/tibemsd.conf",
            "./envs/stage/ems-b/tibemsd.conf",
            1,
            0,
            0,
        ),
        (
            "./envs/test/ems-a/tibemsd.conf",
            "./envs/test/ems-b/tibemsd.conf",
            0,
            0,
            0,
        ),
    ]
    .map(|(a, b, e, w, i)| (a.to_string(), b.to_string(), e, w, i));
    assert_eq!(pairs, expected);

    let findings = doc["findings"].as_array().unwrap();
    let seen: BTreeSet<(String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["pair"]["primary"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        BTreeSet::from([
            (
                "destination-mismatch".into(),
                "./envs/stage/ems-a/tibemsd.conf".into()
            ),
            (
                "ft-partner-missing".into(),
                "./envs/lone/tibemsd.conf".into()
            ),
        ])
    );
    let drift = findings
        .iter()
        .find(|f| f["rule"] == "destination-mismatch")
        .unwrap();
    assert!(drift["message"].as_str().unwrap().contains("orders.in"));
    assert_eq!(drift["pair"]["backup"], "./envs/stage/ems-b/tibemsd.conf");
    assert_eq!(doc["summary"]["error"], 1);
    assert_eq!(doc["summary"]["warning"], 1);
}

#[test]
fn the_human_report_starts_with_the_summary_table() {
    let dir = estate();
    let out = emsftlint(dir.path(), &["--discover", "envs"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    // Only the pairs with findings are listed; the clean ones are counted in the summary.
    let table: Vec<&str> = text.lines().take(6).collect();
    assert_eq!(
        table,
        [
            "under envs: 4 FT pairs, 1 server without its partner",
            "",
            "servers                                                        errors  warnings  infos  what",
            "envs/lone/tibemsd.conf                                              0         1      0  has ft_active, no partner under the tree",
            "envs/stage/ems-a/tibemsd.conf ↔ envs/stage/ems-b/tibemsd.conf       1         0      0  FT pair, primary first in path order",
            "",
        ]
    );
    // --quiet: the findings alone.
    let out = emsftlint(dir.path(), &["--discover", "envs", "-q"]);
    let quiet = String::from_utf8(out.stdout).unwrap();
    assert!(!quiet.contains("under envs"), "{quiet}");
    assert!(!quiet.contains("errors  warnings"), "{quiet}");
    assert!(quiet.contains("destination-mismatch"), "{quiet}");
    assert!(text.contains("── envs/stage/ems-a/tibemsd.conf ↔ envs/stage/ems-b/tibemsd.conf ──"));
    assert!(
        text.ends_with(
            "✖ 1 error, 1 warning, 0 infos (under envs: 4 FT pairs, 1 server without its partner; 3 without findings)\n"
        ),
        "{text}"
    );
}

#[test]
fn every_format_carries_the_pair() {
    let dir = estate();
    let concise = emsftlint(dir.path(), &["--discover", "envs", "--format", "concise"]);
    let text = String::from_utf8(concise.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("[FT304 ft-partner-missing]")
                && l.ends_with("[pair envs/lone/tibemsd.conf]")),
        "{text}"
    );
    let github = emsftlint(dir.path(), &["--discover", "envs", "--format", "github"]);
    let text = String::from_utf8(github.stdout).unwrap();
    assert!(text.contains("[pair envs/stage/ems-a/tibemsd.conf ↔ envs/stage/ems-b/tibemsd.conf]"));
    let sarif = emsftlint(dir.path(), &["--discover", "envs", "--format", "sarif"]);
    let doc = json(&sarif);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .all(|r| r["properties"]["pair"]["primary"].is_string()));
    let junit = emsftlint(dir.path(), &["--discover", "envs", "--format", "junit"]);
    let xml = String::from_utf8(junit.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suites: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(suites.len(), 5, "{suites:?}");
    let html = emsftlint(dir.path(), &["--discover", "envs", "--format", "html"]);
    let page = String::from_utf8(html.stdout).unwrap();
    assert!(page.contains("By pair"));
}

#[test]
fn a_clean_tree_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let clean = testdata("pairs/clean");
    copy_server(&clean.join("primary"), &dir.path().join("a"), &|t: &str| {
        t.to_string()
    });
    copy_server(&clean.join("backup"), &dir.path().join("b"), &|t: &str| {
        t.to_string()
    });
    let out = emsftlint(dir.path(), &["--discover", ".", "--format", "concise"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn three_servers_of_one_name_are_reported_when_the_links_do_not_pair_them() {
    let dir = tempfile::tempdir().unwrap();
    for (name, listen, peer) in [("a", "a", "b"), ("b", "b", "a"), ("c", "c", "a")] {
        write(
            &dir.path().join(name).join("tibemsd.conf"),
            &format!(
                "server = EMS-X\nlisten = tcp://{listen}:7222\nft_active = tcp://{peer}:7222\n{QUIET}"
            ),
        );
    }
    let out = emsftlint(dir.path(), &["--discover", ".", "--format", "json"]);
    let doc = json(&out);
    let rules: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["server-name-ambiguous"]);
    assert_eq!(doc["findings"][0]["pair"]["primary"], "./c/tibemsd.conf");
    assert_eq!(doc["pairs"][0]["backup"], "./b/tibemsd.conf");
}

#[test]
fn two_servers_sharing_a_name_without_ft_active_are_linted_alone() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["dev", "prod"] {
        write(
            &dir.path().join(name).join("tibemsd.conf"),
            &format!("server = EMS\nlisten = tcp://{name}:7222\n"),
        );
    }
    let out = emsftlint(dir.path(), &["--discover", ".", "--format", "json"]);
    let doc = json(&out);
    assert_eq!(doc["findings"].as_array().unwrap().len(), 0, "{doc}");
    assert_eq!(doc["pairs"].as_array().unwrap().len(), 2);
    assert!(doc["pairs"][0]["backup"].is_null());
}

#[cfg(unix)]
#[test]
fn a_main_file_that_is_a_link_loop_is_a_finding_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("x")).unwrap();
    std::os::unix::fs::symlink("tibemsd.conf", dir.path().join("x/tibemsd.conf")).unwrap();
    let out = emsftlint(dir.path(), &["--discover", ".", "--format", "concise"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "./x/tibemsd.conf:1:1: error[FT901 missing-file] ./x/tibemsd.conf is a symbolic link loop\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn discover_needs_a_directory_and_takes_no_paths() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("f"), "x");
    let out = emsftlint(dir.path(), &["--discover", "f"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "emsftlint: f: --discover needs a directory\n"
    );
    let out = emsftlint(dir.path(), &["--discover", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let out = emsftlint(dir.path(), &["a", "--discover", "."]);
    assert_eq!(out.status.code(), Some(2));
}

/// Kind and sides of each pair of the JSON document, in order: `(primary, backup, kind, sides)`.
fn entries(doc: &serde_json::Value) -> Vec<(String, Option<String>, String, Option<String>)> {
    doc["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["primary"].as_str().unwrap().to_string(),
                p["backup"].as_str().map(str::to_string),
                p["kind"].as_str().unwrap().to_string(),
                p["sides"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn standalone_servers_that_keep_the_default_name_are_standalone_not_ambiguous() {
    let dir = tempfile::tempdir().unwrap();
    // TIBCO's installer names every server EMS-SERVER and listens on tcp://7222.
    for name in ["billing", "orders", "reports"] {
        write(
            &dir.path().join(name).join("tibemsd.conf"),
            "server = EMS-SERVER\nlisten = tcp://7222\n",
        );
    }
    write(
        &dir.path().join("docker/tibemsd.json"),
        "{\"tibemsd\": {\"server\": \"EMS-SERVER\", \"primary_listens\": [{\"url\": \"tcp://7222\"}]}}\n",
    );
    let out = emsftlint(dir.path(), &["--discover", ".", "--format", "json"]);
    let doc = json(&out);
    assert_eq!(doc["findings"].as_array().unwrap().len(), 0, "{doc}");
    assert_eq!(out.status.code(), Some(0));
    let kinds: Vec<(String, Option<String>, String, Option<String>)> = entries(&doc);
    assert_eq!(kinds.len(), 4, "{doc}");
    for (primary, backup, kind, _) in &kinds {
        assert_eq!(kind, "standalone", "{primary}");
        assert_eq!(backup, &None, "{primary}");
    }
    assert_eq!(doc["inputs"]["tree"]["standalone"], 4);
    assert_eq!(doc["inputs"]["tree"]["ft_pairs"], 0);
    let human = emsftlint(dir.path(), &["--discover", "."]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert_eq!(
        text,
        "under .: 0 FT pairs, 4 standalone servers\n\n✔ no findings (under .: 0 FT pairs, 4 standalone servers; 4 without findings)\n"
    );
}

#[test]
fn servers_pair_by_their_links_and_the_sides_say_how_they_were_named() {
    let dir = tempfile::tempdir().unwrap();
    // x points at y both ways: path order. q's ft_active reaches p, p's reaches nothing
    // under the tree: q is the primary. Names play no part.
    for (name, server, listen, peer) in [
        ("x", "EMS-ONE", "x", "y"),
        ("y", "EMS-ONE", "y", "x"),
        ("p", "EMS-TWO", "p", "gone"),
        ("q", "EMS-TWO", "q", "p"),
    ] {
        write(
            &dir.path().join(name).join("tibemsd.conf"),
            &format!(
                "server = {server}\nlisten = tcp://{listen}:7222\nft_active = tcp://{peer}:7222\n{WATCHED}"
            ),
        );
    }
    let out = emsftlint(dir.path(), &["--discover", ".", "--format", "json"]);
    let doc = json(&out);
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        entries(&doc),
        [
            (
                "./q/tibemsd.conf".to_string(),
                some("./p/tibemsd.conf"),
                "pair".to_string(),
                some("ft-active")
            ),
            (
                "./x/tibemsd.conf".to_string(),
                some("./y/tibemsd.conf"),
                "pair".to_string(),
                some("path-order")
            ),
        ]
    );
    // q ↔ p has a finding (p's ft_active reaches no server); x ↔ y, clean, is not listed.
    let text = String::from_utf8(emsftlint(dir.path(), &["--discover", "."]).stdout).unwrap();
    assert!(
        text.contains("FT pair, primary is the one whose ft_active reaches the other"),
        "{text}"
    );
    assert!(!text.contains("./x/tibemsd.conf"), "{text}");
    assert!(
        text.contains("(under .: 2 FT pairs; 1 without findings)"),
        "{text}"
    );
}

#[test]
fn a_server_whose_ft_active_reaches_a_standalone_server_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("a/tibemsd.conf"),
        "server = EMS-A\nlisten = tcp://a:7222\nft_active = tcp://b:7222\n",
    );
    write(
        &dir.path().join("b/tibemsd.conf"),
        "server = EMS-A\nlisten = tcp://b:7222\n",
    );
    let out = emsftlint(dir.path(), &["--discover", ".", "--format", "json"]);
    let doc = json(&out);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{doc}");
    assert_eq!(findings[0]["rule"], "ft-partner-missing");
    assert!(
        findings[0]["message"].as_str().unwrap().contains(
            "which reaches ./b/tibemsd.conf, but that server has no `ft_active` of its own"
        ),
        "{doc}"
    );
    let kinds: Vec<String> = entries(&doc).into_iter().map(|e| e.2).collect();
    assert_eq!(kinds, ["unpaired", "standalone"]);
}

#[test]
fn the_only_two_servers_of_a_name_with_ft_active_are_a_pair_even_when_their_links_miss() {
    let dir = tempfile::tempdir().unwrap();
    // Each ft_active names the peer by a name its listen does not use.
    for (name, listen, peer) in [("a", "ems-a", "ems-b.prod"), ("b", "ems-b", "ems-a.prod")] {
        write(
            &dir.path().join(name).join("tibemsd.conf"),
            &format!(
                "server = EMS-ORDERS\nlisten = tcp://{listen}:7222\nft_active = tcp://{peer}:7222\n{QUIET}"
            ),
        );
    }
    let out = emsftlint(dir.path(), &["--discover", ".", "--format", "json"]);
    let doc = json(&out);
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        entries(&doc),
        [(
            "./a/tibemsd.conf".to_string(),
            some("./b/tibemsd.conf"),
            "pair-by-name".to_string(),
            some("path-order")
        )]
    );
    let rules: BTreeSet<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, BTreeSet::from(["ft-active-not-reciprocal"]), "{doc}");
}

#[test]
fn a_host_less_route_to_one_server_of_a_pair_is_a_warning() {
    // TIBCO's samples: a pair on ports 7222 and 7224 of one machine, and a route to
    // `tcp://7222` from another server. Host-less URLs meet only on one machine.
    let dir = tempfile::tempdir().unwrap();
    for (name, server, listen, peer) in [
        ("a", "EMS-SERVER", "7222", "7224"),
        ("b", "EMS-SERVER", "7224", "7222"),
    ] {
        write(
            &dir.path().join(name).join("tibemsd.conf"),
            &format!(
                "server = {server}\nlisten = tcp://{listen}\nft_active = tcp://{peer}\n{WATCHED}"
            ),
        );
    }
    write(
        &dir.path().join("r/tibemsd.conf"),
        "server = EMS-ROUTER\nlisten = tcp://7022\nroutes = routes.conf\n",
    );
    write(
        &dir.path().join("r/routes.conf"),
        "[EMS-SERVER]\n  url=tcp://7222\n",
    );
    let out = emsftlint(dir.path(), &["--discover", ".", "--format", "concise"]);
    let text = stdout(&out);
    let route: Vec<&str> = text.lines().filter(|l| l.contains("FT133")).collect();
    assert_eq!(route.len(), 1, "{text}");
    assert!(route[0].contains("warning[FT133"), "{text}");
    // Named hosts prove it: an error.
    write(
        &dir.path().join("r/routes.conf"),
        "[EMS-SERVER]\n  url=tcp://ems-a:7222\n",
    );
    for (name, listen) in [("a", "ems-a:7222"), ("b", "ems-b:7224")] {
        let peer = if name == "a" {
            "ems-b:7224"
        } else {
            "ems-a:7222"
        };
        write(
            &dir.path().join(name).join("tibemsd.conf"),
            &format!(
                "server = EMS-SERVER\nlisten = tcp://{listen}\nft_active = tcp://{peer}\n{WATCHED}"
            ),
        );
    }
    let text = stdout(&emsftlint(
        dir.path(),
        &["--discover", ".", "--format", "concise"],
    ));
    assert!(text.contains("error[FT133"), "{text}");
}
