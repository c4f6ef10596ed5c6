//! The draft of a check-in in progress, so an interrupted one can be resumed
//! (`checkin --resume`).
//!
//! A draft is not a check-in: it lives outside `checkins/`, so history, summaries and exports
//! never show it. It is written (0600, atomically) after every answer and removed once the
//! check-in is saved.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Local};
use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::base::error::{DraftError, Error};
use crate::base::fsio;
use crate::questionnaire::Questionnaire;
use crate::store::record::QuestionnaireRef;
use crate::store::Store;

/// The draft's file name in the data directory.
pub const DRAFT_FILE: &str = "draft.json";

/// Answers so far.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The question set being answered.
    pub questionnaire: QuestionnaireRef,
    /// When the latest answer was kept.
    pub started_at: DateTime<FixedOffset>,
    /// Answers so far.
    pub answers: Answers,
}

/// Where the draft is (`draft.json`, or `draft.json.age` in an encrypted store).
pub fn path(store: &Store) -> PathBuf {
    store
        .find_stored(store.root(), DRAFT_FILE)
        .unwrap_or_else(|| store.root().join(DRAFT_FILE))
}

/// The draft, if there is one.
pub fn load(store: &Store) -> Result<Option<Draft>, Error> {
    let path = path(store);
    if path.symlink_metadata().is_err() {
        return Ok(None);
    }
    let bytes = store.read_stored(&path, 1024 * 1024).map_err(|why| {
        Error::from(DraftError::Unreadable {
            path: path.clone(),
            why: why.to_string(),
        })
    })?;
    serde_json::from_slice(crate::base::json::without_bom(&bytes))
        .map(Some)
        .map_err(|e| {
            Error::from(DraftError::Damaged {
                path: path.clone(),
                why: e.to_string(),
            })
        })
}

/// Keeps the answers so far.
pub fn save(store: &Store, q: &Questionnaire, answers: &Answers) -> Result<(), Error> {
    let root = store.root();
    let io = |source| Error::Io {
        action: "keep the draft in".to_string(),
        path: root.to_path_buf(),
        source,
    };
    if !root.exists() {
        fsio::ensure_private_dir(root).map_err(io)?;
    }
    let draft = Draft {
        questionnaire: QuestionnaireRef::of(q),
        started_at: Local::now().fixed_offset(),
        answers: answers.clone(),
    };
    let _guard = store.save_guard()?;
    let (name, bytes) = store.to_store(
        DRAFT_FILE,
        serde_json::to_vec_pretty(&draft).unwrap_or_default(),
    )?;
    fsio::write_replacing(root, &name, &bytes).map_err(io)?;
    // A draft in the other form (from before `encrypt` or `decrypt`) is this one's past.
    let other = match name.strip_suffix(crate::store::codec::SEALED_SUFFIX) {
        Some(plain) => plain.to_string(),
        None => format!("{name}{}", crate::store::codec::SEALED_SUFFIX),
    };
    let _ = std::fs::remove_file(root.join(other));
    Ok(())
}

/// Removes the draft, in either form (after the check-in was saved).
pub fn remove(store: &Store) {
    while let Some(path) = store.find_stored(store.root(), DRAFT_FILE) {
        if std::fs::remove_file(path).is_err() {
            break;
        }
    }
}

/// The answers of the draft to continue, if it was made with this question set.
pub fn resume(store: &Store, q: &Questionnaire) -> Result<Answers, Error> {
    let Some(draft) = load(store)? else {
        return Err(DraftError::Nothing.into());
    };
    if draft.questionnaire != QuestionnaireRef::of(q) {
        return Err(DraftError::OtherSet {
            id: draft.questionnaire.id,
            version: draft.questionnaire.version,
        }
        .into());
    }
    Ok(draft.answers)
}
