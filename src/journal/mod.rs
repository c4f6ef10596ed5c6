//! The intake journal: what was taken between check-ins, when, how much and why, one file
//! each in `journal/` with the check-ins' guarantees (written once, atomically, durably,
//! 0600 in 0700 folders; a damaged file is named and skipped, never rewritten). And the
//! combination rule over it, whose classes and sources are data.

pub(crate) mod combos;
pub(crate) mod entry;
mod imported;
mod misread;
pub(crate) mod parse;
pub(crate) mod said;
pub(crate) mod substances;

use crate::store::Unreadable;
pub(crate) use misread::Misread;
use std::io;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::base::error::{Error, JournalError};
use crate::base::fsio;
use crate::store::{FileProblem, Store};

pub(crate) use combos::{combinations, Combination};
pub(crate) use entry::{JournalEntry, ENTRY_SCHEMA_VERSION};
pub(crate) use imported::{read_entry, store_entry, Stored};
pub(crate) use parse::Amount;
pub(crate) use substances::Substances;

/// Folder of journal entries in the data directory.
pub(crate) const JOURNAL_DIR: &str = "journal";
/// Folder of deleted journal entries, until restored.
pub(crate) const JOURNAL_TRASH_DIR: &str = "journal-trash";
/// A stored entry larger than this is damaged, not read.
const MAX_ENTRY_BYTES: u64 = 16 * 1024;

/// What a new entry says, before it has an id.
pub(crate) struct NewEntry {
    /// The local day.
    pub date: NaiveDate,
    /// `HH:MM`, or `None` for another day logged without a time.
    pub time: Option<String>,
    /// When it was logged.
    pub recorded_at: DateTime<FixedOffset>,
    /// As typed.
    pub name: String,
    /// How much.
    pub amount: Option<Amount>,
    /// Why.
    pub reasons: Vec<String>,
    /// Pain around then.
    pub pain: Option<u8>,
    /// Mood around then.
    pub mood: Option<u8>,
    /// A note.
    pub note: Option<String>,
    /// Taken as prescribed.
    pub prescribed: bool,
}

fn io_error(action: &str, path: &Path, source: io::Error) -> Error {
    Error::Io {
        action: action.to_string(),
        path: path.to_path_buf(),
        source,
    }
}

/// Saves a new entry in the data directory `root` and returns it as stored.
pub(crate) fn save(
    store: &Store,
    substances: &Substances,
    new: NewEntry,
) -> Result<JournalEntry, Error> {
    let root = store.root();
    let dir = root.join(JOURNAL_DIR);
    let known = substances.find(&new.name);
    let mut entry = JournalEntry {
        schema_version: ENTRY_SCHEMA_VERSION,
        id: String::new(),
        date: new.date,
        time: new.time,
        recorded_at: new.recorded_at,
        name: new.name.trim().to_string(),
        substance: known.map(|s| s.name.clone()),
        class: known.map_or("other".to_string(), |s| s.class.clone()),
        amount: new.amount,
        reasons: new.reasons,
        pain: new.pain,
        mood: new.mood,
        note: new.note,
        prescribed: new.prescribed || known.is_some_and(|s| s.prescribed),
    };
    let wrong = entry_problems_before_id(&entry, substances);
    if !wrong.is_empty() {
        return Err(JournalError::EntryRefused(wrong).into());
    }
    // Checked first: a refused entry creates nothing.
    if !root.exists() {
        fsio::ensure_private_dir(root).map_err(|e| io_error("create the folder", root, e))?;
    }
    fsio::ensure_private_dir(&dir).map_err(|e| io_error("create the folder", &dir, e))?;
    fsio::remove_stale_temps(&dir, fsio::STALE_AFTER);
    let _guard = store.save_guard()?;
    for attempt in 0u64..100 {
        entry.id = crate::store::new_id(entry.date, entry.recorded_at, attempt);
        let (name, bytes) = store.to_store(&format!("{}.json", entry.id), entry_bytes(&entry)?)?;
        match fsio::write_new(&dir, &name, &bytes) {
            Ok(_) => return Ok(entry),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_error("save the journal entry", &dir.join(&name), e)),
        }
    }
    Err(io_error(
        "find a free name for the journal entry in",
        &dir,
        io::Error::new(io::ErrorKind::AlreadyExists, "every name tried was taken"),
    ))
}

/// The problems an entry would have once stored, but for its id (not given yet).
fn entry_problems_before_id(entry: &JournalEntry, substances: &Substances) -> Vec<String> {
    let mut probe = entry.clone();
    probe.id = format!("{}_000000-0000", entry.date.format("%Y-%m-%d"));
    probe.problems(substances, tomorrow())
}

pub(crate) fn tomorrow() -> NaiveDate {
    crate::base::dates::today()
        .succ_opt()
        .unwrap_or_else(crate::base::dates::today)
}

/// The entries from `from` through `to` (by the day their file names start with; a file
/// whose name carries no day is read too): what a summary's period needs, without reading
/// years of entries.
pub(crate) fn load_between(
    store: &Store,
    substances: &Substances,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<JournalEntry>, Vec<FileProblem>), Error> {
    let (from, to) = (from.to_string(), to.to_string());
    load_where(store, JOURNAL_DIR, substances, "", &|stem: &str| match stem
        .get(..10)
        .filter(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
    {
        Some(day) => day >= from.as_str() && day <= to.as_str(),
        None => true,
    })
}

/// Every entry of the journal, oldest first (by day, time, id) as [`load`] gives them, read
/// a day at a time (an entry's file name starts with its day), so that a journal of any
/// size is written out holding one day's entries: each entry, or a file that was skipped.
pub(crate) fn stream_sorted<'a>(
    store: &'a Store,
    substances: &'a Substances,
) -> Result<impl Iterator<Item = Result<JournalEntry, FileProblem>> + 'a, Error> {
    stream_days(store, substances, Order::OldestFirst, &|_| true)
}

/// Which end of the journal a stream starts at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    OldestFirst,
    /// As `log list` shows them: the latest entry first.
    NewestFirst,
}

/// The entries of the days `wanted` keeps (given the `YYYY-MM-DD` a file name starts with,
/// or its whole stem when it starts with no day), a day at a time in `order`: one day's
/// entries in memory, whatever the journal's size.
pub(crate) fn stream_days<'a>(
    store: &'a Store,
    substances: &'a Substances,
    order: Order,
    wanted: &dyn Fn(&str) -> bool,
) -> Result<impl Iterator<Item = Result<JournalEntry, FileProblem>> + 'a, Error> {
    let dir = store.root().join(JOURNAL_DIR);
    let (listed, problems) = crate::store::list(&dir, "", "a journal entry")
        .map_err(|e| io_error("read the folder", &dir, e))?;
    let day_of = |stem: &str| -> String {
        stem.get(..10)
            .filter(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
            .unwrap_or(stem)
            .to_string()
    };
    // Listed in name order: a day's files are next to each other.
    let mut days: Vec<(String, Vec<crate::store::Listed>)> = Vec::new();
    for item in listed {
        let day = day_of(&item.stem);
        if !wanted(&day) {
            continue;
        }
        match days.last_mut() {
            Some((last, group)) if *last == day => group.push(item),
            _ => days.push((day, vec![item])),
        }
    }
    if order == Order::NewestFirst {
        days.reverse();
    }
    let entries = days.into_iter().flat_map(move |(_, group)| {
        let (mut entries, problems) = read_listed(store, substances, group);
        if order == Order::NewestFirst {
            entries.reverse();
        }
        problems
            .into_iter()
            .map(Err)
            .chain(entries.into_iter().map(Ok))
    });
    Ok(problems.into_iter().map(Err).chain(entries))
}

/// The same for `folder` of the data directory (the journal or its trash).
pub(crate) fn load_from(
    store: &Store,
    folder: &str,
    substances: &Substances,
) -> Result<(Vec<JournalEntry>, Vec<FileProblem>), Error> {
    load_matching(store, folder, substances, "")
}

fn load_matching(
    store: &Store,
    folder: &str,
    substances: &Substances,
    prefix: &str,
) -> Result<(Vec<JournalEntry>, Vec<FileProblem>), Error> {
    load_where(store, folder, substances, prefix, &|_| true)
}

/// The entries of `folder` whose names start with `prefix` and whose stems `wanted` keeps.
fn load_where(
    store: &Store,
    folder: &str,
    substances: &Substances,
    prefix: &str,
    wanted: &dyn Fn(&str) -> bool,
) -> Result<(Vec<JournalEntry>, Vec<FileProblem>), Error> {
    let dir = store.root().join(folder);
    let (listed, mut problems) = crate::store::list(&dir, prefix, "a journal entry")
        .map_err(|e| io_error("read the folder", &dir, e))?;
    let chosen: Vec<crate::store::Listed> =
        listed.into_iter().filter(|i| wanted(&i.stem)).collect();
    let (entries, more) = read_listed(store, substances, chosen);
    problems.extend(more);
    Ok((entries, problems))
}

/// Reads listed entry files, checks each, and sorts the good ones (by day, time, id).
fn read_listed(
    store: &Store,
    substances: &Substances,
    listed: Vec<crate::store::Listed>,
) -> (Vec<JournalEntry>, Vec<FileProblem>) {
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    let tomorrow = tomorrow();
    for item in listed {
        let (path, stem) = (item.path, item.stem);
        let problem = |problem: String| FileProblem {
            path: path.clone(),
            problem,
        };
        let read = store
            .read_stored(&path, MAX_ENTRY_BYTES)
            .and_then(|b| {
                crate::base::json::parse(&b).map_err(|e| Unreadable::NotJson(e.to_string()))
            })
            .and_then(|v| {
                serde_json::from_value::<JournalEntry>(v)
                    .map_err(|e| Unreadable::NotAnEntry(e.to_string()))
            });
        match read {
            Ok(entry) => {
                let mut wrong = entry.problems(substances, tomorrow);
                if entry.id != stem {
                    wrong.push(format!("its id \"{}\" is not its file name", entry.id));
                }
                if wrong.is_empty() {
                    entries.push(classified(entry, substances));
                } else {
                    problems.push(problem(format!(
                        "a damaged journal entry: {}",
                        wrong.join("; ")
                    )));
                }
            }
            Err(e) => problems.push(problem(format!("a damaged journal entry: {e}"))),
        }
    }
    entries.sort_by(|a, b| (a.date, &a.time, &a.id).cmp(&(b.date, &b.time, &b.id)));
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    (entries, problems)
}

/// The short id `log list` shows and `log delete` takes: the four hex digits that end an
/// entry's id.
pub(crate) fn short_id(id: &str) -> &str {
    id.rsplit('-').next().unwrap_or(id)
}

/// An entry read, with the class its name has today: a name the list has learnt since it
/// was logged ("red vein kratom") takes its class; the name as typed is kept. A name the
/// list does not know keeps what was stored.
fn classified(mut entry: JournalEntry, substances: &Substances) -> JournalEntry {
    if let Some(known) = substances.find(&entry.name) {
        entry.substance = Some(known.name.clone());
        entry.class = known.class.clone();
    }
    entry
}

/// An entry as stored: pretty JSON and a final newline.
pub(crate) fn entry_bytes(entry: &JournalEntry) -> Result<Vec<u8>, Error> {
    let mut bytes = serde_json::to_vec_pretty(entry).map_err(|e| Error::Codec(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}
