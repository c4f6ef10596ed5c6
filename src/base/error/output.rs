//! Refusals of `--out FILE`.

use std::path::PathBuf;

use thiserror::Error;

/// What `--out` refuses.
#[derive(Debug, Error)]
pub enum OutputError {
    /// A folder, or a path ending in one.
    #[error("--out {}: give a file name, not a folder", .0.display())]
    NotAFileName(PathBuf),
    /// A file of that name is there and `--force` was not given.
    #[error("{} already exists (a file); nothing was written. Add --force to replace it, or choose another name.", .0.display())]
    Exists(PathBuf),
    /// Something other than a regular file is there (a device, a pipe, a link).
    #[error("--out {} is {what}. Nothing was written.", path.display())]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is, and what to do.
        what: String,
    },
}
