//! JUnit XML for CI dashboards: one test suite for the pair (for each pair with
//! `--discover`), one test case per rule that
//! found nothing, and one failing test case per finding at or above `--fail-on` (findings
//! below it pass, with the finding as their output).

use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};

use crate::finding::{Finding, Severity};
use crate::pipeline::Report;
use crate::render::escape::{line, no_workflow_commands, Notation};
use crate::render::region;
use crate::rules::registry::registry;

pub fn render(report: &Report, fail_on: Severity) -> String {
    let mut junit = JunitReport::new("emsftlint");
    match &report.pairs {
        // `--discover`: one test suite per pair, and one for what is about the tree itself.
        Some(pairs) => {
            let tree: Vec<&Finding> = report
                .findings
                .iter()
                .filter(|f| f.pair.is_none())
                .collect();
            if !tree.is_empty() {
                junit.add_test_suite(suite(&line(&report.primary), &tree, fail_on));
            }
            for p in pairs {
                let own: Vec<&Finding> = report
                    .findings
                    .iter()
                    .filter(|f| f.pair.as_ref() == Some(&p.pair))
                    .collect();
                junit.add_test_suite(suite(&line(&p.pair.describe()), &own, fail_on));
            }
        }
        None => {
            let pair = match &report.backup {
                Some(backup) => format!("{} ↔ {}", line(&report.primary), line(backup)),
                None => line(&report.primary).into_owned(),
            };
            let all: Vec<&Finding> = report.findings.iter().collect();
            junit.add_test_suite(suite(&pair, &all, fail_on));
        }
    }
    let xml = junit
        .to_string()
        .unwrap_or_else(|e| format!("<!-- emsftlint could not write JUnit XML: {e} -->\n"));
    no_workflow_commands(without_testsuites_skipped(xml), Notation::Markup)
}

/// The JUnit schema Jenkins' xunit plugin validates with (junit-10.xsd, vendored under
/// tests/junit/) allows no `skipped` on `<testsuites>`, which quick-junit always writes.
/// Nothing is ever skipped; each `<testsuite>` keeps its own `skipped="0"`, which it allows.
fn without_testsuites_skipped(xml: String) -> String {
    let Some(start) = xml.find("<testsuites ") else {
        return xml;
    };
    let Some(len) = xml[start..].find('>') else {
        return xml;
    };
    let tag = &xml[start..start + len];
    let Some(at) = tag.find(" skipped=\"") else {
        return xml;
    };
    let Some(value_len) = tag[at + 10..].find('"') else {
        return xml;
    };
    let (from, to) = (start + at, start + at + 10 + value_len + 1);
    format!("{}{}", &xml[..from], &xml[to..])
}

/// The test suite of one pair: a passing case per rule that found nothing, a case per finding.
/// Every text from a configuration is made [`line`] before quick-junit sees it, so none of
/// it is silently dropped as a character XML 1.0 cannot hold.
fn suite(pair: &str, findings: &[&Finding], fail_on: Severity) -> TestSuite {
    let mut suite = TestSuite::new(format!("emsftlint {pair}"));
    for rule in registry() {
        let meta = rule.meta();
        let found: Vec<&Finding> = findings
            .iter()
            .copied()
            .filter(|f| std::ptr::eq(f.rule, meta))
            .collect();
        if found.is_empty() {
            let mut case = TestCase::new(
                format!("{} {}", meta.code, meta.name),
                TestCaseStatus::success(),
            );
            case.set_classname(pair.to_string());
            suite.add_test_case(case);
        }
        for finding in found {
            let status = if finding.severity >= fail_on {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(line(&finding.message).into_owned());
                status.set_type(finding.severity.as_str());
                status.set_description(describe(finding));
                status
            } else {
                TestCaseStatus::success()
            };
            let mut case = TestCase::new(
                format!("{} {} at {}", meta.code, meta.name, place(finding)),
                status,
            );
            case.set_classname(pair.to_string());
            if finding.severity < fail_on {
                case.set_system_out(describe(finding));
            }
            suite.add_test_case(case);
        }
    }
    suite
}

fn place(finding: &Finding) -> String {
    finding
        .locations
        .first()
        .map_or_else(String::new, |l| match region(l) {
            Some(r) => format!("{}:{}", line(&l.file.display), r.line),
            None => line(&l.file.display).into_owned(),
        })
}

fn describe(finding: &Finding) -> String {
    let mut text = format!(
        "{}: {}\n",
        finding.severity.as_str(),
        line(&finding.message)
    );
    for location in &finding.locations {
        let at = region(location).map_or(String::new(), |r| format!(":{}:{}", r.line, r.column));
        text.push_str(&format!(
            "  {}: {}{at}\n",
            location.side.as_str(),
            line(&location.file.display)
        ));
    }
    if let Some(help) = &finding.help {
        text.push_str(&format!("help: {}\n", line(help)));
    }
    text
}
