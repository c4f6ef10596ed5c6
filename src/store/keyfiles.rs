//! The key files of an encrypted store, and which key every new file is sealed to.
//!
//! - `key.age`: the age X25519 identity, sealed with the passphrase (scrypt).
//! - `recipient.txt`: its public half, so that saving needs no passphrase.
//! - `key-next.age`: only during `passphrase --rotate`: the new identity, sealed to the old
//!   one, so a rotation killed half-way leaves every file readable with the old passphrase.
//! - the pin: a copy of the recipient **outside** the data folder (in the config folder,
//!   one per data folder), written by `encrypt`. A sync peer or anyone who can write the
//!   data folder can swap `recipient.txt`; they cannot swap the pin.
//!
//! Which key each new file is sealed to is `recipient.rs`'s.
//!
//! Key files are never read through a symbolic link.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;

use crate::base::error::{Error, StoreError};
use crate::base::fsio;

use super::Store;

/// The passphrase-encrypted identity, in the data directory.
pub const KEY_FILE: &str = "key.age";
/// The public recipient every new file is encrypted to, in the data directory.
pub const RECIPIENT_FILE: &str = "recipient.txt";
/// The identity a `passphrase --rotate` is moving to, sealed to the old one.
pub const NEXT_KEY_FILE: &str = "key-next.age";
/// scrypt's work factor for `key.age` (2^17: about 0.4 s and 128 MiB here;
/// each guess at a passphrase costs an attacker the same).
pub(crate) const WORK_FACTOR: u8 = 17;
/// A key or recipient file larger than this is not one of selfcheck's.
pub(super) const MAX_KEY_BYTES: u64 = 64 * 1024;

/// The store's identities, once unlocked for this command: the one new files are sealed to,
/// and during a rotation the one it replaces (still opening the files not yet re-sealed).
#[derive(Default)]
pub struct Keys {
    unlocked: Mutex<Option<Arc<Unlocked>>>,
    /// Mismatches already told about (each once per command).
    pub(super) told: Mutex<Vec<String>>,
}

/// The unlocked identities.
pub struct Unlocked {
    pub(super) primary: x25519::Identity,
    pub(super) older: Vec<x25519::Identity>,
}

impl Unlocked {
    /// Every identity that opens files, the one new files are sealed to first.
    pub fn all(&self) -> Vec<&x25519::Identity> {
        std::iter::once(&self.primary).chain(&self.older).collect()
    }

    /// The one new files are sealed to.
    pub fn primary(&self) -> &x25519::Identity {
        &self.primary
    }
}

/// The identity text of an age identity file (comment lines, then the secret key).
fn identity_file_text(identity: &x25519::Identity) -> String {
    format!(
        "# created by selfcheck: the key to your encrypted check-ins\n# public key: {}\n{}\n",
        identity.to_public(),
        identity.to_string().expose_secret()
    )
}

/// The identity in an age identity file's text.
fn parse_identity(text: &str) -> Option<x25519::Identity> {
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .and_then(|l| l.parse().ok())
}

impl Store {
    pub(super) fn key_path(&self) -> PathBuf {
        self.root.join(KEY_FILE)
    }

    pub(super) fn exists(&self, name: &str) -> bool {
        self.root.join(name).symlink_metadata().is_ok()
    }

    /// Whether the store is (or is becoming) encrypted: `recipient.txt` or `key.age` exists.
    pub fn is_sealed(&self) -> bool {
        self.exists(RECIPIENT_FILE) || self.exists(KEY_FILE)
    }

    /// Whether the identity is unlocked for this command.
    pub fn is_unlocked(&self) -> bool {
        self.unlocked().is_some()
    }

    /// The unlocked identities, if any.
    pub fn unlocked(&self) -> Option<Arc<Unlocked>> {
        self.keys.unlocked.lock().ok()?.clone()
    }

    pub(super) fn set_unlocked(&self, u: Unlocked) {
        if let Ok(mut slot) = self.keys.unlocked.lock() {
            *slot = Some(Arc::new(u));
        }
    }

    /// Unlocks `key.age` with `passphrase` for the rest of this command (and, mid-rotation,
    /// `key-next.age` with it). A wrong passphrase, a missing or damaged key: an error that
    /// changes nothing.
    pub fn unlock(&self, passphrase: &SecretString) -> Result<(), Error> {
        let identity = self.open_key(passphrase)?;
        let next = fsio::read_own(&self.root.join(NEXT_KEY_FILE), MAX_KEY_BYTES)
            .ok()
            .and_then(|b| age::decrypt(&identity, &b).ok())
            .and_then(|t| parse_identity(&String::from_utf8_lossy(&t)));
        let unlocked = match next {
            Some(next) => Unlocked {
                primary: next,
                older: vec![identity],
            },
            None => Unlocked {
                primary: identity,
                older: Vec::new(),
            },
        };
        let own = unlocked.primary.to_public();
        self.set_unlocked(unlocked);
        self.pin_if_proven(&own);
        Ok(())
    }

    /// The identity in `key.age`, decrypted with `passphrase`.
    pub fn open_key(&self, passphrase: &SecretString) -> Result<x25519::Identity, Error> {
        let path = self.key_path();
        let bytes = match fsio::read_own(&path, MAX_KEY_BYTES) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::KeyMissing(path).into())
            }
            Err(e) => {
                return Err(StoreError::KeyUnreadable {
                    why: fsio::own_file_problem(&e),
                    path,
                }
                .into())
            }
        };
        let mut scrypt = age::scrypt::Identity::new(passphrase.clone());
        scrypt.set_max_work_factor(WORK_FACTOR + 1);
        let text = match age::decrypt(&scrypt, &bytes) {
            Ok(t) => t,
            Err(age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys) => {
                return Err(Error::WrongPassphrase)
            }
            Err(e) => {
                return Err(StoreError::KeyNotAKey {
                    path,
                    why: e.to_string(),
                }
                .into())
            }
        };
        parse_identity(&String::from_utf8_lossy(&text))
            .ok_or_else(|| StoreError::KeyWithoutIdentity(path.clone()).into())
    }

    /// Writes a new identity's `key.age` (sealed with `passphrase`), the pin, then
    /// `recipient.txt`, each atomically: a store never has a recipient without the key that
    /// opens its files.
    pub fn create_keys(&self, passphrase: &SecretString) -> Result<(), Error> {
        let identity = x25519::Identity::generate();
        self.write_key(&identity, passphrase, false)?;
        self.write_pin(&identity.to_public())?;
        self.write_recipient(&identity.to_public(), false)?;
        self.set_unlocked(Unlocked {
            primary: identity,
            older: Vec::new(),
        });
        Ok(())
    }

    /// Seals the unlocked identity with a new passphrase, replacing `key.age` atomically.
    pub fn rekey(&self, passphrase: &SecretString) -> Result<(), Error> {
        let Some(u) = self.unlocked() else {
            return Err(StoreError::NotUnlocked.into());
        };
        self.write_key(&u.primary, passphrase, true)
    }

    /// The first steps of `passphrase --rotate` (the caller holds the form lock): a new
    /// identity in `key-next.age`, sealed to the old one (or the one a killed rotation left),
    /// then the pin and `recipient.txt` for it. From here new files are sealed to it.
    pub fn begin_rotation(&self) -> Result<(), Error> {
        let Some(u) = self.unlocked() else {
            return Err(StoreError::NotUnlocked.into());
        };
        if u.older.is_empty() {
            let next = x25519::Identity::generate();
            let sealed = age::encrypt(&u.primary.to_public(), identity_file_text(&next).as_bytes())
                .map_err(|e| Error::Codec(format!("cannot encrypt the new key ({e})")))?;
            fsio::write_replacing(&self.root, NEXT_KEY_FILE, &sealed).map_err(|e| {
                self.io_error("save the new key", &self.root.join(NEXT_KEY_FILE), e)
            })?;
            self.set_unlocked(Unlocked {
                primary: next,
                older: vec![u.primary.clone()],
            });
        }
        let own = match self.unlocked() {
            Some(u) => u.primary.to_public(),
            None => return Err(StoreError::NotUnlocked.into()),
        };
        self.write_pin(&own)?;
        self.write_recipient(&own, true)
    }

    /// The last steps of a rotation, once every file is sealed to the new identity:
    /// `key.age` holds it (sealed with `passphrase`), and `key-next.age` is removed.
    pub fn finish_rotation(&self, passphrase: &SecretString) -> Result<(), Error> {
        self.rekey(passphrase)?;
        self.remove_key_file(NEXT_KEY_FILE)
    }

    fn write_key(
        &self,
        identity: &x25519::Identity,
        passphrase: &SecretString,
        replace: bool,
    ) -> Result<(), Error> {
        let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
        recipient.set_work_factor(WORK_FACTOR);
        let text = identity_file_text(identity);
        let sealed = age::encrypt(&recipient, text.as_bytes())
            .map_err(|e| Error::Codec(format!("cannot encrypt the key ({e})")))?;
        let path = self.key_path();
        let written = if replace {
            fsio::write_replacing(&self.root, KEY_FILE, &sealed)
        } else {
            fsio::write_new(&self.root, KEY_FILE, &sealed).map(|_| ())
        };
        written.map_err(|e| self.io_error("save the key", &path, e))
    }

    /// Removes one of the key files (`decrypt`'s last steps, a rotation's end).
    pub fn remove_key_file(&self, name: &str) -> Result<(), Error> {
        let path = self.root.join(name);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(self.io_error("remove", &path, e))
            }
            _ => {}
        }
        if name == KEY_FILE {
            self.remove_pin();
        }
        fsio::sync_dir(&self.root).map_err(|e| self.io_error("flush the folder", &self.root, e))
    }
}
