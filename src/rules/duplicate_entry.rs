//! The same entry twice in one file, e.g. a user defined on two lines of users.conf: the
//! server keeps one of them, and which one is not documented.

use std::collections::HashMap;

use crate::finding::{Finding, RuleMeta, Severity};
use crate::rules::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT904",
    name: "duplicate-entry",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "the same entry is defined twice in one file",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        let Some(users) = &server.users else { continue };
        let mut first = HashMap::new();
        for user in &users.data.users {
            match first.get(user.name) {
                None => {
                    first.insert(user.name, user);
                }
                Some(earlier) => {
                    let (line, _) = users.file.line_col(earlier.line_span.start);
                    out.push(
                        Finding::new(
                            &META,
                            format!(
                                "user `{}` is defined again (first on line {line})",
                                user.name
                            ),
                        )
                        .at(server.side(), users.file, user.line_span.clone())
                        .at(server.side(), users.file, earlier.line_span.clone())
                        .help("keep one line for each user"),
                    );
                }
            }
        }
    }
}
