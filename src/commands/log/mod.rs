//! `selfcheck log`: one line in, one line out (it fits a shell alias). The one question it
//! may ask is an encrypted journal's passphrase, on a terminal, when the entry could make a
//! sedating pair (Enter skips; the entry is saved first either way). `log delete` and
//! `log restore` are `delete.rs`, `log list` is `list.rs`, the notice for a sedating pair
//! `notice.rs`.

use chrono::{Local, NaiveTime};

use crate::base::error::Error;
use crate::cli::{LogAction, LogArgs};
use crate::journal::{self, JournalEntry, NewEntry, Substances};

use super::{print_text, Context};

pub(super) mod delete;
mod list;
mod notice;

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
        }) => list::list(
            ctx,
            &substances,
            since.as_deref(),
            until.as_deref(),
            *last,
            *format,
        ),
        Some(LogAction::Delete { id, yes }) => {
            delete::move_entry(ctx, &substances, id, journal::JOURNAL_DIR, Some(*yes))
        }
        Some(LogAction::Restore { id }) => {
            delete::move_entry(ctx, &substances, id, journal::JOURNAL_TRASH_DIR, None)
        }
        None => add(ctx, &substances, args),
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
    let refused = |e: &dyn std::fmt::Display| Error::Refused(format!("{e}; nothing was logged"));
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
            return Err(refused(&format!(
                "--for {r}: expected one of {} (other words go in --note)",
                substances.reasons.join(", ")
            )));
        }
        if !reasons.contains(&r) {
            reasons.push(r);
        }
    }
    let said = journal::said::said(&words, &substances.reasons, &|n: &str| {
        substances.is_exact(n)
    })
    .map_err(|e| refused(&e))?;
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
    let today = crate::base::dates::today();
    let date = match &args.date {
        Some(d) => crate::base::dates::parse_day("--date", d)?,
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
    print_text(
        line(&format!(
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
        return print_text(line(&substances.combination.notice.locked).as_bytes());
    }
    let pairs = notice::untold(&entry, &around, substances);
    if !pairs.is_empty() {
        let emergency = notice::emergency(ctx, substances);
        print_text(notice::notice(&entry, &pairs, substances, &emergency).as_bytes())?;
    }
    Ok(())
}

/// A paragraph with its line break (`print_text` wraps it).
fn line(text: &str) -> String {
    format!("{text}\n")
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
