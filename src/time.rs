//! Dates: the certificates' validity as `YYYY-MM-DD`, and the times `EMSFTLINT_NOW` accepts.

use time::{Date, Month};

/// The Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

/// `2026-11-22`, UTC. A time outside the calendar the `time` crate keeps (years ±9999; every
/// certificate's validity is inside it) is written as its unix seconds.
pub(crate) fn date(unix: i64) -> String {
    let day = i32::try_from(unix.div_euclid(86_400) + UNIX_EPOCH_JULIAN_DAY)
        .ok()
        .and_then(|julian| Date::from_julian_day(julian).ok());
    match day {
        Some(day) => format!(
            "{:04}-{:02}-{:02}",
            day.year(),
            u8::from(day.month()),
            day.day()
        ),
        None => unix.to_string(),
    }
}

/// Unix seconds of `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM` (RFC 3339; a
/// space may replace the `T`), or a number of seconds since 1970.
///
/// Fields may have any number of digits and a fraction of a second is skipped unread, as
/// before the calendar came from the `time` crate; its `Rfc3339` parser is stricter.
pub(crate) fn parse_time(text: &str) -> Option<i64> {
    /// 9999-12-31T23:59:59Z: later times are refused, so that no date arithmetic overflows.
    const LAST: i64 = 253_402_300_799;
    let text = text.trim();
    if let Ok(seconds) = text.parse::<i64>() {
        return (-LAST..=LAST).contains(&seconds).then_some(seconds);
    }
    let number = |s: &str| -> Option<i64> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (day, time) = match text.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut parts = day.splitn(3, '-');
    let (y, m, d) = (
        number(parts.next()?)?,
        number(parts.next()?)?,
        number(parts.next()?)?,
    );
    if y > 9999 {
        return None;
    }
    let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
    let day =
        Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()?;
    let mut seconds = (i64::from(day.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY) * 86_400;
    if let Some(time) = time {
        let (clock, offset) = if let Some(c) = time.strip_suffix(['Z', 'z']) {
            (c, 0)
        } else {
            let at = time.rfind(['+', '-'])?;
            let (c, o) = time.split_at(at);
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let (oh, om) = o[1..].split_once(':')?;
            let (oh, om) = (number(oh)?, number(om)?);
            if oh > 23 || om > 59 {
                return None;
            }
            (c, sign * (oh * 3600 + om * 60))
        };
        let clock = clock.split('.').next()?;
        let mut hms = clock.splitn(3, ':');
        let (h, mi, s) = (
            number(hms.next()?)?,
            number(hms.next()?)?,
            number(hms.next()?)?,
        );
        if h > 23 || mi > 59 || s > 60 {
            return None;
        }
        seconds += h * 3600 + mi * 60 + s - offset;
    }
    Some(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(parse_time("2026-11-22"), Some(1_795_305_600));
        assert_eq!(date(1_795_305_600), "2026-11-22");
        assert_eq!(date(1_795_305_600 - 1), "2026-11-21");
        assert_eq!(
            parse_time("2026-11-22T01:02:03Z"),
            Some(1_795_305_600 + 3723)
        );
        assert_eq!(
            parse_time("2026-11-22T01:02:03+01:00"),
            Some(1_795_305_600 + 3723 - 3600)
        );
        assert_eq!(parse_time("2024-02-29"), Some(1_709_164_800));
        assert_eq!(date(1_709_164_800), "2024-02-29");
        assert_eq!(parse_time("1795305600"), Some(1_795_305_600));
        assert_eq!(date(-86_400), "1969-12-31");
        for bad in [
            "",
            "2026-13-01",
            "2023-02-29",
            "2026-11-22T25:00:00Z",
            "soon",
            "2026-1",
            "99999999999-01-01",
            "9223372036854775807",
            "2026-11-22T01:02:03+01",
            "2026-11-22T01:02:03+99999999999999999:00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    /// What the hand parser accepted, and gave, before the `time` crate did the calendar.
    #[test]
    fn the_accepted_forms_and_their_seconds_are_pinned() {
        let day = 1_795_305_600;
        for (text, seconds) in [
            ("2026-11-22", Some(day)),
            (" 2026-11-22\n", Some(day)),
            ("2026-11-22t01:02:03z", Some(day + 3723)),
            ("2026-11-22 01:02:03Z", Some(day + 3723)),
            ("2026-11-22T01:02:03.123456Z", Some(day + 3723)),
            ("2026-11-22T01:02:03.Z", Some(day + 3723)),
            ("2026-11-22T01:02:03.junkZ", Some(day + 3723)),
            ("2026-11-22T1:2:3Z", Some(day + 3723)),
            ("2026-11-22T001:002:003Z", Some(day + 3723)),
            ("2026-11-22T23:59:60Z", Some(day + 86_400)),
            ("2026-11-22T00:00:00-23:59", Some(day + 86_340)),
            ("2026-11-22T00:00:00+23:59", Some(day - 86_340)),
            ("2026-11-22T00:00:00+0:0", Some(day)),
            ("2026-11-22T00:00:00-00:00", Some(day)),
            ("2026-11-22T00:00:00+01:00:00", None),
            ("2026-11-22T00:00:00+24:00", None),
            ("2026-11-22T00:00:00+00:60", None),
            ("2026-11-22T00:00:61Z", None),
            ("2026-11-22T00:60:00Z", None),
            ("2026-11-22T24:00:00Z", None),
            ("2026-11-22T00:00Z", None),
            ("2026-11-22T00:00:00", None),
            ("2026-11-22T", None),
            ("2026-11-22TZ", None),
            ("2026-11-22T00:00:00:00Z", None),
            ("2026-11-22T+1:00:00Z", None),
            ("26-1-2", Some(-61_346_592_000)),
            ("0-01-01", Some(-62_167_219_200)),
            ("0000-03-01", Some(-62_162_035_200)),
            ("0000-02-29", Some(-62_162_121_600)),
            ("1900-02-29", None),
            ("2000-02-29", Some(951_782_400)),
            ("2100-02-29", None),
            ("9999-12-31", Some(253_402_214_400)),
            ("9999-12-31T23:59:59Z", Some(253_402_300_799)),
            ("9999-12-31T23:59:60Z", Some(253_402_300_800)),
            ("9999-12-31T00:00:00-23:59", Some(253_402_300_740)),
            ("10000-01-01", None),
            ("0001-01-01T00:00:00+23:59", Some(-62_135_683_140)),
            ("0000-01-01T00:00:00+23:59", Some(-62_167_305_540)),
            ("2026-11-22-01", None),
            ("2026-11-22x", None),
            ("2026--11-22", None),
            ("+2026-11-22", None),
            ("-2026-11-22", None),
            ("2026-11-00", None),
            ("2026-00-22", None),
            ("2026-04-31", None),
            ("2026-11-22 ", Some(day)),
            ("2026-11-22  01:02:03Z", None),
            ("0", Some(0)),
            ("-1", Some(-1)),
            ("+5", Some(5)),
            ("00012", Some(12)),
            ("253402300799", Some(253_402_300_799)),
            ("253402300800", None),
            ("-253402300799", Some(-253_402_300_799)),
            ("-253402300800", None),
            ("1e9", None),
            ("1_000", None),
        ] {
            assert_eq!(parse_time(text), seconds, "{text:?}");
        }
    }

    #[test]
    fn dates_are_pinned() {
        for (unix, text) in [
            (0, "1970-01-01"),
            (-1, "1969-12-31"),
            (86_399, "1970-01-01"),
            (951_782_400, "2000-02-29"),
            (253_402_300_799, "9999-12-31"),
            (-62_167_219_200, "0000-01-01"),
            (-62_167_219_201, "-001-12-31"),
            (-61_346_592_000, "0026-01-02"),
        ] {
            assert_eq!(date(unix), text, "{unix}");
        }
        assert_eq!(date(i64::MAX), i64::MAX.to_string());
    }
}
