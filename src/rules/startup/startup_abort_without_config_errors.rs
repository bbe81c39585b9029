//! A server of an FT pair whose `startup_abort_list` lacks `CONFIG_ERRORS`. TIBCO: "Once fault
//! tolerance is triggered, the EMS server generates an error if it finds that the \"FT Active\"
//! switch was not assigned to any URL in its peer's list. If CONFIG_ERRORS is present in the
//! startup_abort_list parameter, the tibemsd aborts startup. Otherwise, the tibemsd cancels
//! fault tolerance and starts without checking its peer. This results in a file lock error for
//! the EMS server that is started second." (EMS 8.6 and 10.1 Configuration Errors,
//! GUID-3009FAD8-5C36-45B0-8502-40AF989BCDE2). The same holds for every other configuration
//! error: "CONFIG_ERRORS—If the server detects any errors while reading the config files, then
//! it exits" (GUID-778F6CA4-F781-4891-98C3-A34AD6060DB4); without it the server starts
//! with what it could read.

use crate::ems::startup_abort::Condition;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::startup::report_missing;

pub static META: RuleMeta = RuleMeta {
    code: "FT024",
    name: "startup-abort-without-config-errors",
    severity: Severity::Warning,
    category: "startup",
    summary: "a server of the pair starts despite configuration errors, cancelling FT",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    report_missing(
        pair,
        Condition::ConfigErrors,
        &META,
        "on a configuration error (an FT link without ft_active, a bad value) the server cancels fault tolerance and starts without checking its peer, and the second server to start fails on the file lock",
        "add CONFIG_ERRORS to startup_abort_list on both servers (`startup_abort_list = CONFIG_ERRORS,CONFIG_FILES`), so that a misconfigured server exits instead",
        out,
    );
}
