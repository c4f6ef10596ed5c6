//! The files that encryption converts (every folder of stored files, and the draft), which
//! key files are there, and what `doctor` says about the keys and the files' forms.

use std::path::PathBuf;

use crate::base::error::Error;
use crate::journal::{JOURNAL_DIR, JOURNAL_TRASH_DIR};
use crate::store::{
    Converted, FileProblem, CHECKINS_DIR, KEY_FILE, NEXT_KEY_FILE, QUESTIONNAIRES_DIR,
    RECIPIENT_FILE, TRASH_DIR,
};

use super::Context;

/// Every folder of stored files.
pub(in crate::commands) const FOLDERS: &[&str] = &[
    CHECKINS_DIR,
    TRASH_DIR,
    QUESTIONNAIRES_DIR,
    JOURNAL_DIR,
    JOURNAL_TRASH_DIR,
];
/// Stored files in the data directory itself.
pub(in crate::commands) const ROOT_FILES: &[&str] = &[crate::checkin::draft::DRAFT_FILE];

pub(in crate::commands) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Which key files are there: (`key.age`, `recipient.txt`).
pub(in crate::commands) fn key_state(ctx: &Context) -> (bool, bool) {
    let root = ctx.store.root();
    (
        root.join(KEY_FILE).symlink_metadata().is_ok(),
        root.join(RECIPIENT_FILE).symlink_metadata().is_ok(),
    )
}

impl Context {
    /// Converts every stored file (the caller holds the form lock, so nothing new lands).
    pub(in crate::commands) fn convert_all(&self, to_sealed: bool) -> Result<Converted, Error> {
        let done = self.store.convert(FOLDERS, ROOT_FILES, to_sealed)?;
        self.warn_files(&done.problems);
        Ok(done)
    }

    pub(in crate::commands) fn warn_files(&self, problems: &[FileProblem]) {
        for p in problems {
            self.say(&format!(
                "warning: {}: {}; the file was left as it is.",
                p.path.display(),
                p.problem
            ));
        }
    }

    /// Files in the data folder that selfcheck did not make (sync tools' copies, files put
    /// there by hand): named after `encrypt`, which never deletes them, as they may hold
    /// answers in the clear.
    pub(in crate::commands) fn tell_foreign_files(&self) {
        for (path, what) in self.store.foreign_files(FOLDERS) {
            self.say(&format!(
                "warning: {}: {what}. It is not a file selfcheck made, so it was not encrypted and may hold answers in the clear: look at it, and delete it yourself if you do not need it.",
                path.display()
            ));
        }
    }
}

/// What `doctor` says about the keys and the files' forms: a missing key, a recipient
/// without its key, key files that are links or not ours, and each file left in the other
/// form.
pub(in crate::commands) fn key_problems(ctx: &Context) -> Vec<(PathBuf, String)> {
    let store = &ctx.store;
    let root = store.root();
    let (key, recipient) = key_state(ctx);
    let mut problems = store.key_file_problems();
    let sealed_files = store.unconverted(FOLDERS, false);
    if !key && !sealed_files.is_empty() {
        problems.push((
            root.join(KEY_FILE),
            format!(
                "is missing: {} encrypted file{} cannot be opened without it. If you have a copy of key.age (a backup), put it back here",
                sealed_files.len(),
                plural(sealed_files.len())
            ),
        ));
    }
    match (key, recipient) {
        (false, true) => problems.push((
            root.join(RECIPIENT_FILE),
            "is here without key.age: new files would be encrypted to a key that is not here. If you have key.age, put it back; otherwise move recipient.txt away".to_string(),
        )),
        (true, false) => problems.push((
            root.join(RECIPIENT_FILE),
            "is missing, so new files may be saved unencrypted: run `selfcheck encrypt` to finish".to_string(),
        )),
        _ => {}
    }
    if root.join(NEXT_KEY_FILE).symlink_metadata().is_ok() {
        problems.push((
            root.join(NEXT_KEY_FILE),
            "is here: a `selfcheck passphrase --rotate` was stopped before it finished (every file still opens); run it again to finish".to_string(),
        ));
    }
    if recipient {
        for path in store.unconverted(FOLDERS, true) {
            problems.push((
                path,
                "is not encrypted, though your data is: run `selfcheck encrypt` to finish"
                    .to_string(),
            ));
        }
    } else if !key {
        for path in sealed_files {
            problems.push((
                path,
                "is encrypted, though your data is not: run `selfcheck decrypt` to finish"
                    .to_string(),
            ));
        }
    }
    problems
}
