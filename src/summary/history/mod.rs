//! The history of check-ins as a model: the period's files read and checked, one check-in
//! found by date or id, and the list `selfcheck history` prints (`list.rs`).

use crate::base::error::{Error, PickError};
use crate::store::selection::Selection;
use crate::store::{Loaded, Store, StoredCheckin, CHECKINS_DIR};

mod list;

pub(crate) use list::{list, list_all, HistoryList, Word};

/// Loads what a period needs: its files and the few before it that rules look back at.
pub(crate) fn load_period(store: &Store, period: &Selection) -> Result<Loaded, Error> {
    let mut loaded = if period.is_unbounded() {
        store.load()?
    } else {
        store.load_selected(CHECKINS_DIR, |entries| period.entries_to_read(entries))?
    };
    // Every record read is checked against its question set; one that does not fit is
    // named and skipped.
    crate::engine::keep_valid(&mut loaded);
    Ok(loaded)
}

/// Finds one check-in by date or id; a date matching several lists their ids. `place`
/// ("to delete", "in the trash", or empty) says where it was looked for.
pub(crate) fn resolve<'a>(
    checkins: &'a [StoredCheckin],
    target: &str,
    place: &str,
) -> Result<&'a StoredCheckin, Error> {
    let place = if place.is_empty() {
        String::new()
    } else {
        format!(" {place}")
    };
    let target = target.trim();
    if let Some(hint) = other_date_form(target) {
        return Err(PickError::DateForm(hint).into());
    }
    if let Ok(date) = crate::base::dates::parse_day("DATE", target) {
        let matches: Vec<&StoredCheckin> =
            checkins.iter().filter(|c| c.record.date == date).collect();
        return match matches.as_slice() {
            [] => Err(PickError::NoneOn {
                date,
                place: place.to_string(),
            }
            .into()),
            [one] => Ok(one),
            many => {
                let ids = many.iter().map(|c| c.record.id.clone()).collect();
                Err(PickError::ManyOn {
                    date,
                    place: place.to_string(),
                    ids,
                }
                .into())
            }
        };
    }
    checkins
        .iter()
        .find(|c| c.record.id == target || c.path.file_stem().is_some_and(|s| s == target))
        .ok_or_else(|| {
            PickError::NoSuchId {
                target: target.to_string(),
                place: place.to_string(),
            }
            .into()
        })
}

/// A date written another way (`12-10-2026`, `12/10/2026`, `2026/10/12`): what to type.
fn other_date_form(target: &str) -> Option<String> {
    let parts: Vec<&str> = target.split(['-', '/', '.']).collect();
    let numeric = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
    let iso = parts.first().is_some_and(|p| p.len() == 4)
        && target.contains('-')
        && !target.contains(['/', '.']);
    (numeric && !iso).then(|| {
        format!("\"{target}\" looks like a date; write it as YYYY-MM-DD (for example 2026-10-12)")
    })
}

/// The period that holds a target's day, so only that day's files (and the few before,
/// for flags across check-ins) are read.
pub(crate) fn period_of(target: &str) -> Selection {
    let day = target
        .get(..10)
        .and_then(|d| crate::base::dates::parse_day("DATE", d).ok());
    Selection {
        last: None,
        since: day,
        until: day,
    }
}
