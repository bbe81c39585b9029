//! A queue or topic defined on one server only, or with different properties (compared by
//! meaning: property order, case of names, sizes and times in any unit, quoting of lists).
//! After a failover the clients find a destination missing or behaving differently (other
//! limits, another store, no `secure`). TIBCO requires identical destinations for unshared
//! pairs (https://docs.tibco.com/pub/ems-vms/8.5.0/doc/html/GUID-21ACEF74-2C3E-4712-8E21-44348D528E42.html); with shared state the
//! configuration is not replicated, so TIBCO's own FT sample points both servers at the same
//! queues.conf and topics.conf (formats.md §13.7). Properties: EMS 8.6
//! https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-EE423898-3C90-4F54-84D6-026F85ACD6E4.html .
//!
//! Lines are compared as written, and each difference is then judged by what EMS makes of
//! it: the effective properties, with what each destination inherits from the wildcard
//! destinations above it ("All destination properties are inheritable for both topics and
//! queues", Inheritance of Properties,
//! https://docs.tibco.com/pub/ems/10.1.0/doc/html/GUID-648DF8B1-B5A2-4CC8-AF0F-FCF68F603658.html;
//! `model::destinations`).
//!
//! * Lines that differ while the destination's effective properties agree (`secure` written on
//!   the queue on one side and inherited from `orders.>` on the other; a property its parent
//!   already gives; a documented default written out) are info.
//! * A destination on one side only, which the other side creates on demand under a wildcard
//!   with the same effective properties, is info (a static and a dynamic destination of one
//!   name behave alike to clients).
//! * A wildcard destination on one side only changes what the servers give the destinations
//!   under it. When some destination defined on both servers gets other effective properties,
//!   it is an error. When none does, it still changes destinations created on demand under it
//!   (which the other side may not allow, or gives other properties): whether clients create
//!   such destinations cannot be told from the files, so it is a warning; and when the other
//!   side gives those destinations the same properties, info. A wildcard on both sides whose
//!   effective properties differ is judged the same way (error or warning).
//! * Any other difference of effective properties is an error.

use crate::compare::{self, ReportOptions};
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT101",
    name: "destination-mismatch",
    severity: Severity::Error,
    category: "equivalence",
    summary: "a queue or topic is on one server only, or has different properties",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    compare::report_destinations(pair, &ReportOptions::all(&META), out);
}
