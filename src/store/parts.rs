//! A long history read a part at a time: the check-in files of a folder cut into parts, each
//! with the few files before it that rules look back at, so that a command over 25,000
//! check-ins holds a part's records at a time, not all of them.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::base::error::Error;

use super::{FileProblem, Loaded, Store, StoredCheckin};

/// One part: the files to read (its own, after `lookback` before them) and which are its own.
pub struct Part {
    /// Every file to read, oldest first.
    pub paths: Vec<PathBuf>,
    /// The part's own files (the others are only looked back at).
    pub own: HashSet<PathBuf>,
}

impl Part {
    /// Where the part's own check-ins begin in `loaded` (read from [`Part::paths`], sorted).
    pub fn first_own(&self, loaded: &Loaded) -> usize {
        first_own(&self.own, &loaded.checkins)
    }
}

fn first_own(own: &HashSet<PathBuf>, checkins: &[StoredCheckin]) -> usize {
    checkins
        .iter()
        .position(|c| own.contains(&c.path))
        .unwrap_or(checkins.len())
}

impl Store {
    /// The files of `folder` in parts of `size`, oldest first, each with the `lookback`
    /// files before it; one part of everything when a file's name carries no date (it can
    /// only be placed once read). Also the files of the folder that are not check-ins.
    pub fn parts(
        &self,
        folder: &str,
        size: usize,
        lookback: usize,
    ) -> Result<(Vec<Part>, Vec<FileProblem>), Error> {
        let (entries, problems) = self.entries(folder)?;
        let whole = entries.iter().any(|e| e.date.is_none()) || entries.len() <= size;
        let paths: Vec<PathBuf> = entries.into_iter().map(|e| e.path).collect();
        if whole {
            let own = paths.iter().cloned().collect();
            return Ok((vec![Part { paths, own }], problems));
        }
        let parts = (0..paths.len())
            .step_by(size)
            .map(|start| {
                let end = (start + size).min(paths.len());
                Part {
                    paths: paths[start.saturating_sub(lookback)..end].to_vec(),
                    own: paths[start..end].iter().cloned().collect(),
                }
            })
            .collect();
        Ok((parts, problems))
    }
}
