//! `ft_active` holds one URL. TIBCO's documentation only ever shows one, and whether a list
//! is accepted is not documented (security.md §6): a list is an error.

use crate::ems::url;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT005",
    name: "ft-active-multiple-urls",
    severity: Severity::Warning,
    category: "ft-link",
    summary: "`ft_active` holds more than one URL",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        let Some(param) = server.param("ft_active") else {
            continue;
        };
        let count = match url::parse_url_list(&param.value) {
            Ok(list) => list.urls().count(),
            Err(_) => param.value.split([',', '+', '|']).count(),
        };
        if count > 1 {
            out.push(
                Finding::new(
                    &META,
                    format!("`ft_active` holds {count} URLs; it takes the one URL of the peer"),
                )
                .about("parameter", "ft_active")
                .at(server.side(), server.main(), param.value_span.clone())
                .help("keep only the peer server's listen URL"),
            );
        }
    }
}
