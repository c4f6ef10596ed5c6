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

/// Parts of at most `size` files, the oldest first: the sizes for [`Store::parts`].
pub(crate) fn even(size: usize) -> impl FnOnce(usize) -> Vec<usize> {
    move |n| {
        let size = size.max(1);
        (0..n)
            .step_by(size)
            .map(|start| size.min(n - start))
            .collect()
    }
}

impl Store {
    /// The files of `folder` in parts, oldest first, each with the `lookback` files before
    /// it; `sizes` cuts the number of files into the parts' sizes, oldest first (see
    /// [`even`]). One part of everything when a file's name carries no date (it can only be
    /// placed once read). Also the files of the folder that are not check-ins.
    pub fn parts(
        &self,
        folder: &str,
        sizes: impl FnOnce(usize) -> Vec<usize>,
        lookback: usize,
    ) -> Result<(Vec<Part>, Vec<FileProblem>), Error> {
        let (entries, problems) = self.entries(folder)?;
        let whole = entries.iter().any(|e| e.date.is_none());
        let sizes = if whole {
            vec![entries.len()]
        } else {
            sizes(entries.len())
        };
        // A part starts on a new day: check-ins are ordered by day first, so then the files
        // looked back at come before all of a part's own once read (within a day, the time
        // in a name and the moment recorded may disagree, and the part would hold one twice).
        let mut starts = Vec::with_capacity(sizes.len());
        let mut start = 0;
        for size in sizes {
            let mut end = (start + size).min(entries.len());
            while end > start && end < entries.len() && entries[end].date == entries[end - 1].date {
                end += 1;
            }
            if end > start {
                starts.push(start..end);
            }
            start = end;
        }
        // Sizes that fall short of the files: the rest is one more part.
        if start < entries.len() || starts.is_empty() {
            starts.push(start..entries.len());
        }
        let paths: Vec<PathBuf> = entries.into_iter().map(|e| e.path).collect();
        let parts = starts
            .into_iter()
            .map(|own| Part {
                paths: paths[own.start.saturating_sub(lookback)..own.end].to_vec(),
                own: paths[own].iter().cloned().collect(),
            })
            .collect();
        Ok((parts, problems))
    }
}
