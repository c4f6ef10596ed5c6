//! The question sets a person can use: the built-in one, and their own in the config
//! directory (`questions/*.json`), each validated before use.

use std::path::PathBuf;

use crate::base::error::{Error, SetError};
use crate::config::ConfigDir;
use crate::questionnaire::Questionnaire;

/// Where a question set comes from.
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    /// Built into the binary.
    Builtin,
    /// A file in the config directory.
    File(PathBuf),
}

/// One question set found, valid or not.
#[derive(Debug)]
pub(crate) struct Found {
    /// Where it is.
    pub origin: Origin,
    /// The set, or what is wrong with it.
    pub set: Result<Questionnaire, Error>,
    /// Why a valid set cannot be chosen by its id: it takes the built-in set's id, or
    /// another file has the same id.
    pub clash: Option<String>,
}

impl Found {
    /// "built in" or the file's path.
    pub(crate) fn place(&self) -> String {
        match &self.origin {
            Origin::Builtin => "built in".to_string(),
            Origin::File(p) => p.display().to_string(),
        }
    }
}

/// Every question set: the built-in one first, then the config directory's, by file name.
pub(crate) fn all(config: Option<&ConfigDir>) -> Vec<Found> {
    let mut found = vec![Found {
        origin: Origin::Builtin,
        set: Questionnaire::builtin(),
        clash: None,
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
            clash: None,
        });
    }
    mark_clashes(&mut found);
    found
}

/// Marks own sets whose id is the built-in set's, or shared with another file.
fn mark_clashes(found: &mut [Found]) {
    let id_of = |f: &Found| f.set.as_ref().ok().map(|q| q.def.id.clone());
    let places: Vec<(Option<String>, String, bool)> = found
        .iter()
        .map(|f| (id_of(f), f.place(), matches!(f.origin, Origin::Builtin)))
        .collect();
    for (i, f) in found.iter_mut().enumerate() {
        let (Some(id), _, false) = &places[i] else {
            continue;
        };
        let others: Vec<&(Option<String>, String, bool)> = places
            .iter()
            .enumerate()
            .filter(|(j, (other, _, _))| *j != i && other.as_ref() == Some(id))
            .map(|(_, p)| p)
            .collect();
        f.clash = if others.iter().any(|(_, _, builtin)| *builtin) {
            Some(format!(
                "its id \"{id}\" is the built-in set's, so it is never used; give it another id"
            ))
        } else if !others.is_empty() {
            let files: Vec<&str> = others.iter().map(|(_, p, _)| p.as_str()).collect();
            Some(format!(
                "its id \"{id}\" is also the id of {}; `--set {id}` cannot tell them apart: give one of them another id",
                files.join(", ")
            ))
        } else {
            None
        };
    }
}

/// The set with this id: the built-in one for its own id, else the one own set with it; an
/// id two own sets share is an error naming both files.
pub(crate) fn find(config: Option<&ConfigDir>, id: &str) -> Result<Questionnaire, Error> {
    let all = all(config);
    let mut ids = Vec::new();
    let mut matching: Vec<(String, Questionnaire)> = Vec::new();
    for f in all {
        let place = f.place();
        let builtin = matches!(f.origin, Origin::Builtin);
        match f.set {
            Ok(q) if q.def.id == id && builtin => return Ok(q),
            Ok(q) if q.def.id == id => matching.push((place, q)),
            Ok(q) => ids.push(q.def.id.clone()),
            Err(_) => {}
        }
    }
    match matching.len() {
        1 => Ok(matching.remove(0).1),
        0 => Err(SetError::NoSuchSet {
            id: id.to_string(),
            ids: ids.iter().map(|i| i.to_string()).collect(),
        }
        .into()),
        _ => {
            let files = matching.iter().map(|(p, _)| p.to_string()).collect();
            Err(SetError::SameId {
                id: id.to_string(),
                files,
            }
            .into())
        }
    }
}
