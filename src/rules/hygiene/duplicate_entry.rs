//! The same entry twice in one file: a user on two lines of users.conf, a queue in
//! queues.conf, a section in an INI-style file, a durable, a bridge, an ACL grant. The
//! server keeps one of them (which one is mostly undocumented; for durables "the server keeps
//! the earliest specification": EMS 8.6
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-65F9AC62-C78E-411D-A7B0-50485812CE71.html),
//! so an edit to one of them may do nothing.

use crate::compare;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::server::SubFile;
use crate::model::Pair;
use crate::rules::twins::merge_twins;

pub static META: RuleMeta = RuleMeta {
    code: "FT904",
    name: "duplicate-entry",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "the same entry is defined twice in one file",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for server in pair.servers() {
        for spec in compare::ALL {
            let SubFile::Read(file) = server.sub_file(spec.param) else {
                continue;
            };
            for (key, first, again) in compare::duplicates(pair, spec, server) {
                let line = file.shown_line(first.start);
                let about = (spec.param, (spec.describe)(&key), line);
                found.push((
                    about,
                    Finding::new(
                        &META,
                        format!(
                            "{} is defined again (first on line {line}); {}",
                            (spec.describe)(&key),
                            spec.repeat
                        ),
                    )
                    .about(spec.noun, (spec.describe)(&key))
                    .at(server.side(), file, again)
                    .at(server.side(), file, first)
                    .help(format!("keep one definition of each {}", spec.noun)),
                ));
            }
        }
    }
    out.extend(merge_twins(found));
}
