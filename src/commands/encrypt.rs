//! `selfcheck encrypt`: every stored file sealed to a new key, the key files written first
//! (`decrypt.rs` and `passphrase.rs` are its siblings). Like them it takes the busy lock (one
//! at a time) and the form lock exclusive (no save half-way, `store/form.rs`) before it reads
//! or writes a key file, and decides everything that can refuse before it creates anything.

use crate::base::error::{self, Error};
use crate::store::{pause, KEY_FILE, RECIPIENT_FILE};

use super::context::forms::{key_state, plural};
use super::context::keys::{on_terminal, tell};
use super::Context;

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
