//! Why one check-in of an export is not imported (the rest go on): each is said in the
//! import's list of what was refused.

use thiserror::Error;

/// Why one check-in of an export is not imported.
#[derive(Debug, Error)]
pub(super) enum Invalid {
    /// Not a check-in's JSON.
    #[error("not a valid check-in ({0})")]
    NotACheckin(String),
    /// Written by a newer selfcheck.
    #[error("check-in {0} was written by a newer selfcheck")]
    Newer(String),
    /// An id that could not name a file.
    #[error("the id {0:?} is not a valid check-in id")]
    BadId(String),
    /// An id, date or time that cannot be right.
    #[error("check-in {id}: {}", problems.join("; "))]
    Identity {
        /// The check-in.
        id: String,
        /// Every problem.
        problems: Vec<String>,
    },
    /// Its question set is in neither the export nor the store.
    #[error("check-in {id}: its question set ({set}) is neither in the export nor stored")]
    NoSet {
        /// The check-in.
        id: String,
        /// The set's file name.
        set: String,
    },
    /// Answers that do not fit the set.
    #[error("check-in {id}: its answers do not fit its question set: {}", problems.join("; "))]
    Answers {
        /// The check-in.
        id: String,
        /// Every problem.
        problems: Vec<String>,
    },
}
