//! Entries from elsewhere (an import): read strictly, stored under their own ids, never
//! replacing a file, and never brought back from the journal's trash.

use super::Misread;
use std::io;

use super::{
    entry_bytes, io_error, tomorrow, JournalEntry, Substances, JOURNAL_DIR, JOURNAL_TRASH_DIR,
    MAX_ENTRY_BYTES,
};
use crate::base::error::Error;
use crate::base::fsio;
use crate::store::Store;

/// What storing an entry from elsewhere (an import) did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Stored {
    /// Added as a new file.
    Added,
    /// Already stored with the same content.
    Same,
    /// Stored with the same id but different content: left as it is.
    Conflict,
    /// Deleted here on purpose (in the journal's trash): not brought back by an import.
    InTrash,
}

/// Stores an entry as it is (checked already), under its own id; never replaces a file.
pub(crate) fn store_entry(store: &Store, entry: &JournalEntry) -> Result<Stored, Error> {
    let root = store.root();
    let dir = root.join(JOURNAL_DIR);
    let plain = format!("{}.json", entry.id);
    if store
        .find_stored(&root.join(JOURNAL_TRASH_DIR), &plain)
        .is_some()
    {
        return Ok(Stored::InTrash);
    }
    let existing = [plain.clone(), format!("{plain}.age")]
        .map(|n| dir.join(n))
        .into_iter()
        .find(|p| p.symlink_metadata().is_ok());
    if let Some(existing) = existing {
        let same = store
            .read_stored(&existing, MAX_ENTRY_BYTES)
            .ok()
            .and_then(|b| crate::base::json::parse(&b).ok())
            .and_then(|v| serde_json::from_value::<JournalEntry>(v).ok())
            .is_some_and(|stored| stored == *entry);
        return Ok(if same { Stored::Same } else { Stored::Conflict });
    }
    if !root.exists() {
        fsio::ensure_private_dir(root).map_err(|e| io_error("create the folder", root, e))?;
    }
    fsio::ensure_private_dir(&dir).map_err(|e| io_error("create the folder", &dir, e))?;
    let _guard = store.save_guard()?;
    let (name, bytes) = store.to_store(&plain, entry_bytes(entry)?)?;
    let path = dir.join(&name);
    match fsio::write_new(&dir, &name, &bytes) {
        Ok(_) => Ok(Stored::Added),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(Stored::Conflict),
        Err(e) => Err(io_error("save the journal entry", &path, e)),
    }
}

/// Reads one entry's JSON text strictly and checks it; every problem in words.
pub(crate) fn read_entry(text: &[u8], substances: &Substances) -> Result<JournalEntry, Misread> {
    let value = crate::base::json::parse(text).map_err(|e| Misread::NotAnEntry(e.to_string()))?;
    let entry: JournalEntry =
        serde_json::from_value(value).map_err(|e| Misread::NotAnEntry(e.to_string()))?;
    let problems = entry.problems(substances, tomorrow());
    if problems.is_empty() {
        Ok(entry)
    } else {
        Err(Misread::Wrong {
            id: entry.id,
            problems,
        })
    }
}
