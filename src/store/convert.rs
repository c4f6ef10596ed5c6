//! `encrypt` and `decrypt` as file moves: each stored file is turned into the other form one
//! at a time, by writing the new form as a new file (atomically and durably) and only then
//! removing the old one. Killed at any moment, a file exists in one form or in both (the
//! same content, read once), never in neither; running the command again finishes the job.

use std::path::{Path, PathBuf};

use super::codec::SEALED_SUFFIX;
use super::listing::is_sealed_file;
use super::{list, FileProblem, Store};
use crate::error::Error;
use crate::fsio;

/// The largest stored file a conversion reads (anything larger is not selfcheck's).
const MAX_STORED_BYTES: u64 = 4 * 1024 * 1024;

/// What a conversion did.
#[derive(Debug, Default)]
pub struct Converted {
    /// Files turned into the other form.
    pub converted: usize,
    /// Files that were already in the wanted form.
    pub already: usize,
    /// Files left as they were, and why.
    pub problems: Vec<FileProblem>,
}

impl Store {
    /// Turns every stored file in `folders` (and the draft, `root_files`, in the data
    /// directory itself) into the sealed form (`to_sealed`) or the plain one. Sealing needs
    /// `recipient.txt`; opening needs the unlocked key. A file that cannot be converted is
    /// named and left as it is; the others go on.
    pub fn convert(
        &self,
        folders: &[&str],
        root_files: &[&str],
        to_sealed: bool,
    ) -> Result<Converted, Error> {
        let mut done = Converted::default();
        // Left by a run killed mid-write (perhaps plain text from `decrypt`): never ours to keep.
        fsio::remove_stale_temps(&self.root);
        for folder in folders {
            let dir = self.root.join(folder);
            fsio::remove_stale_temps(&dir);
            let (listed, _) =
                list(&dir, "", "").map_err(|e| self.io_error("read the folder", &dir, e))?;
            for item in listed {
                self.convert_one(&dir, &item.path, item.twin.as_deref(), to_sealed, &mut done)?;
            }
        }
        for base in root_files {
            let plain = self.root.join(base);
            let sealed = self.root.join(format!("{base}{SEALED_SUFFIX}"));
            let (path, twin) = match (plain.exists(), sealed.exists()) {
                (true, true) => (plain, Some(sealed)),
                (true, false) => (plain, None),
                (false, true) => (sealed, None),
                (false, false) => continue,
            };
            self.convert_one(&self.root, &path, twin.as_deref(), to_sealed, &mut done)?;
        }
        Ok(done)
    }

    /// Stored files still in the form a conversion to `to_sealed` would change.
    pub fn unconverted(&self, folders: &[&str], to_sealed: bool) -> Vec<PathBuf> {
        let mut left = Vec::new();
        for folder in folders {
            let Ok((listed, _)) = list(&self.root.join(folder), "", "") else {
                continue;
            };
            for item in listed {
                let sealed = is_sealed_file(&item.path);
                if item.twin.is_some() || sealed != to_sealed {
                    left.push(item.path);
                }
            }
        }
        left
    }

    fn convert_one(
        &self,
        dir: &Path,
        path: &Path,
        twin: Option<&Path>,
        to_sealed: bool,
        done: &mut Converted,
    ) -> Result<(), Error> {
        let sealed = is_sealed_file(path);
        if let Some(twin) = twin {
            // Both forms: a conversion stopped between its two steps. Keep the wanted one.
            let old = if to_sealed == sealed { twin } else { path };
            return self.remove_converted(dir, old, done);
        }
        if sealed == to_sealed {
            done.already += 1;
            return Ok(());
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let new_name = match name.strip_suffix(SEALED_SUFFIX) {
            Some(plain) => plain.to_string(),
            None => format!("{name}{SEALED_SUFFIX}"),
        };
        let problem = |problem: String| FileProblem {
            path: path.to_path_buf(),
            problem,
        };
        let bytes = match fsio::read_limited(path, MAX_STORED_BYTES) {
            Ok(b) => b,
            Err(e) => {
                done.problems.push(problem(format!("cannot be read ({e})")));
                return Ok(());
            }
        };
        let new_bytes = if to_sealed {
            self.seal_always(&bytes)?
        } else {
            match self.open_sealed(&bytes) {
                Ok(b) => b,
                Err(why) => {
                    done.problems.push(problem(why));
                    return Ok(());
                }
            }
        };
        match fsio::write_new(dir, &new_name, &new_bytes) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(self.io_error("write", &dir.join(&new_name), e)),
        }
        self.remove_converted(dir, path, done)
    }

    fn remove_converted(&self, dir: &Path, old: &Path, done: &mut Converted) -> Result<(), Error> {
        std::fs::remove_file(old).map_err(|e| self.io_error("remove", old, e))?;
        fsio::sync_dir(dir).map_err(|e| self.io_error("flush the folder", dir, e))?;
        done.converted += 1;
        Ok(())
    }
}
