//! A client file (`--clients`) that could not be read, or a line of it that its reader could
//! not read: what that line says about the pair is not checked. The forms each reader accepts
//! are TIBCO's (docs/clients.md).

use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT126",
    name: "client-syntax",
    severity: Severity::Warning,
    category: "clients",
    summary: "a client file (.tra, .substvar, .sharedjmscon, jndi.properties) has a line that cannot be read",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for client in &pair.clients.list {
        for error in client.errors() {
            out.push(
                Finding::new(
                    &META,
                    format!("{} file: {}", client.kind().as_str(), error.message),
                )
                .about("line", "")
                .at(Side::Primary, client.file(), error.span.clone())
                .help("fix the line: the rules do not see what it sets"),
            );
        }
    }
    for source in pair.clients.unread() {
        let error = source
            .error
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        out.push(
            Finding::new(&META, format!("client file not read: {error}"))
                .about("file", "")
                .at_file(Side::Primary, &source.file),
        );
    }
}
