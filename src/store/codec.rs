//! The byte layer between a serialised record and the file that holds it: plain JSON, or
//! the same JSON encrypted in the age format (age-encryption.org/v1), so that a stolen
//! laptop, a backup or a synced copy shows dates and sizes but never contents, and so that
//! the person can open every file with the standard `age` tool if selfcheck is ever gone.
//!
//! - `recipient.txt` holds the public half of an age X25519 identity. Its presence is what
//!   makes the store encrypted: every file written from then on is `NAME.json.age`, sealed
//!   to the store's key (which key, exactly, is `keyfiles.rs`'s), so saving never needs the
//!   passphrase.
//! - `key.age` holds the identity itself, encrypted with the passphrase (age's scrypt
//!   recipient). Reading unlocks it once per command.
//! - Each file is read by its own name: `*.json.age` is opened with the identity, `*.json`
//!   as it is. A store half-way through `encrypt` or `decrypt` therefore reads whole, and a
//!   file present in both forms (a conversion killed between its two steps) counts once.

use std::io::{self, BufRead, Read, Write};
use std::path::Path;

use age::secrecy::SecretString;
use age::x25519;

use crate::base::error::{Error, StoreError};
use crate::base::fsio;

use super::{Store, Unreadable};

/// What an encrypted file's name ends with, after `.json`.
pub(crate) const SEALED_SUFFIX: &str = ".age";
/// The stem of a stored file name (`X.json` or `X.json.age` → `X`), and whether it is sealed.
pub(crate) fn stem_of(name: &str) -> Option<(&str, bool)> {
    if name.starts_with('.') {
        return None;
    }
    match name.strip_suffix(SEALED_SUFFIX) {
        Some(inner) => inner.strip_suffix(".json").map(|s| (s, true)),
        None => name.strip_suffix(".json").map(|s| (s, false)),
    }
}

/// The most bytes a sealed file of at most `max` plain bytes can take.
pub(crate) const fn sealed_max(max: u64) -> u64 {
    // age: a header of a few hundred bytes, then 16 bytes per 64 KiB chunk.
    max + 1024 + (max / 65_536 + 1) * 16
}

/// Why a passphrase file gives no passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum PassphraseLine {
    /// Not text.
    #[error("it is not UTF-8 text")]
    NotUtf8,
    /// Nothing on the first line.
    #[error("its first line is empty")]
    Empty,
}

/// A passphrase from the first line of a file's bytes (without its line ending).
pub(crate) fn first_line(bytes: &[u8]) -> Result<SecretString, PassphraseLine> {
    let text = std::str::from_utf8(bytes).map_err(|_| PassphraseLine::NotUtf8)?;
    // A byte-order mark (some editors write one) is not part of the passphrase.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let line = text.split('\n').next().unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.is_empty() {
        return Err(PassphraseLine::Empty);
    }
    Ok(SecretString::from(line.to_string()))
}

/// Decrypts age bytes with any of `identities`.
fn open_with(
    identities: &[&x25519::Identity],
    stored: &[u8],
) -> Result<Vec<u8>, age::DecryptError> {
    let decryptor = age::Decryptor::new_buffered(stored)?;
    let mut reader = decryptor.decrypt(identities.iter().map(|i| *i as &dyn age::Identity))?;
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain)?;
    Ok(plain)
}

/// Encrypts `plain` to `recipient`.
fn seal_to(recipient: &x25519::Recipient, plain: &[u8]) -> Result<Vec<u8>, Error> {
    age::encrypt(recipient, plain).map_err(|e| Error::Codec(format!("cannot encrypt ({e})")))
}

impl Store {
    /// The file `dir/base` (`X.json`) as stored: sealed or plain, whichever exists.
    pub fn find_stored(&self, dir: &Path, base: &str) -> Option<std::path::PathBuf> {
        [format!("{base}{SEALED_SUFFIX}"), base.to_string()]
            .map(|n| dir.join(n))
            .into_iter()
            .find(|p| p.symlink_metadata().is_ok())
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
            None => Err(StoreError::NotEncrypted.into()),
        }
    }

    /// Decrypts age bytes with the unlocked identity.
    pub fn open_sealed(&self, stored: &[u8]) -> Result<Vec<u8>, Unreadable> {
        let Some(keys) = self.unlocked() else {
            return Err(Unreadable::Locked);
        };
        open_with(&keys.all(), stored).map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => Unreadable::NotYours,
            e => Unreadable::Undecryptable(e.to_string()),
        })
    }

    /// Whether `stored` opens with the key new files are sealed to (a rotation's test).
    pub fn opens_with_primary(&self, stored: &[u8]) -> bool {
        self.unlocked()
            .is_some_and(|k| open_with(&[k.primary()], stored).is_ok())
    }

    /// Reads a stored file of at most `max` plain bytes and returns its plain bytes.
    pub fn read_stored(&self, path: &Path, max: u64) -> Result<Vec<u8>, Unreadable> {
        let bytes =
            fsio::read_limited(path, sealed_max(max)).map_err(|e| Unreadable::Io(e.to_string()))?;
        // Opened by its name's ending: `*.json.age` with the key, `*.json` as it is.
        let plain = if super::listing::is_sealed_file(path) {
            self.open_sealed(&bytes)?
        } else {
            bytes
        };
        if plain.len() as u64 > max {
            return Err(Unreadable::TooLarge(max));
        }
        Ok(plain)
    }
}

/// Whether `bytes` start like an age file.
pub(crate) fn looks_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(b"age-encryption.org/v1\n")
}

/// Writes what `fill` writes to `out` as one age file sealed to `recipient` (an encrypted
/// export), a chunk at a time.
pub(crate) fn seal_stream(
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
    pub fn open_reader<'a>(&self, input: impl Read + 'a) -> Result<Box<dyn Read + 'a>, Unreadable> {
        let mut input = io::BufReader::new(input);
        let head = input
            .fill_buf()
            .map_err(|e| Unreadable::Stream(e.to_string()))?;
        if !looks_sealed(head) {
            return Ok(Box::new(input));
        }
        let Some(keys) = self.unlocked() else {
            return Err(Unreadable::SealedElsewhere(self.root.clone()));
        };
        let decryptor =
            age::Decryptor::new_buffered(input).map_err(|e| Unreadable::Stream(e.to_string()))?;
        let reader = decryptor
            .decrypt(keys.all().into_iter().map(|i| i as &dyn age::Identity))
            .map_err(|e| Unreadable::Undecryptable(e.to_string()))?;
        Ok(Box::new(reader))
    }
}
