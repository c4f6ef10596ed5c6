//! Refusals of `selfcheck import`.

use thiserror::Error;

/// What an import refuses: the file, what is wrong, and what of it was stored.
#[derive(Debug, Error)]
pub enum ImportError {
    /// Nothing was stored.
    #[error("{name}: {why}; nothing was imported")]
    Nothing {
        /// The file's name as given.
        name: String,
        /// What is wrong.
        why: String,
    },
    /// Stopped part way: what came before was stored.
    #[error("{name}: {why}; the {} before that point {} imported ({already} already there), the rest were not", crate::base::text::count(*done, "check-in", "check-ins"), if *done == 1 { "was" } else { "were" })]
    PartWay {
        /// The file's name as given.
        name: String,
        /// What is wrong.
        why: String,
        /// Check-ins imported or already there before it.
        done: usize,
        /// Of those, already there.
        already: usize,
    },
}
