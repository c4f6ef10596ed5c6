//! Days and ISO weeks: parsing a day the person typed, today's local date, and the Monday
//! of a week. A leaf: every layer may use it, it uses nothing of selfcheck's but errors.

use chrono::{Datelike, Duration, Local, NaiveDate};

use crate::base::error::Error;

/// Parses a day given as YYYY-MM-DD for `flag`, refusing anything looser.
pub(crate) fn parse_day(flag: &str, text: &str) -> Result<NaiveDate, Error> {
    let bad = |reason: &str| Error::BadDate {
        flag: flag.to_string(),
        given: text.to_string(),
        reason: reason.to_string(),
    };
    let shape_ok = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(bad("expected a date as YYYY-MM-DD, for example 2026-11-16"));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| bad("there is no such day; expected a real date as YYYY-MM-DD"))
}

/// Weeks drawn or listed at most (a century): dates further apart than this come from a
/// damaged or hand-edited file, and are not worth a chart of millions of weeks.
pub(crate) const MAX_WEEKS: usize = 5_200;

/// The Monday of a day's ISO week (the earliest representable day at the very start).
pub(crate) fn monday(d: NaiveDate) -> NaiveDate {
    d.checked_sub_signed(Duration::days(i64::from(
        d.weekday().num_days_from_monday(),
    )))
    .unwrap_or(NaiveDate::MIN)
}

/// The earliest day a check-in may be about: records dated before it are refused wherever
/// they come from, so none may be saved.
pub(crate) fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Today's local date, read once per process (reading the local time zone is not free, and
/// every record read is checked against it).
pub(crate) fn today() -> NaiveDate {
    static TODAY: std::sync::OnceLock<NaiveDate> = std::sync::OnceLock::new();
    *TODAY.get_or_init(|| Local::now().date_naive())
}

/// Guards against a `TZ` that names something other than a time zone file (`TZ=/dev/zero`
/// would make the time zone reader read forever): such a value is removed, so the system
/// time zone is used, and the returned warning says so. Call before anything reads the time.
pub(crate) fn guard_time_zone() -> Option<String> {
    let tz = std::env::var_os("TZ")?;
    let text = tz.to_string_lossy().into_owned();
    let name = text.strip_prefix(':').unwrap_or(&text);
    let fine = if name.contains("..") {
        false
    } else if name.starts_with('/') {
        std::fs::metadata(name).is_ok_and(|m| m.is_file() && m.len() <= 1024 * 1024)
    } else {
        true // a zone name (Europe/Dublin) or a POSIX rule (EST5EDT)
    };
    if fine {
        return None;
    }
    // SAFETY (edition 2021: safe): called at start-up, before any other thread exists.
    std::env::remove_var("TZ");
    Some(format!(
        "TZ={text} does not name a time zone file; the system time zone is used"
    ))
}
