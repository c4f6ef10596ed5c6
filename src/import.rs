//! `selfcheck import FILE`: reads a JSON export back, e.g. on a new computer.
//!
//! Nothing already stored is changed: a record whose id is stored with the same content is
//! skipped, one with different content is a conflict (reported, not imported), the rest are
//! added as new files, each written like a new check-in. Importing twice adds nothing twice.
//!
//! Layer: commands. It may use: error, fsio, dates, text, paths, cli, output, questionnaire,
//! config, crisis, sets, answers, record, store, draft, status, period, engine, summary,
//! history, report, export; and commands, checkin, flow, dialog, plain, stop, doctor, lib, main
//! beside it.

use std::path::Path;

use serde_json::Value;

use crate::error::Error;
use crate::export::{Envelope, EXPORT_FORMAT, EXPORT_SCHEMA_VERSION};
use crate::fsio;
use crate::questionnaire::Questionnaire;
use crate::record::CheckinRecord;
use crate::store::Store;

/// Exports larger than this are refused before they are read.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

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
}

/// An id is also a file name: letters, digits, `-` and `_` only.
fn safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Imports `path` into `store`.
pub fn import(store: &Store, path: &Path) -> Result<Outcome, Error> {
    let name = path.display().to_string();
    let refused = |why: String| Error::Refused(format!("{name}: {why}; nothing was imported"));
    let bytes = fsio::read_named(path, MAX_IMPORT_BYTES).map_err(|source| Error::Io {
        action: "read the export".to_string(),
        path: path.to_path_buf(),
        source,
    })?;
    let value: Value =
        crate::json::parse(&bytes).map_err(|e| refused(format!("not valid JSON ({e})")))?;
    if value.get("format").and_then(Value::as_str) != Some(EXPORT_FORMAT) {
        return Err(refused(format!(
            "not a selfcheck export (it needs \"format\": \"{EXPORT_FORMAT}\"; make one with `selfcheck export --format json`)"
        )));
    }
    match value.get("schema_version").and_then(Value::as_u64) {
        Some(v) if (1..=u64::from(EXPORT_SCHEMA_VERSION)).contains(&v) => {}
        Some(0) => {
            return Err(refused(format!(
                "\"schema_version\" is 0; it must be a whole number from 1 to {EXPORT_SCHEMA_VERSION}"
            )))
        }
        Some(v) => {
            return Err(refused(format!(
                "made by a newer selfcheck (export schema_version {v}; this one reads up to {EXPORT_SCHEMA_VERSION}); update selfcheck to import it"
            )))
        }
        None => {
            let why = match value.get("schema_version") {
                None => "no \"schema_version\"".to_string(),
                Some(v) => format!(
                    "\"schema_version\" is {v}; it must be a whole number from 1 to {EXPORT_SCHEMA_VERSION}"
                ),
            };
            return Err(refused(why));
        }
    }
    let envelope: Envelope =
        serde_json::from_value(value).map_err(|e| refused(format!("not a valid export ({e})")))?;

    // Question sets first: a record is only imported when the questions it was asked with
    // are known (in the export, already stored, or built in).
    let mut sets: Vec<(String, Questionnaire)> = Vec::new();
    for (file, text) in &envelope.questionnaires {
        // Only a copy whose bytes still match the digest in its name is the one asked.
        if let Ok(q) = Questionnaire::parse(text.as_bytes(), file) {
            if crate::record::QuestionnaireRef::of(&q).file_name() == *file {
                sets.push((file.clone(), q));
            }
        }
    }

    let _lock = store.lock_creating()?;
    let existing = store.load()?;
    let mut outcome = Outcome::default();
    for (i, raw) in envelope.checkins.iter().enumerate() {
        let record: CheckinRecord = match serde_json::from_value(raw.clone()) {
            Ok(r) => r,
            Err(e) => {
                outcome
                    .invalid
                    .push((i, format!("not a valid check-in ({e})")));
                continue;
            }
        };
        if record.schema_version > crate::record::SCHEMA_VERSION {
            outcome.invalid.push((
                i,
                format!("check-in {} was written by a newer selfcheck", record.id),
            ));
            continue;
        }
        if !safe_id(&record.id) {
            outcome.invalid.push((
                i,
                format!("the id {:?} is not a valid check-in id", record.id),
            ));
            continue;
        }
        let problems = record.identity_problems(crate::dates::today());
        if !problems.is_empty() {
            outcome.invalid.push((
                i,
                format!("check-in {}: {}", record.id, problems.join("; ")),
            ));
            continue;
        }
        let trashed = store
            .root()
            .join(crate::store::TRASH_DIR)
            .join(format!("{}.json", record.id));
        if trashed.symlink_metadata().is_ok() {
            // Deleted here on purpose: an older backup must not bring it back beside the
            // trash copy (and then `history restore` would refuse).
            outcome.in_trash.push(record.id.clone());
            continue;
        }
        if let Some(stored) = existing.checkins.iter().find(|c| c.record.id == record.id) {
            if stored.record == record {
                outcome.already_there += 1;
            } else {
                outcome.conflicts.push(record.id.clone());
            }
            continue;
        }
        let file = record.questionnaire.file_name();
        let known = sets
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, q)| q.clone());
        let copy = match known {
            Some(q) => Some(q),
            None => store.questionnaire_copy(&record.questionnaire),
        };
        let Some(q) = copy else {
            outcome.invalid.push((
                i,
                format!(
                    "check-in {}: its question set ({file}) is neither in the export nor stored",
                    record.id
                ),
            ));
            continue;
        };
        let problems = crate::engine::check_answers(&q, &record.answers, true);
        if !problems.is_empty() {
            outcome.invalid.push((
                i,
                format!(
                    "check-in {}: its answers do not fit its question set: {}",
                    record.id,
                    problems.join("; ")
                ),
            ));
            continue;
        }
        match store.save_record(&record, &q) {
            Ok(()) => outcome.imported += 1,
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
                outcome.conflicts.push(record.id.clone())
            }
            Err(e) => return Err(e),
        }
    }
    Ok(outcome)
}

/// The outcome in words.
pub fn describe(o: &Outcome) -> String {
    let mut out = format!(
        "Imported {} check-in(s); {} already there with the same content.",
        o.imported, o.already_there
    );
    if !o.in_trash.is_empty() {
        out.push_str(&format!(
            "\n{} check-in(s) are in the trash here and were not imported again; `selfcheck history restore ID` brings one back: {}",
            o.in_trash.len(),
            o.in_trash.join(", ")
        ));
    }
    if !o.conflicts.is_empty() {
        out.push_str(&format!(
            "\n{} check-in(s) are stored with the same id but different content, and were not imported (nothing stored was changed): {}",
            o.conflicts.len(),
            o.conflicts.join(", ")
        ));
    }
    for (i, why) in &o.invalid {
        out.push_str(&format!(
            "\nRecord {} of the export was not imported: {why}",
            i + 1
        ));
    }
    out
}
