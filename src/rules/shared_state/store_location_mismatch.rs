//! In shared-state mode both servers use one store: TIBCO requires shared storage that
//! both servers reach (EMS 10.1 GUID-83DE9D55-DBCD-456E-92FD-567BADC44C04; 8.6
//! GUID-108D0417-9046-47FC-95ED-16BE7FBFC759), so `store` resolves to the same place.

use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::at_param;
use crate::settings::Mode;

pub static META: RuleMeta = RuleMeta {
    code: "FT020",
    name: "store-location-mismatch",
    severity: Severity::Error,
    category: "shared-state",
    summary: "`store` names different locations on the two servers (shared mode)",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(backup) = &pair.backup else { return };
    if pair.settings.mode != Mode::Shared {
        return;
    }
    let a = pair.primary.param("store");
    let b = backup.param("store");
    let norm = |p: Option<&crate::ems::tibemsd::Param>| p.map(|p| normalize(&p.value));
    if norm(a) == norm(b) {
        return;
    }
    let show = |p: Option<&crate::ems::tibemsd::Param>| {
        p.map_or("not set".to_string(), |p| format!("`{}`", p.value))
    };
    let line = |p: Option<&crate::ems::tibemsd::Param>| {
        p.map_or("# store not set\n".to_string(), |p| {
            format!("store = {}\n", p.value)
        })
    };
    let finding = Finding::new(
        &META,
        format!("the servers' stores differ: {} on primary, {} on backup; in shared mode both must use one shared store", show(a), show(b)),
    ).about("parameter", "store")
    .help("point `store` on both servers at the same shared directory, or set mode = \"unshared\" in emsftlint.toml")
    .diff(line(a), line(b));
    out.push(at_param(
        at_param(finding, &pair.primary, "store"),
        backup,
        "store",
    ));
}

/// `/shared/ems/` and `/shared//ems` are the same directory.
fn normalize(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for part in path
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
    {
        out.push('/');
        out.push_str(part);
    }
    if !path.starts_with(['/', '\\']) {
        out.remove(0);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn normalizes_separators_and_dots() {
        assert_eq!(super::normalize("/shared//ems/"), "/shared/ems");
        assert_eq!(super::normalize("./datastore"), "datastore");
    }
}
