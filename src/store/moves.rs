//! Changing existing files: the busy lock (flock, refused at once when held), moving a
//! check-in between `checkins` and `trash` without ever replacing a file, and removing one
//! for good. Saving a new check-in needs none of this.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::base::error::{Error, StoreError};
use crate::base::fsio;

use super::{Store, LOCK_FILE};

/// Held while files are moved or deleted; released when dropped.
#[derive(Debug)]
pub struct Lock {
    _file: fs::File,
}

impl Store {
    /// Like [`Store::lock`], creating the data directory first (for an import into a new one).
    pub fn lock_creating(&self) -> Result<Lock, Error> {
        if !self.root.exists() {
            fsio::ensure_private_dir(&self.root)
                .map_err(|e| self.io_error("create the folder", &self.root, e))?;
        }
        self.lock()
    }

    /// Takes the busy lock for an operation that moves or deletes existing files. Saving a
    /// new check-in never takes it. A second holder is refused at once.
    pub fn lock(&self) -> Result<Lock, Error> {
        let path = self.root.join(LOCK_FILE);
        let file = self.open_lock_file(LOCK_FILE)?;
        // Released when `file` is closed.
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Busy),
            Err(std::fs::TryLockError::Error(err)) => Err(self.io_error("lock", &path, err)),
        }
    }

    /// Opens (creating it) one of the data directory's lock files, never through a link: a
    /// planted symlink must not create or lock a file outside the data directory.
    pub(super) fn open_lock_file(&self, name: &str) -> Result<fs::File, Error> {
        use std::os::unix::fs::OpenOptionsExt;
        let path = self.root.join(name);
        fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(fsio::FILE_MODE)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
            .map_err(|e| {
                if e.raw_os_error() == Some(libc::ELOOP) {
                    StoreError::LockIsLink(path.clone()).into()
                } else {
                    self.io_error("open the lock file", &path, e)
                }
            })
    }

    /// Moves a check-in file between `checkins` and `trash`, never replacing a file there.
    /// The caller holds the lock, so the check for a free name cannot race another move.
    pub fn move_between(&self, path: &Path, to_folder: &str) -> Result<PathBuf, Error> {
        let to_dir = self.root.join(to_folder);
        fsio::ensure_private_dir(&to_dir)
            .map_err(|e| self.io_error("create the folder", &to_dir, e))?;
        let target = to_dir.join(path.file_name().unwrap_or_default());
        if target.exists() {
            return Err(StoreError::MoveWouldReplace(target).into());
        }
        self.remove_twin(path)?;
        fsio::move_file(path, &target).map_err(|e| self.io_error("move", path, e))?;
        Ok(target)
    }

    /// Removes a file for good (only `history purge` does this, after confirmation).
    pub fn remove_for_good(&self, path: &Path) -> Result<(), Error> {
        self.remove_twin(path)?;
        fs::remove_file(path).map_err(|e| self.io_error("remove", path, e))?;
        if let Some(dir) = path.parent() {
            fsio::sync_dir(dir).map_err(|e| self.io_error("flush the folder", dir, e))?;
        }
        Ok(())
    }

    /// Removes the other form of a stored file (`X.json` beside `X.json.age`), left by an
    /// interrupted `encrypt` or `decrypt`: the same content, so the file moves as one.
    fn remove_twin(&self, path: &Path) -> Result<(), Error> {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let twin = match name.strip_suffix(super::codec::SEALED_SUFFIX) {
            Some(plain) => path.with_file_name(plain),
            None => path.with_file_name(format!("{name}{}", super::codec::SEALED_SUFFIX)),
        };
        match fs::remove_file(&twin) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(self.io_error("remove", &twin, e)),
            _ => Ok(()),
        }
    }
}
