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
    let Some(entry) = entries.iter().find(|e| e.id == id.trim()) else {
        return Err(Error::Refused(format!(
            "no entry {id} {where_}; `selfcheck log list --format json` shows the ids"
        )));
    };
    let dir = ctx.store.root().join(from);
    let path = ctx
        .store
        .find_stored(&dir, &format!("{}.json", entry.id))
        .unwrap_or_else(|| dir.join(format!("{}.json", entry.id)));
    let what = format!("{} of {} {}", entry.name, entry.date, entry.time);
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
    // The name is the words before the first that starts with a number (`3g`, `.5g`); the
    // rest, the amount.
    let starts_a_number = |w: &String| {
        let w = w.strip_prefix(['.', ',']).unwrap_or(w);
        w.starts_with(|c: char| c.is_ascii_digit())
    };
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
    let at = words
        .iter()
        .position(starts_a_number)
        .unwrap_or(words.len());
    let (name_words, amount_words) = words.split_at(at);
    let name = name_words.join(" ");
    // "kratom lots": a known name followed by words that are not an amount.
    if substances.find(&name).is_none() {
        if let Some(known) = (1..name_words.len())
            .rev()
            .find(|&n| substances.find(&name_words[..n].join(" ")).is_some())
        {
            let rest = name_words[known..].join(" ");
            return Err(Error::Refused(format!(
                "\"{rest}\" is not an amount: expected a number and a unit, such as 3g, 400 mg or 2 glasses; nothing was logged"
            )));
        }
    }
    if name.trim().is_empty() {
        return Err(Error::Refused(
            "say what was taken: `selfcheck log NAME [AMOUNT [UNIT]]`, for example `selfcheck log kratom 3g --for pain`; nothing was logged".to_string(),
        ));
    }
    let amount = journal::parse::amount(amount_words)
        .map_err(|e| Error::Refused(format!("{e}; nothing was logged")))?;
    let mut reasons: Vec<String> = Vec::new();
    for r in &args.reasons {
        let r = r.trim().to_lowercase();
        if !substances.reasons.contains(&r) {
            return Err(Error::Refused(format!(
                "--for {r}: expected one of {}; nothing was logged",
                substances.reasons.join(", ")
            )));
        }
        if !reasons.contains(&r) {
            reasons.push(r);
        }
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
            at.format("%H:%M").to_string()
        }
        None => now.format("%H:%M").to_string(),
    };
    let note = args
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    // That day's entries only: counting and combinations need no more. Encrypted, they are
    // not read: saving needs no passphrase, and a quick entry stays quick.
    let locked = ctx.store.is_sealed() && !ctx.store.is_unlocked();
    let before = if locked {
        Vec::new()
    } else {
        journal::load_day(&ctx.store, substances, date)?
    };
    let entry = journal::save(
        &ctx.store,
        substances,
        NewEntry {
            date,
            time,
            recorded_at: now.fixed_offset(),
            name,
            amount,
            reasons,
            pain: score("--pain", args.pain.as_deref())?,
            mood: score("--mood", args.mood.as_deref())?,
            note: note.map(str::to_string),
        },
    )?;
    // "2nd today": of the same substance (or name) on that day, this one included.
    let key = |e: &JournalEntry| e.substance.clone().unwrap_or_else(|| e.name.to_lowercase());
    let nth = 1 + before
        .iter()
        .filter(|e| e.date == entry.date && key(e) == key(&entry))
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
    let count = if locked {
        String::new()
    } else {
        format!(" — {} {day}", ordinal(nth))
    };
    print(
        format!(
            "Logged {}{amount}{why} at {}{when}{count}.\n",
            entry.name, entry.time
        )
        .as_bytes(),
    )?;
    // Said once: only an unknown name needs the whole journal read.
    if entry.substance.is_none()
        && !locked
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
            "\"{}\" is not in selfcheck's list of substances, so it is kept as typed, as \"other\". To count it with others like it, log it by its generic name (as on the box), or add it to {file}, for example {{\"substances\": [{{\"name\": \"{}\", \"class\": \"opioid\"}}]}} (classes: {}).",
            entry.name,
            entry.name.to_lowercase(),
            substances.classes.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    // A same-day combination the person should hear about now, calmly.
    let mut that_day: Vec<JournalEntry> = before
        .into_iter()
        .filter(|e| e.date == entry.date)
        .collect();
    that_day.push(entry.clone());
    if journal::combinations(&that_day, substances)
        .iter()
        .any(|c| c.entries.contains(&entry.id))
    {
        print(format!("{}\n", substances.combination.message).as_bytes())?;
    }
    Ok(())
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
