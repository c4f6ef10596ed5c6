//! Listing a folder of stored files: `NAME.json` and `NAME.json.age` alike, each name once
//! (a conversion killed between writing one form and removing the other leaves both, with
//! the same content), temporary files of unfinished writes left out, anything else named.

use super::Unreadable;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::codec::stem_of;
use super::{sync, Entry, FileProblem, Store, MAX_RECORD_BYTES};
use crate::base::error::Error;
use crate::base::fsio;
use crate::store::record::CheckinRecord;

/// One stored file found in a folder.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The file to read (the plain form when both exist: it needs no key).
    pub path: PathBuf,
    /// Its name without `.json` or `.json.age`.
    pub stem: String,
    /// The other form of the same file, left by an interrupted conversion.
    pub twin: Option<PathBuf>,
}

/// The stored files in `dir` whose names start with `prefix`, sorted by stem, and the files
/// there that are not stored files (`what` names what belongs there). A missing folder is
/// empty.
pub fn list(dir: &Path, prefix: &str, what: &str) -> io::Result<(Vec<Listed>, Vec<FileProblem>)> {
    let mut found: Vec<(String, bool, PathBuf)> = Vec::new();
    let mut problems = Vec::new();
    let listing = match fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), problems)),
        Err(e) => return Err(e),
    };
    for entry in listing {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if !name.starts_with(prefix) {
            continue;
        }
        if let Some(what) = sync::sync_file(&name) {
            problems.push(FileProblem {
                path,
                problem: what.to_string(),
            });
            continue;
        }
        if name.starts_with('.') && name.ends_with(fsio::TEMP_SUFFIX) {
            continue; // an unfinished write: never a stored file
        }
        match stem_of(&name) {
            Some((stem, sealed)) => found.push((stem.to_string(), sealed, path)),
            None => problems.push(FileProblem {
                path,
                problem: format!(
                    "not {what} (selfcheck only reads *.json and *.json.age here); ignored"
                ),
            }),
        }
    }
    // Plain before sealed for the same stem, then one of each.
    found.sort();
    let mut out: Vec<Listed> = Vec::with_capacity(found.len());
    for (stem, _, path) in found {
        match out.last_mut() {
            Some(last) if last.stem == stem => last.twin = Some(path),
            _ => out.push(Listed {
                path,
                stem,
                twin: None,
            }),
        }
    }
    Ok((out, problems))
}

/// Below this many files in a batch, reading them on one thread is as quick.
const PARALLEL_FROM: usize = 32;
/// Files read before their records are made: bounds the memory their bytes take.
const BATCH: usize = 256;

/// Whether `path` names an encrypted stored file (`*.json.age`).
pub(super) fn is_sealed_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(super::codec::SEALED_SUFFIX))
}

impl Store {
    /// Reads the records at `paths`, in order, a batch at a time on a few threads: opening
    /// an encrypted file is mostly an elliptic-curve step (about 0.1 ms), and reading and
    /// checking a plain one is mostly JSON, both of which spread over the cores. A small
    /// batch is read on this thread.
    pub fn read_records(&self, paths: &[PathBuf]) -> Vec<Result<CheckinRecord, Unreadable>> {
        let read = |p: &PathBuf| {
            self.read_stored(p, MAX_RECORD_BYTES)
                .and_then(super::record_from)
        };
        let mut out = Vec::with_capacity(paths.len());
        for batch in paths.chunks(BATCH) {
            out.extend(crate::base::parallel::map_from(batch, PARALLEL_FROM, read));
        }
        out
    }

    /// Check-in files in `folder` (`checkins` or `trash`), sorted by name (so by date), not
    /// yet read; and the files there that are not check-ins. A missing folder is empty.
    pub fn entries(&self, folder: &str) -> Result<(Vec<Entry>, Vec<FileProblem>), Error> {
        let dir = self.root.join(folder);
        let (listed, problems) = list(&dir, "", "a check-in file")
            .map_err(|e| self.io_error("read the folder", &dir, e))?;
        let found = listed
            .into_iter()
            .map(|l| Entry {
                date: NaiveDate::parse_from_str(l.stem.get(..10).unwrap_or(""), "%Y-%m-%d").ok(),
                stem: l.stem,
                path: l.path,
                twin: l.twin,
            })
            .collect();
        Ok((found, problems))
    }
}
