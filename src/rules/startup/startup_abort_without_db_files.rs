//! In a shared-state pair, a server whose `startup_abort_list` lacks `DB_FILES`. TIBCO:
//! "DB_FILES—If the server cannot find one or more of its stores, then it exits. [...] Note
//! that if DB_FILES is not included in the startup_abort_list and the server cannot find a
//! store, the server will create the missing store. For best results, do not include DB_FILES
//! the first time a server is started, allowing it to create the stores. After initial
//! startup or a major store configuration change [...], include DB_FILES in the list so that
//! on restart the server will only start if all the configured stores are present." (EMS 8.6,
//! 10.1 GUID-778F6CA4-F781-4891-98C3-A34AD6060DB4). A standby that activates while the shared
//! mount is missing finds no store, and without DB_FILES it creates new, empty ones and serves
//! clients from them: every persistent message of the pair is out of sight.

use crate::ems::startup_abort::Condition;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;
use crate::rules::startup::report_missing;
use crate::settings::Mode;

pub static META: RuleMeta = RuleMeta {
    code: "FT026",
    name: "startup-abort-without-db-files",
    severity: Severity::Warning,
    category: "startup",
    summary: "a shared-state server creates empty stores when it cannot find its own",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    if pair.settings.mode != Mode::Shared {
        return;
    }
    report_missing(
        pair,
        Condition::DbFiles,
        &META,
        "a server that activates while the shared store is not mounted cannot find its stores, creates new, empty ones and serves clients from them, without the persistent messages of the pair",
        "once the stores exist, add DB_FILES to startup_abort_list on both servers, so that a server that cannot find its stores exits instead of creating empty ones",
        out,
    );
}
