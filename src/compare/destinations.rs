//! Queues and topics: each difference of the two servers' lines judged by what EMS makes of
//! it, the effective properties with what each destination inherits from the wildcard
//! destinations above it (`model::destinations`). destination-mismatch reports the verdicts;
//! json-conf-mismatch judges a .conf server against its JSON the same way.

use std::borrow::Cow;

use super::{
    differing_fields, report_judged, Difference, Fields, ReportOptions, Verdict, QUEUES, TOPICS,
};
use crate::ems::destinations::DestKind;
use crate::ems::names::is_wildcard;
use crate::finding::{Finding, Severity, Side};
use crate::model::destinations::{shown, Destinations, Effective};
use crate::model::Pair;

/// The help of a difference EMS does not see.
const SAME_IN_EFFECT: &str = "EMS behaves the same on both servers; to make the files say so too, write the destination the same way in both";

/// What sums up many differences EMS does not see.
const SAME_SUMMARY: &str = "; the effective properties of each agree on both servers";

/// A wildcard's children named in a message, at most.
const CHILDREN_SHOWN: usize = 3;

/// The queues and topics of the pair's two servers, each difference judged by the effective
/// properties; json-conf-mismatch judges a .conf server against its JSON this way too.
pub fn report_destinations(pair: &Pair<'_>, reporting: &ReportOptions, out: &mut Vec<Finding>) {
    for (spec, kind) in [(&QUEUES, DestKind::Queue), (&TOPICS, DestKind::Topic)] {
        let Some(backup) = &pair.backup else { return };
        let sides = (pair.primary.destinations(kind), backup.destinations(kind));
        let judge = |difference: &Difference<'_>| match sides {
            (Some(primary), Some(backup)) => judge(kind, [primary, backup], difference),
            _ => Verdict::default(),
        };
        report_judged(pair, spec, reporting, &judge, out);
    }
}

fn noun(kind: DestKind) -> &'static str {
    match kind {
        DestKind::Queue => "queue",
        DestKind::Topic => "topic",
    }
}

/// How one difference of two servers' destinations shows in what EMS does.
fn judge(kind: DestKind, sides: [Destinations<'_, '_>; 2], difference: &Difference<'_>) -> Verdict {
    match difference {
        Difference::Changed(x, y) => {
            let name = x.key.part(0);
            let effective = sides.map(|s| s.effective(name));
            if effective[0].agrees(&effective[1]) {
                Verdict {
                    severity: Some(Severity::Info),
                    note: Some(format!(
                        "; its effective properties are the same on both servers{}",
                        inherited_note(name, [&x.value, &y.value], &effective)
                    )),
                    summary: Some(SAME_SUMMARY),
                    help: Some(SAME_IN_EFFECT.to_string()),
                }
            } else if is_wildcard(name) {
                wildcard(kind, sides, (0, 1), name, true)
            } else {
                Verdict {
                    note: effective_note(name, [&x.value, &y.value], &effective),
                    ..Verdict::default()
                }
            }
        }
        Difference::OnlyPrimary(e) | Difference::OnlyBackup(e) => {
            let (have, lack) = match difference {
                Difference::OnlyPrimary(_) => (0, 1),
                _ => (1, 0),
            };
            let name = e.key.part(0);
            if is_wildcard(name) {
                wildcard(kind, sides, (have, lack), name, false)
            } else {
                one_sided(sides, (have, lack), name)
            }
        }
    }
}

fn side_name(i: usize) -> &'static str {
    [Side::Primary, Side::Backup][i].as_str()
}

/// A destination with a line on one side only.
fn one_sided(
    sides: [Destinations<'_, '_>; 2],
    (have, lack): (usize, usize),
    name: &str,
) -> Verdict {
    if !sides[lack].allows(name) {
        return Verdict::default();
    }
    let here = sides[have].effective(name);
    let there = sides[lack].effective(name);
    let under: Vec<String> = sides[lack]
        .parents(name)
        .map(|p| format!("`{}`", p.name))
        .collect();
    let under = under.join(", ");
    if here.agrees(&there) {
        return Verdict {
            severity: Some(Severity::Info),
            note: Some(format!(
                "; {} creates it on demand under {under} with the same effective properties",
                side_name(lack)
            )),
            summary: Some(SAME_SUMMARY),
            help: Some(SAME_IN_EFFECT.to_string()),
        };
    }
    Verdict {
        note: Some(format!(
            "; {} creates it on demand under {under}, but {}",
            side_name(lack),
            in_effect([here.fields(), there.fields()], [have, lack])
        )),
        ..Verdict::default()
    }
}

/// A wildcard destination on side `have` only, or (`on_both`) on both with other effective
/// properties: judged by what it changes.
fn wildcard(
    kind: DestKind,
    sides: [Destinations<'_, '_>; 2],
    (have, lack): (usize, usize),
    pattern: &str,
    on_both: bool,
) -> Verdict {
    // A wildcard line that sets nothing gives its children nothing: what differs under it is
    // another line's doing, reported there.
    let gives = on_both
        || sides[have]
            .get(pattern)
            .is_some_and(|w| w.props().next().is_some());
    let children = if gives {
        sides[have].children(pattern)
    } else {
        Vec::new()
    };
    let changed: Vec<&str> = children
        .into_iter()
        .filter(|child| sides[lack].get(child.name).is_some())
        .filter(|child| {
            !sides[have]
                .effective(child.name)
                .agrees(&sides[lack].effective(child.name))
        })
        .map(|child| child.name)
        .collect();
    if !changed.is_empty() {
        let mut names: Vec<String> = changed
            .iter()
            .take(CHILDREN_SHOWN)
            .map(|n| format!("`{n}`"))
            .collect();
        if changed.len() > CHILDREN_SHOWN {
            names.push(format!("and {} more", changed.len() - CHILDREN_SHOWN));
        }
        let plural = if changed.len() == 1 { "" } else { "s" };
        return Verdict {
            note: Some(format!(
                "; the effective properties of {} {}{plural} defined on both servers differ under it: {}",
                changed.len(),
                noun(kind),
                names.join(", ")
            )),
            ..Verdict::default()
        };
    }
    let here = sides[have].effective(pattern);
    let there = sides[lack].effective(pattern);
    let nouns = format!("{}s", noun(kind));
    if sides[lack].covers(pattern) && here.agrees(&there) {
        return Verdict {
            severity: Some(Severity::Info),
            note: Some(format!(
                "; it changes no {noun}'s effective properties: no {noun} defined on both servers differs under it, and {} gives {nouns} created on demand under it the same properties",
                side_name(lack),
                noun = noun(kind),
            )),
            summary: Some(SAME_SUMMARY),
            help: Some(SAME_IN_EFFECT.to_string()),
        };
    }
    let dynamic = if sides[lack].covers(pattern) {
        format!(
            "{nouns} that clients create on demand under it differ: {}",
            in_effect([here.fields(), there.fields()], [have, lack])
        )
    } else {
        format!(
            "clients can create {nouns} on demand under it on {} only",
            side_name(have)
        )
    };
    Verdict {
        severity: Some(Severity::Warning),
        note: Some(format!(
            "; no {noun} defined on both servers differs under it, but {dynamic} (whether clients do cannot be told from the files)",
            noun = noun(kind)
        )),
        summary: Some(
            "; only destinations that clients create on demand differ (whether they do cannot be told from the files)",
        ),
        help: Some(if on_both {
            format!("give `{pattern}` the same properties on both servers")
        } else {
            format!(
                "define `{pattern}` with the same properties on {} as well, or remove it from {}",
                side_name(lack),
                side_name(have)
            )
        }),
    }
}

/// How the effective values of the fields that differ read on each side.
fn in_effect(fields: [&Fields; 2], sides: [usize; 2]) -> String {
    let parts: Vec<String> = differing_fields(fields[0], fields[1])
        .into_iter()
        .map(|f| {
            let shown = |i: usize| shown(f, fields[i].get(f).map(String::as_str));
            format!(
                "`{f}` is {} on {}, {} on {}",
                shown(0),
                side_name(sides[0]),
                shown(1),
                side_name(sides[1])
            )
        })
        .collect();
    format!("in effect {}", parts.join("; "))
}

/// For a changed destination whose effective properties differ: the effective values, when
/// they are not what the lines say (something is inherited, or a default).
fn effective_note(
    name: &str,
    written: [&Fields; 2],
    effective: &[Cow<'_, Effective>; 2],
) -> Option<String> {
    let fields = [effective[0].fields(), effective[1].fields()];
    let differing = differing_fields(fields[0], fields[1]);
    let as_written = differing
        .iter()
        .all(|f| (0..2).all(|i| written[i].get(*f) == fields[i].get(*f)));
    if as_written {
        return None;
    }
    let mut note = format!("; {}", in_effect(fields, [0, 1]));
    let inherited = inherited_note(name, written, effective);
    note.push_str(&inherited);
    Some(note)
}

/// `` (`secure` inherited from `orders.>` on backup; primary's `prefetch=5` is what EMS
/// does without it) ``: why the fields that differ as written agree in effect.
fn inherited_note(
    name: &str,
    written: [&Fields; 2],
    effective: &[Cow<'_, Effective>; 2],
) -> String {
    let mut inherited: Vec<(Inherited<'_>, Vec<&str>)> = Vec::new();
    let mut defaults = Vec::new();
    for field in differing_fields(written[0], written[1]) {
        for (i, e) in effective.iter().enumerate() {
            let from = e.inherited_from(field, name);
            if written[i].contains_key(field) {
                let other = &effective[1 - i];
                let same = other.fields().get(field) == e.fields().get(field);
                if same
                    && !written[1 - i].contains_key(field)
                    && other.inherited_from(field, name).is_empty()
                {
                    defaults.push(format!(
                        "{}'s `{}` is what EMS does without it",
                        side_name(i),
                        written_text(field, written[i])
                    ));
                }
                continue;
            }
            if from.is_empty() {
                continue;
            }
            let key = (i, from);
            match inherited.iter_mut().find(|(k, _)| *k == key) {
                Some((_, fields)) => fields.push(field),
                None => inherited.push((key, vec![field])),
            }
        }
    }
    let mut parts: Vec<String> = inherited
        .into_iter()
        .map(|((side, from), fields)| {
            let fields: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
            let from: Vec<String> = from.iter().map(|n| format!("`{n}`")).collect();
            format!(
                "{} inherited from {} on {}",
                fields.join(", "),
                from.join(", "),
                side_name(side)
            )
        })
        .collect();
    parts.extend(defaults);
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

/// A side and the wildcard destinations some fields are inherited from there.
type Inherited<'a> = (usize, Vec<&'a str>);

/// `prefetch=0`, or `secure` for a flag, as the canonical line holds it.
fn written_text(field: &str, written: &Fields) -> String {
    match written.get(field).map(String::as_str) {
        Some("") | None => field.to_string(),
        Some(v) => format!("{field}={v}"),
    }
}
