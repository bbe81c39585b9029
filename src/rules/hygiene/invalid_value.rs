//! A value EMS cannot read for its parameter: a boolean that is not one of the ten
//! spellings, a number that is not a number, a URL that is not `scheme://[host:]port`, a
//! corrupt `$man$` password; in routes.conf, factories.conf, stores.conf, channels.conf and
//! transports.conf, a value that is not of its key's type or not one of its documented values.

use crate::ems::ini;
use crate::ems::params;
use crate::ems::{secret, url};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::secrets::is_secret;
use crate::model::subfiles::INI_FILES;
use crate::model::{Pair, ProblemKind};
use crate::rules::hygiene::report_problems;

pub static META: RuleMeta = RuleMeta {
    code: "FT905",
    name: "invalid-value",
    severity: Severity::Error,
    category: "hygiene",
    summary: "a value EMS cannot read for its parameter",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    report_problems(
        pair,
        |kind| kind == ProblemKind::JsonInvalidValue,
        &META,
        out,
    );
    for server in pair.servers() {
        for param in server.conf().params.iter().filter(|p| !p.is_empty()) {
            let Some(spec) = params::lookup(&param.name) else {
                continue;
            };
            let problem = if is_secret(&param.name) {
                secret::reveal(&param.value)
                    .err()
                    .map(|e| format!("`{}` is not a valid mangled value: {e}", param.key))
            } else if EMS_URLS.contains(&param.name.as_str())
                && !(param.name == "ft_active" && has_list_separator(&param.value))
            {
                url::parse_url(&param.value)
                    .err()
                    .map(|e| format!("`{}` is not a valid URL: {e}", param.key))
            } else {
                params::canonical(spec, &param.value)
                    .err()
                    .map(|e| format!("`{}`: {e}", param.key))
            };
            if let Some(message) = problem {
                out.push(
                    Finding::new(&META, message)
                        .about("parameter", param.key.to_string())
                        .at(server.side(), server.main(), param.value_span.clone())
                        .help("EMS cannot read this value; see `emsftlint rule invalid-value`"),
                );
            }
        }
        for (_, kind) in INI_FILES {
            let Some(parsed) = server.ini(kind) else {
                continue;
            };
            for section in &parsed.data.sections {
                for prop in section.props.iter().filter(|p| !p.is_empty()) {
                    if let Some(message) = ini::value_problem(kind, prop.key, prop.value) {
                        out.push(
                            Finding::new(
                                &META,
                                format!("[{}] {message}", section.name),
                            ).about("property", format!("{} {}", section.name, prop.key))
                            .at(server.side(), parsed.file, prop.value_span.clone())
                            .help("EMS cannot read this value; see `emsftlint rule invalid-value`"),
                        );
                    }
                }
            }
        }
    }
}

/// The parameters that hold an EMS `scheme://[host:]port` URL (others, like `ldap_url`,
/// are URLs of other services).
const EMS_URLS: [&str; 6] = [
    "listen",
    "ft_active",
    "health_check_listen",
    "secondary_health_check_listen",
    "monitor_listen",
    "secondary_monitor_listen",
];

/// A list in `ft_active` is ft-active-multiple-urls' business; in `listen` and the other
/// URL parameters it is a value EMS cannot read (one URL a line: repeat `listen`).
fn has_list_separator(value: &str) -> bool {
    value.contains([',', '+', '|'])
}
