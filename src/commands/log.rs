//! `selfcheck log`: one line in, one line out, never a prompt (it fits a shell alias);
//! `log delete` and `log restore` (`log list` is `log_list.rs`).

use chrono::{Local, NaiveTime};

use crate::cli::{LogAction, LogArgs};
use crate::error::Error;
use crate::journal::{self, JournalEntry, NewEntry, Substances};

use super::{print, Context};

/// Runs `log`.
pub(super) fn log(ctx: &Context, args: &LogArgs) -> Result<(), Error> {
    let (substances, warning) = Substances::with_own(ctx.config_dir.as_ref())?;
    if let Some(w) = warning {
        ctx.say(&format!("warning: {w}"));
    }
    match &args.action {
        Some(LogAction::List {
            since,
            until,
            last,
            format,
        }) => super::log_list::list(
            ctx,
            &substances,
            since.as_deref(),
            until.as_deref(),
            *last,
            *format,
        ),
        Some(LogAction::Delete { id, yes }) => {
            move_entry(ctx, &substances, id, journal::JOURNAL_DIR, Some(*yes))
        }
        Some(LogAction::Restore { id }) => {
            move_entry(ctx, &substances, id, journal::JOURNAL_TRASH_DIR, None)
        }
        None => add(ctx, &substances, args),
    }
}

/// Moves the entry `id` out of `from` (the journal, or its trash) to the other; deleting
/// asks first unless `--yes`. Only an entry selfcheck can read is moved.
fn move_entry(
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
        if !crate::history::confirm(&question, yes)? {
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

/// A 0-10 option.
fn score(flag: &str, given: Option<&str>) -> Result<Option<u8>, Error> {
    given
        .map(|g| {
            g.trim()
                .parse::<u8>()
                .ok()
                .filter(|v| *v <= 10)
                .ok_or_else(|| {
                    Error::Refused(format!(
                        "{flag} {g}: expected a whole number from 0 to 10; nothing was logged"
                    ))
                })
        })
        .transpose()
}

fn add(ctx: &Context, substances: &Substances, args: &LogArgs) -> Result<(), Error> {
    let refused = |e: String| Error::Refused(format!("{e}; nothing was logged"));
    // Words that are not UTF-8 (a terminal in another encoding) are read with their
    // unreadable bytes replaced, and the person is told.
    let words: Vec<String> = args
        .words
        .iter()
        .map(|w| w.to_string_lossy().into_owned())
        .collect();
    if args.words.iter().any(|w| w.to_str().is_none()) {
        ctx.say("note: some of what you typed is not UTF-8 text; the bytes that could not be read are shown as \u{fffd}.");
    }
    let mut reasons: Vec<String> = Vec::new();
    for r in &args.reasons {
        let r = r.trim().to_lowercase();
        if !substances.reasons.contains(&r) {
            return Err(refused(format!(
                "--for {r}: expected one of {} (other words go in --note)",
                substances.reasons.join(", ")
            )));
        }
        if !reasons.contains(&r) {
            reasons.push(r);
        }
    }
    let said = journal::parse::said(&words, &substances.reasons, &|n: &str| {
        substances.is_exact(n)
    })
    .map_err(refused)?;
    for r in said.reasons {
        if !reasons.contains(&r) {
            reasons.push(r);
        }
    }
    if said.name.trim().is_empty() {
        return Err(Error::Refused(
            "say what was taken: `selfcheck log NAME [AMOUNT [UNIT]]`, for example `selfcheck log kratom 3g --for pain`; nothing was logged".to_string(),
        ));
    }
    let now = Local::now();
    let today = crate::dates::today();
    let date = match &args.date {
        Some(d) => crate::dates::parse_day("--date", d)?,
        None => today,
    };
    if date > today {
        return Err(Error::Refused(format!(
            "--date {date} is after today ({today}); log what was taken, not what is planned; nothing was logged"
        )));
    }
    let time = match &args.time {
        Some(t) => {
            let at = NaiveTime::parse_from_str(t.trim(), "%H:%M")
                .map_err(|_| Error::Refused(format!("--time {t}: expected a 24-hour time as HH:MM, for example 21:30; nothing was logged")))?;
            if date == today && at > now.time() {
                return Err(Error::Refused(format!(
                    "--time {} is later than now ({}); log what was taken, not what is planned (for yesterday, add --date); nothing was logged",
                    at.format("%H:%M"),
                    now.format("%H:%M")
                )));
            }
            Some(at.format("%H:%M").to_string())
        }
        // Now is the time of something taken today; another day's time is not known.
        None if date == today => Some(now.format("%H:%M").to_string()),
        None => None,
    };
    let note = args
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let entry = journal::save(
        &ctx.store,
        substances,
        NewEntry {
            date,
            time,
            recorded_at: now.fixed_offset(),
            name: said.name,
            amount: said.amount,
            reasons,
            pain: score("--pain", args.pain.as_deref())?,
            mood: score("--mood", args.mood.as_deref())?,
            note: note.map(str::to_string),
            prescribed: args.prescribed,
        },
    )?;
    // Saved. Encrypted, the days around it are read only with the passphrase: from its
    // file, or asked for on a terminal (Enter skips) when the entry could make a pair.
    let sedating = substances.is_sedating(&entry.class);
    let mut readable = !ctx.store.is_sealed() || ctx.store.is_unlocked();
    if !readable && sedating {
        readable = ctx.unlock_to(
            "Your journal is encrypted. To look at what else you took around then, type your passphrase.",
        )?;
    }
    // The week before and the day after: pairs across midnight, and a prescribed pair
    // told once a week.
    let around: Vec<JournalEntry> = if readable {
        let from = entry.date - chrono::Duration::days(7);
        let to = entry.date + chrono::Duration::days(1);
        journal::load_between(&ctx.store, substances, from, to)?
            .0
            .into_iter()
            .filter(|e| e.id != entry.id)
            .collect()
    } else {
        Vec::new()
    };
    // "2nd today": of the same substance (or name) on that day, this one included.
    let nth = 1 + around
        .iter()
        .filter(|e| e.date == entry.date && e.key() == entry.key())
        .count();
    let (when, day) = if entry.date == today {
        (String::new(), "today".to_string())
    } else {
        (
            entry.date.format(" on %-d %b %Y").to_string(),
            "that day".to_string(),
        )
    };
    let amount = entry
        .amount
        .as_ref()
        .map(|a| format!(" {}", journal::parse::words(a)))
        .unwrap_or_default();
    let why = if entry.reasons.is_empty() {
        String::new()
    } else {
        format!(" for {}", entry.reasons.join(" and "))
    };
    let count = if readable {
        format!(" — {} {day}", ordinal(nth))
    } else {
        String::new()
    };
    let at = entry
        .time
        .as_ref()
        .map(|t| format!(" at {t}"))
        .unwrap_or_default();
    let prescribed = if entry.prescribed {
        ", as prescribed"
    } else {
        ""
    };
    print(
        wrap(&format!(
            "Logged {}{amount}{why}{prescribed}{at}{when}{count}.",
            entry.name
        ))
        .as_bytes(),
    )?;
    // Said once: only an unknown name needs the whole journal read.
    if entry.substance.is_none()
        && readable
        && !journal::stream_sorted(&ctx.store, substances)?
            .filter_map(Result::ok)
            .any(|e| e.id != entry.id && e.name.to_lowercase() == entry.name.to_lowercase())
    {
        let file = ctx
            .config_dir
            .as_ref()
            .map(|c| c.substances().display().to_string())
            .unwrap_or_else(|| "substances.json in the config directory".to_string());
        ctx.say(&format!(
            "\"{}\" is not in selfcheck's list of substances, so it is kept as typed, as \"other\". To count it with others like it, log it by its generic name (as on the box), or add it to {file} with the class it belongs to, for example {{\"substances\": [{{\"name\": \"{}\", \"class\": \"CLASS\"}}]}}, where CLASS is one of: {}.",
            entry.name,
            entry.name.to_lowercase(),
            substances.classes.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    if !sedating {
        return Ok(());
    }
    if !readable {
        return print(wrap(&substances.combination.notice.locked).as_bytes());
    }
    let pairs = super::log_notice::untold(&entry, &around, substances);
    if !pairs.is_empty() {
        let emergency = super::log_notice::emergency(ctx, substances);
        print(super::log_notice::notice(&entry, &pairs, substances, &emergency).as_bytes())?;
    }
    Ok(())
}

/// A paragraph wrapped to the terminal, with its line break.
fn wrap(text: &str) -> String {
    let mut t = crate::text::wrap(text, "", crate::text::width());
    t.push('\n');
    t
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Restores the journal entry `id` from the journal's trash for `history restore`; false
/// when there is no such entry there (the caller's own message then stands).
pub(super) fn restore_entry(ctx: &Context, id: &str) -> Result<bool, Error> {
    let substances = Substances::builtin()?;
    let (entries, _) = journal::load_from(&ctx.store, journal::JOURNAL_TRASH_DIR, &substances)?;
    if !entries.iter().any(|e| e.id == id.trim()) {
        return Ok(false);
    }
    move_entry(ctx, &substances, id, journal::JOURNAL_TRASH_DIR, None)?;
    Ok(true)
}
