//! What the factory rules share: every server's connection factories with their URL lists
//! (formats.md §7), and whether a client URL reaches a server, by the host and port rules of
//! `ft_link`.

pub mod adapter_client_heartbeat;
pub mod adapter_ft_incomplete;
pub mod adapter_shared_token_queue;
pub mod client_ft_urls;
pub mod client_id_shared;
pub mod client_jndi_factory_missing;
pub mod client_no_pair;
pub mod client_reconnect_window;
pub mod client_syntax;
pub mod factory_ft_urls;
pub mod factory_mixed_schemes;
pub mod factory_pair_load_balanced;
pub mod factory_reconnect_window;
pub mod factory_single_url_reconnect;
pub mod factory_unshared_in_shared_mode;
pub mod ft_token_queue;
pub mod route_to_pair;

use crate::ems::clients::Prop;
use crate::ems::ini::{IniProp, Section};
use crate::ems::url::{self, EmsUrl, UrlList};
use crate::finding::{Finding, RuleMeta, Side};
use crate::model::clients::{Client, JmsConnection};
use crate::model::ft_link::{server_reach, Reach};
use crate::model::server::Server;
use crate::model::Pair;
use crate::source::FileRef;

/// A factory's reconnect settings: how many attempts, the delay between them and each one's
/// timeout (milliseconds).
pub const RECONNECT_KEYS: [&str; 3] = [
    "reconnect_attempt_count",
    "reconnect_attempt_delay",
    "reconnect_attempt_timeout",
];

/// One factory of one server whose `url` parses.
pub struct Factory<'s, 'a> {
    pub server: &'s Server<'a>,
    pub file: &'a FileRef,
    pub section: &'s Section<'a>,
    pub url: &'s IniProp<'a>,
    pub list: UrlList<'a>,
}

impl<'a> Factory<'_, 'a> {
    /// A finding of `rule` at the factory's `url` line.
    pub fn finding(&self, rule: &'static RuleMeta, message: String) -> Finding {
        Finding::new(rule, message)
            .about("factory", self.section.name.to_string())
            .at(self.server.side(), self.file, self.url.line_span.clone())
    }

    pub fn name(&self) -> &'a str {
        self.section.name
    }
}

/// Every factory of every server of the pair, primary's first.
pub fn factories<'s, 'a>(pair: &'s Pair<'a>) -> Vec<Factory<'s, 'a>> {
    let mut out = Vec::new();
    for server in pair.servers() {
        let Some(file) = &server.factories else {
            continue;
        };
        for section in &file.data.sections {
            let Some(prop) = section.get("url") else {
                continue;
            };
            if let Ok(list) = url::parse_url_list(prop.value) {
                out.push(Factory {
                    server,
                    file: file.file,
                    section,
                    url: prop,
                    list,
                });
            }
        }
    }
    out
}

/// The `,` groups of two or more URLs: the members of one FT pair each.
pub fn ft_groups<'l, 'a>(list: &'l UrlList<'a>) -> impl Iterator<Item = &'l Vec<EmsUrl<'a>>> {
    list.alternatives
        .iter()
        .flatten()
        .filter(|group| group.len() > 1)
}

/// A `,` group written for a message: `tcp://a:7222, tcp://b:7222` (a space after each
/// comma lets a long message wrap between URLs).
pub fn group_text(group: &[EmsUrl<'_>]) -> String {
    group
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A finding of `rule` at a client file's property. A client file belongs to neither server:
/// its location is the primary's side, as the pair's files are.
pub fn client_finding(
    rule: &'static RuleMeta,
    client: &Client<'_>,
    prop: &Prop<'_>,
    message: String,
) -> Finding {
    Finding::new(rule, message)
        .about("property", prop.key.to_string())
        .at(Side::Primary, client.file(), prop.span.clone())
}

/// Whether a JMS Connection resource's URL reaches a listen of a server of the pair (by name,
/// or by a host only DNS can tell): the connections the pair serves.
pub fn connects_to_pair(pair: &Pair<'_>, connection: &JmsConnection<'_, '_>) -> bool {
    let Some(text) = connection.ems_url() else {
        return false;
    };
    let Ok(list) = url::parse_url_list(&text) else {
        return false;
    };
    let reached = list.urls().any(|u| {
        pair.servers()
            .any(|s| server_reach(pair.settings, u, s) != Reach::No)
    });
    reached
}
