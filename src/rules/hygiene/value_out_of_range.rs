//! A sub-file value EMS can read but the documentation does not allow: below a stated
//! minimum, or longer than a stated limit (the INI catalog's limits, each cited there). The
//! factories' connection settings are the ones documented: at least 1 attempt and 250 ms
//! between attempts (the C API setters,
//! https://docs.tibco.com/pub/ems/8.7.0/doc/html/c-and-cobol-reference/tibemsconnectionfact7.htm,
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-58B80BE5-36D0-43E5-B792-25F3A053EFB3.html),
//! a connect timeout of 0 or at least 100 ms
//! (https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-4724DB21-B448-4A0A-BAB9-D77636757B3A.html),
//! a client ID of at most 255 and a URL of at most 1000 characters
//! (https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-270D7C10-7686-44B0-BC11-D7BFF1F33A7E.html).
//! Whether a client refuses such a value, or uses the limit instead, is not documented: a
//! warning.

use crate::ems::ini;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::subfiles::INI_FILES;
use crate::model::Pair;
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT912",
    name: "value-out-of-range",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "a sub-file value below the documented minimum or over the documented length",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for server in pair.servers() {
        for (_, kind) in INI_FILES {
            let Some(parsed) = server.ini(kind) else {
                continue;
            };
            for section in &parsed.data.sections {
                for prop in section.props.iter().filter(|p| !p.is_empty()) {
                    let Some(problem) = ini::limit_problem(kind, prop.key, prop.value) else {
                        continue;
                    };
                    let message = format!("[{}] {problem}", section.name);
                    found.push((
                        (kind, message.clone()),
                        Finding::new(&META, message)
                            .about("property", format!("[{}] {}", section.name, prop.key))
                            .at(server.side(), parsed.file, prop.value_span.clone())
                            .help("keep the value within what the documentation allows; a client may refuse it or use the limit instead"),
                    ));
                }
            }
        }
    }
    out.extend(merge_twins(found));
}
