//! The store's refusals: key files, the busy lock, moves, saving, the recipient, and the
//! choice of a period (`--last`, `--since`, `--until`).

use std::path::PathBuf;

use thiserror::Error;

use super::joined;

/// What the store refuses, each saying what to do next.
#[derive(Debug, Error)]
pub enum StoreError {
    /// `key.age` is not there.
    #[error("{} is missing, so your encrypted files cannot be opened; nothing was changed. If you have a copy of key.age (a backup), put it back there.", .0.display())]
    KeyMissing(PathBuf),
    /// `key.age` cannot be read (a link, permissions, not a file).
    #[error("{}: {why}; nothing was changed. Run `selfcheck doctor`.", path.display())]
    KeyUnreadable {
        /// The key file.
        path: PathBuf,
        /// Why, from the file layer.
        why: String,
    },
    /// `key.age` is not an age file of a key.
    #[error("{} cannot be read as selfcheck's key ({why}); nothing was changed. Run `selfcheck doctor`.", path.display())]
    KeyNotAKey {
        /// The key file.
        path: PathBuf,
        /// The decryption's reason.
        why: String,
    },
    /// `key.age` opens but holds no identity.
    #[error("{} opens, but holds no age identity; nothing was changed. Run `selfcheck doctor`.", .0.display())]
    KeyWithoutIdentity(PathBuf),
    /// A step that needs the unlocked key was called without it (a bug, not a person's).
    #[error("the key is not unlocked")]
    NotUnlocked,
    /// The busy lock's place holds a symbolic link.
    #[error("{} is a symbolic link, not selfcheck's lock file; nothing was changed. Remove the link, then try again.", .0.display())]
    LockIsLink(PathBuf),
    /// A move would replace a file.
    #[error("{} already exists; nothing was moved. Look at both files, then move or remove one of them yourself.", .0.display())]
    MoveWouldReplace(PathBuf),
    /// A new check-in that every read would refuse.
    #[error("this check-in cannot be saved: {}; nothing was saved", joined(.0, "; "))]
    CheckinRefused(Vec<String>),
    /// A new check-in over the size limit.
    #[error("this check-in would be {bytes} bytes, over the {limit} byte limit of a stored check-in; nothing was saved. Shorten the longest text answers.")]
    CheckinTooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: u64,
    },
    /// A check-in from elsewhere (an import) over the size limit.
    #[error(
        "check-in {id} would be {bytes} bytes, over the {limit} byte limit of a stored check-in"
    )]
    RecordTooLarge {
        /// Its id.
        id: String,
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: u64,
    },
    /// `recipient.txt` cannot be used, and no pin stands in for it.
    #[error("{}: {why}, so there is no key to encrypt to; nothing was saved. Run `selfcheck doctor` to see what is wrong.", path.display())]
    RecipientUnusable {
        /// The recipient file.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// `.age` output asked of a store that is not encrypted.
    #[error("your data is not encrypted, so there is no key to encrypt to; run `selfcheck encrypt` first, or leave out .age")]
    NotEncrypted,
    /// `--since` after `--until`.
    #[error("--since {since} is after --until {until}: nothing can be in that period")]
    EmptyPeriod {
        /// The start.
        since: chrono::NaiveDate,
        /// The end.
        until: chrono::NaiveDate,
    },
    /// `--last 0`.
    #[error("--last needs 1 or more")]
    LastZero,
}
