//! `selfcheck import FILE`: reads a JSON export back, e.g. on a new computer.
//!
//! Nothing already stored is changed: a record whose id is stored with the same content is
//! skipped, one with different content is a conflict (reported, not imported), the rest are
//! added as new files, each written like a new check-in. Importing twice adds nothing twice.
//!
//! The export is read as a stream (`scan.rs`), so a backup of any size that `export` made
//! can be restored in the memory of one record. It is read twice: first to check all of it
//! (a cut-off or damaged backup imports nothing) and learn its question sets, then to
//! import. A pipe, which can be read once only, is first copied to a spool (a nameless,
//! encrypted scratch file, `store/spool.rs`) and read from there; the question sets it
//! carries that are not stored here wait in a spool too, a few parsed at a time, so neither
//! the number of check-ins nor the number and size of the sets decide the memory used.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde_json::value::RawValue;
use serde_json::Value;

use crate::base::error::{Error, ImportError, StoreError};
use crate::base::fsio;
use crate::export::{EXPORT_FORMAT, EXPORT_SCHEMA_VERSION};
use crate::questionnaire::Questionnaire;
use crate::store::record::CheckinRecord;
use crate::store::spool::Spool;
use crate::store::{Store, CHECKINS_DIR, TRASH_DIR};
use invalid::Invalid;

mod checks;
mod describe;
mod invalid;
mod journal;
mod scan;
mod sets;

pub use describe::describe;

use checks::{offered_problems, safe_id, saved_time_problems};
use scan::{scan, Part, Stop};
use sets::Carried;

/// At most this many check-ins are named in an outcome; the rest are counted.
const NAMED: usize = 100;

/// What an import did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Records added.
    pub imported: usize,
    /// Records already stored with the same content.
    pub already_there: usize,
    /// Ids stored with different content: not imported.
    pub conflicts: Vec<String>,
    /// Records that could not be read: (position, what is wrong).
    pub invalid: Vec<(usize, String)>,
    /// Ids deleted to the trash here: not imported again (`history restore` brings them back).
    pub in_trash: Vec<String>,
    /// Journal entries deleted to the journal's trash here: not imported again either.
    pub journal_in_trash: Vec<String>,
    /// Conflicts, invalid and trashed records beyond the first [`NAMED`] of each: counted only.
    pub unnamed: usize,
    /// Journal entries added.
    pub journal_imported: usize,
    /// Journal entries already stored with the same content.
    pub journal_already_there: usize,
}

impl Outcome {
    fn conflict(&mut self, id: String) {
        push(&mut self.conflicts, id, &mut self.unnamed);
    }
    fn invalid(&mut self, i: usize, why: String) {
        push(&mut self.invalid, (i, why), &mut self.unnamed);
    }
    /// Whether anything was refused (the import then exits 1).
    pub fn failed(&self) -> bool {
        !(self.conflicts.is_empty() && self.invalid.is_empty())
    }
}

pub(super) fn push<T>(list: &mut Vec<T>, item: T, unnamed: &mut usize) {
    if list.len() < NAMED {
        list.push(item);
    } else {
        *unnamed += 1;
    }
}

/// The envelope's fields, checked as they arrive.
#[derive(Default)]
struct Header {
    format: bool,
    schema_version: bool,
    exported_at: bool,
}

/// An import under way.
struct Import<'a> {
    store: &'a Store,
    name: String,
    header: Header,
    /// Question sets carried in the export, by file name: where the text of one not stored
    /// here waits, `Here` for one stored here or built in, `None` for one whose text does
    /// not match its name.
    sets: HashMap<String, Option<Carried>>,
    /// The carried sets' texts.
    spool: Option<Spool>,
    /// Carried sets parsed, the latest needed last (at most [`SETS_HELD`]).
    parsed: Vec<(String, Arc<Questionnaire>)>,
    /// Question sets stored here or built in, by file name.
    copies: HashMap<String, Option<Arc<Questionnaire>>>,
    outcome: Outcome,
}

/// Imports `path` into `store`.
pub fn import(store: &Store, path: &Path) -> Result<Outcome, Error> {
    let name = if path == Path::new("-") {
        "standard input".to_string()
    } else {
        path.display().to_string()
    };
    let mut run = Import {
        store,
        name,
        header: Header::default(),
        sets: HashMap::new(),
        spool: None,
        parsed: Vec::new(),
        copies: HashMap::new(),
        outcome: Outcome::default(),
    };
    let (mut file, regular) = run.open(path)?;
    let mut lock = None;
    let copied = if regular {
        None
    } else {
        // A pipe is read once: it is copied to a spool and read from there, twice.
        lock = Some(store.lock_creating()?);
        Some(Spool::copy_of(store.root(), &mut file).map_err(|e| {
            run.refused(format!(
                "it could not be read to its end ({e}); if it is large, check the free space in {}",
                store.root().display()
            ))
        })?)
    };
    let first = match &copied {
        Some(copied) => copied.reader().map_err(|e| run.spool_error(e))?,
        None => file,
    };
    // First the whole export is checked and its question sets learnt: nothing is written
    // from a backup that turns out damaged or cut off.
    scan(first, &mut |part| run.learn(part)).map_err(|stop| run.stopped(stop, false))?;
    run.header_complete()?;
    let _lock = match lock {
        Some(lock) => lock,
        None => store.lock_creating()?,
    };
    let again = match &copied {
        Some(copied) => copied.reader().map_err(|e| run.spool_error(e))?,
        None => run.open(path)?.0,
    };
    scan(again, &mut |part| match part {
        Part::Record(i, raw) => run.record(i, raw),
        Part::Entry(i, raw) => run.entry(i, raw),
        _ => Ok(()),
    })
    .map_err(|stop| run.stopped(stop, true))?;
    Ok(run.outcome)
}

impl Import<'_> {
    fn refused(&self, why: impl ToString) -> Error {
        ImportError::Nothing {
            name: self.name.clone(),
            why: why.to_string(),
        }
        .into()
    }

    /// A spool (the data folder's scratch file) that could not be written or read back.
    fn spool_error(&self, source: std::io::Error) -> Error {
        Error::Io {
            action: "use a scratch file for the import in".to_string(),
            path: self.store.root().to_path_buf(),
            source,
        }
    }

    /// The export as plain JSON (an encrypted one opened with the key), and whether it is a
    /// regular file (which can be read twice).
    fn open(&self, path: &Path) -> Result<(Box<dyn std::io::Read>, bool), Error> {
        if path == Path::new("-") {
            // Standard input: a stream, read once (as a pipe is).
            let reader = self
                .store
                .open_reader(std::io::stdin())
                .map_err(|why| self.refused(why))?;
            return Ok((reader, false));
        }
        let (file, regular) = fsio::open_named(path).map_err(|source| Error::Io {
            action: "read the export".to_string(),
            path: path.to_path_buf(),
            source,
        })?;
        let reader = self
            .store
            .open_reader(file)
            .map_err(|why| self.refused(why))?;
        Ok((reader, regular))
    }

    /// The error for a scan that stopped: the handler's own, or the file's fault in words
    /// (saying what was imported before it, when anything was).
    fn stopped(&self, stop: Stop<Error>, importing: bool) -> Error {
        let why = match stop {
            Stop::Handler(e) => return e,
            Stop::Broken(why) if why.contains("expected a selfcheck export") => format!(
                "not a selfcheck export ({why}; make one with `selfcheck export --format json`)"
            ),
            Stop::Broken(why) => format!("not a valid export ({why})"),
        };
        let o = &self.outcome;
        if importing && o.imported + o.already_there > 0 {
            ImportError::PartWay {
                name: self.name.clone(),
                why,
                done: o.imported + o.already_there,
                already: o.already_there,
            }
            .into()
        } else {
            self.refused(why)
        }
    }

    /// Takes in a header field or a question set.
    fn learn(&mut self, part: Part) -> Result<(), Error> {
        match part {
            Part::Field("format", v) => {
                if v.as_str() != Some(EXPORT_FORMAT) {
                    return Err(self.not_an_export());
                }
                self.header.format = true;
            }
            Part::Field("schema_version", v) => {
                self.schema_version(&v)?;
                self.header.schema_version = true;
            }
            Part::Field("exported_at", v) => {
                if !v.is_string() {
                    return Err(self.refused(format!(
                        "not a valid export (\"exported_at\" is {v}, not a date and time)"
                    )));
                }
                self.header.exported_at = true;
            }
            Part::Field(..) | Part::Record(..) => {}
            Part::Entry(..) => {}
            Part::Set(file, text) => {
                if self.sets.contains_key(&file) {
                    return Err(self.refused(format!(
                        "not a valid export (the question set \"{file}\" is given twice)"
                    )));
                }
                let carried = self.carried(&file, &text)?;
                self.sets.insert(file, carried);
            }
        }
        Ok(())
    }

    fn not_an_export(&self) -> Error {
        self.refused(format!(
            "not a selfcheck export (it needs \"format\": \"{EXPORT_FORMAT}\"; make one with `selfcheck export --format json`)"
        ))
    }

    fn schema_version(&self, v: &Value) -> Result<(), Error> {
        match v.as_u64() {
            Some(v) if (1..=u64::from(EXPORT_SCHEMA_VERSION)).contains(&v) => Ok(()),
            Some(v) if v > 0 => Err(self.refused(format!(
                "made by a newer selfcheck (export schema_version {v}; this one reads up to {EXPORT_SCHEMA_VERSION}); update selfcheck to import it"
            ))),
            _ => Err(self.refused(format!(
                "\"schema_version\" is {v}; it must be a whole number from 1 to {EXPORT_SCHEMA_VERSION}"
            ))),
        }
    }

    fn header_complete(&self) -> Result<(), Error> {
        let h = &self.header;
        if !h.format {
            return Err(self.not_an_export());
        }
        if !h.schema_version {
            return Err(self.refused("no \"schema_version\"".to_string()));
        }
        if !h.exported_at {
            return Err(
                self.refused("not a valid export (missing field `exported_at`)".to_string())
            );
        }
        Ok(())
    }

    /// Checks one record and imports it, or notes why not.
    fn record(&mut self, i: usize, raw: &RawValue) -> Result<(), Error> {
        match self.check(raw) {
            Ok((record, q)) => self.save(i, record, &q),
            Err(why) => {
                self.outcome.invalid(i, why.to_string());
                Ok(())
            }
        }
    }

    /// The record and its question set, or every reason it cannot be imported.
    fn check(&mut self, raw: &RawValue) -> Result<(CheckinRecord, Arc<Questionnaire>), Invalid> {
        let value = crate::base::json::parse(raw.get().as_bytes())
            .map_err(|e| Invalid::NotACheckin(e.to_string()))?;
        let record: CheckinRecord =
            serde_json::from_value(value).map_err(|e| Invalid::NotACheckin(e.to_string()))?;
        if record.schema_version > crate::store::record::SCHEMA_VERSION {
            return Err(Invalid::Newer(record.id));
        }
        if !safe_id(&record.id) {
            return Err(Invalid::BadId(record.id));
        }
        let mut problems = record.identity_problems(crate::base::dates::today());
        problems.extend(saved_time_problems(&record));
        if !problems.is_empty() {
            return Err(Invalid::Identity {
                id: record.id,
                problems,
            });
        }
        let Some(q) = self.set_for(&record.questionnaire) else {
            return Err(Invalid::NoSet {
                set: record.questionnaire.file_name(),
                id: record.id,
            });
        };
        let problems = crate::engine::check_answers(&q, &record.answers, true);
        let problems: Vec<String> = problems
            .into_iter()
            .chain(offered_problems(&record, &q))
            .collect();
        if !problems.is_empty() {
            return Err(Invalid::Answers {
                id: record.id,
                problems,
            });
        }
        Ok((record, q))
    }

    fn save(&mut self, i: usize, record: CheckinRecord, q: &Questionnaire) -> Result<(), Error> {
        let file = format!("{}.json", record.id);
        let root = self.store.root();
        if self
            .store
            .find_stored(&root.join(TRASH_DIR), &file)
            .is_some()
        {
            // Deleted here on purpose: an older backup must not bring it back beside the
            // trash copy (and then `history restore` would refuse).
            push(
                &mut self.outcome.in_trash,
                record.id,
                &mut self.outcome.unnamed,
            );
            return Ok(());
        }
        if let Some(stored) = self.store.find_stored(&root.join(CHECKINS_DIR), &file) {
            match self.store.read_record(&stored) {
                Ok(same) if same == record => self.outcome.already_there += 1,
                _ => self.outcome.conflict(record.id),
            }
            return Ok(());
        }
        match self.store.save_record(&record, q) {
            Ok(()) => self.outcome.imported += 1,
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
                self.outcome.conflict(record.id)
            }
            Err(Error::Store(why @ StoreError::RecordTooLarge { .. })) => {
                self.outcome.invalid(i, why.to_string())
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }
}
