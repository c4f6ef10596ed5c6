//! `selfcheck status`: is this week's check-in due?
//!
//! Meant for a shell profile or a cron line, so it reads only the folder listing and the
//! newest check-in file, never the whole history.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::base::error::Error;
use crate::config::Cadence;
use crate::store::{Store, CHECKINS_DIR};

/// What `status` found.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Status {
    /// Day of the latest check-in, if any.
    pub last: Option<NaiveDate>,
    /// True when there is no check-in yet in the current ISO week.
    pub due: bool,
    /// Today (local).
    pub today: NaiveDate,
}

use crate::base::dates::monday;

/// Reads the newest readable check-in's date.
pub(crate) fn check(store: &Store, today: NaiveDate, cadence: Cadence) -> Result<Status, Error> {
    let (entries, _) = store.entries(CHECKINS_DIR)?;
    // Names start with the day; read the newest files until one is readable. An encrypted
    // one is not opened (no passphrase here): its name's day stands for it.
    let last = entries
        .iter()
        .rev()
        .find_map(|e| match store.read_record(&e.path) {
            Ok(r) => Some(r.date),
            Err(crate::store::Unreadable::Locked) => e.date,
            Err(_) => None,
        });
    let due = match cadence {
        Cadence::Weekly => last.is_none_or(|d| monday(d) < monday(today)),
        Cadence::EveryDays { every_days } => {
            last.is_none_or(|d| (today - d).num_days() >= i64::from(every_days))
        }
    };
    Ok(Status { last, due, today })
}

/// The status in calm words.
pub(crate) fn describe(s: &Status, cadence: Cadence) -> String {
    let day = |d: NaiveDate| d.format("%A %-d %B %Y").to_string();
    match s.last {
        None => "No check-ins yet. This week's check-in is due: run `selfcheck checkin` when you have a few minutes.".to_string(),
        Some(last) if s.due => {
            let days = (s.today - last).num_days();
            format!(
                "Your last check-in was on {} ({days} day{} ago). {} check-in is due: run `selfcheck checkin` when you have a few minutes.",
                day(last),
                if days == 1 { "" } else { "s" },
                match cadence {
                    Cadence::Weekly => "This week's",
                    Cadence::EveryDays { .. } => "A",
                }
            )
        }
        Some(last) => {
            let next = match cadence {
                Cadence::Weekly => monday(s.today).checked_add_signed(Duration::days(7)),
                Cadence::EveryDays { every_days } => {
                    last.checked_add_signed(Duration::days(i64::from(every_days)))
                }
            };
            let what = match cadence {
                Cadence::Weekly => "This week's check-in",
                Cadence::EveryDays { .. } => "Your check-in",
            };
            format!(
                "{what} is done ({}). The next one is due from {}.",
                day(last),
                day(next.unwrap_or(s.today))
            )
        }
    }
}
