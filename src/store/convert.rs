//! `encrypt` and `decrypt` as file moves: each stored file is turned into the other form one
//! at a time, by writing the new form as a new file (atomically and durably) and only then
//! removing the old one. Killed at any moment, a file exists in one form or in both (the
//! same content, read once), never in neither; running the command again finishes the job.

use super::Unreadable;
use std::path::{Path, PathBuf};

use super::codec::SEALED_SUFFIX;
use super::listing::is_sealed_file;
use super::{list, FileProblem, Store};
use crate::base::error::Error;
use crate::base::fsio;

/// The largest stored file a conversion reads: the largest plain file the store accepts (a
/// question set's copy), sealed. Anything the store accepts plain can be sealed and opened.
const MAX_STORED_BYTES: u64 = super::codec::sealed_max(crate::questionnaire::MAX_FILE_BYTES);

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
        // Left by a run killed mid-write (perhaps plain text from `decrypt`): never ours to
        // keep. With the form lock held no save of this computer is writing, so whatever
        // their age.
        let now = std::time::Duration::ZERO;
        fsio::remove_stale_temps(&self.root, now);
        for folder in folders {
            let dir = self.root.join(folder);
            fsio::remove_stale_temps(&dir, now);
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

    /// Every stored file in `folders` and `root_files`, as (folder, file, its twin).
    fn stored_files(
        &self,
        folders: &[&str],
        root_files: &[&str],
    ) -> Vec<(PathBuf, PathBuf, Option<PathBuf>)> {
        let mut out = Vec::new();
        for folder in folders {
            let dir = self.root.join(folder);
            if let Ok((listed, _)) = list(&dir, "", "") {
                out.extend(listed.into_iter().map(|i| (dir.clone(), i.path, i.twin)));
            }
        }
        for base in root_files {
            if let Some(path) = self.find_stored(&self.root, base) {
                out.push((self.root.clone(), path, None));
            }
        }
        out
    }

    /// The sealed files that the unlocked key cannot open (or that cannot be read), each
    /// with why: `decrypt` changes nothing while there is one.
    pub fn unopenable(&self, folders: &[&str], root_files: &[&str]) -> Vec<FileProblem> {
        let mut out = Vec::new();
        for (_, path, twin) in self.stored_files(folders, root_files) {
            for path in std::iter::once(path).chain(twin) {
                if !is_sealed_file(&path) {
                    continue;
                }
                let opened = fsio::read_limited(&path, MAX_STORED_BYTES)
                    .map_err(|e| Unreadable::Io(e.to_string()))
                    .and_then(|b| self.open_sealed(&b));
                if let Err(problem) = opened {
                    out.push(FileProblem {
                        path,
                        problem: problem.to_string(),
                    });
                }
            }
        }
        out
    }

    /// Seals again to the unlocked key's own half every sealed file that does not open with
    /// it (the heart of `passphrase --rotate`; the caller holds the form lock). Each file is
    /// replaced atomically, so a kill leaves it in the old key or the new, both of which the
    /// rotation's key files open until it finishes.
    pub fn reseal(&self, folders: &[&str], root_files: &[&str]) -> Result<Converted, Error> {
        let mut done = Converted::default();
        for (dir, path, _) in self.stored_files(folders, root_files) {
            if !is_sealed_file(&path) {
                continue;
            }
            let bytes = match fsio::read_limited(&path, MAX_STORED_BYTES) {
                Ok(b) => b,
                Err(e) => {
                    done.problems.push(FileProblem {
                        path,
                        problem: format!("cannot be read ({e})"),
                    });
                    continue;
                }
            };
            if self.opens_with_primary(&bytes) {
                done.already += 1;
                continue;
            }
            let plain = match self.open_sealed(&bytes) {
                Ok(p) => p,
                Err(problem) => {
                    done.problems.push(FileProblem {
                        path,
                        problem: problem.to_string(),
                    });
                    continue;
                }
            };
            let sealed = self.seal_always(&plain)?;
            let name = path.file_name().unwrap_or_default();
            fsio::write_replacing(&dir, name, &sealed)
                .map_err(|e| self.io_error("write", &path, e))?;
            done.converted += 1;
        }
        Ok(done)
    }

    /// Files in the data folder that selfcheck did not make, with what each is: sync
    /// tools' copies and anything else in its folders or beside them.
    pub fn foreign_files(&self, folders: &[&str]) -> Vec<(PathBuf, String)> {
        let mut out = Vec::new();
        for folder in folders {
            if let Ok((_, problems)) = list(&self.root.join(folder), "", "a stored file") {
                out.extend(problems.into_iter().map(|p| (p.path, p.problem)));
            }
        }
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return out;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = super::OWN_ROOT_FILES.contains(&name.as_str())
                || folders.contains(&name.as_str())
                || super::codec::stem_of(&name).is_some_and(|(s, _)| s == "draft")
                || (name.starts_with('.')
                    && name.ends_with(fsio::TEMP_SUFFIX)
                    && !name.starts_with(".syncthing."));
            if ours || entry.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            let what = super::sync::sync_file(&name).unwrap_or("a file selfcheck does not know");
            out.push((entry.path(), what.to_string()));
        }
        out.sort();
        out
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
                done.problems
                    .push(problem(Unreadable::Io(e.to_string()).to_string()));
                return Ok(());
            }
        };
        let new_bytes = if to_sealed {
            self.seal_always(&bytes)?
        } else {
            match self.open_sealed(&bytes) {
                Ok(b) => b,
                Err(why) => {
                    done.problems.push(problem(why.to_string()));
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
