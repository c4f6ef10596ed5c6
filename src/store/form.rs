//! The form lock: how a save and a change of the store's form (`encrypt`, `decrypt`,
//! `passphrase --rotate`) never meet half-way.
//!
//! The danger it closes: a save reads `recipient.txt`, seals, and links its file; a form
//! change removes or writes `recipient.txt` and converts the files it finds. Interleaved, a
//! save could land plain after `encrypt` finished, or sealed to a key `decrypt` had just
//! deleted, and still say "Saved". So:
//!
//! - every save (check-in, journal entry, draft, import) holds `.form.lock` **shared** from
//!   the moment it reads the recipient until its file is linked and flushed;
//! - a form change holds it **exclusive** from before it reads or writes a key file until
//!   its last file is converted and its last key file written or removed.
//!
//! The two therefore run one after the other: a save either finishes before the form change
//! starts (and its file is converted with the others) or starts after it ended (and reads the
//! final recipient). A save that meets a form change waits, saying so on stderr; a form
//! change waits for the saves in progress (each a few milliseconds). The lock is an `flock`:
//! a process that dies, however it dies, releases it, so a wait always ends.

use std::fs;

use crate::base::error::Error;

use super::Store;

/// The form lock's file, in the data directory.
pub const FORM_LOCK_FILE: &str = ".form.lock";

/// Held while a save or a form change runs; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct FormLock {
    _file: fs::File,
}

impl Store {
    /// The shared side, for a save. The data directory exists (the caller made it).
    pub fn save_guard(&self) -> Result<FormLock, Error> {
        self.form_lock(false, "saving")
    }

    /// The exclusive side, for `encrypt`, `decrypt` and `passphrase --rotate`.
    pub fn form_change(&self) -> Result<FormLock, Error> {
        self.form_lock(true, "changing how your data is stored")
    }

    fn form_lock(&self, exclusive: bool, doing: &str) -> Result<FormLock, Error> {
        let path = self.root.join(FORM_LOCK_FILE);
        let file = self.open_lock_file(FORM_LOCK_FILE)?;
        // Released when `file` is closed.
        let tried = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match tried {
            Ok(()) => {}
            Err(std::fs::TryLockError::Error(err)) => return Err(self.io_error("lock", &path, err)),
            Err(std::fs::TryLockError::WouldBlock) => {
                let other = if exclusive {
                    "another selfcheck is saving"
                } else {
                    "another selfcheck is encrypting or decrypting your data"
                };
                let message =
                    format!("selfcheck: {other}; waiting for it to finish before {doing}…");
                crate::base::text::say(&message);
                // Blocking this time (std retries an interrupted wait itself).
                let waited = if exclusive {
                    file.lock()
                } else {
                    file.lock_shared()
                };
                waited.map_err(|err| self.io_error("lock", &path, err))?;
            }
        }
        Ok(FormLock { _file: file })
    }
}
