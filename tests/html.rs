//! The HTML report: reviewed snapshots of the page, hostile configuration text that stays
//! inert text, and no secret anywhere in the page (text, attributes or script).

mod common;
use common::testdata;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn lint(dir: &Path, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir)
        .args(["primary", "backup", "--no-config", "--format", format])
        .output()
        .expect("emsftlint runs");
    assert!(
        out.stderr.is_empty(),
        "{}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{}: findings", dir.display());
    String::from_utf8(out.stdout).expect("UTF-8 page")
}

/// The page with the bodies of its style sheet and script elided: they are the same for every
/// report, and the browser test (.ci/html-browser-test) checks that they work.
fn elide_assets(page: &str) -> String {
    let mut page = page.to_string();
    for (open, close) in [("<style>\n", "</style>"), ("<script>\n", "</script>")] {
        let start = page.find(open).expect("an inline element") + open.len();
        let end = start + page[start..].find(close).expect("closed");
        page.replace_range(start..end, "…\n");
    }
    page
}

#[test]
fn the_example_page_matches_its_reviewed_snapshot() {
    let page = lint(&testdata("example"), "html");
    assert_eq!(
        page,
        lint(&testdata("example"), "html"),
        "the same input gives the same page"
    );
    insta::assert_snapshot!("example", elide_assets(&page));
}

/// A finding with no line on one side (the user is missing from backup's users.conf).
#[test]
fn a_finding_without_a_span_matches_its_reviewed_snapshot() {
    let page = lint(&testdata("pairs/server-user-missing"), "html");
    insta::assert_snapshot!("server_user_missing", elide_assets(&page));
}

/// The page holds every finding of the JSON report, with its severity and rule as the
/// filters read them, and is complete without script: nothing is hidden but the filters.
#[test]
fn every_finding_is_on_the_page_and_shown_without_script() {
    for case in [
        "example",
        "pairs/drift",
        "pairs/group-mismatch",
        "pairs/not-utf8",
    ] {
        let dir = testdata(case);
        let page = lint(&dir, "html");
        let json: serde_json::Value = serde_json::from_str(&lint(&dir, "json")).unwrap();
        let findings = json["findings"].as_array().unwrap();
        assert_eq!(
            page.matches("<article class=\"finding ").count(),
            findings.len(),
            "{case}"
        );
        for f in findings {
            let (code, severity) = (f["code"].as_str().unwrap(), f["severity"].as_str().unwrap());
            assert!(
                page.contains(&format!(
                    "data-severity=\"{severity}\" data-rule=\"{code}\""
                )),
                "{case}: {code}"
            );
            assert!(
                page.contains(&format!("<details class=\"rule-page\" id=\"rule-{code}\">")),
                "{case}: the page of {code} is embedded"
            );
        }
        let hidden: Vec<String> = tags(&page)
            .into_iter()
            .filter(|t| {
                t.attributes
                    .iter()
                    .any(|(a, _)| a == "hidden" || a == "style")
            })
            .map(|t| t.name)
            .collect();
        assert_eq!(hidden, ["form"], "{case}: only the filters start hidden");
    }
}

/// Each embedded rule page says, right after what its severity means, why the rule has it.
#[test]
fn every_rule_page_says_why_the_rule_has_its_severity() {
    let page = lint(&testdata("example"), "html");
    let pages: Vec<&str> = page.split("<details class=\"rule-page\"").skip(1).collect();
    assert!(pages.len() >= 3, "{page}");
    for rule_page in pages {
        let severity = ["error", "warning", "info"]
            .into_iter()
            .find(|s| rule_page.contains(&format!("· {s} by default ·")))
            .expect("a default severity");
        let meaning = format!("<p class=\"meta\">{severity}: ");
        let after_meaning = rule_page
            .lines()
            .position(|l| l.starts_with(&meaning))
            .and_then(|at| rule_page.lines().nth(at + 1))
            .unwrap_or_default();
        let mut verdict = severity.to_string();
        verdict[..1].make_ascii_uppercase();
        assert!(
            after_meaning.starts_with(&format!("<p class=\"severity-reason\">{verdict}")),
            "{rule_page}"
        );
    }
    assert!(
        page.contains("<p class=\"severity-reason\">Error when no <code>listen</code> of the peer"),
        "code spans in the reason are rendered as code"
    );
}

/// The page loads nothing: no external script, style sheet, image, font or frame.
#[test]
fn the_page_is_self_contained() {
    let page = lint(&testdata("example"), "html");
    for tag in tags(&page) {
        for (name, value) in &tag.attributes {
            assert!(
                !matches!(
                    name.as_str(),
                    "src" | "srcset" | "action" | "formaction" | "data" | "poster"
                ),
                "<{} {name}={value}>",
                tag.name
            );
            if name == "href" {
                assert!(
                    value.starts_with('#') || (tag.name == "a" && value.starts_with("https://")),
                    "only anchors and links to documentation: {value}"
                );
            }
        }
        assert!(
            !matches!(
                tag.name.as_str(),
                "link" | "img" | "iframe" | "object" | "embed" | "base"
            ),
            "<{}>",
            tag.name
        );
    }
    assert!(
        !page.contains("@import") && !page.contains("url("),
        "no CSS resource"
    );
    assert_eq!(page.matches("<script").count(), 1);
}

/// One tag of the page: its name and attributes as a browser would read them.
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// Every tag, skipping the bodies of `<style>` and `<script>`. Text in the page never holds a
/// raw `<` (it is escaped), so each `<` starts a tag.
fn tags(page: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').expect("every tag is closed");
        let inside = &rest[..end];
        rest = &rest[end + 1..];
        let closing = inside.starts_with('/');
        let inside = inside.strip_prefix('/').unwrap_or(inside);
        let name_end = inside
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inside.len());
        let name = inside[..name_end].to_ascii_lowercase();
        let mut attributes = Vec::new();
        let mut a = inside[name_end..].trim_start();
        while !a.is_empty() {
            let n = a
                .find(|c: char| c.is_whitespace() || c == '=')
                .unwrap_or(a.len());
            let attr = a[..n].to_ascii_lowercase();
            a = &a[n..];
            let value = if let Some(v) = a.strip_prefix("=\"") {
                let close = v.find('"').expect("attribute values are double-quoted");
                a = &v[close + 1..];
                v[..close].to_string()
            } else {
                assert!(
                    !a.starts_with('='),
                    "unquoted attribute value in <{name} {attr}{a}>"
                );
                String::new()
            };
            attributes.push((attr, value));
            a = a.trim_start();
        }
        if !closing && (name == "style" || name == "script") {
            let close = rest.find(&format!("</{name}>")).expect("closed");
            rest = &rest[close..];
        }
        out.push(Tag { name, attributes });
    }
    out
}

const INJECTIONS: [&str; 5] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "&amp;",
    "</style>",
    "-->",
];

/// A pair whose configurations quote hostile text in the values, entry names, descriptions
/// and comments that findings quote, and hold secrets in tibemsd.conf and users.conf.
fn hostile_pair() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let comment = format!("# {}", INJECTIONS.join(" "));
    let files = [
        (
            "primary/tibemsd.conf",
            format!(
                "{comment}\nserver = EMS-<script>alert(1)</script>\npassword = Pr1mary-S3cret<b>&amp;\"x\nauthorization = enabled\nusers = users.conf\nqueues = queues.conf\nlisten = tcp://ems-a:7222\nft_active = tcp://ems-b:7222\n# </script><script>alert(1)</script>\nmax_msg_memory = 512MB\n"
            ),
        ),
        (
            "backup/tibemsd.conf",
            format!(
                "{comment}\nserver = EMS-\"><img/src=x/onerror=alert(1)>\npassword = B4ckup-S3cret</script>&amp;\nauthorization = enabled\nusers = users.conf\nqueues = queues.conf\nlisten = tcp://ems-b:7222\nft_active = tcp://ems-a:7222\n# </script><script>alert(1)</script>\nmax_msg_memory = 1GB\n"
            ),
        ),
        (
            "primary/users.conf",
            format!(
                "{comment}\nEMS-<script>alert(1)</script>:$2$SaltP1$PrimaryHashS3cretValue:\"peer\"\napp:$2$SaltP2$AppHashS3cretValueP:\"Orders <script>alert(1)</script> &amp; --> </style>\"\n"
            ),
        ),
        (
            "backup/users.conf",
            format!(
                "{comment}\nEMS-\"><img/src=x/onerror=alert(1)>:$2$SaltB1$BackupHashS3cretValue:\"peer\"\napp:$2$SaltB2$AppHashS3cretValueB:\"Orders '><img src=x onerror=alert(1)> &amp; </script>\"\n"
            ),
        ),
        (
            "primary/queues.conf",
            format!("{comment}\n>\nq.<script>alert(1)</script> secure\nq.\"><img/src=x/onerror=alert(1)> maxmsgs=10\n"),
        ),
        (
            "backup/queues.conf",
            format!("{comment}\n>\nq.\"><img/src=x/onerror=alert(1)> maxmsgs=20\nq.&amp;</style>--> secure\n"),
        ),
    ];
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn hostile_configuration_text_stays_inert_text() {
    let pair = hostile_pair();
    let page = lint(pair.path(), "html");
    let concise = lint(pair.path(), "concise");
    // The rules do quote the hostile text: in messages, and in the lines and their context.
    for rule in [
        "server-name-mismatch",
        "destination-mismatch",
        "user-description-mismatch",
    ] {
        assert!(concise.contains(rule), "{rule} fires:\n{concise}");
    }
    assert!(page.contains("EMS-&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("EMS-&quot;&gt;&lt;img/src=x/onerror=alert(1)&gt;"));
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("&amp;amp;"));
    assert!(page.contains("&lt;/style&gt;"));
    assert!(page.contains("--&gt;"));

    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<img"));
    assert!(!page.contains("-->") && !page.contains("<!--"));
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert_eq!(page.matches("</script").count(), 1);
    assert_eq!(
        page.matches("<style").count(),
        1,
        "only the page's own style sheet"
    );
    assert_eq!(page.matches("</style").count(), 1);
    // `&amp;` is in the page as `&amp;amp;`, `</style>` as the page's own, counted above.
    for injection in INJECTIONS
        .iter()
        .filter(|i| !["&amp;", "</style>"].contains(*i))
    {
        assert!(!page.contains(injection), "{injection} appears unescaped");
    }
    let known: BTreeSet<&str> = [
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "span",
        "code",
        "nav",
        "section",
        "ul",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
        "form",
        "fieldset",
        "legend",
        "label",
        "input",
        "output",
        "button",
        "main",
        "details",
        "summary",
        "article",
        "div",
        "figure",
        "figcaption",
        "mark",
        "pre",
        "footer",
        "script",
        "wbr",
    ]
    .into();
    for tag in tags(&page) {
        assert!(
            known.contains(tag.name.as_str()),
            "unexpected <{}>",
            tag.name
        );
        for (name, value) in &tag.attributes {
            assert!(!name.starts_with("on"), "<{} {name}={value}>", tag.name);
            assert!(!value.contains('<') && !value.contains('"'), "{value}");
        }
    }
}

#[test]
fn no_secret_is_in_the_page() {
    let pair = hostile_pair();
    let example = testdata("example");
    for (dir, secrets) in [
        (
            pair.path(),
            &[
                "Pr1mary-S3cret",
                "B4ckup-S3cret",
                "PrimaryHashS3cretValue",
                "BackupHashS3cretValue",
                "AppHashS3cretValueP",
                "AppHashS3cretValueB",
                "SaltP1",
                "SaltB2",
                "S3cret",
            ][..],
        ),
        (
            example.as_path(),
            &[
                "WjtSRCpaXu7hoTkDlcEPr6KNKRr",
                "$2$aBcDeFgH$",
                "Qx1y2z3W4v5u6T7s8R9q",
            ][..],
        ),
    ] {
        let page = lint(dir, "html");
        assert!(page.contains("********"), "a masked secret is quoted");
        for secret in secrets {
            assert!(!page.contains(secret), "{secret} is in the page");
        }
    }
}

/// `--discover`: the page of an estate gives the pairs their own panel beside the counts
/// (four panels, laid out for four), wraps paths at their slashes, names the tree as a tree,
/// and shows a server alone in one column, not beside an empty backup.
#[test]
fn an_estate_page_lays_out_its_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let clean = testdata("pairs/clean");
    for (from, to) in [
        ("primary", "envs/prod/ems-a"),
        ("backup", "envs/prod/ems-b"),
    ] {
        let to = dir.path().join(to);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(clean.join(from)).unwrap() {
            let entry = entry.unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            std::fs::write(
                to.join(entry.file_name()),
                if from == "backup" {
                    text.replace("prefetch=5", "prefetch=7")
                } else {
                    text
                },
            )
            .unwrap();
        }
    }
    let lone = dir.path().join("envs/lone");
    std::fs::create_dir_all(&lone).unwrap();
    std::fs::write(
        lone.join("tibemsd.conf"),
        "server = EMS-LONE\nlisten = tcp://lone-a:7222\nft_active = tcp://lone-b:7222\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir.path())
        .args(["--discover", "envs", "--no-config", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains("<nav class=\"summary estate\""),
        "the estate's layout"
    );
    assert!(page.contains("<section class=\"by-pair\">\n<h2>By pair</h2>"));
    assert!(page.contains("<span class=\"side-tag tree\">tree</span> <code>envs</code>"));
    assert!(
        page.contains(">envs/<wbr>lone/<wbr>tibemsd.conf<"),
        "paths wrap at slashes"
    );
    let lone_finding = page
        .split("<article ")
        .find(|a| a.contains("data-rule=\"FT304\""))
        .expect("the lone server's finding");
    assert!(
        lone_finding.contains("<div class=\"sides single\">"),
        "{lone_finding}"
    );
    let pair_finding = page
        .split("<article ")
        .find(|a| a.contains("envs/prod/ems-a/tibemsd.conf ↔"))
        .expect("the pair's finding");
    assert!(
        pair_finding.contains("<div class=\"sides\">"),
        "{pair_finding}"
    );
}
