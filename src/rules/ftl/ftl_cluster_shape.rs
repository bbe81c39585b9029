//! The FTL server cluster of an FTL-store pair: "The FTL server cluster must be formed of 3
//! constituent FTL servers in order to support EMS fault-tolerance with FTL stores", and "One
//! of those three EMS servers is configured as standby_only" (EMS 10.4
//! users-guide/fault-tolerance-with2.htm); `core.servers` "is mandatory", and each server of
//! the cluster runs the tibemsd service, whose `exepath` "must be configured for each FTL
//! server in the cluster" (EMS 10.3 Sections_in_the_FTL_Server_Cluster_Configuration.htm).
//! Read from `--ftl-config` or an ftlserver.yml beside a main file.

use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::model::deployment::FtlConfig;
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT031",
    name: "ftl-cluster-shape",
    severity: Severity::Error,
    category: "ftl",
    summary: "the FTL server cluster is not three servers with exactly one EMS server standby_only",
};

crate::rules::rule!();

/// The FTL servers an FT pair on FTL stores needs.
const CLUSTER_SIZE: usize = 3;

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(config) = pair.deployment.and_then(|d| d.ftl.as_ref()) else {
        return;
    };
    let file = &config.file;
    let at_file = |message: String| {
        Finding::new(&META, message)
            .about("cluster", "core.servers")
            .at_file(Side::Primary, file)
    };
    let Some(core) = &config.cluster.core_servers else {
        out.push(
            at_file(format!(
                "{} has no `globals: core.servers`: the FTL servers of the cluster are not named",
                file.display
            ))
            .help("list the three FTL servers under `globals: core.servers` (`name: host:port`)"),
        );
        return;
    };
    let count = core.members.len();
    if count != CLUSTER_SIZE {
        let names = core
            .members
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            Finding::new(
                &META,
                format!(
                    "`core.servers` lists {count} FTL server{} ({names}): EMS fault tolerance on FTL stores needs exactly {CLUSTER_SIZE}",
                    if count == 1 { "" } else { "s" }
                ),
            )
            .at(Side::Primary, file, core.span.clone())
            .about("cluster", "core.servers")
            .help("run three FTL servers: two for the FT pair and one whose EMS server is standby_only"),
        );
    }
    for member in &core.members {
        let runs_ems = config
            .cluster
            .servers
            .iter()
            .any(|s| s.name == member.name && s.ems.is_some());
        if !runs_ems {
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "core server `{}` runs no tibemsd service under `servers:`: each FTL server of the cluster runs its own EMS server",
                        member.name
                    ),
                )
                .about("ftl server", member.name.clone())
                .at(Side::Primary, file, member.span.clone())
                .help(format!(
                    "add `{}:` under `servers:` with a `- tibemsd:` service (its `exepath` and `-listens`)",
                    member.name
                )),
            );
        }
    }
    standby_count(config, out);
}

fn standby_count(config: &FtlConfig, out: &mut Vec<Finding>) {
    let file = &config.file;
    let standby: Vec<_> = config
        .cluster
        .servers
        .iter()
        .filter_map(|s| {
            let ems = s.ems.as_ref()?;
            ems.standby_only.clone().map(|span| (s.name.as_str(), span))
        })
        .collect();
    match standby.as_slice() {
        [_] => {}
        [] => {
            let finding = Finding::new(
                &META,
                "no EMS server of the cluster is `standby_only`: of the three, exactly one must be, and the other two are the FT pair",
            )
            .about("cluster", "standby_only")
            .help("add `-standby_only:` to the tibemsd service of the third FTL server");
            out.push(match config.cluster.servers.last() {
                Some(last) => finding.at(Side::Primary, file, last.span.clone()),
                None => finding.at_file(Side::Primary, file),
            });
        }
        several => {
            let names = several
                .iter()
                .map(|(n, _)| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut finding = Finding::new(
                &META,
                format!(
                    "{} EMS servers are `standby_only` ({names}): a standby_only server never activates, so fewer than two remain to form the FT pair",
                    several.len()
                ),
            )
            .about("cluster", "standby_only")
            .help("keep `-standby_only` on exactly one of the three tibemsd services");
            for (_, span) in several {
                finding = finding.at(Side::Primary, file, span.clone());
            }
            out.push(finding);
        }
    }
}
