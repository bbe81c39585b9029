//! The engine: keys, grouping, the merge of two servers' entries, repeated keys.

use super::*;
use crate::finding::Side;

#[test]
fn keys_order_by_their_parts() {
    assert!(Key::one("a") < Key::one("b"));
    assert!(Key(["QUEUE", "a", "USER", "z"]) < Key(["QUEUE", "b", "GROUP", "a"]));
    assert_eq!(Key::one("x").part(1), "");
    assert_ne!(Key(["a", "b", "", ""]), Key(["ab", "", "", ""]));
}

/// The differences between the pair's queues.conf files, and the number of distinct keys.
fn queue_differences<'a>(pair: &Pair<'a>) -> (Vec<Difference<'a>>, usize) {
    let backup = pair.backup.as_ref().unwrap();
    let (ga, gb) = (
        Grouped::new(&QUEUES, &pair.primary),
        Grouped::new(&QUEUES, backup),
    );
    differences(&QUEUES, pair.settings, (&pair.primary, &ga), (backup, &gb))
}

#[test]
fn equal_canonical_values_are_no_difference_and_order_does_not_matter() {
    with_pair(
        ["q1 prefetch=5,secure\nq2\n", "q2\nq1 secure, PREFETCH=5\n"],
        |pair| {
            let (found, total) = queue_differences(pair);
            assert!(found.is_empty(), "{found:?}");
            assert_eq!(total, 2);
        },
    );
}

#[test]
fn yields_only_on_primary_only_on_backup_and_changed_with_both_spans() {
    with_pair(
        [
            "both prefetch=5\nmine\nsame\n",
            "theirs\nsame\nboth prefetch=6\n",
        ],
        |pair| {
            let (found, total) = queue_differences(pair);
            assert_eq!(total, 4);
            assert_eq!(found.len(), 3, "{found:?}");
            // In key order; a changed entry at its line on each side.
            assert!(
                matches!(&found[0], Difference::Changed(x, y) if x.span.start == 0 && y.span.start == 12)
            );
            assert!(matches!(&found[1], Difference::OnlyPrimary(e) if e.key == Key::one("mine")));
            assert!(matches!(&found[2], Difference::OnlyBackup(e) if e.key == Key::one("theirs")));
        },
    );
}

#[test]
fn a_repeated_queue_is_compared_by_its_last_definition() {
    with_pair(
        ["a prefetch=1\nb\na prefetch=2\n", "b\na prefetch=2\n"],
        |pair| {
            let (found, total) = queue_differences(pair);
            assert!(found.is_empty(), "{found:?}");
            assert_eq!(total, 2);
        },
    );
    with_pair(
        ["a prefetch=2\nb\na prefetch=1\n", "b\na prefetch=2\n"],
        |pair| {
            let (found, _) = queue_differences(pair);
            assert_eq!(found.len(), 1);
            // The entry is shown where the definition EMS keeps is written.
            assert!(matches!(&found[0], Difference::Changed(x, _) if x.span.start == 15));
        },
    );
}

#[test]
fn duplicates_pair_each_repeat_with_the_first() {
    with_pair(["a\nb\na prefetch=1\na\n", "a\n"], |pair| {
        let dups = duplicates(pair, &QUEUES, &pair.primary);
        let lines: Vec<(Key<'_>, usize, usize)> = dups
            .iter()
            .map(|(key, first, again)| {
                let line = |span: &Range<usize>| {
                    pair.primary
                        .queues
                        .as_ref()
                        .unwrap()
                        .file
                        .shown_line(span.start)
                };
                (*key, line(first), line(again))
            })
            .collect();
        assert_eq!(lines, [(Key::one("a"), 1, 3), (Key::one("a"), 1, 4)]);
        assert!(duplicates(pair, &QUEUES, pair.backup.as_ref().unwrap()).is_empty());
    });
}

#[test]
fn ignore_patterns_come_from_the_settings() {
    let settings = Settings {
        ignore_destinations: vec!["$TMP$.>".into(), "sample.*".into()],
        ..Settings::default()
    };
    assert!(ignored(&settings, "$TMP$.x.y"));
    assert!(ignored(&settings, "sample.q"));
    assert!(!ignored(&settings, "orders.in"));
}

#[test]
fn groups_keep_the_first_the_last_or_all_items_of_a_key_in_file_order() {
    with_pair(["b\na\nc\na\na\n", ""], |pair| {
        let grouped = Grouped::new(&QUEUES, &pair.primary);
        assert_eq!(grouped.len(), 3);
        let name = |g: usize| (QUEUES.item)(&pair.primary, grouped.first(g)).unwrap().key;
        let a = (0..3).find(|&g| name(g) == Key::one("a")).unwrap();
        let at = |kept: &[Slot]| -> Vec<u32> { kept.iter().map(|slot| slot.at).collect() };
        assert_eq!(at(grouped.kept(a, Keeps::First)), [1]);
        assert_eq!(at(grouped.kept(a, Keeps::Last)), [4]);
        assert_eq!(at(grouped.kept(a, Keeps::All)), [1, 3, 4]);
        let empty = Grouped::new(&QUEUES, pair.backup.as_ref().unwrap());
        assert_eq!(empty.len(), 0);
    });
}

#[test]
fn keys_that_differ_only_in_how_their_parts_split_are_different_keys() {
    assert_ne!(
        key_hash(&Key(["ab", "", "", ""])),
        key_hash(&Key(["a", "b", "", ""]))
    );
}

/// Reads a pair whose two directories hold `tibemsd.conf` and a queues.conf each.
pub(super) fn with_pair(queues: [&str; 2], test: impl FnOnce(&Pair<'_>)) {
    with_pair_and(Settings::default(), queues, test);
}

/// [`with_pair`] with these settings.
pub(super) fn with_pair_and(settings: Settings, queues: [&str; 2], test: impl FnOnce(&Pair<'_>)) {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = [Side::Primary, Side::Backup]
        .into_iter()
        .zip(queues)
        .map(|(side, text)| {
            let d = dir.path().join(side.as_str());
            std::fs::create_dir(&d).unwrap();
            std::fs::write(d.join("tibemsd.conf"), "queues = queues.conf\n").unwrap();
            std::fs::write(d.join("queues.conf"), text).unwrap();
            let reader = crate::model::read::reader_for(&[&d], &settings);
            crate::model::read::read_server(side, &d, &settings, &reader)
        })
        .collect();
    let pair = Pair::new(
        Server::parse(&files[0]),
        Some(Server::parse(&files[1])),
        &settings,
        None,
    );
    test(&pair);
}

#[test]
fn every_sub_file_has_one_spec() {
    for row in crate::model::subfiles::SUB_FILES {
        let specs = ALL.iter().filter(|s| s.param == row.param).count();
        assert_eq!(specs, 1, "{}", row.param);
    }
    assert_eq!(ALL.len(), crate::model::subfiles::SUB_FILES.len());
}
