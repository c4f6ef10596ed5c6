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

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::error::Error;
use crate::period::Period;
use crate::questionnaire::CrisisLevel;
use crate::store::{Loaded, Store, StoredCheckin, CHECKINS_DIR, TRASH_DIR};
use crate::summary::{self, Column};

/// One line of `history`.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryLine {
    /// Record id.
    pub id: String,
    /// Day it is about.
    pub date: NaiveDate,
    /// Every score of its set.
    pub scores: serde_json::Map<String, Value>,
    /// The value of each of `columns`, in order (null when not comparable or not asked).
    pub values: Vec<Value>,
    /// Flag ids.
    pub flags: Vec<String>,
    /// The flags' short titles, in the same order (from the check-in's own set).
    pub flag_titles: Vec<String>,
}

/// What `history` prints.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryList {
    /// Version of this shape.
    pub schema_version: u32,
    /// The columns, from the latest listed check-in's question set.
    pub columns: Vec<Column>,
    /// Newest first.
    pub checkins: Vec<HistoryLine>,
    /// When there is nothing to list: why, and what to do.
    pub message: Option<String>,
    /// The one-line crisis resource, when a listed check-in brought the full crisis block.
    pub crisis_line: Option<String>,
    /// ISO weeks between the first and last listed check-in with no check-in ("2026-W40").
    pub missed_weeks: Vec<String>,
    /// The Mondays of those weeks, newest first (for the table).
    #[serde(skip)]
    pub missed_mondays: Vec<NaiveDate>,
}

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

/// The check-ins of a period, newest first.
pub fn list(loaded: &Loaded, period: &Period) -> HistoryList {
    let range = period.range(&loaded.checkins);
    let (columns, lines) = summary::history_lines(&loaded.checkins, range.clone());
    let builtin = crate::questionnaire::Questionnaire::builtin().ok();
    let titles: Vec<Vec<String>> = loaded.checkins[range.clone()]
        .iter()
        .zip(&lines)
        .rev()
        .map(|(c, line)| {
            // The built-in set's words come from this binary (a stored copy may predate
            // its short titles); an own set's from its copy.
            let q = match &builtin {
                Some(b) if b.def.id == c.questionnaire.def.id => b,
                _ => &*c.questionnaire,
            };
            line.flags
                .iter()
                .map(|id| q.flag_short(id).unwrap_or(id).to_string())
                .collect()
        })
        .collect();
    let (_, mut missed_mondays) = crate::engine::period::weeks_between(
        lines.first().map(|l| l.date),
        lines.last().map(|l| l.date),
        lines.iter().map(|l| l.date),
    );
    missed_mondays.reverse();
    let checkins: Vec<HistoryLine> = lines
        .into_iter()
        .rev()
        .zip(titles)
        .map(|(line, flag_titles)| HistoryLine {
            id: line.id,
            date: line.date,
            scores: line.scores,
            values: line
                .values
                .iter()
                .zip(&columns)
                .map(|(v, c)| match v {
                    Some(v) if c.decimals == 0 => Value::from(v.round() as i64),
                    Some(v) => Value::from(*v),
                    None => Value::Null,
                })
                .collect(),
            flags: line.flags,
            flag_titles,
        })
        .collect();
    let message = checkins.is_empty().then(|| {
        if loaded.checkins.is_empty() && period.is_unbounded() {
            "No check-ins yet. Start your first one with `selfcheck checkin` (about 3 minutes)."
                .to_string()
        } else {
            "No check-ins in this period. `selfcheck history` lists them all.".to_string()
        }
    });
    // The flags are evaluated already: whether any brings the full crisis block is a lookup.
    let crisis_line = checkins
        .iter()
        .zip(loaded.checkins[range].iter().rev())
        .find(|(line, c)| {
            crate::engine::period::crisis_level(
                &c.questionnaire,
                line.flags.iter().map(String::as_str),
            ) == CrisisLevel::Full
        })
        .map(|(_, c)| c.questionnaire.def.crisis.short.clone());
    HistoryList {
        schema_version: 1,
        columns,
        checkins,
        message,
        crisis_line,
        missed_weeks: missed_mondays
            .iter()
            .map(|d| crate::engine::period::iso_week(*d))
            .collect(),
        missed_mondays,
    }
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
