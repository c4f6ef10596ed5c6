//! Journal entries in an import: each read as strictly as a stored one, then added under its
//! own id; one already there with the same content is skipped, one with different content is
//! a conflict, and nothing stored is changed.

use serde_json::value::RawValue;

use super::Import;
use crate::base::error::{Error, JournalError};
use crate::journal::{self, Stored, Substances};

impl Import<'_> {
    /// Checks one journal entry of the export and stores it, or notes why not.
    pub(super) fn entry(&mut self, i: usize, raw: &RawValue) -> Result<(), Error> {
        let Some(substances) = Substances::shared() else {
            return Err(JournalError::BuiltinDamaged(None).into());
        };
        match journal::read_entry(raw.get().as_bytes(), substances) {
            Ok(entry) => match journal::store_entry(self.store, &entry)? {
                Stored::Added => self.outcome.journal_imported += 1,
                Stored::Same => self.outcome.journal_already_there += 1,
                Stored::Conflict => self.outcome.conflict(format!("journal entry {}", entry.id)),
                Stored::InTrash => super::push(
                    &mut self.outcome.journal_in_trash,
                    entry.id,
                    &mut self.outcome.unnamed,
                ),
            },
            Err(why) => self.outcome.invalid(i, format!("(journal) {why}")),
        }
        Ok(())
    }
}
