//! The machine formats, read back as the tools that consume them would.

use std::path::Path;
use std::process::Command;

fn run(case: &str, format: &str, extra: &[&str]) -> (String, i32) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(case);
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir)
        .args(["primary", "backup", "--no-config", "--format", format])
        .args(extra)
        .output()
        .expect("emsftlint runs");
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn sarif_names_every_rule_and_places_both_sides() {
    let (text, code) = run("example", "sarif", &[]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    assert!(doc["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let driver = &doc["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), emsftlint::rules::registry::registry().len());
    for rule in rules {
        for field in ["shortDescription", "fullDescription", "help"] {
            assert!(!rule[field]["text"].as_str().unwrap().is_empty(), "{rule}");
        }
        assert!(rule["helpUri"].as_str().unwrap().starts_with("https://"));
        assert!(rule["defaultConfiguration"]["level"].is_string());
    }
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let reciprocal = results.iter().find(|r| r["ruleId"] == "FT003").unwrap();
    assert_eq!(reciprocal["level"], "error");
    let primary = &reciprocal["locations"][0]["physicalLocation"];
    assert_eq!(primary["artifactLocation"]["uri"], "backup/tibemsd.conf");
    assert_eq!(primary["region"]["startLine"], 22);
    let related = &reciprocal["relatedLocations"][0]["physicalLocation"];
    assert_eq!(related["artifactLocation"]["uri"], "primary/tibemsd.conf");
    let fingerprint = reciprocal["partialFingerprints"]["emsftlint/v1"]
        .as_str()
        .unwrap();
    assert_eq!(fingerprint.len(), 32);
    let (again, _) = run("example", "sarif", &[]);
    assert_eq!(again, text, "the same input gives the same SARIF");
}

#[test]
fn github_annotations_follow_the_workflow_command_syntax() {
    let (text, _) = run("example", "github", &[]);
    let mut lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.pop(),
        Some("emsftlint: 2 errors, 2 warnings, 0 infos")
    );
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines.contains(
        &"::warning file=primary/tibemsd.conf,line=23,endLine=23,col=1,endColumn=28,title=emsftlint (FT014 ft-heartbeat-mismatch)::`ft_heartbeat` differs: 3 on primary, 5 on backup (see also backup backup/tibemsd.conf:23)%0Ahelp: set `ft_heartbeat` to the same value in both servers' tibemsd.conf"
    ), "{text}");
    for line in lines {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice ")
        );
        let (properties, _) = line[2..].split_once("::").unwrap();
        assert!(!properties.contains('\n'));
    }
}

#[test]
fn github_omits_columns_when_a_finding_spans_lines() {
    let (text, _) = run("pairs/ft-active-missing", "github", &[]);
    for line in text.lines().filter(|l| l.starts_with("::")) {
        let (properties, _) = line[2..].split_once("::").unwrap();
        let field = |name: &str| {
            properties
                .split(',')
                .find_map(|p| p.strip_prefix(&format!("{name}=")).map(str::to_string))
        };
        if field("line") != field("endLine") {
            assert!(field("col").is_none(), "{line}");
        }
    }
}

#[test]
fn junit_parses_back_with_a_failure_per_finding() {
    let (text, _) = run("example", "junit", &[]);
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let failures: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 4);
    assert_eq!(suites.attribute("failures"), Some("4"));
    let rules = emsftlint::rules::registry::registry().len();
    assert_eq!(
        cases.len(),
        rules - 4 + 4,
        "one case per clean rule, one per finding"
    );
    let failing = failures[0].parent().unwrap();
    assert!(failing.attribute("name").unwrap().starts_with("FT"));
    let (below, _) = run("example", "junit", &["--fail-on", "error"]);
    let doc = roxmltree::Document::parse(&below).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count(),
        2,
        "warnings pass under --fail-on error"
    );
}

/// Right after what its severity means in general, a page says why this rule has it, and
/// which case gets which severity when the rule emits several.
#[test]
fn a_rule_page_says_why_it_has_its_severity() {
    for (code, meaning, reason) in [
        (
            "FT117",
            "error: proven from the files to break failover",
            "Error when the list reaches one server of the pair and not the other",
        ),
        (
            "FT901",
            "error: proven from the files to break failover",
            "Error: the server cannot read a file its configuration names.",
        ),
        (
            "FT208",
            "warning: a real risk",
            "Warning: the certificate still works today.",
        ),
        (
            "FT103",
            "info: the same behaviour written differently",
            "Info, also in `unshared` mode: a description changes no behaviour.",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
            .args(["rule", code])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with(meaning))
            .unwrap_or_else(|| panic!("{code}: no meaning line in\n{text}"));
        assert!(lines[at + 1].starts_with(reason), "{code}:\n{text}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .args(["rule", "missing-file", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reason = doc["severity_reason"].as_str().unwrap();
    assert!(
        reason.contains("Warning for a sub-file") && reason.contains("CONFIG_FILES"),
        "{reason}"
    );
    let fields: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        fields,
        [
            "category",
            "code",
            "example",
            "explanation",
            "fix",
            "name",
            "references",
            "severity",
            "severity_reason",
            "summary"
        ],
        "one field more than before, the others unchanged"
    );
}

#[test]
fn explaining_a_rule_prints_its_page() {
    for name in ["FT003", "ft-active-not-reciprocal"] {
        let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
            .args(["rule", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.starts_with("FT003 ft-active-not-reciprocal (ft-link, error by default)"),
            "{text}"
        );
        assert!(text.contains("Fix:") && text.contains("https://docs.tibco.com/"));
    }
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .args(["rule", "FT003", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["name"], "ft-active-not-reciprocal");
    let reason = doc["severity_reason"].as_str().unwrap();
    assert!(
        reason.starts_with("Error when no `listen` of the peer") && reason.contains("Warning when"),
        "{reason}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .args(["rule", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
