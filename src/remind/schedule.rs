//! When the reminder looks: a day of the week and a time, or every day for a cadence of
//! its own (`{"every_days": N}`: a week's day would miss most due days).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::RemindError;

/// How often the reminder looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repeat {
    /// Once a week, on this day.
    Weekly(Weekday),
    /// Every day.
    Daily,
}

/// When the reminder looks whether a check-in is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Schedule {
    /// Which days.
    pub repeat: Repeat,
    /// The time of day (local), to the minute.
    pub time: NaiveTime,
}

/// The time used when none is given: early evening, after most working days.
pub(crate) fn default_time() -> NaiveTime {
    NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// Reads `--day`: a weekday's name or its first three letters, any case.
pub(crate) fn parse_day(given: &str) -> Result<Weekday, RemindError> {
    let lower = given.trim().to_ascii_lowercase();
    const DAYS: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    DAYS.iter()
        .find(|(name, _)| lower.len() >= 3 && name.starts_with(&lower))
        .map(|(_, day)| *day)
        .ok_or_else(|| RemindError::BadDay(given.to_string()))
}

/// Reads `--time`: HH:MM on the 24-hour clock.
pub(crate) fn parse_time(given: &str) -> Result<NaiveTime, RemindError> {
    let bad = || RemindError::BadTime(given.to_string());
    let (h, m) = given.trim().split_once(':').ok_or_else(bad)?;
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (h, m) = (number(h).ok_or_else(bad)?, number(m).ok_or_else(bad)?);
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// A weekday's full English name.
pub(crate) fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

impl Schedule {
    /// "every Monday at 18:00", "every day at 09:30".
    pub(crate) fn describe(&self) -> String {
        let at = self.time.format("%H:%M");
        match self.repeat {
            Repeat::Weekly(day) => format!("every {} at {at}", day_name(day)),
            Repeat::Daily => format!("every day at {at}"),
        }
    }

    /// The first time at or after `now` the reminder looks.
    pub(crate) fn next_after(&self, now: NaiveDateTime) -> NaiveDateTime {
        let today = now.date();
        (0..=7)
            .filter_map(|ahead| today.checked_add_signed(Duration::days(ahead)))
            .filter(|day| match self.repeat {
                Repeat::Weekly(wanted) => day.weekday() == wanted,
                Repeat::Daily => true,
            })
            .map(|day| day.and_time(self.time))
            .find(|at| *at >= now)
            .unwrap_or(now)
    }
}

/// "Monday 7 December 2026 at 18:00".
pub(crate) fn when(at: NaiveDateTime) -> String {
    format!("{} at {}", day(at.date()), at.format("%H:%M"))
}

fn day(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_times_read_as_people_write_them() {
        assert_eq!(parse_day("Fri").ok(), Some(Weekday::Fri));
        assert_eq!(parse_day("wednesday").ok(), Some(Weekday::Wed));
        assert!(parse_day("fr").is_err());
        assert!(parse_day("someday").is_err());
        assert_eq!(parse_time("7:05").ok(), NaiveTime::from_hms_opt(7, 5, 0));
        for bad in ["24:00", "18", "18:60", "-1:00", "18:0a", " : "] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_next_time_is_today_when_still_ahead_else_the_next_such_day() {
        let s = Schedule {
            repeat: Repeat::Weekly(Weekday::Thu),
            time: default_time(),
        };
        let thursday = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let morning = thursday.and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(s.next_after(morning), thursday.and_time(default_time()));
        let night = thursday.and_hms_opt(21, 0, 0).unwrap();
        assert_eq!(
            s.next_after(night).date(),
            NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
        );
    }
}
