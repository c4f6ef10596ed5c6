//! Refusals of choosing a question set by id (`--set`, `question_set` in the config).

use thiserror::Error;

/// What choosing a set refuses.
#[derive(Debug, Error)]
pub enum SetError {
    /// No valid set has that id.
    #[error("there is no valid question set \"{id}\"; the sets are: {} (see `selfcheck questions list`)", ids.join(", "))]
    NoSuchSet {
        /// The id asked for.
        id: String,
        /// The ids there are.
        ids: Vec<String>,
    },
    /// Two or more files give that id.
    #[error("{} question sets have the id \"{id}\" ({}); give one of them another id", files.len(), files.join(", "))]
    SameId {
        /// The id.
        id: String,
        /// The files that give it.
        files: Vec<String>,
    },
}
