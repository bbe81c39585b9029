//! Rules for EMS 10 pairs on FTL stores: the FTL server cluster runs fault tolerance, so the
//! classic FT parameters do not apply, the cluster has its own shape (three FTL servers, one
//! EMS server `standby_only`), and clients must not list the standby-only server (EMS 10.4
//! users-guide/fault-tolerance-with2.htm).

pub mod ftl_cluster_mismatch;
pub mod ftl_cluster_shape;
pub mod ftl_ft_param_ignored;
pub mod ftl_standby_only_in_client_urls;

use crate::ems::ftl_yaml::{EmsService, FtlServer};
use crate::ems::url::{self, EmsUrl};
use crate::model::deployment::FtlConfig;

/// The EMS server that runs under the `standby_only` FTL server: its FTL server and its
/// service. The first, when several are (`ftl-cluster-shape` reports that).
pub fn standby_only(config: &FtlConfig) -> Option<(&FtlServer, &EmsService)> {
    config.cluster.servers.iter().find_map(|server| {
        let ems = server.ems.as_ref()?;
        ems.standby_only.as_ref().map(|_| (server, ems))
    })
}

/// The host of an FTL server, from its `core.servers` location (`host:port`).
pub fn core_host<'c>(config: &'c FtlConfig, server: &str) -> Option<&'c str> {
    let core = config.cluster.core_servers.as_ref()?;
    let member = core.members.iter().find(|m| m.name == server)?;
    let location = member.location.trim();
    Some(location.rsplit_once(':').map_or(location, |(host, _)| host))
}

/// A `-listens` URL of a service as EMS reads it, with where it is written.
pub fn listen_urls(service: &EmsService) -> Vec<(EmsUrl<'_>, std::ops::Range<usize>)> {
    service
        .listens
        .iter()
        .filter_map(|(text, span)| url::parse_url(text).ok().map(|u| (u, span.clone())))
        .collect()
}
