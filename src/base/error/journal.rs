//! Refusals of the intake journal.

use thiserror::Error;

/// What the journal refuses.
#[derive(Debug, Error)]
pub enum JournalError {
    /// An entry every read would refuse.
    #[error("this entry cannot be saved: {}; nothing was saved", super::joined(.0, "; "))]
    EntryRefused(Vec<String>),
    /// The substances file compiled into the program does not read (a bug in a build).
    #[error("the built-in substances file is damaged{}", .0.as_ref().map(|e| format!(": {e}")).unwrap_or_default())]
    BuiltinDamaged(Option<String>),
}
