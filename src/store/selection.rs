//! Which check-ins a command is about: `--last N`, `--since DATE`, `--until DATE`.
//!
//! File names start with the day a check-in is about, so a period can be chosen from the
//! folder listing and only those files (plus a few before them, which the rules across
//! check-ins look back at) are read: a summary of the last year costs the same with ten
//! years of history.

use std::ops::Range;

use chrono::NaiveDate;

use crate::base::error::{Error, StoreError};
use crate::questionnaire::LOOKBACK;
use crate::store::{Entry, StoredCheckin};

/// A choice of check-ins by date and count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Selection {
    /// The last N check-ins (after the date limits).
    pub last: Option<usize>,
    /// From this day on.
    pub since: Option<NaiveDate>,
    /// Up to and including this day.
    pub until: Option<NaiveDate>,
}

impl Selection {
    /// Builds a period from command-line values, checking them.
    pub(crate) fn from_args(
        last: Option<usize>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Self, Error> {
        let since = since
            .map(|s| crate::base::dates::parse_day("--since", s))
            .transpose()?;
        let until = until
            .map(|s| crate::base::dates::parse_day("--until", s))
            .transpose()?;
        if let (Some(a), Some(b)) = (since, until) {
            if a > b {
                return Err(StoreError::EmptyPeriod { since: a, until: b }.into());
            }
        }
        if last == Some(0) {
            return Err(StoreError::LastZero.into());
        }
        Ok(Selection { last, since, until })
    }

    /// True when no option was given.
    pub(crate) fn is_unbounded(&self) -> bool {
        *self == Selection::default()
    }

    /// The loaded check-ins (sorted) that make up the period.
    pub(crate) fn range(&self, checkins: &[StoredCheckin]) -> Range<usize> {
        let start = checkins.partition_point(|c| self.since.is_some_and(|s| c.record.date < s));
        let end = checkins.partition_point(|c| self.until.is_none_or(|u| c.record.date <= u));
        let end = end.max(start);
        match self.last {
            Some(n) => end.saturating_sub(n).max(start)..end,
            None => start..end,
        }
    }

    /// The files to read for this period (sorted by name), with `LOOKBACK` before it.
    pub(crate) fn entries_to_read(&self, entries: &[Entry]) -> Range<usize> {
        let day = |e: &Entry| e.date.unwrap_or(NaiveDate::MIN);
        let start = self
            .since
            .map(|s| entries.partition_point(|e| day(e) < s))
            .unwrap_or(0);
        let end = self
            .until
            .map(|u| entries.partition_point(|e| day(e) <= u))
            .unwrap_or(entries.len())
            .max(start);
        // Names sort by local time saved within a day; read the whole first day to be safe.
        let start = match self.last {
            Some(n) => {
                let first = end.saturating_sub(n).max(start);
                let first_day = entries.get(first).map(day);
                entries[..first].partition_point(|e| Some(day(e)) < first_day)
            }
            None => start,
        };
        start.saturating_sub(LOOKBACK)..end
    }
}
