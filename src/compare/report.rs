//! What an equivalence rule reports of the engine's differences: one finding per entry, or
//! one for a file that has drifted apart; values shown with their secrets masked.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::ops::Range;

use super::{differences, grouped, Difference, Fields, Spec};
use crate::finding::{thousands, Finding, RuleMeta, Severity, Side};
use crate::model::server::{Server, SubFile};
use crate::model::Pair;
use crate::parallel;
use crate::settings::Mode;
use crate::source::FileRef;

/// More differences than this in one file become one finding for the file.
pub const DRIFT_LIMIT: usize = 20;

/// From this many bytes in the two files, each side's entries are keyed in a thread of its own.
const PARALLEL_FROM: usize = 1 << 20;

/// The diff of such a finding shows this many entries (in key order) and counts the rest.
pub const DRIFT_SHOWN: usize = 100;

/// What an equivalence rule reports of the engine's differences.
pub struct ReportOptions {
    pub rule: &'static RuleMeta,
    /// The differences this rule reports (another rule may report the rest).
    pub keep: fn(&Pair<'_>, &Difference<'_>) -> bool,
    /// With `mode = "unshared"` the findings are errors: TIBCO requires identical
    /// destinations, routes and access control for unshared pairs.
    pub unshared_error: bool,
}

impl ReportOptions {
    /// Reports every difference, as an error in unshared mode.
    pub const fn all(rule: &'static RuleMeta) -> Self {
        ReportOptions {
            rule,
            keep: |_, _| true,
            unshared_error: true,
        }
    }
}

/// How a rule judges one difference beyond the engine's "the values differ": its severity
/// (`None` keeps the rule's), and what to add to the end of its message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    pub severity: Option<Severity>,
    pub note: Option<String>,
    /// In place of the engine's help.
    pub help: Option<String>,
    /// Added to the message of a finding that sums up many differences with this verdict.
    pub summary: Option<&'static str>,
}

/// One side of a comparison: the file its entries come from, or its main file when
/// tibemsd.conf names none.
struct Place<'a> {
    side: Side,
    file: &'a FileRef,
    named: bool,
}

impl Place<'_> {
    fn at(&self, finding: Finding, span: Option<&Range<usize>>) -> Finding {
        match span {
            Some(span) => finding.at(self.side, self.file, span.clone()),
            None => finding.at_file(self.side, self.file),
        }
    }

    /// The diff's name for this side: the file, or what stands for the file it lacks.
    fn label(&self, param: &str) -> String {
        if self.named {
            self.file.display.clone()
        } else {
            format!(
                "{} (tibemsd.conf names no `{param}` file)",
                self.side.as_str()
            )
        }
    }

    /// `queues.conf`: the file's own name, for help texts.
    fn file_name(&self) -> &str {
        let display = self.file.display.as_str();
        display.rsplit(['/', '\\']).next().unwrap_or(display)
    }
}

/// Compares one sub-file of the pair and reports the differences `options` keeps.
pub fn report_differences(
    pair: &Pair<'_>,
    spec: &Spec,
    options: &ReportOptions,
    out: &mut Vec<Finding>,
) {
    report_judged(pair, spec, options, &|_| Verdict::default(), out);
}

/// [`report_differences`], with each difference's severity and message note from `judge`.
/// Differences of one severity are reported together (one finding each, or one for the file
/// past [`DRIFT_LIMIT`]). In unshared mode a judged warning is an error, as the rule's own
/// severity is; a judged info stays info.
pub fn report_judged(
    pair: &Pair<'_>,
    spec: &Spec,
    options: &ReportOptions,
    judge: &dyn Fn(&Difference<'_>) -> Verdict,
    out: &mut Vec<Finding>,
) {
    let Some(backup) = &pair.backup else { return };
    let place = |server: &Server<'_>| -> Option<(Side, Option<FileRef>)> {
        match server.sub_file(spec.param) {
            // missing-file already says so; every entry would be on the other side only.
            SubFile::Unreadable => None,
            SubFile::NotNamed => Some((server.side(), None)),
            SubFile::Read(file) => Some((server.side(), Some(file.clone()))),
        }
    };
    let (Some((_, file_a)), Some((_, file_b))) = (place(&pair.primary), place(backup)) else {
        return;
    };
    match (&file_a, &file_b) {
        (None, None) => return,
        // Byte-identical files: nothing to compare.
        (Some(a), Some(b)) if a.text == b.text => return,
        _ => {}
    }
    let a = Place {
        side: Side::Primary,
        named: file_a.is_some(),
        file: file_a.as_ref().unwrap_or(pair.primary.main()),
    };
    let b = Place {
        side: Side::Backup,
        named: file_b.is_some(),
        file: file_b.as_ref().unwrap_or(backup.main()),
    };
    // Large files are keyed on both sides at once.
    let size: usize = [&file_a, &file_b]
        .into_iter()
        .flatten()
        .map(|f| f.text.len())
        .sum();
    let group = |server| grouped(pair, spec, server);
    let (primary, backup_items) = if size >= PARALLEL_FROM {
        parallel::both(|| group(&pair.primary), || group(backup))
    } else {
        (group(&pair.primary), group(backup))
    };
    let (differences, total) = differences(
        spec,
        pair.settings,
        (&pair.primary, &primary),
        (backup, &backup_items),
    );
    let kept: Vec<&Difference<'_>> = differences
        .iter()
        .filter(|d| (options.keep)(pair, d))
        .collect();
    let unshared = options.unshared_error && pair.settings.mode == Mode::Unshared;
    let mut by_severity: BTreeMap<Severity, Vec<Judged<'_, '_>>> = BTreeMap::new();
    for difference in kept {
        let verdict = judge(difference);
        let severity = match verdict.severity {
            Some(Severity::Info) => Severity::Info,
            _ if unshared => Severity::Error,
            Some(severity) => severity,
            None => options.rule.severity,
        };
        by_severity
            .entry(severity)
            .or_default()
            .push((difference, verdict));
    }
    for (severity, judged) in by_severity.iter().rev() {
        out.extend(
            difference_findings(spec, options.rule, judged, total, &a, &b)
                .into_iter()
                .map(|f| f.severity(*severity)),
        );
    }
}

/// A difference with the rule's verdict on it.
type Judged<'d, 'a> = (&'d Difference<'a>, Verdict);

/// One finding per difference, or one for the whole file past [`DRIFT_LIMIT`] differences.
fn difference_findings(
    spec: &Spec,
    rule: &'static RuleMeta,
    judged: &[Judged<'_, '_>],
    total: usize,
    a: &Place<'_>,
    b: &Place<'_>,
) -> Vec<Finding> {
    if judged.len() > DRIFT_LIMIT {
        let kept: Vec<&Difference<'_>> = judged.iter().map(|(d, _)| *d).collect();
        let summary = judged[0].1.summary.filter(|s| {
            judged
                .iter()
                .all(|(_, verdict)| verdict.summary == Some(*s))
        });
        let mut finding = drift_finding(spec, rule, &kept, total, a, b);
        if let Some(summary) = summary {
            finding.message.push_str(summary);
        }
        return vec![finding];
    }
    judged
        .iter()
        .map(|(difference, verdict)| {
            let mut finding = entry_finding(spec, rule, difference, a, b);
            if let Some(note) = &verdict.note {
                finding.message.push_str(note);
            }
            if let Some(help) = &verdict.help {
                finding.help = Some(help.clone());
            }
            finding
        })
        .collect()
}

/// One finding for one entry that differs.
fn entry_finding(
    spec: &Spec,
    rule: &'static RuleMeta,
    difference: &Difference<'_>,
    a: &Place<'_>,
    b: &Place<'_>,
) -> Finding {
    let what = (spec.describe)(difference.key());
    let entity = entity_name(difference.key());
    let new = |message: String| Finding::new(rule, message).about(spec.noun, entity.clone());
    match difference {
        Difference::OnlyPrimary(e) | Difference::OnlyBackup(e) => {
            let (have, lack) = match difference {
                Difference::OnlyPrimary(_) => (a, b),
                _ => (b, a),
            };
            let mut message = format!("{what} is defined on {} only", have.side.as_str());
            if !lack.named {
                let _ = write!(
                    message,
                    " ({}'s tibemsd.conf names no `{}` file)",
                    lack.side.as_str(),
                    spec.param
                );
            }
            let help = if lack.named {
                format!(
                    "add the {} to {}'s {} as well, or remove it from {}'s",
                    spec.noun,
                    lack.side.as_str(),
                    lack.file_name(),
                    have.side.as_str()
                )
            } else {
                format!(
                    "name a `{}` file in {}'s tibemsd.conf that defines the {} too, or remove it from {}'s {}",
                    spec.param,
                    lack.side.as_str(),
                    spec.noun,
                    have.side.as_str(),
                    have.file_name()
                )
            };
            let text = (spec.render)(&e.key, &masked(&e.value, None));
            let (left, right) = match difference {
                Difference::OnlyPrimary(_) => (text, String::new()),
                _ => (String::new(), text),
            };
            let finding = have.at(new(message), Some(&e.span));
            lack.at(finding, None)
                .help(help)
                .diff_labeled((a.label(spec.param), left), (b.label(spec.param), right))
        }
        Difference::Changed(x, y) => {
            let message = format!("{what} differs{}", (spec.explain)(&x.value, &y.value));
            let finding = a.at(new(message), Some(&x.span));
            b.at(finding, Some(&y.span))
                .help(format!(
                    "make the {} the same in both servers' {}",
                    spec.noun,
                    a.file_name()
                ))
                .diff(
                    (spec.render)(&x.key, &masked(&x.value, None)),
                    (spec.render)(&y.key, &masked(&y.value, Some(&x.value))),
                )
        }
    }
}

/// One finding for a file whose entries have drifted apart.
fn drift_finding(
    spec: &Spec,
    rule: &'static RuleMeta,
    kept: &[&Difference<'_>],
    total: usize,
    a: &Place<'_>,
    b: &Place<'_>,
) -> Finding {
    let (mut only_a, mut only_b, mut changed) = (0, 0, 0);
    for difference in kept {
        match difference {
            Difference::OnlyPrimary(_) => only_a += 1,
            Difference::OnlyBackup(_) => only_b += 1,
            Difference::Changed(..) => changed += 1,
        }
    }
    // The first entries in key order; the rest only counted, so the diff stays readable.
    let (mut left, mut right) = (String::new(), String::new());
    for difference in kept.iter().take(DRIFT_SHOWN) {
        match difference {
            Difference::OnlyPrimary(e) => {
                left.push_str(&(spec.render)(&e.key, &masked(&e.value, None)));
            }
            Difference::OnlyBackup(e) => {
                right.push_str(&(spec.render)(&e.key, &masked(&e.value, None)));
            }
            Difference::Changed(x, y) => {
                left.push_str(&(spec.render)(&x.key, &masked(&x.value, None)));
                right.push_str(&(spec.render)(&y.key, &masked(&y.value, Some(&x.value))));
            }
        }
    }
    if kept.len() > DRIFT_SHOWN {
        let more = format!(
            "# … and {} more {} that differ, not shown\n",
            thousands(kept.len() - DRIFT_SHOWN),
            spec.plural
        );
        left.push_str(&more);
        right.push_str(&more);
    }
    let parts: Vec<String> = [
        (only_a, "only on primary"),
        (only_b, "only on backup"),
        (changed, "changed"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{} {what}", thousands(*n)))
    .collect();
    let message = format!(
        "{} of {} {} differ: {}",
        thousands(kept.len()),
        thousands(total),
        spec.plural,
        parts.join(", ")
    );
    let finding = a.at(Finding::new(rule, message).about("file", spec.param), None);
    b.at(finding, None)
        .help(format!(
            "the two servers' {} have drifted apart: review the diff below and make them the same (or copy one server's file to the other)",
            spec.plural
        ))
        .diff_labeled((a.label(spec.param), left), (b.label(spec.param), right))
}

/// An entry's name for a baseline: the parts of its key, `orders.in`, `user1 queue orders.>`.
fn entity_name(key: &super::Key<'_>) -> String {
    let parts: Vec<&str> = key.0.iter().copied().filter(|p| !p.is_empty()).collect();
    parts.join(" ")
}

/// The INI parser's fingerprint of a secret value.
fn is_secret(value: &str) -> bool {
    value.starts_with("<secret ") && value.ends_with('>')
}

/// A value fit to show: each secret becomes `<secret>`, or `<secret, differs>` when `other`
/// (the primary's value of the same entry) holds a different one.
fn masked<'v>(value: &'v Fields, other: Option<&Fields>) -> Cow<'v, Fields> {
    if !value.values().any(|v| is_secret(v)) {
        return Cow::Borrowed(value);
    }
    let mut shown = value.clone();
    for (field, v) in shown.iter_mut() {
        if is_secret(v) {
            let differs = other.and_then(|o| o.get(field)).is_some_and(|o| o != v);
            *v = if differs {
                "<secret, differs>"
            } else {
                "<secret>"
            }
            .to_string();
        }
    }
    Cow::Owned(shown)
}

/// The fields whose values differ: ``differs in `maxbytes`, `prefetch` ``'s list.
pub fn differing_fields<'v>(a: &'v Fields, b: &'v Fields) -> Vec<&'v str> {
    let fields: BTreeSet<&str> = a.keys().chain(b.keys()).map(String::as_str).collect();
    fields
        .into_iter()
        .filter(|f| a.get(*f) != b.get(*f))
        .collect()
}

/// The default explanation: which fields differ, ``in `maxbytes`, `prefetch` ``.
pub fn explain_fields(a: &Fields, b: &Fields) -> String {
    let fields: Vec<String> = differing_fields(a, b)
        .iter()
        .map(|f| format!("`{f}`"))
        .collect();
    format!(" in {}", fields.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{with_pair, with_pair_and};
    use crate::compare::{Key, QUEUES, ROUTES};
    use crate::settings::Settings;

    fn queue_findings(pair: &Pair<'_>, spec: &Spec) -> Vec<Finding> {
        let options = ReportOptions::all(&crate::rules::equivalence::destination_mismatch::META);
        let mut out = Vec::new();
        report_differences(pair, spec, &options, &mut out);
        out
    }

    #[test]
    fn secrets_are_masked_and_a_difference_still_shows() {
        let a = Fields::from([("dbstore_driver_password".into(), "<secret 00ff>".into())]);
        let b = Fields::from([("dbstore_driver_password".into(), "<secret 1234>".into())]);
        let shown = |value: Cow<'_, Fields>| value["dbstore_driver_password"].clone();
        assert_eq!(shown(masked(&a, None)), "<secret>");
        assert_eq!(shown(masked(&b, Some(&a))), "<secret, differs>");
        assert_eq!(shown(masked(&a, Some(&a))), "<secret>");
        let text = (ROUTES.render)(&Key::one("s"), &masked(&b, Some(&a)));
        assert!(!text.contains("1234"));
    }

    #[test]
    fn past_the_drift_limit_one_finding_sums_up_the_file() {
        let queues = |names: std::ops::Range<usize>, maxmsgs: &dyn Fn(usize) -> usize| {
            names
                .map(|i| format!("q{i:02} maxmsgs={}\n", maxmsgs(i)))
                .collect::<String>()
        };
        let primary = queues(0..30, &|_| 1);
        let backup = queues(10..40, &|i| if i < 15 { 2 } else { 1 });
        // 10 only on primary, 10 only on backup, 5 changed: one finding for the file.
        with_pair([&primary, &backup], |pair| {
            let found = queue_findings(pair, &QUEUES);
            assert_eq!(found.len(), 1);
            assert_eq!(
                found[0].message,
                "25 of 40 queues differ: 10 only on primary, 10 only on backup, 5 changed"
            );
            assert!(found[0].locations.iter().all(|l| l.span.is_none()));
            let diff = found[0].diff.as_ref().unwrap();
            assert_eq!(diff.primary.lines().count(), 15);
            assert_eq!(diff.backup.lines().count(), 15);
        });
        // Past DRIFT_SHOWN entries the diff shows the first ones and counts the rest.
        let many: String = (0..DRIFT_SHOWN + 50)
            .map(|i| format!("m{i:04}\n"))
            .collect();
        with_pair([&many, ""], |pair| {
            let found = queue_findings(pair, &QUEUES);
            assert_eq!(found.len(), 1);
            let diff = found[0].diff.as_ref().unwrap();
            assert_eq!(diff.primary.lines().count(), DRIFT_SHOWN + 1);
            assert!(diff
                .primary
                .ends_with("# … and 50 more queues that differ, not shown\n"));
            assert_eq!(
                diff.backup,
                "# … and 50 more queues that differ, not shown\n"
            );
        });
        // Exactly at the limit, each entry is its own finding.
        let at_limit = queues(0..DRIFT_LIMIT, &|_| 1);
        with_pair([&at_limit, ""], |pair| {
            let found = queue_findings(pair, &QUEUES);
            assert_eq!(found.len(), DRIFT_LIMIT);
            assert!(found
                .iter()
                .all(|f| f.locations.iter().any(|l| l.span.is_some())));
        });
    }

    #[test]
    fn byte_identical_files_are_not_compared() {
        let never_read = Spec {
            item: |_, _| unreachable!("byte-identical files are not compared"),
            ..QUEUES
        };
        with_pair(["q1 prefetch=1\n"; 2], |pair| {
            assert!(queue_findings(pair, &never_read).is_empty());
        });
        with_pair(
            ["q1 prefetch=1\nq2\n", "q2\r\nq1   PREFETCH=1\r\n"],
            |pair| {
                let out = queue_findings(pair, &QUEUES);
                assert!(out.is_empty(), "{out:?}");
            },
        );
        with_pair(["q1 prefetch=1\n", "q1 prefetch=2\n"], |pair| {
            let out = queue_findings(pair, &QUEUES);
            assert_eq!(out.len(), 1);
            assert_eq!(out[0].message, "queue `q1` differs in `prefetch`");
            assert_eq!(out[0].locations.len(), 2);
        });
    }

    #[test]
    fn values_are_built_only_for_keys_whose_lines_differ() {
        let no_values = Spec {
            value: |_, _| unreachable!("equal lines need no value"),
            ..QUEUES
        };
        with_pair(
            ["q1 prefetch=1\nq2\nq3\n", "q3\nq2\nq1 prefetch=1\n"],
            |pair| {
                assert!(queue_findings(pair, &no_values).is_empty());
            },
        );
        // Lines that differ only in spelling are equal by meaning.
        with_pair(["q1 prefetch=1\nq2\n", "q2\nq1 PREFETCH = 1\n"], |pair| {
            let out = queue_findings(pair, &QUEUES);
            assert!(out.is_empty(), "{out:?}");
        });
    }

    #[test]
    fn ignored_destinations_are_neither_compared_nor_counted() {
        let settings = Settings {
            ignore_destinations: vec!["tmp.>".into()],
            ..Settings::default()
        };
        with_pair_and(settings, ["tmp.a\nq1\nq2\n", "q1\ntmp.b\n"], |pair| {
            let out = queue_findings(pair, &QUEUES);
            assert_eq!(out.len(), 1, "{out:?}");
            assert_eq!(out[0].message, "queue `q2` is defined on primary only");
        });
    }

    #[test]
    fn judged_differences_are_reported_by_severity_each_group_on_its_own() {
        let primary: String = (0..30).map(|i| format!("q{i:02} maxmsgs=1\n")).collect();
        let backup: String = (0..30).map(|i| format!("q{i:02} maxmsgs=2\n")).collect();
        let options = ReportOptions::all(&crate::rules::equivalence::destination_mismatch::META);
        // q00..q24 judged info with a note, the rest left to the rule.
        let judge = |d: &Difference<'_>| {
            if d.key().part(0) < "q25" {
                Verdict {
                    severity: Some(Severity::Info),
                    note: Some("; a note".into()),
                    summary: Some("; all alike"),
                    help: None,
                }
            } else {
                Verdict::default()
            }
        };
        with_pair([&primary, &backup], |pair| {
            let mut out = Vec::new();
            report_judged(pair, &QUEUES, &options, &judge, &mut out);
            let infos: Vec<&Finding> = out
                .iter()
                .filter(|f| f.severity == Severity::Info)
                .collect();
            let errors: Vec<&Finding> = out
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            // 25 infos are past the drift limit: one finding, with the shared summary.
            assert_eq!(infos.len(), 1, "{out:?}");
            assert_eq!(
                infos[0].message,
                "25 of 30 queues differ: 25 changed; all alike"
            );
            // 5 errors: one each, as before.
            assert_eq!(errors.len(), 5);
            assert_eq!(errors[0].message, "queue `q25` differs in `maxmsgs`");
        });
        // Below the limit, each judged finding carries its note.
        with_pair(["q1 maxmsgs=1\n", "q1 maxmsgs=2\n"], |pair| {
            let mut out = Vec::new();
            let note = |_: &Difference<'_>| Verdict {
                severity: Some(Severity::Info),
                note: Some("; a note".into()),
                summary: None,
                help: Some("nothing to do".into()),
            };
            report_judged(pair, &QUEUES, &options, &note, &mut out);
            assert_eq!(out.len(), 1);
            assert_eq!(out[0].message, "queue `q1` differs in `maxmsgs`; a note");
            assert_eq!(out[0].help.as_deref(), Some("nothing to do"));
        });
    }

    #[test]
    fn fields_that_differ_are_named() {
        let a = Fields::from([
            ("prefetch".into(), "5".into()),
            ("secure".into(), String::new()),
        ]);
        let b = Fields::from([
            ("prefetch".into(), "6".into()),
            ("maxbytes".into(), "1".into()),
        ]);
        assert_eq!(
            differing_fields(&a, &b),
            vec!["maxbytes", "prefetch", "secure"]
        );
        assert_eq!(
            explain_fields(&a, &b),
            " in `maxbytes`, `prefetch`, `secure`"
        );
    }
}
