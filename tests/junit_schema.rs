//! JUnit reports validate against the schema Jenkins' xunit plugin uses
//! (tests/junit/junit-10.xsd): read here element by element, and with `xmllint --schema`.

mod common;
use common::{emsftlint_with, stdout, testdata};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const XSD: &str = include_str!("junit/junit-10.xsd");

fn xsd_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/junit/junit-10.xsd")
}

/// What the schema allows of one element.
#[derive(Default, Debug)]
struct Declared {
    attributes: Vec<(String, bool)>,
    children: Vec<String>,
    text: bool,
}

/// The schema's global elements, each with its attributes, child elements and whether it
/// holds text (a `mixed` type, or `xs:string`).
fn schema() -> HashMap<String, Declared> {
    let doc = roxmltree::Document::parse(XSD).unwrap();
    let root = doc.root_element();
    let xs = |n: &roxmltree::Node, name: &str| n.is_element() && n.tag_name().name() == name;
    let named_types: HashMap<&str, roxmltree::Node> = root
        .children()
        .filter(|n| xs(n, "complexType"))
        .filter_map(|n| Some((n.attribute("name")?, n)))
        .collect();
    let mut elements = HashMap::new();
    for element in root.children().filter(|n| xs(n, "element")) {
        let name = element.attribute("name").unwrap().to_string();
        let mut declared = Declared::default();
        let complex = match element.attribute("type") {
            Some("xs:string") => {
                declared.text = true;
                None
            }
            Some(other) => Some(named_types[other]),
            None => element.children().find(|n| xs(n, "complexType")),
        };
        if let Some(complex) = complex {
            declared.text = complex.attribute("mixed") == Some("true");
            for node in complex.descendants() {
                if xs(&node, "attribute") && node.parent() == Some(complex) {
                    declared.attributes.push((
                        node.attribute("name").unwrap().to_string(),
                        node.attribute("use") == Some("required"),
                    ));
                }
                if xs(&node, "element") {
                    let child = node.attribute("ref").or(node.attribute("name")).unwrap();
                    declared.children.push(child.to_string());
                }
            }
        }
        elements.insert(name, declared);
    }
    elements
}

/// Every way `xml` breaks the schema.
fn violations(xml: &str) -> Vec<String> {
    let schema = schema();
    let doc = roxmltree::Document::parse(xml).unwrap();
    let mut found = Vec::new();
    let root = doc.root_element();
    if root.tag_name().name() != "testsuites" {
        found.push(format!("root <{}>", root.tag_name().name()));
    }
    for node in root.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        let Some(declared) = schema.get(name) else {
            found.push(format!("<{name}> is not in the schema"));
            continue;
        };
        for attribute in node.attributes() {
            if !declared
                .attributes
                .iter()
                .any(|(a, _)| a == attribute.name())
            {
                found.push(format!("<{name}> has no attribute `{}`", attribute.name()));
            }
        }
        for (attribute, required) in &declared.attributes {
            if *required && node.attribute(attribute.as_str()).is_none() {
                found.push(format!("<{name}> lacks required `{attribute}`"));
            }
        }
        for child in node.children() {
            if child.is_element() {
                let child_name = child.tag_name().name();
                if !declared.children.iter().any(|c| c == child_name) {
                    found.push(format!("<{name}> may not hold <{child_name}>"));
                }
            } else if child.is_text()
                && !declared.text
                && !child.text().unwrap_or("").trim().is_empty()
            {
                found.push(format!("<{name}> may not hold text"));
            }
        }
    }
    found
}

fn junit(dir: &Path, args: &[&str]) -> String {
    let out = emsftlint_with(dir, args, &["--format", "junit"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    stdout(&out)
}

/// Reports with failures, with passes only, with findings below --fail-on (system-out),
/// and with one suite per pair (--discover).
fn reports() -> Vec<(&'static str, String)> {
    vec![
        (
            "example",
            junit(&testdata("example"), &["primary", "backup"]),
        ),
        (
            "clean",
            junit(&testdata("pairs/clean"), &["primary", "backup"]),
        ),
        (
            "below --fail-on",
            junit(
                &testdata("example"),
                &["primary", "backup", "--fail-on", "error"],
            ),
        ),
        ("discover", junit(&testdata("."), &["--discover", "pairs"])),
    ]
}

#[test]
fn every_report_keeps_to_the_schema() {
    for (name, xml) in reports() {
        assert!(xml.contains("<testcase"), "{name}: no test case");
        assert_eq!(violations(&xml), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn the_reading_of_the_schema_catches_what_jenkins_refuses() {
    let xml = junit(&testdata("example"), &["primary", "backup"]);
    assert!(xml.contains("<failure "));
    let broken = xml.replacen("<testsuites ", "<testsuites skipped=\"0\" ", 1);
    assert_eq!(
        violations(&broken),
        vec!["<testsuites> has no attribute `skipped`"]
    );
    let broken = xml.replacen(" failures=\"4\">", ">", 1);
    assert!(violations(&broken).contains(&"<testsuite> lacks required `failures`".to_string()));
}

/// The schema itself, with libxml2's validator. CI installs xmllint (`.ci/run`), and there
/// its absence is a failure; elsewhere this test says it did not run.
#[test]
fn xmllint_validates_every_report_against_the_schema() {
    let xmllint = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("xmllint"))
            .find(|p| p.is_file())
    });
    let Some(xmllint) = xmllint else {
        assert!(
            std::env::var_os("CI").is_none(),
            "xmllint is missing: .ci/run installs libxml2-utils"
        );
        eprintln!(
            "xmllint is not installed: the schema was checked by this file's own reading only"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let reports = reports();
    for (name, xml) in &reports {
        let file = dir.path().join("report.xml");
        std::fs::write(&file, xml).unwrap();
        let out = std::process::Command::new(&xmllint)
            .args(["--noout", "--schema"])
            .arg(xsd_path())
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // And the schema refuses what quick-junit wrote before.
    let old = reports[0]
        .1
        .replacen("<testsuites ", "<testsuites skipped=\"0\" ", 1);
    let file = dir.path().join("old.xml");
    std::fs::write(&file, old).unwrap();
    let out = std::process::Command::new(&xmllint)
        .args(["--noout", "--schema"])
        .arg(xsd_path())
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped"));
}
