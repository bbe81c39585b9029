//! With `--discover`: a client file under the tree (`*.tra`, `*.substvar`, `*.sharedjmscon`,
//! `jndi.properties`) none of whose EMS URLs reaches a listen of a server of the tree. It is listed, not judged:
//! it may use a pair outside the tree, or a host name only DNS could match.

use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::source::FileRef;

pub static META: RuleMeta = RuleMeta {
    code: "FT132",
    name: "client-no-pair",
    severity: Severity::Info,
    category: "clients",
    summary: "a client file under the tree reaches no server of the tree",
};

crate::rules::checked_outside_a_pair!();

/// The finding for `file`, whose EMS URLs (`urls`, as written) reach no server.
pub fn finding(file: &FileRef, urls: &[String]) -> Finding {
    let said = if urls.is_empty() {
        "names no EMS URL".to_string()
    } else {
        format!(
            "names {}, which reaches no server of the tree",
            urls.join("; ")
        )
    };
    Finding::new(&META, format!("client file {said}; it is not attached to a pair"))
        .about("file", "")
        .at_file(Side::Primary, file)
        .help("attach it to its pair with --clients, or declare a host alias under [hosts] in emsftlint.toml if its host is another name of a listen host")
}
