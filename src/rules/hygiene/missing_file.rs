//! A file the configuration names (or the main file) is absent, not a regular file, or unreadable.
//! A missing sub-file stops the server only when `startup_abort_list` holds `CONFIG_FILES`
//! ("CONFIG_FILES—If any configuration file listed in tibemsd.conf does not exist, then it
//! exits"; "Conditions that do not appear in the list are ignored by the server. The default
//! is an empty list": EMS 8.6 GUID-778F6CA4-F781-4891-98C3-A34AD6060DB4). Otherwise the server
//! starts without it, and when its peer has no such file either, what it should hold cannot be
//! checked: a warning. When the peer reads its own, the two servers differ by a whole file.

use std::sync::Arc;

use crate::ems::startup_abort::Condition;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::server::Server;
use crate::model::subfiles;
use crate::model::{Pair, Problem, ProblemKind};

pub static META: RuleMeta = RuleMeta {
    code: "FT901",
    name: "missing-file",
    severity: Severity::Error,
    category: "hygiene",
    summary: "a file the configuration names cannot be read",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for problem in pair
        .problems()
        .filter(|p| p.kind == ProblemKind::Unreadable)
    {
        let mut found = finding(problem);
        match sub_file_missing(pair, problem) {
            Some(SubFile { aborts: true, .. }) => found
                .message
                .push_str("; startup_abort_list holds CONFIG_FILES: the server exits at startup"),
            Some(SubFile {
                aborts: false,
                peer_has_it: false,
            }) => {
                found.message.push_str(
                    "; EMS starts without it, as startup_abort_list does not hold CONFIG_FILES",
                );
                found = found.severity(Severity::Warning);
            }
            _ => {}
        }
        out.push(found);
    }
}

/// What a missing sub-file means for the server that names it.
struct SubFile {
    /// `startup_abort_list` holds `CONFIG_FILES`.
    aborts: bool,
    /// The peer reads its own: after a failover the servers differ by the whole file.
    peer_has_it: bool,
}

/// A file that cannot be read, found outside a pair (`--discover`'s walk).
pub fn finding(problem: &Problem) -> Finding {
    crate::rules::hygiene::finding(problem, &META)
}

/// The problem is about a sub-file a server names: what that means for the server.
fn sub_file_missing(pair: &Pair<'_>, problem: &Problem) -> Option<SubFile> {
    let span = problem.span.as_ref()?;
    let server = pair
        .servers()
        .find(|s| s.side() == problem.side && Arc::ptr_eq(s.main(), &problem.file))?;
    let param = server
        .conf()
        .params
        .iter()
        .find(|p| &p.value_span == span && subfiles::by_param(&p.name).is_some())?;
    let peer_has_it = pair.servers().any(|peer| {
        peer.side() != server.side()
            && peer
                .files
                .named_file(&param.name)
                .is_some_and(|named| named.read.is_ok())
    });
    Some(SubFile {
        aborts: aborts_on_missing_files(server),
        peer_has_it,
    })
}

/// `startup_abort_list` holds `CONFIG_FILES`, as the server reads the list.
fn aborts_on_missing_files(server: &Server<'_>) -> bool {
    server.startup_abort_list().holds(Condition::ConfigFiles)
}
