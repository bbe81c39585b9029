//! What the FT link rules share: reading `ft_active` and deciding whether a URL reaches a
//! `listen` (security.md §6).

use crate::ems::host::{Host, HostMatch};
use crate::ems::tibemsd::Param;
use crate::ems::url::{self, EmsUrl};
use crate::model::server::Server;
use crate::settings::Settings;

/// The `ft_active` line in force and its URL, when it is a single URL that parses and applies:
/// on FTL stores the FTL server cluster runs fault tolerance and `ft_active` does not
/// (ftl-ft-param-ignored reports the line).
pub fn ft_active<'a>(server: &Server<'a>) -> Option<(&'a Param, EmsUrl<'a>)> {
    if server.ftl_store().is_some() {
        return None;
    }
    let param = server.param("ft_active")?;
    let list = url::parse_url_list(&param.value).ok()?;
    let single = list.single()?.clone();
    Some((param, single))
}

/// No host, or a loopback host (`localhost`, `127.0.0.1`, `::1`, …): the machine the server
/// runs on.
pub fn is_local(host: Option<&str>) -> bool {
    host.is_none_or(|h| Host::parse(h) == Host::Loopback)
}

/// Whether a URL reaches a `listen`, as far as the files can tell; the best of several is the
/// greatest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    No,
    /// Same scheme and port, and hosts that only DNS can tell apart (a name and an address,
    /// a short name and a fully qualified one).
    NeedsDns,
    Yes,
}

/// Whether `target` (an ft_active or a client URL) reaches `listen`: same scheme and port, and
/// a host that names the listening machine. A listen without a host (or `localhost`, or an
/// unspecified address) uses every interface, so any host reaches it (TIBCO, listen.htm).
pub fn reach(settings: &Settings, target: &EmsUrl<'_>, listen: &EmsUrl<'_>) -> Reach {
    if target.scheme != listen.scheme || target.port != listen.port {
        return Reach::No;
    }
    if listen.listens_on_all_interfaces() {
        return Reach::Yes;
    }
    match (target.host, listen.host) {
        (Some(t), Some(l)) => match settings.host_match(t, l) {
            HostMatch::Same => Reach::Yes,
            HostMatch::Different => Reach::No,
            HostMatch::NeedsDns => Reach::NeedsDns,
        },
        _ => Reach::No,
    }
}

/// True when `target` is known to reach `listen`.
pub fn reaches(settings: &Settings, target: &EmsUrl<'_>, listen: &EmsUrl<'_>) -> bool {
    reach(settings, target, listen) == Reach::Yes
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

/// The host names that name `server`'s machine: the named hosts of its listens, and the host of
/// `peer`'s ft_active when that reaches one of its listens.
pub fn machine_hosts<'a>(
    settings: &Settings,
    server: &Server<'a>,
    peer: &Server<'a>,
) -> Vec<&'a str> {
    let listens = server.listens();
    let mut hosts: Vec<&'a str> = listens
        .iter()
        .filter(|(_, l)| !l.listens_on_all_interfaces())
        .filter_map(|(_, l)| l.host)
        .filter(|h| !is_local(Some(h)))
        .collect();
    if let Some((_, target)) = ft_active(peer) {
        if let Some(host) = target.host.filter(|h| !is_local(Some(h))) {
            if listens.iter().any(|(_, l)| reaches(settings, &target, l)) {
                hosts.push(host);
            }
        }
    }
    hosts
}

/// Whether the two servers run on different machines, as far as the files tell: `Some(true)`
/// when every host naming one differs from every host naming the other, `Some(false)` when a
/// host names both, `None` when a side names no host or only DNS could tell.
pub fn on_different_machines(settings: &Settings, a: &Server<'_>, b: &Server<'_>) -> Option<bool> {
    let (hosts_a, hosts_b) = (machine_hosts(settings, a, b), machine_hosts(settings, b, a));
    if hosts_a.is_empty() || hosts_b.is_empty() {
        return None;
    }
    let mut all_different = true;
    for x in &hosts_a {
        for y in &hosts_b {
            match settings.host_match(x, y) {
                HostMatch::Same => return Some(false),
                HostMatch::NeedsDns => all_different = false,
                HostMatch::Different => {}
            }
        }
    }
    all_different.then_some(true)
}

/// Whether `url` reaches one of `server`'s listens: the best of its listens. A client URL
/// without a host, or with `localhost`, names a machine the files do not tell (a host-less URL
/// is expanded at JNDI lookup to the host of the server that serves it, `localhost` is the
/// client's own; S86/factories.conf, "Important Note"), so only its scheme and port are checked.
pub fn server_reach(settings: &Settings, url: &EmsUrl<'_>, server: &Server<'_>) -> Reach {
    server
        .listens()
        .iter()
        .map(|(_, listen)| {
            if !is_local(url.host) {
                reach(settings, url, listen)
            } else if url.scheme == listen.scheme && url.port == listen.port {
                Reach::Yes
            } else {
                Reach::No
            }
        })
        .max()
        .unwrap_or(Reach::No)
}

/// True when `url` is known to reach one of `server`'s listens (see [`server_reach`]).
pub fn reaches_server(settings: &Settings, url: &EmsUrl<'_>, server: &Server<'_>) -> bool {
    server_reach(settings, url, server) == Reach::Yes
}
