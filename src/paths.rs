//! Where selfcheck keeps its data, resolved exactly as the contract says.

use std::env;
use std::path::PathBuf;

use crate::error::Error;

/// The data directory in use and why it was chosen.
#[derive(Debug, Clone)]
pub struct DataDir {
    /// The folder.
    pub path: PathBuf,
    /// Where the choice came from, shown in `--help`.
    pub origin: &'static str,
}

/// `--data-dir`, else `SELFCHECK_DATA_DIR`, else an absolute `$XDG_DATA_HOME/selfcheck`,
/// else the platform's data folder.
pub fn data_dir(flag: Option<PathBuf>) -> Result<DataDir, Error> {
    if let Some(path) = flag {
        return Ok(DataDir {
            path,
            origin: "--data-dir",
        });
    }
    if let Some(path) = env::var_os("SELFCHECK_DATA_DIR").filter(|v| !v.is_empty()) {
        return Ok(DataDir {
            path: PathBuf::from(path),
            origin: "SELFCHECK_DATA_DIR",
        });
    }
    if let Some(xdg) = env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
    {
        return Ok(DataDir {
            path: xdg.join("selfcheck"),
            origin: "XDG_DATA_HOME",
        });
    }
    directories::ProjectDirs::from("", "", "selfcheck")
        .map(|dirs| DataDir {
            path: dirs.data_dir().to_path_buf(),
            origin: "the platform default",
        })
        .ok_or_else(|| Error::NoDataDir("no home folder was found".to_string()))
}

/// A line for `--help` saying which data directory is in use.
pub fn help_line(flag: Option<PathBuf>) -> String {
    match data_dir(flag) {
        Ok(d) => format!("Data directory: {} (from {})", d.path.display(), d.origin),
        Err(e) => format!("Data directory: none found ({e})"),
    }
}
