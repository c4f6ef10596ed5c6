//! Which key a new file is sealed to ("no key but yours"), and `recipient.txt` with its pin.
//!
//! A sync peer or anyone who can write the data folder can swap `recipient.txt`; they cannot
//! swap the pin, a copy of the recipient **outside** the data folder (in the config folder,
//! one per data folder), written by `encrypt`. So:
//! 1. the key unlocked: always its own public half; a `recipient.txt` that differs is not
//!    used, and named;
//! 2. locked, with a pin: the pin; a `recipient.txt` that differs (or is missing, or is a
//!    link) is not used, and named;
//! 3. locked, no pin yet (a store encrypted by an earlier version, or a new machine):
//!    `recipient.txt`, which is pinned the next time the key is unlocked and agrees.
//!
//! `recipient.txt` is never read through a symbolic link.

use std::path::PathBuf;

use age::x25519;

use crate::base::error::{Error, StoreError};
use crate::base::fsio;

use super::keyfiles::{KEY_FILE, MAX_KEY_BYTES, NEXT_KEY_FILE, RECIPIENT_FILE};
use super::Store;

/// The recipient in a recipient file's text.
fn parse_recipient(bytes: &[u8]) -> Option<x25519::Recipient> {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().map(str::trim).find(|l| l.starts_with("age1"));
    line.and_then(|l| l.parse().ok())
}

fn same(a: &x25519::Recipient, b: &x25519::Recipient) -> bool {
    a.to_string() == b.to_string()
}

/// What is in `recipient.txt`: nothing, a recipient, or why it cannot be used.
enum RecipientFile {
    Missing,
    Holds(x25519::Recipient),
    Unusable(String),
}

impl Store {
    /// A store encrypted before the pin existed: pins its recipient once the unlocked key
    /// (`own`) proves it.
    pub(super) fn pin_if_proven(&self, own: &x25519::Recipient) {
        if self.pin.is_some() && self.pinned().is_none() {
            if let RecipientFile::Holds(r) = self.read_recipient_file() {
                if same(&r, own) {
                    let _ = self.write_pin(own);
                }
            }
        }
    }

    fn read_recipient_file(&self) -> RecipientFile {
        let path = self.root.join(RECIPIENT_FILE);
        match fsio::read_own(&path, MAX_KEY_BYTES) {
            Ok(bytes) => match parse_recipient(&bytes) {
                Some(r) => RecipientFile::Holds(r),
                None => RecipientFile::Unusable("does not hold an age recipient (age1…)".into()),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => RecipientFile::Missing,
            Err(e) => RecipientFile::Unusable(fsio::own_file_problem(&e)),
        }
    }

    /// The pinned recipient, when there is one.
    fn pinned(&self) -> Option<x25519::Recipient> {
        let path = self.pin.as_ref()?;
        parse_recipient(&fsio::read_own(path, MAX_KEY_BYTES).ok()?)
    }

    /// Writes the pin (outside the data folder) for `recipient`.
    pub(super) fn write_pin(&self, recipient: &x25519::Recipient) -> Result<(), Error> {
        let Some(path) = &self.pin else {
            return Ok(());
        };
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            return Ok(());
        };
        let text = format!(
            "# selfcheck: the public key of the data in {}\n{recipient}\n",
            self.root.display()
        );
        fsio::ensure_private_dir(dir)
            .and_then(|()| fsio::write_replacing(dir, name, text.as_bytes()))
            .map_err(|e| self.io_error("save the pinned recipient", path, e))
    }

    /// Removes the pin (at the end of `decrypt`).
    pub(super) fn remove_pin(&self) {
        if let Some(path) = &self.pin {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Tells once (stderr) why `recipient.txt` was not used.
    fn tell(&self, message: String) {
        let Ok(mut told) = self.keys.told.lock() else {
            return;
        };
        if !told.contains(&message) {
            crate::base::text::say(&format!("warning: {message}"));
            told.push(message);
        }
    }

    /// The recipient new files are sealed to, or `None` for a plain store (see the module
    /// comment for the order).
    pub fn recipient(&self) -> Result<Option<x25519::Recipient>, Error> {
        let path = self.root.join(RECIPIENT_FILE);
        let file = self.read_recipient_file();
        if let Some(u) = self.unlocked() {
            let own = u.primary.to_public();
            if let Some(problem) = self.recipient_mismatch(&file, &own) {
                self.tell(format!(
                    "{}: {problem}; your files are encrypted to your own key instead.",
                    path.display()
                ));
            }
            return Ok(Some(own));
        }
        let sealed_store = self.is_sealed();
        match (file, self.pinned()) {
            (RecipientFile::Missing, _) if !sealed_store => Ok(None),
            (RecipientFile::Holds(r), Some(pin)) if same(&r, &pin) => Ok(Some(r)),
            (RecipientFile::Holds(r), None) => Ok(Some(r)),
            (file, Some(pin)) => {
                let why = match file {
                    RecipientFile::Holds(_) => "is not the key this data was encrypted with (the copy selfcheck keeps outside the data folder)".to_string(),
                    RecipientFile::Missing => "is missing".to_string(),
                    RecipientFile::Unusable(why) => why,
                };
                self.tell(format!(
                    "{}: {why}; it was not used, and your files are encrypted to your own key as before. Run `selfcheck doctor`.",
                    path.display()
                ));
                Ok(Some(pin))
            }
            (RecipientFile::Missing, None) => Ok(None),
            (RecipientFile::Unusable(why), None) => Err(StoreError::RecipientUnusable {
                path: path.to_path_buf(),
                why,
            }
            .into()),
        }
    }

    fn recipient_mismatch(&self, file: &RecipientFile, own: &x25519::Recipient) -> Option<String> {
        match file {
            RecipientFile::Holds(r) if same(r, own) => None,
            RecipientFile::Holds(_) => Some(format!(
                "is not the public half of {}: anything encrypted to it could not be opened with your key, and may be someone else's. Remove it, then run `selfcheck encrypt` to write the right one",
                self.key_path().display()
            )),
            RecipientFile::Missing if self.exists(NEXT_KEY_FILE) => None,
            RecipientFile::Missing => Some("is missing, so new files would be saved unencrypted: run `selfcheck encrypt` to finish".to_string()),
            RecipientFile::Unusable(why) => Some(format!("{why}. Remove it, then run `selfcheck encrypt` to write the right one")),
        }
    }

    /// Problems with the key files, for `doctor`: `recipient.txt` that is not the unlocked
    /// key's (or the pin's), key files that are links, a missing pin.
    pub fn key_file_problems(&self) -> Vec<(PathBuf, String)> {
        let mut out = Vec::new();
        for name in [KEY_FILE, RECIPIENT_FILE, NEXT_KEY_FILE] {
            let path = self.root.join(name);
            if path
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
            {
                out.push((path, "is a symbolic link: selfcheck never reads its key files through a link. Replace it with the file itself".to_string()));
            }
        }
        if !self.is_sealed() {
            return out;
        }
        let file = self.read_recipient_file();
        let path = self.root.join(RECIPIENT_FILE);
        if let Some(u) = self.unlocked() {
            if let Some(problem) = self.recipient_mismatch(&file, &u.primary.to_public()) {
                out.push((path.clone(), problem));
            }
        }
        match (self.pinned(), &file) {
            (Some(pin), RecipientFile::Holds(r)) if !same(&pin, r) && !self.is_unlocked() => out.push((
                path,
                "is not the key this data was encrypted with (the copy selfcheck keeps outside the data folder): new files are encrypted to your own key, not to it. Remove it, then run `selfcheck encrypt`".to_string(),
            )),
            (None, RecipientFile::Holds(_)) if self.pin.is_some() => out.push((
                self.pin.clone().unwrap_or_default(),
                "is missing: without this copy, a swapped recipient.txt cannot be noticed while saving. Any command that asks for your passphrase writes it again".to_string(),
            )),
            _ => {}
        }
        out
    }

    /// Writes `recipient.txt` and the pin for the unlocked identity (after a run killed
    /// between the key and the recipient, or a recipient that was removed).
    pub fn restore_recipient(&self) -> Result<(), Error> {
        let Some(u) = self.unlocked() else {
            return Ok(());
        };
        self.write_pin(&u.primary.to_public())?;
        self.write_recipient(&u.primary.to_public(), false)
    }

    pub(super) fn write_recipient(
        &self,
        r: &x25519::Recipient,
        replace: bool,
    ) -> Result<(), Error> {
        let text = format!("{r}\n");
        let written = if replace {
            fsio::write_replacing(&self.root, RECIPIENT_FILE, text.as_bytes())
        } else {
            match fsio::write_new(&self.root, RECIPIENT_FILE, text.as_bytes()) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
                other => other.map(|_| ()),
            }
        };
        written.map_err(|e| self.io_error("save the recipient", &self.root.join(RECIPIENT_FILE), e))
    }
}
