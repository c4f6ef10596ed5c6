//! `selfcheck passphrase [--rotate]`: a new passphrase for the same key, or a new key for
//! every file. Takes the busy lock and the form lock exclusive, as `encrypt` does.

use std::path::Path;

use crate::base::error::{self, Error};
use crate::store::{pause, KEY_FILE, NEXT_KEY_FILE};

use super::context::forms::{plural, FOLDERS, ROOT_FILES};
use super::context::keys::tell;
use super::Context;

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
