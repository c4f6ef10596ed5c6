//! The question sets a person can use: the built-in one, and their own in the config
//! directory (`questions/*.json`), each validated before use.
//!
//! Layer: question set. It may use: error, fsio, dates, text, paths, cli, output; and
//! questionnaire, config, crisis beside it.

use std::path::PathBuf;

use crate::config::ConfigDir;
use crate::error::Error;
use crate::questionnaire::Questionnaire;

/// Where a question set comes from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Built into the binary.
    Builtin,
    /// A file in the config directory.
    File(PathBuf),
}

/// One question set found, valid or not.
#[derive(Debug)]
pub struct Found {
    /// Where it is.
    pub origin: Origin,
    /// The set, or what is wrong with it.
    pub set: Result<Questionnaire, Error>,
}

impl Found {
    /// "built in" or the file's path.
    pub fn place(&self) -> String {
        match &self.origin {
            Origin::Builtin => "built in".to_string(),
            Origin::File(p) => p.display().to_string(),
        }
    }
}

/// Every question set: the built-in one first, then the config directory's, by file name.
pub fn all(config: Option<&ConfigDir>) -> Vec<Found> {
    let mut found = vec![Found {
        origin: Origin::Builtin,
        set: Questionnaire::builtin(),
    }];
    let Some(dir) = config.map(ConfigDir::questions) else {
        return found;
    };
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    for path in files {
        let set = Questionnaire::load(&path);
        found.push(Found {
            origin: Origin::File(path),
            set,
        });
    }
    found
}

/// The set with this id (own sets may not take the built-in id).
pub fn find(config: Option<&ConfigDir>, id: &str) -> Result<Questionnaire, Error> {
    let all = all(config);
    let mut ids = Vec::new();
    for f in all {
        match f.set {
            Ok(q) if q.def.id == id => return Ok(q),
            Ok(q) => ids.push(q.def.id.clone()),
            Err(_) => {}
        }
    }
    Err(Error::Refused(format!(
        "there is no valid question set \"{id}\"; the sets are: {} (see `selfcheck questions list`)",
        ids.join(", ")
    )))
}
