//! A store defined on one server only, or with another type, file, mode or other property.
//! "stores.conf identical (same store names, types, files, mode)": EMS 8.6
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-EE0A1D58-E64C-43EA-AB43-656436AE2A52.html
//! (formats.md §13.5). A dbstore password is compared but never shown: "differs".

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT109",
    name: "store-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "a store is on one server only, or is defined differently",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let reporting = ReportOptions::all(&META);
    compare::report_differences(pair, &compare::STORES, &reporting, out);
}
