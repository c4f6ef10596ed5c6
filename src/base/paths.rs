//! Where selfcheck keeps its data and finds its configuration, resolved exactly as the
//! contract says.

use std::env;
use std::path::{Path, PathBuf};

use crate::base::error::Error;

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
    resolve(
        "SELFCHECK_DATA_DIR",
        "XDG_DATA_HOME",
        directories::ProjectDirs::data_dir,
    )
    .map(|(path, origin)| DataDir { path, origin })
    .ok_or_else(|| {
        Error::NoDataDir(match env::var_os("HOME").filter(|h| !h.is_empty()) {
            Some(home) => format!(
                "HOME is {} which is not an absolute path; set HOME to your home folder's full path, or set SELFCHECK_DATA_DIR",
                PathBuf::from(home).display()
            ),
            None => "no home folder was found".to_string(),
        })
    })
}

/// The folder named by `own_var`, else an absolute `$xdg_var/selfcheck` (a relative one is
/// ignored, as the XDG spec says), else the platform's folder; with where it came from.
pub fn resolve(
    own_var: &'static str,
    xdg_var: &'static str,
    platform: fn(&directories::ProjectDirs) -> &Path,
) -> Option<(PathBuf, &'static str)> {
    if let Some(path) = env::var_os(own_var).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(path), own_var));
    }
    if let Some(xdg) = env::var_os(xdg_var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
    {
        return Some((xdg.join("selfcheck"), xdg_var));
    }
    // A relative HOME would put health data wherever the command happens to run.
    if env::var_os("HOME").is_some_and(|h| !PathBuf::from(h).is_absolute()) {
        return None;
    }
    directories::ProjectDirs::from("", "", "selfcheck")
        .map(|dirs| (platform(&dirs).to_path_buf(), "the platform default"))
        .filter(|(path, _)| path.is_absolute())
}

/// A line for `--help` saying which data directory is in use.
pub fn help_line(flag: Option<PathBuf>) -> String {
    match data_dir(flag) {
        Ok(d) => format!("Data directory: {} (from {})", d.path.display(), d.origin),
        Err(e) => format!("Data directory: none found ({e})"),
    }
}
