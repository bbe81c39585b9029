//! What the FT link rules share: reading `ft_active` and deciding whether a URL reaches a
//! `listen` (security.md §6).

use crate::ems::tibemsd::Param;
use crate::ems::url::{self, EmsUrl};
use crate::model::server::Server;
use crate::settings::Settings;

/// The `ft_active` line in force and its URL, when it is a single URL that parses.
pub fn ft_active<'a>(server: &Server<'a>) -> Option<(&'a Param, EmsUrl<'a>)> {
    let param = server.param("ft_active")?;
    let list = url::parse_url_list(&param.value).ok()?;
    let single = list.single()?.clone();
    Some((param, single))
}

/// No host, `localhost` or a loopback address: the machine the server runs on.
pub fn is_local(host: Option<&str>) -> bool {
    match host {
        None => true,
        Some(h) => {
            let h = h.trim_end_matches('.').to_ascii_lowercase();
            h == "localhost" || h.starts_with("127.") || h == "::1"
        }
    }
}

/// True when `target` (an ft_active) reaches `listen`: same scheme and port, and a host that
/// names the listening machine. A listen without a host (or `localhost`) uses every
/// interface, so any host reaches it (TIBCO, listen.htm).
pub fn reaches(settings: &Settings, target: &EmsUrl<'_>, listen: &EmsUrl<'_>) -> bool {
    if target.scheme != listen.scheme || target.port != listen.port {
        return false;
    }
    if listen.listens_on_all_interfaces() {
        return true;
    }
    match (target.host, listen.host) {
        (Some(t), Some(l)) => settings.same_host(t, l),
        _ => false,
    }
}

/// The server's own listen that `target` (its ft_active) names, if any: a host-less or
/// loopback target names the server's own machine.
pub fn own_listen<'a>(
    settings: &Settings,
    server: &Server<'a>,
    target: &EmsUrl<'_>,
) -> Option<(&'a Param, EmsUrl<'a>)> {
    server.listens().into_iter().find(|(_, listen)| {
        listen.scheme == target.scheme
            && listen.port == target.port
            && match (target.host, listen.host) {
                (t, _) if is_local(t) => true,
                (Some(t), Some(l)) => settings.same_host(t, l),
                _ => false,
            }
    })
}

/// The listen URLs of a server, written for a message: `tcp://7222, ssl://host:7243`.
pub fn listen_list(server: &Server<'_>) -> String {
    let urls: Vec<String> = server
        .listens()
        .iter()
        .map(|(_, u)| u.to_string())
        .collect();
    if urls.is_empty() {
        "no listen".into()
    } else {
        urls.join(", ")
    }
}
