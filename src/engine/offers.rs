//! What the intake journal can offer the check-in: the days of the 7 up to the check-in's
//! day with an entry the offer counts (its classes and reasons, not prescribed), each
//! substance with its own days, and the value offered to each item marked `from_journal`
//! (that number of days, within the item's range). The words are the check-in's.

use chrono::{Duration, NaiveDate};

use crate::journal::{JournalEntry, Substances};
use crate::questionnaire::Questionnaire;

/// The journal's week before a check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JournalWeek {
    /// The first day of the week (6 days before the check-in's).
    pub from: NaiveDate,
    /// The check-in's day.
    pub to: NaiveDate,
    /// Each counted substance with the number of days it was logged on.
    pub names: Vec<(String, usize)>,
    /// Days with any counted entry.
    pub days: usize,
}

/// The first day of the journal's week before a check-in on `date`.
pub(crate) fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(6)
}

/// The counted entries of the week up to `date`, or `None` when there are none.
pub(crate) fn journal_week(
    entries: &[JournalEntry],
    substances: &Substances,
    date: NaiveDate,
) -> Option<JournalWeek> {
    let from = week_start(date);
    let week: Vec<&JournalEntry> = entries
        .iter()
        .filter(|e| e.date >= from && e.date <= date && substances.offer.counts(e))
        .collect();
    if week.is_empty() {
        return None;
    }
    let mut days: Vec<NaiveDate> = week.iter().map(|e| e.date).collect();
    days.sort();
    days.dedup();
    let mut names: Vec<(String, Vec<NaiveDate>)> = Vec::new();
    for e in &week {
        match names.iter_mut().find(|(n, _)| *n == e.key()) {
            Some((_, on)) if !on.contains(&e.date) => on.push(e.date),
            Some(_) => {}
            None => names.push((e.key(), vec![e.date])),
        }
    }
    Some(JournalWeek {
        from,
        to: date,
        names: names.into_iter().map(|(n, on)| (n, on.len())).collect(),
        days: days.len(),
    })
}

/// The value offered to each item marked `from_journal`: the week's days, within its range.
pub(crate) fn offered_values(q: &Questionnaire, week: &JournalWeek) -> Vec<(String, i64)> {
    q.def
        .items
        .iter()
        .filter(|i| i.from_journal)
        .map(|i| {
            let value = (week.days as i64).clamp(i.min.unwrap_or(0), i.max.unwrap_or(i64::MAX));
            (i.id.clone(), value)
        })
        .collect()
}
