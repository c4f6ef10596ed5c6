//! Why a stored file was not read: one type for every reader (check-ins, journal entries,
//! drafts, set copies), so a caller can tell a locked file from a damaged one by its kind,
//! not by comparing words. Its text is what `doctor` and the warnings say of the file.

use thiserror::Error;

use super::record::SCHEMA_VERSION;

/// Why a stored file was not read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Unreadable {
    /// The file system refused.
    #[error("cannot be read ({0})")]
    Io(String),
    /// Over the size limit of its kind.
    #[error("it is larger than {0} bytes")]
    TooLarge(u64),
    /// Encrypted, and the command had no passphrase.
    #[error("it is encrypted and the passphrase was not given")]
    Locked,
    /// Sealed to a key that is not the store's.
    #[error("it was encrypted to a key that is not yours (perhaps to a recipient.txt someone else put in the data folder), so your key cannot open it; it was left as it is. If you know whose key it is, open it with theirs")]
    NotYours,
    /// Sealed, and the key does not open it for another reason.
    #[error("it cannot be decrypted with your key ({0})")]
    Undecryptable(String),
    /// Empty.
    #[error("the file is empty")]
    Empty,
    /// Not JSON at all.
    #[error("not valid JSON ({0})")]
    NotJson(String),
    /// JSON, but not a check-in.
    #[error("not a selfcheck check-in (no \"schema_version\")")]
    NotACheckin,
    /// Written by a newer selfcheck.
    #[error("written by a newer selfcheck (schema_version {0}; this one reads up to {SCHEMA_VERSION}); update selfcheck to read it")]
    Newer(u64),
    /// JSON, but not a journal entry.
    #[error("not a journal entry ({0})")]
    NotAnEntry(String),
    /// A check-in whose fields do not parse.
    #[error("not a valid check-in ({0})")]
    Invalid(String),
    /// A check-in whose id or date cannot be right.
    #[error("{}", .0.join("; "))]
    Identity(Vec<String>),
    /// An export sealed to a key this store does not hold.
    #[error("it is encrypted. Import it into the data it came from, or first put that data's key.age into {} and run `selfcheck encrypt` (it asks for that passphrase)", .0.display())]
    SealedElsewhere(std::path::PathBuf),
    /// A stream that failed as it was read (its own words).
    #[error("{0}")]
    Stream(String),
    /// A reading thread failed.
    #[error("it could not be read")]
    Failed,
}
