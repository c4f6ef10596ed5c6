//! Moving a check-in to the trash and back, and emptying the trash (`history delete`,
//! `history restore`, `history purge`).
//!
//! Nothing is removed for good except by `history purge`, after confirmation. Moving files
//! takes the busy lock, so two selfchecks never move the same file at once; saving a new
//! check-in never waits for it.

use crate::base::error::Error;
use crate::store::{Store, CHECKINS_DIR, TRASH_DIR};
use crate::summary::history;

/// Moves the target check-in to the trash.
pub(super) fn delete(store: &Store, target: &str, yes: bool) -> Result<String, Error> {
    let loaded = store.load_selected(CHECKINS_DIR, |e| {
        history::period_of(target).entries_to_read(e)
    })?;
    let found = history::resolve(&loaded.checkins, target, "to delete")?;
    let (id, date) = (found.record.id.clone(), found.record.date);
    let question =
        format!("Move the check-in of {date} ({id}) to the trash? You can restore it later.");
    if !super::super::confirm(&question, yes)? {
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
pub(super) fn restore(store: &Store, target: &str) -> Result<String, Error> {
    let loaded = store.load_selected(TRASH_DIR, |e| 0..e.len())?;
    let found = history::resolve(&loaded.checkins, target, "in the trash")?;
    let _lock = store.lock()?;
    store.move_between(&found.path, CHECKINS_DIR)?;
    Ok(format!(
        "Restored the check-in of {} ({}).",
        found.record.date, found.record.id
    ))
}

/// Empties the trash for good, after confirmation.
pub(super) fn purge(store: &Store, yes: bool) -> Result<String, Error> {
    let (checkins, _) = store.entries(TRASH_DIR)?;
    // The journal's trash is emptied with the check-ins' (`log delete` puts entries there).
    let (entries, _) = store.entries(crate::journal::JOURNAL_TRASH_DIR)?;
    if checkins.is_empty() && entries.is_empty() {
        return Ok("The trash is empty; nothing was changed.".to_string());
    }
    let what = trash_words(checkins.len(), entries.len());
    let question = format!("Remove {what} in the trash for good? This cannot be undone.");
    if !super::super::confirm(&question, yes)? {
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
