//! `selfcheck decrypt`: every file must open before any is changed; the key files go last.
//! Takes the busy lock and the form lock exclusive, as `encrypt` does.

use crate::base::error::{self, Error};
use crate::store::{pause, KEY_FILE, NEXT_KEY_FILE, RECIPIENT_FILE};

use super::context::forms::{plural, FOLDERS, ROOT_FILES};
use super::context::keys::tell;
use super::Context;

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
