//! `selfcheck log delete` and `log restore`: an entry named by its whole id, the short id
//! `log list` shows, or a day to choose from, moved to the journal's trash and back. Only an
//! entry selfcheck can read is moved.

use crate::base::error::Error;
use crate::journal::{self, JournalEntry, Substances};

use super::super::Context;

/// Moves the entry `id` out of `from` (the journal, or its trash) to the other; deleting
/// asks first unless `--yes`. Only an entry selfcheck can read is moved.
pub(in crate::commands) fn move_entry(
    ctx: &Context,
    substances: &Substances,
    id: &str,
    from: &str,
    confirm: Option<bool>,
) -> Result<(), Error> {
    let (entries, _) = journal::load_from(&ctx.store, from, substances)?;
    let where_ = if from == journal::JOURNAL_DIR {
        "in the journal"
    } else {
        "in the journal's trash"
    };
    let Some(entry) = chosen(&entries, id.trim(), where_)? else {
        ctx.say("Nothing was changed.");
        return Ok(());
    };
    let dir = ctx.store.root().join(from);
    let path = ctx
        .store
        .find_stored(&dir, &format!("{}.json", entry.id))
        .unwrap_or_else(|| dir.join(format!("{}.json", entry.id)));
    let what = format!("{} of {} {}", entry.name, entry.date, entry.time_words());
    if let Some(yes) = confirm {
        let question =
            format!("Move the entry {what} to the journal's trash? You can restore it later.");
        if !super::super::confirm(&question, yes)? {
            ctx.say("Nothing was changed.");
            return Ok(());
        }
    }
    let _lock = ctx.store.lock()?;
    let to = if from == journal::JOURNAL_DIR {
        journal::JOURNAL_TRASH_DIR
    } else {
        journal::JOURNAL_DIR
    };
    ctx.store.move_between(&path, to)?;
    ctx.say(&if confirm.is_some() {
        format!("Moved the entry {what} to the journal's trash. To bring it back: selfcheck log restore {}", entry.id)
    } else {
        format!("Restored the entry {what}.")
    });
    Ok(())
}

/// The entry an id names: its whole id, the short id `log list` shows, or a day to choose
/// from (on a terminal; else its entries are listed with their ids). `None`: none chosen.
fn chosen<'a>(
    entries: &'a [JournalEntry],
    id: &str,
    where_: &str,
) -> Result<Option<&'a JournalEntry>, Error> {
    let listed = |list: &[&JournalEntry]| {
        list.iter()
            .map(|e| {
                format!(
                    "{} ({} {}, id {})",
                    e.name,
                    e.date,
                    e.time_words(),
                    journal::short_id(&e.id)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    if let Ok(day) = chrono::NaiveDate::parse_from_str(id, "%Y-%m-%d") {
        let of_day: Vec<&JournalEntry> = entries.iter().filter(|e| e.date == day).collect();
        if of_day.is_empty() {
            return Err(Error::Refused(format!(
                "no entry of {day} {where_}; `selfcheck log list` shows the entries and their ids"
            )));
        }
        if !std::io::IsTerminal::is_terminal(&std::io::stdin())
            || !std::io::IsTerminal::is_terminal(&std::io::stderr())
        {
            return Err(Error::Refused(format!(
                "{day} has {} {where_}: {}; give the one you mean by its id, for example `selfcheck log delete {}`",
                if of_day.len() == 1 { "one entry".to_string() } else { format!("{} entries", of_day.len()) },
                listed(&of_day),
                journal::short_id(&of_day[0].id)
            )));
        }
        let mut items: Vec<String> = of_day
            .iter()
            .map(|e| {
                format!(
                    "{} {} (id {})",
                    e.time_words(),
                    e.name,
                    journal::short_id(&e.id)
                )
            })
            .collect();
        items.push("None of these".to_string());
        let pick = dialoguer::Select::with_theme(&dialoguer::theme::ColorfulTheme::default())
            .with_prompt(format!("Which entry of {day}?"))
            .items(&items)
            .interact_opt()
            .map_err(|e| Error::Terminal(e.to_string()))?;
        return Ok(pick.and_then(|i| of_day.get(i).copied()));
    }
    if let Some(e) = entries.iter().find(|e| e.id == id) {
        return Ok(Some(e));
    }
    let short: Vec<&JournalEntry> = entries
        .iter()
        .filter(|e| !id.is_empty() && e.id.ends_with(&id.to_lowercase()) && id.len() >= 4)
        .collect();
    match short.as_slice() {
        [one] => Ok(Some(one)),
        [] => Err(Error::Refused(format!(
            "no entry {id} {where_}; `selfcheck log list` shows the ids (the last part of each line), or give a day (YYYY-MM-DD) to choose from its entries"
        ))),
        many => Err(Error::Refused(format!(
            "{id} is the id of {} entries {where_}: {}; give the whole id (`selfcheck log list --format json` shows it)",
            many.len(),
            many.iter().map(|e| e.id.as_str()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// Restores the journal entry `id` from the journal's trash for `history restore`; false
/// when there is no such entry there (the caller's own message then stands).
pub(in crate::commands) fn restore_entry(ctx: &Context, id: &str) -> Result<bool, Error> {
    let substances = Substances::builtin()?;
    let (entries, _) = journal::load_from(&ctx.store, journal::JOURNAL_TRASH_DIR, &substances)?;
    if !entries.iter().any(|e| e.id == id.trim()) {
        return Ok(false);
    }
    move_entry(ctx, &substances, id, journal::JOURNAL_TRASH_DIR, None)?;
    Ok(true)
}
