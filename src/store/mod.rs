//! The private local store: one file per check-in, plus one copy of each question set used.
//!
//! Layout of the data directory:
//! - `checkins/<date>_<time>-<suffix>.json`: one record each; names sort by the day the
//!   check-in is about, and the suffix keeps two check-ins of one second apart.
//! - `questionnaires/<id>-v<version>-<digest>.json`: the exact questions file each record
//!   was answered with, written once, so old check-ins keep the questions they were asked.
//!
//! - `trash/`: deleted check-ins, until `history purge`.
//! - Encrypted (`selfcheck encrypt`): every such file as `NAME.json.age`, sealed to
//!   `recipient.txt`, opened with the identity in `key.age` (see `codec.rs`).
//!
//! Saving never rewrites an existing file, and a file that cannot be read is reported and
//! left exactly as it is: it never hides the others.
//!
//! A save and a change of form (encrypt, decrypt, rotation) never meet half-way: saves hold
//! the form lock shared, form changes exclusive (the argument is in `form.rs`), so every
//! save that said it was saved lands once, in the form the store ends in; `decrypt` opens
//! every file before changing one and removes the key last. Which key a file is sealed to is
//! `recipient.rs`'s: never one but the person's own.

pub(crate) mod codec;
mod convert;
mod copies;
mod form;
pub(crate) mod keyfiles;
mod listing;
mod moves;
pub(crate) mod parts;
pub(crate) use parts::Part;
mod recipient;
pub mod record;
pub(crate) mod selection;
pub(crate) mod spool;
mod stream;
mod sync;
mod unreadable;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::answers::Answers;
use crate::base::error::{Error, StoreError};
use crate::base::fsio;
pub use crate::base::fsio::pause;
use crate::questionnaire::Questionnaire;
use crate::store::record::{CheckinRecord, QuestionnaireRef, SCHEMA_VERSION};
pub use form::FORM_LOCK_FILE;
pub use keyfiles::{Keys, KEY_FILE, NEXT_KEY_FILE, RECIPIENT_FILE};

pub use convert::Converted;
pub use copies::SETS_HELD;
pub use listing::{list, Listed};
pub use unreadable::Unreadable;

/// Folder of check-in records.
pub const CHECKINS_DIR: &str = "checkins";
/// Folder of question-set copies.
pub const QUESTIONNAIRES_DIR: &str = "questionnaires";
/// Folder of deleted check-ins, until `history purge`.
pub const TRASH_DIR: &str = "trash";
/// The busy lock's file.
pub const LOCK_FILE: &str = ".lock";
/// The files selfcheck itself keeps in the data directory (beside its folders and draft).
pub const OWN_ROOT_FILES: &[&str] = &[
    LOCK_FILE,
    FORM_LOCK_FILE,
    KEY_FILE,
    RECIPIENT_FILE,
    NEXT_KEY_FILE,
];
/// A stored check-in larger than this is damaged, not read.
pub const MAX_RECORD_BYTES: u64 = crate::questionnaire::MAX_RECORD_BYTES;

/// The data directory and how records are encoded in it.
pub struct Store {
    root: PathBuf,
    keys: Keys,
    /// Where the copy of the recipient outside the data folder is kept (`keyfiles.rs`).
    pin: Option<PathBuf>,
}

/// A record with the question set it was answered with.
#[derive(Debug, Clone)]
pub struct StoredCheckin {
    /// The record.
    pub record: CheckinRecord,
    /// Its question set (the stored copy).
    pub questionnaire: Arc<Questionnaire>,
    /// The file it was read from.
    pub path: PathBuf,
}

/// A check-in file, not yet read.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file.
    pub path: PathBuf,
    /// Its name without `.json` or `.json.age` (the record id, unless renamed by hand).
    pub stem: String,
    /// The same check-in in the other form, left by an interrupted `encrypt` or `decrypt`.
    pub twin: Option<PathBuf>,
    /// The day its name starts with, if it does.
    pub date: Option<NaiveDate>,
}

/// A file that could not be read, and why.
#[derive(Debug, Clone)]
pub struct FileProblem {
    /// The file.
    pub path: PathBuf,
    /// What is wrong with it.
    pub problem: String,
}

/// Question set copies read so far, by file name (`None`: missing or unreadable).
pub type SetCopies = HashMap<String, Option<Arc<Questionnaire>>>;

/// Everything readable in the store, oldest first, and what was not readable.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Readable check-ins, sorted by date then time recorded.
    pub checkins: Vec<StoredCheckin>,
    /// Files that were skipped.
    pub problems: Vec<FileProblem>,
}

impl Store {
    /// A store at `root`; nothing is created until something is saved.
    pub fn new(root: PathBuf) -> Self {
        Store {
            root,
            keys: Keys::default(),
            pin: None,
        }
    }

    /// The same store, its recipient pinned in the folder `dir` (the config folder's), in a
    /// file named after the data folder, so two data folders never share a pin.
    pub fn pinned_in(mut self, dir: &Path) -> Self {
        let full = std::path::absolute(&self.root).unwrap_or_else(|_| self.root.clone());
        let name = crate::questionnaire::digest(full.as_os_str().as_encoded_bytes());
        self.pin = Some(dir.join("keys").join(format!("{name}.recipient")));
        self
    }

    /// The data directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(super) fn io_error(&self, action: &str, path: &Path, source: io::Error) -> Error {
        Error::Io {
            action: action.to_string(),
            path: path.to_path_buf(),
            source,
        }
    }

    /// A warning when the data directory can be read by other users (selfcheck makes the
    /// folders it creates private, but leaves a folder the person chose as it is).
    pub fn privacy_warning(&self) -> Option<String> {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&self.root).ok()?.permissions().mode() & 0o777;
        (mode & 0o077 != 0).then(|| {
            format!(
                "{} can be read by other users of this computer (mode {mode:o}); to keep your check-ins private, run: chmod 700 '{}'",
                self.root.display(),
                self.root.display()
            )
        })
    }

    /// Saves a new check-in and returns the record as stored.
    pub fn save(
        &self,
        q: &Questionnaire,
        date: NaiveDate,
        recorded_at: DateTime<FixedOffset>,
        answers: Answers,
        offered: std::collections::BTreeMap<String, i64>,
    ) -> Result<CheckinRecord, Error> {
        let checkins = self.root.join(CHECKINS_DIR);
        let copies = self.root.join(QUESTIONNAIRES_DIR);
        if !self.root.exists() {
            fsio::ensure_private_dir(&self.root)
                .map_err(|e| self.io_error("create the folder", &self.root, e))?;
        }
        for dir in [&checkins, &copies] {
            fsio::ensure_private_dir(dir)
                .map_err(|e| self.io_error("create the folder", dir, e))?;
        }
        // Left by a selfcheck killed mid-write: never check-ins, safe to remove.
        fsio::remove_stale_temps(&checkins, fsio::STALE_AFTER);
        let qref = QuestionnaireRef::of(q);
        // From reading the recipient to the file in place: never beside a form change.
        let _guard = self.save_guard()?;
        pause("save::guarded");
        self.save_copy(q)?;

        let mut record = CheckinRecord {
            schema_version: SCHEMA_VERSION,
            id: String::new(),
            date,
            recorded_at,
            questionnaire: qref,
            answers,
            written_by: Some(format!("selfcheck {}", env!("CARGO_PKG_VERSION"))),
            offered,
        };
        for attempt in 0u64..100 {
            record.id = new_id(date, recorded_at, attempt);
            let plain = record.to_bytes();
            let plain_len = plain.len();
            let (name, bytes) = self.to_store(&format!("{}.json", record.id), plain)?;
            let wrong = record.identity_problems(crate::base::dates::today());
            if !wrong.is_empty() {
                // Saved, it would be refused on every read: refuse it now instead.
                return Err(StoreError::CheckinRefused(wrong).into());
            }
            if plain_len as u64 > MAX_RECORD_BYTES {
                // Saved, it could never be read again: refuse before writing.
                return Err(StoreError::CheckinTooLarge {
                    bytes: plain_len,
                    limit: MAX_RECORD_BYTES,
                }
                .into());
            }
            pause("save::sealed");
            match fsio::write_new(&checkins, &name, &bytes) {
                Ok(_) => return Ok(record),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(self.io_error("save the check-in", &checkins.join(&name), e)),
            }
        }
        Err(self.io_error(
            "find a free name for the check-in in",
            &checkins,
            io::Error::new(io::ErrorKind::AlreadyExists, "every name tried was taken"),
        ))
    }

    /// Reads every check-in; unreadable files are listed in `problems`, never changed.
    pub fn load(&self) -> Result<Loaded, Error> {
        self.load_selected(CHECKINS_DIR, |all| 0..all.len())
    }

    /// Reads only the check-ins `pick` chooses from the sorted entries (files whose name
    /// carries no date are always read, as they cannot be placed without reading them).
    pub fn load_selected(
        &self,
        folder: &str,
        pick: impl FnOnce(&[Entry]) -> Range<usize>,
    ) -> Result<Loaded, Error> {
        let (entries, problems) = self.entries(folder)?;
        let (dated, undated): (Vec<Entry>, Vec<Entry>) =
            entries.into_iter().partition(|e| e.date.is_some());
        let range = pick(&dated);
        let chosen: Vec<PathBuf> = dated
            .into_iter()
            .skip(range.start)
            .take(range.len())
            .chain(undated)
            .map(|e| e.path)
            .collect();
        Ok(self.load_paths(chosen, problems))
    }

    /// Reads the check-ins in `chosen` (a part of a folder's entries), sorted, beside the
    /// `problems` found so far: a long history is read a part at a time with it.
    pub fn load_paths(&self, chosen: Vec<PathBuf>, problems: Vec<FileProblem>) -> Loaded {
        self.load_paths_with(chosen, problems, &mut HashMap::new())
    }

    /// [`Store::load_paths`] with the question set copies already read (`copies`), so that a
    /// history read a part at a time reads each copy once.
    pub fn load_paths_with(
        &self,
        chosen: Vec<PathBuf>,
        problems: Vec<FileProblem>,
        copies: &mut SetCopies,
    ) -> Loaded {
        let read = self.read_records(&chosen);
        let mut loaded = Loaded {
            checkins: Vec::new(),
            problems,
        };
        for (path, read) in chosen.into_iter().zip(read) {
            match read {
                Ok(record) => match self.questionnaire_for(&record.questionnaire, copies) {
                    Some(q) => loaded.checkins.push(StoredCheckin {
                        record,
                        questionnaire: q,
                        path,
                    }),
                    None => loaded.problems.push(FileProblem {
                        problem: self.missing_set(&record.questionnaire),
                        path,
                    }),
                },
                Err(problem) => loaded.problems.push(FileProblem {
                    path,
                    problem: problem.to_string(),
                }),
            }
        }
        loaded.checkins.sort_by(|a, b| {
            (a.record.date, a.record.recorded_at, &a.record.id).cmp(&(
                b.record.date,
                b.record.recorded_at,
                &b.record.id,
            ))
        });
        loaded
    }

    /// Writes an existing record (from an import) under its own id, with its question set;
    /// fails with `AlreadyExists` rather than replace a file.
    pub fn save_record(&self, record: &CheckinRecord, q: &Questionnaire) -> Result<(), Error> {
        let plain = record.to_bytes();
        if plain.len() as u64 > MAX_RECORD_BYTES {
            // Saved, it could never be read again.
            return Err(StoreError::RecordTooLarge {
                id: record.id.clone(),
                bytes: plain.len(),
                limit: MAX_RECORD_BYTES,
            }
            .into());
        }
        let checkins = self.root.join(CHECKINS_DIR);
        let copies = self.root.join(QUESTIONNAIRES_DIR);
        for dir in [&checkins, &copies] {
            fsio::ensure_private_dir(dir)
                .map_err(|e| self.io_error("create the folder", dir, e))?;
        }
        let _guard = self.save_guard()?;
        self.save_copy(q)?;
        let (name, bytes) = self.to_store(&format!("{}.json", record.id), plain)?;
        fsio::write_new(&checkins, &name, &bytes)
            .map(|_| ())
            .map_err(|e| self.io_error("save the check-in", &checkins.join(&name), e))
    }

    /// Reads one stored record; the error says what is wrong with the file.
    pub fn read_record(&self, path: &Path) -> Result<CheckinRecord, Unreadable> {
        record_from(self.read_stored(path, MAX_RECORD_BYTES)?)
    }
}

/// A record from a stored file's plain bytes; the error says what is wrong with the file.
fn record_from(bytes: Vec<u8>) -> Result<CheckinRecord, Unreadable> {
    if bytes.is_empty() {
        return Err(Unreadable::Empty);
    }
    CheckinRecord::from_bytes(&bytes)
}

/// A new record or entry id, `<date>_<HHMMSS>-<4 hex>`: sorts by day, then time saved;
/// the suffix makes it unique.
pub fn new_id(date: NaiveDate, recorded_at: DateTime<FixedOffset>, attempt: u64) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let seed =
        nanos ^ (u64::from(std::process::id()) << 32) ^ attempt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let suffix = &crate::questionnaire::digest(&seed.to_le_bytes())[..4];
    format!(
        "{}_{}-{suffix}",
        date.format("%Y-%m-%d"),
        recorded_at.format("%H%M%S")
    )
}
