//! `selfcheck encrypt`, `decrypt` and `passphrase`: the commands that change how the data is
//! stored. Each takes the busy lock (one at a time) and the form lock exclusive (no save
//! half-way, `store/form.rs`) before it reads or writes a key file, and decides everything
//! that can refuse before it creates anything.

use std::path::{Path, PathBuf};

use crate::error::{self, Error};
use crate::journal::{JOURNAL_DIR, JOURNAL_TRASH_DIR};
use crate::store::{
    pause, Converted, FileProblem, CHECKINS_DIR, KEY_FILE, NEXT_KEY_FILE, QUESTIONNAIRES_DIR,
    RECIPIENT_FILE, TRASH_DIR,
};

use super::keys::{on_terminal, tell};
use super::Context;

/// Every folder of stored files.
const FOLDERS: &[&str] = &[
    CHECKINS_DIR,
    TRASH_DIR,
    QUESTIONNAIRES_DIR,
    JOURNAL_DIR,
    JOURNAL_TRASH_DIR,
];
/// Stored files in the data directory itself.
const ROOT_FILES: &[&str] = &[crate::draft::DRAFT_FILE];

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Which key files are there: (`key.age`, `recipient.txt`).
fn key_state(ctx: &Context) -> (bool, bool) {
    let root = ctx.store.root();
    (
        root.join(KEY_FILE).symlink_metadata().is_ok(),
        root.join(RECIPIENT_FILE).symlink_metadata().is_ok(),
    )
}

impl Context {
    /// Converts every stored file (the caller holds the form lock, so nothing new lands).
    fn convert_all(&self, to_sealed: bool) -> Result<Converted, Error> {
        let done = self.store.convert(FOLDERS, ROOT_FILES, to_sealed)?;
        self.warn_files(&done.problems);
        Ok(done)
    }

    fn warn_files(&self, problems: &[FileProblem]) {
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
    fn tell_foreign_files(&self) {
        for (path, what) in self.store.foreign_files(FOLDERS) {
            self.say(&format!(
                "warning: {}: {what}. It is not a file selfcheck made, so it was not encrypted and may hold answers in the clear: look at it, and delete it yourself if you do not need it.",
                path.display()
            ));
        }
    }
}

/// `selfcheck encrypt`.
pub(super) fn encrypt(ctx: &Context) -> Result<u8, Error> {
    let store = &ctx.store;
    let root = store.root();
    // Everything that can refuse comes first: a refused encrypt creates nothing.
    let passphrase = match key_state(ctx) {
        (false, false) => {
            let backup = if ctx.passphrase_file.is_none() && on_terminal() {
                "If you have no copy yet, stop here (Ctrl-C) and make one first"
            } else {
                "Keep a copy somewhere safe"
            };
            tell(ctx, &format!(
                "Encrypting your data in {} with a passphrase.\nA lost passphrase cannot be recovered: without it nobody, you included, can open these files again. {backup}:\n  selfcheck export --format json --out selfcheck-backup.json",
                root.display()
            ));
            Some(ctx.new_passphrase(ctx.passphrase_file.as_deref(), "--passphrase-file")?)
        }
        (false, true) => {
            return Err(Error::Refused(format!(
                "{} is there but {} is not: files encrypted to it could never be opened. Nothing was changed; run `selfcheck doctor`.",
                root.join(RECIPIENT_FILE).display(),
                root.join(KEY_FILE).display()
            )))
        }
        (true, recipient) => {
            // The key proves which recipient is ours; without a passphrase to be had, an
            // already encrypted store is finished with its pinned recipient.
            if !recipient || ctx.can_unlock() {
                ctx.unlock()?;
            }
            None
        }
    };
    let _lock = store.lock_creating()?;
    let _form = store.form_change()?;
    pause("form::locked");
    match (key_state(ctx), passphrase) {
        ((false, false), Some(passphrase)) => store.create_keys(&passphrase)?,
        ((true, false), None) => {
            tell(ctx, "An earlier `selfcheck encrypt` or `decrypt` was stopped before it finished; encrypting with the key you have.");
            store.restore_recipient()?;
        }
        ((true, true), None) => {}
        _ => return Err(Error::Busy),
    }
    let done = ctx.convert_all(true)?;
    tell(ctx, &format!(
        "Encrypted {} file{} ({} already were). Saving a check-in or a log entry still needs no passphrase; reading asks for it once.",
        done.converted,
        plural(done.converted),
        done.already
    ));
    ctx.tell_foreign_files();
    Ok(if done.problems.is_empty() {
        error::exit::OK
    } else {
        error::exit::FAILED
    })
}

/// `selfcheck decrypt`: every file must open before any is changed; the key files go last.
pub(super) fn decrypt(ctx: &Context) -> Result<u8, Error> {
    let store = &ctx.store;
    let key = store.root().join(KEY_FILE);
    if key.symlink_metadata().is_err() {
        if store.unconverted(FOLDERS, false).is_empty() && !store.is_sealed() {
            ctx.say("Your data is not encrypted; nothing was changed.");
            return Ok(error::exit::OK);
        }
        return Err(Error::Refused(format!(
            "{} is missing, so your encrypted files cannot be opened; nothing was changed. If you have a copy of key.age (a backup), put it back there.",
            key.display()
        )));
    }
    let _lock = store.lock()?;
    ctx.unlock()?;
    let _form = store.form_change()?;
    pause("form::locked");
    let unreadable = store.unopenable(FOLDERS, ROOT_FILES);
    if !unreadable.is_empty() {
        ctx.warn_files(&unreadable);
        return Err(Error::Refused(format!(
            "{} file{} cannot be opened with your key (named above), so nothing was changed and your data stays encrypted. Run `selfcheck doctor` to see why.",
            unreadable.len(),
            plural(unreadable.len())
        )));
    }
    let done = ctx.convert_all(false)?;
    pause("decrypt::converted");
    let left = store.unconverted(FOLDERS, false);
    if !done.problems.is_empty() || !left.is_empty() {
        let n = done.problems.len().max(left.len());
        return Err(Error::Refused(format!(
            "{n} file{} could not be turned back into plain files, so your key was kept and new files are still encrypted; run `selfcheck decrypt` again, or `selfcheck doctor` to see why.",
            plural(n)
        )));
    }
    // No file is sealed any more, and no save can land before these are gone.
    for name in [RECIPIENT_FILE, NEXT_KEY_FILE, KEY_FILE] {
        store.remove_key_file(name)?;
    }
    tell(
        ctx,
        &format!(
            "Decrypted {} file{}: your data is plain files again.",
            done.converted,
            plural(done.converted)
        ),
    );
    Ok(error::exit::OK)
}

/// `selfcheck passphrase [--rotate]`.
pub(super) fn passphrase(
    ctx: &Context,
    new_file: Option<&Path>,
    rotate: bool,
) -> Result<u8, Error> {
    let store = &ctx.store;
    if store.root().join(KEY_FILE).symlink_metadata().is_err() {
        return Err(Error::Refused(
            "your data is not encrypted, so it has no passphrase; `selfcheck encrypt` sets one"
                .to_string(),
        ));
    }
    if !rotate && store.root().join(NEXT_KEY_FILE).symlink_metadata().is_ok() {
        // key.age still holds the old key, which opens the files not yet re-encrypted:
        // re-locking the new one in its place would lose them.
        return Err(Error::Refused(
            "a `selfcheck passphrase --rotate` was stopped before it finished; run it again to finish (it sets the new passphrase too). Nothing was changed.".to_string(),
        ));
    }
    let _lock = store.lock()?;
    ctx.unlock()?;
    let passphrase = ctx.new_passphrase(new_file, "--new-passphrase-file")?;
    if !rotate {
        store.rekey(&passphrase)?;
        tell(ctx, "Your passphrase is changed: key.age is now locked with the new one. A copy of key.age made before now (a backup, a sync peer) still opens with the old passphrase, and opens files saved from now on too. To make such copies useless, run `selfcheck passphrase --rotate`.");
        return Ok(error::exit::OK);
    }
    let _form = store.form_change()?;
    pause("form::locked");
    store.begin_rotation()?;
    pause("rotate::begun");
    let sealed = ctx.convert_all(true)?;
    let done = store.reseal(FOLDERS, ROOT_FILES)?;
    ctx.warn_files(&done.problems);
    if !sealed.problems.is_empty() || !done.problems.is_empty() {
        return Err(Error::Refused(
            "some files could not be encrypted to the new key (named above), so the old key was kept beside it; run `selfcheck passphrase --rotate` again, or `selfcheck doctor` to see why.".to_string(),
        ));
    }
    pause("rotate::resealed");
    store.finish_rotation(&passphrase)?;
    let n = done.converted + sealed.converted;
    tell(ctx, &format!(
        "A new key: {n} file{} encrypted again to it, and key.age holds it, locked with your new passphrase. An old copy of key.age opens nothing saved from now on; copies of files made before today still open with the old key and passphrase, so delete old backups you no longer need.",
        plural(n)
    ));
    Ok(error::exit::OK)
}

/// What `doctor` says about the keys and the files' forms: a missing key, a recipient
/// without its key, key files that are links or not ours, and each file left in the other
/// form.
pub(super) fn key_problems(ctx: &Context) -> Vec<(PathBuf, String)> {
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
