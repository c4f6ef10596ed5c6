//! The question sets an export carries: each checked against the digest in its name, and
//! kept out of memory (a spool) unless the same set is stored here or built in; a few are
//! held parsed at a time, so an export carrying many large sets is imported in the memory
//! of a few.

use std::sync::Arc;

use crate::base::error::Error;
use crate::base::fsio;
use crate::questionnaire::Questionnaire;
use crate::store::record::QuestionnaireRef;
use crate::store::spool::{Piece, Spool};
use crate::store::SETS_HELD;

use super::Import;

/// A question set an export carries, checked.
#[derive(Clone, Copy)]
pub(super) enum Carried {
    /// The same bytes are stored here or built in.
    Here,
    /// Its text, in the spool.
    Spooled(Piece),
}

impl Import<'_> {
    /// What to remember of the carried set `file` whose text is `text`: `None` when the
    /// text is not a set or not the one its name's digest asks for.
    pub(super) fn carried(&mut self, file: &str, text: &str) -> Result<Option<Carried>, Error> {
        // Only a copy whose bytes still match the digest in its name is the one asked.
        let qref = Questionnaire::parse(text.as_bytes(), file)
            .ok()
            .map(|q| QuestionnaireRef::of(&q))
            .filter(|r| r.file_name() == file);
        Ok(match qref {
            None => None,
            Some(r) if self.stored_set(&r).is_some() => Some(Carried::Here),
            Some(_) => Some(Carried::Spooled(self.keep(text.as_bytes())?)),
        })
    }

    /// Puts a carried set's text in the spool (made in the data folder when first needed).
    fn keep(&mut self, text: &[u8]) -> Result<Piece, Error> {
        let root = self.store.root();
        let mut spool = match self.spool.take() {
            Some(spool) => spool,
            None => {
                if !root.exists() {
                    fsio::ensure_private_dir(root).map_err(|e| self.spool_error(e))?;
                }
                Spool::new(root).map_err(|e| self.spool_error(e))?
            }
        };
        let piece = spool.put(text).map_err(|e| self.spool_error(e));
        self.spool = Some(spool);
        piece
    }

    /// The set stored here or built in (the store's cache holds a few parsed).
    pub(super) fn stored_set(&mut self, qref: &QuestionnaireRef) -> Option<Arc<Questionnaire>> {
        self.store.questionnaire_for(qref, &mut self.copies)
    }

    pub(super) fn set_for(&mut self, qref: &QuestionnaireRef) -> Option<Arc<Questionnaire>> {
        let file = qref.file_name();
        let Some(Some(Carried::Spooled(piece))) = self.sets.get(&file).copied() else {
            return self.stored_set(qref);
        };
        if let Some(at) = self.parsed.iter().position(|(f, _)| *f == file) {
            let held = self.parsed.remove(at);
            self.parsed.push(held);
            return self.parsed.last().map(|(_, q)| q.clone());
        }
        let text = self.spool.as_ref()?.get(piece).ok()?;
        let q = Arc::new(Questionnaire::parse(&text, &file).ok()?);
        if self.parsed.len() >= SETS_HELD {
            self.parsed.remove(0);
        }
        self.parsed.push((file, q.clone()));
        Some(q)
    }
}
