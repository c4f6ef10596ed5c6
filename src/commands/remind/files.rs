//! The scheduler files `remind on` writes and `remind off` removes: only files that carry
//! the marker, never through a symbolic link, each written whole (temporary name, then
//! rename) so a crash leaves the old file or the new one.

use std::path::{Path, PathBuf};

use crate::base::error::Error;
use crate::base::fsio;
use crate::remind::{is_ours, RemindError};

/// What is at a scheduler file's place now.
pub(super) enum Found {
    /// Nothing.
    Nothing,
    /// A file of ours, with its text.
    Ours(String),
    /// Something selfcheck must leave alone: a link, or a file it did not write.
    Theirs(RemindError),
}

/// Looks at `path`: nothing, a file of ours, or something to leave alone.
pub(super) fn look(path: &Path) -> Result<Found, Error> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Found::Nothing),
        Err(source) => Err(io("read", path, source)),
        Ok(m) if m.file_type().is_symlink() => Ok(Found::Theirs(RemindError::Link(path.into()))),
        Ok(m) if !m.is_file() => Ok(Found::Theirs(RemindError::NotOurs(path.into()))),
        Ok(_) => {
            let bytes = fsio::read_limited(path, 1 << 16).map_err(|e| io("read", path, e))?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Ok(if is_ours(&text) {
                Found::Ours(text)
            } else {
                Found::Theirs(RemindError::NotOurs(path.into()))
            })
        }
    }
}

/// Writes each (path, text), after checking every one of them first: either all are
/// ours to write or none is written. Returns whether anything changed.
pub(super) fn write_all(files: &[(PathBuf, String)]) -> Result<bool, Error> {
    let mut changed = Vec::new();
    for (path, text) in files {
        match look(path)? {
            Found::Ours(old) if old == *text => {}
            Found::Theirs(why) => return Err(refused(why)),
            _ => changed.push((path, text)),
        }
    }
    for (path, text) in &changed {
        let dir = path.parent().unwrap_or(Path::new("."));
        create_dir(dir)?;
        let name = path.file_name().unwrap_or_default();
        fsio::write_replacing(dir, name, text.as_bytes()).map_err(|e| io("write", path, e))?;
    }
    Ok(!changed.is_empty())
}

/// Removes the files of ours among `paths`; returns those removed, and what was left
/// alone (a link, a file selfcheck did not write).
pub(super) fn remove_ours(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<RemindError>), Error> {
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for path in paths {
        match look(path)? {
            Found::Ours(_) => ours.push(path.clone()),
            Found::Theirs(why) => theirs.push(why),
            Found::Nothing => {}
        }
    }
    for path in &ours {
        std::fs::remove_file(path).map_err(|e| io("remove", path, e))?;
    }
    if let Some(dir) = ours.first().and_then(|p| p.parent()) {
        fsio::sync_dir(dir).map_err(|e| io("flush", dir, e))?;
    }
    Ok((ours, theirs))
}

/// Creates a scheduler's folder (and missing parents) as any program would: these folders
/// are the system's, shared with other programs, not selfcheck's private ones.
fn create_dir(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| io("create the folder", dir, e))
}

fn io(action: &str, path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        action: action.to_string(),
        path: path.to_path_buf(),
        source,
    }
}

/// A reminder refusal, said as it is (its words name the next step).
pub(super) fn refused(e: RemindError) -> Error {
    Error::Refused(e.to_string())
}
