//! Refusals about the draft of an interrupted check-in.

use std::path::PathBuf;

use thiserror::Error;

/// What resuming a draft refuses.
#[derive(Debug, Error)]
pub enum DraftError {
    /// The draft file cannot be read (or opened, when encrypted).
    #[error("{}: the draft cannot be read: {why}", path.display())]
    Unreadable {
        /// The draft.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// The draft is not a draft's JSON.
    #[error("{}: the draft cannot be read ({why}); start a new check-in with `selfcheck checkin`", path.display())]
    Damaged {
        /// The draft.
        path: PathBuf,
        /// The parser's reason.
        why: String,
    },
    /// `--resume` with no draft.
    #[error("there is no interrupted check-in to resume; start one with `selfcheck checkin`")]
    Nothing,
    /// The draft was answered with another question set.
    #[error("the interrupted check-in was answered with question set \"{id}\" version {version}; resume it with `selfcheck checkin --resume --set {id}`, or start a new one")]
    OtherSet {
        /// The set's id.
        id: String,
        /// Its version.
        version: u32,
    },
    /// The draft's answers do not fit the set (left as it is).
    #[error("{}: the draft does not fit the question set, so it was not resumed (it was left as it is):\n  {}\nStart a new check-in with `selfcheck checkin`.", path.display(), super::joined(problems, "\n  "))]
    DoesNotFit {
        /// The draft.
        path: PathBuf,
        /// Every problem.
        problems: Vec<String>,
    },
}
