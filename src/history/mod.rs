//! `selfcheck history`: list past check-ins, show one, move one to the trash and back, and
//! empty the trash.
//!
//! Nothing is removed for good except by `history purge`, after confirmation. Moving files
//! takes the busy lock, so two selfchecks never move the same file at once; saving a new
//! check-in never waits for it.
//!
//! Layer: summary model. It may use: error, fsio, dates, text, paths, cli, output,
//! questionnaire, config, crisis, sets, answers, record, store, draft, status, period, engine;
//! and summary beside it.

use std::io::IsTerminal;

use crate::error::Error;
use crate::period::Period;
use crate::store::{Loaded, Store, StoredCheckin, CHECKINS_DIR, TRASH_DIR};

mod list;

pub use list::{list, list_all, HistoryLine, HistoryList, Num, Scores, Word};

/// Loads what a period needs: its files and the few before it that rules look back at.
pub fn load_period(store: &Store, period: &Period) -> Result<Loaded, Error> {
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
pub fn resolve<'a>(
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
        return Err(Error::Refused(hint));
    }
    if let Ok(date) = crate::dates::parse_day("DATE", target) {
        let matches: Vec<&StoredCheckin> =
            checkins.iter().filter(|c| c.record.date == date).collect();
        return match matches.as_slice() {
            [] => Err(Error::Refused(format!(
                "no check-in on {date}{place}; `selfcheck history` lists the dates there are"
            ))),
            [one] => Ok(one),
            many => {
                let ids: Vec<&str> = many.iter().map(|c| c.record.id.as_str()).collect();
                Err(Error::Refused(format!(
                    "{} check-ins on {date}{place}: {}. Give the id of the one you mean.",
                    many.len(),
                    ids.join(", ")
                )))
            }
        };
    }
    checkins
        .iter()
        .find(|c| c.record.id == target || c.path.file_stem().is_some_and(|s| s == target))
        .ok_or_else(|| {
            Error::Refused(format!(
                "no check-in with the id \"{target}\"{place}; give a date as YYYY-MM-DD, or an id as `selfcheck history --ids` lists them"
            ))
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
pub fn period_of(target: &str) -> Period {
    let day = target
        .get(..10)
        .and_then(|d| crate::dates::parse_day("DATE", d).ok());
    Period {
        last: None,
        since: day,
        until: day,
    }
}

/// Asks before something that changes the history; `--yes` answers for scripts.
pub fn confirm(question: &str, yes: bool) -> Result<bool, Error> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Refused(
            "there is no terminal to ask for confirmation in; add --yes to go ahead without being asked".to_string(),
        ));
    }
    let answer = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact_opt();
    let _ = console::Term::stderr().show_cursor();
    Ok(matches!(answer, Ok(Some(true))))
}

/// Moves the target check-in to the trash.
pub fn delete(store: &Store, target: &str, yes: bool) -> Result<String, Error> {
    let loaded = store.load_selected(CHECKINS_DIR, |e| period_of(target).entries_to_read(e))?;
    let found = resolve(&loaded.checkins, target, "to delete")?;
    let (id, date) = (found.record.id.clone(), found.record.date);
    let question =
        format!("Move the check-in of {date} ({id}) to the trash? You can restore it later.");
    if !confirm(&question, yes)? {
        return Ok("Nothing was changed.".to_string());
    }
    let _lock = store.lock()?;
    if !found.path.exists() {
        return Err(Error::Refused(format!(
            "the check-in {id} was moved by another selfcheck meanwhile; nothing was changed"
        )));
    }
    store.move_between(&found.path, TRASH_DIR)?;
    Ok(format!(
        "Moved the check-in of {date} to the trash. To bring it back: selfcheck history restore {id}"
    ))
}

/// Brings the target check-in back from the trash.
pub fn restore(store: &Store, target: &str) -> Result<String, Error> {
    let loaded = store.load_selected(TRASH_DIR, |e| 0..e.len())?;
    let found = resolve(&loaded.checkins, target, "in the trash")?;
    let _lock = store.lock()?;
    store.move_between(&found.path, CHECKINS_DIR)?;
    Ok(format!(
        "Restored the check-in of {} ({}).",
        found.record.date, found.record.id
    ))
}

/// Empties the trash for good, after confirmation.
pub fn purge(store: &Store, yes: bool) -> Result<String, Error> {
    let (checkins, _) = store.entries(TRASH_DIR)?;
    // The journal's trash is emptied with the check-ins' (`log delete` puts entries there).
    let (entries, _) = store.entries(crate::journal::JOURNAL_TRASH_DIR)?;
    if checkins.is_empty() && entries.is_empty() {
        return Ok("The trash is empty; nothing was changed.".to_string());
    }
    let what = trash_words(checkins.len(), entries.len());
    let question = format!("Remove {what} in the trash for good? This cannot be undone.");
    if !confirm(&question, yes)? {
        return Ok("Nothing was changed.".to_string());
    }
    let _lock = store.lock()?;
    let (mut gone_checkins, mut gone_entries) = (0, 0);
    for (list, count) in [
        (&checkins, &mut gone_checkins),
        (&entries, &mut gone_entries),
    ] {
        for entry in list {
            if entry.path.exists() {
                store.remove_for_good(&entry.path)?;
                *count += 1;
            }
        }
    }
    Ok(format!(
        "Removed {} from the trash for good.",
        trash_words(gone_checkins, gone_entries)
    ))
}

/// "3 check-ins and 1 journal entry", leaving out a kind there is none of.
fn trash_words(checkins: usize, entries: usize) -> String {
    let c = match checkins {
        1 => "1 check-in".to_string(),
        n => format!("{n} check-ins"),
    };
    let e = match entries {
        1 => "1 journal entry".to_string(),
        n => format!("{n} journal entries"),
    };
    match (checkins, entries) {
        (_, 0) => c,
        (0, _) => e,
        _ => format!("{c} and {e}"),
    }
}
