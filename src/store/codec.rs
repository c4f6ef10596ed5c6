//! The byte layer between a serialised record and the file that holds it: plain JSON, or
//! the same JSON encrypted in the age format (age-encryption.org/v1), so that a stolen
//! laptop, a backup or a synced copy shows dates and sizes but never contents, and so that
//! the person can open every file with the standard `age` tool if selfcheck is ever gone.
//!
//! - `recipient.txt` holds the public half of an age X25519 identity. Its presence is what
//!   makes the store encrypted: every file written from then on is `NAME.json.age`, sealed
//!   to it, so saving never needs the passphrase.
//! - `key.age` holds the identity itself, encrypted with the passphrase (age's scrypt
//!   recipient). Reading unlocks it once per command.
//! - Each file is read by its own name: `*.json.age` is opened with the identity, `*.json`
//!   as it is. A store half-way through `encrypt` or `decrypt` therefore reads whole, and a
//!   file present in both forms (a conversion killed between its two steps) counts once.

use std::io::{self, BufRead, Read, Write};
use std::path::Path;
use std::sync::OnceLock;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;

use crate::error::Error;
use crate::fsio;

use super::Store;

/// The passphrase-encrypted identity, in the data directory.
pub const KEY_FILE: &str = "key.age";
/// The public recipient every new file is encrypted to, in the data directory.
pub const RECIPIENT_FILE: &str = "recipient.txt";
/// What an encrypted file's name ends with, after `.json`.
pub const SEALED_SUFFIX: &str = ".age";
/// scrypt's work factor for `key.age` (2^17: about 0.4 s and 128 MiB here;
/// each guess at a passphrase costs an attacker the same).
pub const WORK_FACTOR: u8 = 17;
/// Why an encrypted file was not read: the command had no passphrase.
pub const LOCKED: &str = "it is encrypted and the passphrase was not given";
/// A key or recipient file larger than this is not one of selfcheck's.
const MAX_KEY_BYTES: u64 = 64 * 1024;

/// The store's identity, once unlocked for this command. The recipient is read afresh at
/// every save, so a long check-in never writes to a key that `decrypt` has since retired.
#[derive(Default)]
pub struct Keys {
    identity: OnceLock<x25519::Identity>,
}

/// The stem of a stored file name (`X.json` or `X.json.age` → `X`), and whether it is sealed.
pub fn stem_of(name: &str) -> Option<(&str, bool)> {
    if name.starts_with('.') {
        return None;
    }
    match name.strip_suffix(SEALED_SUFFIX) {
        Some(inner) => inner.strip_suffix(".json").map(|s| (s, true)),
        None => name.strip_suffix(".json").map(|s| (s, false)),
    }
}

/// The most bytes a sealed file of at most `max` plain bytes can take.
pub fn sealed_max(max: u64) -> u64 {
    // age: a header of a few hundred bytes, then 16 bytes per 64 KiB chunk.
    max + 1024 + (max / 65_536 + 1) * 16
}

/// A passphrase from the first line of a file's bytes (without its line ending).
pub fn first_line(bytes: &[u8]) -> Result<SecretString, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())?;
    let line = text.split('\n').next().unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.is_empty() {
        return Err("its first line is empty".to_string());
    }
    Ok(SecretString::from(line.to_string()))
}

/// Encrypts `plain` to `recipient`.
fn seal_to(recipient: &x25519::Recipient, plain: &[u8]) -> Result<Vec<u8>, Error> {
    age::encrypt(recipient, plain).map_err(|e| Error::Codec(format!("cannot encrypt ({e})")))
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
    fn key_path(&self) -> std::path::PathBuf {
        self.root.join(KEY_FILE)
    }

    /// The file `dir/base` (`X.json`) as stored: sealed or plain, whichever exists.
    pub fn find_stored(&self, dir: &Path, base: &str) -> Option<std::path::PathBuf> {
        [format!("{base}{SEALED_SUFFIX}"), base.to_string()]
            .map(|n| dir.join(n))
            .into_iter()
            .find(|p| p.symlink_metadata().is_ok())
    }

    /// Whether the store is (or is becoming) encrypted: `recipient.txt` or `key.age` exists.
    pub fn is_sealed(&self) -> bool {
        self.root.join(RECIPIENT_FILE).symlink_metadata().is_ok()
            || self.key_path().symlink_metadata().is_ok()
    }

    /// Whether the identity is unlocked for this command.
    pub fn is_unlocked(&self) -> bool {
        self.keys.identity.get().is_some()
    }

    /// The recipient new files are sealed to, or `None` for a plain store.
    pub fn recipient(&self) -> Result<Option<x25519::Recipient>, Error> {
        let path = self.root.join(RECIPIENT_FILE);
        let read = match fsio::read_limited(&path, MAX_KEY_BYTES) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let line = text.lines().map(str::trim).find(|l| l.starts_with("age1"));
                match line.and_then(|l| l.parse::<x25519::Recipient>().ok()) {
                    Some(r) => Some(r),
                    None => return Err(Error::Refused(format!(
                        "{} does not hold an age recipient (age1…); nothing was saved. Run `selfcheck doctor` to see what is wrong.",
                        path.display()
                    ))),
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(self.io_error("read", &path, e)),
        };
        Ok(read)
    }

    /// The name and bytes to store `plain` under `base` (`X.json`): `X.json.age`, sealed to
    /// the recipient, in an encrypted store (both decided by one reading of the recipient).
    pub fn to_store(&self, base: &str, plain: Vec<u8>) -> Result<(String, Vec<u8>), Error> {
        Ok(match self.recipient()? {
            Some(r) => (format!("{base}{SEALED_SUFFIX}"), seal_to(&r, &plain)?),
            None => (base.to_string(), plain),
        })
    }

    /// Seals `plain` to the recipient; an error when the store is not encrypted.
    pub fn seal_always(&self, plain: &[u8]) -> Result<Vec<u8>, Error> {
        match self.recipient()? {
            Some(r) => seal_to(&r, plain),
            None => Err(Error::Refused(
                "your data is not encrypted, so there is no key to encrypt to; run `selfcheck encrypt` first, or leave out .age".to_string(),
            )),
        }
    }

    /// Decrypts age bytes with the unlocked identity.
    pub fn open_sealed(&self, stored: &[u8]) -> Result<Vec<u8>, String> {
        let Some(identity) = self.keys.identity.get() else {
            return Err(LOCKED.to_string());
        };
        age::decrypt(identity, stored)
            .map_err(|e| format!("it cannot be decrypted with your key ({e})"))
    }

    /// Reads a stored file of at most `max` plain bytes and returns its plain bytes.
    pub fn read_stored(&self, path: &Path, max: u64) -> Result<Vec<u8>, String> {
        let bytes = fsio::read_limited(path, sealed_max(max))
            .map_err(|e| format!("cannot be read ({e})"))?;
        // Opened by its name's ending: `*.json.age` with the key, `*.json` as it is.
        let plain = if super::listing::is_sealed_file(path) {
            self.open_sealed(&bytes)?
        } else {
            bytes
        };
        if plain.len() as u64 > max {
            return Err(format!("it is larger than {max} bytes"));
        }
        Ok(plain)
    }

    /// Unlocks `key.age` with `passphrase` for the rest of this command. A wrong passphrase,
    /// a missing or damaged key: an error that changes nothing.
    pub fn unlock(&self, passphrase: &SecretString) -> Result<(), Error> {
        let identity = self.open_key(passphrase)?;
        let _ = self.keys.identity.set(identity);
        Ok(())
    }

    /// A problem when `recipient.txt` is not the public half of the unlocked key: files
    /// saved from now on could not be opened with it.
    pub fn recipient_problem(&self) -> Option<String> {
        let identity = self.keys.identity.get()?;
        let recipient = self.recipient().ok().flatten()?;
        (recipient.to_string() != identity.to_public().to_string()).then(|| format!(
            "is not the public half of {}: check-ins saved from now on could not be opened with your key. Put back the right recipient.txt, or run `selfcheck decrypt` then `selfcheck encrypt`",
            self.key_path().display()
        ))
    }

    /// The identity in `key.age`, decrypted with `passphrase`.
    pub fn open_key(&self, passphrase: &SecretString) -> Result<x25519::Identity, Error> {
        let path = self.key_path();
        let bytes = match fsio::read_limited(&path, MAX_KEY_BYTES) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Refused(format!(
                    "{} is missing, so your encrypted files cannot be opened; nothing was changed. If you have a copy of key.age (a backup), put it back there.",
                    path.display()
                )))
            }
            Err(e) => return Err(self.io_error("read", &path, e)),
        };
        let mut scrypt = age::scrypt::Identity::new(passphrase.clone());
        scrypt.set_max_work_factor(WORK_FACTOR + 1);
        let text = match age::decrypt(&scrypt, &bytes) {
            Ok(t) => t,
            Err(age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys) => {
                return Err(Error::WrongPassphrase)
            }
            Err(e) => {
                return Err(Error::Refused(format!(
                    "{} cannot be read as selfcheck's key ({e}); nothing was changed. Run `selfcheck doctor`.",
                    path.display()
                )))
            }
        };
        parse_identity(&String::from_utf8_lossy(&text)).ok_or_else(|| {
            Error::Refused(format!(
                "{} opens, but holds no age identity; nothing was changed. Run `selfcheck doctor`.",
                path.display()
            ))
        })
    }

    /// Writes a new identity's `key.age` (sealed with `passphrase`) and then `recipient.txt`,
    /// each atomically: a store never has a recipient without the key that opens its files.
    pub fn create_keys(&self, passphrase: &SecretString) -> Result<(), Error> {
        let identity = x25519::Identity::generate();
        self.write_key(&identity, passphrase, false)?;
        let recipient = format!("{}\n", identity.to_public());
        fsio::write_new(&self.root, RECIPIENT_FILE, recipient.as_bytes())
            .map_err(|e| self.io_error("save the recipient", &self.root.join(RECIPIENT_FILE), e))?;
        let _ = self.keys.identity.set(identity);
        Ok(())
    }

    /// Writes `recipient.txt` for the unlocked identity (after a run killed between the two).
    pub fn restore_recipient(&self) -> Result<(), Error> {
        let Some(identity) = self.keys.identity.get() else {
            return Ok(());
        };
        let recipient = format!("{}\n", identity.to_public());
        match fsio::write_new(&self.root, RECIPIENT_FILE, recipient.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                Err(self.io_error("save the recipient", &self.root.join(RECIPIENT_FILE), e))
            }
            _ => Ok(()),
        }
    }

    /// Seals the unlocked identity with a new passphrase, replacing `key.age` atomically.
    pub fn rekey(&self, passphrase: &SecretString) -> Result<(), Error> {
        let Some(identity) = self.keys.identity.get() else {
            return Err(Error::Refused("the key is not unlocked".to_string()));
        };
        self.write_key(identity, passphrase, true)
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

    /// Removes `recipient.txt` (the first step of `decrypt`: new files are plain again).
    pub fn remove_key_file(&self, name: &str) -> Result<(), Error> {
        let path = self.root.join(name);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(self.io_error("remove", &path, e))
            }
            _ => {}
        }
        fsio::sync_dir(&self.root).map_err(|e| self.io_error("flush the folder", &self.root, e))
    }
}

/// Whether `bytes` start like an age file.
pub fn looks_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(b"age-encryption.org/v1\n")
}

/// Writes what `fill` writes to `out` as one age file sealed to `recipient` (an encrypted
/// export), a chunk at a time.
pub fn seal_stream(
    recipient: &x25519::Recipient,
    out: &mut dyn Write,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
            .map_err(io::Error::other)?;
    let mut sealed = encryptor.wrap_output(out)?;
    fill(&mut sealed)?;
    sealed.finish()?;
    Ok(())
}

impl Store {
    /// `input` as plain bytes: opened with the unlocked key when it is an age file (an
    /// encrypted export), as it is otherwise.
    pub fn open_reader<'a>(&self, input: impl Read + 'a) -> Result<Box<dyn Read + 'a>, String> {
        let mut input = io::BufReader::new(input);
        let head = input.fill_buf().map_err(|e| e.to_string())?;
        if !looks_sealed(head) {
            return Ok(Box::new(input));
        }
        let Some(identity) = self.keys.identity.get() else {
            return Err(format!(
                "it is encrypted. Import it into the data it came from, or first put that data's key.age into {} and run `selfcheck encrypt` (it asks for that passphrase)",
                self.root.display()
            ));
        };
        let decryptor = age::Decryptor::new_buffered(input).map_err(|e| e.to_string())?;
        let reader = decryptor
            .decrypt(std::iter::once(identity as &dyn age::Identity))
            .map_err(|e| format!("it cannot be decrypted with your key ({e})"))?;
        Ok(Box::new(reader))
    }
}
