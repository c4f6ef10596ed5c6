//! The copies of question sets beside the check-ins: each written once, under its id,
//! version and digest, so an old check-in keeps the questions it was asked; read back (or
//! the built-in set, when the digest is the same) for each record.

use std::collections::HashMap;
use std::sync::Arc;

use crate::base::error::Error;
use crate::base::fsio;
use crate::questionnaire::{Questionnaire, MAX_FILE_BYTES};
use crate::store::record::QuestionnaireRef;

use super::{codec, Store, QUESTIONNAIRES_DIR};

/// At most this many question sets are kept parsed in a cache of copies.
pub const SETS_HELD: usize = 4;

impl Store {
    pub(super) fn missing_set(&self, qref: &QuestionnaireRef) -> String {
        format!(
            "its question set ({}) is not in {}; skipped",
            qref.file_name(),
            self.root.join(QUESTIONNAIRES_DIR).display()
        )
    }

    /// The question set a record was answered with, if it can be found.
    pub fn questionnaire_copy(&self, qref: &QuestionnaireRef) -> Option<Questionnaire> {
        self.questionnaire_for(qref, &mut HashMap::new())
            .map(|q| (*q).clone())
    }

    /// Writes the copy of the question set a check-in was answered with, once.
    pub(super) fn save_copy(&self, q: &Questionnaire) -> Result<(), Error> {
        let copies = self.root.join(QUESTIONNAIRES_DIR);
        let (name, copy) = self.to_store(&QuestionnaireRef::of(q).file_name(), q.raw.clone())?;
        fsio::write_once(&copies, &name, &copy)
            .map_err(|e| self.io_error("save the question set copy", &copies.join(&name), e))
    }

    /// The question set of `qref` (the stored copy, or the built-in set when the digest is
    /// the same), remembered in `cache` by file name.
    pub fn questionnaire_for(
        &self,
        qref: &QuestionnaireRef,
        cache: &mut HashMap<String, Option<Arc<Questionnaire>>>,
    ) -> Option<Arc<Questionnaire>> {
        // A set may be megabytes: the cache holds a few, not every set a long history used
        // (check-ins come in date order, so one set's check-ins mostly come together).
        if cache.len() >= SETS_HELD && !cache.contains_key(&qref.file_name()) {
            cache.clear();
        }
        cache
            .entry(qref.file_name())
            .or_insert_with(|| {
                let path = self.root.join(QUESTIONNAIRES_DIR).join(qref.file_name());
                let sealed = self.root.join(QUESTIONNAIRES_DIR).join(format!(
                    "{}{}",
                    qref.file_name(),
                    codec::SEALED_SUFFIX
                ));
                let from_copy = self
                    .read_stored(&sealed, MAX_FILE_BYTES)
                    .or_else(|_| self.read_stored(&path, MAX_FILE_BYTES))
                    .ok()
                    .and_then(|b| Questionnaire::parse(&b, &path.display().to_string()).ok());
                // The copy may be gone; the built-in set is the same when the digest is.
                let q = from_copy.or_else(|| {
                    Questionnaire::builtin()
                        .ok()
                        .filter(|b| b.digest == qref.digest)
                });
                q.map(Arc::new)
            })
            .clone()
    }
}
